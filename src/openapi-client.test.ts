import { randomUUID } from 'node:crypto';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { paths } from '../console/src/api/schema.ts';
import { openApiDocument } from '../scripts/gen-api-types.ts';
import { createTestContext, createTestProgram, testDbKinds, type TestContext } from './testing/harness.ts';

// A client typed by the types generated from the OpenAPI document (openapi-typescript),
// driven over HTTP (openapi-fetch): what the document says is what a client can use.

describe.each(testDbKinds())('a client generated from the OpenAPI document, on %s', (kind) => {
  let t: TestContext;
  let server: { url: string; fetch: typeof fetch };
  beforeAll(async () => {
    t = await createTestContext(kind);
    server = await t.listen();
  });
  afterAll(async () => { await t.close(); });

  it('is generated from the document the server serves', async () => {
    const served = await (await server.fetch(`${server.url}/openapi.json`)).json();
    expect(served).toEqual(await openApiDocument());
  });

  it('records a purchase, a return and a redemption', async () => {
    const p = await createTestProgram(t);
    const api = createClient<paths>({ baseUrl: server.url, fetch: server.fetch, headers: { authorization: `Bearer ${p.posKey}`, 'accept-language': 'en' } });
    const path = { program_id: p.programId };

    const enrolled = await api.POST('/v1/programs/{program_id}/members', { params: { path }, body: { phone: '13900001111', name: 'Wang Fang' } });
    expect(enrolled.response.status).toBe(201);
    const member = enrolled.data!;
    expect(member).toMatchObject({ phone: '139****1111', status: 'active' });

    const bought = await api.POST('/v1/programs/{program_id}/purchases', {
      params: { path, header: { 'Idempotency-Key': randomUUID() } },
      body: { member_id: member.id, amount_fen: 10_000, receipt_no: 'R-1', lines: [{ sku: 'TEA', quantity: 2, amount_fen: 6_000 }, { sku: 'CUP', quantity: 1, amount_fen: 4_000 }] },
    });
    expect(bought.response.status).toBe(201);
    const purchase = bought.data!;
    expect(purchase).toMatchObject({ amount_fen: 10_000, points_earned: 100, points_state: 'available', store_id: p.storeId });

    const returned = await api.POST('/v1/programs/{program_id}/returns', {
      params: { path, header: { 'Idempotency-Key': randomUUID() } },
      body: { purchase_id: purchase.id, lines: [{ sku: 'TEA', quantity: 1 }] },
    });
    expect(returned.response.status).toBe(201);
    expect(returned.data).toMatchObject({ amount_fen: 3_000, points_reversed: 30, points_unrecovered: 0 });

    const redeemed = await api.POST('/v1/programs/{program_id}/members/{member_id}/redemptions', {
      params: { path: { ...path, member_id: member.id }, header: { 'Idempotency-Key': randomUUID() } },
      body: { points: 50, description: 'Mug' },
    });
    expect(redeemed.response.status).toBe(201);
    expect(redeemed.data).toMatchObject({ points: 50, description: 'Mug', balance_after: 20 });

    const after = await api.GET('/v1/programs/{program_id}/purchases/{purchase_id}', { params: { path: { ...path, purchase_id: purchase.id } } });
    expect(after.data).toMatchObject({ returned_fen: 3_000, points_reversed: 30 });
    const balance = await api.GET('/v1/programs/{program_id}/members/{member_id}/balance', { params: { path: { ...path, member_id: member.id } } });
    expect(balance.data).toMatchObject({ available: 20, spent: 50, reversed: 30 });

    // an error is a typed problem
    const tooMuch = await api.POST('/v1/programs/{program_id}/members/{member_id}/redemptions', {
      params: { path: { ...path, member_id: member.id }, header: { 'Idempotency-Key': randomUUID() } },
      body: { points: 500 },
    });
    expect(tooMuch.response.status).toBe(422);
    expect(tooMuch.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(tooMuch.error).toMatchObject({ code: 'insufficient_points', available: 20, requested: 500, shortfall: 480 });
  });
});
