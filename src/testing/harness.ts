import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { boot } from '../boot.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import type { DbKind } from '../db/database.ts';
import type { Services } from '../services.ts';
import { isApiPath, openApiChecker } from './openapi-check.ts';

// Tests run on embedded PGlite always, and on PostgreSQL too when TEST_DATABASE_URL is
// set. On PostgreSQL the test files share one database and stay apart by program.

export const TEST_SECRET = 'patron-test-secret';

/** Headers for an API call with a key, asking for English problem titles. */
/**
 * Runs a job that answers null when another process holds its advisory lock (on PostgreSQL the
 * test files share one database, so another file's run may hold it), until it runs.
 */
export async function whenUnlocked<T>(run: () => Promise<T | null>): Promise<T> {
  for (;;) {
    const r = await run();
    if (r !== null) return r;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const apiHeaders = (key: string) => ({ authorization: `Bearer ${key}`, 'accept-language': 'en' });

export function testDbKinds(): DbKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestContext {
  kind: DbKind;
  services: Services;
  app: FastifyInstance;
  bootstrapKey: string;
  /** Listens on 127.0.0.1 (a free port): the base URL and a fetch whose answers are checked against the document. */
  listen(): Promise<{ url: string; fetch: typeof fetch }>;
  close(): Promise<void>;
}

type Check = ReturnType<typeof openApiChecker>;

/**
 * Every answer app.inject gives is checked against the served OpenAPI document (status,
 * media type, body): a drift fails the request that made it, so every API test checks
 * the document without saying so.
 */
function checkInjected(app: FastifyInstance, check: Check) {
  const inject = app.inject.bind(app) as (opts: InjectOptions | string) => Promise<LightMyRequestResponse>;
  const checked = async (opts: InjectOptions | string) => {
    const res = await inject(opts);
    const drift = check({
      method: res.raw.req.method ?? 'GET', url: res.raw.req.url ?? '/', status: res.statusCode,
      contentType: res.headers['content-type'] as string | undefined, body: res.body,
    });
    if (drift) throw new Error(drift);
    return res;
  };
  // the chained and callback forms (no test uses them) are left unchecked
  const wrapped = (opts?: InjectOptions | string, cb?: (...args: unknown[]) => void) =>
    (opts === undefined || cb !== undefined ? (inject as (...args: unknown[]) => unknown)(opts, cb) : checked(opts));
  app.inject = wrapped as typeof app.inject;
}

/** fetch, with every API answer checked against the document (the body is read from a clone). */
export function checkedFetch(check: Check): typeof fetch {
  return async (input, init) => {
    // read before fetching: a Request's body can be read once
    const method = (input instanceof Request ? input.method : init?.method ?? 'GET').toUpperCase();
    const url = new URL(input instanceof Request ? input.url : String(input));
    const res = await fetch(input, init);
    const drift = check({ method, url: url.pathname + url.search, status: res.status, contentType: res.headers.get('content-type') ?? undefined, body: await res.clone().text() });
    if (drift) throw new Error(drift);
    return res;
  };
}

/** For a listening app: checks every API answer as it is sent (onSend) and keeps the drifts. */
function checkSent(app: FastifyInstance) {
  const drifts: string[] = [];
  let check: Check | undefined;
  app.addHook('onSend', async (req, reply, payload) => {
    if (!isApiPath(req.url.split('?')[0]!)) return payload;
    check ??= openApiChecker(JSON.parse(JSON.stringify(app.swagger())));
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString() : payload == null ? '' : undefined;
    if (body === undefined) return payload;
    const type = reply.getHeader('content-type');
    const drift = check({ method: req.method, url: req.url, status: reply.statusCode, contentType: typeof type === 'string' ? type : undefined, body });
    if (drift) {
      drifts.push(drift);
      req.log.error(drift);
    }
    return payload;
  });
  return drifts;
}

/** Listens on 127.0.0.1 at a free port; the base URL. */
async function listenLocally(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

export async function createTestContext(kind: DbKind, opts: { poolSize?: number } = {}): Promise<TestContext> {
  const url = kind === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;
  if (kind === 'postgres' && !url) throw new Error('TEST_DATABASE_URL is not set');
  const { handle, services } = await boot({ databaseUrl: url, dataDir: '', secret: TEST_SECRET, poolSize: opts.poolSize ?? 60 }, { memory: true });
  const bootstrapKey = `pk_boot_test_${randomUUID()}`;
  await services.apiKeys.ensureBootstrap(bootstrapKey);
  const app = await buildApp(services, { console: false });
  await app.ready();
  const doc = await app.inject({ method: 'GET', url: '/openapi.json' });
  const check = openApiChecker(doc.json());
  checkInjected(app, check);
  return {
    kind, services, app, bootstrapKey,
    async listen() {
      return { url: await listenLocally(app), fetch: checkedFetch(check) };
    },
    async close() {
      await app.close();
      // a coupon batch still writing would find the database gone
      await services.coupons.batchesSettled();
      await handle.close();
    },
  };
}

export interface TestProgram {
  programId: string;
  adminKey: string;
  posKey: string;
  storeId: string;
  otherStoreId: string;
}

/** A fresh program with two stores, an admin key and a pos key for the first store. */
export async function createTestProgram(t: TestContext, settings: Record<string, unknown> = {}): Promise<TestProgram> {
  const auth = { authorization: `Bearer ${t.bootstrapKey}` };
  const p = await t.app.inject({ method: 'POST', url: '/v1/programs', headers: auth, payload: { name: 'Test program', pending_days: 0, ...settings } });
  if (p.statusCode !== 201) throw new Error(`program: ${p.body}`);
  const programId = p.json().id as string;
  const store = async (code: string) => {
    const r = await t.app.inject({ method: 'POST', url: `/v1/programs/${programId}/stores`, headers: auth, payload: { code, name: `Store ${code}` } });
    return r.json().id as string;
  };
  const storeId = await store('S1');
  const otherStoreId = await store('S2');
  const key = async (role: string, store_id?: string) => {
    const r = await t.app.inject({ method: 'POST', url: `/v1/programs/${programId}/api-keys`, headers: auth, payload: { name: role, role, store_id } });
    return r.json().key as string;
  };
  return { programId, adminKey: await key('admin'), posKey: await key('pos', storeId), storeId, otherStoreId };
}

/** Starts the full app (API + built console) on a free port with in-memory PGlite. */
export async function startTestServer(opts: { seedDemo?: boolean; demoMembers?: number } = {}) {
  const { handle, services } = await boot({ databaseUrl: undefined, dataDir: '', secret: TEST_SECRET, poolSize: 1 }, { memory: true });
  const bootstrapKey = `pk_boot_test_${randomUUID()}`;
  await services.apiKeys.ensureBootstrap(bootstrapKey);
  const programId = opts.seedDemo ? (await seedDemo(services, { members: opts.demoMembers })).programId : null;
  const app = await buildApp(services);
  const drifts = checkSent(app);
  const url = await listenLocally(app);
  return {
    url,
    bootstrapKey,
    programId,
    services,
    /** Answers that departed from the OpenAPI document; close() fails when there are any. */
    drifts,
    async close() {
      await app.close();
      // a coupon batch still writing would find the database gone
      await services.coupons.batchesSettled();
      await handle.close();
      if (drifts.length) throw new Error(`${drifts.length} answer(s) departed from the OpenAPI document:\n${drifts.join('\n')}`);
    },
  };
}
