import { sql } from 'kysely';
import type { Trx } from '../../db/database.ts';
import type { Ctx, Principal } from '../../platform/context.ts';
import { conflict, forbidden, isFailure, notFound, unwrap, validation, type Result } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import { addDays, startOfDay } from '../../platform/time.ts';
import { newId } from '../../platform/ids.ts';
import { emit } from '../../platform/outbox.ts';
import { assertTransaction, inTransaction } from '../../platform/transaction.ts';
import { can } from '../../platform/auth.ts';
import { normalizeMobile } from '../../platform/validate.ts';
import type { ProgramService } from '../programs/index.ts';
import type { TierService } from '../tiers/index.ts';
import { duplicatePhone, MEMBER_MESSAGES, memberNotActive } from './member.errors.ts';
import * as repo from './member.repository.ts';
import { memberRights } from './member.rights.ts';
import { emailKey, memberSealed, sealClearEmails } from './member.sealed.ts';
import { memberViews } from './member.view.ts';
import type { PersonalField, TMember, TMemberCreate, TMemberQuery, TMemberUpdate } from './member.schema.ts';
import type { MemberLanguage, MemberStatus } from './member.table.ts';

// Allowed lifecycle moves (合同解除与终止): termination is final.
const MOVES: Record<'suspend' | 'reactivate' | 'terminate', { from: MemberStatus[]; to: MemberStatus }> = {
  suspend: { from: ['active'], to: 'suspended' },
  reactivate: { from: ['suspended'], to: 'active' },
  terminate: { from: ['active', 'suspended'], to: 'terminated' },
};
export type Move = keyof typeof MOVES;

/** What enrolment takes: the API's fields, and what an import or the demo knows besides (when the member joined). */
export type MemberInput = TMemberCreate & { tier_id?: string | null; store_id?: string | null; external_id?: string | null; enrolled_at?: Date };

