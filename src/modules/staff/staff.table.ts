import type { Generated, Selectable } from 'kysely';
import type { StaffRole } from '../../platform/permissions.ts';

export interface StaffTable {
  program_id: string;
  id: string;
  username: string;
  display_name: string;
  /** where SLA alerts are e-mailed (optional) */
  email: string | null;
  role: StaffRole;
  store_id: string | null;
  password_hash: string;
  failed_attempts: Generated<number>;
  locked_until: Date | null;
  totp_secret_enc: string | null;
  totp_enabled: Generated<boolean>;
  /** The time step of the last TOTP code accepted: a code is good once (migration 029). */
  totp_last_step: number | null;
  must_change_password: Generated<boolean>;
  disabled_at: Date | null;
  last_sign_in_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StaffSessionTable {
  token_hash: string;
  csrf_hash: string;
  program_id: string;
  staff_id: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface StaffTables {
  staff: StaffTable;
  staff_sessions: StaffSessionTable;
}
export type StaffRow = Selectable<StaffTable>;
export type StaffSessionRow = Selectable<StaffSessionTable>;
