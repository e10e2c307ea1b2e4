// Privacy in the built console, in Debian's chromium against the real server and demo data:
// the policies screen shows each document's versions and the one in force; a new privacy
// policy version is written and published (with a confirmation); a member is then asked to
// accept it on their page, the acceptance is recorded, and their marketing consent is
// withdrawn (asked first), which the consent history and the member's record show.
// Screens are saved to test-results/screenshots/privacy-NN-name.png (git-ignored) for a look.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession, type Server } from './session.ts';

const session = browserSession('privacy-');
const { api, screenshot } = session;
interface Policy { id: string; kind: string; version: number | null; status: string }
interface Privacy { pending: Policy[]; history: { purpose: string; granted: boolean; note: string | null }[]; acceptances: { document_id: string }[] }

let server: Server;
let page: Page;
/** The member's privacy panel alone (the member page is long): privacy-panel-name.png beside the page's shots. */
const panelShot = (name: string) => page.getByTestId('member-privacy').screenshot({ path: new URL(`../../test-results/screenshots/privacy-panel-${name}.png`, import.meta.url).pathname, animations: 'disabled' });

describe('privacy in the console', () => {
  beforeAll(async () => { ({ server, page } = await session.start()); }, 300_000);
  afterAll(() => session.stop());

  it('publishes a new policy version, sees a member pending, records the acceptance and withdraws marketing consent', async () => {
    const programId = server.programId!;
    const base = `/v1/programs/${programId}`;
    await session.signIn();

    await page.getByTestId('nav-privacy').click();
    await page.getByTestId('in-force-privacy_policy').waitFor();
    await expect.poll(() => page.getByTestId('in-force-privacy_policy').textContent()).toContain('现行：第 2 版');
    await screenshot('policies');

    // a new version: draft, then publish with a confirmation
    await page.getByTestId('new-draft-privacy_policy').click();
    await page.getByTestId('policy-title').fill('星河汇隐私政策（第三版）');
    await page.getByTestId('policy-summary').fill('明确会员可随时撤回营销同意');
    await page.getByTestId('policy-body').fill('我们收集您的姓名、手机号码和消费记录，用于提供会员服务。\n\n您可随时在门店或会员端撤回营销同意。');
    await screenshot('draft', { overlay: true });
    await page.getByTestId('policy-draft-submit').click();
    await page.getByTestId('publish-draft').waitFor();
    await page.getByTestId('publish-draft').click();
    await page.locator('.ant-modal-confirm-title', { hasText: '发布第 3 版隐私政策？' }).waitFor();
    await screenshot('publish-confirm', { overlay: true });
    await page.getByTestId('policy-publish-confirm').click();
    await expect.poll(async () => (await api<{ items: Policy[] }>(`${base}/policies/in-force`)).items.find((d) => d.kind === 'privacy_policy')?.version).toBe(3);
    await expect.poll(() => page.getByTestId('in-force-privacy_policy').textContent()).toContain('现行：第 3 版，0 位会员已确认');
    await screenshot('published');

    // a member who consents to marketing comes to the desk: v3 is pending
    const members = await server.services.members.tierPage(programId, null, 50);
    const consenting = await server.services.members.marketingConsent(programId, members.map((m) => m.id));
    const memberId = members.find((m) => consenting.has(m.id))!.id;
    const v3 = (await api<{ items: Policy[] }>(`${base}/policies/in-force`)).items.find((d) => d.kind === 'privacy_policy')!;
    expect((await api<Privacy>(`${base}/members/${memberId}/privacy`)).pending.map((d) => d.id)).toContain(v3.id);
    await page.goto(`${server.url}/members/${memberId}`);
    await page.getByTestId('pending-policies').waitFor();
    await expect.poll(() => page.getByTestId('pending-policies').textContent()).toContain('隐私政策第 3 版');
    await page.getByTestId('member-privacy').scrollIntoViewIfNeeded();
    await screenshot('member-pending');
    await panelShot('pending');
    await page.getByTestId('accept-privacy_policy').click();
    await expect.poll(async () => (await api<Privacy>(`${base}/members/${memberId}/privacy`)).acceptances.map((a) => a.document_id)).toContain(v3.id);
    await expect.poll(() => page.getByTestId('pending-policies').count()).toBe(0);

    // the member withdraws marketing consent: asked first, then in the history
    await page.getByTestId('consent-switch-marketing').click();
    await page.getByTestId('consent-note').fill('会员在前台表示不再接收营销短信');
    await screenshot('withdraw-confirm', { overlay: true });
    await page.getByTestId('consent-form-submit').click();
    await expect.poll(async () => (await api<{ marketing_consent: boolean }>(`${base}/members/${memberId}`)).marketing_consent).toBe(false);
    const view = await api<Privacy>(`${base}/members/${memberId}/privacy`);
    expect(view.history[0]).toMatchObject({ purpose: 'marketing', granted: false, note: '会员在前台表示不再接收营销短信' });
    await expect.poll(() => page.getByTestId('consent-history').getByText('会员在前台表示不再接收营销短信').count()).toBe(1);
    await expect.poll(() => page.getByTestId('consent-switch-marketing').getAttribute('aria-checked')).toBe('false');
    await page.getByTestId('member-privacy').scrollIntoViewIfNeeded();
    await screenshot('member-after');
    await panelShot('after');

    // English
    await page.getByTestId('lang-en').click();
    await page.getByTestId('nav-privacy').click();
    await expect.poll(() => page.getByTestId('in-force-privacy_policy').textContent()).toContain('In force: version 3 · members accepted: 1');
    await screenshot('policies-en');
  }, 180_000);
});
