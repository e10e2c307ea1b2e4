// Builds the admin console into console/dist, which `patron serve` serves at `/`.
//   node scripts/build-console.ts               always build
//   node scripts/build-console.ts --if-missing  build only when dist is absent or older than its sources
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const consoleDir = fileURLToPath(new URL('../console/', import.meta.url));
const builtIndex = join(consoleDir, 'dist', 'index.html');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when dist/index.html exists and is newer than every source the build reads. */
export function isConsoleBuildFresh(): boolean {
  if (!existsSync(builtIndex)) return false;
  const sources = ['src', 'index.html', 'vite.config.ts'].map((p) => join(consoleDir, p)).filter(existsSync);
  // A checkout or a `git stash` touches sources; a stale bundle would serve the old screens.
  return statSync(builtIndex).mtimeMs > Math.max(...sources.map(newestMtime));
}

export async function buildConsole(opts: { ifMissing?: boolean } = {}): Promise<'built' | 'fresh'> {
  if (opts.ifMissing && isConsoleBuildFresh()) return 'fresh';
  await build({ configFile: join(consoleDir, 'vite.config.ts'), logLevel: 'warn' });
  return 'built';
}

if (import.meta.main) {
  const started = Date.now();
  const result = await buildConsole({ ifMissing: process.argv.includes('--if-missing') });
  console.log(result === 'fresh'
    ? 'console: console/dist is up to date'
    : `console: built console/dist in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}
