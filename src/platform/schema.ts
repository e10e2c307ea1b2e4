import { z } from 'zod';
import { isId, type IdPrefix } from './ids.ts';
import { isDate, isTimeZone } from './time.ts';

// Shared request pieces. Amounts are integers; 10^12 fen is the ceiling for any amount.
export const MAX_FEN = 1_000_000_000_000;
export const MAX_POINTS = 1_000_000_000_000;

export const zId = (prefix: IdPrefix) =>
  z.string().refine((v) => isId(v, prefix), { message: `Invalid id: expected ${prefix}_…` });
export const zFen = z.number().int().min(0).max(MAX_FEN);
export const zPositiveFen = z.number().int().min(1).max(MAX_FEN);
export const zPoints = z.number().int().min(1).max(MAX_POINTS);
// Years 1900–2199: anything else is a typo, and keeps date arithmetic inside PostgreSQL's range.
export const zDate = z.string().refine((v) => isDate(v) && v >= '1900-01-01' && v < '2200-01-01', { message: 'Invalid date: expected YYYY-MM-DD' });
export const zDateTime = z.iso.datetime({ offset: true, message: 'Invalid ISO date time: expected e.g. 2026-11-23T10:00:00+08:00' });
export const zTimeZone = z.string().refine(isTimeZone, { message: 'Invalid time zone: expected an IANA name such as Asia/Shanghai' });
export const zText = (max = 200) =>
  z.string().trim().min(1).max(max).refine((v) => !v.includes('\u0000'), { message: 'Invalid text: contains a NUL character' });

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
