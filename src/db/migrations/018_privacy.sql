-- Privacy (会员隐私保护, seed 000 ch. 8; seed 002 §6–7; PIPL): the program's policy documents
-- with their versions (8.3 隐私保护政策更新: a new version is accepted again at the member's
-- next visit), each member's acceptances, and consent per purpose as an append-only history
-- with its current state beside it.

CREATE TABLE policy_documents (
  program_id    text NOT NULL REFERENCES programs(id),
  id            text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('membership_agreement', 'privacy_policy')),
  -- assigned on publish: 1, 2, 3… per program and kind; a draft has none
  version       integer CHECK (version > 0),
  title         text NOT NULL,
  title_en      text,
  body          text NOT NULL,
  body_en       text,
  -- what changed from the version before (what a member is told when asked to accept again)
  summary       text,
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'superseded')),
  published_at  timestamptz,
  published_by  text,
  created_by    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, id),
  CHECK ((status = 'draft') = (version IS NULL)),
  CHECK ((status = 'draft') = (published_at IS NULL))
);
CREATE UNIQUE INDEX policy_documents_version_idx ON policy_documents (program_id, kind, version) WHERE version IS NOT NULL;
-- one version in force per kind
CREATE UNIQUE INDEX policy_documents_in_force_idx ON policy_documents (program_id, kind) WHERE status = 'published';

-- A member's acceptance of one published version: once (a retried recording is the same row).
CREATE TABLE policy_acceptances (
  program_id   text NOT NULL,
  member_id    text NOT NULL,
  document_id  text NOT NULL,
  kind         text NOT NULL,
  version      integer NOT NULL,
  accepted_at  timestamptz NOT NULL,
  channel      text NOT NULL CHECK (channel IN ('pos', 'console', 'portal', 'import')),
  actor        text,
  PRIMARY KEY (program_id, member_id, document_id),
  FOREIGN KEY (program_id, document_id) REFERENCES policy_documents (program_id, id)
);
-- how many members accepted a version (the policies screen)
CREATE INDEX policy_acceptances_document_idx ON policy_acceptances (program_id, document_id);

-- Consent history, append-only: given or withdrawn, when, under which privacy policy version,
-- by which channel and whom. 'sensitive' is the separate consent PIPL art. 29 asks for
-- sensitive personal information; its scope names the kinds it is about.
CREATE TABLE consents (
  program_id        text NOT NULL,
  member_id         text NOT NULL,
  id                text NOT NULL,
  purpose           text NOT NULL CHECK (purpose IN ('service', 'marketing', 'sharing', 'sensitive')),
  granted           boolean NOT NULL,
  scope             text[] NOT NULL DEFAULT '{}',
  at                timestamptz NOT NULL,
  document_id       text,
  document_version  integer,
  channel           text NOT NULL CHECK (channel IN ('pos', 'console', 'portal', 'import')),
  actor             text,
  note              text,
  PRIMARY KEY (program_id, member_id, id),
  CHECK (purpose = 'sensitive' OR scope = '{}'),
  CHECK (scope <@ ARRAY['resident_id', 'precise_location', 'financial_account']::text[])
);

-- The current state per member and purpose, written in the same transaction as the history
-- row that made it (its row lock lines up concurrent recordings for one member and purpose).
-- For 'sensitive', scope is the kinds consented to now; granted = scope is not empty.
CREATE TABLE consent_states (
  program_id        text NOT NULL,
  member_id         text NOT NULL,
  purpose           text NOT NULL,
  granted           boolean NOT NULL,
  scope             text[] NOT NULL DEFAULT '{}',
  at                timestamptz NOT NULL,
  consent_id        text NOT NULL,
  document_id       text,
  document_version  integer,
  PRIMARY KEY (program_id, member_id, purpose)
);

-- What members consented to before this history existed becomes its first rows (channel
-- import: it came from the earlier record): the membership service, from when they joined,
-- and marketing consent given, from when it was given.
INSERT INTO consents (program_id, member_id, id, purpose, granted, at, channel, actor, note)
SELECT program_id, id, 'cns_' || upper(substr(md5(id || ':service'), 1, 26)), 'service', true, created_at, 'import', 'migration',
       'recorded before the consent history (migration 018)'
FROM members;
INSERT INTO consents (program_id, member_id, id, purpose, granted, at, channel, actor, note)
SELECT program_id, id, 'cns_' || upper(substr(md5(id), 1, 26)), 'marketing', true, marketing_consent_at, 'import', 'migration',
       'recorded before the consent history (migration 018)'
FROM members WHERE marketing_consent_at IS NOT NULL;
INSERT INTO consent_states (program_id, member_id, purpose, granted, at, consent_id)
SELECT program_id, member_id, purpose, granted, at, id FROM consents;
