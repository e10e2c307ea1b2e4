-- A TOTP code is good once (RFC 6238 §5.2: "the verifier MUST NOT accept the second attempt
-- of the same OTP after the successful validation"): the time step of the last code accepted,
-- so a code seen over a shoulder or replayed from a log cannot sign in again within its window.
ALTER TABLE staff ADD COLUMN totp_last_step integer;
