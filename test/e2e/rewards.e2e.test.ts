// The rewards catalogue in the built console, in Debian's chromium against the real server
// and demo data (issue 9): an operator adds a reward with stock 1, redeems it for a member on
// the member's page, fulfils it in the redemptions queue with the pickup code, sees the stock
// at 0, and a second redemption is refused as out of stock.
// Every screen is saved to test-results/screenshots/rewards-NN-name.png (git-ignored).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession, pickOption, type Server } from './session.ts';

const NAME = '限量签名球衣';
const session = browserSession('rewards-');
const { api, screenshot } = session;
interface Reward { id: string; name: string; stock: number | null; redeemed: number }
interface Redemption { id: string; status: string; pickup_code: string | null; reward_id: string }

let server: Server;
let page: Page;

describe('rewards catalogue in the console', () => {
  beforeAll(async () => { ({ server, page } = await session.start()); }, 300_000);
  afterAll(() => session.stop());

  it('creates a reward with stock 1, redeems it for a member, fulfils it, sees stock 0 and a second redemption refused', async () => {
    const programId = server.programId!;
    // an active demo member with points to spare
    const ids = await server.services.members.activeIds(programId);
    let memberId = '';
    for (const id of ids) {
      const b = await api<{ available: number }>(`/v1/programs/${programId}/members/${id}/balance`);
      if (b.available >= 2_000) { memberId = id; break; }
    }
    expect(memberId).not.toBe('');

    await session.signIn();

    // The demo catalogue, with images, prices and stock
    await page.getByTestId('nav-rewards').click();
    await expect.poll(() => page.getByTestId('reward-table').textContent()).toContain('星河汇定制保温杯');
    await expect.poll(() => page.locator('[data-testid="reward-table"] img').count()).toBeGreaterThanOrEqual(8);
    await screenshot('catalogue');

    // A new reward with one in stock
    await page.getByTestId('reward-create').click();
    await page.getByTestId('reward-name').fill(NAME);
    await page.getByTestId('reward-points').fill('1000');
    await page.getByTestId('reward-stock').fill('1');
    await screenshot('reward-form', { overlay: true });
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/v1/programs/${programId}/rewards`));
    await page.getByTestId('reward-form-submit').click();
    const reward = (await (await created).json()) as Reward;
    expect(reward).toMatchObject({ name: NAME, stock: 1 });
    await expect.poll(() => page.getByTestId(`stock-${reward.id}`).textContent()).toBe('1');

    // Redeem it on the member's page
    // picks the reward in the form's search select; a single select closes its list once
    // an option is taken, so a click a busy machine let miss is made again
    const redeem = async () => {
      await page.getByTestId('redeem-reward').click();
      await page.getByTestId('redeem-reward-select').click();
      await page.keyboard.type(NAME);
      const option = page.locator('.ant-select-item-option', { hasText: NAME }).first();
      for (let attempt = 1; ; attempt++) {
        await option.click();
        try {
          await option.waitFor({ state: 'hidden', timeout: 5_000 });
          return;
        } catch (err) {
          if (attempt >= 3) throw err;
        }
      }
    };
    await page.goto(`${server.url}/members/${memberId}`);
    await page.getByTestId('member-reward-redemptions').waitFor();
    await redeem();
    await screenshot('redeem-form', { overlay: true });
    const redeemed = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/reward-redemptions'));
    await page.getByTestId('redeem-reward-form-submit').click();
    const redemption = (await (await redeemed).json()) as Redemption;
    expect(redemption).toMatchObject({ status: 'created', pickup_code: expect.stringMatching(/^\d{6}$/) });
    await page.getByTestId('redeem-reward-form').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('member-reward-redemptions').textContent()).toContain(redemption.pickup_code!);
    await screenshot('member-redemptions');

    // Fulfil it in the queue with the pickup code the member shows
    await page.getByTestId('nav-reward-redemptions').click();
    await page.getByTestId(`fulfil-${redemption.id}`).waitFor();
    await screenshot('queue');
    await page.getByTestId(`fulfil-${redemption.id}`).click();
    await page.getByTestId('fulfil-code').fill(redemption.pickup_code!);
    await page.getByTestId('fulfil-form-submit').click();
    await page.getByTestId(`fulfil-${redemption.id}`).waitFor({ state: 'detached' });
    expect((await api<Redemption>(`/v1/programs/${programId}/reward-redemptions/${redemption.id}`)).status).toBe('fulfilled');
    await pickOption(page, 'queue-status', '已完成');
    await expect.poll(() => page.getByTestId('redemption-table').textContent()).toContain(NAME);
    await screenshot('queue-fulfilled');

    // The stock is at 0 in the catalogue
    await page.getByTestId('nav-rewards').click();
    await expect.poll(() => page.getByTestId(`stock-${reward.id}`).textContent()).toBe('0');
    expect(await api<Reward>(`/v1/programs/${programId}/rewards/${reward.id}`)).toMatchObject({ stock: 0, redeemed: 1 });
    await screenshot('catalogue-stock-0');

    // A second redemption is refused: out of stock, said in the form
    await page.goto(`${server.url}/members/${memberId}`);
    await page.getByTestId('member-reward-redemptions').waitFor();
    await redeem();
    await page.getByTestId('redeem-reward-form-submit').click();
    await expect.poll(() => page.getByTestId('redeem-reward-form').textContent(), { timeout: 15_000 }).toContain('已兑完');
    await screenshot('second-redemption-refused', { overlay: true });
    expect((await api<{ total: number }>(`/v1/programs/${programId}/reward-redemptions?reward_id=${reward.id}`)).total).toBe(1);
  }, 300_000);
});
