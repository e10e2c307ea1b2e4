import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeMobile } from '../../platform/validate.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext } from '../../testing/harness.ts';
import { unwrap } from '../../platform/errors.ts';
import { importService } from './index.ts';
import { customerPhone, lineFen, parseCustomerId, wallClockInstant } from './import-purchases.ts';

const DATA = '/work/shared/data/online-retail/online_retail.csv.gz';
const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
const dir = mkdtempSync(join(tmpdir(), 'patron-import-purchases-'));

/** The first n lines of the real data, streamed out of the .gz. */
async function headOfData(n: number): Promise<string> {
  const lines: string[] = [];
  const rl = createInterface({ input: createReadStream(DATA).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of rl) {
    lines.push(line);
    if (lines.length === n) break;
  }
  rl.close();
  return `${lines.join('\n')}\n`;
}

/**
 * The test's own reading of a slice, independent of the importer: a regex CSV split, float
 * prices rounded to fen, and the rules of the data's README.
 */
function expectedTotals(text: string) {
  const NOT_GOODS = /^(POST|DOT|M|D|C2|S|BANK CHARGES|AMAZONFEE|CRUK|B|gift_0001_.*)$/i;
  const rows = text.trim().split('\n').slice(1).map((line) => [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')));
  const sales = new Map<string, { customer: string; fen: number }>();
  let returnUnits = 0;
  let prev = '';
  for (const [invoice, code, , qty, , price, customer] of rows as string[][]) {
    if (!customer || NOT_GOODS.test(code!)) continue;
    const q = Number(qty);
    if (invoice!.startsWith('C')) {
      if (q < 0) returnUnits += -q;
      continue;
    }
    if (invoice!.startsWith('A') || q <= 0) continue;
    // consecutive lines are one invoice; an invoice seen again later is another
    const key = sales.has(invoice!) && prev !== invoice ? `${invoice}#2` : invoice!;
    prev = invoice!;
    const s = sales.get(key) ?? { customer: customer.replace(/\.0$/, ''), fen: 0 };
    s.fen += Math.round(q * Number(price) * 100);
    sales.set(key, s);
  }
  const all = [...sales.values()];
  return {
    purchases: all.length,
    amountFen: all.reduce((s, x) => s + x.fen, 0),
    points: all.reduce((s, x) => s + Math.floor(x.fen / 100), 0),
    customers: new Set(all.map((x) => x.customer)).size,
    returnUnits,
  };
}

// A hand-made slice: two purchases of one customer, then returns matched most recent first,
// partly unmatched, a customer never seen buying, and rows to skip or reject.
const HAND = [
  HEADER,
  '1001,A1,"THING, RED",10,2010-12-01 08:26:00,1.50,12345.0,United Kingdom', //  2
  '1001,B2,OTHER,2,2010-12-01 08:26:00,3.25,12345.0,United Kingdom', //          3
  '1001,POST,POSTAGE,1,2010-12-01 08:26:00,18.00,12345.0,United Kingdom', //    4 not goods
  '1001,A1,"THING, RED",2,2010-12-01 08:26:00,1.50,12345.0,United Kingdom', //   5 same code again: added up
  '1002,A1,GUEST THING,3,2010-12-01 09:00:00,1.50,,United Kingdom', //           6 guest
  '1003,A1,"THING, RED",5,2010-12-02 10:00:00,1.50,12345.0,United Kingdom', //   7
  '1003,Z9,BROKEN,x,2010-12-02 10:00:00,1.00,12345.0,United Kingdom', //        8 bad quantity
  '1003,Z9,BROKEN,1,2010-12-02 10:00:00,1,5,12345.0,United Kingdom', //         9 9 columns
  '1003,Z9,BROKEN,1,2010-13-02 10:00:00,1.00,12345.0,United Kingdom', //        10 bad date
  '1003,Z9,BROKEN,1,2010-12-02 10:00:00,abc,12345.0,United Kingdom', //         11 bad price
  '1003,Z8,WRITE OFF,-4,2010-12-02 10:00:00,0.00,12345.0,United Kingdom', //    12 write-off
  'C1004,A1,"THING, RED",-8,2010-12-03 11:00:00,1.50,12345.0,United Kingdom', // 13 5 from 1003, 3 from 1001
  'C1004,B2,OTHER,-1,2010-12-03 11:00:00,3.25,12345.0,United Kingdom', //       14 1 from 1001
  'C1004,D,Discount,-1,2010-12-03 11:00:00,5.00,12345.0,United Kingdom', //     15 not goods
  'C1005,A1,"THING, RED",-1,2010-12-03 12:00:00,1.50,99999.0,United Kingdom', // 16 never bought: unmatched
  'A1006,B,Adjust bad debt,1,2010-12-03 13:00:00,-100.00,,United Kingdom', //    17 adjustment
  'C1007,A1,"THING, RED",-20,2010-12-04 12:00:00,1.50,12345.0,United Kingdom', // 18 9 left on 1001, 11 unmatched
].join('\n');

describe('purchase import helpers', () => {
  it('computes line amounts in fen from the decimal text, rounding sub-penny prices half up', () => {
    expect(lineFen(6, '2.55')).toBe(1530);
    expect(lineFen(3, '0.29')).toBe(87);
    expect(lineFen(1, '11062.06')).toBe(1106206);
    expect(lineFen(12, '0.1')).toBe(120);
    expect(lineFen(5, '0.001')).toBe(1); // 0.5 fen → 1
    expect(lineFen(4, '0.001')).toBe(0);
    expect(lineFen(2, '-1.00')).toBeNull();
    expect(lineFen(2, '1e3')).toBeNull();
  });

  it('reads customer numbers and makes them valid, stable mobile numbers', () => {
    expect(parseCustomerId('17850.0')).toBe('17850');
    expect(parseCustomerId('17850')).toBe('17850');
    expect(parseCustomerId('x17850')).toBeNull();
    expect(customerPhone('17850')).toBe('19900017850');
    expect(normalizeMobile(customerPhone('12346'))).toBe('19900012346');
  });

  it("reads invoice times as wall-clock time in the program's zone", () => {
    expect(wallClockInstant('2010-12-01 08:26:00', 'Asia/Shanghai')!.toISOString()).toBe('2010-12-01T00:26:00.000Z');
    expect(wallClockInstant('2011-06-01 12:00:00', 'Europe/London')!.toISOString()).toBe('2011-06-01T11:00:00.000Z');
    expect(wallClockInstant('2011-12-01 12:00', 'Europe/London')!.toISOString()).toBe('2011-12-01T12:00:00.000Z');
    expect(wallClockInstant('2011-02-30 12:00:00', 'Europe/London')).toBeNull();
  });
});

describe.each(testDbKinds())('import purchases on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => { t = await createTestContext(kind); });
  afterAll(async () => { await t.close(); });

  /** What the database holds for a program, summed independently of the importer. */
  async function dbTotals(programId: string) {
    const db = t.services.ctx.db;
    const one = async <T>(q: Promise<{ rows: T[] }>) => (await q).rows[0]!;
    const purchases = await one(sql<{ n: number; fen: number; points: number; returned: number }>`
      SELECT count(*)::int AS n, coalesce(sum(amount_fen), 0)::bigint AS fen, coalesce(sum(points_earned), 0)::bigint AS points,
             coalesce(sum(returned_fen), 0)::bigint AS returned
      FROM purchases WHERE program_id = ${programId}`.execute(db));
    const returns = await one(sql<{ n: number; fen: number; units: number }>`
      SELECT count(*)::int AS n, coalesce(sum(amount_fen), 0)::bigint AS fen,
             coalesce(sum((SELECT sum((l->>'quantity')::int) FROM jsonb_array_elements(lines) l)), 0)::bigint AS units
      FROM returns WHERE program_id = ${programId}`.execute(db));
    const ledger = await one(sql<{ balances: number; lots: number; members: number; entries: number; outbox: number }>`
      SELECT (SELECT coalesce(sum(available + pending), 0) FROM point_balances WHERE program_id = ${programId})::bigint AS balances,
             (SELECT coalesce(sum(remaining), 0) FROM point_lots WHERE program_id = ${programId})::bigint AS lots,
             (SELECT count(*) FROM members WHERE program_id = ${programId})::int AS members,
             (SELECT count(*) FROM ledger_entries WHERE program_id = ${programId})::int AS entries,
             (SELECT count(*) FROM outbox WHERE program_id = ${programId})::int AS outbox`.execute(db));
    const perMember = await one(sql<{ off: number }>`
      SELECT count(*)::int AS off FROM point_balances b
      WHERE b.program_id = ${programId} AND b.available + b.pending <>
        (SELECT coalesce(sum(remaining), 0) FROM point_lots l WHERE l.program_id = b.program_id AND l.member_id = b.member_id)`.execute(db));
    return { purchases, returns, ledger, perMember };
  }

  it('imports the first 3,000 lines of the Online Retail data: totals agree with the slice and the database, and a second run adds nothing', async () => {
    const text = await headOfData(3001);
    const file = join(dir, `head-${kind}.csv`);
    writeFileSync(file, text);
    const want = expectedTotals(text);
    const p = await createTestProgram(t, { time_zone: 'Europe/London' });
    const imports = importService(t.services);

    const r = unwrap(await imports.purchases(p.programId, file, { batchSize: 500 }));
    expect(r.rows).toBe(3000);
    expect(r.error_count).toBe(0);
    expect(r.store_id).toBe(p.storeId);
    expect(r.purchases).toMatchObject({ recorded: want.purchases, replayed: 0, amount_fen: want.amountFen, points_earned: want.points });
    expect(r.members_created).toBe(want.customers);
    expect(r.skipped['guest (no CustomerID)']).toBeGreaterThan(1000);

    const db = await dbTotals(p.programId);
    expect(db.purchases).toEqual({ n: want.purchases, fen: want.amountFen, points: want.points, returned: r.returns.amount_fen });
    expect(db.returns.n).toBe(r.returns.recorded);
    expect(db.returns.fen).toBe(r.returns.amount_fen);
    // every returned unit is either matched to an earlier purchase or reported unmatched
    expect(db.returns.units + r.unmatched_returns.units).toBe(want.returnUnits);
    expect(db.ledger.balances).toBe(db.ledger.lots);
    expect(db.perMember.off).toBe(0);
    expect(db.ledger.members).toBe(want.customers);

    const again = unwrap(await imports.purchases(p.programId, file, { batchSize: 250 }));
    expect(again).toMatchObject({
      members_created: 0,
      purchases: { recorded: 0, replayed: want.purchases, amount_fen: 0 },
      returns: { recorded: 0, replayed: r.returns.recorded },
      unmatched_returns: r.unmatched_returns,
      error_count: 0,
    });
    expect(await dbTotals(p.programId)).toEqual(db);
  });

  it('matches C invoices to the same member\'s earlier purchases, most recent first, and reports what cannot be matched', async () => {
    const file = join(dir, `hand-${kind}.csv`);
    writeFileSync(file, HAND);
    const p = await createTestProgram(t);
    const imports = importService(t.services);

    const r = unwrap(await imports.purchases(p.programId, file, { batchSize: 4 }));
    expect(r.errors).toEqual([
      { line: 8, message: 'Quantity: "x" is not a whole number' },
      { line: 9, message: 'expected 8 columns, got 9' },
      { line: 10, message: 'InvoiceDate: "2010-13-02 10:00:00" is not a date and time YYYY-MM-DD HH:MM:SS' },
      { line: 11, message: 'UnitPrice: "abc" is not a price (a non-negative decimal)' },
    ]);
    expect(r.skipped).toEqual({
      'not goods (POST)': 1, 'guest (no CustomerID)': 1, 'write-off (quantity ≤ 0 outside a C invoice)': 1,
      'not goods (D)': 1, 'bad-debt adjustment (A invoice)': 1,
    });
    // 1001: A1 12 × 150 + B2 2 × 325 = 2450; 1003: A1 5 × 150 = 750
    expect(r.purchases).toEqual({ recorded: 2, replayed: 0, amount_fen: 3200, points_earned: 24 + 7 });
    expect(r.members_created).toBe(1);
    expect(r.invoices).toBe(7);
    // C1004: 5 × A1 of 1003 (750), 3 × A1 + 1 × B2 of 1001 (450 + 325); C1007: 9 × A1 of 1001 (1350)
    expect(r.returns).toMatchObject({ recorded: 3, replayed: 0, amount_fen: 750 + 775 + 1350, points_unrecovered: 0 });
    expect(r.unmatched_returns).toEqual({ lines: 2, units: 1 + 11, amount_fen: 150 + 1650 });

    const purchases = await t.services.ctx.db.selectFrom('purchases').select(['receipt_no', 'amount_fen', 'returned_fen', 'occurred_at', 'lines', 'idempotency_key', 'points_earned', 'points_reversed'])
      .where('program_id', '=', p.programId).orderBy('receipt_no').execute();
    expect(purchases.map((x) => ({ ...x, occurred_at: x.occurred_at.toISOString() }))).toEqual([
      {
        receipt_no: '1001', amount_fen: 2450, returned_fen: 775 + 1350, occurred_at: '2010-12-01T00:26:00.000Z', idempotency_key: 'import:1001',
        points_earned: 24, points_reversed: 20,
        lines: [
          { sku: 'A1', category: null, quantity: 12, amount_fen: 1800, returned_quantity: 12 },
          { sku: 'B2', category: null, quantity: 2, amount_fen: 650, returned_quantity: 1 },
        ],
      },
      {
        receipt_no: '1003', amount_fen: 750, returned_fen: 750, occurred_at: '2010-12-02T02:00:00.000Z', idempotency_key: 'import:1003',
        points_earned: 7, points_reversed: 7,
        lines: [{ sku: 'A1', category: null, quantity: 5, amount_fen: 750, returned_quantity: 5 }],
      },
    ]);
    expect(r.returns.points_reversed).toBe(27);
    const member = await t.services.members.idsByExternalIds(p.programId, ['12345', '99999']);
    expect([...member.keys()]).toEqual(['12345']);
    expect(await t.services.members.idsByPhones(p.programId, ['19900012345'])).toEqual(new Map([['19900012345', member.get('12345')]]));
    const balance = unwrap(await t.services.points.balance(p.programId, member.get('12345')!));
    expect(balance.available + balance.pending).toBe(31 - 27);

    const db = await dbTotals(p.programId);
    expect(db.ledger.balances).toBe(db.ledger.lots);
    expect(db.perMember.off).toBe(0);
    const again = unwrap(await imports.purchases(p.programId, file, { batchSize: 100 }));
    expect(again).toMatchObject({ purchases: { recorded: 0, replayed: 2 }, returns: { recorded: 0, replayed: 3, amount_fen: 0 }, members_created: 0, error_count: 4 });
    expect(await dbTotals(p.programId)).toEqual(db);
  });
});
