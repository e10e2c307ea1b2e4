import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { isFailure, M, platformFailure, type DomainError } from './errors.ts';
import { KEY_RE } from './idempotency.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** The Idempotency-Key header, checked; required on writes a POS may retry. */
export function idempotencyKey(headers: Record<string, unknown>, required: boolean): string | undefined {
  const raw = headers['idempotency-key'];
  if (raw === undefined) {
    if (required) throw platformFailure('idempotency_key_required', M.idempotency_required(), { field: 'Idempotency-Key' });
    return undefined;
  }
  if (typeof raw !== 'string' || !KEY_RE.test(raw)) {
    throw platformFailure('validation', M.idempotency_shape(), { field: 'Idempotency-Key' });
  }
  return raw;
}

/**
 * A service's answer at the HTTP edge: the value, or its failure handed to the error
 * handler, which renders it as problem+json (platform/problem.ts). The one place a
 * failure value becomes a throw, because that is how a Fastify handler answers.
 */
export function orProblem<T>(result: T | DomainError): T {
  if (isFailure(result)) throw result;
  return result;
}
