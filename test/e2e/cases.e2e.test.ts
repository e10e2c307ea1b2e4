// The service desk in the built console, in Debian's chromium against the real server and
// demo data: the agent (demo staff `service`) opens the queue, takes an unassigned complaint,
// adds an internal note, records the solution and tells the member through the portal; the
// case shows its working-day deadlines (003 §7.2: a reply within 3 working days of receipt, the
// outcome told within 5 working days of the solution), computed here from the official calendar.
// Screens: test-results/screenshots/cases-NN-name.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officialCalendar } from '../../src/platform/calendar.ts';
import { browserSession, type Server } from './session.ts';

const session = browserSession('cases-');
const { screenshot } = session;

let server: Server;
let page: Page;

describe('the service desk in the console', () => {
  beforeAll(async () => { ({ server, page } = await session.start()); }, 300_000);
  afterAll(() => session.stop());

  it('an agent takes a complaint from the queue, notes, records a solution and tells the member', async () => {
    expect(server.programId).toBeTruthy();
    await session.signIn(undefined, 'service');
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('case-queue').waitFor();
    await page.getByTestId('case-table').locator('tbody tr').first().waitFor();
    await screenshot('queue-mine');

    await page.getByTestId('tab-unassigned').click();
    const row = page.getByTestId('case-table').locator('tbody tr', { hasText: '积分未到账' });
    await row.waitFor();
    await screenshot('queue-unassigned');
    const number = (await row.locator('td').first().textContent())!.trim();
    expect(number).toMatch(/^C-\d{4}-\d{6}$/);
    // the queue shows the deadline the agent works against: the reply, due in working days
    expect(await page.getByTestId(`due-${number}`).textContent()).toContain('首次响应');
    await page.getByTestId(`take-${number}`).click();

    await page.getByTestId('case-page').waitFor();
    await expect.poll(() => page.getByTestId('case-number').textContent()).toBe(number);
    await expect.poll(() => page.getByTestId('assignee').textContent()).toContain('赵客服');
    // the reply is due 3 working days after receipt, in the program's zone (Asia/Shanghai)
    const caseId = page.url().split('/').at(-1)!;
    const detail = await fetch(`${server.url}/v1/programs/${server.programId}/cases/${caseId}`, { headers: { Authorization: `Bearer ${server.bootstrapKey}` } });
    const openedAt = new Date((await detail.json() as { opened_at: string }).opened_at);
    const calendar = officialCalendar('Asia/Shanghai');
    const clockRow = (metric: string) => page.getByTestId('sla-clocks').locator('tr', { has: page.getByTestId(`clock-status-${metric}`) });
    await clockRow('first_response').waitFor();
    expect(await clockRow('first_response').textContent()).toContain('3 个工作日');
    expect(await clockRow('first_response').textContent()).toContain(calendar.addWorkingDays(openedAt, 3).date);
    await screenshot('case-taken');

    await page.getByTestId('action-investigate').click();
    await page.getByTestId('action-record_solution').waitFor();
    await page.getByTestId('mode-note').click();
    await page.getByTestId('reply-text').fill('已查到 3 月 2 日小票，POS 上传失败，需补录。');
    await page.getByTestId('reply-send').click();
    await expect.poll(() => page.getByTestId('case-timeline').textContent()).toContain('POS 上传失败');
    await screenshot('note-added');

    await page.getByTestId('action-record_solution').click();
    await page.getByTestId('action-text').fill('补录消费，补发 1,280 积分，并致歉。');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('solution').textContent()).toContain('补发 1,280 积分');
    // the outcome is due 5 working days after the solution (a holiday in between moves it)
    const solvedAt = new Date();
    await clockRow('outcome').waitFor();
    expect(await clockRow('outcome').textContent()).toContain('5 个工作日');
    expect(await clockRow('outcome').textContent()).toContain(calendar.addWorkingDays(solvedAt, 5).date);
    await screenshot('solution-recorded');

    await page.getByTestId('action-tell_outcome').click();
    await page.getByTestId('tell-body').fill('您好，您的积分已补发 1,280 分，给您带来不便深表歉意。');
    await screenshot('tell-dialog');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await page.getByTestId('action-confirm').waitFor();
    const timeline = await page.getByTestId('case-timeline').textContent();
    expect(timeline).toContain('已补发 1,280 分');
    expect(timeline).toContain('已发送');
    expect(await page.locator('.ant-card-head').first().textContent()).toContain('已告知客户');
    // told: the outcome clock is met, and the first response with it
    await expect.poll(() => page.getByTestId('clock-status-outcome').textContent()).toBe('已达成');
    await screenshot('member-told');

    // the member's page lists the case
    await page.getByTestId('member-link').click();
    await page.getByTestId('member-cases-card').locator('tbody tr').first().waitFor();
    await page.getByTestId('member-cases-card').scrollIntoViewIfNeeded();
    await screenshot('member-cases');
    await expect.poll(() => page.getByTestId('member-cases-card').textContent()).toContain(number);
  });

  it('shows the agent a colleague\'s case without the reassign control (a supervisor moves it)', async () => {
    const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}/v1/programs/${server.programId}${path}`, {
      ...init, headers: { Authorization: `Bearer ${server.bootstrapKey}`, 'content-type': 'application/json' },
    });
    const agents = (await (await api('/cases/agents')).json() as { items: { id: string; display_name: string }[] }).items;
    const colleague = agents.find((a) => a.display_name !== '赵客服')!;
    const someCase = (await (await api('/cases?assignee=any&limit=1')).json() as { items: { member_id: string }[] }).items[0]!;
    const opened = await (await api('/cases', { method: 'POST', body: JSON.stringify({ type: 'service_request', channel: 'phone', subject: '同事的工单', member_id: someCase.member_id, route: false }) })).json() as { id: string };
    expect((await api(`/cases/${opened.id}/assign`, { method: 'POST', body: JSON.stringify({ assignee_id: colleague.id }) })).status).toBe(200);

    await page.goto(`${server.url}/cases/${opened.id}`);
    await page.getByTestId('case-page').waitFor();
    await expect.poll(() => page.getByTestId('assignee-name').textContent()).toContain(colleague.display_name);
    expect(await page.getByTestId('assignee').count()).toBe(0);
    await page.getByTestId('reassign-locked').hover();
    await expect.poll(() => page.locator('.ant-tooltip').textContent()).toContain('他人的工单须由主管改派');
    await screenshot('colleague-case');
  });
});
