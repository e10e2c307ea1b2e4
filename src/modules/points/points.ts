import type { ProgramSettings } from '../programs/index.ts';
import { addDays, addMonths, localDate, startOfDay } from '../../platform/time.ts';

const DAY_MS = 86_400_000;

/** Points for spend at the base rate, rounded down. The one earning function: the rules
 * engine extends it (tier multipliers, bonuses, caps) rather than replacing it. */
export function earnPoints(settings: ProgramSettings, input: { amountFen: number }): number {
  return Math.floor((input.amountFen * settings.earnPoints) / settings.earnPerFen);
}

export interface LotTerms {
  availableAt: Date;
  pending: boolean;
  expiresOn: string | null;
  expiresAt: Date | null;
}

/**
 * When points earned at `earnedAt` mature and expire. Pending lasts the program's pending
 * days (the return window); expiry is counted from the local day of earning:
 * rolling N months (valid through the day before the N-month anniversary), or the end of
 * the following year (年底清零).
 */
export function lotTerms(settings: ProgramSettings, earnedAt: Date, now: Date, pendingDays = settings.pendingDays): LotTerms {
  const availableAt = new Date(earnedAt.getTime() + pendingDays * DAY_MS);
  const day = localDate(earnedAt, settings.timeZone);
  let expiresOn: string | null = null;
  if (settings.expiryPolicy === 'rolling_months') expiresOn = addDays(addMonths(day, settings.expiryMonths ?? 12), -1);
  else if (settings.expiryPolicy === 'year_end_following') expiresOn = `${Number(day.slice(0, 4)) + 1}-12-31`;
  return {
    availableAt,
    pending: availableAt.getTime() > now.getTime(),
    expiresOn,
    expiresAt: expiresOn ? startOfDay(addDays(expiresOn, 1), settings.timeZone) : null,
  };
}
