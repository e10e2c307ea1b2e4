// Surveys in the built console, in Debian's chromium against the real server and demo data:
// the demo CSAT survey's results with its charts; a custom survey built in the builder (rating,
// single choice, multiple choice, text) with its preview; a member answering their link on a
// phone-sized page; the results and the member's card moved by that answer; an agent following a
// low score up in a case (once, however often the button is pressed).
// Screens: test-results/screenshots/surveys-NN-name.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession, pickOption, type Server } from './session.ts';

const session = browserSession('surveys-');
const { screenshot } = session;

let server: Server;
let page: Page;

describe('surveys in the console', () => {
  beforeAll(async () => { ({ server, page } = await session.start()); }, 300_000);
  afterAll(() => session.stop());

  it('shows the demo CSAT results, builds a custom survey, and an answer given through a link moves its results', async () => {
    const programId = await session.signIn(undefined, 'marketing');
    await page.getByTestId('nav-surveys').click();
    await expect.poll(() => page.getByTestId('surveys-table').textContent()).toContain('服务满意度调查');
    await screenshot('list');

    // the demo CSAT survey: figures, the trend and the breakdowns by store, tier and agent
    await page.getByText('服务满意度调查').click();
    await page.getByTestId('trend-chart').waitFor();
    await page.getByTestId('by-agent-chart').waitFor();
    expect(await page.getByTestId('figure-value').textContent()).toMatch(/\d+(\.\d)?%/);
    await expect.poll(() => page.getByTestId('comments-table').textContent()).toMatch(/[\u4e00-\u9fa5]/);
    await screenshot('csat-results');

    // build a custom survey: the four kinds of question, the preview beside them
    await page.getByTestId('nav-surveys').click();
    await page.getByTestId('survey-new').click();
    await page.getByTestId('builder-title').fill('周末活动反馈');
    await page.getByTestId('builder-intro').fill('感谢参加周末亲子活动，请告诉我们您的感受。');
    await page.getByTestId('add-rating').click();
    await page.getByTestId('question-0-label').fill('活动整体满意度');
    await page.getByTestId('add-single').click();
    await page.getByTestId('question-1-label').fill('您是怎么知道这个活动的？');
    await page.getByTestId('question-1-options').fill('会员短信\n公众号\n朋友推荐');
    await page.getByTestId('add-multiple').click();
    await page.getByTestId('question-2-label').fill('您喜欢哪些环节？');
    await page.getByTestId('question-2-options').fill('手工\n抽奖\n表演');
    await page.getByTestId('add-text').click();
    await page.getByTestId('question-3-label').fill('还有什么建议？');
    await expect.poll(() => page.getByTestId('builder-preview').textContent()).toContain('朋友推荐');
    await screenshot('builder');
    await page.getByTestId('builder-save').click();
    await expect.poll(() => page.getByTestId('survey-title').textContent()).toBe('周末活动反馈');
    expect(await page.getByTestId('figure-answered').textContent()).toContain('0');
    await screenshot('new-survey-empty');

    // sent from the console to a segment of members who consent to marketing; one of them gets the link through the relay
    const s = server.services;
    const seg = await fetch(`${server.url}/v1/programs/${programId}/segments`, {
      method: 'POST', headers: { Authorization: `Bearer ${server.bootstrapKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: '同意营销的会员', conditions: { marketing_consent: true } }),
    });
    expect(seg.status).toBe(201);
    await page.getByTestId('survey-send').click();
    await pickOption(page, 'send-segment', '同意营销的会员');
    await screenshot('send', { overlay: true });
    await page.getByTestId('send-survey-form-submit').click();
    await page.getByTestId('send-survey-form-submit').waitFor({ state: 'detached' });
    const invited = Number(await page.getByTestId('figure-invited').textContent().then((x) => x!.replace(/\D/g, '')));
    expect(invited).toBeGreaterThan(1);
    // a member who reads Chinese: the page opens in the member's language (one demo member in ten reads English)
    const consenting = [...await s.members.marketingConsent(programId, await s.members.activeIds(programId))].sort();
    const memberId = (await s.members.masked(programId, consenting)).find((m) => m.language === 'zh')!.id;
    await s.notifications.run({ programId });
    const message = (await s.notifications.messages(programId, { member_id: memberId, limit: 20 })).items.find((m) => m.template_key === 'survey.custom')!;
    const token = /\/s\/([A-Za-z0-9_-]+)/.exec(message.body)![1]!;

    const phone = await page.context().browser()!.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    await phone.goto(`${server.url}/s/${token}`);
    await phone.getByText('活动整体满意度').waitFor();
    await phone.screenshot({ path: 'test-results/screenshots/surveys-member-1-form.png', fullPage: true });
    // submitted without the required rating: the form comes back naming it, what was chosen kept
    await phone.getByLabel('朋友推荐').check();
    await phone.getByRole('button', { name: '提交' }).click();
    await phone.getByText('请回答此题').waitFor();
    expect(await phone.getByLabel('朋友推荐').isChecked()).toBe(true);
    await phone.screenshot({ path: 'test-results/screenshots/surveys-member-2-missing.png', fullPage: true });
    await phone.locator('label:has(input[type=radio][value="4"]) span').click();
    await phone.getByLabel('抽奖').check();
    await phone.getByLabel('表演').check();
    await phone.locator('textarea').fill('希望多办几场');
    await phone.getByRole('button', { name: '提交' }).click();
    await phone.getByText('感谢您的反馈').waitFor();
    await phone.screenshot({ path: 'test-results/screenshots/surveys-member-3-thanks.png', fullPage: true });
    // the link is used up
    await phone.goto(`${server.url}/s/${token}`);
    await phone.getByText('您已提交过本次调查').waitFor();
    await phone.close();

    // the results moved: one answer, its rating, its choices and its comment
    await page.reload();
    await expect.poll(() => page.getByTestId('figure-answered').textContent()).toContain('1');
    expect(await page.getByTestId('figure-value').textContent()).toContain('4.00');
    expect(await page.getByTestId('figure-rate').textContent()).toContain(`${Math.round(1000 / invited) / 10}%`);
    expect(await page.getByTestId('question-counts').textContent()).toContain('朋友推荐 · 1');
    await expect.poll(() => page.getByTestId('comments-table').textContent()).toContain('希望多办几场');
    await screenshot('new-survey-answered');

    // the member's page lists it, answered
    await page.goto(`${server.url}/members/${memberId}`);
    const card = page.getByTestId('member-surveys-card');
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain('周末活动反馈');
    expect(await card.textContent()).toContain('已作答');
    await card.scrollIntoViewIfNeeded();
    await screenshot('member-card');
  });

  it('follows a low CSAT score up in a case, once', async () => {
    await page.context().clearCookies();
    await session.signIn(undefined, 'service');
    await page.getByTestId('nav-surveys').click();
    await page.getByText('服务满意度调查').click();
    const button = page.locator('[data-testid^="follow-up-"]').first();
    await button.waitFor();
    const answer = (await button.getAttribute('data-testid'))!;
    await button.click();
    await page.getByTestId('case-page').waitFor();
    await expect.poll(() => page.getByTestId('case-page').textContent()).toContain('满意度回访');
    const number = await page.getByTestId('case-number').textContent();
    await screenshot('follow-up-case');
    // pressed again: the case it opened, not a second one
    await page.goBack();
    await page.getByTestId(answer).click();
    await page.getByTestId('case-page').waitFor();
    await expect.poll(() => page.getByTestId('case-number').textContent()).toBe(number);
  });
});
