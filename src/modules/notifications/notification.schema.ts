import { z } from 'zod';
import { zId, zText } from '../../platform/schema.ts';
import { EVENT_KEYS } from './render.ts';

export const CHANNELS = ['email', 'sms', 'wechat', 'portal'] as const;
export const STATUSES = ['queued', 'sent', 'failed', 'skipped'] as const;

const zKey = z.enum(EVENT_KEYS as [string, ...string[]]).describe('The event the template answers: points.expiring, member.tier_will_drop, member.birthday, membership.expiring');
const zBody = z.string().trim().min(1).max(4000).refine((v) => !v.includes('\u0000'));

export const ZTemplateCreate = z.strictObject({
  key: zKey,
  channel: z.enum(CHANNELS).describe('email, sms, wechat (template message) or portal (in-portal message)'),
  lang: z.enum(['zh', 'en']).describe('A member gets the template in their language (members.language), else the other language\'s on that channel'),
  kind: z.enum(['service', 'marketing']).describe('marketing: sent only to members who consent to marketing at the moment of sending'),
  subject: z.string().trim().max(200).refine((v) => !v.includes('\u0000')).default('').describe('Subject (e-mail, WeChat first line, portal title); {{variable}} placeholders'),
  body: zBody.describe('Text with {{variable}} placeholders'),
  wechat_template_id: zText(100).nullable().optional().describe('channel wechat: the template id WeChat assigned'),
  active: z.boolean().default(true),
}).meta({ id: 'NotificationTemplateCreate' });
export const ZTemplateUpdate = z.strictObject({
  kind: z.enum(['service', 'marketing']).optional(),
  subject: z.string().trim().max(200).refine((v) => !v.includes('\u0000')).optional(),
  body: zBody.optional(),
  wechat_template_id: zText(100).nullable().optional(),
  active: z.boolean().optional(),
}).meta({ id: 'NotificationTemplateUpdate' });
export const ZTemplate = z.object({
  id: z.string(), key: z.string(), channel: z.enum(CHANNELS), lang: z.enum(['zh', 'en']), kind: z.enum(['service', 'marketing']),
  subject: z.string(), body: z.string(), wechat_template_id: z.string().nullable(), active: z.boolean(),
  variables: z.array(z.string()).describe('The placeholders this event offers'), updated_at: z.string(),
}).meta({ id: 'NotificationTemplate' });
export const ZTemplateList = z.object({ items: z.array(ZTemplate), events: z.array(z.object({ key: z.string(), variables: z.array(z.string()) })) }).meta({ id: 'NotificationTemplateList' });
export const ZPreviewRequest = z.strictObject({
  key: zKey, subject: z.string().max(200).default(''), body: z.string().max(4000),
  variables: z.record(z.string(), z.union([z.string(), z.number()])).optional().describe('Values to fill in; absent ones take the sample values'),
}).meta({ id: 'NotificationPreviewRequest' });
export const ZPreview = z.object({ subject: z.string(), body: z.string(), variables: z.record(z.string(), z.unknown()) }).meta({ id: 'NotificationPreview' });

export const ZMessage = z.object({
  id: z.string(), member_id: z.string().nullable().describe('null: a message to staff'), staff_id: z.string().nullable().describe('A message to a member of staff (a service-desk alert)'),
  event_id: z.number().int().nullable().describe('null: a one-off message (a case\'s reply, a staff alert)'), template_key: z.string(), channel: z.enum(CHANNELS),
  lang: z.string().describe('The template\'s language; a case reply: the member\'s (the text is the agent\'s); a staff alert: zh (its text is in zh and en)'), kind: z.string(),
  recipient: z.string().nullable().describe('Masked'), subject: z.string(), body: z.string(),
  status: z.enum(STATUSES), reason: z.string().nullable().describe('Why skipped: no_consent, no_address, inactive_member'),
  attempts: z.number().int(), next_attempt_at: z.string().nullable(), last_error: z.string().nullable(), provider_id: z.string().nullable(),
  created_at: z.string(), sent_at: z.string().nullable(),
}).meta({ id: 'NotificationMessage' });
export const ZMessageQuery = z.strictObject({
  member_id: zId('mem').optional(), status: z.enum(STATUSES).optional(), channel: z.enum(CHANNELS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50), cursor: zId('msg').optional().describe('next_cursor of the page before'),
});
export const ZMessagePage = z.object({ items: z.array(ZMessage), next_cursor: z.string().nullable() }).meta({ id: 'NotificationMessagePage' });
export const zTemplateParams = z.strictObject({ program_id: zId('prg'), template_id: zId('ntp') });
export const zMessageParams = z.strictObject({ program_id: zId('prg'), message_id: zId('msg') });
export const zMemberParams = z.strictObject({ program_id: zId('prg'), member_id: zId('mem') });

export type TTemplateCreate = z.infer<typeof ZTemplateCreate>;
export type TTemplateUpdate = z.infer<typeof ZTemplateUpdate>;
export type TTemplate = z.infer<typeof ZTemplate>;
export type TMessage = z.infer<typeof ZMessage>;
export type TMessageQuery = z.infer<typeof ZMessageQuery>;
