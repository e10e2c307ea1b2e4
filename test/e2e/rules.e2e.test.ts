// Earning rules in the built console, in Debian's chromium against the real server and demo data:
// an operator creates a double-points rule (trying it in the dry-run panel first), records a
// purchase on a member's page, and sees double points and the breakdown naming the rule.
// Every screen is saved to test-results/screenshots/rules-NN-name.png (git-ignored) for a look.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession, type Server } from './session.ts';

const RULE = '双倍积分';
const session = browserSession('rules-');
const { api, screenshot } = session;
interface Member { id: string; member_no: string; phone: string }
interface BreakdownItem { source: 'base' | 'tier' | 'rule'; rule_id: string | null; asked: number; granted: number; trimmed_by: string[] }
interface Purchase { id: string; amount_fen: number; points_earned: number; breakdown: BreakdownItem[] }
interface Rule { id: string; name: string; status: string; mode: string; effect: { kind: string; factor_pct?: number } }

let server: Server;
let page: Page;
let programId: string;

/**
 * An active demo member whose birthday month is not this month in Shanghai: the demo's
 * exclusive birthday rule would otherwise fire alone and the double-points rule would not.
 */
async function demoMember(): Promise<Member> {
  const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(5, 7);
  const rows = await server.services.ctx.db
    .selectFrom('members').select(['id', 'birthday'])
    .where('program_id', '=', programId).where('status', '=', 'active')
    .orderBy('member_no').execute();
  const row = rows.find((r) => r.birthday && String(r.birthday).slice(5, 7) !== month);
  if (!row) throw new Error(`no suitable demo member in program ${programId}`);
  return api<Member>(`/v1/programs/${programId}/members/${row.id}`);
}

