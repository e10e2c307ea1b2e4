import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import type { ReferralSettingsTable, ReferralStatus, ReferralTable, SignalKind } from './referral.table.ts';

// ---- codes

export const findCode = (db: Db | Trx, programId: string, memberId: string) =>
  db.selectFrom('referral_codes').select('code').where('program_id', '=', programId).where('member_id', '=', memberId).executeTakeFirst();

/** Inserts a member's code unless they have one (or the code is taken): undefined then. */
export const insertCode = (db: Db | Trx, programId: string, memberId: string, code: string) =>
  db.insertInto('referral_codes').values({ program_id: programId, member_id: memberId, code })
    .onConflict((oc) => oc.doNothing()).returning('code').executeTakeFirst();

export const ownerOfCode = (db: Db | Trx, programId: string, code: string) =>
  db.selectFrom('referral_codes').select('member_id').where('program_id', '=', programId).where('code', '=', code).executeTakeFirst();

/**
 * Locks the referrer's code row until the caller's transaction ends: links on one code
 * queue here, so the cap and burst counts each sees include every link before it.
 */
export const lockCode = (trx: Trx, programId: string, memberId: string) =>
  trx.selectFrom('referral_codes').select('code').where('program_id', '=', programId).where('member_id', '=', memberId).forUpdate().executeTakeFirst();

// ---- referrals

export const insertReferral = (trx: Trx, row: Insertable<ReferralTable>) =>
  trx.insertInto('referrals').values(row).onConflict((oc) => oc.columns(['program_id', 'friend_id']).doNothing()).returningAll().executeTakeFirst();

/** A referrer's referrals created at or after `since`, those in `statuses` only when given. */
export async function countSince(trx: Trx, programId: string, referrerId: string, since: Date, statuses?: ReferralStatus[]) {
  let q = trx.selectFrom('referrals').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('program_id', '=', programId).where('referrer_id', '=', referrerId).where('created_at', '>=', since);
  if (statuses) q = q.where('status', 'in', statuses);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export const findReferral = (db: Db | Trx, programId: string, id: string) =>
  db.selectFrom('referrals').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();

export const lockReferral = (trx: Trx, programId: string, id: string) =>
  trx.selectFrom('referrals').selectAll().where('program_id', '=', programId).where('id', '=', id).forUpdate().executeTakeFirst();

/** Changes a referral only while it is in one of `from`: the guard that makes a job's claim once. */
export const moveReferral = (db: Db | Trx, programId: string, id: string, from: ReferralStatus[], set: Updateable<ReferralTable>) =>
  db.updateTable('referrals').set(set).where('program_id', '=', programId).where('id', '=', id).where('status', 'in', from).returningAll().executeTakeFirst();

/** The program's referrals, blocked first (staff act on those), then newest first. */
export function listReferrals(db: Db | Trx, programId: string, status: ReferralStatus | undefined, limit: number) {
  let q = db.selectFrom('referrals').selectAll().where('program_id', '=', programId);
  if (status) q = q.where('status', '=', status);
  return q.orderBy(sql`status = 'blocked'`, 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export const byFriend = (db: Db | Trx, programId: string, friendId: string) =>
  db.selectFrom('referrals').selectAll().where('program_id', '=', programId).where('friend_id', '=', friendId).executeTakeFirst();

export const byReferrer = (db: Db | Trx, programId: string, referrerId: string) =>
  db.selectFrom('referrals').selectAll().where('program_id', '=', programId).where('referrer_id', '=', referrerId)
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute();

/** Referrals the reward job judges: pending or released. */
export const openReferrals = (db: Db | Trx, programId: string) =>
  db.selectFrom('referrals').selectAll().where('program_id', '=', programId).where('status', 'in', ['pending', 'released']).orderBy('id').execute();

// ---- signals

export async function insertSignals(db: Db | Trx, programId: string, memberId: string, signals: { kind: SignalKind; hash: string }[]) {
  if (!signals.length) return;
  await db.insertInto('referral_signals').values(signals.map((s) => ({ program_id: programId, member_id: memberId, kind: s.kind, value_hash: s.hash })))
    .onConflict((oc) => oc.doNothing()).execute();
}

export const signalsOf = (db: Db | Trx, programId: string, memberId: string) =>
  db.selectFrom('referral_signals').select(['kind', 'value_hash']).where('program_id', '=', programId).where('member_id', '=', memberId).execute();

// ---- settings

export const findSettings = (db: Db | Trx, programId: string) =>
  db.selectFrom('referral_settings').selectAll().where('program_id', '=', programId).executeTakeFirst();

export const upsertSettings = (db: Db | Trx, row: Insertable<ReferralSettingsTable>) => {
  const { program_id: _, ...set } = row;
  return db.insertInto('referral_settings').values(row)
    .onConflict((oc) => oc.column('program_id').doUpdateSet({ ...set, updated_at: new Date() })).returningAll().executeTakeFirstOrThrow();
};
