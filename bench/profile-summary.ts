/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by package
 * (node_modules/<pkg>, src/<module>, node: internals, GC, idle), self time by function, and
 * inclusive ("total") time by function — the time a function was anywhere on the stack.
 *   node bench/profile-summary.ts <file.cpuprofile> [top=30] [last-seconds] [skip-tail-seconds]
 * With last-seconds, only that window before the profile's end (less skip-tail-seconds) is
 * counted: the measured run, without the server's start-up and shutdown.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function packageOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  const src = /\/src\/(modules\/[^/]+|[^/]+)/.exec(url);
  if (src) return `src/${src[1]!.replace(/\.ts$/, '')}`;
  if (url.startsWith('node:')) return url.split('/')[0]!;
  return url;
}

interface Ranked {
  name: string;
  ms: number;
  pct: number;
}

export interface ProfileSummary {
  totalMs: number;
  byFunction: Ranked[];
  byPackage: Ranked[];
  inclusive: Ranked[];
}

const nameOf = (f: CallFrame) => {
  const file = f.url.replace(/^.*\/(node_modules|src)\//, '$1/').replace(/^file:\/\//, '');
  return `${f.functionName || '(anonymous)'} ${file ? `${file}:${f.lineNumber + 1}` : ''}`.trim();
};

export function summarise(profile: CpuProfile, window?: { lastSeconds: number; skipTailSeconds?: number }): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const to = profile.endTime - (window?.skipTailSeconds ?? 0) * 1e6;
  const from = window ? to - window.lastSeconds * 1e6 : -Infinity;

  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  const incl = new Map<string, number>();
  let total = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i] ?? 0;
    t += us;
    if (t < from || t > to) continue;
    const id = profile.samples[i]!;
    const f = byId.get(id)!.callFrame;
    const name = nameOf(f);
    fn.set(name, (fn.get(name) ?? 0) + us);
    const p = packageOf(f.url, f.functionName);
    pkg.set(p, (pkg.get(p) ?? 0) + us);
    total += us;
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const k = nameOf(byId.get(n)!.callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + us);
    }
  }
  const rank = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: us / 1000, pct: (us / total) * 100 }));
  const boring = new Set(['(root)', '(program)', '(idle)', '(garbage collector)', '(anonymous)']);
  return { totalMs: total / 1000, byFunction: rank(fn), byPackage: rank(pkg), inclusive: rank(incl).filter((r) => !boring.has(r.name)) };
}

export function formatSummary(s: ProfileSummary, top = 30): string {
  const busy = s.byPackage.filter((p) => p.name !== '(idle)').reduce((a, p) => a + p.ms, 0);
  const line = (x: Ranked) => `  ${x.pct.toFixed(1).padStart(5)}%  ${x.ms.toFixed(0).padStart(7)} ms  ${x.name}`;
  return [
    `profile: ${(s.totalMs / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s not idle (${((busy / s.totalMs) * 100).toFixed(0)}%)`,
    'self time by package:',
    ...s.byPackage.slice(0, 20).map(line),
    `self time by function (top ${top}):`,
    ...s.byFunction.slice(0, top).map(line),
    `total (inclusive) time by function (top ${top}):`,
    ...s.inclusive.slice(0, top).map(line),
  ].join('\n');
}

if (import.meta.main) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node bench/profile-summary.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const last = process.argv[4] ? Number(process.argv[4]) : undefined;
  const window = last ? { lastSeconds: last, skipTailSeconds: Number(process.argv[5] ?? 0) } : undefined;
  console.log(formatSummary(summarise(profile, window), Number(process.argv[3] ?? 30)));
}
