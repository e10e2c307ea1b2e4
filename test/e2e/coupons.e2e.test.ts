// Coupons in the built console, in Debian's chromium against the real server and demo data:
// a cashier looks a code up (its state in words and big letters), validates it for a
// basket, uses it, and is refused a second use with when and where; the operator sees the
// coupon types, generates a batch and watches it finish, and issues a goodwill coupon on a
// member's page. Screens go to test-results/screenshots/coupons-NN-name.png (git-ignored).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession, type Server } from './session.ts';

const session = browserSession('coupons-');
const { api, screenshot } = session;
interface Coupon { code: string; state: string; member_id: string | null; kind: string; batch_id: string | null }

let server: Server;
let page: Page;
/** The text box of an antd input, whether the test id sits on it or on its wrapper (search, addon). */
const input = (id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();

describe('coupons in the console', () => {
  beforeAll(async () => { ({ server, page } = await session.start()); }, 300_000);
  afterAll(() => session.stop());

  it('looks a code up, validates, uses it once, generates a batch and issues a goodwill coupon', async () => {
    const programId = server.programId!;
    const base = `/v1/programs/${programId}`;
    const batchCode = (await api<{ items: Coupon[] }>(`${base}/coupons?status=issued&limit=5`)).items.find((c) => c.batch_id && c.state === 'available')!;
    expect(batchCode).toBeDefined();

    await session.signIn();

    await page.getByTestId('nav-coupons').click();
    await input('coupon-code-input').fill(batchCode.code.replaceAll('-', '').toLowerCase());
    await input('coupon-code-input').press('Enter');
    await expect.poll(() => page.getByTestId('coupon-big-code').textContent(), { timeout: 15_000 }).toBe(batchCode.code);
    expect(await page.getByTestId('coupon-state').textContent()).toBe('可使用');
    await screenshot('lookup');

    await input('coupon-basket').fill('150');
    await page.getByTestId('coupon-validate').click();
    await expect.poll(() => page.getByTestId('coupon-outcome').textContent()).toContain('本单可减 ¥20.00');
    await expect.poll(() => page.getByTestId('coupon-state').textContent()).toBe('收银台占用中');
    await input('coupon-receipt').fill('R-E2E-1');
    await page.getByTestId('coupon-consume').click();
    await expect.poll(() => page.getByTestId('coupon-outcome').textContent()).toContain('已核销');
    await expect.poll(() => page.getByTestId('coupon-state').textContent()).toBe('已使用');
    await screenshot('used');
    await page.getByTestId('coupon-consume').click();
    await expect.poll(() => page.getByTestId('coupon-outcome').textContent()).toContain('该券已使用');
    // said where: the till's store (the first in the picker)
    expect(await page.getByTestId('coupon-outcome').textContent()).toMatch(/已于 .+ 在杭州西湖店使用/);
    await screenshot('refused');

    // another code from the batch, handed out by mistake: voided with a reason, then refused
    const other = (await api<{ items: Coupon[] }>(`${base}/coupons?status=issued&limit=20`)).items.find((c) => c.batch_id && c.state === 'available' && c.code !== batchCode.code)!;
    await input('coupon-code-input').fill(other.code);
    await input('coupon-code-input').press('Enter');
    await expect.poll(() => page.getByTestId('coupon-big-code').textContent(), { timeout: 15_000 }).toBe(other.code);
    await page.getByTestId('coupon-void').click();
    await input('coupon-void-reason').fill('误发给非会员');
    await page.locator('.ant-popconfirm .ant-btn-dangerous').click();
    await expect.poll(() => page.getByTestId('coupon-outcome').textContent()).toContain('已作废');
    await expect.poll(() => page.getByTestId('coupon-state').textContent()).toBe('已作废');
    expect((await api<Coupon & { reason: string }>(`${base}/coupons/${other.code}`)).reason).toBe('误发给非会员');
    await screenshot('voided');

    await page.getByRole('tab', { name: '券类型' }).click();
    await page.getByTestId('coupon-type-table').getByText('满100减20').waitFor();
    await screenshot('types');

    await page.getByRole('tab', { name: '批量生成' }).click();
    await page.getByTestId('batch-type').click();
    await page.getByTitle('九折券（最高减50）').click();
    await input('batch-quantity').fill('300');
    await page.getByTestId('batch-create').click();
    await expect.poll(() => page.getByTestId('batch-table').getByText('已完成 · 300 / 300').count(), { timeout: 30_000 }).toBe(1);
    await screenshot('batches');

    const members = await server.services.members.tierPage(programId, null, 5);
    const memberId = members[0]!.id;
    await page.goto(`${server.url}/members/${memberId}`);
    await page.getByTestId('member-coupons').waitFor();
    await page.getByTestId('coupon-goodwill').click();
    await page.getByTestId('goodwill-type').click();
    await page.getByTitle('满100减20').click();
    await page.getByTestId('goodwill-reason').fill('投诉补偿：商品缺货');
    await page.getByTestId('goodwill-form-submit').click();
    await expect.poll(() => page.getByTestId('member-coupons').getByText('客服补偿 · 投诉补偿：商品缺货').count()).toBe(1);
    await page.getByTestId('member-coupons').scrollIntoViewIfNeeded();
    await screenshot('member');
    const mine = await api<{ items: Coupon[] }>(`${base}/coupons?member_id=${memberId}`);
    expect(mine.items.some((c) => c.state === 'available')).toBe(true);
  }, 180_000); // a long flow (till, batch job, goodwill): minutes when the whole suite shares two cores
});
