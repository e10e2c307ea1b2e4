import { sql } from 'kysely';
import { boot, type Booted } from '../../src/boot.ts';
import { lotTerms } from '../../src/modules/points/index.ts';
import type { Principal } from '../../src/platform/context.ts';
import { unwrap } from '../../src/platform/errors.ts';

export interface SeedTarget {
  databaseUrl?: string;
  dataDir: string;
  secret: string;
}

const BATCH = 1_000;
const POINTS_PER_HOT_ENTRY = 10;
const AMOUNT_PER_HOT_ENTRY = 1_000;

/** Opens the app's database in this process with the app's own boot (same vault secret as the server). */
export function openApp(target: SeedTarget): Promise<Booted> {
  return boot({ databaseUrl: target.databaseUrl, dataDir: target.dataDir, secret: target.secret, poolSize: 4 });
}

const phoneOf = (i: number) => `139${String(i).padStart(8, '0')}`;

/**
 * Enrols `count` members through the app's own service (the enrol-members workflow, batches of
 * 1,000 in one transaction each): real members with encrypted phones, blind indexes, member
 * numbers, zeroed balance rows and `member.enrolled` outbox events. Returns their ids.
 */
export async function seedMembers(app: Booted, programId: string, count: number, onProgress?: (done: number) => void): Promise<string[]> {
  const actor: Principal = { keyId: 'bench-seed', name: 'bench seed', role: 'admin', programId, storeId: null };
  const ids: string[] = [];
  // PostgreSQL takes two batches at a time (the bench process encrypts while the server
  // inserts); PGlite is single-threaded, so one.
  const parallel = app.handle.kind === 'postgres' ? 2 : 1;
  let next = 0;
  const worker = async () => {
    for (;;) {
      const from = next;
      if (from >= count) return;
      next = Math.min(count, from + BATCH);
      const inputs = [];
      for (let i = from; i < next; i++) inputs.push({ phone: phoneOf(i), name: `会员${i}`, gender: i % 2 ? ('female' as const) : ('male' as const) });
      const r = await app.services.flows.enrolMembers(programId, inputs, actor);
      if (r.duplicates.length) throw new Error(`seeding: ${r.duplicates.length} duplicate phones in batch at ${from}`);
      ids.push(...r.created);
      onProgress?.(ids.length);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return ids;
}

/** One member enrolled the same way, with a phone outside the seeded range. */
export async function enrolOne(app: Booted, programId: string, phone: string, name: string): Promise<string> {
  const actor: Principal = { keyId: 'bench-seed', name: 'bench seed', role: 'admin', programId, storeId: null };
  const r = await app.services.flows.enrolMembers(programId, [{ phone, name }], actor);
  if (!r.created[0]) throw new Error(`could not enrol ${phone}`);
  return r.created[0];
}

/**
 * Gives one member `entries` past purchases, each with its lot and its earn ledger entry,
 * in three INSERT … SELECT generate_series statements plus one balance update, in one
 * transaction. Going through the API would take minutes per member; this writes the same
 * rows the earn statement writes (minus outbox events, which nothing reads back), keeps the
 * stored balance equal to the sum of open lots, and is checked afterwards.
 * Lots are already available (earned more than pending_days ago, one per minute going back)
 * and all expire on the day a purchase made today would.
 */
export async function seedHotMember(app: Booted, programId: string, storeId: string, memberId: string, entries: number, tag: 'hot' | 'tail' = 'hot'): Promise<void> {
  if (entries === 0) return;
  const settings = unwrap(await app.services.programs.settings(programId));
  const now = new Date();
  const terms = lotTerms(settings, now, now);
  const pts = POINTS_PER_HOT_ENTRY;
  // Each row's moment: (pending_days + 1) days ago, minus g minutes.
  const back = sql`(now() - make_interval(days => ${settings.pendingDays + 1}, mins => g))`;
  // ids and keys are unique per program, so each seeded member gets its own digit
  const hex = (prefix: string) => sql`${prefix + (tag === 'hot' ? '0' : '1')} || upper(lpad(to_hex(g), 25, '0'))`;
  await app.handle.db.transaction().execute(async (trx) => {
    await sql`
      INSERT INTO purchases (program_id, member_id, id, store_id, amount_fen, occurred_at, points_earned, lot_id,
                             idempotency_key, request_hash, actor, created_at)
      SELECT ${programId}, ${memberId}, ${hex('pur_')}, ${storeId}, ${AMOUNT_PER_HOT_ENTRY}, ${back}, ${pts}, ${hex('lot_')},
             ${'bench-' + tag + '-'} || g, 'bench-seed', 'bench-seed', ${back}
      FROM generate_series(1, ${entries}) AS g`.execute(trx);
    await sql`
      INSERT INTO point_lots (program_id, member_id, id, source, points, remaining, pending, available_at, expires_on, expires_at, purchase_id, created_at)
      SELECT ${programId}, ${memberId}, ${hex('lot_')}, 'purchase', ${pts}, ${pts}, false,
             ${back} + make_interval(days => ${settings.pendingDays}), ${terms.expiresOn}::date, ${terms.expiresAt}::timestamptz, ${hex('pur_')}, ${back}
      FROM generate_series(1, ${entries}) AS g`.execute(trx);
    await sql`
      INSERT INTO ledger_entries (program_id, member_id, id, kind, direction, points, purchase_id, lot_id, store_id, actor, created_at)
      SELECT ${programId}, ${memberId}, ${hex('ent_')}, 'earn', 'credit', ${pts}, ${hex('pur_')}, ${hex('lot_')}, ${storeId}, 'bench-seed',
             date_trunc('milliseconds', ${back})
      FROM generate_series(1, ${entries}) AS g`.execute(trx);
    await sql`
      UPDATE point_balances SET available = available + ${entries * pts}, lifetime_earned = lifetime_earned + ${entries * pts},
        next_expiry_on = LEAST(next_expiry_on, ${terms.expiresOn}::date), updated_at = now()
      WHERE program_id = ${programId} AND member_id = ${memberId}`.execute(trx);
  });
  await checkBalance(app, programId, memberId);
}

/** The ledger rule: the stored balance equals the sum of the member's open lots. */
export async function checkBalance(app: Booted, programId: string, memberId: string): Promise<{ balance: number; entries: number }> {
  const r = await sql<{ balance: number; lots: number; entries: number }>`
    SELECT (SELECT available + pending FROM point_balances WHERE program_id = ${programId} AND member_id = ${memberId})::bigint AS balance,
           (SELECT coalesce(sum(remaining), 0) FROM point_lots WHERE program_id = ${programId} AND member_id = ${memberId})::bigint AS lots,
           (SELECT count(*) FROM ledger_entries WHERE program_id = ${programId} AND member_id = ${memberId})::bigint AS entries`.execute(app.handle.db);
  const row = r.rows[0]!;
  if (Number(row.balance) !== Number(row.lots)) throw new Error(`member ${memberId}: balance ${row.balance} ≠ sum of open lots ${row.lots}`);
  return { balance: Number(row.balance), entries: Number(row.entries) };
}

export async function vacuumAnalyze(app: Booted): Promise<void> {
  await sql`VACUUM ANALYZE`.execute(app.handle.db);
}

export async function counts(app: Booted, programId: string): Promise<{ members: number; balances: number }> {
  const r = await sql<{ members: number; balances: number }>`
    SELECT (SELECT count(*) FROM members WHERE program_id = ${programId})::int AS members,
           (SELECT count(*) FROM point_balances WHERE program_id = ${programId})::int AS balances`.execute(app.handle.db);
  return r.rows[0]!;
}

/**
 * Issues `count` coupons (amount off, valid a year, every store) through the coupons
 * service, the i-th to member i mod members, so the POS run's codes are spread over every
 * member. Returns the codes in stored form, shuffled so neighbouring requests hit
 * unrelated rows.
 */
export async function seedCoupons(app: Booted, programId: string, memberIds: string[], count: number): Promise<string[]> {
  const actor: Principal = { keyId: 'bench-seed', name: 'bench seed', role: 'admin', programId, storeId: null };
  const type = unwrap(await app.services.coupons.createType(programId, { name: '满100减20', name_en: '20 off 100', kind: 'amount', amount_off_fen: 2000, min_spend_fen: 10000, valid_days: 365 }, actor.keyId));
  const codes: string[] = [];
  for (let i = 0; i < count; i += 10_000) {
    const ids = Array.from({ length: Math.min(10_000, count - i) }, (_, k) => memberIds[(i + k) % memberIds.length]!);
    codes.push(...unwrap(await app.services.coupons.issueMany(programId, { typeId: type.id, memberIds: ids, source: 'manual', sourceRef: 'bench', actor })).map((c) => c.code));
  }
  for (let i = codes.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [codes[i], codes[j]] = [codes[j]!, codes[i]!];
  }
  return codes;
}
