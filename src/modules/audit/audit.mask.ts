import { MASKS, maskName, personalKind } from '../../platform/mask.ts';

// What the audit log keeps of personal data and secrets (seed 002 §6 信息保密): enough to
// see that a field changed and to recognise it (138****1234), never the value itself. The
// audit log is read by auditors, who may not see members' personal data in the clear.

const SECRET = /(password|secret|token|otp|totp|api_?key)$/i;
// a member's name, and what a member said or was told in a case, a suggestion or a survey: the
// audit log is a hash chain kept outside retention, so it must not keep what an erasure
// removes everywhere else (PIPL art. 47) — it keeps that a text was there and how long it was.
// (A survey's answers come through the member's link, outside /v1, and are not audited.)
const FREE_TEXT = /^(description|body|subject|text|solution|comment|title|parties|outcome|reason|note)$/;
// what staff write about a member anywhere else (a goodwill note, a termination reason, a parcel's
// tracking note with an address, a consent note): an erasure scrubs these in their modules, so the
// audit log keeps their length only, like the members' own words
const STAFF_NOTE = /(^|_)(note|reason|comment|resolution)$/;

function maskValue(key: string, v: unknown, opts: MaskOptions): unknown {
  if (typeof v !== 'string' || v === '') return v;
  if (SECRET.test(key) || key === 'key') return '***';
  if ((opts.people && key === 'name') || key === 'member_name') return maskName(v);
  if ((opts.freeText && FREE_TEXT.test(key)) || (opts.staffNotes && STAFF_NOTE.test(key))) return `[文本 ${[...v].length} 字 / text, ${[...v].length} chars]`;
  const kind = personalKind(key);
  if (!kind || (kind === 'address' && opts.addresses)) return v;
  // the masks keep a masked value (a response's: 138****1234) as it is
  return MASKS[kind](v);
}

export interface MaskOptions {
  /** keep addresses whole: a store's address is the business's, not a person's */
  addresses?: boolean;
  /** the record is a member's: its own `name` is a person's (a nested one, a tier's, is not) */
  people?: boolean;
  /** the entity holds members' own words (cases, suggestions): free text kept as its length */
  freeText?: boolean;
  /** the entity's routes carry staff's notes and reasons about a member: kept as their length */
  staffNotes?: boolean;
}

/** Entities that hold members' own words (a survey's definition is staff's; a member's answer comes through the public link, not /v1). */
const WORDS = new Set(['cases', 'suggestions']);
/** Entities whose routes carry what staff write about a member (the texts an erasure scrubs in each module). */
const ABOUT_MEMBERS = new Set(['members', 'points', 'purchases', 'coupons', 'tiers', 'rewards', 'referrals', 'vip', 'privacy', 'rights', 'quality', 'sla', 'surveys']);
/**
 * How an entity's records are masked. A reveal's record keeps its stated reason whole: why
 * someone looked at a member's data is what that record is for (its purpose and note are asked
 * for that, and the reveal's dialog says so).
 */
export const maskFor = (entity: string, action = ''): MaskOptions => ({
  addresses: entity === 'stores', people: entity === 'members', freeText: WORDS.has(entity),
  staffNotes: !action.startsWith('member.reveal') && (WORDS.has(entity) || ABOUT_MEMBERS.has(entity)),
});

/** A copy of a JSON value with personal fields masked and secrets removed, at any depth. */
export function maskPersonal(v: unknown, opts: MaskOptions = {}, key = ''): unknown {
  if (Array.isArray(v)) return v.map((x) => maskPersonal(x, opts, key));
  if (v !== null && typeof v === 'object') {
    // a member's own name is the record's top-level one (or an array's items'); a nested `name` (their tier's) is not a person's
    const inner = opts.people ? { ...opts, people: false } : opts;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, x !== null && typeof x === 'object' ? maskPersonal(x, inner, k) : maskValue(k, x, opts)]));
  }
  return maskValue(key, v, opts);
}
