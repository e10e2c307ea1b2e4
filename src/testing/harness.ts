import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { boot } from '../boot.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import type { DbKind } from '../db/database.ts';
import type { Services } from '../services.ts';

// Tests run on embedded PGlite always, and on PostgreSQL too when TEST_DATABASE_URL is
// set. On PostgreSQL the test files share one database and stay apart by program.

export const TEST_SECRET = 'patron-test-secret';

/** Headers for an API call with a key, asking for English problem titles. */
export const apiHeaders = (key: string) => ({ authorization: `Bearer ${key}`, 'accept-language': 'en' });

export function testDbKinds(): DbKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestContext {
  kind: DbKind;
  services: Services;
  app: FastifyInstance;
  bootstrapKey: string;
  close(): Promise<void>;
}

export async function createTestContext(kind: DbKind, opts: { poolSize?: number } = {}): Promise<TestContext> {
  const url = kind === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;
  if (kind === 'postgres' && !url) throw new Error('TEST_DATABASE_URL is not set');
  const { handle, services } = await boot({ databaseUrl: url, dataDir: '', secret: TEST_SECRET, poolSize: opts.poolSize ?? 60 }, { memory: true });
  const bootstrapKey = `pk_boot_test_${randomUUID()}`;
  await services.apiKeys.ensureBootstrap(bootstrapKey);
  const app = await buildApp(services, { console: false });
  await app.ready();
  return {
    kind, services, app, bootstrapKey,
    async close() {
      await app.close();
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
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    bootstrapKey,
    programId,
    services,
    async close() {
      await app.close();
      await handle.close();
    },
  };
}
