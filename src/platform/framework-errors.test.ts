import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing/harness.ts';

// Errors raised before any route runs: by Fastify's router and body parsers, and by Node's
// HTTP parser itself. Each must be problem+json in the caller's language, like any other.

/** Sends raw bytes to the server and returns the status line, headers and body it wrote. */
function rawRequest(port: number, bytes: Buffer): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head, body });
    });
  });
}

describe('errors raised before a route runs', () => {
  let t: TestContext;
  let port: number;
  beforeAll(async () => {
    t = await createTestContext('pglite');
    port = Number(new URL((await t.listen()).url).port);
  });
  afterAll(async () => { await t.close(); });

  const auth = () => ({ authorization: `Bearer ${t.bootstrapKey}` });

  it.each([
    ['a 5,000-character path', { method: 'GET', url: `/v1/programs/${'x'.repeat(5_000)}` }, 414, 'uri_too_long', '请求地址过长'],
    ['a path with a broken percent escape', { method: 'GET', url: '/v1/programs/%E0%A4%A' }, 400, 'malformed_url', '请求地址格式不正确'],
    ['an unknown route', { method: 'GET', url: '/v1/nothing-here' }, 404, 'not_found', '资源不存在'],
    ['a method the route does not have', { method: 'DELETE', url: '/v1/programs' }, 404, 'not_found', '资源不存在'],
    ['a wrong content type', { method: 'POST', url: '/v1/programs', payload: '<x/>', headers: { 'content-type': 'application/xml' } }, 415, 'unsupported_media_type', '不支持的内容类型'],
    ['bad JSON', { method: 'POST', url: '/v1/programs', payload: '{"name":', headers: { 'content-type': 'application/json' } }, 400, 'malformed_json', '请求体不是有效的 JSON'],
    ['a body over 1 MiB', { method: 'POST', url: '/v1/programs', payload: JSON.stringify({ name: 'x'.repeat(1_100_000) }), headers: { 'content-type': 'application/json' } }, 413, 'payload_too_large', '请求体过大'],
  ] as const)('%s is problem+json, zh by default and en when asked', async (_name, req, status, code, zhTitle) => {
    for (const lang of ['zh', 'en'] as const) {
      const headers = { ...auth(), ...('headers' in req ? req.headers : {}), ...(lang === 'en' ? { 'accept-language': 'en' } : {}) };
      const r = await t.app.inject({ ...req, headers } as never);
      expect(r.statusCode, r.body).toBe(status);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = r.json();
      expect(body).toMatchObject({ type: `https://patron.dev/problems/${code}`, status, code });
      if (lang === 'zh') expect(body.title).toBe(zhTitle);
      else expect(body.title).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('a query with raw (not percent-encoded) UTF-8 is problem+json from the HTTP parser, in the asked language', async () => {
    for (const [lang, title] of [['en', 'The request URL is malformed'], ['zh-CN', '请求地址格式不正确']] as const) {
      const r = await rawRequest(port, Buffer.concat([
        Buffer.from('GET /v1/programs?q='), Buffer.from('王', 'utf8'),
        Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: ${lang}\r\nAuthorization: Bearer ${t.bootstrapKey}\r\n\r\n`),
      ]));
      expect(r.status).toBe(400);
      expect(r.headers).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(r.body)).toMatchObject({ code: 'malformed_url', status: 400, title, field: 'url' });
    }
  });

  it('a request line that is not HTTP at all is problem+json too', async () => {
    const r = await rawRequest(port, Buffer.from('HELLO\r\n\r\n'));
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ code: 'malformed_request', status: 400 });
  });
});
