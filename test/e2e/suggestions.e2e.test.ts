// The suggestions board in the built console, against the real server and demo data: filter
// by status and category, merge a member's duplicate into the suggestion it repeats (its
// supporter carried over), adopt one and see its author paid on the member page.
// Screens: test-results/screenshots/suggestions-NN-name.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession, type Server } from './session.ts';

const session = browserSession('suggestions-');
const { screenshot, api } = session;

let server: Server;
let page: Page;

interface Suggestion { id: string; title: string; status: string; support_count: number; member: { id: string } | null; reward_points: number | null; category: { id: string; name: string } }

describe('the suggestions board in the console', () => {
  beforeAll(async () => { ({ server, page } = await session.start()); }, 300_000);
  afterAll(() => session.stop());

  it('filters the board, merges a duplicate, and adopts one paying its author', async () => {
    const programId = await session.signIn();
    const base = `/v1/programs/${programId}`;
    const post = async (path: string, body: object) => {
      const r = await fetch(`${server.url}${base}${path}`, {
        method: 'POST', headers: { Authorization: `Bearer ${server.bootstrapKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
      expect(r.status, await r.clone().text()).toBeLessThan(300);
      return await r.json() as { id: string };
    };
    const all = async () => (await api<{ items: Suggestion[] }>(`${base}/suggestions?limit=200`)).items;
    const demo = await all();
    const target = demo.find((s) => s.title === '周末停车场增加引导员')!;
    const kids = demo.find((s) => s.title === '会员日增加亲子活动')!;
    expect(kids.status).toBe('under_review');
    // a member's fresh duplicate of the parking one, supported by another member
    const [dupAuthor, fan] = [await post('/members', { phone: '13700005555', name: '欧阳停车' }), await post('/members', { phone: '13700006666', name: '司马附议' })];
    const dup = await post('/suggestions', { title: '车库排队太久', body: '周末进地库要排二十分钟。', category_id: target.category.id, channel: 'phone', member_id: dupAuthor.id });
    await post(`/suggestions/${dup.id}/supporters`, { member_id: fan.id });

    await page.getByTestId('nav-suggestions').click();
    await page.getByTestId(`suggestion-row-${dup.id}`).waitFor();
    await screenshot('board');

    // filter: under review, then a category on top
    await page.getByTestId('suggestion-count-under_review').click();
    await page.getByTestId(`suggestion-row-${kids.id}`).waitFor();
    await expect.poll(() => page.locator('[data-testid^="suggestion-row-"]').count()).toBe(demo.filter((s) => s.status === 'under_review').length);
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="停车与交通"]');
    await expect.poll(async () => {
      if (!(await option.isVisible())) await page.getByTestId('suggestion-filter-category').click();
      await option.click({ timeout: 5_000 }).catch(() => undefined);
      return page.locator('[data-testid^="suggestion-row-"]').count();
    }, { timeout: 30_000 }).toBe(demo.filter((s) => s.status === 'under_review' && s.category.name === '停车与交通').length);
    expect(await page.getByTestId('suggestion-table').textContent()).not.toContain('会员日增加亲子活动');
    await screenshot('filtered');

    // merge the duplicate: back to all, open it, pick the target
    await page.getByTestId('suggestion-count-new').click();
    await page.getByTestId(`suggestion-row-${dup.id}`).click();
    await page.getByTestId('suggestion-merge').click();
    const pickTarget = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: target.title }).first();
    await expect.poll(async () => {
      if (!(await pickTarget.isVisible())) await page.getByTestId('suggestion-merge-target').click();
      await pickTarget.click({ timeout: 5_000 }).catch(() => undefined);
      return page.locator('.ant-form-item', { has: page.getByTestId('suggestion-merge-target') }).textContent();
    }, { timeout: 30_000 }).toContain(target.title);
    await screenshot('merge', { overlay: true });
    await page.getByTestId('suggestion-merge-form-submit').click();
    await page.getByTestId('suggestion-status-duplicate').first().waitFor();
    const merged = await api<{ support_count: number; supporters: { id: string; via: string }[] }>(`${base}/suggestions/${target.id}`);
    // the duplicate's supporter and its author now support the target, each once
    expect(merged.support_count).toBe(target.support_count + 2);
    expect(merged.supporters.filter((x) => x.id === fan.id || x.id === dupAuthor.id).map((x) => x.via).sort()).toEqual(['merged', 'merged_author']);
    // a fresh board (no filters) for the next one
    await page.goto(`${server.url}/suggestions`);

    // adopt the under-review one: the dialog says what the author is paid
    const before = (await api<{ available: number }>(`${base}/members/${kids.member!.id}/balance`)).available;
    await page.getByTestId('suggestion-count-under_review').click();
    await page.getByTestId(`suggestion-row-${kids.id}`).click();
    await page.getByTestId('suggestion-adopt').click();
    await expect.poll(() => page.getByTestId('suggestion-adopt-pays').textContent()).toContain('200 积分');
    await page.getByTestId('suggestion-adopt-note').fill('下月会员日试行亲子手工活动');
    await screenshot('adopt', { overlay: true });
    await page.getByTestId('suggestion-adopt-form-submit').click();
    await expect.poll(() => page.getByTestId('suggestion-reward').textContent()).toContain('200 积分');
    await screenshot('adopted', { overlay: true });
    expect((await api<{ available: number }>(`${base}/members/${kids.member!.id}/balance`)).available).toBe(before + 200);

    // the author's page: the suggestion adopted with its points
    await page.goto(`${server.url}/members/${kids.member!.id}`);
    const card = page.getByTestId('member-suggestions-authored');
    await expect.poll(() => card.textContent(), { timeout: 30_000 }).toContain('会员日增加亲子活动');
    expect(await card.textContent()).toContain('+200');
    expect(await card.textContent()).toContain('已采纳');
    await page.getByTestId('member-suggestions-card').scrollIntoViewIfNeeded();
    await screenshot('member-page');
  }, 240_000);
});
