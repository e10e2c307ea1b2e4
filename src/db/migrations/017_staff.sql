-- Staff accounts and console sessions (seed 000 ch. 8 管理职责: who may do what; every
-- change by staff is audited under the staff member's id). A username is unique within its
-- program (case-insensitive): two programs on one server may each have an "admin".
-- Passwords are scrypt hashes with a per-user salt; the TOTP secret is sealed by the vault.
CREATE TABLE staff (
  program_id           text NOT NULL,
  id                   text PRIMARY KEY,
  username             text NOT NULL,
  display_name         text NOT NULL,
  role                 text NOT NULL CHECK (role IN ('admin', 'marketing', 'account_manager', 'service_agent', 'quality', 'auditor', 'store_staff')),
  store_id             text,
  password_hash        text NOT NULL,
  failed_attempts      integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until         timestamptz,
  totp_secret_enc      text,
  totp_enabled         boolean NOT NULL DEFAULT false,
  must_change_password boolean NOT NULL DEFAULT false,
  disabled_at          timestamptz,
  last_sign_in_at      timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  -- store staff act for their store only, so they must have one
  CHECK (role <> 'store_staff' OR store_id IS NOT NULL)
);
CREATE UNIQUE INDEX staff_username_idx ON staff (program_id, lower(username));

-- A console session: only digests of the cookie's token and of the CSRF token are kept,
-- so a copy of the table signs no one in.
CREATE TABLE staff_sessions (
  token_hash   text PRIMARY KEY,
  csrf_hash    text NOT NULL,
  program_id   text NOT NULL,
  staff_id     text NOT NULL REFERENCES staff (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  ip           text,
  user_agent   text
);
CREATE INDEX staff_sessions_staff_idx ON staff_sessions (staff_id) WHERE revoked_at IS NULL;
