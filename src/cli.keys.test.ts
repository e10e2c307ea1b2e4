import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot } from './boot.ts';
import { SYSTEM } from './platform/context.ts';

// `patron keys` as an operator runs it (docs/architecture.md, Keys): add the new key first,
// rotate (in as many sittings as it takes), pin the index key, drop the old key; a key
// dropped too early is said at start, naming it, with exit code 1.

const root = join(import.meta.dirname, '..');
const pinned = join(root, 'node_modules', '.bin', 'node');
const node = existsSync(pinned) ? pinned : process.execPath;
const dataDir = mkdtempSync(join(tmpdir(), 'patron-keys-'));
const OLD = 'cli-keys-test-old-secret';
const NEW = 'k2:cli-keys-test-new-secret';

const patron = (env: Record<string, string>, ...args: string[]) => spawnSync(node, ['src/cli.ts', 'keys', ...args], {
  cwd: root, encoding: 'utf8', timeout: 60_000,
  env: { ...process.env, DATABASE_URL: '', PATRON_DATA_DIR: dataDir, PATRON_DEMO: 'off', PATRON_SECRET: '', PATRON_KEYS: '', PATRON_INDEX_KEY: '', ...env },
});

describe('patron keys', () => {
  beforeAll(async () => {
    // 25 members with e-mails, sealed under the single secret (key v1)
    const { handle, services } = await boot({ databaseUrl: undefined, dataDir, secret: OLD, poolSize: 1 });
    const program = await services.programs.create({ name: 'Keys' });
    await services.flows.enrolMembers(program.id, Array.from({ length: 25 }, (_, i) => ({ phone: `1360000${String(i).padStart(4, '0')}`, email: `m${i}@example.com` })), SYSTEM);
    await handle.close();
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('shows the values per key, rotates in sittings, and after the index key is pinned the old key can go', () => {
    const status = patron({ PATRON_SECRET: OLD }, 'status');
    expect(status.status, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ current: 'v1', total: { v1: 50 } });

    const part = patron({ PATRON_SECRET: OLD, PATRON_KEYS: NEW }, 'rotate', '--batch', '10', '--max-batches', '1');
    expect(part.status, part.stderr).toBe(0);
    expect(JSON.parse(part.stdout)).toMatchObject({ current: 'k2', batches: 1, complete: false, remaining: { k2: 20, v1: 30 } });
    expect(part.stderr).toContain('members: 10 rows re-sealed (1 batches)');

    const rest = patron({ PATRON_SECRET: OLD, PATRON_KEYS: NEW }, 'rotate', '--batch', '10');
    expect(rest.status, rest.stderr).toBe(0);
    expect(JSON.parse(rest.stdout)).toMatchObject({ complete: true, remaining: { k2: 50 }, resealed: { members: 15, memberships: 0 } });

    const idx = patron({ PATRON_SECRET: OLD, PATRON_KEYS: NEW }, 'index-key');
    expect(idx.status, idx.stderr).toBe(0);
    const indexKey = idx.stdout.trim();
    expect(indexKey).toMatch(/^[\w-]{43}$/);
    const after = patron({ PATRON_KEYS: NEW, PATRON_INDEX_KEY: indexKey }, 'status');
    expect(after.status, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ current: 'k2', configured: ['k2'], total: { k2: 50 } });
  });

  it('refuses to start without a key still in use, or PATRON_KEYS without an index key, naming what is missing', () => {
    const old = patron({ PATRON_SECRET: OLD }, 'status');
    expect(old.status).toBe(1);
    expect(old.stderr).toContain('error: encryption key "k2" is still in use (members: 50 values) but is not configured');
    const noIndex = patron({ PATRON_KEYS: NEW }, 'status');
    expect(noIndex.status).toBe(1);
    expect(noIndex.stderr).toContain('error: PATRON_KEYS needs PATRON_INDEX_KEY');
    const bad = patron({ PATRON_KEYS: 'k2', PATRON_SECRET: OLD }, 'status');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('PATRON_KEYS: entry 1 must be <key id>:<secret>');
  });

  it('checks its options', () => {
    const r = patron({ PATRON_SECRET: OLD }, 'rotate', '--batch', '0');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--batch must be a whole number');
  });
});
