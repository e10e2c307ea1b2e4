// The console is a person's screen: personal data shows masked even when the key could read
// it whole (an admin API key), and is seen whole only through an audited reveal (issue 10).
// The API's own masks (src/platform/mask.ts, one place), kept off a value already masked.
import { MASKS as API_MASKS } from '../../../src/platform/mask.ts';

export type PersonalField = keyof typeof API_MASKS;

const masked = (v: string) => v.includes('***');
const keep = (mask: (v: string) => string) => (v: string) => (masked(v) ? v : mask(v));

export const MASKS: Record<PersonalField, (v: string) => string> = {
  phone: keep(API_MASKS.phone), email: keep(API_MASKS.email), id_number: keep(API_MASKS.id_number), address: keep(API_MASKS.address),
};
export const maskPhone = MASKS.phone;
