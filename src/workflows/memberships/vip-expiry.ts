import { isFailure, type DomainError } from '../../platform/errors.ts';
import { emit } from '../../platform/outbox.ts';
import { addDays, localDate, startOfDay } from '../../platform/time.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { daysIn } from '../../modules/memberships/index.ts';
import type { Modules } from '../../services.ts';
import { withdrawVipFloor } from './vip-benefits.ts';

// Notice leads (days before the last day): membership.expiring goes out once per lead and term.
const LEADS = [30, 7] as const;

/**
 * The memberships job (`patron jobs run memberships --as-of DATE`, daily): on local day
 * as_of (default today in the program's zone) it expires every active membership whose
 * last day is before as_of (seats closed at the end of the last day, floors ended,
 * membership.expired), then sends membership.expiring for those ending within 30 days:
 * the 30-day notice from 30 days before, the 7-day notice from 7 days before, each once
 * per membership and term end (a day the job missed is caught up; a 30-day notice not
 * yet sent is skipped once the 7-day one is due). Running it again sends nothing twice.
 */
export async function runMembershipsJob(s: Modules, opts: { programId?: string; asOf?: string } = {}, now = new Date()) {
  const one = opts.programId ? await s.programs.get(opts.programId) : undefined;
  if (isFailure(one)) return one;
  const programs = one ? [one] : await s.programs.list();
  const results = [];
  for (const p of programs) {
    const asOf = opts.asOf ?? localDate(now, p.time_zone);
    const out = await inTransaction(s.ctx.db, async (trx) => {
      let expired = 0;
      const notices = { 30: 0, 7: 0 };
      for (const m of await s.memberships.lapsed(trx, p.id, asOf)) {
        const end = startOfDay(addDays(m.ends_on, 1), p.time_zone);
        const seats = (await s.memberships.seats(p.id, m.id)).filter((x) => !x.removed_at);
        for (const seat of seats) {
          await s.memberships.closeSeat(seat, end, 'expired');
          await withdrawVipFloor(s, seat, now, 'vip expired');
        }
        await s.memberships.update(p.id, m.id, { status: 'expired' });
        await emit(s.ctx.db, {
          programId: p.id, topic: 'membership.expired', aggregateId: m.id,
          payload: { membership_id: m.id, plan_id: m.plan_id, kind: m.kind, member_ids: seats.map((x) => x.member_id), ends_on: m.ends_on },
        });
        expired++;
      }
      for (const m of await s.memberships.endingWithin(p.id, asOf, LEADS[0])) {
        const left = daysIn(asOf, m.ends_on) - 1;
        const lead = left <= LEADS[1] ? LEADS[1] : LEADS[0];
        if (!(await s.memberships.claimNotice(p.id, m.id, m.ends_on, lead))) continue;
        const seats = (await s.memberships.seats(p.id, m.id)).filter((x) => !x.removed_at);
        await emit(s.ctx.db, {
          programId: p.id, topic: 'membership.expiring', aggregateId: m.id,
          payload: { membership_id: m.id, plan_id: m.plan_id, kind: m.kind, member_ids: seats.map((x) => x.member_id), ends_on: m.ends_on, days_left: left, lead_days: lead, as_of: asOf },
        });
        notices[lead]++;
      }
      return { expired, notices_30: notices[30], notices_7: notices[7] };
    });
    results.push({ program_id: p.id, as_of: asOf, ...out });
  }
  return results as typeof results | DomainError;
}
