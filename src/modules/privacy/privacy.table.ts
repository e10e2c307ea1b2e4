import type { ColumnType, Generated, Selectable } from 'kysely';

export type PolicyKind = 'membership_agreement' | 'privacy_policy';
export type PolicyStatus = 'draft' | 'published' | 'superseded';
export type Purpose = 'service' | 'marketing' | 'sharing' | 'sensitive';
export type SensitiveKind = 'resident_id' | 'precise_location' | 'financial_account';
export type Channel = 'pos' | 'console' | 'portal' | 'import';

type Scope = ColumnType<SensitiveKind[], SensitiveKind[] | undefined, SensitiveKind[]>;

export interface PolicyDocumentTable {
  program_id: string;
  id: string;
  kind: PolicyKind;
  /** assigned on publish, per program and kind */
  version: number | null;
  title: string;
  title_en: string | null;
  body: string;
  body_en: string | null;
  summary: string | null;
  status: Generated<PolicyStatus>;
  published_at: Date | null;
  published_by: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PolicyAcceptanceTable {
  program_id: string;
  member_id: string;
  document_id: string;
  kind: PolicyKind;
  version: number;
  accepted_at: Date;
  channel: Channel;
  actor: string | null;
}

/** One consent given or withdrawn (append-only). */
export interface ConsentTable {
  program_id: string;
  member_id: string;
  id: string;
  purpose: Purpose;
  granted: boolean;
  scope: Scope;
  at: Date;
  document_id: string | null;
  document_version: number | null;
  channel: Channel;
  actor: string | null;
  note: string | null;
}

/** The member's consent per purpose now: the latest history row's outcome. */
export interface ConsentStateTable {
  program_id: string;
  member_id: string;
  purpose: Purpose;
  granted: boolean;
  scope: Scope;
  at: Date;
  consent_id: string;
  document_id: string | null;
  document_version: number | null;
}

export interface PrivacyTables {
  policy_documents: PolicyDocumentTable;
  policy_acceptances: PolicyAcceptanceTable;
  consents: ConsentTable;
  consent_states: ConsentStateTable;
}
export type PolicyRow = Selectable<PolicyDocumentTable>;
export type AcceptanceRow = Selectable<PolicyAcceptanceTable>;
export type ConsentRow = Selectable<ConsentTable>;
export type ConsentStateRow = Selectable<ConsentStateTable>;
