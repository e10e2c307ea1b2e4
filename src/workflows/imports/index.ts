// Imports (workflows): members and purchases from CSV files (streamed, in batches, safe to run twice),
// written through the members and purchases services, so they emit what those emit.
export { importService, formatMembersReport, formatPurchasesReport, type ImportService } from './import.service.ts';
export { importCommand } from './import.command.ts';
export type { ImportOptions, ImportProgress, MembersImportReport, PurchasesImportReport } from './import.ts';
export type { PurchasesImportOptions } from './import-purchases.ts';
