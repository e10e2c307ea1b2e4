import { sql } from 'kysely';
import type { Principal } from '../platform/context.ts';
import { isFailure, notFound, platformFailure, validation, type Result } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { inTransaction } from '../platform/transaction.ts';
import { idempotencyConflict, requestHash } from '../platform/idempotency.ts';
import { emitSql } from '../platform/outbox.ts';
import { normalizeMobile } from '../platform/validate.ts';
import { activeMemberSql, MEMBER_MESSAGES } from '../modules/members/index.ts';
import { earnPoints, earnSql, lotTerms, type TBreakdownItem } from '../modules/points/index.ts';
import { insertPurchaseSql, PURCHASE_MESSAGES, type PurchaseLine, type TPurchase, type TPurchaseCreate } from '../modules/purchases/index.ts';
import { draftVersion, type RuleInput } from '../modules/rules/index.ts';
import { storeExistsSql } from '../modules/stores/index.ts';
import type { ProgramSettings } from '../modules/programs/index.ts';
import type { Modules } from '../services.ts';
import { earnGuards, earnsByRules, earnWrites, planEarn, type EarnInput, type EarnPlan } from './earn-by-rules.ts';

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

/** What the POS sent, checked and resolved: who, where, when, what. */
interface Resolved { settings: ProgramSettings; earn: EarnInput; hash: string }

async function resolve(s: Modules, programId: string, input: TPurchaseCreate, actor: Principal, now: Date): Promise<Result<Resolved>> {
  const storeId = s.purchases.storeOf(actor, input.store_id);
  if (isFailure(storeId)) return storeId;
  const memberId = await resolveMember(s, programId, input);
  if (isFailure(memberId)) return memberId;
  const settings = await s.programs.settings(programId);
  if (isFailure(settings)) return settings;
  const occurredAt = input.occurred_at ? new Date(input.occurred_at) : now;
  if (occurredAt.getTime() > now.getTime() + FUTURE_SLACK_MS) return validation('occurred_at', PURCHASE_MESSAGES.future());
  const lines = input.lines?.map((l) => ({ sku: l.sku, category: l.category ?? null, quantity: l.quantity, amount_fen: l.amount_fen, discount_fen: l.discount_fen ?? 0 })) ?? null;
  return { settings, hash: requestHash(input), earn: { programId, memberId, storeId, occurredAt, amountFen: input.amount_fen, lines } };
}

/**
 * What a purchase would earn, rule by rule, storing nothing (the dry run: POST
 * /rules/simulate): the same resolution and the same engine call as recording it.
 */
export async function previewPurchase(s: Modules, programId: string, input: TPurchaseCreate, actor: Principal, now = new Date(), draft?: RuleInput & { id?: string }) {
  const r = await resolve(s, programId, input, actor, now);
  if (isFailure(r)) return r;
  const status = await s.members.requireStatus(programId, r.earn.memberId);
  if (isFailure(status)) return status;
  if (!(await s.stores.exists(programId, r.earn.storeId))) return notFound('store', 'store_id');
  const plan = await planEarn(s, r.settings, r.earn, draft && draftVersion(draft), now);
  if (isFailure(plan)) return plan;
  return toPreview(r.earn, plan);
}

export function toPreview(earn: EarnInput, plan: EarnPlan) {
  return {
    member_id: earn.memberId, store_id: earn.storeId, occurred_at: earn.occurredAt.toISOString(), amount_fen: earn.amountFen,
    eligible_fen: plan.result.eligibleFen, points_asked: plan.result.asked, points_earned: plan.result.granted, breakdown: plan.result.items,
  };
}

// A write that lost a race with another earn for the same member is retried this often
// without a lock; then it takes the member's ledger lock first, and waits its turn.
const OPTIMISTIC_ATTEMPTS = 3;
const LOCKED_ATTEMPTS = 5;
// 40001: the write found the ledger or a campaign's room changed; 40P01: the fallback's locks met a write's
const isRetry = (err: unknown) => ['40001', '40P01'].includes((err as { code?: string } | null)?.code ?? '');

/**
 * Records a purchase from a POS and earns its points; a retry with the same key replays
 * the first answer. The write is ONE statement of data-modifying CTEs, each made by the
 * module that owns its table: the active member (members) in an existing store (stores),
 * the purchase (purchases, ON CONFLICT on the idempotency key: nothing else happens), its
 * lot, entry and balance (points), and the event (outbox). One round trip and one implicit
 * transaction is what keeps recording a purchase as cheap as a TPC-B transaction.
 * A program with earning rules, caps or exclusions first reads the member's context and
 * runs the engine (earn-by-rules.ts); its statement also adds to the caps' counters and
 * writes only if no other earn for the member came in between (else it is retried).
 */
