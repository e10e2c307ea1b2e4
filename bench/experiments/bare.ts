/**
 * Experiment (not part of the app): the yardstick, "a bare Fastify + pg endpoint
 * doing the same writes in one transaction". Started by `npm run bench -- --experiment bare`
 * in place of the app for the load runs, on the database the app set up and seeded:
 *  - POST /v1/programs/:program_id/purchases: the same one-statement earn as
 *    src/modules/purchases/purchase.repository.ts (copied; same rows, same outbox event),
 *    same points and lot terms (the app's own pure functions), same idempotency key rule;
 *  - GET  /v1/programs/:program_id/members/:member_id/balance: the same single query as
 *    points.repository.ts balanceView, same answer shape.
 * No zod, no Kysely, no swagger, no request logging; API keys checked against a map
 * loaded at start; every statement a named prepared statement; pool PG_POOL_SIZE (32).
 * Errors are not RFC 9457 here: anything unexpected is a bare 4xx/500.
 */
import Fastify from 'fastify';
import pg from 'pg';
import { earnPoints, lotTerms } from '../../src/modules/points/index.ts';
import { toSettings } from '../../src/modules/programs/program.ts';
import type { ProgramRow } from '../../src/modules/programs/program.table.ts';
import { sha256 } from '../../src/platform/crypto.ts';
import { requestHash } from '../../src/platform/idempotency.ts';
import { newId } from '../../src/platform/ids.ts';
import { addDays, localDate } from '../../src/platform/time.ts';

pg.types.setTypeParser(20, Number);
pg.types.setTypeParser(1700, Number);
pg.types.setTypeParser(1082, (v: string) => v);

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.PG_POOL_SIZE ?? 32) });

const EARN = `
  WITH m AS (
    SELECT id FROM members WHERE program_id = $1 AND id = $2 AND status = 'active'
      AND EXISTS (SELECT 1 FROM stores WHERE program_id = $1 AND id = $3)
  ), pur AS (
    INSERT INTO purchases (program_id, member_id, id, store_id, receipt_no, amount_fen, lines, occurred_at,
                           points_earned, lot_id, idempotency_key, request_hash, actor)
    SELECT $1, m.id, $4, $3, NULL, $5, NULL, $6, $7, $8, $9, $10, $11 FROM m
    ON CONFLICT (program_id, idempotency_key) DO NOTHING
    RETURNING created_at
  ), lot AS (
    INSERT INTO point_lots (program_id, member_id, id, source, points, remaining, pending, available_at, expires_on, expires_at, purchase_id)
    SELECT $1, $2, $8, 'purchase', $7, $7, $12, $13, $14::date, $15, $4 FROM pur WHERE $7::bigint > 0
  ), ent AS (
    INSERT INTO ledger_entries (program_id, member_id, id, kind, direction, points, purchase_id, lot_id, store_id, actor)
    SELECT $1, $2, $16, 'earn', 'credit', $7, $4, $8, $3, $11 FROM pur WHERE $7::bigint > 0
  ), bal AS (
    UPDATE point_balances SET
      available = available + CASE WHEN $12 THEN 0 ELSE $7::bigint END,
      pending = pending + CASE WHEN $12 THEN $7::bigint ELSE 0 END,
      lifetime_earned = lifetime_earned + $7::bigint,
      next_release_at = CASE WHEN $12 THEN LEAST(coalesce(next_release_at, $13), $13) ELSE next_release_at END,
      next_expiry_on = LEAST(next_expiry_on, $14::date),
      updated_at = now()
    WHERE program_id = $1 AND member_id = $2 AND $7::bigint > 0 AND EXISTS (SELECT 1 FROM pur)
  ), ob AS (
    INSERT INTO outbox (program_id, topic, aggregate_id, payload)
    SELECT $1, 'purchase.recorded', $2, $17::jsonb FROM pur
  )
  SELECT (SELECT count(*) FROM m)::int AS member_ok, (SELECT count(*) FROM pur)::int AS inserted, (SELECT created_at FROM pur) AS created_at`;

const BALANCE = `
  SELECT b.*,
    CASE WHEN b.next_release_at <= $3 THEN (
      SELECT coalesce(sum(remaining), 0) FROM point_lots
      WHERE program_id = b.program_id AND member_id = b.member_id AND pending AND available_at <= $3) ELSE 0 END AS due,
    CASE WHEN b.next_expiry_on <= $5::date THEN (SELECT json_agg(json_build_object('date', d.expires_on, 'points', d.points) ORDER BY d.expires_on) FROM (
      SELECT expires_on, sum(remaining) AS points FROM point_lots
      WHERE program_id = b.program_id AND member_id = b.member_id AND remaining > 0
        AND expires_on >= $4::date AND expires_on <= $5::date
      GROUP BY expires_on) d) END AS soon
  FROM point_balances b WHERE b.program_id = $1 AND b.member_id = $2`;

