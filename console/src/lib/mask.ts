// The console is a person's screen: personal data shows masked even when the key could read
// it whole (an admin API key), and is seen whole only through an audited reveal (issue 10).
// The same masks as the API's (src/platform/mask.ts); a value already masked stays as it is.

const masked = (v: string) => v.includes('***') || v.includes('****');

export const maskPhone = (v: string) => (masked(v) ? v : v.length < 11 ? '***' : `${v.slice(0, 3)}****${v.slice(7)}`);
export const maskIdNumber = (v: string) => (masked(v) ? v : v.length < 18 ? '***' : `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`);
export const maskEmail = (v: string) => {
  if (masked(v)) return v;
  const at = v.indexOf('@');
  return at > 0 ? `${v[0]}***${v.slice(at)}` : '***';
};
export const maskAddress = (v: string) => {
  if (masked(v)) return v;
  const chars = [...v];
  const head = chars.slice(0, 12);
  let end = head.findIndex((c) => c === '区' || c === '县' || c === '旗');
  if (end < 0) end = head.indexOf('市');
  const n = end >= 0 && end + 1 < chars.length ? end + 1 : Math.min(6, Math.floor(chars.length / 2));
  return `${chars.slice(0, n).join('')}***`;
};

export type PersonalField = 'phone' | 'email' | 'id_number' | 'address';
export const MASKS: Record<PersonalField, (v: string) => string> = { phone: maskPhone, email: maskEmail, id_number: maskIdNumber, address: maskAddress };
