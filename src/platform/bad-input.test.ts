import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram } from '../testing/harness.ts';

// A table-driven sweep of bad requests to every write endpoint: each must be a 4xx
// problem+json that names the bad field and changes nothing.

interface Fixture extends TestProgram { memberId: string; purchaseId: string; bootstrapKey: string }

type EndpointName = keyof typeof ENDPOINTS;
const ENDPOINTS = {
  program: { method: 'POST', path: () => '/v1/programs', key: 'bootstrap', body: () => ({ name: 'bad-input-sweep' }) },
  programPatch: { method: 'PATCH', path: (f: Fixture) => `/v1/programs/${f.programId}`, key: 'admin', body: () => ({ name: 'Renamed' }) },
  store: { method: 'POST', path: (f: Fixture) => `/v1/programs/${f.programId}/stores`, key: 'admin', body: () => ({ code: 'NEW1', name: 'New store' }) },
  storePatch: { method: 'PATCH', path: (f: Fixture) => `/v1/programs/${f.programId}/stores/${f.storeId}`, key: 'admin', body: () => ({ name: 'Renamed' }) },
  apiKey: { method: 'POST', path: (f: Fixture) => `/v1/programs/${f.programId}/api-keys`, key: 'admin', body: () => ({ name: 'k', role: 'admin' }) },
  member: { method: 'POST', path: (f: Fixture) => `/v1/programs/${f.programId}/members`, key: 'admin', body: () => ({ phone: '13911112222' }) },
  memberPatch: { method: 'PATCH', path: (f: Fixture) => `/v1/programs/${f.programId}/members/${f.memberId}`, key: 'admin', body: () => ({ name: 'Renamed' }) },
  purchase: { method: 'POST', path: (f: Fixture) => `/v1/programs/${f.programId}/purchases`, key: 'pos', body: (f: Fixture) => ({ member_id: f.memberId, amount_fen: 1_000 }) },
  return: { method: 'POST', path: (f: Fixture) => `/v1/programs/${f.programId}/returns`, key: 'pos', body: (f: Fixture) => ({ purchase_id: f.purchaseId, amount_fen: 100 }) },
  redemption: { method: 'POST', path: (f: Fixture) => `/v1/programs/${f.programId}/members/${f.memberId}/redemptions`, key: 'pos', body: () => ({ points: 10 }) },
  adjustment: { method: 'POST', path: (f: Fixture) => `/v1/programs/${f.programId}/members/${f.memberId}/adjustments`, key: 'admin', body: () => ({ direction: 'credit', points: 10, reason_code: 'goodwill', note: 'n' }) },
  expiry: { method: 'POST', path: (f: Fixture) => `/v1/programs/${f.programId}/jobs/expiry`, key: 'admin', body: () => ({ as_of: '2026-01-01' }) },
  reveal: { method: 'POST', path: (f: Fixture) => `/v1/programs/${f.programId}/members/${f.memberId}/reveal`, key: 'admin', body: () => ({ fields: ['phone'], purpose: 'service_callback' }) },
  // last: a suspended member can no longer buy, so the base-body check runs it after the rest
  suspend: { method: 'POST', path: (f: Fixture) => `/v1/programs/${f.programId}/members/${f.memberId}/suspend`, key: 'admin', body: () => ({ reason: 'Fraud check' }) },
} as const;

interface Case {
  name: string;
  endpoint: EndpointName;
  /** Fields merged over the endpoint's valid body (undefined removes one), or a raw body string. */
  body?: Record<string, unknown> | string | null;
  /** Replaces the url, for bad path parameters. */
  path?: (f: Fixture) => string;
  contentType?: string;
  status?: 400 | 415;
  code?: 'validation' | 'malformed_json' | 'unsupported_media_type';
  field?: string;
}

const FAKE_MEM = 'mem_00000000000000000000000000';
const line = (over: Record<string, unknown> = {}) => ({ sku: 'A', quantity: 1, amount_fen: 1_000, ...over });
const bad = (endpoint: EndpointName, field: string, body: Record<string, unknown>, name = JSON.stringify(body)): Case => ({ name: `${endpoint} ${name}`, endpoint, body, field });

