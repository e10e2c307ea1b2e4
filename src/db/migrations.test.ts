import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKinds } from '../testing/harness.ts';
import { adminQuery, dropDatabase, siblingUrl } from '../testing/postgres-admin.ts';
import { openDatabase, type DbHandle, type DbKind } from './database.ts';
import { migrate } from './migrator.ts';

/** A fresh, empty database: in memory, or a new one on the TEST_DATABASE_URL server. */
async function emptyDatabase(kind: DbKind): Promise<{ handle: DbHandle; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const handle = await openDatabase({});
    return { handle, drop: () => handle.close() };
  }
  const server = process.env.TEST_DATABASE_URL!;
  const name = `patron_mig_${randomUUID().replaceAll('-', '')}`;
  await adminQuery(server, `CREATE DATABASE ${name}`);
  const handle = await openDatabase({ url: siblingUrl(server, name), poolSize: 2 });
  return { handle, drop: async () => { await handle.close(); await dropDatabase(server, name); } };
}

/**
 * A database for one describe block: migrated up to `until` (or all the way), given rows by
 * `seed` (written as the schema was then), then migrated the rest of the way. Dropped after.
 */
function databaseAt(kind: DbKind, opts: { until?: string; seed?: (db: DbHandle['db']) => Promise<unknown> } = {}) {
  let h: DbHandle;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ handle: h, drop } = await emptyDatabase(kind));
    await migrate(h.db, opts.until ? { until: opts.until } : {});
    await opts.seed?.(h.db);
    await migrate(h.db);
  });
  afterAll(async () => { await drop?.(); });
  return { get db() { return h.db; } };
}

/** Bare members of program prg_1 (created here) with their zeroed balance rows, in id order. */
async function membersWithBalances(db: DbHandle['db'], ids: string[]) {
  await sql`INSERT INTO programs (id, name) VALUES ('prg_1', 'p')`.execute(db);
  // phone_last4 was required until 019_vault dropped it
  const last4 = (await sql`SELECT 1 FROM information_schema.columns WHERE table_name = 'members' AND column_name = 'phone_last4'`.execute(db)).rows.length > 0;
  await sql`INSERT INTO members (program_id, id, member_no, phone_enc, phone_index ${last4 ? sql`, phone_last4` : sql``})
    SELECT 'prg_1', id, id, 'x', id ${last4 ? sql`, '0000'` : sql``} FROM unnest(${ids}::text[]) AS id`.execute(db);
  await sql`INSERT INTO point_balances (program_id, member_id) SELECT program_id, id FROM members ORDER BY id`.execute(db);
}

// Migrations that rewrite existing rows are checked on rows written before them.
describe.each(testDbKinds())('003_balance_read_bounds on an existing ledger (%s)', (kind) => {
  const h = databaseAt(kind, {
    until: '002_member_external_id',
    async seed(db) {
      await membersWithBalances(db, ['mem_a', 'mem_b', 'mem_c', 'mem_d']);
      const lot = (member: string, id: string, remaining: number, expiresOn: string | null) =>
        sql`INSERT INTO point_lots (program_id, member_id, id, source, points, remaining, pending, available_at, expires_on)
          VALUES ('prg_1', ${member}, ${id}, 'adjustment', 10, ${remaining}, false, now(), ${expiresOn}::date)`.execute(db);
      await lot('mem_a', 'lot_1', 0, '2026-01-31'); // spent: does not count
      await lot('mem_a', 'lot_2', 5, '2026-12-31');
      await lot('mem_a', 'lot_3', 10, '2026-06-30');
      await lot('mem_b', 'lot_4', 0, '2026-03-31'); // only closed lots
      await lot('mem_c', 'lot_5', 10, null); // never expires
      // mem_d: no lots at all
    },
  });

  it('sets next_expiry_on to the earliest open lot that expires, and leaves the rest empty', async () => {
    const rows = await sql<{ member_id: string; next_expiry_on: string | null }>`
      SELECT member_id, next_expiry_on FROM point_balances ORDER BY member_id`.execute(h.db);
    expect(rows.rows).toEqual([
      { member_id: 'mem_a', next_expiry_on: '2026-06-30' },
      { member_id: 'mem_b', next_expiry_on: null },
      { member_id: 'mem_c', next_expiry_on: null },
      { member_id: 'mem_d', next_expiry_on: null },
    ]);
  });
});

