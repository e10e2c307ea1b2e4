import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

// A member's copy of their data (PIPL 第四十五条): every module that holds rows about a
// member answers `memberData(programId, memberId)` with one section per table it owns,
// titled in both languages, rows whole. The member-data-export workflow puts them together.

export interface MemberDataSection {
  /** The table the rows come from: the export test matches it against the catalogue. */
  table: string;
  title: { zh: string; en: string };
  rows: Record<string, unknown>[];
}

/**
 * Every row of the owner's tables that carries the member's id, one section per table.
 * Called by the owning module only, with its own table names; `column` when the member is
 * named otherwise (a referral's friend).
 */
export async function memberSections(
  db: Db, programId: string, memberId: string,
  tables: readonly (readonly [table: string, zh: string, en: string])[],
): Promise<MemberDataSection[]> {
  const out: MemberDataSection[] = [];
  for (const [table, zh, en] of tables) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} WHERE program_id = ${programId} AND member_id = ${memberId}`.execute(db);
    out.push({ table, title: { zh, en }, rows: rows.rows });
  }
  return out;
}

/**
 * What stands where an erased member's words were (PIPL 第四十七条 删除): the business record
 * keeps its row, numbers and dates; the text the member wrote, or staff wrote about them,
 * goes. One marker everywhere, so a reader sees that something was erased, not that nothing was said.
 */
export const ERASED_TEXT = '[已删除]';

/**
 * A text that is kept after an erasure with the member's own identifiers (name, phone,
 * e-mail, as they were before the erasure) blotted out, wherever they appear in it.
 */
export function redact(text: string, identifiers: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const value of identifiers) if (value && value.length >= 2) out = out.split(value).join(ERASED_TEXT);
  return out;
}
