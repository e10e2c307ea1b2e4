// Notifications in the built console, in Debian's chromium against the real server and demo
// data: the 消息通知 screen lists each event's templates; a template's wording is changed
// with a preview of what a member reads; the message log shows the demo's failed SMS with its
// attempts and error, and resending it sends it; the member's page lists their messages, a
// member who reads English theirs from the en templates.
// Screens are saved to test-results/screenshots/notifications-NN-name.png (git-ignored).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession, type Server } from './session.ts';

const session = browserSession('notifications-');
const { api, screenshot } = session;
interface Template { id: string; key: string; channel: string; lang: string; body: string }
interface Message { id: string; member_id: string; status: string; attempts: number; last_error: string | null; lang: string; template_key: string }

let server: Server;
let page: Page;

describe('notifications in the console', () => {
  beforeAll(async () => { ({ server, page } = await session.start()); }, 300_000);
  afterAll(() => session.stop());

  it('edits a template with a preview, finds the failed SMS in the log, resends it, and shows a member\'s messages', async () => {
    const base = `/v1/programs/${server.programId!}/notifications`;
    await session.signIn();
    await page.getByTestId('nav-notifications').click();
    await page.getByTestId('templates-points.expiring').waitFor();
    await expect.poll(() => page.getByTestId('templates-points.expiring').textContent()).toContain('积分即将过期提醒');
    await screenshot('templates');

    // the zh SMS wording for expiring points, previewed with sample values, then saved
    await page.getByTestId('edit-template-points.expiring-sms-zh').click();
    const body = page.getByTestId('template-body');
    await body.fill('【星河汇】{{member_name}}，您有 {{points}} 积分将于 {{expires_on}} 到期，回复 TD 退订');
    await page.getByTestId('template-preview').click();
    await expect.poll(() => page.getByTestId('template-preview-result').textContent()).toContain('【星河汇】李雷，您有 1200 积分将于 2026-12-31 到期');
    await screenshot('preview', { overlay: true });
    await page.getByTestId('template-form-submit').click();
    await expect.poll(async () => (await api<{ items: Template[] }>(`${base}/templates`)).items.find((t) => t.key === 'points.expiring' && t.channel === 'sms' && t.lang === 'zh')?.body)
      .toContain('回复 TD 退订');

    // the log: the demo's failed SMS, with its attempts and the gateway's error; resent
    const [failed] = (await api<{ items: Message[] }>(`${base}/messages?status=failed`)).items;
    expect(failed).toMatchObject({ status: 'failed', attempts: 6 });
    await page.getByTestId('tab-log').click();
    const option = page.locator('.ant-select-item-option[title="发送失败"]');
    await expect.poll(async () => {
      if (!(await option.isVisible())) await page.getByTestId('message-status-filter').click();
      await option.click({ timeout: 5_000 }).catch(() => undefined);
      return page.getByTestId(`resend-${failed!.id}`).count();
    }, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('message-log').textContent()).toContain('号码已停机');
    await screenshot('log-failed');
    await page.getByTestId(`resend-${failed!.id}`).click();
    await expect.poll(async () => (await api<{ items: Message[] }>(`${base}/messages?member_id=${failed!.member_id}&channel=sms`)).items.find((m) => m.id === failed!.id)?.status).toBe('sent');

    // the member's page lists what reached them
    await page.goto(`${server.url}/members/${failed!.member_id}`);
    const card = page.getByTestId('member-messages-card');
    await card.waitFor();
    await card.scrollIntoViewIfNeeded();
    await expect.poll(() => card.textContent()).toContain('已发送');
    await expect.poll(() => card.textContent()).toContain('积分即将过期');
    await card.screenshot({ path: new URL('../../test-results/screenshots/notifications-member-card.png', import.meta.url).pathname, animations: 'disabled' });

    // a demo member who reads English got theirs from the en templates, and their page says so
    const english = (await api<{ items: Message[] }>(`${base}/messages?limit=200`)).items.find((m) => m.lang === 'en' && m.template_key === 'points.expiring')!;
    await page.goto(`${server.url}/members/${english.member_id}`);
    await expect.poll(() => page.getByTestId('member-language').textContent()).toBe('English');
    await card.waitFor();
    await card.scrollIntoViewIfNeeded();
    await expect.poll(() => card.textContent()).toContain('points are about to expire');
    expect(await card.getByTestId('message-lang').allTextContents()).toContain('英文');
    await card.screenshot({ path: new URL('../../test-results/screenshots/notifications-member-card-en.png', import.meta.url).pathname, animations: 'disabled' });

    // English
    await page.getByTestId('lang-en').click();
    await page.getByTestId('nav-notifications').click();
    await expect.poll(() => page.getByTestId('templates-member.birthday').textContent()).toContain('Marketing');
    await screenshot('templates-en');
  }, 180_000);
});
