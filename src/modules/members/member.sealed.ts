import type { Ctx } from '../../platform/context.ts';
import { countKeys, resealBatch, type SealedSpec, type SealedStore } from '../../platform/sealed.ts';

/** An e-mail as its blind index sees it: equal addresses differ only in case and spaces. */
export const emailKey = (email: string) => email.trim().toLowerCase();

// The members' sealed columns (issue 10): phone, resident ID, e-mail, address; and the
// e-mail in clear from before migration 019, sealed by boot or by the first rotation.
const SPEC: SealedSpec = {
  table: 'members',
  sealed: ['phone_enc', 'id_number_enc', 'email_enc', 'address_enc'],
  clear: { column: 'email', into: 'email_enc', index: 'email_index', normalise: emailKey },
};

export function memberSealed(ctx: Ctx): SealedStore {
  return {
    name: 'members',
    keyCounts: () => countKeys(ctx, SPEC),
    reseal: (after, limit) => resealBatch(ctx, SPEC, after, limit),
  };
}

/** Seals the e-mails still stored in clear, in batches (the partial index finds them); how many. */
export async function sealClearEmails(ctx: Ctx, batch = 500): Promise<number> {
  const spec: SealedSpec = { ...SPEC, sealed: [] };
  let total = 0;
  for (;;) {
    // rows are found by their clear e-mail only: those already sealed under an older key wait for a rotation
    const r = await resealBatch(ctx, spec, null, batch);
    total += r.rows;
    if (r.rows < batch) return total;
  }
}
