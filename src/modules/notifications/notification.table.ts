import type { ColumnType, Generated, Selectable } from 'kysely';

export type Channel = 'email' | 'sms' | 'wechat' | 'portal';
export type MessageStatus = 'queued' | 'sent' | 'failed' | 'skipped';
export type TemplateKind = 'service' | 'marketing';
type Json = ColumnType<unknown, string | null, string | null>;

export interface NotificationTemplateTable {
  program_id: string;
  id: string;
  /** the outbox topic it answers, e.g. points.expiring */
  key: string;
  channel: Channel;
  lang: 'zh' | 'en';
  kind: TemplateKind;
  subject: Generated<string>;
  body: string;
  wechat_template_id: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface NotificationMessageTable {
  program_id: string;
  id: string;
  /** the member it went to; null for a message to staff (staff_id) */
  member_id: string | null;
  staff_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** the outbox event it came from; null for a one-off message (a case's reply, a staff alert) */
  event_id: ColumnType<string | null, number | string | null, number | string | null>;
  /** a one-off message's source (a case event, an SLA alert): unique, so a retry or a rerun does not send it twice */
  source_ref: Generated<string | null>;
  template_key: string;
  channel: Channel;
  lang: 'zh' | 'en';
  kind: TemplateKind;
  recipient_masked: string | null;
  /** the address, sealed (platform/crypto.ts): read only to send */
  recipient_enc: string | null;
  subject: Generated<string>;
  body: string;
  /** the event's variables (WeChat's data fields) */
  data: Json;
  status: MessageStatus;
  /** why skipped: no_consent, no_address, inactive_member */
  reason: string | null;
  attempts: Generated<number>;
  next_attempt_at: Date | null;
  last_error: string | null;
  provider_id: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
}

export interface NotificationTables {
  notification_templates: NotificationTemplateTable;
  notification_messages: NotificationMessageTable;
}
export type TemplateRow = Selectable<NotificationTemplateTable>;
export type MessageRow = Selectable<NotificationMessageTable>;
