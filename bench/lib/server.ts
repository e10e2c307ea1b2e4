import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface ServerEnv {
  port: number;
  databaseUrl?: string;
  dataDir?: string;
  secret: string;
  bootstrapKey: string;
  poolSize?: number;
}

export interface RunningServer {
  child: ChildProcess;
  pid: number;
  base: string;
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node src/cli.ts serve` as a child process (the same Node 24 that runs the bench),
 * with the demo and the scheduler off and warn-level logs, and waits for /health.
 * The child is a separate process so wrk, the server and PostgreSQL compete for the two
 * cores exactly as they would with `npm start` — the bench process itself sleeps meanwhile.
 */
export async function startServer(env: ServerEnv, opts: { logFile: string; cpuProfDir?: string; experiments?: string[] }): Promise<RunningServer> {
  const exp = new Set(opts.experiments ?? []);
  const nodeArgs = [
    ...(opts.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', opts.cpuProfDir] : []),
    ...(exp.has('prepared') ? ['--import', './bench/experiments/prepare-statements.ts'] : []),
  ];
  const entry = exp.has('bare') ? 'bench/experiments/bare.ts' : exp.has('cluster') ? 'bench/experiments/cluster.ts' : 'src/cli.ts';
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(env.port),
    HOST: '127.0.0.1',
    PATRON_DEMO: 'off',
    PATRON_SCHEDULER: 'off',
    LOG_LEVEL: 'warn',
    PATRON_SECRET: env.secret,
    PATRON_BOOTSTRAP_KEY: env.bootstrapKey,
  };
  delete childEnv.DATABASE_URL;
  delete childEnv.PG_POOL_SIZE;
  if (env.databaseUrl) childEnv.DATABASE_URL = env.databaseUrl;
  if (env.dataDir) childEnv.PATRON_DATA_DIR = env.dataDir;
  if (env.poolSize !== undefined) childEnv.PG_POOL_SIZE = String(env.poolSize);

  const log = createWriteStream(opts.logFile, { flags: 'a' });
  const child = spawn(process.execPath, [...nodeArgs, entry, 'serve', '--no-demo'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.once('exit', (code) => {
    exited = code;
    resolve();
  }));

  const base = `http://127.0.0.1:${env.port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`the server exited with code ${exited} before it was healthy; see ${opts.logFile}`);
    try {
      const res = await fetch(`${base}/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server was not healthy within 120 s; see ${opts.logFile}`);
    }
    await sleep(200);
  }

  return {
    child,
    pid: child.pid!,
    base,
    async stop() {
      if (exited === undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exit;
        clearTimeout(timer);
      }
      log.end();
    },
  };
}
