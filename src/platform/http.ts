import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DomainError } from './errors.ts';
import { KEY_RE } from './idempotency.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** The Idempotency-Key header, checked; required on writes a POS may retry. */
export function idempotencyKey(headers: Record<string, unknown>, required: boolean): string | undefined {
  const raw = headers['idempotency-key'];
  if (raw === undefined) {
    if (required) throw new DomainError('idempotency_key_required', 'Send an Idempotency-Key header', { field: 'Idempotency-Key' });
    return undefined;
  }
  if (typeof raw !== 'string' || !KEY_RE.test(raw)) {
    throw new DomainError('validation', 'Idempotency-Key must be 1–128 visible ASCII characters', { field: 'Idempotency-Key' });
  }
  return raw;
}
