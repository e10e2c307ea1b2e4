// The service desk's service levels in the built console, against the real server and the
// demo data: the monitor naming the demo cases by number, a VIP request unanswered past its
// 24 hours (002 §3.3) breached and escalated with its explained clocks, the
// policies with the built-in defaults, a policy added (a bad target refused beside its field),
// the desk's quiet hours, the alert bell, and a staff e-mail. Screens: test-results/screenshots/sla-NN-name.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession, pickOption, type Server } from './session.ts';

const session = browserSession('sla-');
const { screenshot } = session;

let server: Server;
let page: Page;

describe('service levels in the console', () => {
  beforeAll(async () => { ({ server, page } = await session.start()); }, 300_000);
  afterAll(() => session.stop());

  it('monitors breached clocks, lists policies with the defaults, adds one, keeps quiet hours and rings the bell', async () => {
    await session.signIn();
    void server;
    await page.getByTestId('nav-sla').click();
    await expect.poll(() => page.getByTestId('sla-overview').textContent()).toMatch(/C-\d{4}-\d{6}/);
    await screenshot('due-soon');

    await page.getByTestId('sla-view').getByText('已超时').click();
    await expect.poll(() => page.getByTestId('sla-overview').textContent()).toContain('已超时');
    // the breached request opened: its clocks with the explanation of its due time
    await page.getByTestId('sla-overview').locator('.ant-table-row-expand-icon').first().click();
    await expect.poll(() => page.getByTestId('clock-explanation-first_response').first().textContent()).toContain('24 小时');
    await screenshot('breached-explained');

    await page.getByTestId('tab-sla-policies').click();
    await expect.poll(() => page.getByTestId('sla-policies').textContent()).toContain('内置默认');
    await screenshot('policies');
    await page.getByTestId('add-sla-policy').click();
    await pickOption(page, 'policy-metric', '再次响应');
    await page.getByTestId('policy-target').fill('300');
    await page.getByTestId('sla-policy-form-submit').click();
    await expect.poll(() => page.getByTestId('sla-policy-form').textContent()).toContain('最多 250 个工作日');
    await screenshot('policy-refused', { overlay: true });
    await page.getByTestId('policy-target').fill('2');
    await page.getByTestId('sla-policy-form-submit').click();
    await expect.poll(() => page.getByTestId('sla-policies').textContent()).toContain('再次响应');

    await page.getByTestId('tab-sla-settings').click();
    await expect.poll(async () => page.getByTestId('quiet-start').inputValue()).toBe('22:00');
    await screenshot('settings');

    // the bell: the escalations reached the administrator (outside quiet hours)
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
    await page.getByTestId('alert-bell').click();
    await page.getByTestId('alert-list').waitFor();
    if (hour >= 8 && hour < 22) await expect.poll(() => page.getByTestId('alert-list').textContent()).toContain('超时升级');
    await screenshot('bell', { overlay: true });
    await page.keyboard.press('Escape');

    // an e-mail on a staff account
    await page.getByTestId('nav-staff').click();
    await expect.poll(() => page.getByTestId('staff-table').textContent()).toContain('wang.manager@patron-demo.cn');
    await screenshot('staff-email');
  });
});
