// Personal data on the member page (issue 10), in the built console in Debian's chromium
// against the real server and demo data: a service agent signs in with their own account and
// sees the phone, e-mail and address masked, with no way to reveal them; the administrator
// signs in, reveals them stating a purpose, sees them whole for a limited time, and finds the
// reveal (who, which fields, why; never the values) in the audit log. Screens are saved to
// test-results/screenshots/privacy-NN-name.png (git-ignored) for a look.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession, pickOption } from './session.ts';

const session = browserSession('privacy-');
const { api, screenshot } = session;

let page: Page;
let url: string;

interface Member { id: string; phone: string; email: string | null; address: string | null; language: 'zh' | 'en' }

describe('revealing a member\'s personal data in the console', () => {
  beforeAll(async () => { const started = await session.start(); page = started.page; url = started.server.url; }, 300_000);
  afterAll(() => session.stop());

  it('shows a service agent the profile masked, and the administrator reveals it with a purpose for a minute, the reveal in the audit log', async () => {
    const programId = await session.signIn(undefined, 'service');
    // the demo's member whose data an administrator revealed before: it has a phone, e-mail and address
    const demo = (await api<{ items: { entity_id: string }[] }>(`/v1/programs/${programId}/audit?q=reveal&limit=1`)).items[0]!;
    const member = await api<Member>(`/v1/programs/${programId}/members/${demo.entity_id}`);
    expect(member.address).not.toBeNull();

    // the service agent: masked, and no reveal (their role has no pii.reveal)
    await page.goto(`${url}/members/${member.id}`);
    const phone = page.getByTestId('member-phone');
    await phone.waitFor();
    expect(await page.getByTestId('header-role').textContent()).toBe('客服专员');
    expect(await phone.textContent()).toBe(`${member.phone.slice(0, 3)}****${member.phone.slice(7)}`);
    expect(await page.getByTestId('member-profile').textContent()).not.toContain(member.phone);
    expect(await page.getByTestId('member-reveal').count()).toBe(0);
    await screenshot('agent-masked');
    await page.getByTestId('sign-out').click();
    await page.getByTestId('username-input').waitFor();

    // the administrator
    expect(await session.signIn()).toBe(programId);
    await page.goto(`${url}/members/${member.id}`);
    await phone.waitFor();
    // an administrator too sees it masked until they reveal it
    expect(await phone.textContent()).toBe(`${member.phone.slice(0, 3)}****${member.phone.slice(7)}`);
    expect(await page.getByTestId('member-address').textContent()).toMatch(/^\S+?[区市]\*\*\*$/);
    expect(await page.getByTestId('member-profile').textContent()).not.toContain(member.phone);
    await screenshot('masked');

    await page.getByTestId('member-reveal').click();
    await page.getByTestId('reveal-form-submit').waitFor();
    const errors = async () => (await page.locator('.ant-form-item-explain-error').allTextContents()).join(' ');
    // submits (again, while no message shows: on a busy machine a click during the dialog's
    // opening animation may not reach the form) until the form says what is missing
    const submitUntilRefused = async (message: RegExp) => expect.poll(async () => {
      const shown = await errors();
      if (!shown) await page.getByTestId('reveal-form-submit').click();
      return shown;
    }, { timeout: 20_000 }).toMatch(message);
    // a purpose is required; 'other' needs a note
    await submitUntilRefused(/请选择用途|Choose a purpose/);
    await pickOption(page, 'reveal-purpose', '其他');
    await submitUntilRefused(/请填写说明|Write a note/);
    await page.getByTestId('reveal-note').fill('会员来电，核对收货地址');
    await expect.poll(errors, { timeout: 10_000 }).toBe('');
    await screenshot('purpose', { overlay: true });
    await page.getByTestId('reveal-form-submit').click();
    await page.getByTestId('reveal-form-submit').waitFor({ state: 'detached' });

    await expect.poll(() => phone.textContent()).toBe(member.phone);
    expect(await page.getByTestId('member-address').textContent()).toBe(member.address);
    expect(await page.getByTestId('reveal-countdown').textContent()).toMatch(/\d+ ?(秒|s)/);
    await screenshot('revealed');
    // hidden again on demand (and by itself after 60 s)
    await page.getByTestId('member-hide').click();
    await expect.poll(() => phone.textContent()).toContain('****');

    // a new address, typed in the profile form (which never holds the old one whole), shows masked;
    // the member's language (messages, survey pages) changes in the same form
    const lang = page.getByTestId('member-language');
    const otherLang = member.language === 'en' ? { code: 'zh', name: '中文' } : { code: 'en', name: 'English' };
    expect(await lang.textContent()).toBe(member.language === 'en' ? 'English' : '中文');
    await page.getByTestId('member-edit').click();
    await page.getByTestId('edit-address').fill('上海市黄浦区中山东一路 18 号');
    await pickOption(page, 'member-language-select', otherLang.name);
    await screenshot('edit-address', { overlay: true });
    await page.getByTestId('profile-edit-form-submit').click();
    await page.getByTestId('profile-edit-form-submit').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('member-address').textContent()).toBe('上海市黄浦区***');
    await expect.poll(() => lang.textContent()).toBe(otherLang.name);
    expect(await api<Member>(`/v1/programs/${programId}/members/${member.id}`)).toMatchObject({ address: '上海市黄浦区中山东一路 18 号', language: otherLang.code });

    await page.getByTestId('nav-audit').click();
    const first = page.getByTestId('audit-row').first();
    // newest first: the profile change, then the reveal
    const reveal = page.locator('[data-testid="audit-row"]', { hasText: 'member.reveal' }).first();
    await expect.poll(() => first.textContent()).toContain('PATCH');
    await expect.poll(() => reveal.textContent()).toMatch(/查看会员完整个人信息|Revealed a member/);
    await reveal.click();
    const diff = page.getByTestId('audit-diff').first();
    await expect.poll(() => diff.textContent()).toContain('会员来电，核对收货地址');
    expect(await diff.textContent()).toContain('"purpose":"other"');
    expect(await page.locator('body').textContent()).not.toContain(member.phone);
    await screenshot('audit');

    const log = await api<{ items: { action: string; actor: { id: string; role: string }; request: unknown }[] }>(`/v1/programs/${programId}/audit?entity_id=${member.id}&q=reveal`);
    expect(log.items[0]).toMatchObject({ action: 'member.reveal', actor: { role: 'admin', id: expect.stringMatching(/^stf_/) }, request: { purpose: 'other', note: '会员来电，核对收货地址' } });
  }, 180_000);
});
