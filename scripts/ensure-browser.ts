// Makes sure the browser test has what it needs: Debian's chromium at /usr/bin/chromium and
// fonts-noto-cjk (without it the console's Chinese labels render as boxes).
//   node scripts/ensure-browser.ts   silent when both are there; as root with apt-get, installs
//                                    what is missing; otherwise one line saying what to install, exit 1
// The browser test never downloads a browser.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
const FONTS = 'fonts-noto-cjk';

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  // No stdin: CI has none, and apt must never wait for an answer.
  return spawnSync(cmd, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

function hasFonts(): boolean {
  const dpkg = run('dpkg-query', ['-W', '-f=${Status}', FONTS]);
  if (dpkg.status === 0 && dpkg.stdout.includes('install ok installed')) return true;
  const fc = run('fc-list', [':lang=zh', 'family']);
  return fc.status === 0 && fc.stdout.trim() !== '';
}

function missing(): string[] {
  return [...(existsSync(CHROMIUM) ? [] : ['chromium']), ...(hasFonts() ? [] : [FONTS])];
}

function canApt(): boolean {
  return process.getuid?.() === 0 && run('apt-get', ['--version']).status === 0;
}

/** apt quiet on success; on failure its errors (stderr, and the tail of stdout where dpkg reports). */
function apt(args: string[]): boolean {
  const res = run('apt-get', args, { ...process.env, DEBIAN_FRONTEND: 'noninteractive' });
  if (res.status === 0) return true;
  if (res.error) console.error(`apt-get ${args.join(' ')}: ${res.error.message}`);
  const out = res.stdout?.trim().split('\n').slice(-20).join('\n');
  if (out) console.error(out);
  if (res.stderr?.trim()) console.error(res.stderr.trim());
  return false;
}

const hint = (need: string[]) => `npm test needs Debian's ${need.join(' and ')}: sudo apt-get install ${need.join(' ')}`;

export function ensureBrowser(): boolean {
  const need = missing();
  if (need.length === 0) return true;
  if (!canApt()) {
    console.error(hint(need));
    return false;
  }
  const started = Date.now();
  console.log(`browser test: installing ${need.join(' ')} with apt-get`);
  const ok = apt(['update', '-qq']) && apt(['install', '-y', '-qq', ...need]);
  const still = missing();
  if (!ok || still.length > 0) {
    console.error(hint(still.length > 0 ? still : need));
    return false;
  }
  console.log(`browser test: installed ${need.join(' ')} in ${((Date.now() - started) / 1000).toFixed(0)}s`);
  return true;
}

if (import.meta.main && !ensureBrowser()) process.exit(1);
