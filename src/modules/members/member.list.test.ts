import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM, type Principal } from '../../platform/context.ts';
import { unwrap } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/transaction.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext, type TestProgram, apiHeaders as auth } from '../../testing/harness.ts';

// The member list (GET …/members without a search): newest enrolled first, filtered, paged by
// cursor. Expected answers are computed here from what the test enrolled, not by the API.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The program's time zone is Asia/Shanghai: UTC+8 all year, so a local date is the UTC date 8 hours on. */
const shanghaiDate = (at: Date) => new Date(at.getTime() + 8 * HOUR).toISOString().slice(0, 10);

interface Model { id: string; name: string; at: Date; tier: string; status: 'active' | 'suspended' | 'terminated'; erased: boolean }
interface Row { id: string; name: string | null; phone: string; status: string; erased: boolean; tier: { id: string } | null; created_at: string }

describe.each(testDbKinds())('member list on %s', (kind) => {
  let t: TestContext;
  let p: TestProgram;
  let actor: Principal;
  let gold: string;
  let silver: string;
  const model: Model[] = [];
  const base = () => `/v1/programs/${p.programId}/members`;
  const get = (query: string, key = p.adminKey, lang = 'en') =>
    t.app.inject({ method: 'GET', url: `${base()}?${query}`, headers: { ...auth(key), 'accept-language': lang } });

  /** Every page of the query, following next_cursor; fails on a page that is not a 200. */
  async function all(query: string, limit: number): Promise<Row[]> {
    const out: Row[] = [];
    let cursor: string | null = null;
    for (let n = 0; n < 100; n++) {
      const r = await get(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.statusCode, r.body).toBe(200);
      const page = r.json() as { items: Row[]; next_cursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(limit);
      out.push(...page.items);
      cursor = page.next_cursor;
      if (!cursor) return out;
    }
    throw new Error('more than 100 pages');
  }
  /** The model's members passing `keep`, in the list's order: enrolled newest first, then id descending. */
  const expected = (keep: (m: Model) => boolean) =>
    model.filter(keep).sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1)).map((m) => m.id);

  beforeAll(async () => {
    t = await createTestContext(kind);
    p = await createTestProgram(t, { time_zone: 'Asia/Shanghai' });
    const s = t.services;
    actor = { ...SYSTEM, keyId: 'test', role: 'admin', programId: p.programId };
    let standard: string;
    [standard, silver, gold] = (await s.tiers.create(p.programId, [
      { code: 'standard', name: '普卡', rank: 1, reach_threshold: 0 },
      { code: 'silver', name: '银卡', rank: 2, reach_threshold: 800_000_000_000 },
      { code: 'gold', name: '金卡', rank: 3, reach_threshold: 900_000_000_000 },
    ])).map((x) => x.id) as [string, string, string];
    // 23 members over 12 days; three enrol at the very same instant (the id orders them), and
    // two on either side of local midnight of 2026-03-05 (16:00 UTC) so the date range's edges count.
    const start = Date.parse('2026-03-01T04:00:00Z');
    const times = Array.from({ length: 18 }, (_, i) => new Date(start + Math.floor(i * 0.7) * DAY + (i % 5) * HOUR));
    const tie = new Date(start + 6 * DAY);
    times.push(tie, tie, tie, new Date('2026-03-05T15:59:59.999Z'), new Date('2026-03-05T16:00:00.000Z'));
    const inputs = times.map((at, i) => ({
      phone: `1371111${String(i).padStart(4, '0')}`, name: `${i % 3 === 0 ? '王' : '李'}会员${i}`,
      tier_id: i % 4 === 0 ? gold : i % 4 === 1 ? silver : standard, enrolled_at: at,
    }));
    const { created } = await s.flows.enrolMembers(p.programId, inputs, actor);
    expect(created).toHaveLength(inputs.length);
    for (const [i, id] of created.entries()) {
      model.push({ id, name: inputs[i]!.name, at: inputs[i]!.enrolled_at, tier: inputs[i]!.tier_id, status: 'active', erased: false });
    }
    for (const [i, m] of model.entries()) {
      if (i % 5 === 2) {
        unwrap(await s.flows.changeMemberStatus(p.programId, m.id, 'suspend', '会员卡挂失', actor));
        m.status = 'suspended';
      } else if (i % 7 === 3) {
        unwrap(await s.flows.changeMemberStatus(p.programId, m.id, 'terminate', '合同终止', actor));
        m.status = 'terminated';
      }
    }
    // one erased member: terminated, anonymised
    const erased = model[6]!;
    unwrap(await inTransaction(s.ctx.db, () => s.members.erase(p.programId, erased.id, actor)));
    Object.assign(erased, { status: 'terminated', erased: true });
  });
  afterAll(async () => { await t.close(); });

  it('lists every member newest enrolled first, page after page by cursor, none twice and none missing', async () => {
    const want = expected(() => true);
    for (const limit of [1, 4, 7, 100]) {
      const rows = await all('', limit);
      expect(rows.map((r) => r.id), `limit ${limit}`).toEqual(want);
    }
    const first = (await get('limit=5')).json();
    expect(first.items).toHaveLength(5);
    expect(first.next_cursor).toEqual(expect.any(String));
    // the three enrolled at the same instant come one after another, ordered by id
    const tied = (await all('', 2)).filter((r) => r.created_at === '2026-03-07T04:00:00.000Z');
    expect(tied.map((r) => r.id)).toEqual(model.slice(18, 21).map((m) => m.id).sort().reverse());
  });

  it('filters by status, counting erased members as terminated and flagging them', async () => {
    for (const status of ['active', 'suspended', 'terminated'] as const) {
      const rows = await all(`status=${status}`, 3);
      expect(rows.map((r) => r.id), status).toEqual(expected((m) => m.status === status));
      expect(rows.every((r) => r.status === status)).toBe(true);
    }
    const suspended = await all('status=suspended', 50);
    expect(suspended.length).toBe(model.filter((m) => m.status === 'suspended').length);
    const terminated = await all('status=terminated', 50);
    const erased = terminated.filter((r) => r.erased);
    expect(erased.map((r) => r.id)).toEqual([model[6]!.id]);
    expect(erased[0]).toMatchObject({ name: null, status: 'terminated' });
    expect(terminated.filter((r) => !r.erased).every((r) => r.name !== null)).toBe(true);
  });

  it('filters by current tier', async () => {
    expect((await all(`tier_id=${gold}`, 2)).map((r) => r.id)).toEqual(expected((m) => m.tier === gold));
    expect((await all(`tier_id=${silver}`, 2)).map((r) => r.id)).toEqual(expected((m) => m.tier === silver));
    expect((await all(`tier_id=${gold}&status=active`, 2)).map((r) => r.id)).toEqual(expected((m) => m.tier === gold && m.status === 'active'));
  });

  it('filters by local enrolment dates in the program\'s time zone, both ends inclusive', async () => {
    const cases: [string, string | undefined, string | undefined][] = [
      ['from', '2026-03-06', undefined], ['to', undefined, '2026-03-05'], ['one day', '2026-03-05', '2026-03-05'],
      ['one day after', '2026-03-06', '2026-03-06'], ['range', '2026-03-03', '2026-03-08'], ['before any', undefined, '2026-02-28'],
    ];
    for (const [name, from, to] of cases) {
      const query = [from && `enrolled_from=${from}`, to && `enrolled_to=${to}`].filter(Boolean).join('&');
      const want = expected((m) => (!from || shanghaiDate(m.at) >= from) && (!to || shanghaiDate(m.at) <= to));
      expect((await all(query, 3)).map((r) => r.id), name).toEqual(want);
    }
    // 15:59:59.999 UTC is still 5 March in Shanghai, 16:00 is the 6th
    const fifth = (await all('enrolled_from=2026-03-05&enrolled_to=2026-03-05', 50)).map((r) => r.id);
    expect(fifth).toContain(model[21]!.id);
    expect(fifth).not.toContain(model[22]!.id);
    expect((await all('enrolled_from=2026-03-03&enrolled_to=2026-03-08&status=suspended', 2)).map((r) => r.id))
      .toEqual(expected((m) => shanghaiDate(m.at) >= '2026-03-03' && shanghaiDate(m.at) <= '2026-03-08' && m.status === 'suspended'));
  });

  it('narrows a search with the filters: a name prefix with a status', async () => {
    const wang = (await all(`q=${encodeURIComponent('王会员')}`, 2)).map((r) => r.id);
    // the erased member's name is gone: a search no longer finds them
    expect(wang).toEqual(expected((m) => m.name.startsWith('王') && !m.erased));
    for (const status of ['active', 'suspended', 'terminated'] as const) {
      const rows = await all(`q=${encodeURIComponent('王会员')}&status=${status}`, 2);
      expect(rows.map((r) => r.id), status).toEqual(expected((m) => m.name.startsWith('王') && !m.erased && m.status === status));
    }
    const suspended = model.find((m) => m.status === 'suspended')!;
    const phone = `1371111${String(model.indexOf(suspended)).padStart(4, '0')}`;
    expect((await all(`q=${phone}&status=suspended`, 5)).map((r) => r.id)).toEqual([suspended.id]);
    expect(await all(`q=${phone}&status=active`, 5)).toEqual([]);
  });

  it('lets a till find members (masked) but not page through them all', async () => {
    // a till serves the member in front of it: no list of the whole membership
    const listed = await get('limit=100', p.posKey, 'zh');
    expect(listed.statusCode).toBe(403);
    expect(listed.json()).toMatchObject({ code: 'forbidden', detail: expect.stringContaining('不能浏览全部会员列表') });
    expect((await get('status=active', p.posKey)).statusCode).toBe(403);
    // nor walk it by a family name or by paging a search
    expect((await get(`q=${encodeURIComponent('王')}&limit=100`, p.posKey)).statusCode).toBe(403);
    expect((await get(`q=${encodeURIComponent('王会员')}&limit=1`, p.posKey)).json().next_cursor).toBeNull();
    const page1 = (await get(`q=${encodeURIComponent('王会员')}&limit=1`)).json().next_cursor as string;
    expect((await get(`q=${encodeURIComponent('王会员')}&limit=1&cursor=${page1}`, p.posKey)).statusCode).toBe(403);
    // a search by name answers one page, masked as any search is for a key without pii.read
    const r = await get(`q=${encodeURIComponent('王会员')}&limit=100`, p.posKey);
    expect(r.statusCode, r.body).toBe(200);
    const live = (r.json().items as Row[]).filter((x) => !x.erased);
    expect(live.length).toBeGreaterThan(0);
    for (const row of live) expect(row.phone).toMatch(/^137\*{4}\d{4}$/);
    // the erased member is listed (to the console) with nothing left to show
    const erased = ((await get('limit=100')).json().items as Row[]).find((x) => x.erased)!;
    expect(erased.phone).not.toMatch(/\d/);
  });

  it('refuses bad filter values with a problem naming the field, in the caller\'s language', async () => {
    const bad: [string, string][] = [
      ['status=frozen', 'status'], ['status=', 'status'], ['tier_id=gold', 'tier_id'], ['tier_id=tier_00000000000000000000000000', 'tier_id'],
      ['enrolled_from=2026-13-01', 'enrolled_from'], ['enrolled_to=yesterday', 'enrolled_to'],
      ['enrolled_from=2026-03-08&enrolled_to=2026-03-07', 'enrolled_to'],
      ['cursor=nonsense', 'cursor'], [`cursor=${Buffer.from('2026-03-01T00:00:00Z|x').toString('base64url')}`, 'cursor'],
      [`cursor=${'A'.repeat(201)}`, 'cursor'], ['limit=0', 'limit'], ['limit=101', 'limit'],
    ];
    for (const [query, field] of bad) {
      const r = await get(query);
      expect(r.statusCode, `${query}: ${r.body}`).toBe(400);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.json(), query).toMatchObject({ code: 'validation', field });
    }
    const zh = await get('enrolled_from=2026-03-08&enrolled_to=2026-03-07', p.adminKey, 'zh-CN');
    expect(zh.body).toContain('注册日期范围');
    const unknownTier = await get('tier_id=tier_00000000000000000000000000', p.adminKey, 'zh-CN');
    expect(unknownTier.json()).toMatchObject({ field: 'tier_id' });
    expect(unknownTier.body).toContain('本计划没有该等级');
  });
});