interface Key { id: string; role: string; programId: string | null; storeId: string | null }
const keys = new Map<string, Key>();
for (const k of (await pool.query<{ id: string; role: string; program_id: string | null; store_id: string | null; key_hash: string }>(
  'SELECT id, role, program_id, store_id, key_hash FROM api_keys WHERE revoked_at IS NULL')).rows) {
  keys.set(k.key_hash, { id: k.id, role: k.role, programId: k.program_id, storeId: k.store_id });
}
const settings = new Map((await pool.query<ProgramRow>('SELECT * FROM programs')).rows.map((r) => [r.id, toSettings(r)]));

function auth(header: string | undefined, programId: string): Key | undefined {
  if (!header?.startsWith('Bearer ')) return undefined;
  const k = keys.get(sha256(header.slice(7)));
  return k && (k.role === 'bootstrap' || k.programId === programId) ? k : undefined;
}

const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok', database: 'postgres', migration: null }));

app.post<{ Params: { program_id: string }; Body: { member_id: string; amount_fen: number } }>('/v1/programs/:program_id/purchases', async (req, reply) => {
  const programId = req.params.program_id;
  const key = auth(req.headers.authorization, programId);
  if (!key) return reply.code(401).send({ code: 'unauthorized' });
  const idem = req.headers['idempotency-key'];
  const s = settings.get(programId);
  const body = req.body;
  if (typeof idem !== 'string' || !s || typeof body?.member_id !== 'string' || !Number.isInteger(body.amount_fen) || body.amount_fen < 0 || !key.storeId) {
    return reply.code(400).send({ code: 'validation' });
  }
  const now = new Date();
  const points = earnPoints(s, { amountFen: body.amount_fen });
  const terms = lotTerms(s, now, now);
  const purchaseId = newId('pur');
  const lotId = newId('lot');
  const event = { purchase_id: purchaseId, member_id: body.member_id, store_id: key.storeId, amount_fen: body.amount_fen, points, pending: terms.pending, occurred_at: now.toISOString() };
  const r = await pool.query<{ member_ok: number; inserted: number; created_at: Date | null }>({
    name: 'bare_earn', text: EARN,
    values: [programId, body.member_id, key.storeId, purchaseId, body.amount_fen, now, points, points > 0 ? lotId : null, idem, requestHash(body), key.id,
      terms.pending, terms.availableAt, terms.expiresOn, terms.expiresAt, newId('ent'), JSON.stringify(event)],
  });
  const row = r.rows[0]!;
  if (row.inserted !== 1) return reply.code(row.member_ok ? 409 : 404).send({ code: row.member_ok ? 'conflict' : 'not_found' });
  return reply.code(201).send({
    id: purchaseId, member_id: body.member_id, store_id: key.storeId, amount_fen: body.amount_fen, returned_fen: 0, receipt_no: null,
    occurred_at: now.toISOString(), points_earned: points, points_reversed: 0, points_state: points === 0 ? 'none' : terms.pending ? 'pending' : 'available',
    available_at: points ? terms.availableAt.toISOString() : null, expires_on: points ? terms.expiresOn : null, lines: null,
    created_at: (row.created_at ?? now).toISOString(),
  });
});

app.get<{ Params: { program_id: string; member_id: string } }>('/v1/programs/:program_id/members/:member_id/balance', async (req, reply) => {
  const { program_id: programId, member_id: memberId } = req.params;
  if (!auth(req.headers.authorization, programId)) return reply.code(401).send({ code: 'unauthorized' });
  const s = settings.get(programId);
  if (!s) return reply.code(404).send({ code: 'not_found' });
  const now = new Date();
  const today = localDate(now, s.timeZone);
  const r = await pool.query<{ available: number; pending: number; lifetime_earned: number; spent: number; expired: number; reversed: number; due: number; soon: { date: string; points: number }[] | null }>({
    name: 'bare_balance', text: BALANCE, values: [programId, memberId, now, today, addDays(today, 30)],
  });
  const row = r.rows[0];
  if (!row) return reply.code(404).send({ code: 'not_found' });
  const byDate = (row.soon ?? []).map((x) => ({ date: x.date, points: Number(x.points) }));
  return {
    member_id: memberId, available: row.available + Number(row.due), pending: row.pending - Number(row.due),
    expiring_soon: { within_days: 30, points: byDate.reduce((a, x) => a + x.points, 0), by_date: byDate },
    lifetime_earned: row.lifetime_earned, spent: row.spent, expired: row.expired, reversed: row.reversed, as_of: now.toISOString(),
  };
});

await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' });
const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
