import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, type Booted } from '../boot.ts';
import { createKeyring, indexKeyOf, type KeySpec } from '../platform/crypto.ts';
import { SYSTEM } from '../platform/context.ts';
import { unwrap } from '../platform/errors.ts';
import { maskAddress, maskEmail, maskMobile, maskResidentId } from '../platform/mask.ts';
import { localDate } from '../platform/time.ts';
import { residentIdWithCheck } from '../platform/validate.ts';
import { createServices, type Services } from '../services.ts';
import { testDbKinds } from '../testing/harness.ts';
import { adminQuery, dropDatabase, siblingUrl } from '../testing/postgres-admin.ts';

// Key rotation over a populated database (issue 10): 2,000 members with every sealed field
// and a corporate membership's contact phone, rotated from the single secret (key v1) to a
// new key k2, interrupted after some batches and resumed; lookups by the blind index work
// before, during and after; at the end every value reads under k2 alone and v1 can go.
// Each database kind gets a database of its own: a rotation re-seals every program's values.

const OLD = 'rotation-test-old-secret';
const NEW: KeySpec = { id: 'k2', secret: 'rotation-test-new-secret-0123456789' };
const N = 2_000;
const BATCH = 300;

const person = (i: number) => ({
  phone: `137${String(i).padStart(8, '0')}`,
  email: `member${i}@example.com`,
  id_number: residentIdWithCheck(`3101011980${String(101 + (i % 28)).slice(1)}${String(10 + (i % 18)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`.slice(0, 17)),
  address: `上海市浦东新区世纪大道${i}号`,
  name: `会员${i}`,
});

async function freshDatabase(kind: string): Promise<{ booted: Booted; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const booted = await boot({ databaseUrl: undefined, dataDir: '', secret: OLD, poolSize: 1 }, { memory: true });
    return { booted, drop: () => booted.handle.close() };
  }
  const server = process.env.TEST_DATABASE_URL!;
  const name = `patron_rot_${randomUUID().replaceAll('-', '')}`;
  await adminQuery(server, `CREATE DATABASE ${name}`);
  const booted = await boot({ databaseUrl: siblingUrl(server, name), dataDir: '', secret: OLD, poolSize: 8 });
  return { booted, drop: async () => { await booted.handle.close(); await dropDatabase(server, name); } };
}

