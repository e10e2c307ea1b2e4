import { z } from 'zod';
import { FIELD } from '../../platform/i18n.ts';
import { zId, zText } from '../../platform/schema.ts';
import { PRIVACY_MESSAGES as MSG } from './privacy.errors.ts';

export const POLICY_KINDS = ['membership_agreement', 'privacy_policy'] as const;
export const POLICY_STATUSES = ['draft', 'published', 'superseded'] as const;
export const PURPOSES = ['service', 'marketing', 'sharing', 'sensitive'] as const;
// sensitive personal information (PIPL art. 28) a member may be asked about
export const SENSITIVE_KINDS = ['resident_id', 'precise_location', 'financial_account'] as const;
export const CHANNELS = ['pos', 'console', 'portal', 'import'] as const;

const zKind = z.enum(POLICY_KINDS).describe('membership_agreement (会员协议) or privacy_policy (隐私政策)');
const zChannel = z.enum(CHANNELS).describe('Where the member gave it: pos, console, portal, import');
const zBody = z.string().trim().min(1).max(60_000).refine((v) => !v.includes('\u0000'), { message: FIELD.nul.key });

const text = {
  title: zText(100).describe('Title (zh)'),
  title_en: zText(200).nullable().optional().describe('Title (en)'),
  body: zBody.describe('The text (zh), paragraphs separated by blank lines'),
  body_en: zBody.nullable().optional().describe('The text (en)'),
  summary: zText(1000).nullable().optional().describe('What changed from the version before: what members are told when asked to accept again'),
};
export const ZPolicyCreate = z.strictObject({ kind: zKind, ...text }).meta({ id: 'PolicyDraftCreate' });
export const ZPolicyUpdate = z.strictObject({
  title: text.title.optional(), title_en: text.title_en, body: text.body.optional(), body_en: text.body_en, summary: text.summary,
}).refine((v) => Object.keys(v).length > 0, { message: MSG.empty_draft.key }).meta({ id: 'PolicyDraftUpdate' });
export type TPolicyCreate = z.infer<typeof ZPolicyCreate>;
export type TPolicyUpdate = z.infer<typeof ZPolicyUpdate>;

export const ZPolicy = z.object({
  id: z.string(), kind: z.enum(POLICY_KINDS), version: z.number().int().nullable().describe('Assigned on publish; null for a draft'),
  title: z.string(), title_en: z.string().nullable(), body: z.string(), body_en: z.string().nullable(), summary: z.string().nullable(),
  status: z.enum(POLICY_STATUSES).describe('draft; published (the version in force); superseded (a later version was published)'),
  published_at: z.string().nullable(), published_by: z.string().nullable(),
  accepted: z.number().int().describe('Members who accepted this version'),
  created_at: z.string(), updated_at: z.string(),
}).meta({ id: 'Policy' });
export type TPolicy = z.infer<typeof ZPolicy>;

export const ZPolicyParams = z.strictObject({ program_id: zId('prg'), document_id: zId('pol') });
export const ZPolicyListQuery = z.strictObject({ kind: zKind.optional(), status: z.enum(POLICY_STATUSES).optional() });
export const ZMemberParams = z.strictObject({ program_id: zId('prg'), member_id: zId('mem') });

export const ZAcceptanceCreate = z.strictObject({
  document_id: zId('pol').optional().describe('The version accepted; or give kind and version'),
  kind: zKind.optional(),
  version: z.number().int().min(1).max(1_000_000).optional(),
  channel: zChannel,
}).refine((v) => v.document_id !== undefined || (v.kind !== undefined && v.version !== undefined), { path: ['document_id'], message: MSG.document_ref.key })
  .meta({ id: 'PolicyAcceptanceCreate' });
export type TAcceptanceCreate = z.infer<typeof ZAcceptanceCreate>;

export const ZAcceptance = z.object({
  document_id: z.string(), kind: z.enum(POLICY_KINDS), version: z.number().int(), accepted_at: z.string(), channel: z.enum(CHANNELS), actor: z.string().nullable(),
}).meta({ id: 'PolicyAcceptance' });
export type TAcceptance = z.infer<typeof ZAcceptance>;

export const ZConsentCreate = z.strictObject({
  purpose: z.enum(PURPOSES).describe('service, marketing, sharing (with partners), or sensitive (sensitive personal information, PIPL art. 29)'),
  granted: z.boolean().describe('true: given; false: withdrawn'),
  channel: zChannel,
  note: zText(500).optional().describe('What the member said, or where it is written down'),
  scope: z.array(z.enum(SENSITIVE_KINDS)).min(1).max(3).optional()
    .describe('sensitive only: the kinds of sensitive information (given: added to the consent; withdrawn: taken out; absent on a withdrawal: all)'),
}).superRefine((v, c) => {
  if (v.purpose !== 'sensitive' && v.scope !== undefined) c.addIssue({ code: 'custom', path: ['scope'], message: MSG.scope_only_sensitive.key });
  if (v.purpose === 'sensitive' && v.granted && v.scope === undefined) c.addIssue({ code: 'custom', path: ['scope'], message: MSG.scope_required.key });
}).meta({ id: 'ConsentCreate' });
export type TConsentCreate = z.infer<typeof ZConsentCreate>;

export const ZConsent = z.object({
  id: z.string(), purpose: z.enum(PURPOSES), granted: z.boolean(), scope: z.array(z.enum(SENSITIVE_KINDS)), at: z.string(),
  document_id: z.string().nullable(), document_version: z.number().int().nullable().describe('The privacy policy version in force then'),
  channel: z.enum(CHANNELS), actor: z.string().nullable(), note: z.string().nullable(),
}).meta({ id: 'Consent' });
export type TConsent = z.infer<typeof ZConsent>;

export const ZConsentState = z.object({
  purpose: z.enum(PURPOSES), granted: z.boolean(),
  scope: z.array(z.enum(SENSITIVE_KINDS)).describe('sensitive: the kinds consented to now'),
  at: z.string().nullable().describe('When it was last given or withdrawn; null: never recorded (not given)'),
  document_version: z.number().int().nullable(), consent_id: z.string().nullable(),
}).meta({ id: 'ConsentState' });
export type TConsentState = z.infer<typeof ZConsentState>;

export const ZConsentResult = z.object({
  changed: z.boolean().describe('false: the consent already stood so (a retry, or nothing new): no history row was added'),
  state: ZConsentState, consent: ZConsent.nullable().describe('The history row added'),
}).meta({ id: 'ConsentResult' });
export const ZAcceptanceResult = z.object({
  created: z.boolean().describe('false: the member had already accepted this version (a retry): nothing was added'), acceptance: ZAcceptance,
}).meta({ id: 'PolicyAcceptanceResult' });

export const ZMemberPrivacy = z.object({
  member_id: z.string(),
  consents: z.array(ZConsentState).describe('Every purpose, in order: service, marketing, sharing, sensitive'),
  pending: z.array(ZPolicy).describe('Versions in force the member has not accepted: ask at their next visit'),
  acceptances: z.array(ZAcceptance).describe('Every acceptance, newest first'),
  history: z.array(ZConsent).describe('Every consent given or withdrawn, newest first'),
}).meta({ id: 'MemberPrivacy' });
export type TMemberPrivacy = z.infer<typeof ZMemberPrivacy>;
