// Data rights in the built console, in Debian's chromium against the real server and demo
// data: the request list with the overdue one in red; a clerk files a copy request for a
// member found by name, completes it and downloads the copy (JSON and the printable page);
// files a deletion, reads what stays, confirms, and the member is anonymised; the retention
// screen shows the periods and a dry run's counts.
// Screens are saved to test-results/screenshots/rights-NN-name.png (git-ignored) for a look.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession, type Server } from './session.ts';

const session = browserSession('rights-');
const { api, screenshot } = session;
interface Request { id: string; kind: string; status: string; overdue: boolean; member: { id: string; erased: boolean } }

let server: Server;
let page: Page;

describe('data rights in the console', () => {
  beforeAll(async () => { ({ server, page } = await session.start()); }, 300_000);
  afterAll(() => session.stop());

  it('files and completes a copy, downloads it, files and completes a deletion, and runs retention dry', async () => {
    const programId = server.programId!;
    const base = `/v1/programs/${programId}`;
    const enrol = async (phone: string, name: string) => {
      const r = await fetch(`${server.url}${base}/members`, {
        method: 'POST', headers: { Authorization: `Bearer ${server.bootstrapKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ phone, name }),
      });
      expect(r.status).toBe(201);
      return (await r.json() as { id: string }).id;
    };
    const copyOf = await enrol('13700001111', '欧阳副本');
    const eraseMe = await enrol('13700002222', '司马删除');
    // a complaint of the member's with a recording Patron only references: erasure tells the clerk to delete the file
    const post = async (path: string, body: object) => {
      const r = await fetch(`${server.url}${base}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${server.bootstrapKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      expect(r.status, await r.clone().text()).toBeLessThan(300);
      return await r.json() as { id: string };
    };
    const complaint = await post('/cases', { type: 'complaint', channel: 'phone', subject: '司马删除投诉停车收费', description: '司马删除来电：停车收费不合理', member_id: eraseMe });
    await post(`/cases/${complaint.id}/attachments`, { name: '司马删除-来电录音.mp3', content_type: 'audio/mpeg', size: 48000, url: 'store://cases/rec-0001.mp3' });
    await session.signIn();

    await page.getByTestId('nav-rights').click();
    await page.getByTestId('rights-table').locator('tbody tr').first().waitFor();
    const overdue = (await api<{ items: Request[] }>(`${base}/rights-requests?overdue=true`)).items;
    expect(overdue.length).toBeGreaterThan(0);
    await page.getByTestId(`overdue-${overdue[0]!.id}`).waitFor();
    await screenshot('list');

    // a copy request for a member found by name
    const file = async (memberName: string, kind: '查阅复制' | '删除') => {
      await page.getByTestId('rights-file').click();
      // picked again when a busy machine let the click on an option miss (the search answers late)
      const field = (id: string) => page.locator('.ant-form-item', { has: page.getByTestId(id) });
      const member = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: memberName }).first();
      await expect.poll(async () => {
        if (!(await member.isVisible())) {
          await page.getByTestId('rights-member').click();
          await page.keyboard.press('Control+A');
          await page.keyboard.type(memberName);
        }
        await member.click({ timeout: 5_000 }).catch(() => undefined);
        return field('rights-member').textContent();
      }, { timeout: 30_000 }).toContain(memberName);
      const option = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${kind}"]`);
      await expect.poll(async () => {
        if (!(await option.isVisible())) await page.getByTestId('rights-kind').click();
        await option.click({ timeout: 5_000 }).catch(() => undefined);
        return field('rights-kind').textContent();
      }, { timeout: 30_000 }).toContain(kind);
    };
    await file('欧阳副本', '查阅复制');
    await screenshot('file-copy', { overlay: true });
    await page.getByTestId('rights-file-form-submit').click();
    await page.getByTestId('rights-drawer').waitFor();
    await expect.poll(async () => (await api<{ items: Request[] }>(`${base}/rights-requests?member_id=${copyOf}`)).items.length).toBe(1);
    await page.getByTestId('rights-complete').click();
    await page.getByTestId('rights-download-json').waitFor();
    await expect.poll(() => page.getByTestId('rights-result').textContent()).toMatch(/共 \d+ 类数据 \d+ 条记录/);
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('rights-download-json').click()]);
    const data = JSON.parse(await (await import('node:fs/promises')).readFile((await json.path())!, 'utf8')) as { sections: { table: string; rows: { name?: string; phone?: string }[] }[] };
    expect(data.sections.find((x) => x.table === 'members')!.rows[0]).toMatchObject({ name: '欧阳副本', phone: '13700001111' });
    const [html] = await Promise.all([page.waitForEvent('download'), page.getByTestId('rights-download-html').click()]);
    expect(await (await import('node:fs/promises')).readFile((await html.path())!, 'utf8')).toContain('个人信息副本');
    await screenshot('copy-done', { overlay: true });
    await page.keyboard.press('Escape');

    // a deletion: the confirmation says what stays
    await file('司马删除', '删除');
    await page.getByTestId('rights-file-form-submit').click();
    await page.getByTestId('rights-drawer').waitFor();
    await page.getByTestId('rights-complete').click();
    await page.getByTestId('rights-erasure-keeps').waitFor();
    await expect.poll(() => page.getByTestId('rights-erasure-keeps').textContent()).toContain('积分流水');
    await screenshot('erase-confirm', { overlay: true });
    await page.getByTestId('rights-erasure-ok').click();
    await expect.poll(async () => (await api<{ items: Request[] }>(`${base}/rights-requests?member_id=${eraseMe}`)).items[0]?.status).toBe('completed');
    const member = await api<{ name: string | null; status: string; status_reason: string }>(`${base}/members/${eraseMe}`);
    expect(member).toMatchObject({ name: null, status: 'terminated', status_reason: 'erased' });
    await expect.poll(() => page.getByTestId('rights-result').textContent()).toContain('已删除个人信息');
    await expect.poll(() => page.getByTestId('rights-result-attachments').textContent()).toContain('1 个案件附件');
    const erasedCase = await api<{ number: string; subject: string; description: string }>(`${base}/cases/${complaint.id}`);
    expect(erasedCase).toMatchObject({ number: expect.stringMatching(/^C-\d{4}-\d{6}$/), subject: '[已删除]', description: '[已删除]' });
    await screenshot('erased', { overlay: true });
    await page.keyboard.press('Escape');

    // retention: periods and a dry run
    await page.getByTestId('nav-retention').click();
    await page.getByTestId('retention-table').locator('tbody tr').first().waitFor();
    const runsBefore = (await api<{ items: unknown[] }>(`${base}/retention/runs`)).items.length;
    await page.getByTestId('retention-dry-run').click();
    await expect.poll(async () => (await api<{ items: unknown[] }>(`${base}/retention/runs`)).items.length).toBe(runsBefore + 1);
    await expect.poll(() => page.getByTestId('retention-runs').locator('[data-actor]').allTextContents()).toContain('王经理');
    await screenshot('retention');

    // English
    await page.getByTestId('lang-en').click();
    await page.getByTestId('nav-rights').click();
    await page.getByTestId('rights-table').locator('tbody tr').first().waitFor();
    await expect.poll(() => page.getByText('Data-rights requests').count()).toBeGreaterThan(0);
    await screenshot('list-en');

    // the printable copy as the member reads it
    const req = (await api<{ items: Request[] }>(`${base}/rights-requests?member_id=${copyOf}`)).items[0]!;
    const res = await fetch(`${server.url}${base}/rights-requests/${req.id}/export.html`, { headers: { Authorization: `Bearer ${server.bootstrapKey}` } });
    await page.setContent(await res.text());
    await screenshot('printable');
  }, 240_000);
});