describe.each(testDbKinds())('key rotation on %s', (kind) => {
  let db: { booted: Booted; drop: () => Promise<void> };
  let programId: string;
  let ids: string[];
  let membershipId: string;
  /** Services over the same database with another keyring; the index key stays the old secret's. */
  const withKeys = (...keys: KeySpec[]): Services => createServices(db.booted.handle.db, db.booted.handle.kind, createKeyring(keys, indexKeyOf(OLD)));
  const findByPhone = async (s: Services, i: number) => (await s.members.find(programId, { phone: person(i).phone, limit: 5 }, SYSTEM)).map((m) => m.id);
  const findByEmail = async (s: Services, i: number) => (await s.members.find(programId, { email: person(i).email.toUpperCase(), limit: 5 }, SYSTEM)).map((m) => m.id);

  beforeAll(async () => {
    db = await freshDatabase(kind);
    const s = db.booted.services;
    programId = (await s.programs.create({ name: 'Rotation', time_zone: 'Asia/Shanghai' })).id;
    const inputs = Array.from({ length: N }, (_, i) => person(i));
    ({ created: ids } = await s.flows.enrolMembers(programId, inputs, SYSTEM));
    const plan = await s.memberships.createPlan(programId, { kind: 'corporate', name: '企业 VIP', max_seats: 3, refund_policy: 'none' }, null);
    const today = localDate(new Date(), 'Asia/Shanghai');
    membershipId = unwrap(await s.flows.startMembership(programId, {
      plan_id: plan.id, company_name: '星河贸易有限公司', contact_name: '王经理', contact_phone: '13900000000', member_ids: [ids[0]!], fee_fen: 100_000,
      payment: { method: 'bank_transfer', amount_fen: 100_000, paid_on: today, receipt_no: 'R-ROT-1' },
    }, SYSTEM)).id;
  }, 300_000);
  afterAll(async () => { await db?.drop(); });

  it('starts with every value under v1, found by phone and e-mail', async () => {
    expect(ids).toHaveLength(N);
    const status = await db.booted.services.flows.keyStatus();
    expect(status.total).toEqual({ v1: N * 4 + 1 });
    expect(await findByPhone(db.booted.services, 7)).toEqual([ids[7]]);
    expect(await findByEmail(db.booted.services, 7)).toEqual([ids[7]]);
  });

  it('rotates in batches, stops when told, and resumes where it stopped; lookups work throughout; nothing is lost', async () => {
    const ring = withKeys(NEW, { id: 'v1', secret: OLD });
    const seen: number[] = [];
    const first = unwrap(await ring.flows.rotateKeys({ batch: BATCH, maxBatches: 3, onProgress: (p) => seen.push(p.rows) }));
    expect(first).toMatchObject({ current: 'k2', batches: 3, complete: false, resealed: { members: 3 * BATCH } });
    expect(seen).toEqual([BATCH, 2 * BATCH, 3 * BATCH]);
    // half-way: some members under k2, the rest under v1; both found by their index
    expect(first!.remaining).toEqual({ k2: 3 * BATCH * 4, v1: (N - 3 * BATCH) * 4 + 1 });
    const sealedEarly = await ring.members.find(programId, { phone: person(0).phone, limit: 5 }, SYSTEM);
    expect(sealedEarly[0]).toMatchObject({ phone: person(0).phone, email: person(0).email });
    for (const i of [3, N - 2]) {
      expect(await findByPhone(ring, i)).toEqual([ids[i]]);
      expect(await findByEmail(ring, i)).toEqual([ids[i]]);
    }
    // the rest, with profile changes made while it runs: none lost, none left under v1
    const changes = [5, 1_500, N - 1].map((i) => ring.flows.updateMember(programId, ids[i]!, { address: `北京市东城区新地址${i}号` }, SYSTEM));
    const [rest] = await Promise.all([ring.flows.rotateKeys({ batch: BATCH }), ...changes]);
    expect(rest).toMatchObject({ complete: true, remaining: { k2: N * 4 + 1 } });
    expect(rest!.resealed.members).toBe(N - 3 * BATCH);
    expect(rest!.resealed.memberships).toBe(1);
    for (const i of [5, 1_500, N - 1]) expect(unwrap(await ring.members.get(programId, ids[i]!, SYSTEM)).address).toBe(`北京市东城区新地址${i}号`);
    // a second run finds nothing to do
    expect(await ring.flows.rotateKeys({ batch: BATCH })).toMatchObject({ batches: 0, complete: true });
  }, 300_000);

  it('reads every value under k2 alone: the old key can be removed, and boot names a key still in use when it is missing', async () => {
    const only = withKeys(NEW);
    expect(await only.flows.missingKeys()).toBeNull();
    const members = await only.members.masked(programId, ids);
    expect(members).toHaveLength(N);
    const changed = new Set([5, 1_500, N - 1]);
    members.forEach((m, i) => {
      const p = person(i);
      expect(m).toMatchObject({ phone: maskMobile(p.phone), email: maskEmail(p.email), id_number: maskResidentId(p.id_number) });
      if (!changed.has(i)) expect(m.address).toBe(maskAddress(p.address));
    });
    expect(unwrap(await only.members.reveal(programId, ids[42]!, ['phone', 'email', 'id_number', 'address']))).toEqual({
      phone: person(42).phone, email: person(42).email, id_number: person(42).id_number, address: person(42).address,
    });
    expect(unwrap(await only.memberships.detail(programId, membershipId, localDate(new Date(), 'Asia/Shanghai'))).contact_phone).toBe('13900000000');
    expect(await findByPhone(only, N - 2)).toEqual([ids[N - 2]]);
    expect(await findByEmail(only, N - 2)).toEqual([ids[N - 2]]);
    // configured with the old key only, the values under k2 cannot be read: said at boot, naming the key
    const stale = await createServices(db.booted.handle.db, db.booted.handle.kind, createKeyring([{ id: 'v1', secret: OLD }], indexKeyOf(OLD))).flows.missingKeys();
    expect(stale).toMatch(/^encryption key "k2" is still in use \(members: 8000, memberships: 1 values\)/);
  });

  it('stops when its signal is aborted, and two runs at once do not overlap: one runs, the other is told', async () => {
    const K3: KeySpec = { id: 'k3', secret: 'rotation-test-third-secret-0123456789' };
    const ring = withKeys(K3, NEW);
    const stop = new AbortController();
    const stopped = unwrap(await ring.flows.rotateKeys({ batch: 100, signal: stop.signal, onProgress: (p) => { if (p.batches === 2) stop.abort(); } }));
    expect(stopped).toMatchObject({ batches: 2, complete: false, resealed: { members: 200 } });
    const [a, b] = await Promise.all([ring.flows.rotateKeys({ batch: 100 }), ring.flows.rotateKeys({ batch: 100 })]);
    // embedded PGlite is one process with one connection: the runs queue there instead
    if (kind === 'postgres') expect([a, b].filter((r) => r === null)).toHaveLength(1);
    const done = (a ?? b)!;
    expect(done).toMatchObject({ complete: true, remaining: { k3: N * 4 + 1 } });
    expect(await withKeys(K3).members.masked(programId, ids)).toHaveLength(N);
    expect(await findByEmail(withKeys(K3), 11)).toEqual([ids[11]]);
  }, 300_000);
});
