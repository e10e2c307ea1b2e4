import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { boot } from '../../boot.ts';
import { isFailure, type Result } from '../../platform/errors.ts';
import type { Config } from '../../config.ts';
import type { ImportProgress } from './import.ts';
import { formatMembersReport, formatPurchasesReport, importService } from './import.service.ts';

interface CommonOptions {
  program: string;
  errors?: string;
  batchSize: number;
  quiet?: boolean;
  json?: boolean;
}

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new InvalidArgumentError('expected a whole number from 1 to 100000');
  return n;
};

/** A progress bar on stderr by bytes of the file read; none when quiet or not a terminal. */
function progressBar(quiet: boolean | undefined) {
  if (quiet || !process.stderr.isTTY) return { update: (_p: ImportProgress) => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: 'importing |{bar}| {percentage}% | {rows} rows | {speed} rows/s | ETA {eta_formatted}',
    hideCursor: true,
    etaBuffer: 50,
  }, cliProgress.Presets.shades_classic);
  const started = performance.now();
  let on = false;
  return {
    update(p: ImportProgress) {
      const speed = Math.round((p.rows * 1000) / Math.max(1, performance.now() - started));
      if (!on) {
        bar.start(p.totalBytes, 0, { rows: 0, speed: 0 });
        on = true;
      }
      bar.update(p.bytes, { rows: p.rows.toLocaleString('en-US'), speed: speed.toLocaleString('en-US') });
    },
    stop() {
      if (on) bar.stop();
      on = false;
    },
  };
}

/** `patron import members|purchases FILE`: the command group, registered by src/cli.ts. */
export function importCommand(config: Config): Command {
  const group = new Command('import').description('import members or purchases from CSV files (streamed, in batches, safe to run twice)');
  const common = (c: Command) => c
    .requiredOption('--program <id>', 'program to import into')
    .option('--errors <file>', 'write every rejected row ("line N: reason") to this file')
    .option('--batch-size <n>', 'rows per transaction', positiveInt, 500)
    .option('--quiet', 'no progress bar')
    .option('--json', 'print the report as JSON');

  async function run<R>(o: CommonOptions, work: (imports: ReturnType<typeof importService>, onProgress: (p: ImportProgress) => void) => Promise<Result<R>>, format: (r: R) => string) {
    const { handle, services } = await boot(config);
    const bar = progressBar(o.quiet);
    try {
      const report = await work(importService(services), (p) => bar.update(p));
      bar.stop();
      if (isFailure(report)) {
        // a wrong program, store or header: say so plainly
        console.error(`error: ${report.message}${report.field ? ` (${report.field})` : ''}`);
        process.exitCode = 1;
        return;
      }
      console.log(o.json ? JSON.stringify(report, null, 2) : format(report));
    } finally {
      bar.stop();
      await handle.close();
    }
  }

  common(group.command('members').argument('<file>', 'CSV with a header: phone (required), name, email, gender, birthday, id_number, address, external_id, language (zh or en)')
    .description('enrol members from a CSV file; phones already enrolled are left as they are'))
    .action(async (file: string, o: CommonOptions) => {
      await run(o, (imports, onProgress) => imports.members(o.program, file, { batchSize: o.batchSize, errorsFile: o.errors, onProgress }), formatMembersReport);
    });

  common(group.command('purchases').argument('<file>', 'CSV (or .csv.gz): InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country')
    .description('record purchases and returns from invoice lines (the Online Retail layout); customers become members'))
    .option('--store <id>', "store to record in (default: the program's first store, ONLINE if it has none)")
    .action(async (file: string, o: CommonOptions & { store?: string }) => {
      await run(o, (imports, onProgress) => imports.purchases(o.program, file, { batchSize: o.batchSize, errorsFile: o.errors, storeId: o.store, onProgress }), formatPurchasesReport);
    });
  return group;
}
