import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * Where the machine's CPU went during a run, from /proc: the server process, PostgreSQL
 * (all its processes), the load generator (wrk or pgbench), everything else (on a shared
 * machine: other people's work, and the bench itself), and idle. Figures are in "% of one
 * core" (200 = both cores of a 2-core machine).
 */
export interface CpuSplit {
  server: number;
  postgres: number;
  load: number;
  other: number;
  idle: number;
}

function machine(): { total: number; idle: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  const total = f.slice(0, 8).reduce((s, x) => s + x, 0); // user … steal
  return { total, idle: (f[3] ?? 0) + (f[4] ?? 0) };
}

function procTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime + stime
  } catch {
    return undefined;
  }
}

/** Child processes (a cluster's workers). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * PostgreSQL processes working for `dbName`: its backends and the shared background
 * processes (checkpointer, WAL writer, autovacuum…). Backends of other databases (other
 * people's tests on a shared machine) are left to "other".
 */
function postgresPids(dbName: string | undefined): number[] {
  const pids: number[] = [];
  if (!dbName) return pids;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (!readFileSync(`/proc/${d}/comm`, 'utf8').startsWith('postgres')) continue;
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const backend = /\(\d+\)|\[local\]/.test(cmd);
      if (!backend || cmd.includes(` ${dbName} `)) pids.push(Number(d));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/**
 * Starts counting at once, sampling every 250 ms so short-lived processes (pgbench's
 * backends, wrk itself) are seen; `stop()` takes a last sample and returns the split.
 * A process first seen after the start counts from zero.
 */
export function cpuMeter(serverPid: number | undefined, dbName: string | undefined) {
  const cores = availableParallelism();
  const start = machine();
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let loadPid: number | undefined;
  const serverPids = new Set<number>();
  const track = (pid: number, existedAtStart: boolean) => {
    const t = procTicks(pid);
    if (t === undefined) return;
    if (!first.has(pid)) first.set(pid, existedAtStart ? t : 0);
    last.set(pid, t);
  };
  const pgSeen = new Set<number>();
  const sample = (initial: boolean) => {
    if (serverPid) {
      for (const pid of [serverPid, ...childrenOf(serverPid)]) {
        serverPids.add(pid);
        track(pid, initial);
      }
    }
    if (loadPid) track(loadPid, false);
    for (const pid of postgresPids(dbName)) {
      pgSeen.add(pid);
      track(pid, initial);
    }
  };
  sample(true);
  const timer = setInterval(() => sample(false), 250);
  const delta = (pid: number) => (last.get(pid) ?? 0) - (first.get(pid) ?? 0);
  return {
    /** The load generator's pid (wrk or pgbench), once it has started. */
    setLoad(pid: number) {
      loadPid = pid;
      track(pid, false);
    },
    stop(): CpuSplit {
      sample(false);
      clearInterval(timer);
      const end = machine();
      const dTotal = end.total - start.total || 1;
      const pct = (ticks: number) => (ticks / dTotal) * 100 * cores;
      let server = 0;
      for (const pid of serverPids) server += delta(pid);
      const load = loadPid ? delta(loadPid) : 0;
      let postgres = 0;
      for (const pid of pgSeen) postgres += delta(pid);
      const idle = end.idle - start.idle;
      const other = Math.max(0, dTotal - idle - server - postgres - load);
      return { server: pct(server), postgres: pct(postgres), load: pct(load), other: pct(other), idle: pct(idle) };
    },
  };
}

export const formatCpu = (c: CpuSplit, loadName: string) =>
  `cpu % of one core: server=${c.server.toFixed(0)} postgres=${c.postgres.toFixed(0)} ${loadName}=${c.load.toFixed(0)} other=${c.other.toFixed(0)} idle=${c.idle.toFixed(0)}`;
