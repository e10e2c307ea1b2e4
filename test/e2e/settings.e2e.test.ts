// The program's set-up in the built console, in Debian's chromium against the real server and
// demo data: an operator renames the program, adds a store, makes a till's API key (shown
// once), sees that key work against the API for its store only, and revokes it. Screens are
// saved to test-results/screenshots/settings-NN-name.png (git-ignored) for a look.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession, pickOption, type Server } from './session.ts';

const session = browserSession('settings-');
const { api, screenshot } = session;

let server: Server;
let page: Page;

describe('program settings, stores and API keys in the console', () => {
  beforeAll(async () => { ({ server, page } = await session.start()); }, 300_000);
  afterAll(() => session.stop());

  it('renames the program, adds a store, makes a till key that works for its store, and revokes it', async () => {
    const programId = await session.signIn();

    await page.getByTestId('nav-settings').click();
    await expect.poll(() => page.getByTestId('program-settings').textContent()).toContain('Asia/Shanghai');
    await screenshot('program-settings');
    await page.getByTestId('program-settings-edit').click();
    await page.getByTestId('program-settings-name-input').fill('星河会员俱乐部');
    await page.getByTestId('program-settings-form-submit').click();
    await expect.poll(() => page.getByTestId('program-settings-name').textContent()).toBe('星河会员俱乐部');
    expect((await api<{ name: string }>(`/v1/programs/${programId}`)).name).toBe('星河会员俱乐部');

    // a store code the server refuses lands on its field; a good one adds the store
    await page.getByTestId('nav-stores').click();
    await page.getByTestId('stores-table').locator('tr.ant-table-row').first().waitFor();
    const existing = (await api<{ items: { code: string }[] }>(`/v1/programs/${programId}/stores`)).items[0]!.code;
    await page.getByTestId('store-create').click();
    await page.getByTestId('store-code').fill(existing);
    await page.getByTestId('store-name').fill('前滩太古里店');
    await page.getByTestId('store-form-submit').click();
    await expect.poll(() => page.getByTestId('store-form-error').count()).toBe(1);
    await screenshot('store-code-taken', { overlay: true });
    await page.getByTestId('store-code').fill('QT01');
    await page.getByTestId('store-form-submit').click();
    await expect.poll(() => page.getByTestId('stores-table').textContent()).toContain('前滩太古里店');
    await screenshot('stores');
    const store = (await api<{ items: { id: string; code: string }[] }>(`/v1/programs/${programId}/stores`)).items.find((s) => s.code === 'QT01')!;

    // a till key for the new store, shown once
    await page.getByTestId('nav-api-keys').click();
    await page.getByTestId('api-keys-table').locator('tr.ant-table-row').first().waitFor();
    await page.getByTestId('api-key-create').click();
    await page.getByTestId('api-key-name').fill('前滩店收银台 1');
    await pickOption(page, 'api-key-store', '前滩太古里店');
    await page.getByTestId('api-key-form-submit').click();
    const value = page.getByTestId('api-key-value');
    await value.waitFor();
    const key = (await value.textContent())!.trim();
    expect(key).toMatch(/^pk_pos_/);
    await screenshot('key-shown-once', { overlay: true });
    const me = await fetch(`${server.url}/v1/me`, { headers: { Authorization: `Bearer ${key}` } });
    expect(await me.json()).toMatchObject({ role: 'pos', program_id: programId, store_id: store.id });
    await page.getByTestId('api-key-made').getByRole('button').last().click();

    // revoked: the table says so and the key stops working
    const row = page.getByTestId('api-keys-table').locator('tr.ant-table-row', { hasText: '前滩店收银台 1' });
    await row.getByTestId('api-key-revoke').click();
    await page.locator('.ant-popconfirm .ant-btn-dangerous').click();
    await expect.poll(() => row.textContent()).toContain('吊销');
    await expect.poll(async () => (await fetch(`${server.url}/v1/me`, { headers: { Authorization: `Bearer ${key}` } })).status, { timeout: 15_000 }).toBe(401);
    await screenshot('key-revoked');
  });
});
