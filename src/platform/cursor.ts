import { validation, M, type Result } from './errors.ts';
import { isId, type IdPrefix } from './ids.ts';

// A keyset cursor over (time desc, id desc): the last row's time and id, base64url. Opaque
// to callers; a list paged by it neither repeats nor skips a row when rows are added meanwhile.

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

/** The cursor's time and id, or a 400 naming `cursor`; with `prefix`, the id must be one of that kind. */
export function decodeCursor(cursor: string, prefix?: IdPrefix): Result<{ at: Date; id: string }> {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString().split('|');
  const date = new Date(at ?? '');
  if (!id || rest.length || Number.isNaN(date.getTime()) || (prefix && !isId(id, prefix))) return validation('cursor', M.cursor());
  return { at: date, id };
}
