// Terminating a member (合同终止) in the built console, in Debian's chromium against the real
// server and demo data: the dialog shows what termination will settle for this member (the
// server's preview: points forfeited, the company's VIP seat released …) before the operator
// confirms, and what was done afterwards.
// Every screen is saved to test-results/screenshots/terminate-NN-name.png (git-ignored) for a look.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession, type Server } from './session.ts';

const session = browserSession('terminate-');
const { api, screenshot } = session;
interface Membership { id: string; company_name: string | null; members: { member: { id: string } }[] }
interface Preview { points_forfeited: number; coupons_voided: number; seats_released: { company_name: string | null }[] }

let server: Server;
let page: Page;

describe('terminating a member in the console', () => {
  beforeAll(async () => { ({ server, page } = await session.start()); }, 300_000);
  afterAll(() => session.stop());

  it('shows what termination will settle before confirming, and what it did after', async () => {
    const programId = await session.signIn();
    const corp = (await api<{ items: Membership[] }>(`/v1/programs/${programId}/vip-memberships?kind=corporate&status=active`)).items[0]!;
    const memberId = corp.members[0]!.member.id;
    const preview = await api<Preview>(`/v1/programs/${programId}/members/${memberId}/termination-preview`);
    expect(preview.seats_released.map((s) => s.company_name)).toEqual([corp.company_name]);

    await page.goto(`${server.url}/members/${memberId}`);
    await page.getByTestId('member-terminate').click();
    const before = page.getByTestId('termination-preview');
    await expect.poll(() => before.textContent()).toContain(`作废全部积分 ${preview.points_forfeited} 分`);
    expect(await before.textContent()).toContain(`释放企业 VIP 席位（${corp.company_name}）`);
    if (preview.coupons_voided > 0) expect(await before.textContent()).toContain(`作废未使用的优惠券 ${preview.coupons_voided} 张`);
    await page.getByTestId('status-reason').fill('合同终止');
    await screenshot('preview', { overlay: true });

    await page.getByTestId('status-form-submit').click();
    const after = page.getByTestId('termination-done');
    await after.waitFor();
    expect(await after.textContent()).toContain(`已作废积分 ${preview.points_forfeited} 分`);
    expect(await after.textContent()).toContain(`已释放企业 VIP 席位（${corp.company_name}）`);
    await screenshot('done', { overlay: true });

    const now = await api<Membership>(`/v1/programs/${programId}/vip-memberships/${corp.id}`);
    expect(now.members.map((m) => m.member.id)).not.toContain(memberId);
    expect((await api<{ status: string }>(`/v1/programs/${programId}/members/${memberId}`)).status).toBe('terminated');
    await page.getByRole('button', { name: /知道了|OK/ }).click();
    await expect.poll(() => page.getByTestId('member-terminate').count()).toBe(0);
    // the company's membership goes on; this member's seat in it is shown released
    await expect.poll(() => page.getByTestId('vip-seat-released').count()).toBe(1);
    await screenshot('member-page');
  });
});
