import { sql } from 'kysely';
import type { Trx } from '../../db/database.ts';
import type { Ctx, Principal } from '../../platform/context.ts';
import { batcher } from '../../platform/batch.ts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import { isFailure, notFound, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { idempotent, requestHash } from '../../platform/idempotency.ts';
import { emit } from '../../platform/outbox.ts';
import { addDays, localDate } from '../../platform/time.ts';
import { assertTransaction, inTransaction } from '../../platform/transaction.ts';
import type { MemberService } from '../members/index.ts';
import type { ProgramService } from '../programs/index.ts';
import { insufficientPoints } from './points.errors.ts';
import { forgetMember } from './points.erase.ts';
import { lotTerms } from './points.ts';
import * as repo from './points.repository.ts';
import type { ReasonCode, TBreakdownItem } from './points.schema.ts';
import type { EntryKind, LotRow } from './points.table.ts';
import { memberSections, type MemberDataSection } from '../../platform/member-data.ts';

const EXPIRING_WINDOW_DAYS = 30;
const DRAW_CHUNK = 200;

export interface Draw {
  lotId: string;
  points: number;
  pending: boolean;
}

interface EntryRefs {
  reasonCode?: string | null;
  note?: string | null;
  purchaseId?: string | null;
  returnId?: string | null;
  redemptionId?: string | null;
  storeId?: string | null;
  actor?: string | null;
  /** When the business event happened, if not now (a return recorded late). */
  occurredAt?: Date;
}

/** A drawn lot lapsed by `today` (the program's local day): closed by expiry, or past its last day. */
const lapsedOn = (today: string) => (d: { closed_reason: string | null; expires_on: string | null }) =>
  d.closed_reason === 'expired' || (d.expires_on !== null && d.expires_on < today);