export async function recordPurchase(s: Modules, programId: string, input: TPurchaseCreate, actor: Principal, key: string, now = new Date()): Promise<Result<{ replayed: boolean; body: TPurchase }>> {
  const r = await resolve(s, programId, input, actor, now);
  if (isFailure(r)) return r;
  if (!(await earnsByRules(s, r.settings))) return write(s, r, input, actor, key, now, null);
  for (let attempt = 1; attempt <= OPTIMISTIC_ATTEMPTS; attempt++) {
    const plan = await planEarn(s, r.settings, r.earn, undefined, now);
    if (isFailure(plan)) return plan;
    try {
      return await write(s, r, input, actor, key, now, plan);
    } catch (err) {
      if (!isRetry(err)) throw err;
    }
  }
  // Many earns for one member at once (a busy family card), or for one campaign's budget:
  // in turn, under the member's ledger lock and the campaigns' budget slices, where the plan cannot
  // go stale. Locks taken in that order may still meet a one-statement write's: retried.
  // every campaign any rule version names: a purchase reported late may spend from an old one
  const campaigns = (await s.rules.versions(programId)).flatMap((v) => (v.campaign_id ? [v.campaign_id] : []));
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(s.ctx.db, async (trx) => {
        await s.points.lockLedger(trx, r.earn.programId, r.earn.memberId);
        await s.campaigns.lockRoom(trx, programId, campaigns);
        const plan = await planEarn(s, r.settings, r.earn, undefined, now);
        return isFailure(plan) ? plan : write(s, r, input, actor, key, now, plan);
      });
    } catch (err) {
      if (!isRetry(err) || attempt >= LOCKED_ATTEMPTS) throw err;
    }
  }
}

async function write(s: Modules, r: Resolved, input: TPurchaseCreate, actor: Principal, key: string, now: Date, plan: EarnPlan | null): Promise<Result<{ replayed: boolean; body: TPurchase }>> {
  const { programId, memberId, storeId, occurredAt } = r.earn;
  const points = plan ? plan.result.granted : earnPoints(r.settings, { amountFen: input.amount_fen });
  const breakdown: TBreakdownItem[] = plan ? plan.result.items
    : [{ source: 'base', rule_id: null, rule_version: null, campaign_id: null, line: null, asked: points, granted: points, trimmed_by: [] }];
  const terms = lotTerms(r.settings, occurredAt, now);
  const purchaseId = newId('pur');
  const lotId = newId('lot');
  const lines: PurchaseLine[] | null = r.earn.lines?.map((l) => ({
    sku: l.sku!, category: l.category, quantity: l.quantity, amount_fen: l.amount_fen, ...(l.discount_fen ? { discount_fen: l.discount_fen } : {}), returned_quantity: 0,
  })) ?? null;
  const receiptNo = input.receipt_no ?? null;

  const earn = earnSql({
    programId, memberId, purchaseId, storeId, occurredAt, points, lotId, entryId: newId('ent'), breakdown,
    pending: terms.pending, availableAt: terms.availableAt, expiresOn: terms.expiresOn, expiresAt: terms.expiresAt, actor: actor.keyId,
    ...(plan ? { expectVersion: plan.version ?? -1 } : {}),
  }, 'pur');
  const extra = plan ? earnWrites(programId, memberId, plan, 'pur', actor.keyId, now) : {};
  // the write stands only if the member's ledger is where the plan read it and every campaign spend found room
  const stands = sql.join(['bal', ...(plan ? earnGuards(plan) : [])].map((g) => sql`EXISTS (SELECT 1 FROM ${sql.id(g)})`), sql` AND `);
  const event = { purchase_id: purchaseId, member_id: memberId, store_id: storeId, amount_fen: input.amount_fen, points, pending: terms.pending, occurred_at: occurredAt.toISOString() };
  const result = await sql<{ member_ok: number; inserted: number; created_at: Date | null }>`
    WITH m AS (${activeMemberSql(programId, memberId, storeExistsSql(programId, storeId))}
    ), pur AS (${insertPurchaseSql({
      programId, purchaseId, storeId, receiptNo, amountFen: input.amount_fen, lines, occurredAt, points, breakdown,
      lotId: points > 0 ? lotId : null, idempotencyKey: key, requestHash: r.hash, actor: actor.keyId,
    }, 'm')}
    ), lot AS (${earn.lot}
    ), ent AS (${earn.entry}
    ), bal AS (${earn.balance}
    ), ob AS (${emitSql({ programId, topic: 'purchase.recorded', aggregateId: memberId, payload: event }, 'pur')}
    )${sql.join(Object.entries(extra).map(([name, body]) => sql`, ${sql.id(name)} AS (${body})`), sql``)}
    SELECT (SELECT count(*) FROM m)::int AS member_ok, (SELECT count(*) FROM pur)::int AS inserted, (SELECT created_at FROM pur) AS created_at
    ${plan ? sql`, patron_retry(NOT EXISTS (SELECT 1 FROM pur) OR (${stands})) AS ok` : sql``}
  `.execute(s.ctx.db);
  const row = result.rows[0]!;

  if (row.inserted === 1) {
    return {
      replayed: false,
      body: {
        id: purchaseId, member_id: memberId, store_id: storeId, amount_fen: input.amount_fen, returned_fen: 0, receipt_no: receiptNo,
        occurred_at: occurredAt.toISOString(), points_earned: points, points_asked: plan ? plan.result.asked : points, breakdown, points_reversed: 0,
        points_state: points === 0 ? 'none' : terms.pending ? 'pending' : 'available',
        available_at: points ? terms.availableAt.toISOString() : null, expires_on: points ? terms.expiresOn : null,
        lines, created_at: (row.created_at ?? now).toISOString(),
      },
    };
  }
  const prior = await s.purchases.byKey(programId, key);
  if (prior) return prior.requestHash === r.hash ? { replayed: true, body: prior.purchase } : idempotencyConflict();
  if (row.member_ok === 0) {
    if (!(await s.stores.exists(programId, storeId))) return notFound('store', 'store_id');
    const status = await s.members.requireStatus(programId, memberId);
    if (isFailure(status)) return status;
  }
  return platformFailure('conflict', PURCHASE_MESSAGES.not_recorded());
}
