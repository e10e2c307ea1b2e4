-- The audit log (管理职责; seed 002 §6 信息保密): every change made by staff or an API key,
-- who, when, from where, what, and before/after for settings, rules, tiers and member
-- profiles. Append-only and tamper-evident: each record carries the hash of the one before
-- it in its chain (one chain per program, and 'system' for what belongs to none), so
-- `patron audit verify` finds the first record that was altered, removed or inserted.
CREATE TABLE audit_log (
  chain        text NOT NULL,
  seq          bigint NOT NULL CHECK (seq > 0),
  id           text NOT NULL UNIQUE,
  at           timestamptz NOT NULL,
  actor_id     text NOT NULL,
  actor_name   text NOT NULL,
  actor_role   text NOT NULL,
  ip           text,
  user_agent   text,
  action       text NOT NULL,
  summary      text NOT NULL,
  entity       text NOT NULL,
  entity_id    text,
  status       integer,
  request      jsonb,
  before       jsonb,
  after        jsonb,
  prev_hash    text NOT NULL,
  hash         text NOT NULL,
  PRIMARY KEY (chain, seq)
);
CREATE INDEX audit_log_at_idx ON audit_log (chain, at);
CREATE INDEX audit_log_entity_idx ON audit_log (chain, entity, entity_id);

-- The head of each chain: appends take its row lock, so a chain stays one line however
-- many changes are recorded at once.
CREATE TABLE audit_heads (
  chain      text PRIMARY KEY,
  seq        bigint NOT NULL,
  hash       text NOT NULL
);

-- Append-only: no role of the application can change or remove a record (an attacker
-- with the database owner's rights can, and the chain then shows where).
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = '42501'; END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