// 004: a balance row rewritten again and again stays on its page, even in a full table.
describe.each(testDbKinds())('004_balance_fillfactor (%s)', (kind) => {
  const h = databaseAt(kind, { seed: (db) => membersWithBalances(db, Array.from({ length: 400 }, (_, i) => `mem_${String(i + 1).padStart(26, '0')}`)) });

  it('updates a balance row in place (HOT, no new index entries) on a page written full', async () => {
    const pages = await sql<{ n: number }>`SELECT pg_relation_size('point_balances')::int / 8192 AS n`.execute(h.db);
    expect(pages.rows[0]!.n).toBeGreaterThan(5); // several full pages, not one roomy one
    const first = await sql<{ member_id: string }>`SELECT member_id FROM point_balances WHERE ctid = '(0,1)'`.execute(h.db);
    const member = first.rows[0]!.member_id;
    const counts = await h.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 5; i++) {
        await sql`UPDATE point_balances SET available = available + 10, updated_at = now() WHERE member_id = ${member}`.execute(trx);
      }
      return (await sql<{ updated: number; hot: number }>`
        SELECT pg_stat_get_xact_tuples_updated('point_balances'::regclass)::int AS updated,
               pg_stat_get_xact_tuples_hot_updated('point_balances'::regclass)::int AS hot`.execute(trx)).rows[0]!;
    });
    expect(counts).toEqual({ updated: 5, hot: 5 });
  });
});

// 005: earned_at from the purchase's own time, else when the lot was written.
describe.each(testDbKinds())('005_lot_earned_at on an existing ledger (%s)', (kind) => {
  const h = databaseAt(kind, {
    until: '004_balance_fillfactor',
    async seed(db) {
      await membersWithBalances(db, ['mem_a']);
      await sql`INSERT INTO stores (program_id, id, code, name) VALUES ('prg_1', 'sto_1', 'S1', 's')`.execute(db);
      await sql`INSERT INTO purchases (program_id, member_id, id, store_id, amount_fen, occurred_at, points_earned, lot_id, idempotency_key, request_hash)
        VALUES ('prg_1', 'mem_a', 'pur_1', 'sto_1', 100, '2024-03-01T10:00:00Z', 1, 'lot_p', 'k1', 'h')`.execute(db);
      const lot = (id: string, source: string, purchaseId: string | null) =>
        sql`INSERT INTO point_lots (program_id, member_id, id, source, points, remaining, pending, available_at, expires_on, purchase_id, created_at)
          VALUES ('prg_1', 'mem_a', ${id}, ${source}, 1, 1, false, now(), null, ${purchaseId}, '2026-11-01T00:00:00Z')`.execute(db);
      await lot('lot_p', 'purchase', 'pur_1');
      await lot('lot_a', 'adjustment', null);
    },
  });

  it("takes a purchase lot's time from its purchase and an adjustment's from its row", async () => {
    const rows = await sql<{ id: string; earned_at: Date }>`SELECT id, earned_at FROM point_lots ORDER BY id`.execute(h.db);
    expect(rows.rows.map((r) => [r.id, r.earned_at.toISOString()])).toEqual([
      ['lot_a', '2026-11-01T00:00:00.000Z'],
      ['lot_p', '2024-03-01T10:00:00.000Z'],
    ]);
  });
});

