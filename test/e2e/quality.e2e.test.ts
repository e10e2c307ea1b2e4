// Quality review in the built console, in Debian's chromium against the real server and demo
// data: the quality team (demo staff `quality`, 孙质检) samples a closed case of 赵客服, scores
// it on the scorecard (compliance failed, so the review is 0 %), and sees 赵客服's quality score
// and review count move on the agents tab; then the agent (`service`) sees it under 我的质检.
// Screens: test-results/screenshots/quality-NN-name.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession, type Server } from './session.ts';

const session = browserSession('quality-');
const { screenshot } = session;

let server: Server;
let page: Page;

describe('quality review in the console', () => {
  beforeAll(async () => { ({ server, page } = await session.start()); }, 300_000);
  afterAll(() => session.stop());

  const agentRow = () => page.getByTestId('agents-table').locator('tbody tr', { hasText: '赵客服' });
  const figures = async () => ({
    quality: (await agentRow().getByTestId('agent-quality').textContent())!.trim(),
    reviews: Number((await agentRow().getByTestId('agent-reviews').textContent())!.trim()),
  });

  it('the quality team samples a closed case, scores it, and sees the agent\'s score move', async () => {
    expect(server.programId).toBeTruthy();
    await session.signIn(undefined, 'quality');
    await page.getByTestId('nav-quality').click();
    await page.getByTestId('quality-page').waitFor();
    await page.getByTestId('todo-table').locator('tbody tr').first().waitFor();
    const before = await page.getByTestId('todo-table').locator('tbody tr').count();
    await screenshot('todo');

    await page.getByTestId('tab-agents').click();
    await agentRow().waitFor();
    const was = await figures();
    expect(was.quality).toMatch(/^\d+\.\d%$/);
    await screenshot('agents-before');

    // a random sample of one closed case of 赵客服, to myself
    await page.getByTestId('tab-samples').click();
    const form = page.getByTestId('sample-form');
    await form.waitFor();
    await form.locator('.ant-form-item', { hasText: '坐席' }).locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '赵客服' }).click();
    await form.locator('.ant-form-item', { hasText: '数量' }).locator('input').fill('1');
    await screenshot('sample-form');
    await page.getByTestId('sample-create').click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('已抽取 1 个工单');
    await screenshot('sampled');

    await page.getByTestId('tab-todo').click();
    await expect.poll(() => page.getByTestId('todo-table').locator('tbody tr').count()).toBe(before + 1);
    const row = page.getByTestId('todo-table').locator('tbody tr').last();
    expect(await row.textContent()).toContain('赵客服');
    await row.getByRole('button').click();
    const review = page.getByTestId('review-form');
    await review.waitFor();
    for (const [key, value] of [['greeting', '2'], ['diagnosis', '4'], ['solution', '4'], ['compliance', '0'], ['records', 'na']]) {
      await page.getByTestId(`score-${key}-${value}`).click();
    }
    await page.getByTestId('review-overall').fill('未核验会员身份即办理业务。');
    await screenshot('review-form');
    await page.getByTestId('review-submit').click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('已提交，得分 0.0%');
    await expect.poll(() => page.getByTestId('todo-table').locator('tbody tr').count()).toBe(before);

    await page.getByTestId('tab-agents').click();
    await agentRow().waitFor();
    await expect.poll(async () => (await figures()).reviews).toBe(was.reviews + 1);
    const now = await figures();
    expect(Number.parseFloat(now.quality)).toBeLessThan(Number.parseFloat(was.quality));
    await screenshot('agents-after');

    await page.getByTestId('tab-calibration').click();
    await page.getByTestId('calibration').locator('.ant-card').first().waitFor();
    await screenshot('calibration');
    await page.getByTestId('tab-disputes').click();
    await page.getByTestId('disputes-table').locator('tbody tr').first().waitFor();
    await screenshot('disputes');
    await page.getByTestId('tab-scorecards').click();
    await expect.poll(() => page.getByTestId('scorecards').textContent()).toContain('合规');
    await screenshot('scorecards');
  });

  it('the agent sees their reviews under 我的质检 with the dispute\'s state', async () => {
    await page.getByTestId('sign-out').click();
    await page.getByTestId('username-input').waitFor();
    await session.signIn(undefined, 'service');
    await page.getByTestId('nav-my-quality').click();
    await expect.poll(() => page.getByTestId('my-reviews').textContent()).toContain('处理中');
    const text = await page.getByTestId('my-reviews').textContent();
    expect(text).toContain('关键项不合格');
    await screenshot('mine');
  });
});
