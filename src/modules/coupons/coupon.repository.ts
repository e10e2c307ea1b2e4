import { sql, type Insertable, type Updateable } from 'kysely';
import { emitRowsSql } from '../../platform/outbox.ts';
import type { Db, Trx } from '../../db/database.ts';
import type { CouponBatchTable, CouponRow, CouponTable, CouponTypeRow, CouponTypeTable } from './coupon.table.ts';

type H = Db | Trx;

// ---- types

export const insertType = (db: H, row: Insertable<CouponTypeTable>) =>
  db.insertInto('coupon_types').values(row).returningAll().executeTakeFirstOrThrow();

export const findType = (db: H, programId: string, id: string) =>
  db.selectFrom('coupon_types').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();

export const listTypes = (db: H, programId: string) =>
  db.selectFrom('coupon_types').selectAll().where('program_id', '=', programId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();

export const typesByIds = (db: H, programId: string, ids: string[]) =>
  ids.length ? db.selectFrom('coupon_types').selectAll().where('program_id', '=', programId).where('id', 'in', ids).execute() : Promise.resolve([] as CouponTypeRow[]);

export const updateType = (db: H, programId: string, id: string, set: Updateable<CouponTypeTable>) =>
  db.updateTable('coupon_types').set({ ...set, updated_at: sql`now()` as never }).where('program_id', '=', programId).where('id', '=', id)
    .returningAll().executeTakeFirst();

// ---- coupons

/** Inserts coupons whose codes are free; the codes taken by another coupon come back missing (the caller draws again). */
export const insertCoupons = (db: H, rows: Insertable<CouponTable>[]) =>
  db.insertInto('coupons').values(rows).onConflict((oc) => oc.columns(['program_id', 'code']).doNothing()).returningAll().execute();

/** The same, answering only the ids that went in (a batch needs no more back). */
export const insertCouponIds = (db: H, rows: Insertable<CouponTable>[]) =>
  db.insertInto('coupons').values(rows).onConflict((oc) => oc.columns(['program_id', 'code']).doNothing()).returning('id').execute();

export const findByCode = (db: H, programId: string, code: string) =>
  db.selectFrom('coupons').selectAll().where('program_id', '=', programId).where('code', '=', code).executeTakeFirst();

export function listCoupons(db: H, programId: string, f: { memberId?: string; batchId?: string; status?: CouponRow['status']; limit: number }) {
  let q = db.selectFrom('coupons').selectAll().where('program_id', '=', programId);
  if (f.memberId) q = q.where('member_id', '=', f.memberId);
  if (f.batchId) q = q.where('batch_id', '=', f.batchId);
  if (f.status) q = q.where('status', '=', f.status);
  return q.orderBy('issued_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

export const batchCodes = (db: H, programId: string, batchId: string) =>
  db.selectFrom('coupons').select(['code', 'valid_until']).where('program_id', '=', programId).where('batch_id', '=', batchId).orderBy('id').execute();

// ---- the POS: one guarded statement each

export interface Till {
  programId: string;
  code: string;
  storeId: string;
  basketFen: number;
  memberId: string | null;
  token: string | null;
  now: Date;
}

/** Usable by this till now: issued, in its dates, in a store it allows, the basket reaches the minimum, the member's (if any), held by nobody else. */
const usable = (t: Till) => sql`
      c.program_id = ${t.programId} AND c.code = ${t.code} AND ty.program_id = c.program_id AND ty.id = c.type_id
      AND c.status = 'issued' AND c.valid_from <= ${t.now}::timestamptz AND c.valid_until > ${t.now}::timestamptz
      AND (cardinality(ty.store_ids) = 0 OR ${t.storeId}::text = ANY(ty.store_ids))
      AND ${t.basketFen}::bigint >= ty.min_spend_fen
      AND (c.member_id IS NULL OR ${t.memberId}::text IS NULL OR c.member_id = ${t.memberId}::text)
      AND (c.reserved_until IS NULL OR c.reserved_until <= ${t.now}::timestamptz OR c.reservation_token = ${t.token}::text)`;

/** The discount for the basket: amount off up to the basket, percent off (floored) up to the maximum, nothing for a gift. */
const discount = (basketFen: number) => sql<number>`(CASE ty.kind
      WHEN 'amount' THEN least(ty.amount_off_fen, ${basketFen}::bigint)
      WHEN 'percent' THEN least((${basketFen}::bigint * ty.percent_off) / 100, ty.max_off_fen)
      ELSE 0 END)`;

export interface Used {
  id: string; code: string; member_id: string | null; type_id: string; valid_until: Date; reserved_until: Date | null; discount_fen: number; consumed_at: Date | null;
  kind: 'amount' | 'percent' | 'gift'; type_name: string; type_name_en: string | null; gift_sku: string | null; gift_name: string | null;
}
const RETURNED = sql`c.id, c.code, c.member_id, c.type_id, c.valid_until, c.reserved_until, c.consumed_at, ty.kind, ty.name AS type_name, ty.name_en AS type_name_en, ty.gift_sku, ty.gift_name`;

/** Holds the coupon for this till for the type's hold minutes: a row when it could. */
export const reserve = async (db: H, t: Till & { token: string }) => (await sql<Used>`
    UPDATE coupons c SET reserved_until = ${t.now}::timestamptz + ty.hold_minutes * interval '1 minute', reservation_token = ${t.token}::text,
      reserved_store_id = ${t.storeId}::text, reserved_basket_fen = ${t.basketFen}::bigint
    FROM coupon_types ty WHERE ${usable(t)}
    RETURNING ${RETURNED}, ${discount(t.basketFen)}::bigint AS discount_fen`.execute(db)).rows[0];

/**
 * Uses the coupon once: the one statement twenty tills racing for a code go through; one
 * finds it issued. The same statement writes `coupon.consumed` (the member is told, a BI
 * feed counts it) for the coupon it used, and only for that one.
 */
export const consume = async (db: H, t: Till & { purchaseRef: string; key: string | null }) => (await sql<Used>`
    WITH used AS (
      UPDATE coupons c SET status = 'consumed', consumed_at = ${t.now}::timestamptz, consumed_store_id = ${t.storeId}::text,
        purchase_ref = ${t.purchaseRef}::text, basket_fen = ${t.basketFen}::bigint, discount_fen = ${discount(t.basketFen)},
        consume_key = ${t.key}::text, reserved_until = NULL, reservation_token = NULL, reserved_store_id = NULL, reserved_basket_fen = NULL
      FROM coupon_types ty WHERE ${usable(t)}
      RETURNING ${RETURNED}, c.discount_fen
    ), ev AS (${emitRowsSql({ programId: t.programId, topic: 'coupon.consumed' }, 'used', sql<string>`coalesce(member_id, id)`, sql`jsonb_build_object(
      'coupon_id', id, 'code', code, 'member_id', member_id, 'type_id', type_id, 'store_id', ${t.storeId}::text, 'purchase_ref', ${t.purchaseRef}::text,
      'basket_fen', ${t.basketFen}::bigint, 'discount_fen', discount_fen, 'consumed_at', consumed_at)`)})
    SELECT * FROM used`.execute(db)).rows[0];

/** Lets go of this till's hold: a row when it held the coupon. */
export const release = (db: H, programId: string, code: string, token: string) =>
  db.updateTable('coupons').set({ reserved_until: null, reservation_token: null, reserved_store_id: null, reserved_basket_fen: null })
    .where('program_id', '=', programId).where('code', '=', code).where('status', '=', 'issued').where('reservation_token', '=', token)
    .returning('id').executeTakeFirst();

// ---- batches

export const insertBatch = (db: H, row: Insertable<CouponBatchTable>) =>
  db.insertInto('coupon_batches').values(row).returningAll().executeTakeFirstOrThrow();

export const updateBatch = (db: H, programId: string, id: string, set: Updateable<CouponBatchTable>) =>
  db.updateTable('coupon_batches').set({ ...set, updated_at: sql`now()` as never }).where('program_id', '=', programId).where('id', '=', id)
    .returningAll().executeTakeFirstOrThrow();

export const findBatch = (db: H, programId: string, id: string) =>
  db.selectFrom('coupon_batches').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();

export const listBatches = (db: H, programId: string) =>
  db.selectFrom('coupon_batches').selectAll().where('program_id', '=', programId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(100).execute();