// 006: tiers keep their threshold as reach and keep; the qualifying figure and the open tier
// periods are built from what is already there.
describe.each(testDbKinds())('006_tiers on existing tiers and purchases (%s)', (kind) => {
  const h = databaseAt(kind, {
    until: '005_lot_earned_at',
    async seed(db) {
      await membersWithBalances(db, ['mem_a', 'mem_b']);
      await sql`INSERT INTO tiers (program_id, id, code, name, rank, min_spend_fen) VALUES ('prg_1', 'tier_1', 'std', '普卡', 1, 0), ('prg_1', 'tier_2', 'gold', '金卡', 2, 500000)`.execute(db);
      await sql`UPDATE members SET tier_id = 'tier_2', created_at = '2025-01-01T00:00:00Z' WHERE id = 'mem_a'`.execute(db);
      await sql`INSERT INTO stores (program_id, id, code, name) VALUES ('prg_1', 'sto_1', 'S1', 's')`.execute(db);
      const purchase = (id: string, fen: number, returned: number, points: number, reversed: number, at: string) =>
        sql`INSERT INTO purchases (program_id, member_id, id, store_id, amount_fen, returned_fen, occurred_at, points_earned, points_reversed, idempotency_key, request_hash)
          VALUES ('prg_1', 'mem_a', ${id}, 'sto_1', ${fen}, ${returned}, ${at}::timestamptz, ${points}, ${reversed}, ${id}, 'h')`.execute(db);
      // two on the same Shanghai day (the second at 23:30 there, part returned), one 00:30 the next day there
      await purchase('pur_1', 10_000, 0, 100, 0, '2026-03-01T10:00:00Z');
      await purchase('pur_2', 5_000, 2_000, 50, 20, '2026-03-01T15:30:00Z');
      await purchase('pur_3', 7_000, 0, 70, 0, '2026-03-01T16:30:00Z');
    },
  });

  it('carries min_spend_fen into both thresholds', async () => {
    const rows = await sql<{ id: string; reach_threshold: number; keep_threshold: number; benefits: { earn_multiplier_pct: number } }>`
      SELECT id, reach_threshold, keep_threshold, benefits FROM tiers ORDER BY id`.execute(h.db);
    expect(rows.rows.map((r) => [r.id, Number(r.reach_threshold), Number(r.keep_threshold), r.benefits.earn_multiplier_pct])).toEqual([
      ['tier_1', 0, 0, 100], ['tier_2', 500_000, 500_000, 100],
    ]);
  });

  it('books each local day\'s spend net of returns, points net of reversals, and one visit', async () => {
    const rows = await sql<{ day: string; spend_fen: number; points: number; visits: number }>`
      SELECT day, spend_fen, points, visits FROM tier_qualifying_days WHERE member_id = 'mem_a' ORDER BY day`.execute(h.db);
    expect(rows.rows.map((r) => [r.day, Number(r.spend_fen), Number(r.points), r.visits])).toEqual([
      ['2026-03-01', 13_000, 130, 1], ['2026-03-02', 7_000, 70, 1],
    ]);
  });

  it('opens one tier period for each member with a tier, from when they joined', async () => {
    const rows = await sql<{ member_id: string; tier_id: string; started_at: Date; ended_at: Date | null; source: string }>`
      SELECT member_id, tier_id, started_at, ended_at, source FROM tier_periods ORDER BY member_id`.execute(h.db);
    expect(rows.rows.map((r) => [r.member_id, r.tier_id, r.started_at.toISOString(), r.ended_at, r.source])).toEqual([
      ['mem_a', 'tier_2', '2025-01-01T00:00:00.000Z', null, 'import'],
    ]);
  });
});

describe.each(testDbKinds())('018_privacy on existing members (%s)', (kind) => {
  const joined = new Date('2025-03-01T02:00:00Z');
  const consented = new Date('2025-04-01T02:00:00Z');
  const h = databaseAt(kind, {
    until: '016_audit',
    async seed(db) {
      await membersWithBalances(db, ['mem_a', 'mem_b']);
      await sql`UPDATE members SET created_at = ${joined}`.execute(db);
      await sql`UPDATE members SET marketing_consent_at = ${consented} WHERE id = 'mem_a'`.execute(db);
    },
  });

  it('gives every member a history of what they consented to before it existed, and the matching states', async () => {
    const rows = await sql<{ member_id: string; purpose: string; granted: boolean; at: Date; channel: string }>`
      SELECT member_id, purpose, granted, at, channel FROM consents ORDER BY member_id, purpose`.execute(h.db);
    expect(rows.rows).toEqual([
      { member_id: 'mem_a', purpose: 'marketing', granted: true, at: consented, channel: 'import' },
      { member_id: 'mem_a', purpose: 'service', granted: true, at: joined, channel: 'import' },
      { member_id: 'mem_b', purpose: 'service', granted: true, at: joined, channel: 'import' },
    ]);
    const states = await sql<{ n: number }>`SELECT count(*)::int AS n FROM consent_states s JOIN consents c ON c.member_id = s.member_id AND c.id = s.consent_id`.execute(h.db);
    expect(states.rows[0]!.n).toBe(3);
  });
});

describe.each(testDbKinds())('019_vault on members written before it (%s)', (kind) => {
  const h = databaseAt(kind, {
    until: '016_audit',
    async seed(db) {
      await membersWithBalances(db, ['mem_a']);
      await sql`UPDATE members SET email = 'Clear@Example.com' WHERE id = 'mem_a'`.execute(db);
    },
  });

  it('adds the sealed e-mail and address, keeps the clear e-mail for boot to seal, and drops phone_last4', async () => {
    const row = (await sql<Record<string, unknown>>`SELECT * FROM members WHERE id = 'mem_a'`.execute(h.db)).rows[0]!;
    expect(row).toMatchObject({ email: 'Clear@Example.com', email_enc: null, email_index: null, address_enc: null });
    expect(row).not.toHaveProperty('phone_last4');
  });
});
