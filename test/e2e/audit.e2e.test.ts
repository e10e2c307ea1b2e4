// The audit log in the built console, in Debian's chromium against the real server and demo
// data: an operator gives a member goodwill points on the member page, then finds that change
// in the audit log with who made it and the request, opens the demo's address correction to
// see the field before and after, and verifies the chain. Screens are saved to
// test-results/screenshots/audit-NN-name.png (git-ignored) for a look.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession, pickOption, type Server } from './session.ts';

const session = browserSession('audit-');
const { api, screenshot } = session;

let server: Server;
let page: Page;

describe('the audit log in the console', () => {
  beforeAll(async () => { ({ server, page } = await session.start()); }, 300_000);
  afterAll(() => session.stop());

  it('shows a change made in the console with who and what, a field before and after, and a verified chain', async () => {
    const programId = await session.signIn();
    const member = (await api<{ items: { id: string }[] }>(`/v1/programs/${programId}/members?q=138`)).items[0]
      ?? (await server.services.ctx.db.selectFrom('members').select('id').where('program_id', '=', programId).executeTakeFirstOrThrow());


    // a change in the console: 88 goodwill points for the member
    await page.goto(`${server.url}/members/${member.id}`);
    await page.getByTestId('record-adjustment').click();
    await page.getByTestId('adjustment-points').fill('88');
    await page.getByTestId('adjustment-reason').click();
    await page.locator('.ant-select-item-option').first().click();
    await page.getByTestId('adjustment-note').fill('服务补偿：停车系统故障');
    await screenshot('adjustment', { overlay: true });
    await page.getByTestId('adjustment-form-submit').click();
    await page.getByTestId('adjustment-form-submit').waitFor({ state: 'detached' });

    await page.getByTestId('nav-audit').click();
    const first = page.getByTestId('audit-row').first();
    await expect.poll(() => first.textContent()).toContain('/adjustments');
    // the demo administrator signed in as a person: the log names them
    expect(await first.textContent()).toContain('王经理');
    await first.click();
    const diff = page.getByTestId('audit-diff').first();
    // a staff note about a member is kept as its length only (an erasure could not reach it here)
    await expect.poll(() => diff.textContent()).toContain('[文本 11 字 / text, 11 chars]');
    expect(await diff.textContent()).not.toContain('停车系统故障');
    expect(await diff.textContent()).toContain('88');
    await screenshot('log-with-adjustment');

    // the demo's own trail: a store's address corrected, before and after
    await pickOption(page, 'audit-entity', '门店');
    const store = page.locator('[data-testid="audit-row"][data-entity="stores"]').first();
    await store.click();
    const storeDiff = page.getByTestId('audit-diff').first();
    await expect.poll(() => storeDiff.textContent()).toContain('1 楼');
    expect(await storeDiff.textContent()).toContain('address');
    await screenshot('store-before-after');

    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await expect.poll(() => result.textContent()).toMatch(/审计链完整|intact/);
    await screenshot('verified');
    const check = await api<{ intact: boolean; records: number }>(`/v1/programs/${programId}/audit/verify`);
    expect(check.intact).toBe(true);
    expect(check.records).toBeGreaterThanOrEqual(3);
  });
});
