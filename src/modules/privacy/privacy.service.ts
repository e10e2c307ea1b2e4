import type { Ctx, Principal } from '../../platform/context.ts';
import type { Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { emit } from '../../platform/outbox.ts';
import { assertTransaction, inTransaction } from '../../platform/transaction.ts';
import { policyNotDraft, policyNotInForce, policyUnknown, policyVersionUnknown } from './privacy.errors.ts';
import * as repo from './privacy.repository.ts';
import {
  PURPOSES, type TAcceptance, type TAcceptanceCreate, type TConsent, type TConsentState, type TPolicy, type TPolicyCreate, type TPolicyUpdate,
} from './privacy.schema.ts';
import type { AcceptanceRow, Channel, ConsentRow, ConsentStateRow, PolicyKind, PolicyRow, Purpose, SensitiveKind } from './privacy.table.ts';
import { ERASED_TEXT, memberSections, type MemberDataSection } from '../../platform/member-data.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const toPolicy = (r: PolicyRow, accepted: number): TPolicy => ({
  id: r.id, kind: r.kind, version: r.version, title: r.title, title_en: r.title_en, body: r.body, body_en: r.body_en, summary: r.summary,
  status: r.status, published_at: iso(r.published_at), published_by: r.published_by, accepted, created_at: r.created_at.toISOString(), updated_at: r.updated_at.toISOString(),
});
const toAcceptance = (r: AcceptanceRow): TAcceptance => ({
  document_id: r.document_id, kind: r.kind, version: r.version, accepted_at: r.accepted_at.toISOString(), channel: r.channel, actor: r.actor,
});
const toConsent = (r: ConsentRow): TConsent => ({
  id: r.id, purpose: r.purpose, granted: r.granted, scope: r.scope, at: r.at.toISOString(), document_id: r.document_id,
  document_version: r.document_version, channel: r.channel, actor: r.actor, note: r.note,
});
const toState = (purpose: Purpose, r: ConsentStateRow | undefined): TConsentState => ({
  purpose, granted: r?.granted ?? false, scope: r?.scope ?? [], at: iso(r?.at ?? null), document_version: r?.document_version ?? null, consent_id: r?.consent_id ?? null,
});
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
// a statement takes at most 65 535 parameters: an import's batch is written in slices
const SLICE = 2_000;
const slices = <T>(rows: T[]) => Array.from({ length: Math.ceil(rows.length / SLICE) }, (_, i) => rows.slice(i * SLICE, (i + 1) * SLICE));

/** A consent to record: given or withdrawn, when, where and by whom. */
export interface ConsentInput {
  purpose: Purpose;
  granted: boolean;
  /** sensitive: the kinds it is about (absent on a withdrawal: all) */
  scope?: SensitiveKind[];
  channel: Channel;
  note?: string | null;
  actor: string | null;
  at: Date;
}

