import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  secret: string | undefined;
  bootstrapKey: string | undefined;
  logLevel: string;
  poolSize: number;
  /** Run scheduled jobs (expiry, pending release) in this process. */
  scheduler: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.PATRON_DATA_DIR ?? 'data'),
    secret: env.PATRON_SECRET || undefined,
    bootstrapKey: env.PATRON_BOOTSTRAP_KEY || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    // one connection per concurrent request up to 32: fewer queue in the pool under load
    poolSize: Number(env.PG_POOL_SIZE ?? 32),
    scheduler: env.PATRON_SCHEDULER !== 'off',
  };
}
