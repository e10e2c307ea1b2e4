import type { notificationsZh } from './notifications.zh.ts';

export const notificationsEn: typeof notificationsZh = {
  nav: 'Notifications',
  title: 'Notifications',
  intro: 'Points expiring, tier changes, birthday greetings and paid memberships ending reach members through these templates. Marketing messages go only to members who consent at the moment of sending; failed sends are retried.',
  templates: 'Templates', log: 'Message log',
  events: { 'points.expiring': 'Points expiring', 'member.tier_will_drop': 'Tier will drop', 'member.birthday': 'Birthday', 'membership.expiring': 'Membership ending', 'case.message': 'Case reply', 'sla.warning': 'SLA warning', 'sla.breached': 'SLA breached', 'sla.escalated': 'SLA escalated' },
  channels: { email: 'E-mail', sms: 'SMS', wechat: 'WeChat template', portal: 'In-portal' },
  kinds: { service: 'Service', marketing: 'Marketing' },
  langs: { zh: 'Chinese', en: 'English' },
  statuses: { queued: 'Queued', sent: 'Sent', failed: 'Failed', skipped: 'Not sent' },
  reasons: { no_consent: 'No marketing consent', no_address: 'No such contact', inactive_member: 'Member not active', erased: 'Member data erased' },
  event: 'Event', channel: 'Channel', lang: 'Language', kind: 'Kind', subject: 'Subject', body: 'Text', active: 'Active', variables: 'Variables',
  wechatTemplateId: 'WeChat template ID', add: 'New template', edit: 'Edit', save: 'Save', saved: 'Template saved', preview: 'Preview', previewHint: 'What a member reads, with sample values',
  none: 'Not set', member: 'Member', toStaff: 'Staff', recipient: 'Recipient', status: 'Status', attempts: 'Attempts', lastError: 'Last error', nextAttempt: 'Next attempt', createdAt: 'Created', sentAt: 'Sent',
  resend: 'Resend', resent: 'Sent again', resendFailed: 'Resend failed again: {{error}}', all: 'All', empty: 'No messages yet', memberTitle: 'Notifications', required: 'Required',
};
