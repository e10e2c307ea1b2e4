import type { Services } from '../../services.ts';
import type { ImportOptions, MembersImportReport, PurchasesImportReport } from './import.ts';
import { importMembers } from './import-members.ts';
import { importPurchases, type PurchasesImportOptions } from './import-purchases.ts';

/** Bulk imports from files, written through the owning modules' services. */
export function importService(s: Services) {
  return {
    members: (programId: string, file: string, opts?: ImportOptions) => importMembers(s, programId, file, opts),
    purchases: (programId: string, file: string, opts?: PurchasesImportOptions) => importPurchases(s, programId, file, opts),
  };
}
export type ImportService = ReturnType<typeof importService>;

const n = (v: number) => v.toLocaleString('en-US');
const fen = (v: number) => `${n(v)} fen (${(v / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })})`;

function errorLines(r: MembersImportReport | PurchasesImportReport): string[] {
  if (!r.error_count) return [];
  const out = [`rejected rows: ${n(r.error_count)}`, ...r.errors.map((e) => `  line ${e.line}: ${e.message}`)];
  if (r.error_count > r.errors.length) out.push(`  … and ${n(r.error_count - r.errors.length)} more`);
  return out;
}

/** The end-of-import summary an operator reads. */
export function formatMembersReport(r: MembersImportReport): string {
  return [
    `members import of ${r.file}`,
    `rows: ${n(r.rows)}  created: ${n(r.created)}  existing: ${n(r.existing)}  rejected: ${n(r.error_count)}`,
    `elapsed: ${(r.elapsed_ms / 1000).toFixed(1)} s (${n(r.rows_per_s)} rows/s)`,
    ...errorLines(r),
  ].join('\n');
}

export function formatPurchasesReport(r: PurchasesImportReport): string {
  const skipped = Object.entries(r.skipped).sort((a, b) => b[1] - a[1]);
  return [
    `purchases import of ${r.file} (store ${r.store_id}, times read as ${r.time_zone})`,
    `rows: ${n(r.rows)}  invoices: ${n(r.invoices)}  members created: ${n(r.members_created)}`,
    `purchases recorded: ${n(r.purchases.recorded)} (already there: ${n(r.purchases.replayed)})  amount: ${fen(r.purchases.amount_fen)}  points earned: ${n(r.purchases.points_earned)}`,
    `returns recorded: ${n(r.returns.recorded)} (already there: ${n(r.returns.replayed)}; free goods, nothing to refund: ${n(r.returns.zero_amount)})  amount: ${fen(r.returns.amount_fen)}  points reversed: ${n(r.returns.points_reversed)} (unrecovered: ${n(r.returns.points_unrecovered)})`,
    `unmatched returns (no earlier purchase in the data): ${n(r.unmatched_returns.lines)} lines, ${n(r.unmatched_returns.units)} units, ${fen(r.unmatched_returns.amount_fen)}`,
    `skipped rows: ${n(skipped.reduce((s, [, c]) => s + c, 0))}`,
    ...skipped.map(([reason, c]) => `  ${reason}: ${n(c)}`),
    `elapsed: ${(r.elapsed_ms / 1000).toFixed(1)} s (${n(r.rows_per_s)} rows/s)`,
    ...errorLines(r),
  ].join('\n');
}
