-- Notifications (issue 11): templates per event, channel and language; every message the
-- relay made from an outbox event, with its sealed recipient, status, attempts and back-off.

CREATE TABLE notification_templates (
  program_id text NOT NULL REFERENCES programs(id),
  id text NOT NULL,
  key text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'sms', 'wechat', 'portal')),
  lang text NOT NULL CHECK (lang IN ('zh', 'en')),
  kind text NOT NULL CHECK (kind IN ('service', 'marketing')),
  subject text NOT NULL DEFAULT '',
  body text NOT NULL,
  -- WeChat's own template id (公众号模板消息): only for the wechat channel
  wechat_template_id text,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id),
  UNIQUE (program_id, key, channel, lang)
);

CREATE TABLE notification_messages (
  program_id text NOT NULL REFERENCES programs(id),
  id text NOT NULL,
  member_id text NOT NULL,
  -- the outbox event it came from: one message per event, member and channel, whatever reruns
  event_id bigint NOT NULL,
  template_key text NOT NULL,
  channel text NOT NULL,
  lang text NOT NULL,
  kind text NOT NULL,
  recipient_masked text,
  recipient_enc text,
  subject text NOT NULL DEFAULT '',
  body text NOT NULL,
  data jsonb,
  status text NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'skipped')),
  reason text,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  last_error text,
  provider_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  PRIMARY KEY (program_id, id),
  UNIQUE (program_id, event_id, member_id, channel)
);
CREATE INDEX notification_messages_due_idx ON notification_messages (next_attempt_at) WHERE status = 'queued';
CREATE INDEX notification_messages_member_idx ON notification_messages (program_id, member_id, created_at DESC);
CREATE INDEX notification_messages_list_idx ON notification_messages (program_id, created_at DESC, id DESC);
