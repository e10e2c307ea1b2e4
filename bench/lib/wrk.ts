import { join } from 'node:path';
import { run, runOk, which } from './proc.ts';

export const LUA_DIR = join(import.meta.dirname, '..', 'lua');

/** wrk from Debian's package; installed with apt-get when missing (the bench runs as root on the bench machine). */
export async function ensureWrk(): Promise<string> {
  const found = which('wrk');
  if (found) return found;
  console.log('wrk is missing: installing Debian\'s package (apt-get update && apt-get install -y wrk)…');
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const apt = (args: string[]) => (asRoot.length ? runOk(asRoot[0]!, [...asRoot.slice(1), 'apt-get', ...args]) : runOk('apt-get', args));
  await apt(['update', '-qq']);
  await apt(['install', '-y', '-qq', 'wrk']);
  const installed = which('wrk');
  if (!installed) throw new Error('wrk is still missing after apt-get install wrk');
  return installed;
}

export type Script = 'earn' | 'balance' | 'coupon';

export interface WrkResult {
  requests: number;
  durationS: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  /** Socket-level errors: connect, read, write, timeout. */
  socketErrors: number;
  timeouts: number;
  firstError: string | null;
  /** wrk's own text output, for the log. */
  text: string;
}

interface DoneLine {
  requests: number;
  duration_us: number;
  p50_us: number;
  p99_us: number;
  max_us: number;
  non2xx: number;
  errors: { connect: number; read: number; write: number; status: number; timeout: number };
  first_error: string;
}

export interface WrkRun {
  wrk: string;
  script: Script;
  url: string;
  /** Arguments after `--`, handed to the script's init(). */
  scriptArgs: string[];
  seconds: number;
  threads: number;
  connections: number;
  onStart?: (pid: number) => void;
}

/**
 * One wrk run: -t/-c as given, --latency, a 10 s request timeout (a slow answer is
 * measured, not dropped). The Lua script's done() prints one `WRKRESULT {json}` line with
 * the count of non-2xx answers its response() hook saw.
 */
export async function runWrk(r: WrkRun): Promise<WrkResult> {
  const args = ['-t', String(r.threads), '-c', String(r.connections), '-d', `${r.seconds}s`, '--timeout', '10s', '--latency',
    '-s', join(LUA_DIR, `${r.script}.lua`), r.url, '--', ...r.scriptArgs];
  const out = await run(r.wrk, args, { onStart: r.onStart });
  if (out.code !== 0) throw new Error(`wrk exited ${out.code}: ${out.stderr || out.stdout}`);
  const line = out.stdout.split('\n').find((l) => l.startsWith('WRKRESULT '));
  if (!line) throw new Error(`wrk printed no WRKRESULT line:\n${out.stdout}\n${out.stderr}`);
  const d = JSON.parse(line.slice('WRKRESULT '.length)) as DoneLine;
  // Cross-check with wrk's own "Non-2xx or 3xx responses: N" (it counts ≥ 300 only).
  const wrkNon2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out.stdout)?.[1] ?? 0);
  const durationS = d.duration_us / 1e6;
  return {
    requests: d.requests,
    durationS,
    rps: d.requests / durationS,
    p50Ms: d.p50_us / 1000,
    p99Ms: d.p99_us / 1000,
    maxMs: d.max_us / 1000,
    non2xx: Math.max(d.non2xx, wrkNon2xx),
    socketErrors: d.errors.connect + d.errors.read + d.errors.write + d.errors.timeout,
    timeouts: d.errors.timeout,
    firstError: d.first_error || null,
    text: out.stdout.replace(/^WRKRESULT .*\n?/m, ''),
  };
}