export function memberService(ctx: Ctx, deps: { tiers: TierService; programs: ProgramService }) {
  const { vault } = ctx;

  const { personal, view } = memberViews(vault);

  function sealed(input: Partial<TMemberCreate>) {
    const out: Record<string, unknown> = {};
    if (input.phone !== undefined) {
      out.phone_enc = vault.encrypt(input.phone);
      out.phone_index = vault.blindIndex(input.phone);
    }
    if (input.id_number !== undefined) out.id_number_enc = input.id_number === null ? null : vault.encrypt(input.id_number);
    if (input.email !== undefined) {
      // never in clear again: the legacy column is cleared whenever the e-mail is written
      out.email = null;
      out.email_enc = input.email === null ? null : vault.encrypt(input.email);
      out.email_index = input.email === null ? null : vault.blindIndex(emailKey(input.email));
    }
    if (input.address !== undefined) out.address_enc = input.address === null ? null : vault.encrypt(input.address);
    for (const k of ['name', 'gender', 'birthday', 'language'] as const) if (input[k] !== undefined) out[k] = input[k];
    return out;
  }

  // Personal data is shown whole only to a caller that may read it ('pii.read': machines such
  // as an admin API key syncing a CRM); people, administrators too, see it masked and reveal
  // one member's fields with a purpose (workflows/reveal-member.ts).
  const reveals = (actor: Principal) => can(actor, 'pii.read');

  const service = {
    ...memberRights(ctx),
    /**
     * Inserts many members in the caller's transaction; phones already enrolled come back
     * in `duplicates`. Enrolment proper (with the member's points account) is the
     * enrol-members workflow.
     */
    async insertMany(programId: string, inputs: MemberInput[], actor: Principal) {
      const trx = ctx.db;
      assertTransaction(trx);
      const rows = inputs.map((input) => ({
        program_id: programId,
        id: newId('mem'),
        ...(sealed(input) as { phone_enc: string; phone_index: string }),
        marketing_consent_at: input.marketing_consent ? (input.enrolled_at ?? new Date()) : null,
        tier_id: input.tier_id ?? null,
        enrolled_store_id: input.store_id ?? null,
        external_id: input.external_id ?? null,
        status_reason: null,
        ...(input.enrolled_at ? { created_at: input.enrolled_at } : {}),
      }));
      const inserted = await repo.insertMembers(trx, rows);
      const ids = new Set(inserted.map((r) => r.id));
      await emit(trx, inserted.map((m) => ({ programId, topic: 'member.enrolled', aggregateId: m.id, payload: { member_id: m.id, actor: actor.keyId } })));
      return {
        created: rows.filter((r) => ids.has(r.id)).map((r) => r.id),
        duplicates: rows.flatMap((r, i) => (ids.has(r.id) ? [] : [i])),
      };
    },
    async get(programId: string, id: string, actor: Principal): Promise<Result<TMember>> {
      const row = await repo.findById(ctx.db, programId, id);
      if (!row) return notFound('member', 'member_id');
      return view(row, row.tier_id ? await deps.tiers.tierNames(programId) : new Map(), reveals(actor));
    },
    /** Members by id, in the order given (unknown ids left out), with phone and ID number masked: a list for a screen. */
    async masked(programId: string, ids: string[]): Promise<TMember[]> {
      if (!ids.length) return [];
      const rows = await ctx.db.selectFrom('members').selectAll().where('program_id', '=', programId).where('id', 'in', ids).execute();
      const tiers = rows.some((r) => r.tier_id) ? await deps.tiers.tierNames(programId) : new Map();
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.flatMap((id) => {
        const row = byId.get(id);
        return row ? [view(row, tiers, false)] : [];
      });
    },
    /**
     * The member's fields in clear, for a reveal (workflows/reveal-member.ts, which audits it
     * in the same transaction) — never a response of its own.
     */
    async reveal(programId: string, id: string, fields: readonly PersonalField[]): Promise<Result<Partial<Record<PersonalField, string | null>>>> {
      const row = await repo.findById(ctx.db, programId, id);
      if (!row) return notFound('member', 'member_id');
      const clear = personal(row);
      return Object.fromEntries(fields.map((f) => [f, clear[f]]));
    },
    /** The members' sealed values, for the key rotation (workflows/rotate-keys.ts). */
    sealed: memberSealed(ctx),
    /** Seals e-mails stored in clear before migration 019 (boot): how many. */
    sealClearEmails: () => sealClearEmails(ctx),
    /** The member's phone and resident ID in clear (never shown): what a self-referral check compares. */
    async identity(programId: string, id: string): Promise<{ phone: string; idNumber: string | null } | undefined> {
      const row = await ctx.db.selectFrom('members').select(['phone_enc', 'id_number_enc']).where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();
      return row && { phone: vault.decrypt(row.phone_enc), idNumber: row.id_number_enc ? vault.decrypt(row.id_number_enc) : null };
    },
    /**
     * The members' contact channels in clear, for sending a notification (the notifications
     * module seals what it keeps) — never an API answer. Erased members have none.
     */
    async contacts(programId: string, ids: string[]): Promise<Map<string, { phone: string | null; email: string | null; name: string | null; memberNo: string; status: MemberStatus; marketing: boolean; language: MemberLanguage }>> {
      if (!ids.length) return new Map();
      const rows = await ctx.db.selectFrom('members').select(['id', 'phone_enc', 'email_enc', 'name', 'member_no', 'status', 'marketing_consent_at', 'erased_at', 'language'])
        .where('program_id', '=', programId).where('id', 'in', ids).execute();
      return new Map(rows.map((r) => [r.id, {
        phone: r.erased_at ? null : vault.decrypt(r.phone_enc), email: !r.erased_at && r.email_enc ? vault.decrypt(r.email_enc) : null,
        name: r.name, memberNo: r.member_no, status: r.status, marketing: r.marketing_consent_at !== null, language: r.language,
      }]));
    },
    /** The language a member reads us in (the survey page opens in it); undefined for an unknown member. */
    async language(programId: string, id: string): Promise<MemberLanguage | undefined> {
      const row = await ctx.db.selectFrom('members').select('language').where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();
      return row?.language;
    },
    async exists(programId: string, id: string) {
      return (await repo.statusOf(ctx.db, programId, id)) !== undefined;
    },
    /** The member's status when they are one of allowed, or the typed failure: the check before points move. */
    async requireStatus(programId: string, id: string, allowed: MemberStatus[] = ['active']): Promise<Result<MemberStatus>> {
      const row = await repo.statusOf(ctx.db, programId, id);
      if (!row) return notFound('member', 'member_id');
      if (!allowed.includes(row.status)) return memberNotActive(row.status);
      return row.status;
    },
    /** Finds by phone, e-mail, member number or a free query: the first `limit`, none without one of them. */
    async find(programId: string, query: { phone?: string; email?: string; member_no?: string; q?: string; limit: number }, actor: Principal): Promise<TMember[]> {
      if (query.phone === undefined && query.email === undefined && query.member_no === undefined && !query.q) return [];
      return unwrap(await service.browse(programId, query, actor)).items;
    },
    /**
     * Finds by phone, e-mail, member number, or a free query (phone, e-mail, number or name
     * prefix); without any of them, lists the program's members. Either way newest enrolled
     * first, narrowed by the filters (status, current tier, local enrolment dates in the
     * program's time zone) and paged by cursor. Personal data masked as in every answer.
     */
    async browse(programId: string, query: TMemberQuery, actor: Principal): Promise<Result<{ items: TMember[]; next_cursor: string | null }>> {
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 'mem');
      if (isFailure(after)) return after;
      const tiers = await deps.tiers.tierNames(programId);
      if (query.tier_id && !tiers.has(query.tier_id)) return validation('tier_id', MEMBER_MESSAGES.unknown_tier());
      const where: repo.MemberWhere = {};
      let phone = query.phone;
      let memberNo = query.member_no;
      let email = query.email;
      if (query.q) {
        const asPhone = normalizeMobile(query.q);
        if (asPhone) phone = asPhone;
        else if (query.q.includes('@')) email = query.q;
        else if (/^\d{6,12}$/.test(query.q)) memberNo = query.q;
        else where.namePrefix = query.q;
      }
      const none = { items: [], next_cursor: null };
      if (phone !== undefined) {
        const n = normalizeMobile(phone);
        if (!n) return none;
        where.phoneIndex = vault.blindIndex(n);
      }
      // equality only: the blind index finds the whole address, never a part of it
      if (email !== undefined) where.emailIndex = vault.blindIndex(emailKey(email));
      if (memberNo !== undefined) where.memberNo = memberNo;
      // a till serves the member in front of it, found by what they show (PIPL 第六条: no more
      // than the purpose needs); paging through the whole membership is for people in the console
      const searching = where.phoneIndex !== undefined || where.emailIndex !== undefined || where.memberNo !== undefined || where.namePrefix !== undefined;
      // the same for a cashier at a store (门店收银): a search answers one page, and a name is
      // asked by more than its family name, so no paging or one-character prefix walks the base
      const till = actor.role === 'pos' || actor.role === 'store_staff';
      if (till && (!searching || query.cursor !== undefined || (where.namePrefix !== undefined && [...where.namePrefix].length < 2))) {
        return forbidden(MEMBER_MESSAGES.till_lists());
      }
      const filter: repo.MemberFilter = { status: query.status, tierId: query.tier_id };
      if (query.enrolled_from || query.enrolled_to) {
        const tz = await deps.programs.timeZone(programId);
        if (query.enrolled_from) filter.enrolledFrom = startOfDay(query.enrolled_from, tz);
        // to is a whole local day: up to the start of the next
        if (query.enrolled_to) filter.enrolledBefore = startOfDay(addDays(query.enrolled_to, 1), tz);
      }
      const rows = await repo.findBy(ctx.db, programId, where, filter, after, query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => view(r, tiers, reveals(actor))),
        next_cursor: !till && rows.length > query.limit && last ? encodeCursor(last.created_at, last.id) : null,
      };
    },
    async idByPhone(programId: string, phone: string) {
      return (await service.idsByPhones(programId, [phone])).get(phone);
    },
    /** Member ids of the phones (normalised) already enrolled, by phone: one query for a batch. */
    async idsByPhones(programId: string, phones: string[]): Promise<Map<string, string>> {
      if (!phones.length) return new Map();
      const byIndex = new Map(phones.map((p) => [vault.blindIndex(p), p]));
      const rows = await ctx.db.selectFrom('members').select(['id', 'phone_index'])
        .where('program_id', '=', programId).where('phone_index', 'in', [...byIndex.keys()]).execute();
      return new Map(rows.map((r) => [byIndex.get(r.phone_index)!, r.id]));
    },
    /** Member ids by their id in the system they were imported from. */
    async idsByExternalIds(programId: string, externalIds: string[]): Promise<Map<string, string>> {
      if (!externalIds.length) return new Map();
      const rows = await ctx.db.selectFrom('members').select(['id', 'external_id'])
        .where('program_id', '=', programId).where('external_id', 'in', externalIds).execute();
      return new Map(rows.map((r) => [r.external_id!, r.id]));
    },
    async idByMemberNo(programId: string, memberNo: string) {
      const row = await ctx.db.selectFrom('members').select('id').where('program_id', '=', programId).where('member_no', '=', memberNo).executeTakeFirst();
      return row?.id;
    },
    /** Corrects the profile; consent to marketing is not here: the record-consent workflow sets it (setMarketingConsent) with its history. */
    async update(programId: string, id: string, input: Omit<TMemberUpdate, 'marketing_consent' | 'sensitive_consent'>, actor: Principal): Promise<Result<TMember>> {
      if (input.phone !== undefined) {
        const other = await service.idByPhone(programId, input.phone);
        if (other && other !== id) return duplicatePhone();
      }
      const patch = sealed(input);
      if (Object.keys(patch).length) {
        const done = await inTransaction(ctx.db, async (trx) => {
          const r = await repo.updateMember(trx, programId, id, patch);
          if (r) await emit(trx, { programId, topic: 'member.updated', aggregateId: id, payload: { member_id: id, fields: Object.keys(input), actor: actor.keyId } });
          return r;
        });
        if (!done) return notFound('member', 'member_id');
      }
      return service.get(programId, id, actor);
    },
    /** Active members' ids, in id order: a campaign's target when it names no segment. */
    async activeIds(programId: string): Promise<string[]> {
      const rows = await ctx.db.selectFrom('members').select('id').where('program_id', '=', programId).where('status', '=', 'active').orderBy('id').execute();
      return rows.map((r) => r.id);
    },
    /** Ids of the members enrolled before `before`, whatever their status now: a campaign report's population. */
    async idsEnrolledBefore(programId: string, before: Date): Promise<string[]> {
      const rows = await ctx.db.selectFrom('members').select('id').where('program_id', '=', programId).where('created_at', '<', before).orderBy('id').execute();
      return rows.map((r) => r.id);
    },
    /**
     * Active members whose birthday falls on the local date `date` (YYYY-MM-DD): the same
     * month and day, and on 28 February of a year without a 29th, those born on the 29th.
     */
    async birthdaysOn(programId: string, date: string): Promise<{ member_id: string; birthday: string; tier_id: string | null }[]> {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
      const days = m === 2 && d === 28 && !leap ? [28, 29] : [d];
      const rows = await ctx.db.selectFrom('members').select(['id', 'birthday', 'tier_id'])
        .where('program_id', '=', programId).where('status', '=', 'active').where('birthday', 'is not', null)
        .where(sql<boolean>`extract(month FROM birthday) = ${m} AND extract(day FROM birthday) = ANY(${days}::int[])`)
        .orderBy('id').execute();
      return rows.map((r) => ({ member_id: r.id, birthday: r.birthday!, tier_id: r.tier_id }));
    },
    /**
     * Sets the member's consent to marketing (the one truth segments and sends read). The
     * privacy module keeps its history: the record-consent workflow calls this in the same
     * transaction. Consent keeps the time it was first given; withdrawing it clears the time.
     */
    async setMarketingConsent(programId: string, id: string, granted: boolean, at: Date) {
      await repo.updateMember(ctx.db, programId, id, { marketing_consent_at: granted ? (sql`coalesce(marketing_consent_at, ${at}::timestamptz)` as never) : null });
    },
    /** Which of these members consent to marketing (客户关怀 goes only to them). */
    async marketingConsent(programId: string, memberIds: string[]): Promise<Set<string>> {
      if (!memberIds.length) return new Set();
      const rows = await ctx.db.selectFrom('members').select('id').where('program_id', '=', programId)
        .where('id', 'in', memberIds).where('marketing_consent_at', 'is not', null).execute();
      return new Set(rows.map((r) => r.id));
    },
    /**
     * Sets the member's current tier (members.tier_id). The tiers module decides it and keeps
     * its history; the tier workflows call this in the same transaction.
     */
    async setTier(programId: string, id: string, tierId: string | null) {
      await repo.updateMember(ctx.db, programId, id, { tier_id: tierId });
    },
    /** Puts members in one tier at once (enrolment into the entry tier), in the caller's transaction. */
    async setTiers(programId: string, ids: string[], tierId: string | null) {
      assertTransaction(ctx.db);
      if (ids.length) await ctx.db.updateTable('members').set({ tier_id: tierId }).where('program_id', '=', programId).where('id', 'in', ids).execute();
    },
    /** The member's current tier and status, locked until the caller's transaction ends: before a tier change. */
    async lockTier(programId: string, id: string) {
      assertTransaction(ctx.db);
      return repo.lockTier(ctx.db, programId, id);
    },
    /** What tier evaluation needs of a member: current tier, status, and when they joined. */
    async tierInfo(programId: string, id: string) {
      return repo.tierInfo(ctx.db, programId, id);
    },
    /** A page of the program's members who are not terminated, by id after `after`: what tier jobs walk. */
    async tierPage(programId: string, after: string | null, limit: number) {
      return repo.tierPage(ctx.db, programId, after, limit);
    },
    /** How many members are not terminated: a tier job's total. */
    /** The program's members by status, and how many enrolled since an instant (the console's home page). */
    async counts(programId: string, enrolledSince: Date) {
      const r = await ctx.db.selectFrom('members').where('program_id', '=', programId)
        .select([
          sql<number>`count(*)::int`.as('total'),
          sql<number>`(count(*) FILTER (WHERE status = 'active'))::int`.as('active'),
          sql<number>`(count(*) FILTER (WHERE created_at >= ${enrolledSince}))::int`.as('enrolled'),
        ]).executeTakeFirstOrThrow();
      return { total: r.total, active: r.active, enrolled: r.enrolled };
    },
    async countLive(programId: string) {
      return repo.countLive(ctx.db, programId);
    },
    /** Whether the member may make this move now, nothing locked (a preview of it); the same refusals as changeStatus. */
    async checkMove(programId: string, id: string, move: Move): Promise<Result<{ from: MemberStatus; to: MemberStatus }>> {
      const rule = MOVES[move];
      const row = await repo.statusOf(ctx.db, programId, id);
      if (!row) return notFound('member', 'member_id');
      if (!rule.from.includes(row.status)) return conflict(MEMBER_MESSAGES.bad_move({ from: row.status, to: rule.to }), 'status');
      return { from: row.status, to: rule.to };
    },
    /**
     * Moves a member along the lifecycle in the caller's transaction, with its history row
     * and event. Termination also settles what the member holds: workflows/terminate-member.ts.
     */
    async changeStatus(trx: Trx, programId: string, id: string, move: Move, reason: string, actor: Principal): Promise<Result<{ from: MemberStatus; to: MemberStatus }>> {
      assertTransaction(trx);
      const rule = MOVES[move];
      const row = await repo.lockMember(trx, programId, id);
      if (!row) return notFound('member', 'member_id');
      if (!rule.from.includes(row.status)) return conflict(MEMBER_MESSAGES.bad_move({ from: row.status, to: rule.to }), 'status');
      await repo.updateMember(trx, programId, id, { status: rule.to, status_reason: reason });
      await repo.insertStatusChange(trx, { program_id: programId, member_id: id, from_status: row.status, to_status: rule.to, reason, actor: actor.keyId });
      await emit(trx, { programId, topic: `member.${rule.to}`, aggregateId: id, payload: { member_id: id, from: row.status, to: rule.to, reason, actor: actor.keyId } });
      return { from: row.status, to: rule.to };
    },
  };
  return service;
}
export type MemberService = ReturnType<typeof memberService>;
