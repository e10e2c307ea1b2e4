import { z } from 'zod';
import { zPoints, zText } from '../../platform/schema.ts';

export const ZRedemptionCreate = z.strictObject({
  points: zPoints.describe('Points to spend: available points only, soonest-expiring lots first'),
  description: zText(200).nullable().optional().describe('What the points bought; shown as the statement entry\'s note'),
}).meta({ id: 'RedemptionCreate' });
export const ZRedemption = z.object({
  id: z.string(), member_id: z.string(), points: z.number().int(), description: z.string().nullable(),
  balance_after: z.number().int().describe('Available points after the redemption'), created_at: z.string(),
}).meta({ id: 'Redemption' });

export const REASON_CODES = ['goodwill', 'correction', 'service_recovery', 'migration', 'other'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];
export const ZAdjustmentCreate = z.strictObject({
  direction: z.enum(['credit', 'debit']),
  points: zPoints,
  reason_code: z.enum(REASON_CODES),
  note: zText(500),
}).meta({ id: 'AdjustmentCreate' });
export const ZAdjustment = z.object({
  id: z.string().describe('The ledger entry of the adjustment'), member_id: z.string(), direction: z.enum(['credit', 'debit']), points: z.number().int(), reason_code: z.enum(REASON_CODES), note: z.string(),
  balance_after: z.number().int().describe('Available points after the adjustment'), created_at: z.string(),
}).meta({ id: 'Adjustment' });

export const ZBalance = z.object({
  member_id: z.string(),
  available: z.number().int().describe('Spendable now (pending points already due count here)'),
  pending: z.number().int().describe('Earned but not spendable until the return window ends'),
  expiring_soon: z.object({ within_days: z.number().int(), points: z.number().int(), by_date: z.array(z.object({ date: z.string(), points: z.number().int() })) }),
  lifetime_earned: z.number().int(),
  spent: z.number().int(),
  expired: z.number().int(),
  reversed: z.number().int(),
  as_of: z.string().describe('The instant the balance was read'),
}).meta({ id: 'Balance' });

export const ZLot = z.object({
  id: z.string(), source: z.enum(['purchase', 'adjustment']), points: z.number().int(), remaining: z.number().int(),
  state: z.enum(['pending', 'available', 'spent', 'expired', 'reversed']).describe('pending or available while points remain; once none remain, how the lot was closed'),
  available_at: z.string().describe('When its points become spendable (the end of the return window)'), expires_on: z.string().nullable().describe('Last valid day, in the program\'s time zone; null: never expires'),
  purchase_id: z.string().nullable(),
  earned_at: z.string().describe('When the points were earned: the purchase\'s time, or the adjustment\'s'), created_at: z.string(),
}).meta({ id: 'Lot' });

export const CAP_NAMES = ['rule_per_purchase', 'rule_per_member_day', 'rule_per_member_month', 'rule_per_member_year', 'campaign_budget', 'campaign_member_limit', 'per_purchase', 'per_member_day', 'per_member_month', 'per_member_year'] as const;
export const ZBreakdownItem = z.object({
  source: z.enum(['base', 'tier', 'vip', 'rule']).describe("base: the program's earn rate; tier: the tier's earn multiplier; vip: the paid VIP plan's earn multiplier; rule: an earning rule"),
  vip_plan_id: z.string().optional().describe('source vip: the VIP plan'),
  rule_id: z.string().nullable(), rule_version: z.number().int().nullable(), campaign_id: z.string().nullable(),
  line: z.number().int().nullable().describe('Index of the purchase line it was earned on; null: on the whole purchase'),
  asked: z.number().int().describe('Points the rule asked for'),
  granted: z.number().int().describe('Points granted after the caps'),
  trimmed_by: z.array(z.enum(CAP_NAMES)).describe('The caps that trimmed it, in the order they applied'),
}).meta({ id: 'EarnBreakdownItem' });
export type TBreakdownItem = z.infer<typeof ZBreakdownItem>;

export const ZEntry = z.object({
  id: z.string(), kind: z.enum(['earn', 'return', 'redeem', 'adjust', 'expire']), direction: z.enum(['credit', 'debit']), points: z.number().int().describe('Always positive; direction says which way'),
  reason_code: z.string().nullable().describe('An adjustment\'s reason code; expiry or terminated for expire entries'), note: z.string().nullable(),
  purchase_id: z.string().nullable(), return_id: z.string().nullable(), redemption_id: z.string().nullable(), lot_id: z.string().nullable().describe('The lot a credit created'),
  store_id: z.string().nullable(), actor: z.string().nullable().describe('The API key that made it'),
  occurred_at: z.string().describe('When it happened (a purchase\'s or return\'s own time, which may be earlier than created_at)'), created_at: z.string().describe('When it was booked'),
  breakdown: z.array(ZBreakdownItem).nullable().describe('An earn entry judged by earning rules: which rule, version and line each point came from'),
}).meta({ id: 'StatementEntry' });

export const ZStatementQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  cursor: z.string().max(200).optional(),
});
export const ZLotsQuery = z.strictObject({ open: z.enum(['true', 'false']).default('true') });
