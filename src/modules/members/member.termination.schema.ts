import { z } from 'zod';
import { zText } from '../../platform/schema.ts';
import { ZEndEarly } from '../memberships/index.ts';
import { ZMember } from './member.schema.ts';

// What terminating a member (合同终止) settles, in the status change's transaction
// (workflows/terminate-member.ts): the same shape previews it before and reports it after.

export const ZTerminate = z.strictObject({
  reason: zText(500),
  vip_refund: ZEndEarly.optional().describe(
    'Needed when the member holds a personal VIP membership whose end refunds money (the preview\'s vip_membership.refund_fen > 0): '
    + 'the previewed figure and how it is paid back. Termination ends that membership; the refund is recorded in the memberships module.',
  ),
}).meta({ id: 'Terminate' });
export type TTerminate = z.infer<typeof ZTerminate>;

const ZRedemptionRef = z.object({ id: z.string(), reward_name: z.string(), reward_name_en: z.string().nullable(), points: z.number().int().describe('What the redemption cost') });
const ZSeatRef = z.object({ membership_id: z.string(), company_name: z.string().nullable(), plan_name: z.string(), plan_name_en: z.string().nullable() });
const ZVipEnd = z.object({
  membership_id: z.string(), plan_name: z.string(), plan_name_en: z.string().nullable(),
  ends_on: z.string().describe('The membership\'s last day once ended (today)'),
  refund_policy: z.enum(['pro_rata', 'none']), refund_fen: z.number().int().describe('What the plan refunds for the rest of the paid terms'),
  refund_id: z.string().nullable().describe('The refund recorded with the termination; null when nothing is owed (or in a preview)'),
});
const ZCaseRef = z.object({ id: z.string(), number: z.string(), type: z.string(), status: z.string() });

export const ZTerminationSettlement = z.object({
  points_forfeited: z.number().int().describe('Every open point (available and pending), after the cancelled redemptions\' points came back'),
  points_returned: z.number().int().describe('Of those, what cancelling the redemptions gave back first'),
  coupons_voided: z.number().int().describe('Unused coupons voided with reason terminated (used ones stay)'),
  redemptions_cancelled: z.array(ZRedemptionRef).describe('Redemptions not yet fulfilled: cancelled, stock and limits given back (one whose coupon was used stands)'),
  seats_released: z.array(ZSeatRef).describe('Corporate VIP seats freed for the company; the VIP tier floor ends'),
  vip_membership_ended: ZVipEnd.nullable().describe('The personal VIP membership the member held, ended'),
  cases_left_open: z.array(ZCaseRef).describe('Service cases not closed: left open (a complaint may still need an answer), their SLA clocks running'),
}).meta({ id: 'TerminationSettlement' });
export type TTerminationSettlement = z.infer<typeof ZTerminationSettlement>;

export const ZTerminated = ZMember.extend({ settled: ZTerminationSettlement }).meta({ id: 'TerminatedMember' });
export type TTerminated = z.infer<typeof ZTerminated>;
