/** The few HTTP calls the bench makes to set a program up, through the public API. */

async function call<T>(base: string, key: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

export interface BenchProgram {
  programId: string;
  storeId: string;
  posKey: string;
  adminKey: string;
}

/** A program with the default earn rate (1 point per 100 fen), 7 pending days and year-end expiry, one store, a pos and an admin key. */
export async function setUpProgram(base: string, bootstrapKey: string): Promise<BenchProgram> {
  const program = await call<{ id: string }>(base, bootstrapKey, 'POST', '/v1/programs', { name: 'Bench program', time_zone: 'Asia/Shanghai' });
  const store = await call<{ id: string }>(base, bootstrapKey, 'POST', `/v1/programs/${program.id}/stores`, { code: 'BENCH-1', name: 'Bench store 1' });
  const pos = await call<{ key: string }>(base, bootstrapKey, 'POST', `/v1/programs/${program.id}/api-keys`, { name: 'bench till', role: 'pos', store_id: store.id });
  const admin = await call<{ key: string }>(base, bootstrapKey, 'POST', `/v1/programs/${program.id}/api-keys`, { name: 'bench admin', role: 'admin' });
  return { programId: program.id, storeId: store.id, posKey: pos.key, adminKey: admin.key };
}

/** One purchase through the API: a smoke test of the earn path before any load. */
export async function purchaseViaApi(base: string, posKey: string, programId: string, memberId: string, key: string): Promise<{ points_earned: number }> {
  const res = await fetch(`${base}/v1/programs/${programId}/purchases`, {
    method: 'POST',
    headers: { authorization: `Bearer ${posKey}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ member_id: memberId, amount_fen: 12_345 }),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`smoke purchase → ${res.status}: ${text}`);
  return JSON.parse(text) as { points_earned: number };
}

export async function balanceViaApi(base: string, posKey: string, programId: string, memberId: string): Promise<{ available: number; pending: number }> {
  return call(base, posKey, 'GET', `/v1/programs/${programId}/members/${memberId}/balance`);
}
