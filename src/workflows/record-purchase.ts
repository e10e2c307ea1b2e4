import { sql } from 'kysely';
import type { Principal } from '../platform/context.ts';
import { isFailure, notFound, platformFailure, validation, type Result } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { idempotencyConflict, requestHash } from '../platform/idempotency.ts';
import { emitSql } from '../platform/outbox.ts';
import { normalizeMobile } from '../platform/validate.ts';
import { activeMemberSql, MEMBER_MESSAGES } from '../modules/members/index.ts';
import { earnPoints, earnSql, lotTerms } from '../modules/points/index.ts';
import { insertPurchaseSql, PURCHASE_MESSAGES, type PurchaseLine, type TPurchase, type TPurchaseCreate } from '../modules/purchases/index.ts';
import { storeExistsSql } from '../modules/stores/index.ts';
import type { Modules } from '../services.ts';

const FUTURE_SLACK_MS = 5 * 60_000;

/** The member a POS names by id, member number or phone. */
async function resolveMember(s: Modules, programId: string, input: { member_id?: string; member_no?: string; phone?: string }): Promise<Result<string>> {
  if (input.member_id) return input.member_id;
  if (input.member_no) {
    return (await s.members.idByMemberNo(programId, input.member_no)) ?? notFound('member', 'member_no');
  }
  const phone = normalizeMobile(input.phone ?? '');
  if (!phone) return validation('phone', MEMBER_MESSAGES.mobile());
  return (await s.members.idByPhone(programId, phone)) ?? notFound('member', 'phone');
}

/**
 * Records a purchase from a POS and earns its points; a retry with the same key replays
 * the first answer. The write is ONE statement of data-modifying CTEs, each made by the
 * module that owns its table: the active member (members) in an existing store (stores),
 * the purchase (purchases, ON CONFLICT on the idempotency key: nothing else happens), its
 * lot, entry and balance (points), and the event (outbox). One round trip and one implicit
 * transaction is what keeps recording a purchase as cheap as a TPC-B transaction.
 */
export async function recordPurchase(s: Modules, programId: string, input: TPurchaseCreate, actor: Principal, key: string, now = new Date()): Promise<Result<{ replayed: boolean; body: TPurchase }>> {
  const hash = requestHash(input);
  const storeId = s.purchases.storeOf(actor, input.store_id);
  if (isFailure(storeId)) return storeId;
  const memberId = await resolveMember(s, programId, input);
  if (isFailure(memberId)) return memberId;
  const settings = await s.programs.settings(programId);
  if (isFailure(settings)) return settings;
  const occurredAt = input.occurred_at ? new Date(input.occurred_at) : now;
  if (occurredAt.getTime() > now.getTime() + FUTURE_SLACK_MS) return validation('occurred_at', PURCHASE_MESSAGES.future());
  const points = earnPoints(settings, { amountFen: input.amount_fen });
  const terms = lotTerms(settings, occurredAt, now);
  const purchaseId = newId('pur');
  const lotId = newId('lot');
  const lines: PurchaseLine[] | null = input.lines?.map((l) => ({ sku: l.sku, category: l.category ?? null, quantity: l.quantity, amount_fen: l.amount_fen, returned_quantity: 0 })) ?? null;
  const receiptNo = input.receipt_no ?? null;

  const earn = earnSql({
    programId, memberId, purchaseId, storeId, occurredAt, points, lotId, entryId: newId('ent'),
    pending: terms.pending, availableAt: terms.availableAt, expiresOn: terms.expiresOn, expiresAt: terms.expiresAt, actor: actor.keyId,
  }, 'pur');
  const event = { purchase_id: purchaseId, member_id: memberId, store_id: storeId, amount_fen: input.amount_fen, points, pending: terms.pending, occurred_at: occurredAt.toISOString() };
  const result = await sql<{ member_ok: number; inserted: number; created_at: Date | null }>`
    WITH m AS (${activeMemberSql(programId, memberId, storeExistsSql(programId, storeId))}
    ), pur AS (${insertPurchaseSql({
      programId, purchaseId, storeId, receiptNo, amountFen: input.amount_fen, lines, occurredAt, points,
      lotId: points > 0 ? lotId : null, idempotencyKey: key, requestHash: hash, actor: actor.keyId,
    }, 'm')}
    ), lot AS (${earn.lot}
    ), ent AS (${earn.entry}
    ), bal AS (${earn.balance}
    ), ob AS (${emitSql({ programId, topic: 'purchase.recorded', aggregateId: memberId, payload: event }, 'pur')}
    )
    SELECT (SELECT count(*) FROM m)::int AS member_ok, (SELECT count(*) FROM pur)::int AS inserted, (SELECT created_at FROM pur) AS created_at
  `.execute(s.ctx.db);
  const r = result.rows[0]!;

  if (r.inserted === 1) {
    return {
      replayed: false,
      body: {
        id: purchaseId, member_id: memberId, store_id: storeId, amount_fen: input.amount_fen, returned_fen: 0, receipt_no: receiptNo,
        occurred_at: occurredAt.toISOString(), points_earned: points, points_reversed: 0,
        points_state: points === 0 ? 'none' : terms.pending ? 'pending' : 'available',
        available_at: points ? terms.availableAt.toISOString() : null, expires_on: points ? terms.expiresOn : null,
        lines, created_at: (r.created_at ?? now).toISOString(),
      },
    };
  }
  const prior = await s.purchases.byKey(programId, key);
  if (prior) return prior.requestHash === hash ? { replayed: true, body: prior.purchase } : idempotencyConflict();
  if (r.member_ok === 0) {
    if (!(await s.stores.exists(programId, storeId))) return notFound('store', 'store_id');
    const status = await s.members.requireStatus(programId, memberId);
    if (isFailure(status)) return status;
  }
  return platformFailure('conflict', PURCHASE_MESSAGES.not_recorded());
}