const CASES: Case[] = [
  // unknown fields
  bad('program', 'colour', { colour: 'red' }),
  bad('programPatch', 'earn_rate.bonus', { earn_rate: { points: 1, per_fen: 100, bonus: 2 } }),
  bad('store', 'manager', { manager: 'Li' }),
  bad('storePatch', 'id', { id: 'sto_x' }),
  bad('apiKey', 'scopes', { scopes: ['all'] }),
  bad('member', 'vip', { vip: true }),
  bad('memberPatch', 'status', { status: 'terminated' }),
  bad('suspend', 'until', { until: '2026-12-01' }),
  bad('purchase', 'discount_fen', { discount_fen: 5 }),
  bad('purchase', 'lines[0].price', { lines: [line({ price: 1 })] }),
  bad('return', 'refund', { refund: true }),
  bad('redemption', 'reward', { reward: 'mug' }),
  bad('adjustment', 'actor', { actor: 'me' }),
  bad('expiry', 'force', { force: true }),
  bad('reveal', 'purpose', { purpose: 'curiosity' }),
  bad('reveal', 'fields', { fields: [] }),
  bad('reveal', 'note', { purpose: 'other' }),
  bad('reveal', 'values', { values: true }),
  // wrong types
  bad('purchase', 'amount_fen', { amount_fen: '100' }),
  bad('purchase', 'amount_fen', { amount_fen: null }),
  bad('purchase', 'lines', { lines: 'A' }),
  bad('purchase', 'lines[0].quantity', { lines: [line({ quantity: '1' })] }),
  bad('return', 'amount_fen', { amount_fen: '100' }),
  bad('redemption', 'points', { points: '10' }),
  bad('adjustment', 'points', { points: true }),
  bad('program', 'pending_days', { pending_days: '7' }),
  bad('programPatch', 'earn_rate', { earn_rate: 1 }),
  bad('member', 'phone', { phone: 13911112222 }),
  bad('member', 'gender', { gender: 'robot' }),
  bad('apiKey', 'role', { role: 'root' }),
  bad('adjustment', 'direction', { direction: 'up' }),
  // missing required fields
  bad('purchase', 'amount_fen', { amount_fen: undefined }),
  bad('member', 'phone', { phone: undefined }),
  bad('adjustment', 'reason_code', { reason_code: undefined }),
  bad('store', 'name', { name: undefined }),
  // negative and zero
  bad('purchase', 'amount_fen', { amount_fen: -1 }),
  bad('purchase', 'lines[0].quantity', { lines: [line({ quantity: -1 })] }),
  bad('purchase', 'lines[0].amount_fen', { lines: [line({ amount_fen: -1_000 })] }),
  bad('return', 'amount_fen', { amount_fen: -100 }),
  bad('return', 'amount_fen', { amount_fen: 0 }),
  bad('redemption', 'points', { points: -5 }),
  bad('redemption', 'points', { points: 0 }),
  bad('adjustment', 'points', { points: -10 }),
  bad('program', 'pending_days', { pending_days: -1 }),
  bad('programPatch', 'earn_rate.per_fen', { earn_rate: { points: 1, per_fen: 0 } }),
  // fractional
  bad('purchase', 'amount_fen', { amount_fen: 1.5 }),
  bad('purchase', 'lines[0].quantity', { lines: [line({ quantity: 1.5 })] }),
  bad('return', 'amount_fen', { amount_fen: 1.5 }),
  bad('redemption', 'points', { points: 1.5 }),
  bad('adjustment', 'points', { points: 0.1 }),
  bad('programPatch', 'pending_days', { pending_days: 2.5 }),
  // over 10^12 fen / points
  bad('purchase', 'amount_fen', { amount_fen: 1_000_000_000_001 }),
  bad('purchase', 'amount_fen', { amount_fen: 1e300 }),
  bad('purchase', 'amount_fen', { amount_fen: 2 ** 53 + 2 }),
  bad('return', 'amount_fen', { amount_fen: 1_000_000_000_001 }),
  bad('redemption', 'points', { points: 1_000_000_000_001 }),
  bad('adjustment', 'points', { points: 1_000_000_000_001 }),
  // malformed dates
  bad('purchase', 'occurred_at', { occurred_at: '2026-13-01' }),
  bad('purchase', 'occurred_at', { occurred_at: '2026-13-01T10:00:00Z' }),
  bad('purchase', 'occurred_at', { occurred_at: 'yesterday' }),
  bad('purchase', 'occurred_at', { occurred_at: '2026-02-30T10:00:00+08:00' }),
  bad('purchase', 'occurred_at', { occurred_at: '2026-11-01T10:00:00' }),
  bad('purchase', 'occurred_at', { occurred_at: 1_700_000_000_000 }),
  bad('return', 'occurred_at', { occurred_at: 'yesterday' }),
  bad('member', 'birthday', { birthday: '2026-13-01' }),
  bad('member', 'birthday', { birthday: 'yesterday' }),
  bad('member', 'birthday', { birthday: '1990-02-30' }),
  bad('memberPatch', 'birthday', { birthday: '19900101' }),
  bad('expiry', 'as_of', { as_of: '2026-13-01' }),
  bad('expiry', 'as_of', { as_of: 'yesterday' }),
  bad('expiry', 'as_of', { as_of: '2026-11-23T00:00:00Z' }),
  // malformed ids, in bodies and in paths
  bad('purchase', 'member_id', { member_id: 'mem_123' }),
  bad('purchase', 'member_id', { member_id: 'abc' }),
  bad('purchase', 'store_id', { store_id: 'abc' }),
  bad('purchase', 'store_id', { store_id: FAKE_MEM }),
  bad('return', 'purchase_id', { purchase_id: 'abc' }),
  bad('return', 'purchase_id', { purchase_id: FAKE_MEM }),
  bad('apiKey', 'store_id', { role: 'pos', store_id: 'sto_123' }),
  { name: 'memberPatch with member id mem_123', endpoint: 'memberPatch', path: (f) => `/v1/programs/${f.programId}/members/mem_123`, field: 'member_id' },
  { name: 'redemption with member id abc', endpoint: 'redemption', path: (f) => `/v1/programs/${f.programId}/members/abc/redemptions`, field: 'member_id' },
  { name: 'storePatch with store id abc', endpoint: 'storePatch', path: (f) => `/v1/programs/${f.programId}/stores/abc`, field: 'store_id' },
  { name: 'member with program id abc', endpoint: 'member', path: () => '/v1/programs/abc/members', field: 'program_id' },
  { name: 'purchase with program id prg_123', endpoint: 'purchase', path: () => '/v1/programs/prg_123/purchases', field: 'program_id' },
  // text the database cannot store
  bad('member', 'name', { name: 'a\u0000b' }, 'name with NUL'),
  bad('purchase', 'receipt_no', { receipt_no: 'R\u0000' }, 'receipt_no with NUL'),
  bad('adjustment', 'note', { note: 'n\u0000' }, 'note with NUL'),
  // malformed JSON, empty and missing bodies
  ...(['member', 'purchase', 'return', 'redemption', 'adjustment', 'programPatch', 'expiry'] as const).flatMap((endpoint): Case[] => [
    { name: `${endpoint} truncated JSON`, endpoint, body: '{"amount_fen":', contentType: 'application/json', code: 'malformed_json', field: 'body' },
    { name: `${endpoint} single-quoted JSON`, endpoint, body: "{'points': 1}", contentType: 'application/json', code: 'malformed_json', field: 'body' },
    { name: `${endpoint} empty JSON body`, endpoint, body: '', contentType: 'application/json', code: 'malformed_json', field: 'body' },
    { name: `${endpoint} JSON array body`, endpoint, body: '[1,2]', contentType: 'application/json', field: 'body' },
    { name: `${endpoint} JSON string body`, endpoint, body: '"hello"', contentType: 'application/json', field: 'body' },
  ]),
  ...(['member', 'purchase', 'return', 'redemption', 'adjustment', 'suspend', 'store'] as const).flatMap((endpoint): Case[] => [
    { name: `${endpoint} no body at all`, endpoint, body: null, field: 'body' },
    { name: `${endpoint} JSON null`, endpoint, body: 'null', contentType: 'application/json', field: 'body' },
  ]),
  // wrong content types
  ...(['member', 'purchase', 'redemption', 'programPatch'] as const).flatMap((endpoint) =>
    ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/html'].map((contentType): Case => ({
      name: `${endpoint} as ${contentType}`, endpoint, body: contentType.includes('urlencoded') ? 'points=1' : '{"points":1}', contentType, status: 415, code: 'unsupported_media_type',
    }))),
];

