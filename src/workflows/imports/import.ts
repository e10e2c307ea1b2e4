import type { Principal } from '../../platform/context.ts';
import type { RowError } from './csv.ts';

export interface ImportProgress {
  bytes: number;
  totalBytes: number;
  rows: number;
}

export interface ImportOptions {
  /** Rows per transaction. */
  batchSize?: number;
  /** Write every rejected row here ("line N: reason"). */
  errorsFile?: string;
  onProgress?: (p: ImportProgress) => void;
  /** Who the ledger and the outbox name as the actor; a CLI actor by default. */
  actor?: Principal;
}

export interface ImportErrorsReport {
  /** Rejected rows: the first 50, with their line numbers. */
  errors: RowError[];
  error_count: number;
}

export interface MembersImportReport extends ImportErrorsReport {
  file: string;
  rows: number;
  created: number;
  /** Phones already enrolled (or repeated in the file): left as they are. */
  existing: number;
  elapsed_ms: number;
  rows_per_s: number;
}

export interface PurchasesImportReport extends ImportErrorsReport {
  file: string;
  store_id: string;
  time_zone: string;
  rows: number;
  /** Invoice groups read, of every kind. */
  invoices: number;
  purchases: { recorded: number; replayed: number; amount_fen: number; points_earned: number };
  returns: { recorded: number; replayed: number; amount_fen: number; points_reversed: number; points_unrecovered: number; zero_amount: number };
  /** Returned units no earlier purchase of the member can account for (bought before the data). */
  unmatched_returns: { lines: number; units: number; amount_fen: number };
  members_created: number;
  /** Rows left out on purpose, by reason. */
  skipped: Record<string, number>;
  elapsed_ms: number;
  rows_per_s: number;
}

export const DEFAULT_BATCH_SIZE = 500;

export const importActor = (programId: string): Principal =>
  ({ keyId: 'cli-import', name: 'patron import', role: 'admin', programId, storeId: null });

export function rate(rows: number, startedAt: number) {
  const elapsed = Math.round(performance.now() - startedAt);
  return { elapsed_ms: elapsed, rows_per_s: elapsed > 0 ? Math.round((rows * 1000) / elapsed) : rows };
}
