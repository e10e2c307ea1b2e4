import type { Trx } from '../../db/database.ts';
import { ttlCache } from '../../platform/cache.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, validation, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { countKeys, resealBatch, type SealedSpec } from '../../platform/sealed.ts';
import { assertTransaction } from '../../platform/transaction.ts';
import type { MemberService } from '../members/index.ts';
import { dayDiff } from './membership.ts';
import { MEMBERSHIP_MESSAGES as MSG } from './membership.errors.ts';
import * as repo from './membership.repository.ts';
import type { TMembership, TMembershipDetail, TPlan, TPlanCreate, TPlanUpdate } from './membership.schema.ts';
import type { MembershipRow, PaymentRow, PlanKind, PlanRow, RefundRow, SeatRow } from './membership.table.ts';
import { ERASED_TEXT, memberSections, type MemberDataSection } from '../../platform/member-data.ts';

function toPlan(r: PlanRow, active = 0): TPlan {
  return {
    id: r.id, kind: r.kind, name: r.name, name_en: r.name_en, annual_fee_fen: r.annual_fee_fen, term_months: r.term_months, max_seats: r.max_seats,
    tier_id: r.tier_id, earn_multiplier_pct: r.earn_multiplier_pct, account_manager: r.account_manager, refund_policy: r.refund_policy,
    active: r.active, memberships_active: active, created_at: r.created_at.toISOString(), updated_at: r.updated_at.toISOString(),
  };
}
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const toPayment = (p: PaymentRow) => ({
  id: p.id, kind: p.kind, method: p.method, amount_fen: p.amount_fen, paid_on: p.paid_on, receipt_no: p.receipt_no,
  covers_from: p.covers_from, covers_to: p.covers_to, note: p.note, actor: p.actor, created_at: p.created_at.toISOString(),
});
const toRefund = (r: RefundRow) => ({
  id: r.id, amount_fen: r.amount_fen, method: r.method, reference: r.reference, ended_on: r.ended_on, remaining_days: r.remaining_days,
  term_days: r.term_days, fee_fen: r.fee_fen, actor: r.actor, created_at: r.created_at.toISOString(),
});

// a corporate contact's phone is sealed like a member's (issue 10)
const SEALED: SealedSpec = { table: 'memberships', sealed: ['contact_phone'] };

