import type { Generated } from 'kysely';

export const MEMBER_STATUSES = ['active', 'suspended', 'terminated'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export type Gender = 'male' | 'female' | 'unknown';
/** The languages we write to members in (templates exist in both: notifications' defaults). */
export const MEMBER_LANGUAGES = ['zh', 'en'] as const;
export type MemberLanguage = (typeof MEMBER_LANGUAGES)[number];

export interface MemberTable {
  program_id: string;
  id: string;
  member_no: string;
  /** Sealed values (`<key id>.<…>`, platform/crypto.ts); the indexes are blind (HMAC). */
  phone_enc: string;
  phone_index: string;
  /** An e-mail stored in clear before migration 019; boot seals it into email_enc and clears it. */
  email: string | null;
  email_enc: string | null;
  /** The blind index of the lower-cased e-mail: equality search. */
  email_index: string | null;
  address_enc: string | null;
  name: string | null;
  gender: Gender | null;
  birthday: string | null;
  id_number_enc: string | null;
  tier_id: string | null;
  /** The language messages and the survey page use (migration 030; zh unless the member says otherwise). */
  language: Generated<MemberLanguage>;
  status: Generated<MemberStatus>;
  status_reason: string | null;
  enrolled_store_id: string | null;
  /** The member's id in the system they were imported from; unique in the program. */
  external_id: string | null;
  /** When the member consented to marketing; null: no consent. */
  marketing_consent_at: Date | null;
  /** When the member's personal data was erased (a deletion request or retention: migration 020). */
  erased_at: Generated<Date | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MemberStatusChangeTable {
  program_id: string;
  member_id: string;
  id: Generated<number>;
  from_status: MemberStatus;
  to_status: MemberStatus;
  reason: string;
  actor: string | null;
  created_at: Generated<Date>;
}

export interface MemberTables {
  members: MemberTable;
  member_status_changes: MemberStatusChangeTable;
}
