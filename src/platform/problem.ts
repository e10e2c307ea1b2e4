import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type ErrorCode, type FieldIssue } from './errors.ts';
import { pickLang, TITLES, translateMessage } from './i18n.ts';

// Every error code's HTTP status, in one exhaustive table.
const STATUS: { [code in ErrorCode]: number } = {
  validation: 400,
  malformed_json: 400,
  idempotency_key_required: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  duplicate_phone: 409,
  idempotency_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  insufficient_points: 422,
  return_exceeds_purchase: 422,
  member_not_active: 422,
  internal: 500,
};

export const PROBLEM_BASE = 'https://patron.dev/problems/';

export function problemBody(err: DomainError, lang: ReturnType<typeof pickLang>, instance?: string) {
  const status = STATUS[err.code];
  return {
    type: PROBLEM_BASE + err.code,
    title: TITLES[err.code][lang],
    status,
    detail: translateMessage(err.message, lang),
    code: err.code,
    ...(err.field ? { field: err.field } : {}),
    ...(err.issues.length ? { errors: err.issues.map((i) => ({ field: i.field, message: translateMessage(i.message, lang) })) } : {}),
    ...err.extra,
    ...(instance ? { instance } : {}),
  };
}

export function sendProblem(reply: FastifyReply, req: FastifyRequest, err: DomainError) {
  const body = problemBody(err, pickLang(req.headers['accept-language']), req.url);
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(JSON.stringify(body));
}

function fieldOf(instancePath: string, params: Record<string, unknown>): string {
  const parts = instancePath.split('/').filter(Boolean);
  const keys = params.keys as string[] | undefined;
  if (keys?.length) parts.push(keys[0]!);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

/** Turns anything thrown into RFC 9457 problem+json; never leaks an internal message. */
export function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext;
    const issues: FieldIssue[] = error.validation.map((v) => {
      const field = fieldOf(v.instancePath, v.params as Record<string, unknown>);
      return { field: field || where || 'body', message: v.message ?? 'Invalid' };
    });
    const first = issues[0]!;
    return new DomainError('validation', `${first.field}: ${first.message}`, { field: first.field, issues });
  }
  const e = error as FastifyError & { code?: string; status?: number };
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new DomainError('unsupported_media_type', 'Send application/json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new DomainError('payload_too_large', 'The request body is too large');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new DomainError('malformed_json', 'The JSON body is empty', { field: 'body' });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new DomainError('malformed_json', 'The body is not valid JSON', { field: 'body' });
    case '23505':
      return new DomainError('conflict', 'Conflicts with an existing record');
    case '22003':
    case '22P02':
    case '22007':
    case '22008':
    case '22009':
      return new DomainError('validation', 'A value is out of range');
    // NUL and other characters PostgreSQL cannot store in text or jsonb
    case '22021':
    case '22P05':
      return new DomainError('validation', 'A text value contains a character that is not allowed');
  }
  if (e instanceof SyntaxError || (e.statusCode === 400 && /JSON/i.test(e.message))) {
    return new DomainError('malformed_json', 'The body is not valid JSON', { field: 'body' });
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new DomainError('validation', e.message);
  }
  return new DomainError('internal', 'Internal server error');
}

export function errorHandler(error: unknown, req: FastifyRequest, reply: FastifyReply) {
  const err = toDomainError(error);
  if (err.code === 'internal') req.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, req, err);
}
