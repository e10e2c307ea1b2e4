// What every browser test needs: Debian's chromium (never downloaded), the built console, the
// real server with demo data, a typed GET against its API, and screenshots of each screen in
// test-results/screenshots/ (git-ignored) for a look.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM } from '../../scripts/ensure-browser.ts';
import { DEMO_STAFF_PASSWORD } from '../../src/demo/seed-staff.ts';
import { startTestServer } from '../../src/testing/harness.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = `${repoRoot}test-results/screenshots/`;

export type Server = Awaited<ReturnType<typeof startTestServer>>;

function buildConsole(): void {
  // The build must run on Node 24 (type stripping); vitest may have been started by an older host node.
  const pinned = `${repoRoot}node_modules/.bin/node`;
  const node = existsSync(pinned) ? pinned : process.execPath;
  const run = spawnSync(node, ['scripts/build-console.ts', '--if-missing'], { cwd: repoRoot, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`console build failed:\n${run.stdout}\n${run.stderr}`);
}

/**
 * One browser test file's session. Its screenshots are `${prefix}NN-name.png`; only those are
 * cleared at the start, since other e2e files save theirs under their own prefix, maybe at the
 * same time.
 */
export function browserSession(prefix: string) {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let shots = 0;
  const mine = (f: string) => (prefix ? f.startsWith(prefix) : /^\d/.test(f));
  return {
    async start(): Promise<{ server: Server; page: Page }> {
      // `npm test` installs chromium (scripts/ensure-browser.ts); a missing browser is a broken environment, not a reason to skip.
      if (!existsSync(CHROMIUM)) {
        throw new Error(`${CHROMIUM} not found: run \`node scripts/ensure-browser.ts\` or install Debian's chromium and fonts-noto-cjk. The e2e test never downloads a browser.`);
      }
      mkdirSync(SHOTS, { recursive: true });
      for (const f of readdirSync(SHOTS)) if (mine(f)) rmSync(SHOTS + f);
      buildConsole();
      server = await startTestServer({ seedDemo: true, demoMembers: 30 });
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      // an operator in China: the browser's clock reads Shanghai time, like the program's deadlines
      page = await browser.newPage({ viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Shanghai' });
      return { server, page };
    },
    async stop() {
      await browser?.close();
      await server?.close();
    },
    /**
     * Signs in as the demo administrator (username admin and the demo password, a cookie
     * session in the demo program); `before` runs on the filled-in sign-in screen. Answers
     * the demo program's id.
     */
    async signIn(before?: () => Promise<void>, who = 'admin'): Promise<string> {
      const { items: programs } = await this.api<{ items: { id: string; name: string }[] }>('/v1/programs');
      const programId = server!.programId ?? programs[0]!.id;
      await page!.goto(server!.url + '/');
      await page!.getByTestId('username-input').fill(who);
      await page!.getByTestId('password-input').fill(DEMO_STAFF_PASSWORD);
      await before?.();
      await page!.getByTestId('sign-in-button').click();
      await page!.getByTestId('member-search-input').waitFor();
      return programId;
    },
    /** GET through the API with the bootstrap key. */
    async api<T>(path: string): Promise<T> {
      const res = await fetch(server!.url + path, { headers: { Authorization: `Bearer ${server!.bootstrapKey}` } });
      if (!res.ok) throw new Error(`GET ${path} → ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    /**
     * Saves the page once nothing on it is loading: the whole page, but only the window under
     * a modal or drawer (those are fixed to the window, and a full-page shot would draw them
     * over the wrong part of the page).
     */
    async screenshot(name: string, { overlay = false } = {}): Promise<void> {
      await expect.poll(() => page!.locator('.ant-spin-spinning, .ant-card-loading').count(), { timeout: 30_000 }).toBe(0);
      shots += 1;
      await page!.screenshot({ path: `${SHOTS}${prefix}${String(shots).padStart(2, '0')}-${name}.png`, fullPage: !overlay, animations: 'disabled' });
    },
  };
}

/**
 * Picks an option of an antd Select by its title and leaves the list closed: clicks the select
 * again when the list is not open (on a busy machine a click on an option during the list's
 * opening animation can miss), until the field shows the choice; then closes the list if it
 * stayed open, so it covers nothing the test clicks next.
 */
const SHOWN = '.ant-select-content, .ant-select-selection-item';

export async function pickOption(page: Page, selectTestId: string, title: string | RegExp): Promise<void> {
  const select = page.getByTestId(selectTestId);
  const field = page.locator('.ant-form-item, .ant-select', { has: select }).first();
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: title }).first();
  await expect.poll(async () => {
    if (!(await option.isVisible())) await select.click();
    await option.click({ timeout: 5_000 }).catch(() => undefined);
    // the choice shows inside the select (its test id on the select's root) or its form item
    const own = await select.locator(SHOWN).allTextContents();
    return (own.length ? own : await field.locator(SHOWN).allTextContents()).join(' ');
  }, { timeout: 30_000 }).toMatch(title);
  // the list closes by itself after a pick, in an animation; one left open is closed by a click
  // beside it, on the field's label (Escape could close the dialog around it)
  await expect.poll(async () => {
    const closed = await option.waitFor({ state: 'hidden', timeout: 2_000 }).then(() => true, () => false);
    if (!closed) await field.locator('.ant-form-item-label').first().click({ timeout: 2_000 }).catch(() => page.keyboard.press('Escape'));
    return closed;
  }, { timeout: 20_000 }).toBe(true);
}
