import { z } from 'zod';
import { MEMBERSHIP_MESSAGES as MSG } from './membership.errors.ts';
import { MAX_FEN, zDate, zFen, zId, zPositiveFen, zText } from '../../platform/schema.ts';

export const PLAN_KINDS = ['individual', 'corporate'] as const;
export const PAYMENT_METHODS = ['bank_transfer', 'cash', 'other'] as const;
export const MEMBERSHIP_STATUSES = ['active', 'expired', 'ended'] as const;

const zMethod = z.enum(PAYMENT_METHODS).describe('bank_transfer, cash or other');

// ---- plans

const planFields = {
  name: zText(100).describe('The plan\'s name (zh)'),
  name_en: zText(100).nullable().optional().describe('The plan\'s name in English'),
  annual_fee_fen: zFen.nullable().optional().describe('individual: the fee of one term, in fen (required); corporate: a list price, the fee is negotiated per membership'),
  term_months: z.number().int().min(1).max(60).optional().describe('Months one payment pays for; default 12'),
  max_seats: z.number().int().min(1).max(1000).optional().describe('corporate: how many named members one membership may have (individual: 1)'),
  tier_id: zId('tier').nullable().optional().describe('Benefit: while paid, the member is at least this tier (a tier floor, reason vip)'),
  earn_multiplier_pct: z.number().int().min(100).max(1000).optional().describe('Benefit: earning multiplier in per cent on purchases while paid; 100 (default) = none'),
  account_manager: z.boolean().optional().describe('Benefit: a dedicated account manager, named on each membership'),
  refund_policy: z.enum(['pro_rata', 'none']).describe('pro_rata: ending early refunds floor(fee × remaining days / term days); none: no refund'),
};

export const ZPlanCreate = z.strictObject({ kind: z.enum(PLAN_KINDS).describe('individual: one member, the annual fee; corporate: a company, a negotiated fee, several named members'), ...planFields })
  .refine((v) => v.kind === 'corporate' || (v.annual_fee_fen ?? null) !== null, { path: ['annual_fee_fen'], message: MSG.fee_plan.key })
  .meta({ id: 'VipPlanCreate' });
export type TPlanCreate = z.infer<typeof ZPlanCreate>;

export const ZPlanUpdate = z.strictObject({
  name: planFields.name.optional(), name_en: planFields.name_en, annual_fee_fen: planFields.annual_fee_fen, term_months: planFields.term_months,
  max_seats: planFields.max_seats, tier_id: planFields.tier_id, earn_multiplier_pct: planFields.earn_multiplier_pct,
  account_manager: planFields.account_manager, refund_policy: planFields.refund_policy.optional(),
  active: z.boolean().optional().describe('false: no new memberships on this plan (existing ones run to their end)'),
}).meta({ id: 'VipPlanUpdate', description: 'Changes apply to the next payment (fee, term) and at once to benefits of memberships on the plan' });
export type TPlanUpdate = z.infer<typeof ZPlanUpdate>;

export const ZPlan = z.object({
  id: z.string(), kind: z.enum(PLAN_KINDS), name: z.string(), name_en: z.string().nullable(), annual_fee_fen: z.number().int().nullable(),
  term_months: z.number().int(), max_seats: z.number().int(), tier_id: z.string().nullable(), earn_multiplier_pct: z.number().int(),
  account_manager: z.boolean(), refund_policy: z.enum(['pro_rata', 'none']), active: z.boolean(),
  memberships_active: z.number().int().describe('Memberships on the plan now active'),
  created_at: z.string(), updated_at: z.string(),
}).meta({ id: 'VipPlan' });
export type TPlan = z.infer<typeof ZPlan>;

// ---- memberships

export const ZPaymentInput = z.strictObject({
  method: zMethod,
  amount_fen: zFen.describe('The amount paid: one term\'s fee in full'),
  paid_on: zDate.describe('The day it was paid (program time zone)'),
  receipt_no: zText(64).describe('The receipt or transfer number; unique in the program'),
  note: zText(500).nullable().optional(),
}).meta({ id: 'VipPaymentRecord' });
export type TPaymentInput = z.infer<typeof ZPaymentInput>;

export const ZMembershipCreate = z.strictObject({
  plan_id: zId('vpl'),
  member_id: zId('mem').optional().describe('individual: the member'),
  company_name: zText(200).optional().describe('corporate: the company'),
  contact_name: zText(100).optional().describe('corporate: the contact person'),
  contact_phone: zText(30).optional().describe('corporate: the contact person\'s phone (stored encrypted)'),
  member_ids: z.array(zId('mem')).max(1000).optional().describe('corporate: the named members'),
  fee_fen: zPositiveFen.optional().describe('corporate: the negotiated fee of one term (individual: the plan\'s annual fee)'),
  account_manager: zText(200).nullable().optional().describe('The dedicated account manager (name and contact), when the plan has one'),
  starts_on: zDate.optional().describe('First day of the membership; default the payment day'),
  payment: ZPaymentInput.describe('The first term\'s payment: a membership starts only when paid'),
}).meta({ id: 'VipMembershipCreate' });
export type TMembershipCreate = z.infer<typeof ZMembershipCreate>;

