/**
 * Experiment (not part of the app): `node bench/experiments/cluster.ts serve --no-demo`
 * runs `patron serve` in PATRON_BENCH_WORKERS worker processes (default: one per core)
 * sharing one port through node:cluster. Used by `npm run bench -- --experiment cluster`
 * (PostgreSQL only: PGlite is one process's database).
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';

if (cluster.isPrimary) {
  const n = Number(process.env.PATRON_BENCH_WORKERS ?? availableParallelism());
  for (let i = 0; i < n; i++) cluster.fork();
  let alive = n;
  cluster.on('exit', (_worker, code) => {
    alive--;
    if (code && code !== 0) console.error(`worker exited with code ${code}`);
    if (alive === 0) process.exit(0);
  });
  const stop = () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} else {
  await import('../../src/cli.ts');
}
