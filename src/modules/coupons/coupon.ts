import { printCode } from './coupon-code.ts';
import type { TBatch, TCoupon, TCouponType } from './coupon.schema.ts';
import type { CouponBatchRow, CouponRow, CouponTypeRow } from './coupon.table.ts';

export function toType(r: CouponTypeRow): TCouponType {
  return {
    id: r.id, name: r.name, name_en: r.name_en, kind: r.kind,
    amount_off_fen: r.amount_off_fen === null ? null : Number(r.amount_off_fen), percent_off: r.percent_off,
    max_off_fen: r.max_off_fen === null ? null : Number(r.max_off_fen), gift_sku: r.gift_sku, gift_name: r.gift_name,
    min_spend_fen: Number(r.min_spend_fen), store_ids: r.store_ids, valid_from: r.valid_from, valid_until: r.valid_until,
    valid_days: r.valid_days, hold_minutes: r.hold_minutes, active: r.active, created_at: r.created_at.toISOString(),
  };
}

/** An issued coupon's state at `now`: what a cashier's look-up says. */
export function stateOf(c: CouponRow, now: Date): TCoupon['state'] {
  if (c.status === 'consumed') return 'consumed';
  if (c.status === 'void') return 'void';
  if (c.valid_until <= now) return 'expired';
  if (c.valid_from > now) return 'not_yet_valid';
  if (c.reserved_until && c.reserved_until > now) return 'reserved';
  return 'available';
}

const num = (v: number | null) => (v === null ? null : Number(v));

export function toCoupon(c: CouponRow, type: CouponTypeRow, storeName: string | null, now: Date): TCoupon {
  const reserved = c.status === 'issued' && c.reserved_until && c.reserved_until > now ? c.reserved_until.toISOString() : null;
  return {
    id: c.id, code: printCode(c.code), type_id: c.type_id, type_name: type.name, type_name_en: type.name_en, kind: type.kind,
    member_id: c.member_id, status: c.status, state: stateOf(c, now), source: c.source, source_ref: c.source_ref, reason: c.reason,
    batch_id: c.batch_id, issued_at: c.issued_at.toISOString(), valid_from: c.valid_from.toISOString(), valid_until: c.valid_until.toISOString(),
    reserved_until: reserved, consumed_at: c.consumed_at?.toISOString() ?? null, consumed_store_id: c.consumed_store_id,
    consumed_store_name: storeName, purchase_ref: c.purchase_ref, basket_fen: num(c.basket_fen), discount_fen: num(c.discount_fen),
  };
}

export const toBatch = (b: CouponBatchRow): TBatch => ({
  id: b.id, type_id: b.type_id, quantity: b.quantity, done: b.done, status: b.status, error: b.error,
  created_at: b.created_at.toISOString(), updated_at: b.updated_at.toISOString(),
});
