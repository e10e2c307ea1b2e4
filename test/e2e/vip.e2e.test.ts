// Paid VIP membership in the built console, in Debian's chromium against the real server and
// demo data: an operator reads the plans and memberships, opens the company's membership,
// renews the expired one with a payment, ends an active one early after seeing the server's
// refund preview, and finds the membership on the member's page.
// Every screen is saved to test-results/screenshots/vip-NN-name.png (git-ignored) for a look.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession, type Server } from './session.ts';

const session = browserSession('vip-');
const { api, screenshot } = session;
interface Membership { id: string; kind: string; status: string; days_left: number; company_name: string | null; members: { member: { id: string } }[]; refunds?: { amount_fen: number }[] }

let server: Server;
let page: Page;

describe('paid VIP membership in the console', () => {
  beforeAll(async () => { ({ server, page } = await session.start()); }, 300_000);
  afterAll(() => session.stop());

  it('lists plans and memberships, renews an expired one, ends one early with its refund, and shows it on the member page', async () => {
    const programId = await session.signIn();
    const list = async (q = '') => (await api<{ items: Membership[] }>(`/v1/programs/${programId}/vip-memberships${q}`)).items;

    await page.getByTestId('nav-vip-plans').click();
    await expect.poll(() => page.getByTestId('vip-plan-table').locator('tbody tr').count()).toBe(2);
    await screenshot('plans');

    await page.getByTestId('nav-vip').click();
    await expect.poll(() => page.getByTestId('vip-membership-table').locator('tbody tr').count()).toBe(6);
    await screenshot('memberships');
    await page.getByTestId('vip-filter-status').getByText('30 天内到期').click();
    await expect.poll(() => page.getByTestId('vip-membership-table').locator('tbody tr').count()).toBe(1);
    await screenshot('expiring');

    const corp = (await list('?kind=corporate'))[0]!;
    await page.goto(`${server.url}/vip/memberships/${corp.id}`);
    await expect.poll(() => page.getByTestId('vip-seat-table').locator('tbody tr').count()).toBe(3);
    await screenshot('corporate');

    // the expired one comes back for a year from the payment day
    const expired = (await list('?status=expired'))[0]!;
    await page.goto(`${server.url}/vip/memberships/${expired.id}`);
    await page.getByTestId('vip-renew').click();
    await page.getByTestId('vip-pay-receipt').fill('E2E-RENEW-1');
    await screenshot('renew-form', { overlay: true });
    await page.getByTestId('vip-renew-form-submit').click();
    await expect.poll(() => page.getByTestId('vip-payment-table').locator('tbody tr').count()).toBe(2);
    // 记录人: the renewal by the signed-in 王经理, the first payment by the demo's admin key, by name
    await expect.poll(() => page.getByTestId('vip-payment-table').locator('[data-actor]').allTextContents()).toEqual(expect.arrayContaining(['王经理', '演示管理员（API 密钥）']));
    await screenshot('renewed');
    expect((await list('?status=active')).map((m) => m.id)).toContain(expired.id);

    // end an active individual one early: the preview's refund is what gets recorded
    const active = (await list('?status=active&kind=individual')).find((m) => m.id !== expired.id && m.days_left > 30)!;
    const preview = await api<{ refund_fen: number }>(`/v1/programs/${programId}/vip-memberships/${active.id}/end-preview`);
    expect(preview.refund_fen).toBeGreaterThan(0);
    await page.goto(`${server.url}/vip/memberships/${active.id}`);
    await page.getByTestId('vip-end').click();
    await page.getByTestId('vip-end-refund').waitFor();
    await screenshot('end-preview', { overlay: true });
    await page.getByTestId('vip-end-form-submit').click();
    await page.getByTestId('vip-refund-table').waitFor();
    await screenshot('ended');
    const ended = await api<Membership>(`/v1/programs/${programId}/vip-memberships/${active.id}`);
    expect([ended.status, ended.refunds!.map((r) => r.amount_fen)]).toEqual(['ended', [preview.refund_fen]]);

    // the member's page shows the company membership
    await page.goto(`${server.url}/members/${corp.members[0]!.member.id}`);
    await expect.poll(() => page.getByTestId('vip-card').locator('tbody tr:not(.ant-table-placeholder)').count()).toBe(1);
    await screenshot('member-card');

    // the same screens in English
    await page.getByTestId('lang-en').click();
    await page.getByTestId('nav-vip').click();
    await expect.poll(() => page.getByTestId('vip-membership-table').locator('tbody tr').count()).toBe(6);
    await expect.poll(() => page.getByTestId('vip-membership-table').textContent()).toContain('Ended early');
    await screenshot('memberships-en');
  }, 300_000);
});
