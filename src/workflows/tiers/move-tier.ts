import { emit } from '../../platform/outbox.ts';
import { assertTransaction } from '../../platform/transaction.ts';
import { localDate, startOfDay } from '../../platform/time.ts';
import type { PeriodSource, TierDef } from '../../modules/tiers/index.ts';
import type { Modules } from '../../services.ts';

export interface Move {
  from: string | null;
  to: string | null;
  source: PeriodSource;
  reason: string | null;
  actor: string | null;
  at: Date;
}

/**
 * Moves a member from one tier to another in the caller's transaction: the member's row
 * is locked and must still be in `from` (else nothing happens and false comes back), the
 * tier period is closed and the next one opened, members.tier_id follows, and a
 * member.tier_changed event goes out.
 */
export async function moveTier(s: Modules, programId: string, memberId: string, m: Move): Promise<boolean> {
  assertTransaction(s.ctx.db);
  const row = await s.members.lockTier(programId, memberId);
  if (!row || row.tier_id !== m.from || m.from === m.to) return false;
  const changed = await s.tiers.changePeriod({ programId, memberId, fromTierId: m.from, toTierId: m.to, at: m.at, source: m.source, reason: m.reason, actor: m.actor });
  if (!changed) return false;
  await s.members.setTier(programId, memberId, m.to);
  await emit(s.ctx.db, {
    programId, topic: 'member.tier_changed', aggregateId: memberId,
    payload: { member_id: memberId, from_tier_id: m.from, to_tier_id: m.to, source: m.source, reason: m.reason, actor: m.actor, at: m.at.toISOString() },
  });
  return true;
}

/**
 * When a change decided for local day `day` takes effect: now when the day is today, the
 * day's start otherwise (a job run for another date); never before the current period began.
 */
export function effectiveAt(day: string, timeZone: string, now: Date, periodStartedAt: Date | null): Date {
  let at = day === localDate(now, timeZone) ? now : startOfDay(day, timeZone);
  if (periodStartedAt && at.getTime() <= periodStartedAt.getTime()) at = new Date(periodStartedAt.getTime() + 1);
  return at;
}

export const rankOf = (tiers: TierDef[], id: string | null) => (id === null ? 0 : tiers.find((t) => t.id === id)?.rank ?? 0);
