import { z } from 'zod';
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

export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string(),
  field: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
}).loose();

/** The error answers every route may give, for the OpenAPI document. */
export const problemResponses = {
  400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem,
} as const;
