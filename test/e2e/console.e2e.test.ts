// Drives the built console in Debian's chromium against the real server and demo data.
// Every screen it visits is saved to test-results/screenshots/NN-name.png (git-ignored) for a look.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession, pickOption, type Server } from './session.ts';

const session = browserSession('');
const { api, screenshot } = session;
interface Member { id: string; member_no: string; phone: string; status: string }
interface Balance { available: number; pending: number }
interface Purchase { id: string; amount_fen: number; points_earned: number; points_state: 'pending' | 'available' }

let server: Server;
let page: Page;
let programId: string;

/** A real, active demo member: picked in the database, read through the API the console uses. */
async function demoMember(): Promise<Member> {
  const row = await server.services.ctx.db
    .selectFrom('members').select('id')
    .where('program_id', '=', programId).where('status', '=', 'active')
    .orderBy('member_no').limit(1).executeTakeFirst();
  if (!row) throw new Error(`no active demo member in program ${programId}`);
  const member = await api<Member>(`/v1/programs/${programId}/members/${row.id}`);
  expect(member.phone, 'an admin key sees the plain phone').toMatch(/^1\d{10}$/);
  return member;
}

/** The figure as the operator reads it on screen ("12,840" → 12840). */
const figure = async (testId: string): Promise<number> =>
  Number((await page.getByTestId(testId).textContent())?.replace(/[^\d-]/g, ''));

