import { mulDiv } from '../../platform/arith.ts';
import { addDays, addMonths } from '../../platform/time.ts';

// Terms and refunds of paid VIP membership (VIP客户服务费用), in local days of the program's
// time zone. A term is inclusive: a 12-month term from 2026-03-01 covers 2026-03-01 to
// 2027-02-28.

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export const dayDiff = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Days from `from` to `to`, both counted (0 when to < from). */
export function daysIn(from: string, to: string): number {
  return Math.max(0, dayDiff(from, to) + 1);
}

/** The term a payment pays for, from its first day. */
export const termFrom = (from: string, months: number) => ({ from, to: addDays(addMonths(from, months), -1) });

/**
 * Where a renewal's term starts: the day after the current end while the membership is
 * still running on the payment day (renewing early loses no day), else the payment day (a
 * lapsed member pays for the year ahead, not for the months they went without).
 */
export const renewalFrom = (endsOn: string, paidOn: string) => (paidOn <= endsOn ? addDays(endsOn, 1) : paidOn);

export interface RefundFigures { refund_fen: number; remaining_days: number; term_days: number; fee_fen: number }

/**
 * The pro rata refund of ending after `lastDay` (the membership's new last day): each paid
 * term still running or yet to come refunds floor(amount × its days after lastDay / its
 * days). One term is the usual case; a renewal paid ahead adds its own.
 */
export function proRata(payments: { amount_fen: number; covers_from: string; covers_to: string }[], lastDay: string): RefundFigures {
  const out = { refund_fen: 0, remaining_days: 0, term_days: 0, fee_fen: 0 };
  for (const p of payments) {
    if (p.covers_to <= lastDay) continue;
    const term = daysIn(p.covers_from, p.covers_to);
    const from = p.covers_from > lastDay ? p.covers_from : addDays(lastDay, 1);
    const remaining = daysIn(from, p.covers_to);
    out.refund_fen += mulDiv(p.amount_fen, remaining, term);
    out.remaining_days += remaining;
    out.term_days += term;
    out.fee_fen += p.amount_fen;
  }
  return out;
}
