import { z } from 'zod';
import { zPoints, zText } from '../../platform/schema.ts';

export const ZRedemptionCreate = z.strictObject({ points: zPoints, description: zText(200).nullable().optional() });
export const ZRedemption = z.object({
  id: z.string(), member_id: z.string(), points: z.number().int(), description: z.string().nullable(), balance_after: z.number().int(), created_at: z.string(),
});

export const REASON_CODES = ['goodwill', 'correction', 'service_recovery', 'migration', 'other'] as const;
export const ZAdjustmentCreate = z.strictObject({
  direction: z.enum(['credit', 'debit']),
  points: zPoints,
  reason_code: z.enum(REASON_CODES),
  note: zText(500),
});
export const ZAdjustment = z.object({
  id: z.string(), member_id: z.string(), direction: z.string(), points: z.number().int(), reason_code: z.string(), note: z.string(),
  balance_after: z.number().int(), created_at: z.string(),
});

export const ZBalance = z.object({
  member_id: z.string(),
  available: z.number().int(),
  pending: z.number().int(),
  expiring_soon: z.object({ within_days: z.number().int(), points: z.number().int(), by_date: z.array(z.object({ date: z.string(), points: z.number().int() })) }),
  lifetime_earned: z.number().int(),
  spent: z.number().int(),
  expired: z.number().int(),
  reversed: z.number().int(),
  as_of: z.string(),
});

export const ZLot = z.object({
  id: z.string(), source: z.string(), points: z.number().int(), remaining: z.number().int(), state: z.string(),
  available_at: z.string(), expires_on: z.string().nullable(), purchase_id: z.string().nullable(),
  earned_at: z.string().describe('When the points were earned: the purchase\'s time, or the adjustment\'s'), created_at: z.string(),
});

export const ZEntry = z.object({
  id: z.string(), kind: z.string(), direction: z.string(), points: z.number().int(), reason_code: z.string().nullable(), note: z.string().nullable(),
  purchase_id: z.string().nullable(), return_id: z.string().nullable(), redemption_id: z.string().nullable(), lot_id: z.string().nullable(),
  store_id: z.string().nullable(), actor: z.string().nullable(), occurred_at: z.string(), created_at: z.string(),
});

export const ZStatementQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  cursor: z.string().max(200).optional(),
});
export const ZLotsQuery = z.strictObject({ open: z.enum(['true', 'false']).default('true') });
