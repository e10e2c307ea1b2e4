// The working-day calendar in the built console, in Debian's chromium against the real
// server and demo data: 2027 shown unknown in orange with the banner; a date checked across
// the 2026 golden week; a closure added and removed, the deadline it moved named each time; a 2027 file pasted and loaded, and the
// data-rights deadline it moved named (provisional in the rights list before, not after). Screens: test-results/screenshots/calendar-NN-name.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession, type Server } from './session.ts';

const session = browserSession('calendar-');
const { screenshot } = session;

let server: Server;
let page: Page;

const YEAR_2027 = { year: 2027, days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }, { name: '春节', date: '2027-02-08', isOffDay: true }] };

describe('the calendar in the console', () => {
  beforeAll(async () => { ({ server, page } = await session.start()); }, 300_000);
  afterAll(() => session.stop());

  it('warns about 2027, checks a date, keeps a closure, and loads 2027 naming the moved deadline', async () => {
    const programId = server.programId!;
    const base = `/v1/programs/${programId}`;
    const call = async (path: string, body: object) => {
      const r = await fetch(`${server.url}${base}${path}`, {
        method: 'POST', headers: { Authorization: `Bearer ${server.bootstrapKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
      expect(r.status, await r.clone().text()).toBe(201);
      return await r.json() as { id: string; member_no: string; due_on: string; due_provisional: boolean };
    };
    const member = await call('/members', { phone: '13700003333', name: '诸葛期限' });
    const request = await call('/rights-requests', { member_id: member.id, kind: 'copy', channel: 'counter', received_at: '2026-12-15T10:00:00+08:00' });
    expect(request).toMatchObject({ due_on: '2027-01-05', due_provisional: true });
    await session.signIn();

    // the rights list marks the deadline provisional
    await page.getByTestId('nav-rights').click();
    await page.getByTestId(`provisional-${request.id}`).waitFor();
    await screenshot('rights-provisional');

    await page.getByTestId('nav-calendar').click();
    const banner = page.getByTestId('calendar-unknown-banner');
    await expect.poll(() => banner.textContent()).toContain('2027');
    expect(await page.getByTestId('year-status-2027').textContent()).toContain('待定');
    expect(await page.getByTestId('year-status-2026').textContent()).toContain('官方');
    // the demo's anniversary closure is listed
    await expect.poll(() => page.getByTestId('overrides-table').textContent()).toContain('店庆');
    await screenshot('unknown-year');

    // 15 working days after Tue 29 Sep 2026: the golden week skipped, the make-up Saturday counted
    await page.getByTestId('check-date').fill('2026-09-29');
    await page.keyboard.press('Enter');
    await page.getByTestId('check-ask').click();
    await expect.poll(() => page.getByTestId('check-answer').textContent()).toContain('2026-10-26');

    // a closure of the program's own, then removed
    await page.getByTestId('override-date').fill('2026-12-24');
    await page.keyboard.press('Enter');
    await page.getByTestId('override-note').fill('年终盘点');
    await page.getByTestId('override-add').click();
    await expect.poll(() => page.getByTestId('overrides-table').textContent()).toContain('年终盘点');
    // the request's 15 working days step over the closure: the answer says what moved
    const moved = page.getByTestId('overrides-moved');
    // named as an operator finds it: the request's kind and the member's number
    await expect.poll(() => moved.textContent()).toContain(`查阅复制请求（会员 ${member.member_no}）：2027-01-05 → 2027-01-06`);
    expect(await moved.textContent()).toMatch(/\d+ 个处理期限已按新日历重新计算/);
    await screenshot('closure-and-check');
    await page.getByTestId('override-remove-2026-12-24').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('overrides-table').textContent()).not.toContain('年终盘点');
    await expect.poll(() => moved.textContent()).toContain(`查阅复制请求（会员 ${member.member_no}）：2027-01-06 → 2027-01-05`);

    // load 2027: 1 Jan is a holiday, the request's deadline moves from 5 to 6 Jan
    await page.getByTestId('year-load-open').click();
    await page.getByTestId('year-json').fill(JSON.stringify(YEAR_2027));
    await page.getByTestId('year-load-submit').click();
    const result = page.getByTestId('year-load-result');
    await expect.poll(() => result.textContent()).toContain('2027-01-05 → 2027-01-06');
    expect(await result.textContent()).toContain(member.member_no);
    await screenshot('year-loaded');
    await page.getByTestId('year-load-submit').click();
    await expect.poll(() => page.getByTestId('year-status-2027').textContent()).toContain('已导入');
    expect(await banner.textContent()).not.toContain('2027');
    await screenshot('after-load');
    await page.getByTestId('nav-rights').click();
    await page.getByTestId('rights-table').locator('tbody tr').first().waitFor();
    expect(await page.getByTestId(`provisional-${request.id}`).count()).toBe(0);

    // in English too
    await page.getByTestId('lang-en').click();
    await page.getByTestId('nav-calendar').click();
    await expect.poll(() => page.getByTestId('year-status-2027').textContent()).toContain('Loaded');
    // who loaded it, by name (not stf_…)
    await expect.poll(() => page.getByTestId('years-table').locator('[data-actor]').allTextContents()).toEqual(['王经理']);
    expect(await page.getByTestId('calendar-unknown-banner').textContent()).toContain('provisional');
    await screenshot('english');
  });
});
