import type { EarnCaps, EarnExclusions, ProgramRow } from './program.table.ts';
import type { TProgram } from './program.schema.ts';

/** The program settings the ledger needs, as the services use them. */
export interface ProgramSettings {
  id: string;
  timeZone: string;
  earnPoints: number;
  earnPerFen: number;
  pendingDays: number;
  expiryPolicy: ProgramRow['expiry_policy'];
  expiryMonths: number | null;
  expiryNoticeDays: number;
  earnOn: 'paid' | 'before_discount';
  exclusions: EarnExclusions;
  caps: EarnCaps;
}

export function toSettings(row: ProgramRow): ProgramSettings {
  return {
    id: row.id,
    timeZone: row.time_zone,
    earnPoints: row.earn_points,
    earnPerFen: row.earn_per_fen,
    pendingDays: row.pending_days,
    expiryPolicy: row.expiry_policy,
    expiryMonths: row.expiry_months,
    expiryNoticeDays: row.expiry_notice_days,
    earnOn: row.earn_on,
    exclusions: row.earn_exclusions,
    caps: row.earn_caps,
  };
}

export function toProgram(row: ProgramRow): TProgram {
  return {
    id: row.id,
    name: row.name,
    time_zone: row.time_zone,
    currency: row.currency,
    earn_rate: { points: row.earn_points, per_fen: row.earn_per_fen },
    pending_days: row.pending_days,
    expiry:
      row.expiry_policy === 'rolling_months'
        ? { policy: 'rolling_months', months: row.expiry_months ?? 12 }
        : { policy: row.expiry_policy },
    expiry_notice_days: row.expiry_notice_days,
    earn_on: row.earn_on,
    earn_exclusions: row.earn_exclusions,
    earn_caps: row.earn_caps,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