const TITLES = {
  validation: { zh: '请求参数不正确', en: 'The request is not valid' },
  malformed_json: { zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  unsupported_media_type: { zh: '不支持的内容类型', en: 'Unsupported content type' },
} as const;

describe.each(testDbKinds())('bad input on %s', (kind) => {
  let t: TestContext;
  let f: Fixture;
  const statuses: number[] = [];

  const keyOf = (fx: Fixture, role: 'admin' | 'pos' | 'bootstrap') => (role === 'admin' ? fx.adminKey : role === 'pos' ? fx.posKey : fx.bootstrapKey);
  async function send(fx: Fixture, c: Case, lang?: string) {
    const ep = ENDPOINTS[c.endpoint];
    const headers: Record<string, string> = { authorization: `Bearer ${keyOf(fx, ep.key)}`, 'idempotency-key': randomUUID() };
    if (lang) headers['accept-language'] = lang;
    let payload: string | undefined;
    if (typeof c.body === 'string') {
      payload = c.body;
      headers['content-type'] = c.contentType ?? 'application/json';
    } else if (c.body !== null) {
      payload = JSON.stringify({ ...ep.body(fx), ...(c.body ?? {}) });
      headers['content-type'] = c.contentType ?? 'application/json';
    }
    const r = await t.app.inject({ method: ep.method, url: c.path ? c.path(fx) : ep.path(fx), headers, ...(payload === undefined ? {} : { payload }) });
    statuses.push(r.statusCode);
    return r;
  }

  /** Row counts and last-change times of everything a write could touch in the program. */
  async function snapshot(fx: Fixture) {
    const p = fx.programId;
    const count = (table: string) => sql<number>`(SELECT count(*)::int FROM ${sql.table(table)} WHERE program_id = ${p})`;
    const r = await sql<Record<string, unknown>>`SELECT
      ${count('members')} AS members, ${count('purchases')} AS purchases, ${count('ledger_entries')} AS ledger_entries,
      ${count('outbox')} AS outbox, ${count('returns')} AS returns, ${count('redemptions')} AS redemptions,
      ${count('stores')} AS stores, ${count('api_keys')} AS api_keys, ${count('point_lots')} AS point_lots,
      ${count('member_status_changes')} AS status_changes, ${count('idempotency_keys')} AS idempotency_keys,
      (SELECT count(*)::int FROM programs WHERE name = 'bad-input-sweep') AS sweep_programs,
      (SELECT count(*)::int FROM audit_log WHERE chain = ${p}) AS audit_records,
      (SELECT max(updated_at) FROM members WHERE program_id = ${p})::text AS members_updated,
      (SELECT max(updated_at) FROM stores WHERE program_id = ${p})::text AS stores_updated,
      (SELECT updated_at FROM programs WHERE id = ${p})::text AS program_updated,
      (SELECT available FROM point_balances WHERE program_id = ${p} AND member_id = ${fx.memberId}) AS available`.execute(t.services.ctx.db);
    return r.rows[0];
  }

  async function fixture(): Promise<Fixture> {
    const p = await createTestProgram(t, { pending_days: 0 });
    const auth = { authorization: `Bearer ${p.adminKey}` };
    const member = await t.app.inject({ method: 'POST', url: `/v1/programs/${p.programId}/members`, headers: auth, payload: { phone: '13800001111', name: 'Fixture' } });
    const memberId = member.json().id as string;
    const purchase = await t.app.inject({
      method: 'POST', url: `/v1/programs/${p.programId}/purchases`, headers: { ...auth, 'idempotency-key': randomUUID() },
      payload: { member_id: memberId, amount_fen: 10_000, store_id: p.storeId, lines: [line({ amount_fen: 10_000 })] },
    });
    expect(purchase.statusCode).toBe(201);
    return { ...p, memberId, purchaseId: purchase.json().id, bootstrapKey: t.bootstrapKey };
  }

  beforeAll(async () => {
    t = await createTestContext(kind);
    f = await fixture();
  });
  afterAll(async () => { await t.close(); });

  it('starts from valid bodies: each endpoint accepts its base body', async () => {
    // Guards the sweep: a case must fail because of its one bad part, not the base.
    const ok = await send(f, { name: 'base', endpoint: 'redemption', body: {} });
    expect(ok.statusCode).toBe(201);
    const g = await fixture();
    for (const endpoint of Object.keys(ENDPOINTS) as EndpointName[]) {
      if (endpoint === 'program') continue; // would leave a sweep-named program behind
      const r = await send(g, { name: 'base', endpoint, body: {} });
      expect(r.statusCode, `${endpoint}: ${r.body}`).toBeLessThan(300);
    }
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await snapshot(f);
    const code = c.code ?? 'validation';
    for (const lang of [undefined, 'en', 'en-US,en;q=0.9,zh;q=0.1']) {
      const r = await send(f, c, lang);
      expect(r.statusCode, r.body).toBe(c.status ?? 400);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = r.json();
      expect(body.type).toBe(`https://patron.dev/problems/${code}`);
      expect(body).toMatchObject({ status: c.status ?? 400, code });
      expect(body.title).toBe(TITLES[code][lang ? 'en' : 'zh']);
      if (c.field) expect(body.field).toBe(c.field);
    }
    expect(await snapshot(f)).toEqual(before);
  });

  it('odd values anywhere never produce a 5xx', async () => {
    const g = await fixture();
    const odd: unknown[] = [null, true, {}, [], '', ' ', 'x'.repeat(5_000), -0, -1, 1e308, 2 ** 53 + 1, '\u0000', '\ud800', '😀', 'NaN', '1e3', [{}]];
    for (const endpoint of Object.keys(ENDPOINTS) as EndpointName[]) {
      if (endpoint === 'program') continue;
      const fields = Object.keys(ENDPOINTS[endpoint].body(g));
      for (const field of [...fields, 'lines', 'occurred_at', 'store_id', 'description', 'address', 'id_number', 'email']) {
        for (const value of odd) {
          const r = await send(g, { name: 'odd', endpoint, body: { [field]: value } });
          expect(r.statusCode, `${endpoint} ${field}=${JSON.stringify(value)}: ${r.body}`).toBeLessThan(500);
          expect(r.headers['content-type']).toMatch(/json/);
        }
      }
    }
    const base = `/v1/programs/${g.programId}`;
    for (const url of [
      `${base}/members?q=%00`, `${base}/members?member_no=1%00`, `${base}/members?phone=%00`, `${base}/members?limit=-1`, `${base}/members?limit=abc`,
      `${base}/members/${g.memberId}/statement?cursor=${Buffer.from('2026-01-01T00:00:00Z|\u0000').toString('base64url')}`,
      `${base}/members/${g.memberId}/statement?cursor=${'A'.repeat(150)}`, `${base}/members/${g.memberId}/statement?limit=0`,
      `${base}/members/${g.memberId}/lots?open=maybe`, `${base}/purchases/pur_123`, `${base}/members?unknown=1`,
    ]) {
      const r = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${g.adminKey}` } });
      statuses.push(r.statusCode);
      expect(r.statusCode, `${url}: ${r.body}`).toBeGreaterThanOrEqual(200);
      expect(r.statusCode, `${url}: ${r.body}`).toBeLessThan(500);
    }
    const far = await send(g, { name: 'far future', endpoint: 'expiry', body: { as_of: '9999-12-31' } });
    expect(far.statusCode).toBeLessThan(500);
  });

  it('produced no 5xx anywhere in the sweep', () => {
    expect(statuses.length).toBeGreaterThan(CASES.length);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });
});
