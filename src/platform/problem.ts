import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, M, platformFailure, type ErrorTable, type FieldIssue, type Lang } from './errors.ts';
import { issueMessage, pickLang } from './i18n.ts';

export const PROBLEM_BASE = 'https://patron.dev/problems/';
export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

function fieldOf(instancePath: string, params: Record<string, unknown>): string {
  const parts = instancePath.split('/').filter(Boolean);
  const keys = params.keys as string[] | undefined;
  if (keys?.length) parts.push(keys[0]!);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

/** Turns anything thrown at the HTTP layer into a failure; never leaks an internal message. */
export function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext;
    const issues: FieldIssue[] = error.validation.map((v) => {
      const field = fieldOf(v.instancePath, v.params as Record<string, unknown>);
      return { field: field || where || 'body', message: issueMessage(v) };
    });
    const first = issues[0]!;
    const detail = { key: first.message.key, en: `${first.field}: ${first.message.en}`, zh: `${first.field}: ${first.message.zh}` };
    return platformFailure('validation', detail, { field: first.field, issues });
  }
  const e = error as FastifyError & { code?: string; status?: number };
  switch (e.code) {
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return platformFailure('malformed_json', M.body_empty(), { field: 'body' });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return platformFailure('malformed_json', M.body_json(), { field: 'body' });
    case 'FST_ERR_BAD_URL':
      return platformFailure('malformed_url', M.url_malformed(), { field: 'url' });
    case '23505':
      return platformFailure('conflict', M.existing_record());
    case '22003':
    case '22P02':
    case '22007':
    case '22008':
    case '22009':
      return platformFailure('validation', M.out_of_range());
    // NUL and other characters PostgreSQL cannot store in text or jsonb
    case '22021':
    case '22P05':
      return platformFailure('validation', M.bad_character());
    // two transactions took the same rows in opposite orders (deadlock), a serializable
    // check failed, or a lock was not to be had: PostgreSQL rolled this one back whole, so
    // nothing changed and the same request can simply be sent again (not a 500: no bug)
    case '40P01':
    case '40001':
    case '55P03':
      return platformFailure('busy', M.contention());
  }
  if (e instanceof SyntaxError || (e.statusCode === 400 && /JSON/i.test(e.message))) {
    return platformFailure('malformed_json', M.body_json(), { field: 'body' });
  }
  // Fastify's body too large (413), path parameter too long (414) and content type (415)
  if (e.statusCode === 413) return platformFailure('payload_too_large', M.too_large());
  if (e.statusCode === 414) return platformFailure('uri_too_long', M.url_too_long(), { field: 'url' });
  if (e.statusCode === 415) return platformFailure('unsupported_media_type', M.media_type());
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return platformFailure('validation', M.bad_request());
  return platformFailure('internal', M.internal());
}

/** Renders failures as RFC 9457 problem+json from the one composed table of codes. */
export function problems(table: ErrorTable) {
  function problemBody(err: DomainError, lang: Lang, instance?: string) {
    const spec = table[err.code] ?? table.internal!;
    return {
      type: PROBLEM_BASE + err.code,
      title: spec.title[lang],
      status: spec.status,
      detail: err.detail[lang],
      code: err.code,
      ...(err.field ? { field: err.field } : {}),
      ...(err.issues.length ? { errors: err.issues.map((i) => ({ field: i.field, message: i.message[lang] })) } : {}),
      ...err.extra,
      ...(instance ? { instance } : {}),
    };
  }

  function sendProblem(reply: FastifyReply, req: FastifyRequest, err: DomainError) {
    const body = problemBody(err, pickLang(req.headers['accept-language']), req.url);
    if (err.code === 'busy') void reply.header('retry-after', '1');
    return reply.code(body.status).type(PROBLEM_TYPE).send(JSON.stringify(body));
  }

  function errorHandler(error: unknown, req: FastifyRequest, reply: FastifyReply) {
    const err = toDomainError(error);
    if (err.code === 'internal') req.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, req, err);
  }

  /**
   * A request Node's HTTP parser refused (raw non-ASCII bytes in the URL, headers too
   * large, too slow): no Fastify request exists, so the answer is written to the socket,
   * in the language the raw request asked for when its headers can be read.
   */
  function clientErrorHandler(err: Error & { code?: string; rawPacket?: unknown }, socket: Duplex) {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const failure = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? platformFailure('request_timeout', M.request_timeout())
      : err.code === 'HPE_HEADER_OVERFLOW' ? platformFailure('headers_too_large', M.headers_too_large())
      : err.code === 'HPE_INVALID_URL' ? platformFailure('malformed_url', M.url_malformed(), { field: 'url' })
      : platformFailure('malformed_request', M.malformed_request());
    const raw = Buffer.isBuffer(err.rawPacket) ? err.rawPacket.toString('latin1') : '';
    const lang = pickLang(/\r\naccept-language:\s*([^\r\n]*)/i.exec(raw)?.[1]);
    const body = Buffer.from(JSON.stringify(problemBody(failure, lang)));
    const status = table[failure.code]!.status;
    if (socket.writable) {
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_TYPE}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
      socket.write(body);
    }
    socket.destroy(err);
  }

  return { problemBody, sendProblem, errorHandler, clientErrorHandler };
}
