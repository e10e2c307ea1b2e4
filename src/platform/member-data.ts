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