export const ZRenewal = z.strictObject({
  payment: ZPaymentInput,
  fee_fen: zPositiveFen.optional().describe('corporate: a renegotiated fee for this and later terms'),
}).meta({ id: 'VipRenewal' });
export type TRenewal = z.infer<typeof ZRenewal>;

export const ZEndEarly = z.strictObject({
  refund_fen: z.number().int().min(0).max(MAX_FEN).describe('The refund the preview showed: the end is refused (409) if it no longer matches'),
  method: zMethod.describe('How the refund is paid back'),
  reference: zText(64).nullable().optional().describe('The refund\'s transfer or receipt number'),
}).meta({ id: 'VipEndEarly' });
export type TEndEarly = z.infer<typeof ZEndEarly>;

export const ZSeatAdd = z.strictObject({ member_id: zId('mem') }).meta({ id: 'VipSeatAdd' });

export const ZMembershipListQuery = z.strictObject({
  status: z.enum(['active', 'expiring', 'expired', 'ended']).optional().describe('expiring: active and ending within 30 days'),
  kind: z.enum(PLAN_KINDS).optional(),
  member_id: zId('mem').optional().describe('Only memberships this member has (had) a seat of'),
});

export const ZJobRun = z.strictObject({ as_of: zDate.optional().describe('The local day to run as (default: today)') }).nullish().meta({ id: 'VipJobRun' });

const ZMemberRef = z.object({ id: z.string(), member_no: z.string().nullable(), name: z.string().nullable() });

export const ZSeat = z.object({
  member: ZMemberRef, added_at: z.string(), removed_at: z.string().nullable(), removed_reason: z.string().nullable(),
  floor_id: z.string().nullable().describe('The tier floor the seat put in place'),
}).meta({ id: 'VipSeat' });
export const ZPayment = z.object({
  id: z.string(), kind: z.enum(['start', 'renewal']), method: zMethod, amount_fen: z.number().int(), paid_on: z.string(), receipt_no: z.string(),
  covers_from: z.string(), covers_to: z.string(), note: z.string().nullable(), actor: z.string().nullable().describe('Who recorded it (API key)'), created_at: z.string(),
}).meta({ id: 'VipPayment' });
export const ZRefund = z.object({
  id: z.string(), amount_fen: z.number().int(), method: zMethod, reference: z.string().nullable(), ended_on: z.string(),
  remaining_days: z.number().int(), term_days: z.number().int(), fee_fen: z.number().int(), actor: z.string().nullable(), created_at: z.string(),
}).meta({ id: 'VipRefund' });

export const ZMembership = z.object({
  id: z.string(), plan: z.object({ id: z.string(), name: z.string(), name_en: z.string().nullable() }), kind: z.enum(PLAN_KINDS),
  company_name: z.string().nullable(), contact_name: z.string().nullable(), contact_phone: z.string().nullable(),
  fee_fen: z.number().int(), account_manager: z.string().nullable(),
  starts_on: z.string(), ends_on: z.string().describe('Last day paid for (program time zone)'),
  status: z.enum(MEMBERSHIP_STATUSES), ended_at: z.string().nullable(), days_left: z.number().int().describe('Days from today to ends_on; negative once past'),
  members: z.array(ZSeat).describe('Seats now held (an expired or ended membership: the seats it had at its end)'),
  actor: z.string().nullable(), created_at: z.string(),
}).meta({ id: 'VipMembership' });
export type TMembership = z.infer<typeof ZMembership>;

export const ZMembershipDetail = ZMembership.extend({
  seats: z.array(ZSeat).describe('Every seat, open and closed'),
  payments: z.array(ZPayment), refunds: z.array(ZRefund),
}).meta({ id: 'VipMembershipDetail' });
export type TMembershipDetail = z.infer<typeof ZMembershipDetail>;

export const ZRefundPreview = z.object({
  refund_policy: z.enum(['pro_rata', 'none']), ends_on: z.string().describe('The last day of the membership if ended now (today)'),
  refund_fen: z.number().int(), remaining_days: z.number().int(), term_days: z.number().int(), fee_fen: z.number().int().describe('What the refunded terms cost'),
}).meta({ id: 'VipRefundPreview' });
export type TRefundPreview = z.infer<typeof ZRefundPreview>;

export const ZJobResult = z.object({
  as_of: z.string(), expired: z.number().int(), notices_30: z.number().int(), notices_7: z.number().int(),
}).meta({ id: 'VipJobResult' });

export const ZPlanParams = z.strictObject({ program_id: zId('prg'), plan_id: zId('vpl') });
export const ZMembershipParams = z.strictObject({ program_id: zId('prg'), membership_id: zId('vip') });
export const ZSeatParams = z.strictObject({ program_id: zId('prg'), membership_id: zId('vip'), member_id: zId('mem') });
