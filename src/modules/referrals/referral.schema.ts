import { z } from 'zod';
import { zDate, zId, zText } from '../../platform/schema.ts';
import { normalizeReferralCode } from './referral-code.ts';
import { REFERRAL_MESSAGES as MSG } from './referral.errors.ts';

export const REFERRAL_STATUSES = ['pending', 'blocked', 'released', 'rewarded', 'void'] as const;
export const BLOCK_REASONS = ['same_phone', 'same_resident_id', 'same_device', 'same_payment_account', 'monthly_cap', 'burst'] as const;

export const zReferralCode = z.string().max(20).transform((v, c) => {
  const n = normalizeReferralCode(v);
  if (!n) {
    c.addIssue({ code: 'custom', message: MSG.code_shape.key });
    return z.NEVER;
  }
  return n;
});

/** What a sign-up may report besides the member's own fields: the self-referral checks compare them. */
export const referralSignupFields = {
  referral_code: zReferralCode.optional().describe('The code of the member who referred this one (any case; spaces and dashes ignored). An unknown code is refused (422 referral_code_invalid) and nothing is enrolled, so the clerk can fix the typo'),
  device_fingerprint: zText(200).optional().describe('The sign-up device\'s fingerprint (app or H5): a referral from the referrer\'s own device is blocked'),
  payment_account: zText(200).optional().describe('A payment account the friend gave (WeChat Pay / Alipay / card token): the referrer\'s own account blocks the referral'),
};

export const ZReferrerLink = z.strictObject({
  referral_code: zReferralCode.describe('The referrer\'s code'),
  device_fingerprint: referralSignupFields.device_fingerprint,
  payment_account: referralSignupFields.payment_account,
}).meta({ id: 'ReferrerLink', description: 'Links a member enrolled without a code to their referrer, before their first purchase.' });
export type TReferrerLink = z.infer<typeof ZReferrerLink>;

export const ZReferralParams = z.strictObject({ program_id: zId('prg'), referral_id: zId('ref') });
export const ZReferralListQuery = z.strictObject({
  status: z.enum(REFERRAL_STATUSES).optional().describe('Only referrals in this status (default: all)'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const ZReferralRelease = z.strictObject({ reason: zText(500).describe('Why staff release it (recorded with who did)') }).meta({ id: 'ReferralRelease' });

const ZMemberRef = z.object({
  id: z.string(), member_no: z.string().nullable(), name: z.string().nullable(),
}).meta({ id: 'ReferralMember' });

export const ZReferral = z.object({
  id: z.string(),
  referrer: ZMemberRef, friend: ZMemberRef,
  code: z.string().describe('The code the friend enrolled with'),
  status: z.enum(REFERRAL_STATUSES).describe('pending: waiting for the friend\'s first purchase and its return window; blocked: held by a fraud check until staff release it; released: released by staff, paid when it qualifies; rewarded: both sides paid; void: the first purchase was returned (or what is left of it is below the minimum)'),
  block_reason: z.enum(BLOCK_REASONS).nullable().describe('Why it was blocked (kept after a release): same_phone / same_resident_id / same_device / same_payment_account as the referrer, monthly_cap (the referrer reached the month\'s cap), burst (too many sign-ups on the code in a short time)'),
  released_by: z.string().nullable(), release_reason: z.string().nullable(), released_at: z.string().nullable(),
  purchase_id: z.string().nullable().describe('The friend\'s first purchase, once judged'),
  void_reason: z.enum(['returned', 'below_minimum']).nullable(),
  referrer_points: z.number().int().nullable().describe('Points the referrer received (event referral); null until rewarded'),
  friend_points: z.number().int().nullable().describe('Points the friend received (event referred); null until rewarded'),
  judged_at: z.string().nullable(), created_at: z.string(),
}).meta({ id: 'Referral' });
export type TReferral = z.infer<typeof ZReferral>;

export const ZReferralCode = z.object({
  member_id: z.string(),
  code: z.string().describe('9 characters, printed and read aloud in groups of three'),
  code_grouped: z.string().describe('The code as printed: K7M-Q2X-9RT'),
  share_url: z.string().nullable().describe('The program\'s share link base followed by the code; null when the program has set none'),
}).meta({ id: 'ReferralCode' });
export type TReferralCode = z.infer<typeof ZReferralCode>;

export const ZMemberReferrals = z.object({
  referred_by: ZReferral.nullable().describe('The referral that brought this member, if any'),
  referrals: z.array(ZReferral).describe('Friends this member referred, newest first'),
}).meta({ id: 'MemberReferrals' });

const settings = {
  share_base_url: z.url({ protocol: /^https?$/, message: MSG.share_url.key }).max(300).nullable().describe('The share link is this followed by the code, e.g. https://m.example.cn/join?ref= ; null: no link'),
  monthly_cap: z.number().int().min(1).max(10_000).nullable().describe('Referrals one referrer may bring per calendar month (program time zone); the excess is blocked. null: no cap'),
  burst_count: z.number().int().min(1).max(10_000).describe('More than this many sign-ups on one code within burst_minutes blocks the later ones'),
  burst_minutes: z.number().int().min(1).max(1440).describe('The burst window in minutes'),
  min_purchase_fen: z.number().int().min(1).max(100_000_000).describe('The first purchase qualifies when what is left of it after returns is at least this (fen)'),
};
export const ZReferralSettings = z.object({ ...settings, updated_at: z.string().nullable() }).meta({ id: 'ReferralSettings' });
export type TReferralSettings = z.infer<typeof ZReferralSettings>;
export const ZReferralSettingsUpdate = z.strictObject({
  share_base_url: settings.share_base_url.optional(), monthly_cap: settings.monthly_cap.optional(), burst_count: settings.burst_count.optional(),
  burst_minutes: settings.burst_minutes.optional(), min_purchase_fen: settings.min_purchase_fen.optional(),
}).meta({ id: 'ReferralSettingsUpdate' });
export type TReferralSettingsUpdate = z.infer<typeof ZReferralSettingsUpdate>;

export const ZReferralRunRequest = z.strictObject({
  as_of: zDate.optional().describe('Judge first purchases whose return window ended by the end of this local day (never later than now). Default: today'),
}).nullish().meta({ id: 'ReferralRunRequest' });
export const ZReferralRun = z.object({
  as_of: z.string(),
  judged: z.number().int().describe('Open referrals (pending or released) looked at'),
  rewarded: z.number().int().describe('Referrals this run rewarded (both sides paid once)'),
  voided: z.number().int().describe('Referrals this run voided: the first purchase was returned'),
  waiting: z.number().int().describe('Still waiting: no purchase yet, or its return window has not passed'),
}).meta({ id: 'ReferralRun' });
