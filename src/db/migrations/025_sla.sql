-- SLA clocks and escalation (issue 11): policies per subject type, tier and priority; one
-- clock per subject and metric with its paused spans kept (so a deadline can be explained);
-- the desk's settings (quiet hours, supervisor); staff alerts held through quiet hours.
-- Staff accounts get an optional e-mail, and a notification message may go to staff.

CREATE TABLE sla_policies (
  program_id      text NOT NULL REFERENCES programs(id),
  id              text NOT NULL,
  subject_type    text NOT NULL CHECK (subject_type IN ('service_request', 'complaint', 'suggestion')),
  -- null: any tier / any priority; the most specific matching policy wins
  tier_id         text,
  priority        text CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  metric          text NOT NULL CHECK (metric IN ('first_response', 'next_response', 'resolution', 'outcome')),
  unit            text NOT NULL CHECK (unit IN ('calendar_hours', 'working_hours', 'working_days')),
  target          integer NOT NULL CHECK (target > 0),
  warn_percent    integer NOT NULL CHECK (warn_percent BETWEEN 1 AND 99),
  escalate        boolean NOT NULL DEFAULT false,
  escalate_to     text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id)
);
CREATE UNIQUE INDEX sla_policies_key_idx ON sla_policies (program_id, subject_type, metric, coalesce(tier_id, ''), coalesce(priority, ''));

CREATE TABLE sla_settings (
  program_id      text PRIMARY KEY REFERENCES programs(id),
  -- local wall clock 'HH:MM'; both null: no quiet hours. start > end wraps midnight (22:00–08:00)
  quiet_start     text,
  quiet_end       text,
  urgent_bypasses_quiet boolean NOT NULL DEFAULT false,
  supervisor_id   text,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
);

CREATE TABLE sla_clocks (
  program_id      text NOT NULL REFERENCES programs(id),
  id              text NOT NULL,
  subject_type    text NOT NULL,
  subject_id      text NOT NULL,
  metric          text NOT NULL,
  -- the policy as it was when the clock started (a later edit does not move running clocks)
  policy_id       text NOT NULL,
  unit            text NOT NULL,
  target          integer NOT NULL,
  warn_percent    integer NOT NULL,
  escalate        boolean NOT NULL,
  escalate_to     text,
  tier_id         text,
  priority        text,
  -- a restart (next_response) begins a new cycle: its warning, breach and escalation are new
  cycle           integer NOT NULL DEFAULT 1,
  started_at      timestamptz NOT NULL,
  due_at          timestamptz NOT NULL,
  warn_at         timestamptz NOT NULL,
  due_provisional boolean NOT NULL DEFAULT false,
  state           text NOT NULL CHECK (state IN ('running', 'paused', 'met', 'breached', 'cancelled')),
  paused_since    timestamptz,
  warned_at       timestamptz,
  breached_at     timestamptz,
  escalated_at    timestamptz,
  met_at          timestamptz,
  late            boolean,
  owner_id        text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id),
  UNIQUE (program_id, subject_type, subject_id, metric)
);
-- the job's look-ups: running clocks by their next instant
CREATE INDEX sla_clocks_warn_idx ON sla_clocks (warn_at) WHERE state = 'running' AND warned_at IS NULL;
CREATE INDEX sla_clocks_due_idx ON sla_clocks (due_at) WHERE state = 'running' AND breached_at IS NULL;
CREATE INDEX sla_clocks_overview_idx ON sla_clocks (program_id, state, due_at);

CREATE TABLE sla_pauses (
  program_id      text NOT NULL,
  clock_id        text NOT NULL,
  cycle           integer NOT NULL,
  paused_at       timestamptz NOT NULL,
  resumed_at      timestamptz,
  reason          text NOT NULL,
  PRIMARY KEY (program_id, clock_id, paused_at),
  FOREIGN KEY (program_id, clock_id) REFERENCES sla_clocks (program_id, id) ON DELETE CASCADE
);

-- A staff member's alert (the console's bell); deliver_at is after the quiet hours it fell in.
CREATE TABLE sla_alerts (
  program_id      text NOT NULL,
  id              text NOT NULL,
  staff_id        text NOT NULL,
  clock_id        text NOT NULL,
  cycle           integer NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('warning', 'breached', 'escalated')),
  subject_type    text NOT NULL,
  subject_id      text NOT NULL,
  metric          text NOT NULL,
  due_at          timestamptz NOT NULL,
  created_at      timestamptz NOT NULL,
  deliver_at      timestamptz NOT NULL,
  read_at         timestamptz,
  PRIMARY KEY (program_id, id),
  UNIQUE (program_id, clock_id, cycle, kind, staff_id)
);
CREATE INDEX sla_alerts_staff_idx ON sla_alerts (program_id, staff_id, deliver_at DESC);

ALTER TABLE staff ADD COLUMN email text;

-- a notification to a member of staff (an SLA alert by e-mail): no member, no outbox event
-- (event_id null since 024); one message per alert (source_ref, unique since 024), whatever reruns
ALTER TABLE notification_messages ALTER COLUMN member_id DROP NOT NULL;
ALTER TABLE notification_messages ADD COLUMN staff_id text;
ALTER TABLE notification_messages ADD CONSTRAINT notification_messages_recipient_chk CHECK ((member_id IS NULL) <> (staff_id IS NULL));

