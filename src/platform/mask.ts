// How personal data is shown to a caller who may not see it whole (seed 002 §6 信息保密;
// issue 10): enough to recognise it on the phone with the member, never the value. One
// place for every response, export, screen and the audit log.

/** 138****1234 */
export function maskMobile(phone: string): string {
  if (phone.length < 11) return '***';
  return `${phone.slice(0, 3)}****${phone.slice(7)}`;
}

/** The first 6 (the issuing region) and the last 4: 110105********002X */
export function maskResidentId(id: string): string {
  if (id.length < 18) return '***';
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** a***@example.com */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  return at > 0 ? `${email[0]}***${email.slice(at)}` : '***';
}

/** Kept to the district (上海市浦东新区***), or the city, or the first 6 characters when neither shows. */
export function maskAddress(address: string): string {
  const chars = [...address];
  const head = chars.slice(0, 12);
  // the district (or county, banner) ends the part shown; failing that, the city
  let end = head.findIndex((c) => c === '区' || c === '县' || c === '旗');
  if (end < 0) end = head.indexOf('市');
  const n = end >= 0 && end + 1 < chars.length ? end + 1 : Math.min(6, Math.floor(chars.length / 2));
  return `${chars.slice(0, n).join('')}***`;
}

/** 高** : the family name, the rest starred (a name kept where the person may be erased later). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length ? `${chars[0]}${'*'.repeat(Math.max(1, chars.length - 1))}` : '***';
}

/** Which personal field a JSON key names, if any (the audit log and exports mask by key). */
export function personalKind(key: string): 'phone' | 'id_number' | 'email' | 'address' | null {
  if (key === 'phone' || key === 'mobile' || key.endsWith('_phone')) return 'phone';
  if (key === 'id_number' || key === 'resident_id') return 'id_number';
  if (key === 'email' || key.endsWith('_email')) return 'email';
  if (key === 'address' || key.endsWith('_address')) return 'address';
  return null;
}

export const MASKS = { phone: maskMobile, id_number: maskResidentId, email: maskEmail, address: maskAddress } as const;
