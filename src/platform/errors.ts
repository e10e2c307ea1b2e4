// Typed errors. Expected business outcomes (too few points, a return larger than the
// purchase) are values of DomainError with a stable code; the HTTP layer maps every code
// to a status in one table (problem.ts).

export const ERROR_CODES = [
  'validation',
  'malformed_json',
  'unsupported_media_type',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'duplicate_phone',
  'idempotency_conflict',
  'idempotency_key_required',
  'insufficient_points',
  'return_exceeds_purchase',
  'member_not_active',
  'payload_too_large',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  field: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly extra: Record<string, unknown>;
  readonly issues: FieldIssue[];
  constructor(code: ErrorCode, message: string, opts: { field?: string; extra?: Record<string, unknown>; issues?: FieldIssue[] } = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.field = opts.field;
    this.extra = opts.extra ?? {};
    this.issues = opts.issues ?? (opts.field ? [{ field: opts.field, message }] : []);
  }
}

export const notFound = (what: string, field?: string) => new DomainError('not_found', `${what} not found`, { field, extra: { resource: what } });
export const validation = (field: string, message: string) => new DomainError('validation', message, { field });
export const conflict = (message: string, field?: string) => new DomainError('conflict', message, { field });
export const forbidden = (message = 'This key may not do that') => new DomainError('forbidden', message);

export class InsufficientPoints extends DomainError {
  constructor(available: number, requested: number) {
    super('insufficient_points', `Needs ${requested} points, ${available} available`, {
      field: 'points',
      extra: { available, requested, shortfall: requested - available },
    });
  }
}
