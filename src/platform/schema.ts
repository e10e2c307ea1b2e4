import { z } from 'zod';
import { ERROR_CODES, ERRORS } from '../errors.ts';
import { isId, type IdPrefix } from './ids.ts';
import { FIELD } from './i18n.ts';
import { isDate, isTimeZone } from './time.ts';

// Shared request pieces. Amounts are integers; 10^12 fen is the ceiling for any amount.
export const MAX_FEN = 1_000_000_000_000;
export const MAX_POINTS = 1_000_000_000_000;

export const zId = (prefix: IdPrefix) =>
  z.string().refine((v) => isId(v, prefix), { message: FIELD.id.key, params: { prefix } });
export const zFen = z.number().int().min(0).max(MAX_FEN);
export const zPositiveFen = z.number().int().min(1).max(MAX_FEN);
export const zPoints = z.number().int().min(1).max(MAX_POINTS);
// Years 1900–2199: anything else is a typo, and keeps date arithmetic inside PostgreSQL's range.
export const zDate = z.string().refine((v) => isDate(v) && v >= '1900-01-01' && v < '2200-01-01', { message: FIELD.date.key });
export const zDateTime = z.iso.datetime({ offset: true, message: FIELD.date_time.key });
export const zTimeZone = z.string().refine(isTimeZone, { message: FIELD.time_zone.key });
export const zText = (max = 200) =>
  z.string().trim().min(1).max(max).refine((v) => !v.includes('\u0000'), { message: FIELD.nul.key });

export const zProgramParams = z.strictObject({ program_id: zId('prg') });

/** How the document describes an error status: the codes that give it. */
export const problemDescription = (status: number) => `Problem: ${ERROR_CODES.filter((c) => ERRORS[c].status === status).join(', ')}`;

/** RFC 9457 problem details, as every error answer is sent (media type application/problem+json). */
export const ZProblem = z.object({
  type: z.string().describe('https://patron.dev/problems/<code>'),
  title: z.string().describe('Short, localised (Accept-Language: zh by default, en)'),
  status: z.number().int().describe('The HTTP status'),
  detail: z.string().optional().describe('What went wrong, localised'),
  code: z.enum(ERROR_CODES).describe('Stable machine-readable code'),
  field: z.string().optional().describe('The field at fault: a body path such as lines[0].amount_fen, a query or path parameter, or the header Idempotency-Key'),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional().describe('Every field at fault (validation)'),
  instance: z.string().optional().describe('The request path and query that failed'),
  available: z.number().int().optional().describe('insufficient_points: points available'),
  requested: z.number().int().optional().describe('insufficient_points: points asked for'),
  shortfall: z.number().int().optional().describe('insufficient_points: requested - available'),
  returnable_fen: z.number().int().optional().describe('return_exceeds_purchase: fen of the purchase left to return'),
  returnable_quantity: z.number().int().optional().describe('return_exceeds_purchase (by lines): units of the SKU left to return'),
  member_status: z.enum(['active', 'suspended', 'terminated']).optional().describe('member_not_active: the member\'s status'),
  resource: z.string().optional().describe('not_found: what was not found (member, purchase, store, …)'),
  job_id: z.string().optional().describe('tier_job_running: the tier job still being applied'),
  permission: z.string().optional().describe('forbidden: the permission the caller\'s role lacks (docs/permissions.md)'),
  retry_after: z.number().int().optional().describe('account_locked, too_many_attempts, survey_rate_limited: seconds until another try (also the Retry-After header)'),
}).loose().meta({ id: 'Problem', description: 'RFC 9457 problem details. Codes may carry more fields than those listed.' });

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** A documented error answer: problem+json, described by the codes that give this status. */
export const problemResponse = (status: number) => ({
  description: problemDescription(status),
  content: { [PROBLEM_MEDIA_TYPE]: { schema: ZProblem } },
});

/** The error answers every route may give, for the OpenAPI document (a request body's 413/415 are added by platform/openapi.ts). */
export const problemResponses = {
  400: problemResponse(400), 401: problemResponse(401), 403: problemResponse(403), 404: problemResponse(404),
  409: problemResponse(409), 414: problemResponse(414), 422: problemResponse(422), 500: problemResponse(500),
};
