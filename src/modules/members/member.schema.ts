import { z } from 'zod';
import { normalizeMobile, normalizeResidentId } from '../../platform/validate.ts';
import { zDate, zId, zText } from '../../platform/schema.ts';
import { referralSignupFields } from '../referrals/index.ts';
import { MEMBER_MESSAGES as MSG } from './member.errors.ts';

export const zMobile = z.string().max(20).transform((v, c) => {
  const n = normalizeMobile(v);
  if (!n) {
    c.addIssue({ code: 'custom', message: MSG.mobile.key });
    return z.NEVER;
  }
  return n;
});
export const zResidentId = z.string().max(20).transform((v, c) => {
  const n = normalizeResidentId(v);
  if (!n) {
    c.addIssue({ code: 'custom', message: MSG.resident_id.key });
    return z.NEVER;
  }
  return n;
});

const fields = {
  name: zText(50).nullable().optional(),
  email: z.email({ message: MSG.email.key }).max(200).nullable().optional(),
  gender: z.enum(['male', 'female', 'unknown']).nullable().optional(),
  birthday: zDate.refine((v) => v <= new Date().toISOString().slice(0, 10), { message: MSG.birthday_future.key }).nullable().optional(),
  id_number: zResidentId.nullable().optional(),
  marketing_consent: z.boolean().optional().describe('Consent to marketing: true records when it was given (kept if given before), false withdraws it; both are kept in the consent history'),
  sensitive_consent: z.boolean().optional()
    .describe('The member gives now their separate consent to the processing of their resident ID (PIPL art. 29): needed with id_number unless already on record'),
};
export const ZMemberCreate = z.strictObject({ phone: zMobile, ...fields, ...referralSignupFields }).meta({ id: 'MemberCreate' });
export const ZMemberUpdate = z.strictObject({ phone: zMobile.optional(), ...fields }).meta({ id: 'MemberUpdate' });
export type TMemberCreate = z.infer<typeof ZMemberCreate>;
export type TMemberUpdate = z.infer<typeof ZMemberUpdate>;

export const ZMemberParams = z.strictObject({ program_id: zId('prg'), member_id: zId('mem') });
export const ZMemberQuery = z.strictObject({
  phone: z.string().max(20).optional(),
  member_no: z.string().max(20).optional(),
  q: z.string().trim().min(1).max(50).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const ZStatusChange = z.strictObject({ reason: zText(500) }).meta({ id: 'StatusChange' });

export const ZMember = z.object({
  id: z.string(),
  member_no: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  gender: z.enum(['male', 'female', 'unknown']).nullable(),
  birthday: z.string().nullable(),
  id_number: z.string().nullable(),
  status: z.enum(['active', 'suspended', 'terminated']),
  status_reason: z.string().nullable(),
  tier: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  marketing_consent: z.boolean().describe('Whether the member consents to marketing'),
  marketing_consent_at: z.string().nullable().describe('When the member gave that consent; null without it'),
  created_at: z.string(),
  updated_at: z.string(),
}).meta({ id: 'Member' });
export type TMember = z.infer<typeof ZMember>;
