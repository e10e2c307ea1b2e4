import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The CLI as an operator or a cron script runs it: a failure is said on stderr and the exit
// code is not 0, so a script does not mistake it for success.

const root = join(import.meta.dirname, '..');
const pinned = join(root, 'node_modules', '.bin', 'node');
const node = existsSync(pinned) ? pinned : process.execPath;
const dataDir = mkdtempSync(join(tmpdir(), 'patron-cli-'));

const patron = (...args: string[]) => spawnSync(node, ['src/cli.ts', ...args], {
  cwd: root, encoding: 'utf8', timeout: 60_000,
  env: { ...process.env, DATABASE_URL: '', PATRON_DATA_DIR: dataDir, PATRON_DEMO: 'off' },
});

describe('patron jobs run', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs the release job and prints its report', () => {
    const r = patron('jobs', 'run', 'release');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ members: 0 });
  });

  it('runs the segments job and prints its report', () => {
    const r = patron('jobs', 'run', 'segments');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    const missing = patron('jobs', 'run', 'segments', '--program', 'prg_01M8MHJK69HVQDQDD35H532K0N');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('error: program not found (program_id)');
  });

  it('says so and exits 1 when the program does not exist', () => {
    const r = patron('jobs', 'run', 'expiry', '--program', 'prg_01M8MHJK69HVQDQDD35H532K0N');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error: program not found (program_id)');
    expect(r.stdout).toBe('');
  });

  it('runs tier re-evaluation for a day and prints a report per program', () => {
    const r = patron('jobs', 'run', 'tiers', '--as-of', '2027-01-31');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    const bad = patron('jobs', 'run', 'tiers', '--as-of', '2027-02-30');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--as-of must be a date');
  });

  it('runs retention (dry or not) and prints a run per program; a bad day is refused', () => {
    const dry = patron('retention', '--dry-run', '--as-of', '2026-06-15');
    expect(dry.status, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual([]);
    const viaJobs = patron('jobs', 'run', 'retention', '--dry-run');
    expect(viaJobs.status, viaJobs.stderr).toBe(0);
    const bad = patron('retention', '--as-of', '2026-13-01');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--as-of must be a date');
    const missing = patron('retention', '--program', 'prg_01M8MHJK69HVQDQDD35H532K0N');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('error: program not found (program_id)');
  });

  it('records what it ran in the audit log, and `audit verify` checks the chains', () => {
    // the jobs above ran from the command line: each is a record in the 'system' chain
    const r = patron('audit', 'verify');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^system: intact, [1-9]\d* records$/m);
    const one = patron('audit', 'verify', '--program', 'prg_01M8MHJK69HVQDQDD35H532K0N');
    expect(one.status).toBe(0);
    expect(one.stdout.trim()).toBe('prg_01M8MHJK69HVQDQDD35H532K0N: intact, 0 records');
  });
});
