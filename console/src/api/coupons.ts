// The coupons API for the console: calls and the shapes they answer (aliases of the
// generated schema, like types.ts).
import { download, get, post, query, request } from './client.ts';
import type { components } from './schema.ts';

type Schemas = components['schemas'];
export type CouponType = Schemas['CouponType'];
export type CouponTypeCreate = Schemas['CouponTypeCreateInput'];
export type Coupon = Schemas['Coupon'];
export type CouponHold = Schemas['CouponHold'];
export type CouponBatch = Schemas['CouponBatch'];
export type Page<T> = { items: T[] };

const base = (pid: string) => `/v1/programs/${encodeURIComponent(pid)}`;

export const listCouponTypes = (pid: string) => get<Page<CouponType>>(`${base(pid)}/coupon-types`);
export const createCouponType = (pid: string, body: CouponTypeCreate, key: string) => post<CouponType>(`${base(pid)}/coupon-types`, body, key);
export const setCouponTypeActive = (pid: string, id: string, active: boolean) =>
  request<CouponType>('PATCH', `${base(pid)}/coupon-types/${encodeURIComponent(id)}`, { body: { active } });

export const listCoupons = (pid: string, f: { member_id?: string; batch_id?: string; limit?: number }) => get<Page<Coupon>>(`${base(pid)}/coupons${query(f)}`);
export const lookupCoupon = (pid: string, code: string) => get<Coupon>(`${base(pid)}/coupons/${encodeURIComponent(code)}`);
export const validateCoupon = (pid: string, body: { code: string; store_id?: string; basket_fen: number; reservation_token?: string }) =>
  request<CouponHold>('POST', `${base(pid)}/coupons/validate`, { body });
export const consumeCoupon = (pid: string, body: { code: string; store_id?: string; basket_fen: number; purchase_ref: string; reservation_token?: string }, key: string) =>
  post<CouponHold>(`${base(pid)}/coupons/consume`, body, key);
export const voidCoupon = (pid: string, code: string, reason: string) =>
  request<Coupon>('POST', `${base(pid)}/coupons/${encodeURIComponent(code)}/void`, { body: { reason } });
export const releaseCoupon = (pid: string, body: { code: string; reservation_token: string }) =>
  request<{ code: string; released: boolean }>('POST', `${base(pid)}/coupons/release`, { body });
export const issueGoodwill = (pid: string, memberId: string, body: { type_id: string; reason: string }, key: string) =>
  post<Coupon>(`${base(pid)}/members/${encodeURIComponent(memberId)}/coupons`, body, key);

export const listBatches = (pid: string) => get<Page<CouponBatch>>(`${base(pid)}/coupon-batches`);
export const createBatch = (pid: string, body: { type_id: string; quantity: number }) => request<CouponBatch>('POST', `${base(pid)}/coupon-batches`, { body });
export const getBatch = (pid: string, id: string) => get<CouponBatch>(`${base(pid)}/coupon-batches/${encodeURIComponent(id)}`);
/** The batch's codes as a CSV file (the key is a header, so a plain link cannot carry it). */
export const downloadBatchCsv = (pid: string, id: string) => download(`${base(pid)}/coupon-batches/${encodeURIComponent(id)}/codes.csv`, `${id}.csv`);
