import { MASKS, personalKind } from '../../platform/mask.ts';

// What the audit log keeps of personal data and secrets (seed 002 §6 信息保密): enough to
// see that a field changed and to recognise it (138****1234), never the value itself. The
// audit log is read by auditors, who may not see members' personal data in the clear.

const SECRET = /(password|secret|token|otp|totp|api_?key)$/i;

function maskValue(key: string, v: unknown, opts: MaskOptions): unknown {
  if (typeof v !== 'string' || v === '') return v;
  if (SECRET.test(key) || key === 'key') return '***';
  const kind = personalKind(key);
  if (!kind || (kind === 'address' && opts.addresses)) return v;
  // the masks keep a masked value (a response's: 138****1234) as it is
  return MASKS[kind](v);
}

export interface MaskOptions {
  /** keep addresses whole: a store's address is the business's, not a person's */
  addresses?: boolean;
}

/** A copy of a JSON value with personal fields masked and secrets removed, at any depth. */
export function maskPersonal(v: unknown, opts: MaskOptions = {}, key = ''): unknown {
  if (Array.isArray(v)) return v.map((x) => maskPersonal(x, opts, key));
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, x !== null && typeof x === 'object' ? maskPersonal(x, opts, k) : maskValue(k, x, opts)]));
  }
  return maskValue(key, v, opts);
}