export function membershipService(ctx: Ctx, deps: { members: MemberService }) {
  // Whether a program has VIP plans is asked on every purchase (it sends the purchase down the rules path).
  const planned = ttlCache<string, boolean>(ctx, { ttlMs: 5_000, max: 10_000 });

  async function views(programId: string, rows: MembershipRow[], today: string): Promise<(TMembership & { seats: TMembership['members'] })[]> {
    const seats = await repo.seatsOf(ctx.db, programId, rows.map((r) => r.id));
    const plans = new Map((await repo.listPlans(ctx.db, programId)).map((p) => [p.id, p]));
    const members = new Map((await deps.members.masked(programId, [...new Set(seats.map((s) => s.member_id))])).map((m) => [m.id, m]));
    const seat = (s: SeatRow) => {
      const m = members.get(s.member_id);
      return {
        member: { id: s.member_id, member_no: m?.member_no ?? null, name: m?.name ?? null },
        added_at: s.added_at.toISOString(), removed_at: iso(s.removed_at), removed_reason: s.removed_reason, floor_id: s.floor_id,
      };
    };
    return rows.map((r) => {
      const all = seats.filter((s) => s.membership_id === r.id);
      // an expired or ended membership shows the seats it had at its end
      const lastClose = Math.max(0, ...all.map((s) => s.removed_at?.getTime() ?? 0));
      // (a seat removed by hand or by the member's termination is not one it had at its end)
      const shown = r.status === 'active' ? all.filter((s) => !s.removed_at)
        : all.filter((s) => s.removed_at?.getTime() === lastClose && s.removed_reason !== 'removed' && s.removed_reason !== 'terminated');
      const plan = plans.get(r.plan_id)!;
      return {
        id: r.id, plan: { id: plan.id, name: plan.name, name_en: plan.name_en }, kind: r.kind,
        company_name: r.company_name, contact_name: r.contact_name, contact_phone: r.contact_phone ? ctx.vault.decrypt(r.contact_phone) : null,
        fee_fen: r.fee_fen, account_manager: r.account_manager, starts_on: r.starts_on, ends_on: r.ends_on, status: r.status,
        ended_at: iso(r.ended_at), days_left: dayDiff(today, r.ends_on), members: shown.map(seat), seats: all.map(seat),
        actor: r.actor, created_at: r.created_at.toISOString(),
      };
    });
  }

  const service = {
    /** Every row this module holds about the member: their copy of their data (PIPL 第四十五条; workflows/member-data-export.ts). */
    async memberData(programId: string, memberId: string): Promise<MemberDataSection[]> {
      const [seats] = await memberSections(ctx.db, programId, memberId, [['membership_seats', '付费会员席位', 'Paid membership seats']]);
      const ids = [...new Set(seats!.rows.map((r) => r.membership_id as string))];
      const memberships = ids.length ? await ctx.db.selectFrom('memberships').selectAll().where('program_id', '=', programId).where('id', 'in', ids).execute() : [];
      return [seats!, { table: 'memberships', title: { zh: '付费会员', en: 'Paid memberships' }, rows: memberships }];
    },
    /**
     * An erasure (PIPL 第四十七条), in the caller's transaction: the notes staff wrote on the
     * payments of the member's own (individual) memberships, where they held the seat, become
     * ERASED_TEXT. Each payment keeps its method, amount, receipt number, dates and actor (the
     * program's books). A corporate membership's payments are the company's, not the member's,
     * and its company and contact stay; a seat's removal reason is a code and stays. How many notes.
     */
    async forgetMember(programId: string, memberId: string): Promise<number> {
      assertTransaction(ctx.db);
      const held = ctx.db.selectFrom('membership_seats as s').innerJoin('memberships as m', (j) => j.onRef('m.program_id', '=', 's.program_id').onRef('m.id', '=', 's.membership_id'))
        .select('s.membership_id').where('s.program_id', '=', programId).where('s.member_id', '=', memberId).where('m.kind', '=', 'individual');
      const done = await ctx.db.updateTable('membership_payments').set({ note: ERASED_TEXT })
        .where('program_id', '=', programId).where('membership_id', 'in', held)
        .where('note', 'is not', null).where('note', '<>', ERASED_TEXT).returning('id').execute();
      return done.length;
    },
    /** The contact phones' sealed values, for the key rotation (workflows/rotate-keys.ts). */
    sealed: {
      name: 'memberships',
      keyCounts: () => countKeys(ctx, SEALED),
      reseal: (after: readonly [string, string] | null, limit: number) => resealBatch(ctx, SEALED, after, limit),
    },
    // ---- plans
    async plans(programId: string): Promise<TPlan[]> {
      const [rows, counts] = await Promise.all([repo.listPlans(ctx.db, programId), repo.activeCounts(ctx.db, programId)]);
      return rows.map((r) => toPlan(r, counts.get(r.id)));
    },
    async plan(programId: string, id: string): Promise<Result<PlanRow>> {
      return (await repo.findPlan(ctx.db, programId, id)) ?? notFound('vip plan', 'plan_id');
    },
    async createPlan(programId: string, input: TPlanCreate, actor: string | null): Promise<TPlan> {
      const row = await repo.insertPlan(ctx.db, {
        program_id: programId, id: newId('vpl'), kind: input.kind, name: input.name, name_en: input.name_en ?? null,
        annual_fee_fen: input.annual_fee_fen ?? null, term_months: input.term_months ?? 12,
        max_seats: input.kind === 'individual' ? 1 : input.max_seats ?? 10, tier_id: input.tier_id ?? null,
        earn_multiplier_pct: input.earn_multiplier_pct ?? 100, account_manager: input.account_manager ?? false, refund_policy: input.refund_policy, actor,
      });
      planned.delete(programId);
      return toPlan(row);
    },
    async updatePlan(programId: string, id: string, input: TPlanUpdate): Promise<Result<TPlan>> {
      const row = await repo.findPlan(ctx.db, programId, id);
      if (!row) return notFound('vip plan', 'plan_id');
      if (row.kind === 'individual' && input.max_seats !== undefined && input.max_seats !== 1) return validation('max_seats', MSG.corporate_only());
      if (row.kind === 'individual' && input.annual_fee_fen === null) return validation('annual_fee_fen', MSG.fee_plan());
      const updated = await repo.updatePlan(ctx.db, programId, id, input);
      planned.delete(programId);
      return toPlan(updated, (await repo.activeCounts(ctx.db, programId)).get(id));
    },
    /** Whether the program has VIP plans: its purchases then earn through the rules path (the multiplier). */
    async hasPlans(programId: string): Promise<boolean> {
      const hit = planned.get(programId);
      if (hit !== undefined) return hit;
      const has = await repo.hasPlans(ctx.db, programId);
      planned.set(programId, has);
      return has;
    },

    // ---- memberships (reads)
    async list(programId: string, f: { status?: string; kind?: PlanKind; memberId?: string }, today: string): Promise<TMembership[]> {
      const rows = await repo.listMemberships(ctx.db, programId, { ...f, today });
      return (await views(programId, rows, today)).map(({ seats: _, ...m }) => m);
    },
    async detail(programId: string, id: string, today: string): Promise<Result<TMembershipDetail>> {
      const row = await repo.findMembership(ctx.db, programId, id);
      if (!row) return notFound('vip membership', 'membership_id');
      const [view] = await views(programId, [row], today);
      const [payments, refunds] = await Promise.all([repo.paymentsOf(ctx.db, programId, id), repo.refundsOf(ctx.db, programId, id)]);
      return { ...view!, payments: payments.map(toPayment), refunds: refunds.map(toRefund) };
    },
    async row(programId: string, id: string) {
      return repo.findMembership(ctx.db, programId, id);
    },
    async payments(programId: string, id: string) {
      return repo.paymentsOf(ctx.db, programId, id);
    },

    // ---- writes, in the caller's transaction (src/workflows/vip-membership.ts)
    async lock(trx: Trx, programId: string, id: string) {
      assertTransaction(trx);
      return repo.lockMembership(trx, programId, id);
    },
    async insert(row: Omit<MembershipRow, 'created_at' | 'updated_at' | 'status' | 'ended_at' | 'contact_phone'> & { contact_phone: string | null }) {
      return repo.insertMembership(ctx.db, { ...row, contact_phone: row.contact_phone ? ctx.vault.encrypt(row.contact_phone) : null, ended_at: null });
    },
    update: (programId: string, id: string, set: Partial<Pick<MembershipRow, 'ends_on' | 'status' | 'fee_fen' | 'ended_at'>>) => repo.updateMembership(ctx.db, programId, id, set),
    /** Records a payment; null when its receipt number is already recorded in the program. */
    async pay(row: Omit<PaymentRow, 'created_at' | 'id'>): Promise<PaymentRow | null> {
      return (await repo.insertPayment(ctx.db, { ...row, id: newId('vpy') })) ?? null;
    },
    /** Gives a member a seat from `at`; null when the member already holds one (of any membership). */
    async seat(programId: string, membershipId: string, memberId: string, at: Date): Promise<SeatRow | null> {
      return (await repo.insertSeat(ctx.db, {
        program_id: programId, member_id: memberId, id: newId('vst'), membership_id: membershipId, added_at: at, removed_at: null, removed_reason: null, floor_id: null,
      })) ?? null;
    },
    seats: (programId: string, membershipId: string) => repo.seatsOf(ctx.db, programId, [membershipId]),
    /** The seat the member holds now, if any (what a termination releases). */
    openSeatOf: (programId: string, memberId: string) => repo.openSeatOf(ctx.db, programId, memberId),
    /** `terminated`: the member's contract ended (workflows/terminate-member.ts). */
    closeSeat: (s: SeatRow, at: Date, reason: 'expired' | 'ended' | 'removed' | 'terminated') => repo.closeSeat(ctx.db, s.program_id, s.member_id, s.id, at, reason),
    setSeatFloor: (s: SeatRow, floorId: string | null) => repo.setSeatFloor(ctx.db, s.program_id, s.member_id, s.id, floorId),
    async refund(row: Omit<RefundRow, 'created_at' | 'id'>) {
      return repo.insertRefund(ctx.db, { ...row, id: newId('vrf') });
    },
    lapsed: (trx: Trx, programId: string, day: string) => repo.lapsedMemberships(trx, programId, day),
    endingWithin: (programId: string, day: string, days: number) => repo.endingWithin(ctx.db, programId, day, days),
    claimNotice: (programId: string, membershipId: string, endsOn: string, days: number) => repo.claimNotice(ctx.db, programId, membershipId, endsOn, days),
  };
  return service;
}
export type MembershipService = ReturnType<typeof membershipService>;
