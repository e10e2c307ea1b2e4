// Staff sign-in in the built console, in Debian's chromium against the real server and demo
// data: a wrong password's message, the lock-out after five, a service agent who sees no
// administrator's screens, and the administrator's staff screen (unlock, a new account with
// its temporary password shown once) and roles screen. Screens are saved to
// test-results/screenshots/staff-NN-name.png (git-ignored) for a look.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF_PASSWORD } from '../../src/demo/seed-staff.ts';
import { browserSession, pickOption, type Server } from './session.ts';

const session = browserSession('staff-');
const { screenshot } = session;
let server: Server;
let page: Page;
let temporaryPassword = '';

async function attempt(username: string, password: string) {
  await page.getByTestId('username-input').fill(username);
  await page.getByTestId('password-input').fill(password);
  const answered = page.waitForResponse((r) => r.url().endsWith('/v1/auth/sign-in'));
  await page.getByTestId('sign-in-button').click();
  await answered;
}
const errorText = () => page.getByTestId('sign-in-error').textContent();

describe('staff accounts in the console', () => {
  // the console must run under the server's Content-Security-Policy: the browser reports each refusal
  const violations: string[] = [];
  beforeAll(async () => {
    ({ server, page } = await session.start());
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  }, 300_000);
  afterAll(() => session.stop());

  it('says a wrong password without naming which part, and locks the account after five', async () => {
    await page.goto(server.url + '/');
    await attempt('quality', 'not-the-password-1');
    await expect.poll(errorText).toContain('用户名或密码不正确');
    await screenshot('wrong-password');
    for (let i = 2; i <= 5; i++) await attempt('quality', `not-the-password-${i}`);
    await expect.poll(errorText).toContain('账号已锁定');
    await attempt('quality', DEMO_STAFF_PASSWORD);
    await expect.poll(errorText).toMatch(/锁定.*分钟/);
    await screenshot('locked');
  }, 120_000);

  it('shows a service agent only what the role may use', async () => {
    await session.signIn(undefined, 'service');
    await page.getByTestId('nav-members').waitFor();
    for (const hidden of ['nav-staff', 'nav-audit', 'nav-home', 'nav-rules', 'nav-campaigns']) expect(await page.getByTestId(hidden).count(), hidden).toBe(0);
    expect(await page.getByTestId('nav-roles').count()).toBe(1);
    await screenshot('service-agent');
    await page.getByTestId('sign-out').click();
    await page.getByTestId('username-input').waitFor();
  }, 120_000);

  it('lets the administrator unlock, create an account with a one-time password, and read the role matrix', async () => {
    await session.signIn();
    await page.getByTestId('nav-staff').click();
    await expect.poll(() => page.getByTestId('staff-status-quality').textContent()).toContain('已锁定');
    await screenshot('staff-locked');
    await page.getByTestId('staff-actions-quality').getByTestId('staff-unlock').click();
    await expect.poll(() => page.getByTestId('staff-status-quality').textContent()).toContain('正常');

    await page.getByTestId('staff-create').click();
    await page.getByTestId('staff-username').fill('new.cashier');
    await page.getByTestId('staff-name').fill('钱新人');
    await pickOption(page, 'staff-role', '门店收银');
    await pickOption(page, 'staff-store', '上海徐汇店');
    await screenshot('staff-create', { overlay: true });
    await page.getByTestId('staff-form-submit').click();
    const temporary = page.getByTestId('staff-temp-password');
    await expect.poll(() => temporary.textContent()).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}\d/);
    temporaryPassword = (await temporary.textContent())!;
    await screenshot('staff-temporary', { overlay: true });
    await page.getByTestId('staff-temp-ok').click();
    await page.getByTestId('staff-temp-password').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('staff-status-new.cashier').textContent()).toContain('待改密');

    await page.getByTestId('nav-roles').click();
    await page.getByTestId('grant-auditor-audit.read').waitFor();
    expect(await page.getByTestId('grant-auditor-members.write').count()).toBe(0);
    await screenshot('roles');

    // the program's stores and machine keys, on their screens
    await page.getByTestId('nav-api-keys').click();
    await expect.poll(() => page.getByTestId('api-keys-table').textContent()).toContain('徐汇店收银台 1');
    await screenshot('settings-keys');
    await page.getByTestId('nav-stores').click();
    await expect.poll(() => page.getByTestId('stores-table').textContent()).toContain('SH-XH');
    expect(violations).toEqual([]);
  }, 180_000);

  it('makes the new cashier choose a password at the first sign-in', async () => {
    await page.getByTestId('sign-out').click();
    await attempt('new.cashier', temporaryPassword);
    await page.getByTestId('password-forced').waitFor();
    await page.getByTestId('password-current').fill(temporaryPassword);
    await page.getByTestId('password-next').fill('short1');
    await page.getByTestId('password-confirm').fill('short1');
    await page.getByTestId('password-submit').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').first().textContent()).toContain('至少 10 个字符');
    await page.getByTestId('password-next').fill('cashier-2026-new');
    await page.getByTestId('password-confirm').fill('cashier-2026-new');
    await expect.poll(() => page.locator('.ant-form-item-explain-error').count()).toBe(0);
    await screenshot('forced-password');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('member-search-input').waitFor();
    expect(await page.getByTestId('program-name').textContent()).toBe('星河汇购物中心会员计划');
    expect(await page.getByTestId('nav-staff').count()).toBe(0);
    expect(await page.getByTestId('nav-coupons').count()).toBe(1);

    // two-step verification, from the same page
    await page.getByTestId('change-password').click();
    await page.getByTestId('totp-start').click();
    await expect.poll(() => page.getByTestId('totp-secret').textContent()).toMatch(/^[A-Z2-7]{32}$/);
    await screenshot('totp-enrol');
    expect(violations).toEqual([]);
  }, 120_000);
});
