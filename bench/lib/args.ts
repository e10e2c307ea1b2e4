import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** PGlite in the server process instead of PostgreSQL. */
  embedded: boolean;
  /** Seconds each measured wrk/pgbench run lasts. */
  duration: number;
  /** Seconds of load before each measured run (not counted). */
  warmup: number;
  members: number;
  /** Ledger entries (and lots, and purchases) given to the "hot" member. */
  hotEntries: number;
  connections: number;
  threads: number;
  /** PostgreSQL server to use: an admin URL (the bench creates its own databases there). */
  pgUrl: string;
  /** PG_POOL_SIZE for the server; undefined = the server's default. */
  pool: number | undefined;
  /** Run the server under `node --cpu-prof` and sample PostgreSQL wait events during the earn run. */
  profile: boolean;
  /** Skip the hot/new member runs. */
  skipHot: boolean;
  /** pgbench's data scale and query mode for the ratios: pgbench's own defaults. */
  pgbench: PgbenchSetup;
  /** A second, stricter pgbench comparison in the same run, or none. */
  pgbenchAlso: PgbenchSetup | undefined;
  /** Skip pgbench (PostgreSQL mode): ratios are then not printed. */
  skipPgbench: boolean;
  port: number | undefined;
  /** Server-side experiments from bench/experiments/: "prepared", "cluster". */
  experiments: string[];
  /** Parts of the rules run left out, to see what each costs: "campaign", "tiers". */
  rulesWithout: string[];
}

export interface PgbenchSetup {
  scale: number;
  mode: 'simple' | 'extended' | 'prepared';
}

function setup(raw: string, flag: string): PgbenchSetup {
  const m = /^(\d+):(simple|extended|prepared)$/.exec(raw);
  if (!m || Number(m[1]) < 1) throw new Error(`--${flag} must look like 10:prepared (scale:mode), got ${raw}`);
  return { scale: Number(m[1]), mode: m[2] as PgbenchSetup['mode'] };
}

const HELP = `npm run bench -- [options]
  --embedded            PGlite in the server process (no DATABASE_URL); no pgbench
  --duration <s>        seconds per measured run (default 20)
  --warmup <s>          seconds of load before each measured run (default 3)
  --members <n>         members to seed (default 100000)
  --hot-entries <n>     ledger entries of the hot member (default 100000)
  --connections <n>     wrk -c and pgbench -c (default 32)
  --threads <n>         wrk -t and pgbench -j (default 2)
  --pgbench <s:mode>    pgbench -i -s <s> and -M <mode> for the ratios (default 1:simple,
                        pgbench's own defaults)
  --pgbench-also <s:mode>  a stricter comparison in the same run (default 10:prepared;
                        "none" to skip)
  --pg <url>            PostgreSQL admin URL (default postgres://postgres@127.0.0.1:5432/postgres)
  --pool <n>            PG_POOL_SIZE for the server (default: the server's own, 20)
  --profile             node --cpu-prof on the server + PostgreSQL wait-event sampling + EXPLAIN ANALYZE
  --skip-hot            skip the hot-member vs new-member runs
  --skip-pgbench        skip pgbench (no ratios)
  --port <n>            server port (default: a free one)
  --rules-without <list> leave parts out of the rules run to see what each costs: campaign, tiers
  --experiment <list>   comma-separated server experiments (bench/experiments/):
                          prepared  named prepared statements in node-postgres
                          cluster   one server process per core (node:cluster; PostgreSQL only)
                          bare      the load runs hit a bare Fastify + pg server doing the same
                                    SQL (bench/experiments/bare.ts) instead of the app`;

const EXPERIMENTS = ['prepared', 'cluster', 'bare'];

function experiments(raw: string, embedded: boolean): string[] {
  const list = raw.split(',').map((x) => x.trim()).filter(Boolean);
  for (const x of list) if (!EXPERIMENTS.includes(x)) throw new Error(`--experiment: unknown ${x} (known: ${EXPERIMENTS.join(', ')})`);
  if (embedded && list.includes('cluster')) throw new Error('--experiment cluster needs PostgreSQL: PGlite lives in one process');
  if (list.includes('bare') && (embedded || list.length > 1)) throw new Error('--experiment bare runs alone, on PostgreSQL');
  return list;
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      embedded: { type: 'boolean', default: false },
      duration: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
      members: { type: 'string', default: '100000' },
      'hot-entries': { type: 'string', default: '100000' },
      connections: { type: 'string', default: '32' },
      threads: { type: 'string', default: '2' },
      pgbench: { type: 'string', default: '1:simple' },
      'pgbench-also': { type: 'string', default: '10:prepared' },
      pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      pool: { type: 'string' },
      profile: { type: 'boolean', default: false },
      'skip-hot': { type: 'boolean', default: false },
      'skip-pgbench': { type: 'boolean', default: false },
      port: { type: 'string' },
      experiment: { type: 'string', default: '' },
      'rules-without': { type: 'string', default: '' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const int = (name: string, raw: string | undefined, min: number): number => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${raw}`);
    return n;
  };
  return {
    embedded: values.embedded,
    duration: int('duration', values.duration, 1),
    warmup: int('warmup', values.warmup, 0),
    members: int('members', values.members, 1),
    hotEntries: int('hot-entries', values['hot-entries'], 0),
    connections: int('connections', values.connections, 1),
    threads: int('threads', values.threads, 1),
    pgbench: setup(values.pgbench, 'pgbench'),
    pgbenchAlso: values['pgbench-also'] === 'none' ? undefined : setup(values['pgbench-also'], 'pgbench-also'),
    pgUrl: values.pg,
    pool: values.pool === undefined ? undefined : int('pool', values.pool, 1),
    profile: values.profile,
    skipHot: values['skip-hot'],
    skipPgbench: values['skip-pgbench'],
    port: values.port === undefined ? undefined : int('port', values.port, 1),
    experiments: experiments(values.experiment, values.embedded),
    rulesWithout: values['rules-without'].split(',').map((x) => x.trim()).filter((x) => x === 'campaign' || x === 'tiers'),
  };
}
