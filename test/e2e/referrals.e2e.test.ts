// Referrals in the built console, in Debian's chromium against the real server and demo data:
// staff see blocked referrals first with their reason in words and release one with a reason;
// a clerk enrols a friend with a member's code (a typo first: refused beside the field); the
// member pages show the code, the share link, who referred whom and the status.
// Screens are saved to test-results/screenshots/referrals-NN-name.png (git-ignored) for a look.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession, type Server } from './session.ts';

const session = browserSession('referrals-');
const { api, screenshot } = session;
interface Referral { id: string; status: string; block_reason: string | null; referrer: { id: string }; friend: { id: string } }

let server: Server;
let page: Page;

describe('referrals in the console', () => {
  beforeAll(async () => { ({ server, page } = await session.start()); }, 300_000);
  afterAll(() => session.stop());

  it('lists blocked referrals first, releases one with a reason, enrols a friend by code and shows both members\' referrals', async () => {
    const programId = server.programId!;
    const base = `/v1/programs/${programId}`;
    await session.signIn();

    await page.getByTestId('nav-referrals').click();
    await page.getByTestId('referral-table').locator('tbody tr').first().waitFor();
    const rows = page.getByTestId('referral-table').locator('tbody tr');
    await expect.poll(() => rows.first().locator('[data-testid="referral-status-blocked"]').count()).toBe(1);
    await expect.poll(() => page.getByText('好友与推荐人使用同一设备注册').count()).toBeGreaterThan(0);
    await screenshot('list');

    const blocked = (await api<{ items: Referral[] }>(`${base}/referrals?status=blocked`)).items.find((r) => r.block_reason === 'same_payment_account')!;
    await page.getByTestId(`release-${blocked.id}`).click();
    await page.getByTestId('release-reason').fill('顾客用家人的支付宝付款，已电话核实');
    await screenshot('release', { overlay: true });
    await page.getByTestId('release-form-submit').click();
    await expect.poll(async () => (await api<Referral>(`${base}/referrals/${blocked.id}`)).status).toBe('released');
    await expect.poll(() => page.getByText('已放行：顾客用家人的支付宝付款，已电话核实').count()).toBe(1);

    // the referrer's page: code, share link, friends with their status
    const rewarded = (await api<{ items: Referral[] }>(`${base}/referrals?status=rewarded`)).items[0]!;
    const code = await api<{ code: string; code_grouped: string; share_url: string }>(`${base}/members/${rewarded.referrer.id}/referral-code`);
    await page.goto(`${server.url}/members/${rewarded.referrer.id}`);
    await page.getByTestId('referral-code').waitFor();
    await expect.poll(() => page.getByTestId('referral-code').textContent()).toContain(code.code_grouped);
    await expect.poll(() => page.getByTestId('referral-share-url').textContent()).toContain(code.share_url);
    await expect.poll(() => page.getByTestId('referral-friends').locator('[data-testid="referral-status-rewarded"]').count()).toBeGreaterThan(0);
    await page.getByTestId('member-referrals').scrollIntoViewIfNeeded();
    await screenshot('member');

    // a friend enrols with that code at the desk: a typo first, refused beside the field
    await page.getByTestId('nav-members').click();
    await page.getByTestId('enrol-member').click();
    await page.getByTestId('enrol-phone').fill('14799990001');
    await page.getByTestId('enrol-name').fill('新朋友');
    await page.getByTestId('enrol-referral-code').fill('ZZZ-ZZZ-ZZZ');
    await page.getByTestId('enrol-form-submit').click();
    await expect.poll(() => page.getByText('没有会员使用此推荐码，请与会员核对').count()).toBeGreaterThan(0);
    await screenshot('enrol-typo', { overlay: true });
    await page.getByTestId('enrol-referral-code').fill(code.code_grouped.toLowerCase());
    await page.getByTestId('enrol-form-submit').click();
    await page.waitForURL(/\/members\/mem_/);
    const friendId = page.url().split('/members/')[1]!;
    const mine = await api<{ referred_by: Referral | null }>(`${base}/members/${friendId}/referrals`);
    expect(mine.referred_by).toMatchObject({ status: 'pending', referrer: { id: rewarded.referrer.id } });
    await expect.poll(() => page.getByTestId('member-referrals').getByText('待首单').count()).toBeGreaterThan(0);
    await page.getByTestId('member-referrals').scrollIntoViewIfNeeded();
    await screenshot('friend');

    // English
    await page.getByTestId('lang-en').click();
    await page.getByTestId('nav-referrals').click();
    await expect.poll(() => page.getByText('Signed up on the referrer\'s device').count()).toBeGreaterThan(0);
    await screenshot('list-en');
  });
});
