import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot } from './boot.ts';
import { SYSTEM } from './platform/context.ts';

// `patron calendar` answers in one line, to be checked against the State Council notices;
// a result that depends on a year without an official schedule says so on stderr, exit 3.

const root = join(import.meta.dirname, '..');
const pinned = join(root, 'node_modules', '.bin', 'node');
const node = existsSync(pinned) ? pinned : process.execPath;
const dataDir = mkdtempSync(join(tmpdir(), 'patron-calendar-'));
// a data directory that does not exist: without --program the CLI must not open a database
const noDb = join(tmpdir(), `patron-calendar-none-${process.pid}`);

const patron = (dir: string, ...args: string[]) => spawnSync(node, ['src/cli.ts', 'calendar', ...args], {
  cwd: root, encoding: 'utf8', timeout: 60_000,
  env: { ...process.env, DATABASE_URL: '', PATRON_DATA_DIR: dir, PATRON_DEMO: 'off', TZ: 'America/New_York' },
});

describe('patron calendar', () => {
  let programId = '';
  beforeAll(async () => {
    const { handle, services } = await boot({ databaseUrl: undefined, dataDir, secret: 'cli-calendar-test', poolSize: 1 });
    programId = (await services.programs.create({ name: 'Calendar' })).id;
    await services.calendar.setOverride(programId, { date: '2025-02-05', closed: true, note: '店庆' }, SYSTEM);
    await handle.close();
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('adds working days by the official calendar, make-up days included, without a database', () => {
    // Fri 24 Jan 2025: Sun 26 Jan (make-up), Mon 27, then Spring Festival 28 Jan–4 Feb, Wed 5 Feb
    const r = patron(noDb, 'add', '2025-01-24', '3');
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '2025-02-05\n', '']);
    expect(patron(noDb, 'add', '2025-09-30', '3').stdout).toBe('2025-10-11\n'); // 9, 10, the make-up Saturday
    expect(patron(noDb, 'is-working-day', '2026-02-14').stdout).toBe('yes\n'); // a make-up Saturday
    expect(patron(noDb, 'is-working-day', '2026-02-23').stdout).toBe('no\n'); // Spring Festival 2026
    expect(existsSync(noDb)).toBe(false);
  });

  it('says provisional on stderr and exits 3 when the answer depends on a year without data', () => {
    const r = patron(noDb, 'add', '2026-12-31', '1');
    expect([r.status, r.stdout, r.stderr]).toEqual([3, '2027-01-01\n', 'provisional: no official schedule for 2027\n']);
    const d = patron(noDb, 'is-working-day', '2027-03-01');
    expect([d.status, d.stdout, d.stderr]).toEqual([3, 'yes\n', 'provisional: no official schedule for 2027\n']);
  });

  it('uses a program\'s own dates with --program, and refuses bad input with exit 1', () => {
    const r = patron(dataDir, 'add', '2025-01-24', '3', '--program', programId);
    expect([r.status, r.stdout], r.stderr).toEqual([0, '2025-02-06\n']); // 5 Feb closed for the anniversary
    expect(patron(dataDir, 'is-working-day', '2025-02-05', '--program', programId).stdout).toBe('no\n');
    const missing = patron(dataDir, 'is-working-day', '2025-02-05', '--program', 'prg_01M8MHJK69HVQDQDD35H532K0N');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('not found');
    const bad = patron(noDb, 'add', '2025-02-30', '1');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('DATE must be a date');
    expect(patron(noDb, 'add', '2025-02-03', 'x').status).toBe(1);
  });
});