export function pointsService(ctx: Ctx, deps: { programs: ProgramService; members: MemberService }) {
  // Balance reads arriving together are answered by one statement (platform/batch.ts).
  const balances = batcher((programId: string, asks: repo.BalanceAsk[]) => repo.balanceViews(ctx.root, programId, asks));

  /** Locks the member's balance row (serialising their ledger) and matures due pending lots. */
  async function lockAndRelease(trx: Trx, programId: string, memberId: string, now: Date) {
    assertTransaction(trx);
    const bal = await repo.lockBalance(trx, programId, memberId);
    if (!bal) return notFound('member', 'member_id');
    if (bal.next_release_at && bal.next_release_at.getTime() <= now.getTime()) {
      const r = await repo.releaseLots(trx, programId, memberId, now);
      await repo.applyBalance(trx, programId, memberId, { available: r.points, pending: -r.points }, { nextReleaseAt: r.next });
      bal.available += r.points;
      bal.pending -= r.points;
      bal.next_release_at = r.next;
    }
    return bal;
  }

  /** Plans draws on available lots, soonest-expiring first, for exactly `points`. */
  async function planSpend(trx: Trx, programId: string, memberId: string, points: number, skip?: string): Promise<Draw[]> {
    const draws: Draw[] = [];
    let need = points;
    let after: LotRow | undefined;
    while (need > 0) {
      const lots = await repo.availableLots(trx, programId, memberId, DRAW_CHUNK, after);
      for (const lot of lots) {
        if (lot.id === skip) continue;
        const take = Math.min(need, lot.remaining);
        draws.push({ lotId: lot.id, points: take, pending: false });
        need -= take;
        if (need === 0) break;
      }
      if (lots.length < DRAW_CHUNK) break;
      after = lots[lots.length - 1];
    }
    return draws;
  }

  async function writeDebit(trx: Trx, programId: string, memberId: string, kind: EntryKind, draws: Draw[], refs: EntryRefs, reason: 'spent' | 'expired' | 'reversed') {
    const points = draws.reduce((s, d) => s + d.points, 0);
    if (points === 0) return null;
    const entryId = newId('ent');
    await repo.insertEntry(trx, {
      program_id: programId, member_id: memberId, id: entryId, kind, direction: 'debit', points,
      reason_code: refs.reasonCode ?? null, note: refs.note ?? null, purchase_id: refs.purchaseId ?? null,
      return_id: refs.returnId ?? null, redemption_id: refs.redemptionId ?? null, lot_id: null,
      store_id: refs.storeId ?? null, actor: refs.actor ?? null, ...(refs.occurredAt ? { occurred_at: refs.occurredAt } : {}),
    });
    await repo.drawFromLots(trx, programId, memberId, entryId, draws, reason);
    return entryId;
  }

  const splitPending = (draws: Draw[]) => {
    const pending = draws.filter((d) => d.pending).reduce((s, d) => s + d.points, 0);
    return { pending, available: draws.reduce((s, d) => s + d.points, 0) - pending };
  };

  /**
   * Closes a member's open lots as expired (all of them, or those whose last valid day is
   * on or before asOf): one expire entry, the balance, and an outbox event under topic.
   */
  async function expireOpenLots(trx: Trx, programId: string, memberId: string, opts: { asOf?: string; topic: string; refs: EntryRefs }, now: Date) {
    const locked = await lockAndRelease(trx, programId, memberId, now);
    if (isFailure(locked)) return locked;
    let q = trx.selectFrom('point_lots').selectAll().where('program_id', '=', programId).where('member_id', '=', memberId).where(repo.isOpen);
    if (opts.asOf) q = q.where('expires_on', '<=', opts.asOf);
    const lots = await q.forUpdate().execute();
    const draws = lots.map((l) => ({ lotId: l.id, points: l.remaining, pending: l.pending }));
    const entryId = await writeDebit(trx, programId, memberId, 'expire', draws, opts.refs, 'expired');
    const split = splitPending(draws);
    const total = split.pending + split.available;
    // next_expiry_on is made exact again even when nothing was due (spending leaves it early)
    await repo.applyBalance(trx, programId, memberId, { pending: -split.pending, available: -split.available, expired: total }, { refreshExpiry: true });
    if (total > 0) {
      await emit(trx, {
        programId, topic: opts.topic, aggregateId: memberId,
        payload: {
          member_id: memberId, entry_id: entryId, points: total, reason: opts.refs.reasonCode, as_of: opts.asOf ?? null,
          lots: lots.map((l) => ({ lot_id: l.id, points: l.remaining, expires_on: l.expires_on })),
        },
      });
    }
    return { lots: lots.length, points: total };
  }

  const service = {
    /** Every row this module holds about the member: their copy of their data (PIPL 第四十五条; workflows/member-data-export.ts). */
    memberData: (programId: string, memberId: string): Promise<MemberDataSection[]> => memberSections(ctx.db, programId, memberId, [
      ['point_balances', '积分余额', 'Points balance'],
      ['point_lots', '积分批次', 'Points lots'],
      ['ledger_entries', '积分流水', 'Points ledger'],
      ['lot_draws', '积分扣减明细', 'Points drawn from lots'],
      ['lot_restores', '积分退回明细', 'Points restored to lots'],
      ['redemptions', '积分兑换（旧）', 'Points redemptions'],
    ]),
    /** An erasure: the notes people wrote on the member's ledger go, the books stay (points.erase.ts). How many texts. */
    forgetMember: (programId: string, memberId: string): Promise<number> => {
      assertTransaction(ctx.db);
      return forgetMember(ctx.db, programId, memberId);
    },
    lockAndRelease,

    /** Credits a new lot (an adjustment or any non-purchase award), inside trx. */
    async credit(trx: Trx, programId: string, memberId: string, points: number, kind: EntryKind, refs: EntryRefs, now = new Date()) {
      const settings = await deps.programs.settings(programId);
      if (isFailure(settings)) return settings;
      const bal = await lockAndRelease(trx, programId, memberId, now);
      if (isFailure(bal)) return bal;
      const terms = lotTerms(settings, now, now, 0);
      const lotId = newId('lot');
      const entryId = newId('ent');
      await repo.insertLot(trx, {
        program_id: programId, member_id: memberId, id: lotId, source: 'adjustment', points, remaining: points, pending: false,
        available_at: terms.availableAt, expires_on: terms.expiresOn, expires_at: terms.expiresAt, purchase_id: null,
        notice_sent_at: null, closed_reason: null, earned_at: now,
      });
      await repo.insertEntry(trx, {
        program_id: programId, member_id: memberId, id: entryId, kind, direction: 'credit', points,
        reason_code: refs.reasonCode ?? null, note: refs.note ?? null, purchase_id: null, return_id: null, redemption_id: null,
        lot_id: lotId, store_id: refs.storeId ?? null, actor: refs.actor ?? null,
      });
      await repo.applyBalance(trx, programId, memberId, { available: points, lifetime_earned: points }, { lotExpiresOn: terms.expiresOn });
      return { entryId, lotId, expiresOn: terms.expiresOn, balanceAfter: bal.available + points };
    },

    /**
     * Credits points the program grants itself (a campaign's award): a lot and an adjust
     * entry with a reason code (not one of the API's adjustment reasons) and the reference
     * in its note, and a points.awarded event. Joins the caller's transaction.
     */
    async award(programId: string, memberId: string, points: number, refs: { reasonCode: string; reference: string; note?: string | null; actor?: string | null }, now = new Date()) {
      return inTransaction(ctx.db, async (trx) => {
        const r = await service.credit(trx, programId, memberId, points, 'adjust', { reasonCode: refs.reasonCode, note: refs.note ?? refs.reference, actor: refs.actor ?? null }, now);
        if (isFailure(r)) return r;
        await emit(trx, {
          programId, topic: 'points.awarded', aggregateId: memberId,
          payload: { member_id: memberId, entry_id: r.entryId, points, reason_code: refs.reasonCode, reference: refs.reference, balance_after: r.balanceAfter, expires_on: r.expiresOn },
        });
        return r;
      });
    },

    /** Spends exactly `points` of available points, or answers insufficient_points. */
    async debit(trx: Trx, programId: string, memberId: string, points: number, kind: EntryKind, refs: EntryRefs, now = new Date()) {
      const bal = await lockAndRelease(trx, programId, memberId, now);
      if (isFailure(bal)) return bal;
      if (bal.available < points) return insufficientPoints(bal.available, points);
      const draws = await planSpend(trx, programId, memberId, points);
      const entryId = await writeDebit(trx, programId, memberId, kind, draws, refs, 'spent');
      await repo.applyBalance(trx, programId, memberId, { available: -points, spent: points });
      return { entryId: entryId!, balanceAfter: bal.available - points };
    },

    /**
     * Gives back what a debit (a redemption) drew: to the very lots it came from while they
     * are still valid, and for lots that expired meanwhile (their last day before today, or
     * closed by expiry) either to one fresh lot with the program's expiry from now
     * ('fresh_lot') or not at all ('forfeit': they would have expired anyway). Credits are
     * 'redeem' credits (a redemption undone), so they count against spent, not as earned.
     * The caller makes sure a debit is restored once (its own guarded status change).
     */
    /**
     * What cancelling a redemption would give back now (restoreDraws' figure, read without
     * locks, for a preview): the points drawn from lots still valid, and from lapsed ones
     * only when the rewards setting gives them a fresh lot.
     */
    async restorable(programId: string, memberId: string, entryId: string, expired: 'fresh_lot' | 'forfeit', now = new Date()): Promise<Result<number>> {
      const settings = await deps.programs.settings(programId);
      if (isFailure(settings)) return settings;
      const lapsed = lapsedOn(localDate(now, settings.timeZone));
      return (await repo.drawsSeen(ctx.db, programId, memberId, entryId)).filter((d) => expired === 'fresh_lot' || !lapsed(d)).reduce((n, d) => n + Number(d.points), 0);
    },

    async restoreDraws(trx: Trx, programId: string, memberId: string, entryId: string, expired: 'fresh_lot' | 'forfeit', refs: EntryRefs, now = new Date()) {
      const settings = await deps.programs.settings(programId);
      if (isFailure(settings)) return settings;
      const bal = await lockAndRelease(trx, programId, memberId, now);
      if (isFailure(bal)) return bal;
      const today = localDate(now, settings.timeZone);
      const draws = await repo.drawsOf(trx, programId, memberId, entryId);
      const lapsed = lapsedOn(today);
      const back = draws.filter((d) => !lapsed(d)).map((d) => ({ lotId: d.lot_id, points: Number(d.points), expiresOn: d.expires_on }));
      const late = draws.filter(lapsed).reduce((s, d) => s + Number(d.points), 0);
      const credit = (id: string, points: number, lotId: string | null) => repo.insertEntry(trx, {
        program_id: programId, member_id: memberId, id, kind: 'redeem', direction: 'credit', points,
        reason_code: refs.reasonCode ?? null, note: refs.note ?? null, purchase_id: null, return_id: null, redemption_id: refs.redemptionId ?? null,
        lot_id: lotId, store_id: refs.storeId ?? null, actor: refs.actor ?? null,
      });
      const restored = back.reduce((s, d) => s + d.points, 0);
      const out = { restored, fresh: 0, forfeited: 0, restoreEntryId: null as string | null, freshEntryId: null as string | null, freshLotId: null as string | null, freshExpiresOn: null as string | null };
      if (restored > 0) {
        out.restoreEntryId = newId('ent');
        await credit(out.restoreEntryId, restored, null);
        await repo.restoreToLots(trx, programId, memberId, out.restoreEntryId, back);
        const soonest = back.map((d) => d.expiresOn).filter((d): d is string => d !== null).sort()[0] ?? null;
        await repo.applyBalance(trx, programId, memberId, { available: restored, spent: -restored }, { lotExpiresOn: soonest });
      }
      if (late > 0 && expired === 'forfeit') out.forfeited = late;
      if (late > 0 && expired === 'fresh_lot') {
        const terms = lotTerms(settings, now, now, 0);
        out.fresh = late;
        out.freshLotId = newId('lot');
        out.freshEntryId = newId('ent');
        out.freshExpiresOn = terms.expiresOn;
        await repo.insertLot(trx, {
          program_id: programId, member_id: memberId, id: out.freshLotId, source: 'adjustment', points: late, remaining: late, pending: false,
          available_at: terms.availableAt, expires_on: terms.expiresOn, expires_at: terms.expiresAt, purchase_id: null,
          notice_sent_at: null, closed_reason: null, earned_at: now,
        });
        await credit(out.freshEntryId, late, out.freshLotId);
        await repo.applyBalance(trx, programId, memberId, { available: late, spent: -late }, { lotExpiresOn: terms.expiresOn });
      }
      return { ...out, balanceAfter: bal.available + restored + out.fresh };
    },

    /**
     * Takes back up to `points` a purchase earned: from the purchase's own lot first, then
     * the member's other pending points (not yet spendable), then available ones, soonest
     * expiring first. What the member has already spent cannot be taken and is reported
     * as unrecovered rather than driving the balance negative.
     */
    async reverse(trx: Trx, programId: string, memberId: string, points: number, ownLotId: string | null, refs: EntryRefs, now = new Date()) {
      const locked = await lockAndRelease(trx, programId, memberId, now);
      if (isFailure(locked)) return locked;
      const draws: Draw[] = [];
      let need = points;
      const take = (lot: { id: string; remaining: number; pending: boolean }) => {
        const n = Math.min(need, lot.remaining);
        if (n > 0) draws.push({ lotId: lot.id, points: n, pending: lot.pending });
        need -= n;
      };
      if (ownLotId) {
        const own = await trx.selectFrom('point_lots').select(['id', 'remaining', 'pending'])
          .where('program_id', '=', programId).where('member_id', '=', memberId).where('id', '=', ownLotId).forUpdate().executeTakeFirst();
        if (own) take(own);
      }
      if (need > 0) for (const lot of await repo.pendingLots(trx, programId, memberId)) if (lot.id !== ownLotId && need > 0) take(lot);
      if (need > 0) for (const d of await planSpend(trx, programId, memberId, need, ownLotId ?? undefined)) take({ id: d.lotId, remaining: d.points, pending: false });
      const entryId = await writeDebit(trx, programId, memberId, 'return', draws, refs, 'reversed');
      const split = splitPending(draws);
      const recovered = split.pending + split.available;
      await repo.applyBalance(trx, programId, memberId, { pending: -split.pending, available: -split.available, reversed: recovered });
      return { entryId, recovered, unrecovered: points - recovered };
    },

    async redeem(programId: string, memberId: string, input: { points: number; description?: string | null }, actor: Principal, key: string | undefined) {
      return idempotent(ctx.db, { programId, scope: 'redemption', key, hash: requestHash({ memberId, ...input }) }, async (trx) => {
        const status = await deps.members.requireStatus(programId, memberId, ['active']);
        if (isFailure(status)) return status;
        const id = newId('rdm');
        const now = new Date();
        await trx.insertInto('redemptions').values({
          program_id: programId, member_id: memberId, id, points: input.points, description: input.description ?? null, actor: actor.keyId,
        }).execute();
        const r = await service.debit(trx, programId, memberId, input.points, 'redeem', { redemptionId: id, note: input.description, actor: actor.keyId, storeId: actor.storeId }, now);
        if (isFailure(r)) return r;
        const body = { id, member_id: memberId, points: input.points, description: input.description ?? null, balance_after: r.balanceAfter, created_at: now.toISOString() };
        await emit(trx, { programId, topic: 'points.redeemed', aggregateId: memberId, payload: { ...body, entry_id: r.entryId } });
        return { status: 201, body };
      });
    },

    async adjust(programId: string, memberId: string, input: { direction: 'credit' | 'debit'; points: number; reason_code: ReasonCode; note: string }, actor: Principal, key: string | undefined) {
      return idempotent(ctx.db, { programId, scope: 'adjustment', key, hash: requestHash({ memberId, ...input }) }, async (trx) => {
        const status = await deps.members.requireStatus(programId, memberId, ['active', 'suspended']);
        if (isFailure(status)) return status;
        const refs = { reasonCode: input.reason_code, note: input.note, actor: actor.keyId };
        const r = input.direction === 'credit'
          ? await service.credit(trx, programId, memberId, input.points, 'adjust', refs)
          : await service.debit(trx, programId, memberId, input.points, 'adjust', refs);
        if (isFailure(r)) return r;
        const body = { id: r.entryId, member_id: memberId, ...input, balance_after: r.balanceAfter, created_at: new Date().toISOString() };
        await emit(trx, { programId, topic: 'points.adjusted', aggregateId: memberId, payload: { ...body, actor: actor.keyId } });
        return { status: 201, body };
      });
    },

    async balance(programId: string, memberId: string, now = new Date()) {
      const settings = await deps.programs.settings(programId);
      if (isFailure(settings)) return settings;
      const today = localDate(now, settings.timeZone);
      const ask = { memberId, now, from: today, to: addDays(today, EXPIRING_WINDOW_DAYS) };
      // Inside a caller's transaction the read joins it; a batch runs on its own.
      const row = ctx.db.isTransaction ? (await repo.balanceViews(ctx.db, programId, [ask]))[0] : await balances.load(programId, ask);
      if (!row) return notFound('member', 'member_id');
      // Pending lots already due but not yet released by a write or the job count as available.
      const byDate = (row.soon ?? []).map((r) => ({ date: r.date, points: Number(r.points) }));
      return {
        member_id: memberId,
        available: row.available + Number(row.due),
        pending: row.pending - Number(row.due),
        expiring_soon: { within_days: EXPIRING_WINDOW_DAYS, points: byDate.reduce((s, r) => s + r.points, 0), by_date: byDate },
        lifetime_earned: row.lifetime_earned,
        spent: row.spent,
        expired: row.expired,
        reversed: row.reversed,
        as_of: now.toISOString(),
      };
    },

    async lots(programId: string, memberId: string, openOnly: boolean, now = new Date()) {
      if (!(await deps.members.exists(programId, memberId))) return notFound('member', 'member_id');
      let q = ctx.db.selectFrom('point_lots').selectAll().where('program_id', '=', programId).where('member_id', '=', memberId);
      if (openOnly) q = q.where(repo.isOpen);
      // newest earned first: an imported purchase's lot sits at its sale's time, not the import's
      const rows = await q.orderBy('earned_at', 'desc').orderBy('id', 'desc').limit(500).execute();
      return rows.map((l) => ({
        id: l.id, source: l.source, points: l.points, remaining: l.remaining,
        state: l.remaining === 0 ? (l.closed_reason ?? ('spent' as const)) : l.pending && l.available_at > now ? ('pending' as const) : ('available' as const),
        available_at: l.available_at.toISOString(), expires_on: l.expires_on, purchase_id: l.purchase_id,
        earned_at: l.earned_at.toISOString(), created_at: l.created_at.toISOString(),
      }));
    },

    /** Points outstanding in the program (the liability): available and pending, from the stored balances. */
    async liability(programId: string) {
      const r = await ctx.db.selectFrom('point_balances').where('program_id', '=', programId)
        .select([sql<number>`coalesce(sum(available), 0)::bigint`.as('available'), sql<number>`coalesce(sum(pending), 0)::bigint`.as('pending')])
        .executeTakeFirstOrThrow();
      return { available: Number(r.available), pending: Number(r.pending) };
    },
    async statement(programId: string, memberId: string, limit: number, cursor?: string) {
      const c = cursor ? decodeCursor(cursor) : undefined;
      if (isFailure(c)) return c;
      if (!(await deps.members.exists(programId, memberId))) return notFound('member', 'member_id');
      let q = ctx.db.selectFrom('ledger_entries').selectAll().where('program_id', '=', programId).where('member_id', '=', memberId);
      if (c) {
        q = q.where((eb) => eb.or([eb('created_at', '<', c.at), eb.and([eb('created_at', '=', c.at), eb('id', '<', c.id)])]));
      }
      const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map((e) => ({
          id: e.id, kind: e.kind, direction: e.direction, points: e.points, reason_code: e.reason_code, note: e.note,
          purchase_id: e.purchase_id, return_id: e.return_id, redemption_id: e.redemption_id, lot_id: e.lot_id,
          store_id: e.store_id, actor: e.actor, occurred_at: e.occurred_at.toISOString(), created_at: e.created_at.toISOString(),
          breakdown: (e.breakdown as TBreakdownItem[] | null) ?? null,
        })),
        next_cursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
      };
    },

    /** Forfeits every open point of a member (on termination, 合同终止): an expire entry. */
    async forfeitAll(trx: Trx, programId: string, memberId: string, refs: EntryRefs, now = new Date()) {
      const r = await expireOpenLots(trx, programId, memberId, { topic: 'points.forfeited', refs }, now);
      return isFailure(r) ? r : r.points;
    },

    /** Opens new members' points accounts, in their enrolment's transaction. */
    async openAccounts(trx: Trx, programId: string, memberIds: string[]) {
      assertTransaction(trx);
      await repo.openAccounts(trx, programId, memberIds);
    },

    /** When a lot matures and expires (a purchase shows its points' dates). */
    lotDates: (programId: string, memberId: string, lotId: string) => repo.lotDates(ctx.db, programId, memberId, lotId),
    /** Locks the member's ledger for the caller's transaction: other writers for the member wait. */
    async lockLedger(trx: Trx, programId: string, memberId: string) {
      assertTransaction(trx);
      await repo.lockBalance(trx, programId, memberId);
    },

    /** Matures due pending lots for every member of a program that has some. */
    async releaseDue(programId: string, now = new Date()) {
      const due = await ctx.db.selectFrom('point_balances').select('member_id')
        .where('program_id', '=', programId).where('next_release_at', '<=', now).execute();
      let released = 0;
      for (const { member_id } of due) {
        const r = await inTransaction(ctx.db, (trx) => lockAndRelease(trx, programId, member_id, now));
        if (!isFailure(r)) released++;
      }
      return released;
    },

    /**
     * Expires lots whose last valid day is on or before asOf (a local date of the program),
     * then tells members about lots expiring within the notice days, once per lot.
     */
    async expire(programId: string, asOf: string, now = new Date()) {
      const settings = await deps.programs.settings(programId);
      if (isFailure(settings)) return settings;
      // next_expiry_on is never later than a member's earliest open lot, so this finds
      // everyone with something due (and a few whose mark is early, which it corrects).
      const members = await ctx.db.selectFrom('point_balances').select('member_id')
        .where('program_id', '=', programId).where('next_expiry_on', '<=', asOf).execute();
      let expiredLots = 0;
      let expiredPoints = 0;
      for (const { member_id: memberId } of members) {
        const r = await inTransaction(ctx.db, (trx) =>
          expireOpenLots(trx, programId, memberId, { asOf, topic: 'points.expired', refs: { reasonCode: 'expiry', note: `as of ${asOf}` } }, now));
        if (isFailure(r)) continue; // no balance row: nothing of theirs to expire
        expiredLots += r.lots;
        expiredPoints += r.points;
      }
      const notices = await inTransaction(ctx.db, async (trx) => {
        const lots = await repo.markNotices(trx, programId, asOf, addDays(asOf, settings.expiryNoticeDays), now);
        await emit(trx, lots.map((l) => ({
          programId, topic: 'points.expiring', aggregateId: l.member_id,
          payload: { member_id: l.member_id, lot_id: l.id, points: l.remaining, expires_on: l.expires_on },
        })));
        return lots.length;
      });
      return { as_of: asOf, expired_lots: expiredLots, expired_points: expiredPoints, notices_sent: notices };
    },
  };

  return service;
}

export type PointsService = ReturnType<typeof pointsService>;