export function privacyService(ctx: Ctx) {
  async function withCounts(programId: string, rows: PolicyRow[]) {
    const counts = await repo.acceptedCounts(ctx.db, programId, rows.filter((r) => r.status !== 'draft').map((r) => r.id));
    return rows.map((r) => toPolicy(r, counts.get(r.id) ?? 0));
  }
  async function one(programId: string, id: string): Promise<Result<TPolicy>> {
    const row = await repo.findPolicy(ctx.db, programId, id);
    if (!row) return policyUnknown(id);
    return (await withCounts(programId, [row]))[0]!;
  }

  const service = {
    /** The member's copy (PIPL 第四十五条): acceptances, the consent history and its current state. */
    memberData: (programId: string, memberId: string): Promise<MemberDataSection[]> => memberSections(ctx.db, programId, memberId, [
      ['policy_acceptances', '政策确认记录', 'Policy acceptances'],
      ['consents', '同意记录', 'Consent history'],
      ['consent_states', '当前同意状态', 'Consents in force'],
    ]),
    /**
     * An erasure (PIPL 第四十七条), in the caller's transaction: the notes on the member's consent
     * history ("what the member said, or where it is written down") become ERASED_TEXT; each
     * consent keeps its purpose, outcome, scope, document version, channel, actor and time, the
     * record that processing had a basis while it lasted. How many notes.
     */
    async forgetMember(programId: string, memberId: string): Promise<number> {
      assertTransaction(ctx.db);
      const done = await ctx.db.updateTable('consents').set({ note: ERASED_TEXT })
        .where('program_id', '=', programId).where('member_id', '=', memberId)
        .where('note', 'is not', null).where('note', '<>', ERASED_TEXT).returning('id').execute();
      return done.length;
    },
    /** Every version of the program's documents (drafts first, then newest first), with how many members accepted each. */
    async policies(programId: string, f: { kind?: PolicyKind; status?: 'draft' | 'published' | 'superseded' } = {}) {
      return withCounts(programId, await repo.listPolicies(ctx.db, programId, f));
    },
    policy: one,
    /** The versions in force, one per kind that has one. */
    async inForce(programId: string): Promise<TPolicy[]> {
      return withCounts(programId, await repo.inForce(ctx.db, programId));
    },
    async createDraft(programId: string, input: TPolicyCreate, actor: Principal): Promise<TPolicy> {
      const row = await ctx.db.insertInto('policy_documents').values({
        program_id: programId, id: newId('pol'), kind: input.kind, version: null, title: input.title, title_en: input.title_en ?? null,
        body: input.body, body_en: input.body_en ?? null, summary: input.summary ?? null, published_at: null, published_by: null, created_by: actor.keyId,
      }).returningAll().executeTakeFirstOrThrow();
      return toPolicy(row, 0);
    },
    /** Edits a draft; a published version is never changed (a change is a new version). */
    async updateDraft(programId: string, id: string, patch: TPolicyUpdate): Promise<Result<TPolicy>> {
      const r = await inTransaction(ctx.db, async (trx) => {
        const row = await trx.selectFrom('policy_documents').selectAll().where('program_id', '=', programId).where('id', '=', id).forUpdate().executeTakeFirst();
        if (!row) return policyUnknown(id);
        if (row.status !== 'draft') return policyNotDraft(row.version);
        await trx.updateTable('policy_documents').set({ ...patch, updated_at: new Date() }).where('program_id', '=', programId).where('id', '=', id).execute();
        return id;
      });
      return typeof r === 'string' ? one(programId, id) : r;
    },
    /**
     * Publishes a draft as the kind's next version and supersedes the one in force (政策更新:
     * every member is asked to accept it at their next visit). Publishing is serialised per
     * program and kind, so concurrent publishes get consecutive versions.
     */
    async publish(programId: string, id: string, actor: Principal, now = new Date()): Promise<Result<TPolicy>> {
      const r = await inTransaction(ctx.db, async (trx) => {
        const kind = (await repo.findPolicy(trx, programId, id))?.kind;
        if (!kind) return policyUnknown(id);
        await repo.lockKind(trx, programId, kind);
        const row = (await repo.findPolicy(trx, programId, id))!;
        if (row.status !== 'draft') return policyNotDraft(row.version);
        const version = await repo.nextVersion(trx, programId, kind);
        await trx.updateTable('policy_documents').set({ status: 'superseded', updated_at: now })
          .where('program_id', '=', programId).where('kind', '=', kind).where('status', '=', 'published').execute();
        await trx.updateTable('policy_documents').set({ status: 'published', version, published_at: now, published_by: actor.name, updated_at: now })
          .where('program_id', '=', programId).where('id', '=', id).execute();
        await emit(trx, { programId, topic: 'policy.published', aggregateId: id, payload: { document_id: id, kind, version, actor: actor.keyId } });
        return id;
      });
      return typeof r === 'string' ? one(programId, id) : r;
    },

    /** Records that a member accepted the version in force; accepting it again changes nothing. */
    async accept(programId: string, memberId: string, ref: TAcceptanceCreate, actor: string | null, at = new Date()): Promise<Result<{ created: boolean; acceptance: TAcceptance }>> {
      const doc = ref.document_id ? await repo.findPolicy(ctx.db, programId, ref.document_id) : await repo.findVersion(ctx.db, programId, ref.kind!, ref.version!);
      if (!doc) return ref.document_id ? policyUnknown(ref.document_id) : policyVersionUnknown(ref.kind!, ref.version!);
      if (doc.status !== 'published') {
        const current = (await repo.inForce(ctx.db, programId)).find((d) => d.kind === doc.kind);
        return policyNotInForce(doc.kind, doc.version, current?.version ?? null, ref.document_id ? 'document_id' : 'version');
      }
      const [row] = await repo.insertAcceptances(ctx.db, [{ program_id: programId, member_id: memberId, document_id: doc.id, kind: doc.kind, version: doc.version!, accepted_at: at, channel: ref.channel, actor }]);
      return { created: row !== undefined, acceptance: toAcceptance(row ?? await repo.findAcceptance(ctx.db, programId, memberId, doc.id)) };
    },
    /** Members joining accept the versions in force when they joined (an enrolment, an import). */
    async acceptOnJoin(programId: string, joined: { memberId: string; at: Date }[], channel: Channel, actor: string | null) {
      if (!joined.length) return;
      const kinds = await repo.listPolicies(ctx.db, programId, {});
      const rows = joined.flatMap((j) => ['membership_agreement', 'privacy_policy'].flatMap((kind) => {
        const doc = kinds.filter((d) => d.kind === kind && d.status !== 'draft' && d.published_at! <= j.at).sort((a, b) => b.version! - a.version!)[0];
        return doc ? [{ program_id: programId, member_id: j.memberId, document_id: doc.id, kind: doc.kind, version: doc.version!, accepted_at: j.at, channel, actor }] : [];
      }));
      for (const slice of slices(rows)) await repo.insertAcceptances(ctx.db, slice);
    },
    /** Versions in force the member has not accepted (asked at their next visit). */
    async pending(programId: string, memberId: string): Promise<TPolicy[]> {
      const accepted = new Set((await repo.acceptances(ctx.db, programId, memberId)).map((a) => a.document_id));
      // counted only for what is pending (mostly nothing): not the whole program's acceptances on every member page
      return withCounts(programId, (await repo.inForce(ctx.db, programId)).filter((d) => !accepted.has(d.id)));
    },
    async acceptances(programId: string, memberId: string) {
      return (await repo.acceptances(ctx.db, programId, memberId)).map(toAcceptance);
    },

    /** The member's consent per purpose now (never recorded: not given). */
    async consents(programId: string, memberId: string): Promise<TConsentState[]> {
      const rows = new Map((await repo.states(ctx.db, programId, memberId)).map((r) => [r.purpose, r]));
      return PURPOSES.map((p) => toState(p, rows.get(p)));
    },
    async history(programId: string, memberId: string) {
      return (await repo.history(ctx.db, programId, memberId)).map(toConsent);
    },
    /** Whether the member's sensitive consent covers this kind now (PIPL art. 29). */
    async hasSensitive(programId: string, memberId: string, kind: SensitiveKind) {
      const s = (await repo.states(ctx.db, programId, memberId)).find((r) => r.purpose === 'sensitive');
      return s?.scope.includes(kind) ?? false;
    },

    /**
     * Appends a consent given or withdrawn, with the privacy policy version in force then,
     * and moves the current state, in one transaction. What already stands (a retry, consent
     * given again) adds nothing. The state row's lock lines up concurrent recordings.
     */
    async record(programId: string, memberId: string, c: ConsentInput): Promise<{ changed: boolean; state: TConsentState; consent: TConsent | null }> {
      return inTransaction(ctx.db, async (trx) => {
        for (;;) {
          const cur = await repo.lockState(trx, programId, memberId, c.purpose);
          const was = cur?.scope ?? [];
          const scope = c.purpose !== 'sensitive' ? [] : c.granted ? [...new Set([...was, ...c.scope!])].sort() : c.scope ? was.filter((k) => !c.scope!.includes(k)) : [];
          const granted = c.purpose === 'sensitive' ? scope.length > 0 : c.granted;
          if (cur && cur.granted === granted && sameSet(was, scope)) return { changed: false, state: toState(c.purpose, cur), consent: null };
          const doc = await repo.inForceAt(trx, programId, 'privacy_policy', c.at);
          const id = newId('cns', c.at.getTime());
          const state = { program_id: programId, member_id: memberId, purpose: c.purpose, granted, scope: scope as SensitiveKind[], at: c.at, consent_id: id, document_id: doc?.id ?? null, document_version: doc?.version ?? null };
          if (cur) await repo.updateState(trx, state);
          else if (!(await repo.insertState(trx, state))) continue; // another recording came first: judge against it
          const [row] = await repo.insertConsents(trx, [{
            program_id: programId, member_id: memberId, id, purpose: c.purpose, granted: c.granted, scope: c.scope ?? (c.granted ? [] : was),
            at: c.at, document_id: state.document_id, document_version: state.document_version, channel: c.channel, actor: c.actor, note: c.note ?? null,
          }]);
          await emit(trx, { programId, topic: 'consent.recorded', aggregateId: memberId, payload: { member_id: memberId, consent_id: id, purpose: c.purpose, granted, scope, actor: c.actor } });
          return { changed: true, state: toState(c.purpose, { ...state, scope: state.scope }), consent: toConsent(row!) };
        }
      });
    },
    /** First consents of members who just joined (enrolment, import), in the caller's transaction: history rows and states. */
    async recordOnJoin(programId: string, rows: { memberId: string; purpose: Purpose; scope?: SensitiveKind[]; at: Date; channel: Channel; actor: string | null; note?: string }[]) {
      if (!rows.length) return;
      const doc = await repo.listPolicies(ctx.db, programId, { kind: 'privacy_policy' });
      const history = rows.map((r) => {
        const d = doc.filter((x) => x.status !== 'draft' && x.published_at! <= r.at).sort((a, b) => b.version! - a.version!)[0];
        return {
          program_id: programId, member_id: r.memberId, id: newId('cns', r.at.getTime()), purpose: r.purpose, granted: true, scope: r.scope ?? [], at: r.at,
          document_id: d?.id ?? null, document_version: d?.version ?? null, channel: r.channel, actor: r.actor, note: r.note ?? null,
        };
      });
      for (const slice of slices(history)) {
        await repo.insertConsents(ctx.db, slice);
        await repo.insertStates(ctx.db, slice.map((h) => ({
          program_id: h.program_id, member_id: h.member_id, purpose: h.purpose, granted: true, scope: h.scope, at: h.at, consent_id: h.id, document_id: h.document_id, document_version: h.document_version,
        })));
      }
    },
  };
  return service;
}
export type PrivacyService = ReturnType<typeof privacyService>;
