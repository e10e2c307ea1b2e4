import { sql } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import type { Channel, ConsentStateTable, ConsentTable, PolicyKind, Purpose } from './privacy.table.ts';
import type { Insertable } from 'kysely';

type H = Db | Trx;

export const findPolicy = (db: H, programId: string, id: string) =>
  db.selectFrom('policy_documents').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();

export const findVersion = (db: H, programId: string, kind: PolicyKind, version: number) =>
  db.selectFrom('policy_documents').selectAll().where('program_id', '=', programId).where('kind', '=', kind).where('version', '=', version).executeTakeFirst();

export function listPolicies(db: H, programId: string, f: { kind?: PolicyKind; status?: string }) {
  let q = db.selectFrom('policy_documents').selectAll().where('program_id', '=', programId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.status) q = q.where('status', '=', f.status as never);
  // drafts first, then versions newest first
  return q.orderBy('kind').orderBy(sql`version DESC NULLS FIRST`).orderBy('created_at', 'desc').execute();
}

/** Members who accepted each of these documents. */
export async function acceptedCounts(db: H, programId: string, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('policy_acceptances').select(['document_id', sql<number>`count(*)::int`.as('n')])
    .where('program_id', '=', programId).where('document_id', 'in', ids).groupBy('document_id').execute();
  return new Map(rows.map((r) => [r.document_id, r.n]));
}

/** Serialises publishing per program and kind (the version number is the next one). */
export const lockKind = (trx: Trx, programId: string, kind: PolicyKind) =>
  sql`SELECT pg_advisory_xact_lock(hashtext(${`policy:${programId}:${kind}`}))`.execute(trx);

export async function nextVersion(trx: Trx, programId: string, kind: PolicyKind): Promise<number> {
  const r = await trx.selectFrom('policy_documents').select(sql<number>`coalesce(max(version), 0)::int + 1`.as('v'))
    .where('program_id', '=', programId).where('kind', '=', kind).executeTakeFirstOrThrow();
  return r.v;
}

/** The version of a kind in force at an instant: the last one published by then. */
export const inForceAt = (db: H, programId: string, kind: PolicyKind, at: Date) =>
  db.selectFrom('policy_documents').selectAll().where('program_id', '=', programId).where('kind', '=', kind)
    .where('status', '<>', 'draft').where('published_at', '<=', at).orderBy('version', 'desc').limit(1).executeTakeFirst();

export const inForce = (db: H, programId: string) =>
  db.selectFrom('policy_documents').selectAll().where('program_id', '=', programId).where('status', '=', 'published').orderBy('kind').execute();

export const acceptances = (db: H, programId: string, memberId: string) =>
  db.selectFrom('policy_acceptances').selectAll().where('program_id', '=', programId).where('member_id', '=', memberId)
    .orderBy('accepted_at', 'desc').orderBy('version', 'desc').execute();

/** Records acceptances; one already recorded for a member and document is left as it is. */
export const insertAcceptances = (db: H, rows: { program_id: string; member_id: string; document_id: string; kind: PolicyKind; version: number; accepted_at: Date; channel: Channel; actor: string | null }[]) =>
  rows.length
    ? db.insertInto('policy_acceptances').values(rows).onConflict((oc) => oc.columns(['program_id', 'member_id', 'document_id']).doNothing()).returningAll().execute()
    : Promise.resolve([]);

export const findAcceptance = (db: H, programId: string, memberId: string, documentId: string) =>
  db.selectFrom('policy_acceptances').selectAll().where('program_id', '=', programId).where('member_id', '=', memberId).where('document_id', '=', documentId).executeTakeFirstOrThrow();

export const states = (db: H, programId: string, memberId: string) =>
  db.selectFrom('consent_states').selectAll().where('program_id', '=', programId).where('member_id', '=', memberId).execute();

export const lockState = (trx: Trx, programId: string, memberId: string, purpose: Purpose) =>
  trx.selectFrom('consent_states').selectAll().where('program_id', '=', programId).where('member_id', '=', memberId).where('purpose', '=', purpose).forUpdate().executeTakeFirst();

/** A first state row; none when another transaction wrote one meanwhile (the caller reads it again). */
export const insertState = async (trx: Trx, row: Insertable<ConsentStateTable>) =>
  (await trx.insertInto('consent_states').values(row).onConflict((oc) => oc.columns(['program_id', 'member_id', 'purpose']).doNothing()).returning('consent_id').execute()).length > 0;

export const updateState = (trx: Trx, row: Insertable<ConsentStateTable>) =>
  trx.updateTable('consent_states').set({ granted: row.granted, scope: row.scope ?? [], at: row.at, consent_id: row.consent_id, document_id: row.document_id, document_version: row.document_version })
    .where('program_id', '=', row.program_id).where('member_id', '=', row.member_id).where('purpose', '=', row.purpose).execute();

export const insertConsents = (db: H, rows: Insertable<ConsentTable>[]) =>
  rows.length ? db.insertInto('consents').values(rows).returningAll().execute() : Promise.resolve([]);

/** First states of members who have none (enrolment, import): a member who already has one keeps it. */
export const insertStates = (db: H, rows: Insertable<ConsentStateTable>[]) =>
  rows.length ? db.insertInto('consent_states').values(rows).onConflict((oc) => oc.columns(['program_id', 'member_id', 'purpose']).doNothing()).execute() : Promise.resolve([]);

export const history = (db: H, programId: string, memberId: string) =>
  db.selectFrom('consents').selectAll().where('program_id', '=', programId).where('member_id', '=', memberId)
    .orderBy('at', 'desc').orderBy('id', 'desc').execute();
