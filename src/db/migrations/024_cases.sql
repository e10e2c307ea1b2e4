-- The service desk's cases (issue 11): VIP service requests (seed 002 §3) and complaints
-- (seed 003 §7) in one table, their timeline, the members' dedicated account managers
-- (专属客户经理, 002 §3.2), the round-robin routing state, per-year case numbers and the
-- desk's settings. SLA clocks are the sla module's; nothing here computes a deadline.

CREATE TABLE cases (
  program_id text NOT NULL REFERENCES programs(id),
  id text NOT NULL,
  -- C-2026-000123: numbered per program and year (the program's time zone)
  number text NOT NULL,
  type text NOT NULL CHECK (type IN ('service_request', 'complaint')),
  channel text NOT NULL CHECK (channel IN ('phone', 'sms', 'email', 'portal', 'wechat', 'store')),
  subject text NOT NULL,
  description text NOT NULL DEFAULT '',
  priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  member_id text NOT NULL,
  store_id text,
  assignee_id text,
  status text NOT NULL CHECK (status IN ('inquiry', 'account_manager', 'service_plan', 'implementation', 'evaluation',
    'received', 'investigating', 'solution_ready', 'solution_told', 'resolved', 'closed')),
  -- waiting on the member: the sub-state that pauses the SLA clock
  waiting boolean NOT NULL DEFAULT false,
  solution text,
  purchase_id text,
  redemption_id text,
  opened_by text NOT NULL,
  opened_at timestamptz NOT NULL,
  first_response_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  reopen_count integer NOT NULL DEFAULT 0,
  last_member_message_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id),
  UNIQUE (program_id, number)
);
CREATE INDEX cases_queue_idx ON cases (program_id, opened_at DESC, id DESC);
CREATE INDEX cases_open_assignee_idx ON cases (program_id, assignee_id) WHERE closed_at IS NULL;
CREATE INDEX cases_member_idx ON cases (program_id, member_id, opened_at DESC);
CREATE INDEX cases_closed_idx ON cases (program_id, closed_at) WHERE closed_at IS NOT NULL;

CREATE TABLE case_events (
  program_id text NOT NULL REFERENCES programs(id),
  id text NOT NULL,
  case_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('opened', 'note', 'message_out', 'message_in', 'status', 'assignment', 'waiting',
    'attachment', 'proceeding', 'goodwill')),
  actor text NOT NULL,
  at timestamptz NOT NULL,
  body text NOT NULL DEFAULT '',
  data jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (program_id, id),
  FOREIGN KEY (program_id, case_id) REFERENCES cases (program_id, id)
);
CREATE INDEX case_events_case_idx ON case_events (program_id, case_id, at, id);

CREATE TABLE case_account_managers (
  program_id text NOT NULL REFERENCES programs(id),
  member_id text NOT NULL,
  staff_id text NOT NULL,
  set_by text NOT NULL,
  set_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, member_id)
);
CREATE INDEX case_account_managers_staff_idx ON case_account_managers (program_id, staff_id);

-- round robin: the agent who got the last case, per pool ('*' = the whole program, else a store
-- id); the row is locked while the next one is chosen, so processes take turns fairly
CREATE TABLE case_routing (
  program_id text NOT NULL REFERENCES programs(id),
  pool text NOT NULL,
  last_staff_id text,
  PRIMARY KEY (program_id, pool)
);

CREATE TABLE case_counters (
  program_id text NOT NULL REFERENCES programs(id),
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (program_id, year)
);

CREATE TABLE case_settings (
  program_id text PRIMARY KEY REFERENCES programs(id),
  -- a goodwill grant above this needs cases.manage (a supervisor), not just cases.goodwill
  goodwill_max_points integer NOT NULL DEFAULT 500 CHECK (goodwill_max_points >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Notifications: a one-off service message (a case's reply to the member) comes from no
-- outbox event; its source reference (case event id) keeps a retry from sending it twice.
ALTER TABLE notification_messages ALTER COLUMN event_id DROP NOT NULL;
ALTER TABLE notification_messages ADD COLUMN source_ref text;
CREATE UNIQUE INDEX notification_messages_source_idx ON notification_messages (program_id, source_ref) WHERE source_ref IS NOT NULL;