describe('admin console', () => {
  // Seeding the demo takes ~15 s idle but minutes on a busy CI box.
  beforeAll(async () => { ({ server, page } = await session.start()); }, 300_000);
  afterAll(() => session.stop());

  it('signs in, finds a demo member by phone and records a purchase that earns points', async () => {
    programId = server.programId!;
    const member = await demoMember();
    const { items: stores } = await api<{ items: { id: string }[] }>(`/v1/programs/${programId}/stores`);
    expect(stores.length, 'demo data needs a store').toBeGreaterThan(0);

    await session.signIn(() => screenshot('sign-in'));
    await screenshot('member-search');

    await page.getByTestId('member-search-input').fill(member.phone);
    await page.getByTestId('member-search-input').press('Enter');
    const row = page.locator(`[data-testid="member-row"][data-member-id="${member.id}"]`);
    await row.waitFor();
    await screenshot('member-search-results');
    await row.click();
    await expect.poll(() => page.getByTestId('member-no').textContent()).toBe(member.member_no);
    await page.getByTestId('balance-available').waitFor();
    await screenshot('member-detail');
    const before = { available: await figure('balance-available'), pending: await figure('balance-pending') };
    expect(before).toEqual(await api<Balance>(`/v1/programs/${programId}/members/${member.id}/balance`).then((b) => ({ available: b.available, pending: b.pending })));

    await page.getByTestId('record-purchase').click();
    await page.getByTestId('purchase-amount').fill('88.00');
    await screenshot('purchase-form', { overlay: true });
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/v1/programs/${programId}/purchases`));
    await page.getByTestId('purchase-form-submit').click();
    const response = await answer;
    expect(response.status()).toBe(201);
    expect(response.request().headers()['idempotency-key']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const purchase = (await response.json()) as Purchase;
    expect(purchase.amount_fen).toBe(8800);
    expect(purchase.points_earned).toBeGreaterThan(0);

    const expected = purchase.points_state === 'pending'
      ? { available: before.available, pending: before.pending + purchase.points_earned }
      : { available: before.available + purchase.points_earned, pending: before.pending };
    await expect.poll(async () => ({ available: await figure('balance-available'), pending: await figure('balance-pending') })).toEqual(expected);
    // The form closes on success; a form left open would mean the console saw an error.
    await page.getByTestId('purchase-form-submit').waitFor({ state: 'detached' });
    // 操作人 names who did it: the purchase just recorded by the signed-in 王经理, the demo's by its admin key
    const statement = page.getByTestId('statement-table');
    const actors = statement.locator('[data-actor]');
    await expect.poll(() => statement.locator('tr', { has: page.locator(`[data-id="${purchase.id}"]`) }).locator('[data-actor]').first().textContent()).toBe('王经理');
    await expect.poll(() => actors.allTextContents()).toContain('演示管理员（API 密钥）');
    const shown = await actors.allTextContents();
    expect(shown.join(' ')).not.toMatch(/key_|stf_|…/);
    await screenshot('member-detail-after-purchase');

    // The new purchase, opened from the statement, reads back what the till sent.
    await page.getByTestId('statement-table').locator(`[data-id="${purchase.id}"] a`).first().click();
    const drawer = page.locator('.ant-drawer-body');
    await expect.poll(() => drawer.textContent()).toContain('¥88.00');
    await screenshot('purchase-drawer', { overlay: true });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it('shows the tier table, previews a change, applies it as a job, and shows a member\'s tier with a manual floor', async () => {
    await page.goto(server.url + '/tiers');
    await page.getByTestId('tier-table').locator('[data-testid="tier-name"]').nth(3).waitFor();
    expect(await page.getByTestId('tier-name').allTextContents()).toEqual(['普卡', '银卡', '金卡', '钻石卡']);
    await screenshot('tiers');

    await page.getByTestId('tier-edit').click();
    await page.getByTestId('tier-reach-1').fill('8000.00');
    await page.getByTestId('tier-keep-1').fill('6000.00');
    const previewed = page.waitForResponse((r) => r.url().endsWith(`/v1/programs/${programId}/tiers/preview`));
    await page.getByTestId('tier-preview').click();
    const preview = (await (await previewed).json()) as { members: number; up: number; down: number; unchanged: number };
    expect(preview.members).toBeGreaterThan(0);
    expect(preview.up + preview.down + preview.unchanged).toBe(preview.members);
    await page.getByTestId('tier-preview-result').waitFor();
    await screenshot('tier-preview', { overlay: true });

    const applied = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/v1/programs/${programId}/tiers`));
    await page.getByTestId('tier-apply').click();
    expect((await applied).status()).toBe(202);
    await page.getByTestId('tier-editor').waitFor({ state: 'detached' });
    const { items } = await api<{ items: { code: string; reach_threshold: number; keep_threshold: number }[] }>(`/v1/programs/${programId}/tiers`);
    expect(items[1]).toMatchObject({ code: 'silver', reach_threshold: 800_000, keep_threshold: 600_000 });

    const floor = await server.services.ctx.db.selectFrom('tier_floors').select('member_id')
      .where('program_id', '=', programId).where('ended_at', 'is', null).orderBy('created_at').limit(1).executeTakeFirstOrThrow();
    await page.goto(`${server.url}/members/${floor.member_id}`);
    await page.getByTestId('tier-floor').waitFor();
    await page.getByTestId('tier-figure').waitFor();
    expect(await page.getByTestId('member-tier-name').textContent()).toBe('金卡');
    // the floor was set by the demo's admin key: named, never key_…
    await expect.poll(() => page.getByTestId('tier-floor-reason').textContent()).toContain('（演示管理员（API 密钥），');
    await expect.poll(() => page.getByTestId('tier-history').locator('[data-actor]').allTextContents()).toContain('演示管理员（API 密钥）');
    await screenshot('member-tier-floor');
  });

  it('opens the member page on the list, newest enrolled first, loads more, and filters it to the suspended member; back keeps the filter', async () => {
    type MemberPage = { items: (Member & { status_reason: string | null })[]; next_cursor: string | null };
    await page.goto(server.url + '/members');
    const rows = page.getByTestId('member-row');
    const shown = () => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-member-id')));
    // before anyone types: the first page of the list, in the API's order (newest enrolled first)
    const first = await api<MemberPage>(`/v1/programs/${programId}/members?limit=20`);
    expect(first.next_cursor, 'the demo has more than a page of members').not.toBeNull();
    await expect.poll(shown).toEqual(first.items.map((m) => m.id));
    await screenshot('member-list');
    await page.getByTestId('member-load-more').click();
    const second = await api<MemberPage>(`/v1/programs/${programId}/members?limit=20&cursor=${first.next_cursor}`);
    await expect.poll(shown).toEqual([...first.items, ...second.items].map((m) => m.id));

    // 已冻结: the demo's one suspended member, whose card was lost
    const suspended = await api<MemberPage>(`/v1/programs/${programId}/members?status=suspended&limit=100`);
    expect(suspended.items).toHaveLength(1);
    expect(suspended.items[0]!.status_reason).toContain('会员卡挂失');
    await pickOption(page, 'member-filter-status', '已冻结');
    await expect.poll(shown).toEqual([suspended.items[0]!.id]);
    expect(await rows.first().getByTestId('member-status').textContent()).toBe('已冻结');
    expect(new URL(page.url()).searchParams.get('status')).toBe('suspended');
    await expect.poll(() => page.getByTestId('member-load-more').count()).toBe(0);
    await screenshot('member-list-suspended');

    // into the member and back: the filter is still on
    await rows.first().click();
    await expect.poll(() => page.getByTestId('member-no').textContent()).toBe(suspended.items[0]!.member_no);
    await page.goBack();
    await expect.poll(shown).toEqual([suspended.items[0]!.id]);
    await page.getByTestId('member-filter-clear').click();
    await expect.poll(shown).toEqual(first.items.map((m) => m.id));
  });

  it('switches the labels to English and remembers the choice', async () => {
    // Same tab, so the sign-in of the first test still holds (the key lives in sessionStorage).
    await page.goto(server.url + '/members');
    const nav = page.getByTestId('nav-members');
    await expect.poll(() => nav.textContent()).toBe('会员');
    await page.getByTestId('lang-en').click();
    await expect.poll(() => nav.textContent()).toBe('Members');
    await expect.poll(() => page.getByTestId('member-search-button').textContent()).toBe('Search');
    await screenshot('member-search-en');
    await page.reload();
    await expect.poll(() => nav.textContent()).toBe('Members');
    await page.getByTestId('lang-zh').click();
    await expect.poll(() => nav.textContent()).toBe('会员');
  });
  it('lists the demo segments with their size, previews a new definition live and saves it', async () => {
    const { items } = await api<{ items: { id: string; name: string; size: number }[] }>(`/v1/programs/${programId}/segments`);
    expect(items.map((x) => x.name)).toEqual(['高价值会员', '沉睡会员', '本月生日', '金卡及以上']);
    await page.goto(server.url + '/segments');
    await expect.poll(() => page.getByTestId('segment-row').count()).toBe(items.length);
    const shown = await page.getByTestId('segment-size').allTextContents();
    expect(shown.map(Number)).toEqual(items.map((x) => x.size));
    await screenshot('segments');

    await page.getByTestId('segment-create').click();
    await page.getByTestId('segment-name-input').fill('三十天未消费');
    await page.getByTestId('segment-days-min').fill('30');
    const want = await fetch(`${server.url}/v1/programs/${programId}/segments/preview`, {
      method: 'POST', headers: { Authorization: `Bearer ${server.bootstrapKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ conditions: { status: { any_of: ['active'] }, days_since_last_purchase: { min: 30 } } }),
    }).then((r) => r.json() as Promise<{ size: number }>);
    await expect.poll(() => page.getByTestId('segment-preview-size').textContent()).toBe(String(want.size));
    await expect.poll(() => page.getByTestId('segment-preview-row').count()).toBe(Math.min(10, want.size));
    await screenshot('segment-editor');

    const saved = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/v1/programs/${programId}/segments`));
    await page.getByTestId('segment-save').click();
    const response = await saved;
    expect(response.status()).toBe(201);
    expect(response.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    const segment = (await response.json()) as { id: string; size: number };
    expect(segment.size).toBe(want.size);
    await expect.poll(() => page.getByTestId('segment-detail-size').textContent()).toBe(String(want.size));
    await expect.poll(() => page.getByTestId('segment-sample-row').count()).toBe(Math.min(20, want.size));
    await screenshot('segment-detail');

    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('nav-segments').textContent()).toBe('Segments');
    await page.goto(server.url + '/segments');
    await expect.poll(() => page.getByTestId('segment-row').count()).toBe(items.length + 1);
    await screenshot('segments-en');
    await page.getByTestId('lang-zh').click();
  });

  it('lists the demo campaigns and shows one\'s budget, its rules and the holdout report with its chart', async () => {
    const { items } = await api<{ items: { id: string; name: string; kind: string; budget_used: number; holdout_pct: number }[] }>(`/v1/programs/${programId}/campaigns`);
    expect(items.length).toBeGreaterThan(0);
    await page.goto(server.url + '/campaigns');
    await expect.poll(() => page.getByTestId('campaign-table').locator('tbody tr').count()).toBe(items.length);
    await screenshot('campaigns');
    // the award campaign that has run, with its held-out members: the report compares them
    const awarded = items.find((c) => c.kind === 'award' && c.holdout_pct > 0) ?? items[0]!;
    const report = await api<{ treated: { members: number }; held_out: { members: number } }>(`/v1/programs/${programId}/campaigns/${awarded.id}/report`);
    await page.goto(`${server.url}/campaigns/${awarded.id}`);
    await expect.poll(() => page.getByTestId('campaign-name').textContent()).toBe(awarded.name);
    await expect.poll(() => page.getByTestId('budget-used').textContent()).toBe(awarded.budget_used.toLocaleString('en-US'));
    await expect.poll(() => page.getByTestId('report-table').locator('tbody tr').count()).toBeGreaterThan(0);
    const table = await page.getByTestId('report-table').textContent();
    expect(table).toContain(String(report.treated.members));
    expect(table).toContain(String(report.held_out.members));
    await expect.poll(() => page.getByTestId('holdout-chart').locator('canvas').count()).toBeGreaterThan(0);
    await screenshot('campaign-report');
  });

  it('shows the program\'s key figures on the overview, as the API gives them', async () => {
    const o = await api<{ members: { total: number; active_90_days: number }; points: { outstanding: number }; today: { purchases: number } }>(`/v1/programs/${programId}/overview`);
    expect(o.members.total).toBeGreaterThan(0);
    await page.getByTestId('nav-home').click();
    const figure = (id: string) => page.getByTestId(id).locator('.ant-statistic-content-value').textContent();
    await expect.poll(() => figure('home-members')).toBe(o.members.total.toLocaleString('en-US'));
    expect(await figure('home-active')).toBe(o.members.active_90_days.toLocaleString('en-US'));
    expect(await figure('home-outstanding')).toBe(o.points.outstanding.toLocaleString('en-US'));
    await expect.poll(() => page.getByTestId('home-chart').locator('canvas').count()).toBeGreaterThan(0);
    await screenshot('home');
  });
});

