import type { Ctx, Principal } from '../../platform/context.ts';
import { isFailure, notFound, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { emit, erasePayloadTexts } from '../../platform/outbox.ts';
import { localDate, startOfDay } from '../../platform/time.ts';
import { inTransaction } from '../../platform/transaction.ts';
import type { MemberService } from '../members/index.ts';
import type { ProgramService } from '../programs/index.ts';
import { groupedCode, newReferralCode } from './referral-code.ts';
import { alreadyReferred, codeInactive, codeUnknown, notBlocked, selfCode } from './referral.errors.ts';
import * as repo from './referral.repository.ts';
import type { TReferral, TReferralCode, TReferralSettings, TReferralSettingsUpdate } from './referral.schema.ts';
import type { BlockReason, ReferralRow, ReferralStatus, SignalKind, VoidReason } from './referral.table.ts';
import { ERASED_TEXT, memberSections, type MemberDataSection } from '../../platform/member-data.ts';

/** What a sign-up tells about the person: the self-referral checks compare it with the referrer's. */
export interface Signals { phone?: string | null; idNumber?: string | null; device?: string | null; payment?: string | null }

const DEFAULTS = { share_base_url: null, monthly_cap: 10, burst_count: 5, burst_minutes: 10, min_purchase_fen: 1 };
/** The order the identity checks are tried in, and the reason each gives. */
const SAME: [SignalKind, BlockReason][] = [['phone', 'same_phone'], ['resident_id', 'same_resident_id'], ['device', 'same_device'], ['payment_account', 'same_payment_account']];
/** Referrals that count towards the monthly cap: every one linked that month except those blocked (they are not paid). */
const CAPPED: ReferralStatus[] = ['pending', 'released', 'rewarded', 'void'];

export function referralService(ctx: Ctx, deps: { programs: ProgramService; members: MemberService }) {
  const hash = (kind: SignalKind, value: string) => ctx.vault.blindIndex(`referral:${kind}:${value.trim().toLowerCase()}`);
  const hashes = (s: Signals) => {
    const out: { kind: SignalKind; hash: string }[] = [];
    const add = (kind: SignalKind, v: string | null | undefined) => { if (v && v.trim()) out.push({ kind, hash: hash(kind, v) }); };
    add('phone', s.phone); add('resident_id', s.idNumber); add('device', s.device); add('payment_account', s.payment);
    return out;
  };

  async function view(programId: string, rows: ReferralRow[]): Promise<TReferral[]> {
    const ids = [...new Set(rows.flatMap((r) => [r.referrer_id, r.friend_id]))];
    const members = new Map((await deps.members.masked(programId, ids)).map((m) => [m.id, m]));
    const ref = (id: string) => ({ id, member_no: members.get(id)?.member_no ?? null, name: members.get(id)?.name ?? null });
    return rows.map((r) => ({
      id: r.id, referrer: ref(r.referrer_id), friend: ref(r.friend_id), code: r.code, status: r.status, block_reason: r.block_reason,
      released_by: r.released_by, release_reason: r.release_reason, released_at: r.released_at?.toISOString() ?? null,
      purchase_id: r.purchase_id, void_reason: r.void_reason, referrer_points: r.referrer_points, friend_points: r.friend_points,
      judged_at: r.judged_at?.toISOString() ?? null, created_at: r.created_at.toISOString(),
    }));
  }

  const service = {
    /** Every row this module holds about the member: their copy of their data (PIPL 第四十五条; workflows/member-data-export.ts). */
    async memberData(programId: string, memberId: string): Promise<MemberDataSection[]> {
      const own = await memberSections(ctx.db, programId, memberId, [
        ['referral_codes', '推荐码', 'Referral code'],
        ['referral_signals', '推荐风控信号（摘要）', 'Referral check signals (hashed)'],
      ]);
      const links = await ctx.db.selectFrom('referrals').selectAll().where('program_id', '=', programId)
        .where((eb) => eb.or([eb('referrer_id', '=', memberId), eb('friend_id', '=', memberId)])).orderBy('created_at').execute();
      return [...own, { table: 'referrals', title: { zh: '推荐关系', en: 'Referrals' }, rows: links }];
    },
    /**
     * An erased member's signals (hashes of their phone, ID, device, payment account) and
     * code go: no later sign-up is matched against them, and the code refers nobody. The
     * referral links stay (who brought whom is in the ledger's history), naming only ids and
     * codes; the reason staff wrote when releasing a blocked link of theirs, either side
     * ("张三和李四是同事，共用一台电脑"), becomes ERASED_TEXT, on the link and in its
     * `referral.released` event. The block reason is a code and stays.
     */
    async forgetMember(programId: string, memberId: string): Promise<{ signals: number; codes: number; release_reasons: number }> {
      const signals = await ctx.db.deleteFrom('referral_signals').where('program_id', '=', programId).where('member_id', '=', memberId).returning('kind').execute();
      const codes = await ctx.db.deleteFrom('referral_codes').where('program_id', '=', programId).where('member_id', '=', memberId).returning('code').execute();
      const released = await ctx.db.updateTable('referrals').set({ release_reason: ERASED_TEXT })
        .where('program_id', '=', programId).where((eb) => eb.or([eb('referrer_id', '=', memberId), eb('friend_id', '=', memberId)]))
        .where('release_reason', 'is not', null).where('release_reason', '<>', ERASED_TEXT).returning(['id', 'friend_id']).execute();
      // the event is the friend's (its aggregate), whichever side is erased
      for (const r of released) await erasePayloadTexts(ctx.db, programId, ['referral.released'], { aggregateId: r.friend_id, match: { referral_id: r.id } }, ['reason']);
      return { signals: signals.length, codes: codes.length, release_reasons: released.length };
    },
    /** Retention: signals recorded before `before` are deleted (or counted, when dry). */
    async purgeSignals(programId: string, before: Date, dryRun: boolean): Promise<number> {
      if (dryRun) {
        const r = await ctx.db.selectFrom('referral_signals').select((eb) => eb.fn.countAll<number>().as('n'))
          .where('program_id', '=', programId).where('created_at', '<', before).executeTakeFirstOrThrow();
        return Number(r.n);
      }
      return (await ctx.db.deleteFrom('referral_signals').where('program_id', '=', programId).where('created_at', '<', before).returning('kind').execute()).length;
    },
    async settings(programId: string): Promise<TReferralSettings> {
      const r = await repo.findSettings(ctx.db, programId);
      return r ? { share_base_url: r.share_base_url, monthly_cap: r.monthly_cap, burst_count: r.burst_count, burst_minutes: r.burst_minutes, min_purchase_fen: r.min_purchase_fen, updated_at: r.updated_at.toISOString() }
        : { ...DEFAULTS, updated_at: null };
    },
    async updateSettings(programId: string, input: TReferralSettingsUpdate, actor: string | null): Promise<TReferralSettings> {
      const { updated_at: _, ...now } = await service.settings(programId);
      await repo.upsertSettings(ctx.db, { program_id: programId, ...now, ...input, actor });
      return service.settings(programId);
    },

    /** The member's code (made the first time it is asked for) and share link. */
    async codeOf(programId: string, memberId: string): Promise<Result<TReferralCode>> {
      if (!(await deps.members.exists(programId, memberId))) return notFound('member', 'member_id');
      let code = (await repo.findCode(ctx.db, programId, memberId))?.code;
      // a clash with another member's code (1 in 2^44 per member) or a concurrent first call: read again, draw again
      for (let i = 0; !code && i < 5; i++) {
        code = (await repo.insertCode(ctx.db, programId, memberId, newReferralCode()))?.code ?? (await repo.findCode(ctx.db, programId, memberId))?.code;
      }
      if (!code) throw new Error('no referral code could be drawn');
      const { share_base_url: base } = await service.settings(programId);
      return { member_id: memberId, code, code_grouped: groupedCode(code), share_url: base ? base + code : null };
    },
    /** The member who owns a code, when they may refer: an unknown code or an inactive owner is refused. */
    async resolveCode(programId: string, code: string): Promise<Result<string>> {
      const owner = await repo.ownerOfCode(ctx.db, programId, code);
      if (!owner) return codeUnknown();
      const status = await deps.members.requireStatus(programId, owner.member_id);
      return isFailure(status) ? codeInactive() : owner.member_id;
    },

    /** Keeps what a member enrolled or updated with (as keyed hashes) for later self-referral checks. */
    async recordSignals(programId: string, memberId: string, signals: Signals) {
      await repo.insertSignals(ctx.db, programId, memberId, hashes(signals));
    },

    /**
     * Links a friend to their referrer, or blocks the link with its reason: the friend is
     * the referrer by phone, resident ID, device or payment account; the referrer reached
     * the month's cap; or the code saw a burst of sign-ups. Links on one code queue on the
     * code's row, so the counts are exact under concurrency. Emits referral.linked, and
     * referral.blocked when blocked.
     */
    async link(programId: string, input: { referrerId: string; friendId: string; code: string; signals: Signals; actor: Principal }, now = new Date()): Promise<Result<TReferral>> {
      if (input.referrerId === input.friendId) return selfCode();
      const program = await deps.programs.settings(programId);
      if (isFailure(program)) return program;
      const settings = await service.settings(programId);
      const done = await inTransaction(ctx.db, async (trx) => {
        await repo.lockCode(trx, programId, input.referrerId);
        if (await repo.byFriend(trx, programId, input.friendId)) return alreadyReferred();
        const theirs = new Set((await repo.signalsOf(trx, programId, input.referrerId)).map((s) => `${s.kind}|${s.value_hash}`));
        const id = await deps.members.identity(programId, input.referrerId);
        for (const s of hashes({ phone: id?.phone, idNumber: id?.idNumber })) theirs.add(`${s.kind}|${s.hash}`);
        const mine = hashes(input.signals);
        let reason: BlockReason | null = SAME.find(([kind]) => mine.some((s) => s.kind === kind && theirs.has(`${kind}|${s.hash}`)))?.[1] ?? null;
        if (!reason && settings.monthly_cap !== null) {
          const monthStart = startOfDay(`${localDate(now, program.timeZone).slice(0, 7)}-01`, program.timeZone);
          if (await repo.countSince(trx, programId, input.referrerId, monthStart, CAPPED) >= settings.monthly_cap) reason = 'monthly_cap';
        }
        if (!reason && await repo.countSince(trx, programId, input.referrerId, new Date(now.getTime() - settings.burst_minutes * 60_000)) >= settings.burst_count) reason = 'burst';
        const row = await repo.insertReferral(trx, {
          program_id: programId, id: newId('ref'), referrer_id: input.referrerId, friend_id: input.friendId, code: input.code,
          status: reason ? 'blocked' : 'pending', block_reason: reason, released_by: null, release_reason: null, released_at: null,
          purchase_id: null, void_reason: null, referrer_points: null, friend_points: null, judged_at: null, actor: input.actor.keyId, created_at: now,
        });
        if (!row) return alreadyReferred();
        const payload = { referral_id: row.id, referrer_id: row.referrer_id, friend_id: row.friend_id, status: row.status, block_reason: reason };
        await emit(trx, [
          { programId, topic: 'referral.linked', aggregateId: row.friend_id, payload },
          ...(reason ? [{ programId, topic: 'referral.blocked', aggregateId: row.friend_id, payload }] : []),
        ]);
        return row;
      });
      return isFailure(done) ? done : (await view(programId, [done]))[0]!;
    },

    async get(programId: string, id: string): Promise<Result<TReferral>> {
      const row = await repo.findReferral(ctx.db, programId, id);
      return row ? (await view(programId, [row]))[0]! : notFound('referral', 'referral_id');
    },
    /** The program's referrals, blocked first, then newest. */
    async list(programId: string, status: ReferralStatus | undefined, limit: number) {
      return view(programId, await repo.listReferrals(ctx.db, programId, status, limit));
    },
    /** Who referred the member, and whom they referred. */
    async forMember(programId: string, memberId: string): Promise<Result<{ referred_by: TReferral | null; referrals: TReferral[] }>> {
      if (!(await deps.members.exists(programId, memberId))) return notFound('member', 'member_id');
      const by = await repo.byFriend(ctx.db, programId, memberId);
      const rows = await view(programId, [...(by ? [by] : []), ...(await repo.byReferrer(ctx.db, programId, memberId))]);
      return { referred_by: by ? rows[0]! : null, referrals: by ? rows.slice(1) : rows };
    },
    /** The referral that brought a member, if any. */
    byFriend: (programId: string, friendId: string) => repo.byFriend(ctx.db, programId, friendId),

    /** Staff release a blocked referral (who and why recorded); the reward job then pays it when it qualifies. */
    async release(programId: string, id: string, reason: string, actor: Principal, now = new Date()): Promise<Result<TReferral>> {
      const done = await inTransaction(ctx.db, async (trx) => {
        const row = await repo.lockReferral(trx, programId, id);
        if (!row) return notFound('referral', 'referral_id');
        if (row.status !== 'blocked') return notBlocked(row.status);
        const moved = (await repo.moveReferral(trx, programId, id, ['blocked'], { status: 'released', released_by: actor.keyId, release_reason: reason, released_at: now }))!;
        await emit(trx, { programId, topic: 'referral.released', aggregateId: row.friend_id, payload: { referral_id: id, block_reason: row.block_reason, reason, actor: actor.keyId } });
        return moved;
      });
      return isFailure(done) ? done : (await view(programId, [done]))[0]!;
    },

    /** Referrals the reward job judges (pending or released). */
    open: (programId: string) => repo.openReferrals(ctx.db, programId),
    /**
     * Claims a referral for its reward in the caller's transaction: false when another run
     * (or an earlier one) judged it already. The points are set by `paid` in the same one.
     */
    async claim(programId: string, id: string, purchaseId: string, now: Date): Promise<boolean> {
      return (await repo.moveReferral(ctx.db, programId, id, ['pending', 'released'], { status: 'rewarded', purchase_id: purchaseId, judged_at: now })) !== undefined;
    },
    async paid(programId: string, row: ReferralRow, points: { referrer: number; friend: number }) {
      await repo.moveReferral(ctx.db, programId, row.id, ['rewarded'], { referrer_points: points.referrer, friend_points: points.friend });
      await emit(ctx.db, { programId, topic: 'referral.rewarded', aggregateId: row.friend_id, payload: { referral_id: row.id, referrer_id: row.referrer_id, friend_id: row.friend_id, referrer_points: points.referrer, friend_points: points.friend } });
    },
    /** Voids a referral whose first purchase was returned: it will never be paid. */
    async void(programId: string, row: ReferralRow, purchaseId: string, reason: VoidReason, now: Date) {
      await inTransaction(ctx.db, async (trx) => {
        const moved = await repo.moveReferral(trx, programId, row.id, ['pending', 'released'], { status: 'void', purchase_id: purchaseId, void_reason: reason, judged_at: now });
        if (moved) await emit(trx, { programId, topic: 'referral.voided', aggregateId: row.friend_id, payload: { referral_id: row.id, purchase_id: purchaseId, reason } });
      });
    },
  };
  return service;
}
export type ReferralService = ReturnType<typeof referralService>;
