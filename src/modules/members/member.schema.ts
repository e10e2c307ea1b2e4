import { z } from 'zod';
import { normalizeMobile, normalizeResidentId } from '../../platform/validate.ts';
import { zDate, zId, zText } from '../../platform/schema.ts';
import { referralSignupFields } from '../referrals/index.ts';
import { MEMBER_MESSAGES as MSG } from './member.errors.ts';
import { MEMBER_LANGUAGES, MEMBER_STATUSES } from './member.table.ts';

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
  address: zText(200).nullable().optional().describe('The member\'s address (stored encrypted, shown masked to the district)'),
  language: z.enum(MEMBER_LANGUAGES).optional().describe('The language the member reads messages in: zh (the default) or en. The notification relay sends the template in it, else the other language\'s'),
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
  email: z.string().trim().min(3).max(200).optional().describe('Finds by the whole address (any case), through its blind index'),
  member_no: z.string().max(20).optional(),
  q: z.string().trim().min(1).max(200).optional().describe('A phone, a whole e-mail, a member number or the start of a name'),
  // Without phone, email, member_no or q the answer is the program's members, newest enrolled
  // first: the console's member list. The filters narrow a search as well as the list.
  status: z.enum(MEMBER_STATUSES).optional().describe('Only members in this status (erased members are terminated, flagged `erased`)'),
  tier_id: zId('tier').optional().describe('Only members currently in this tier'),
  enrolled_from: zDate.optional().describe('Enrolled on or after this local date (the program\'s time zone)'),
  enrolled_to: zDate.optional().describe('Enrolled on or before this local date (the program\'s time zone)'),
  cursor: z.string().max(200).optional().describe('next_cursor of the page before'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
}).refine((v) => !v.enrolled_from || !v.enrolled_to || v.enrolled_from <= v.enrolled_to, { path: ['enrolled_to'], message: MSG.enrolled_range.key });
export type TMemberQuery = z.infer<typeof ZMemberQuery>;
export const ZStatusChange = z.strictObject({ reason: zText(500) }).meta({ id: 'StatusChange' });

export const ZMember = z.object({
  id: z.string(),
  member_no: z.string(),
  phone: z.string().describe('Masked (138****1234) unless the caller may read personal data (pii.read)'),
  email: z.string().nullable().describe('Masked (a***@example.com) unless pii.read'),
  name: z.string().nullable(),
  gender: z.enum(['male', 'female', 'unknown']).nullable(),
  birthday: z.string().nullable(),
  id_number: z.string().nullable().describe('Masked to the first 6 and last 4 unless pii.read'),
  address: z.string().nullable().describe('Masked to the district unless pii.read'),
  status: z.enum(MEMBER_STATUSES),
  status_reason: z.string().nullable(),
  erased: z.boolean().describe('The member\'s personal data was erased (a deletion request or retention): the row is anonymised and terminated'),
  tier: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  language: z.enum(MEMBER_LANGUAGES).describe('The language the member reads messages and survey pages in'),
  marketing_consent: z.boolean().describe('Whether the member consents to marketing'),
  marketing_consent_at: z.string().nullable().describe('When the member gave that consent; null without it'),
  created_at: z.string(),
  updated_at: z.string(),
}).meta({ id: 'Member' });
export type TMember = z.infer<typeof ZMember>;
export const ZMemberPage = z.object({
  items: z.array(ZMember),
  next_cursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last'),
}).meta({ id: 'MemberPage' });

/** The fields kept sealed and shown masked; a reveal names some of them. */
export const PERSONAL_FIELDS = ['phone', 'email', 'id_number', 'address'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];
/** Why a person reveals a member's data (seed 002 §6: used only for the purpose it serves); 'other' needs a note. */
export const REVEAL_PURPOSES = ['service_callback', 'delivery', 'identity_check', 'legal_request', 'other'] as const;

export const ZReveal = z.strictObject({
  fields: z.array(z.enum(PERSONAL_FIELDS)).min(1).max(4).describe('The fields to see whole'),
  purpose: z.enum(REVEAL_PURPOSES),
  note: zText(200).optional().describe('Required when purpose is other'),
}).refine((v) => v.purpose !== 'other' || Boolean(v.note), { message: MSG.reveal_note.key, path: ['note'] }).meta({ id: 'RevealRequest' });
export type TReveal = z.infer<typeof ZReveal>;
export const ZRevealed = z.object({
  member_id: z.string(),
  phone: z.string().optional(), email: z.string().nullable().optional(), id_number: z.string().nullable().optional(), address: z.string().nullable().optional(),
  audit_id: z.string().describe('The audit record of this reveal'),
  expires_in_s: z.number().int().describe('How long a screen may show the values'),
}).meta({ id: 'Revealed' });
