-- Personal data at rest (issue 10; seed 002 §6 信息保密): e-mail and address join phone and
-- resident ID as sealed values (AES-256-GCM, `<key id>.<…>`, src/platform/crypto.ts).
-- email_index is the e-mail's blind index (HMAC of the lower-cased address) for equality
-- search; it is not unique, two members may share an address.
ALTER TABLE members ADD COLUMN email_enc text;
ALTER TABLE members ADD COLUMN email_index text;
ALTER TABLE members ADD COLUMN address_enc text;
CREATE INDEX members_email_index_idx ON members (program_id, email_index) WHERE email_index IS NOT NULL;

-- A migration cannot encrypt (the keys are not in the database): e-mails stored in clear
-- before now are sealed by boot (flows.sealLegacy) in batches, which clears `email`. This
-- partial index lets boot find the rows left in clear without reading the table; it is
-- empty once they are sealed.
CREATE INDEX members_clear_email_idx ON members (program_id, id) WHERE email IS NOT NULL;

-- The last four digits were kept in clear and read by nothing: a masked phone is made from
-- the decrypted value, so the column only repeated part of the number at rest.
ALTER TABLE members DROP COLUMN phone_last4;
