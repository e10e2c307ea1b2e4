import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** PATRON_SECRET: one encryption key, id `v1` (earlier versions' only key). */
  secret: string | undefined;
  /** PATRON_KEYS: "k2:<secret>,k1:<old>", the current key first (docs/architecture.md, Keys). */
  keys?: string | undefined;
  /** PATRON_INDEX_KEY: the blind-index key, 32 bytes base64url; stays the same across rotations. */
  indexKey?: string | undefined;
  bootstrapKey: string | undefined;
  logLevel: string;
  poolSize: number;
  /** Run scheduled jobs (expiry, pending release) in this process. */
  scheduler: boolean;
  /** Console sessions end after this many idle minutes (PATRON_SESSION_IDLE_MINUTES, default 30)… */
  sessionIdleMinutes: number;
  /** …and this many hours after sign-in (PATRON_SESSION_MAX_HOURS, default 12). */
  sessionMaxHours: number;
  /** Origins a browser may call the API from (PATRON_CORS_ORIGINS, comma list); none by default. */
  corsOrigins: string[];
  /** The session cookie's Secure flag (PATRON_SECURE_COOKIES on | off | auto: when the request came over https). */
  secureCookies: boolean | 'auto';
  /** Trust X-Forwarded-For/-Proto from a reverse proxy (PATRON_TRUST_PROXY=on): the client's address for rate limits, https for cookies. */
  trustProxy: boolean;
}

/** A setting that cannot be used: said at start-up, naming the variable, not found later as a silent default. */
export class ConfigError extends Error {}

/** A whole number ≥ min from the environment; unset or empty: the default. ("30m" would be NaN: idle expiry silently off.) */
function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${name} must be a whole number of at least ${min} (it is "${raw}")`);
  return n;
}

/** One of the allowed words; unset or empty: the default. */
function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(`${name} must be ${allowed.join(', ')} (it is "${raw}")`);
  return raw as T;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const secure = oneOf(env, 'PATRON_SECURE_COOKIES', ['on', 'off', 'auto'], 'auto');
  return {
    port: whole(env, 'PORT', 3000, 0),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.PATRON_DATA_DIR ?? 'data'),
    secret: env.PATRON_SECRET || undefined,
    keys: env.PATRON_KEYS || undefined,
    indexKey: env.PATRON_INDEX_KEY || undefined,
    bootstrapKey: env.PATRON_BOOTSTRAP_KEY || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    // one connection per concurrent request up to 32: fewer queue in the pool under load
    poolSize: whole(env, 'PG_POOL_SIZE', 32),
    scheduler: env.PATRON_SCHEDULER !== 'off',
    sessionIdleMinutes: whole(env, 'PATRON_SESSION_IDLE_MINUTES', 30),
    sessionMaxHours: whole(env, 'PATRON_SESSION_MAX_HOURS', 12),
    corsOrigins: (env.PATRON_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    secureCookies: secure === 'on' ? true : secure === 'off' ? false : 'auto',
    trustProxy: oneOf(env, 'PATRON_TRUST_PROXY', ['on', 'off'], 'off') === 'on',
  };
}
