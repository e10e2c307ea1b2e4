import type { Channel, TemplateKind } from './notification.table.ts';

type Def = { key: string; kind: TemplateKind; zh: { subject: string; body: string }; en: { subject: string; body: string } };

// The events' default wording. Birthday greetings are 客户关怀 (marketing): they go only
// to members who consent at the moment of sending; the rest are service notices about the member's own account.
const EVENTS: Def[] = [
  {
    key: 'points.expiring', kind: 'service',
    zh: { subject: '积分即将过期提醒', body: '{{member_name}}您好，您有 {{points}} 积分将于 {{expires_on}} 过期，请及时使用。' },
    en: { subject: 'Your points are about to expire', body: 'Dear {{member_name}}, {{points}} of your points expire on {{expires_on}}. Use them before then.' },
  },
  {
    key: 'member.tier_will_drop', kind: 'service',
    zh: { subject: '会员等级变动提醒', body: '{{member_name}}您好，距保级还差 {{missing}}，若未达标，您的{{tier_name}}将于 {{drops_on}} 调整为{{to_tier_name}}。' },
    en: { subject: 'Your tier may change', body: 'Dear {{member_name}}, you are {{missing}} short of keeping {{tier_name}}; on {{drops_on}} it becomes {{to_tier_name}}.' },
  },
  {
    key: 'member.birthday', kind: 'marketing',
    zh: { subject: '生日快乐', body: '{{member_name}}，祝您生日快乐！您的生日礼：{{gift}}。' },
    en: { subject: 'Happy birthday', body: 'Happy birthday, {{member_name}}! Your birthday gift: {{gift}}.' },
  },
  {
    key: 'membership.expiring', kind: 'service',
    zh: { subject: '付费会员即将到期', body: '{{member_name}}您好，您的付费会员将于 {{ends_on}} 到期（还有 {{days_left}} 天），续费可继续享受权益。' },
    en: { subject: 'Your membership ends soon', body: 'Dear {{member_name}}, your paid membership ends on {{ends_on}} ({{days_left}} days left). Renew to keep its benefits.' },
  },
  // suggestions (建议采纳与奖励): service notices about the member's own suggestion, not marketing
  {
    key: 'suggestion.adopted', kind: 'service',
    zh: { subject: '您的建议已被采纳', body: '{{member_name}}您好，感谢您的建议“{{title}}”，我们已决定采纳。作为感谢，{{points}} 积分已存入您的账户。' },
    en: { subject: 'Your suggestion was adopted', body: 'Dear {{member_name}}, thank you for your suggestion "{{title}}": we are adopting it. {{points}} points have been added to your account as our thanks.' },
  },
  {
    // the author, when the program pays nothing for an adoption (or the member is no longer active): no points to mention
    key: 'suggestion.adopted_thanks', kind: 'service',
    zh: { subject: '您的建议已被采纳', body: '{{member_name}}您好，感谢您的建议“{{title}}”，我们已决定采纳。' },
    en: { subject: 'Your suggestion was adopted', body: 'Dear {{member_name}}, thank you for your suggestion "{{title}}": we are adopting it.' },
  },
  {
    key: 'suggestion.adopted_supporter', kind: 'service',
    zh: { subject: '您支持的建议已被采纳', body: '{{member_name}}您好，您支持的建议“{{title}}”已被采纳，感谢您的参与。' },
    en: { subject: 'A suggestion you supported was adopted', body: 'Dear {{member_name}}, the suggestion you supported, "{{title}}", was adopted. Thank you for taking part.' },
  },
  {
    key: 'suggestion.declined', kind: 'service',
    zh: { subject: '关于您的建议的答复', body: '{{member_name}}您好，感谢您的建议“{{title}}”。经评估暂不采纳，原因：{{reason}}' },
    en: { subject: 'About your suggestion', body: 'Dear {{member_name}}, thank you for your suggestion "{{title}}". We are not adopting it, because: {{reason}}' },
  },
  // surveys (issue 12): CSAT about the member's own case is part of the service; NPS and
  // custom surveys are market research, sent only to members who consent to marketing
  {
    key: 'survey.csat', kind: 'service',
    zh: { subject: '请评价我们的服务', body: '{{member_name}}您好，您的服务单 {{case_number}} 已处理完毕。请花 1 分钟评价本次服务：{{link}}（{{expires_on}} 前有效）' },
    en: { subject: 'How did we do?', body: 'Dear {{member_name}}, your request {{case_number}} is closed. Please rate our service (1 minute): {{link}} (open until {{expires_on}})' },
  },
  {
    key: 'survey.nps', kind: 'marketing',
    zh: { subject: '{{survey_title}}', body: '{{member_name}}您好，您有多大可能向朋友推荐我们？请告诉我们：{{link}}（{{expires_on}} 前有效）' },
    en: { subject: '{{survey_title}}', body: 'Dear {{member_name}}, how likely are you to recommend us to a friend? Tell us: {{link}} (open until {{expires_on}})' },
  },
  {
    key: 'survey.custom', kind: 'marketing',
    zh: { subject: '{{survey_title}}', body: '{{member_name}}您好，邀请您参加「{{survey_title}}」：{{link}}（{{expires_on}} 前有效）' },
    en: { subject: '{{survey_title}}', body: 'Dear {{member_name}}, please take our survey "{{survey_title}}": {{link}} (open until {{expires_on}})' },
  },
];

/** Default templates: each event in zh and en on e-mail, SMS and the portal (WeChat needs the program's own template ids). */
export const DEFAULT_TEMPLATES = EVENTS.flatMap((e) => (['email', 'sms', 'portal'] as Channel[]).flatMap((channel) => (['zh', 'en'] as const).map((lang) => ({
  key: e.key, channel, lang, kind: e.kind, subject: channel === 'sms' ? '' : e[lang].subject, body: e[lang].body, active: true,
}))));
