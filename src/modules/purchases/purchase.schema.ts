import { FIELD } from '../../platform/i18n.ts';
import { z } from 'zod';
import { zDateTime, zFen, zId, zPositiveFen, zText } from '../../platform/schema.ts';
import { PURCHASE_MESSAGES as MSG } from './purchase.errors.ts';

const zQuantity = z.number().int().min(1).max(1_000_000);
export const ZPurchaseLine = z.strictObject({
  sku: zText(64),
  category: zText(64).nullable().optional(),
  quantity: zQuantity,
  amount_fen: zFen,
});

export const ZPurchaseCreate = z.strictObject({
  member_id: zId('mem').optional(),
  member_no: z.string().regex(/^\d{6,12}$/, FIELD.member_no.key).optional(),
  phone: z.string().max(20).optional(),
  store_id: zId('sto').optional(),
  amount_fen: zFen,
  // late POS uploads and imports of old sales are fine; before 2000 is a clock error
  occurred_at: zDateTime.refine((v) => new Date(v).getTime() >= Date.UTC(2000, 0, 1), { message: MSG.before_2000.key }).optional(),
  receipt_no: zText(64).optional(),
  lines: z.array(ZPurchaseLine).min(1).max(500).optional(),
}).superRefine((v, c) => {
  const ids = [v.member_id, v.member_no, v.phone].filter((x) => x !== undefined).length;
  if (ids !== 1) c.addIssue({ code: 'custom', path: ['member_id'], message: MSG.one_member_ref.key });
  if (v.lines) {
    const sum = v.lines.reduce((s, l) => s + l.amount_fen, 0);
    if (sum !== v.amount_fen) c.addIssue({ code: 'custom', path: ['lines'], message: MSG.lines_sum.key, params: { sum, amount: v.amount_fen } });
  }
});
export type TPurchaseCreate = z.infer<typeof ZPurchaseCreate>;

export const ZPurchase = z.object({
  id: z.string(),
  member_id: z.string(),
  store_id: z.string(),
  amount_fen: z.number().int(),
  returned_fen: z.number().int(),
  receipt_no: z.string().nullable(),
  occurred_at: z.string(),
  points_earned: z.number().int(),
  points_reversed: z.number().int(),
  points_state: z.enum(['pending', 'available', 'none']),
  available_at: z.string().nullable(),
  expires_on: z.string().nullable(),
  lines: z.array(z.object({ sku: z.string(), category: z.string().nullable().optional(), quantity: z.number().int(), amount_fen: z.number().int(), returned_quantity: z.number().int().optional() })).nullable(),
  created_at: z.string(),
});
export type TPurchase = z.infer<typeof ZPurchase>;

export const ZReturnCreate = z.strictObject({
  purchase_id: zId('pur'),
  amount_fen: zPositiveFen.optional(),
  lines: z.array(z.strictObject({ sku: zText(64), quantity: zQuantity })).min(1).max(500).optional(),
  occurred_at: zDateTime.optional(),
  store_id: zId('sto').optional(),
}).refine((v) => !(v.amount_fen !== undefined && v.lines !== undefined), { path: ['lines'], message: MSG.amount_or_lines.key });
export type TReturnCreate = z.infer<typeof ZReturnCreate>;

export const ZReturn = z.object({
  id: z.string(),
  purchase_id: z.string(),
  member_id: z.string(),
  amount_fen: z.number().int(),
  points_reversed: z.number().int(),
  points_unrecovered: z.number().int(),
  created_at: z.string(),
});

export const ZPurchaseParams = z.strictObject({ program_id: zId('prg'), purchase_id: zId('pur') });
