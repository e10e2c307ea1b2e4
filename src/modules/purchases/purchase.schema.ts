import { FIELD } from '../../platform/i18n.ts';
import { z } from 'zod';
import { zDateTime, zFen, zId, zPositiveFen, zText } from '../../platform/schema.ts';
import { ZBreakdownItem } from '../points/index.ts';
import { PURCHASE_MESSAGES as MSG } from './purchase.errors.ts';

const zQuantity = z.number().int().min(1).max(1_000_000);
export const ZPurchaseLine = z.strictObject({
  sku: zText(64),
  category: zText(64).nullable().optional(),
  quantity: zQuantity,
  amount_fen: zFen.describe('What was paid for the line, after discounts'),
  discount_fen: zFen.optional().describe('The discount given on the line; points are earned on it too only when the program earns before discounts (earn_on)'),
});

export const ZPurchaseCreate = z.strictObject({
  member_id: zId('mem').optional().describe('The member: give exactly one of member_id, member_no or phone'),
  member_no: z.string().regex(/^\d{6,12}$/, FIELD.member_no.key).optional(),
  phone: z.string().max(20).optional(),
  store_id: zId('sto').optional().describe('Required with an admin key; a pos key records for its own store (implied, or equal to it)'),
  amount_fen: zFen.describe('The amount paid, in fen; points are earned on it (earn_rate, rounded down)'),
  // late POS uploads and imports of old sales are fine; before 2000 is a clock error
  occurred_at: zDateTime.refine((v) => new Date(v).getTime() >= Date.UTC(2000, 0, 1), { message: MSG.before_2000.key }).optional()
    .describe('When the sale happened (default: now). May be late (a POS uploading later), not in the future (5 minutes of clock skew allowed), not before 2000; the return window and expiry count from it'),
  receipt_no: zText(64).optional(),
  lines: z.array(ZPurchaseLine).min(1).max(500).optional().describe('The goods; when given, their amount_fen must add up to amount_fen exactly (else 400 validation, field lines). Needed to return by lines'),
}).superRefine((v, c) => {
  const ids = [v.member_id, v.member_no, v.phone].filter((x) => x !== undefined).length;
  if (ids !== 1) c.addIssue({ code: 'custom', path: ['member_id'], message: MSG.one_member_ref.key });
  if (v.lines) {
    const sum = v.lines.reduce((s, l) => s + l.amount_fen, 0);
    if (sum !== v.amount_fen) c.addIssue({ code: 'custom', path: ['lines'], message: MSG.lines_sum.key, params: { sum, amount: v.amount_fen } });
  }
}).meta({ id: 'PurchaseCreate' });
export type TPurchaseCreate = z.infer<typeof ZPurchaseCreate>;

export const ZPurchase = z.object({
  id: z.string(),
  member_id: z.string(),
  store_id: z.string(),
  amount_fen: z.number().int(),
  returned_fen: z.number().int().describe('Fen returned so far, by all returns of this purchase'),
  receipt_no: z.string().nullable(),
  occurred_at: z.string(),
  points_earned: z.number().int().describe('Points granted, after the caps'),
  points_asked: z.number().int().describe('Points the earning rules asked for, before the caps'),
  breakdown: z.array(ZBreakdownItem).nullable().describe('Which rule, version and line each point came from (null for purchases recorded before earning rules)'),
  points_reversed: z.number().int().describe('Points its returns took back so far: floor(points_earned × returned_fen / amount_fen). It counts the points the returns could not recover too (their points_unrecovered), so it is the sum of its returns\' points_reversed + points_unrecovered'),
  points_state: z.enum(['pending', 'available', 'none']).describe('none: it earned 0 points; pending: its points are not spendable before available_at (the return window); available: they are'),
  available_at: z.string().nullable().describe('When its points become spendable; null when it earned none'),
  expires_on: z.string().nullable().describe('Last valid day of its points in the program\'s time zone; null when it earned none or points never expire'),
  lines: z.array(z.object({
    sku: z.string(), category: z.string().nullable().optional(), quantity: z.number().int(), amount_fen: z.number().int(), discount_fen: z.number().int().optional(),
    returned_quantity: z.number().int().optional().describe('Units returned so far'),
  })).nullable(),
  created_at: z.string(),
}).meta({ id: 'Purchase' });
export type TPurchase = z.infer<typeof ZPurchase>;

export const ZReturnCreate = z.strictObject({
  purchase_id: zId('pur'),
  amount_fen: zPositiveFen.optional().describe('Fen to return. Give amount_fen or lines, not both; neither returns the rest of the purchase'),
  lines: z.array(z.strictObject({ sku: zText(64), quantity: zQuantity })).min(1).max(500).optional()
    .describe('Units to return by SKU (the purchase must have lines); the amount returned is their share of the line amounts'),
  occurred_at: zDateTime.optional().describe('When the goods came back (default: now)'),
  store_id: zId('sto').optional().describe('Where the goods came back (default: the pos key\'s store, else the purchase\'s)'),
}).refine((v) => !(v.amount_fen !== undefined && v.lines !== undefined), { path: ['lines'], message: MSG.amount_or_lines.key })
  .meta({ id: 'ReturnCreate' });
export type TReturnCreate = z.infer<typeof ZReturnCreate>;

export const ZReturn = z.object({
  id: z.string(),
  purchase_id: z.string(),
  member_id: z.string(),
  amount_fen: z.number().int().describe('Fen returned by this return'),
  points_reversed: z.number().int().describe('Points this return took back from the member: the purchase\'s own lot first, then other pending points, then available ones (soonest-expiring first). Due: floor(points_earned × returned so far / amount_fen) less what earlier returns were due'),
  points_unrecovered: z.number().int().describe('Points this return was due to take back but could not, because the member had already spent them; not deducted (a balance never goes negative). points_reversed + points_unrecovered is what the return was due'),
  created_at: z.string(),
}).meta({ id: 'Return' });

export const ZPurchaseParams = z.strictObject({ program_id: zId('prg'), purchase_id: zId('pur') });

export const ZEarnPreview = z.object({
  member_id: z.string(), store_id: z.string(), occurred_at: z.string(), amount_fen: z.number().int(),
  eligible_fen: z.number().int().describe('The amount that earns: excluded lines left out, on the program\'s basis (paid, or before discounts)'),
  points_asked: z.number().int().describe('Points the rules ask for'),
  points_earned: z.number().int().describe('Points a real purchase would be granted now, after the caps'),
  breakdown: z.array(ZBreakdownItem),
}).meta({ id: 'EarnPreview', description: 'What a purchase would earn, rule by rule; nothing was stored' });
export type TEarnPreview = z.infer<typeof ZEarnPreview>;
