// Quality review in the built console, in Debian's chromium against the real server and demo
// data: the quality team (demo staff `quality`, 孙质检) samples a closed case of 赵客服, scores
// it on the scorecard (compliance failed, so the review is 0 %), and sees 赵客服's quality score
// and review count move on the agents tab; makes a scorecard in the editor and changes the used
// demo one (version 2); then the agent (`service`) sees it under 我的质检.
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

  // the editor's fields: antd puts a data-testid on the input itself or on its wrapper
  const field = (id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`);
  const cardOf = (name: string) => page.getByTestId('scorecards').locator('.ant-card', { hasText: name });

  it('the quality team makes a scorecard with a critical category, and editing the used one makes version 2', async () => {
    await page.getByTestId('tab-scorecards').click();
    await page.getByTestId('scorecard-create').click();
    const editor = page.getByTestId('scorecard-editor');
    await editor.waitFor();
    await field('scorecard-name-zh').fill('电话回访评分表');
    await field('scorecard-name-en').fill('Call-back scorecard');
    await field('cat-name-zh-0').fill('开场与礼貌');
    await field('cat-name-en-0').fill('Opening and courtesy');
    await field('cat-key-0').fill('opening');
    await field('cat-weight-0').fill('70');
    await field('cat-max-0').fill('5');
    await field('cat-min-0').fill('1');
    await page.getByTestId('cat-na-0').click();
    await page.getByTestId('category-add').click();
    await field('cat-name-zh-1').fill('身份核验');
    await field('cat-name-en-1').fill('Identity check');
    await field('cat-key-1').fill('identity');
    await field('cat-weight-1').fill('30');
    await page.getByTestId('cat-critical-1').click();
    // saving a critical category without its pass mark: refused beside the field, nothing sent
    await page.getByTestId('scorecard-save').click();
    await expect.poll(() => editor.textContent()).toContain('关键项须设置合格线');
    await field('cat-pass-1').fill('0');
    await expect.poll(() => editor.textContent()).toContain('合格线须高于最低分且不超过最高分');
    await screenshot('scorecard-check', { overlay: true });
    await field('cat-pass-1').fill('2');
    await expect.poll(() => page.getByTestId('cat-reading-1').textContent()).toBe('权重 30% · 0–2 分 · 关键项，合格线 2');
    expect(await page.getByTestId('cat-reading-0').textContent()).toBe('权重 70% · 1–5 分 · 可选「不适用」');
    // reorder: the critical category first
    await page.getByTestId('category-up-1').click();
    await expect.poll(() => field('cat-name-zh-0').inputValue()).toBe('身份核验');
    await screenshot('scorecard-new', { overlay: true });
    await page.getByTestId('scorecard-save').click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('已新建评分表「电话回访评分表」');
    await expect.poll(() => cardOf('电话回访评分表').count()).toBe(1);
    const made = await cardOf('电话回访评分表').textContent();
    expect(made).toContain('v1');
    expect(made).toContain('合格线 2');
    expect(made!.indexOf('身份核验')).toBeLessThan(made!.indexOf('开场与礼貌'));
    await screenshot('scorecard-listed');

    // the demo scorecard has reviews on it: saving a change says, and makes, version 2
    const used = cardOf('服务质检评分表');
    expect(await used.getByTestId('scorecard-version').textContent()).toBe('v1');
    await used.getByTestId('scorecard-edit').click();
    await editor.waitFor();
    await expect.poll(() => page.getByTestId('scorecard-versioned').textContent()).toContain('保存后将生成新版本 v2');
    expect(await page.getByTestId('scorecard-save').textContent()).toContain('保存为新版本 v2');
    await field('cat-weight-0').fill('20');
    await screenshot('scorecard-used', { overlay: true });
    await page.getByTestId('scorecard-save').click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('已保存为新版本 v2');
    await expect.poll(async () => used.getByTestId('scorecard-version').textContent()).toBe('v2');
    expect(await used.locator('tbody tr', { hasText: '问候与礼貌' }).textContent()).toContain('20 (19%)');
    await screenshot('scorecard-v2');

    // a case sampled on v1 and not yet scored is now scored on v2
    await page.getByTestId('tab-todo').click();
    await page.getByTestId('todo-table').locator('tbody tr').first().getByRole('button').click();
    await expect.poll(() => page.getByTestId('category-greeting').textContent()).toContain('权重 20');
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
