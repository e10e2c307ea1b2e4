import { MASKS, maskName, personalKind } from '../../platform/mask.ts';

// What the audit log keeps of personal data and secrets (seed 002 §6 信息保密): enough to
// see that a field changed and to recognise it (138****1234), never the value itself. The
// audit log is read by auditors, who may not see members' personal data in the clear.

const SECRET = /(password|secret|token|otp|totp|api_?key)$/i;
// a member's name, and what a member said or was told in a case, a suggestion or a survey: the
// audit log is a hash chain kept outside retention, so it must not keep what an erasure
// removes everywhere else (PIPL art. 47) — it keeps that a text was there and how long it was
const NAME = /^(name|member_name)$/;
const FREE_TEXT = /^(description|body|subject|text|solution|comment|title|parties|outcome|reason|note)$/;

function maskValue(key: string, v: unknown, opts: MaskOptions): unknown {
  if (typeof v !== 'string' || v === '') return v;
  if (SECRET.test(key) || key === 'key') return '***';
  if (opts.people && NAME.test(key)) return maskName(v);
  if (opts.freeText && FREE_TEXT.test(key)) return `[文本 ${[...v].length} 字 / text, ${[...v].length} chars]`;
  const kind = personalKind(key);
  if (!kind || (kind === 'address' && opts.addresses)) return v;
  // the masks keep a masked value (a response's: 138****1234) as it is
  return MASKS[kind](v);
}

export interface MaskOptions {
  /** keep addresses whole: a store's address is the business's, not a person's */
  addresses?: boolean;
  /** the entity is about members: a `name` is a person's */
  people?: boolean;
  /** the entity holds members' own words (cases, suggestions, surveys): free text kept as its length */
  freeText?: boolean;
}

/** Entities whose records name members, and those that hold members' own words. */
const PEOPLE = new Set(['members', 'cases', 'suggestions', 'surveys', 'vip', 'referrals', 'rights', 'privacy']);
const WORDS = new Set(['cases', 'suggestions', 'surveys']);
/** How an entity's records are masked. */
export const maskFor = (entity: string): MaskOptions => ({ addresses: entity === 'stores', people: PEOPLE.has(entity), freeText: WORDS.has(entity) });

/** A copy of a JSON value with personal fields masked and secrets removed, at any depth. */
export function maskPersonal(v: unknown, opts: MaskOptions = {}, key = ''): unknown {
  if (Array.isArray(v)) return v.map((x) => maskPersonal(x, opts, key));
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, x !== null && typeof x === 'object' ? maskPersonal(x, opts, k) : maskValue(k, x, opts)]));
  }
  return maskValue(key, v, opts);
}