describe('earning rules in the console', () => {
  beforeAll(async () => { ({ server, page } = await session.start()); }, 300_000);
  afterAll(() => session.stop());

  it('creates a tier and a double-points rule in the console, tries the rule, records a purchase and sees double points and the breakdown naming the rule', async () => {
    programId = await session.signIn();
    const member = await demoMember();


    // A new top tier, made in the console's tier editor: previewed, then applied as a job.
    await page.getByTestId('nav-tiers').click();
    await page.getByTestId('tier-edit').click();
    const count = await page.locator('[data-testid^="tier-reach-"]').count();
    await page.getByTestId('tier-editor').getByText('添加等级').click();
    await page.locator(`[id="tiers_${count}_code"]`).fill('black');
    await page.locator(`[id="tiers_${count}_name"]`).fill('黑钻卡');
    await page.getByTestId(`tier-reach-${count}`).fill('100000.00');
    await page.getByTestId(`tier-keep-${count}`).fill('80000.00');
    await page.getByTestId('tier-preview').click();
    await page.getByTestId('tier-preview-result').waitFor();
    const applied = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/v1/programs/${programId}/tiers`));
    await page.getByTestId('tier-apply').click();
    expect((await applied).status()).toBe(202);
    await page.getByTestId('tier-editor').waitFor({ state: 'detached' });
    await expect.poll(async () => (await api<{ items: { code: string; name: string; reach_threshold: number }[] }>(`/v1/programs/${programId}/tiers`)).items.at(-1))
      .toMatchObject({ code: 'black', name: '黑钻卡', reach_threshold: 10_000_000 });
    await expect.poll(() => page.getByTestId('tier-name').allTextContents()).toContain('黑钻卡');
    await screenshot('tiers-with-new-tier');

    // The demo's rules, listed with their effect in words.
    await page.getByTestId('nav-rules').click();
    await page.getByTestId('rules-table').locator('[data-testid="rule-row"]').first().waitFor();
    await expect.poll(() => page.getByTestId('rules-table').textContent()).toContain('周末双倍积分');
    await expect.poll(() => page.getByTestId('rules-table').textContent()).toContain('消费积分 ×2');
    await expect.poll(() => page.getByTestId('earn-settings').textContent()).toContain('20,000');
    await screenshot('rules-list');
    await page.getByTestId('rule-filter').getByText('已归档').click();
    await expect.poll(() => page.getByTestId('rules-table').textContent()).toContain('双十一双倍积分');
    await screenshot('rules-archived');
    await page.getByTestId('rule-filter').getByText('全部（未归档）').click();

    // An existing rule in the editor: its conditions, caps and versions.
    await page.getByTestId('rules-table').getByText('杭州西湖店开业每单加赠 20 分').click();
    await page.getByTestId('rule-versions').waitFor();
    await screenshot('rule-editor-existing', { overlay: true });
    await page.locator('.ant-drawer-body').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await screenshot('rule-editor-existing-bottom', { overlay: true });
    await page.keyboard.press('Escape');
    await page.getByTestId('rule-editor').waitFor({ state: 'hidden' });

    // A new rule: ×2, stackable, every purchase.
    await page.getByTestId('rule-create').click();
    await page.getByTestId('rule-name').fill(RULE);
    await page.getByTestId('rule-name-en').fill('Double points');
    await page.getByTestId('rule-priority').fill('60');
    await page.getByTestId('rule-factor').fill('2');
    await page.getByTestId('rule-mode-stackable').click();

    // The server's validation lands on the field it names: a validity that ends before it starts.
    for (const [id, date] of [['rule-valid-from', '2030-12-10'], ['rule-valid-to', '2030-12-01']] as const) {
      await page.getByTestId(id).click();
      await page.getByTestId(id).fill(date);
      await page.getByTestId(id).press('Enter');
    }
    await page.getByTestId('rule-save').click();
    const validTo = page.locator('.ant-form-item', { has: page.getByTestId('rule-valid-to') });
    await expect.poll(() => validTo.locator('.ant-form-item-explain-error').textContent()).toContain('有效期');
    await screenshot('rule-editor-server-error', { overlay: true });
    for (const id of ['rule-valid-from', 'rule-valid-to']) {
      // the clear icon shows on hover: a busy machine can miss it, so clear until the field is empty
      await expect.poll(async () => {
        await page.getByTestId(id).hover();
        await page.locator('.ant-picker', { has: page.getByTestId(id) }).locator('.ant-picker-clear').click({ timeout: 2_000 }).catch(() => undefined);
        return page.getByTestId(id).inputValue();
      }, { timeout: 20_000 }).toBe('');
    }
    await screenshot('rule-editor-new', { overlay: true });

    // The dry-run panel tries the unsaved draft on the member's basket.
    await page.getByTestId('dry-run-member').click();
    await page.keyboard.type(member.phone);
    await page.locator('.ant-select-item-option', { hasText: member.member_no }).click();
    const memberField = page.locator('.ant-form-item', { has: page.getByTestId('dry-run-member') });
    await expect.poll(() => memberField.textContent()).toContain(member.member_no);
    await page.getByTestId('dry-run-amount').fill('88');
    const simulated = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/rules/simulate'));
    await page.getByTestId('dry-run-submit').click();
    expect((await simulated).status()).toBe(200);
    const dryRun = page.getByTestId('dry-run-breakdown');
    await expect.poll(() => dryRun.textContent()).toContain(`${RULE}（草稿）`);
    await screenshot('rule-editor-dry-run', { overlay: true });

    const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/v1/programs/${programId}/rules`));
    await page.getByTestId('rule-save').click();
    const rule = (await (await created).json()) as Rule;
    expect(rule).toMatchObject({ name: RULE, status: 'active', mode: 'stackable', effect: { kind: 'multiplier', factor_pct: 200 } });
    const row = page.locator(`[data-testid="rule-row"][data-rule-id="${rule.id}"]`);
    await row.waitFor();
    await page.getByTestId('rule-editor').waitFor({ state: 'hidden' });
    await screenshot('rules-list-with-new-rule');

    // Record a purchase on the member's page: the base points and as many again from the rule.
    await page.goto(`${server.url}/members/${member.id}`);
    await page.getByTestId('balance-available').waitFor();
    await page.getByTestId('record-purchase').click();
    await page.getByTestId('purchase-amount').fill('88.00');
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/v1/programs/${programId}/purchases`));
    await page.getByTestId('purchase-form-submit').click();
    const purchase = (await (await answer).json()) as Purchase;
    const base = purchase.breakdown.find((i) => i.source === 'base')!;
    const double = purchase.breakdown.find((i) => i.rule_id === rule.id)!;
    expect(base.granted).toBe(88);
    expect(double).toMatchObject({ source: 'rule', asked: 88, granted: 88, trimmed_by: [] });
    expect(purchase.points_earned).toBeGreaterThanOrEqual(176);
    await page.getByTestId('purchase-form-submit').waitFor({ state: 'detached' });

    // The statement's earn entry opens to its breakdown, which names the rule.
    const entry = page.getByTestId('statement-table').locator('tr.ant-table-row', { has: page.locator(`[data-id="${purchase.id}"]`) });
    await entry.locator('.ant-table-row-expand-icon').click();
    const breakdown = page.getByTestId('statement-breakdown');
    const ruleRow = breakdown.locator(`[data-rule-id="${rule.id}"]`);
    await expect.poll(() => ruleRow.textContent()).toContain(RULE);
    await expect.poll(() => breakdown.getByTestId('statement-breakdown-granted').textContent()).toBe(String(purchase.points_earned));
    await screenshot('member-statement-breakdown');

    // The purchase itself shows the same breakdown.
    await entry.locator(`[data-id="${purchase.id}"] a`).first().click();
    const drawer = page.getByTestId('purchase-breakdown');
    await expect.poll(() => drawer.textContent()).toContain(RULE);
    await screenshot('purchase-drawer-breakdown', { overlay: true });
    await page.keyboard.press('Escape');
  }, 180_000); // the longest browser flow (tier editor, rule editor, dry run, purchase): minutes when the whole suite shares two cores

  it('shows the rules page and the breakdown in English', async () => {
    await page.goto(`${server.url}/rules`);
    await page.getByTestId('lang-en').click();
    await page.getByTestId('nav-rules').click();
    await expect.poll(() => page.getByTestId('rules-table').textContent()).toContain('Points ×2');
    await expect.poll(() => page.getByTestId('rules-table').textContent()).toContain('Weekend double points');
    await screenshot('rules-list-en');
    await page.getByTestId('rules-table').getByText('Double points', { exact: true }).click();
    await page.getByTestId('rule-versions').waitFor();
    await screenshot('rule-editor-en', { overlay: true });
    await page.keyboard.press('Escape');
    await page.getByTestId('rule-editor').waitFor({ state: 'hidden' });
    await page.getByTestId('lang-zh').click();
  });
});
