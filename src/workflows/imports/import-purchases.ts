import { isFailure, validation, verbatim, type Result } from '../../platform/errors.ts';
import { MAX_FEN } from '../../platform/schema.ts';
import { atLocal } from '../../platform/time.ts';
import { assertNoTransaction, inTransaction } from '../../platform/transaction.ts';
import { lineReturnFen } from '../../modules/purchases/index.ts';
import type { Services } from '../../services.ts';
import { openCsv, RowErrors } from './csv.ts';
import { DEFAULT_BATCH_SIZE, importActor, rate, type ImportOptions, type PurchasesImportReport } from './import.ts';

// `patron import purchases`: invoice lines in the layout of the UCI "Online Retail" data
// (InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country).
// Consecutive lines with one InvoiceNo are one invoice; an invoice of a customer is one
// purchase, recorded through the purchases service so points, lots and the ledger stay as
// the POS API would leave them. C invoices are returns, matched to the member's earlier
// purchases of the same StockCode. Every write carries a key derived from the invoice
// number, so a second run replays instead of writing again.

export const PURCHASE_COLUMNS = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'] as const;

// Postage, fees, discounts, manual corrections, charity, samples and gift vouchers.
const NON_GOODS = new Set(['POST', 'DOT', 'M', 'D', 'C2', 'S', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'B']);
const MAX_QUANTITY = 1_000_000;

export function nonGoodsCode(stockCode: string): string | null {
  const code = stockCode.toUpperCase();
  if (NON_GOODS.has(code)) return code;
  if (code.startsWith('GIFT_0001_')) return 'gift_0001_*';
  return null;
}

/**
 * Quantity × UnitPrice in fen (one pound read as one yuan, so pence are fen), computed on
 * the decimal string so no float rounding creeps in. Prices finer than a penny (0.001)
 * round half up per line. Null if the price is not a plain non-negative decimal.
 */
export function lineFen(quantity: number, unitPrice: string): number | null {
  const m = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(unitPrice);
  if (!m) return null;
  const frac = m[2] ?? '';
  const scaled = BigInt(quantity) * BigInt(m[1]! + frac);
  const fen = frac.length <= 2 ? scaled * 10n ** BigInt(2 - frac.length) : (2n * scaled + 10n ** BigInt(frac.length - 2)) / (2n * 10n ** BigInt(frac.length - 2));
  return fen > BigInt(MAX_FEN) ? null : Number(fen);
}

/** CustomerID as written in the data ("17850.0") to its number ("17850"), or null. */
export function parseCustomerId(raw: string): string | null {
  const m = /^(\d{1,7})(?:\.0*)?$/.exec(raw);
  return m ? String(Number(m[1])) : null;
}

/**
 * A customer of the data has no phone; the member gets a synthetic one that is a valid
 * mainland mobile and the same on every run: 1990 and the customer number in 7 digits.
 */
export const customerPhone = (customerId: string) => `1990${customerId.padStart(7, '0')}`;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
/** "YYYY-MM-DD HH:MM[:SS]" with no zone, read as wall-clock time in tz; null if not a time. */
export function wallClockInstant(text: string, tz: string): Date | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(guess);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return atLocal(`${m[1]}-${m[2]}-${m[3]}`, `${m[4]}:${m[5]}:${m[6] ?? '00'}`, tz);
}

interface OpenLine {
  quantity: number;
  amount_fen: number;
  returned: number;
}

/** A purchase as the importer remembers it, to match later returns against. */
interface PurchaseRef {
  invoice: string;
  key: string;
  purchaseId: string | null;
  lines: Map<string, OpenLine>;
}

interface SaleOp {
  kind: 'sale';
  line: number;
  invoice: string;
  customerId: string;
  occurredAt: string;
  amountFen: number;
  ref: PurchaseRef;
}

interface ReturnOp {
  kind: 'return';
  line: number;
  invoice: string;
  key: string;
  occurredAt: string;
  ref: PurchaseRef;
  lines: Map<string, number>;
  /** What the purchases service will give back, by its own rounding (see recordReturn). */
  expectedFen: number;
}

interface Group {
  invoice: string;
  /** The invoice number made unique in the file, for the idempotency key. */
  id: string;
  kind: 'sale' | 'return' | 'adjustment' | 'bad';
  line: number;
  customerId: string | null;
  date: string | null;
  sale: Map<string, { quantity: number; amount_fen: number }>;
  returned: { line: number; sku: string; quantity: number; price: string }[];
}

export interface PurchasesImportOptions extends ImportOptions {
  /** The store purchases are recorded in; by default the program's first (ONLINE if none). */
  storeId?: string;
}

/** The store to record in: the one asked for, else the program's first, else a new ONLINE. */
export async function importStore(s: Services, programId: string, storeId?: string): Promise<Result<string>> {
  if (storeId) {
    const store = await s.stores.get(programId, storeId);
    return isFailure(store) ? store : store.id;
  }
  const stores = await s.stores.list(programId);
  if (stores[0]) return stores[0].id;
  const made = await s.stores.create(programId, { code: 'ONLINE', name: 'Online' });
  return isFailure(made) ? made : made.id;
}

export async function importPurchases(s: Services, programId: string, file: string, opts: PurchasesImportOptions = {}): Promise<Result<PurchasesImportReport>> {
  // each batch is its own transaction, retried invoice by invoice when it fails
  assertNoTransaction(s.ctx.db);
  const settings = await s.programs.settings(programId);
  if (isFailure(settings)) return settings;
  const tz = settings.timeZone;
  const store = await importStore(s, programId, opts.storeId);
  if (isFailure(store)) return store;
  const storeId: string = store;
  const startedAt = performance.now();
  const actor = opts.actor ?? importActor(programId);
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const csv = openCsv(file);
  const errors = new RowErrors(opts.errorsFile);

  const report = {
    rows: 0,
    invoices: 0,
    purchases: { recorded: 0, replayed: 0, amount_fen: 0, points_earned: 0 },
    returns: { recorded: 0, replayed: 0, amount_fen: 0, points_reversed: 0, points_unrecovered: 0, zero_amount: 0 },
    unmatched_returns: { lines: 0, units: 0, amount_fen: 0 },
    members_created: 0,
    skipped: {} as Record<string, number>,
  };
  const skip = (reason: string) => { report.skipped[reason] = (report.skipped[reason] ?? 0) + 1; };

  // Memory grows with customers, invoice numbers and purchased lines (what a later return
  // needs to find its purchase), not with the file's size.
  const memberIds = new Map<string, string>();
  const bought = new Map<string, Map<string, PurchaseRef[]>>();
  const seenInvoices = new Map<string, number>();

  let ops: (SaleOp | ReturnOp)[] = [];
  let batchRows = 0;
  let group: Group | null = null;

  function startGroup(invoice: string, line: number): Group {
    const n = (seenInvoices.get(invoice) ?? 0) + 1;
    seenInvoices.set(invoice, n);
    const kind = /^\d+$/.test(invoice) ? 'sale' : /^C\d+$/.test(invoice) ? 'return' : /^A\d+$/.test(invoice) ? 'adjustment' : 'bad';
    // An invoice number seen again after other invoices is a separate group with its own key.
    return { invoice, id: n === 1 ? invoice : `${invoice}#${n}`, kind, line, customerId: null, date: null, sale: new Map(), returned: [] };
  }

  function finishGroup(g: Group) {
    report.invoices++;
    if (!g.customerId || !g.date) return;
    const occurredAt = wallClockInstant(g.date, tz)!.toISOString();
    if (g.kind === 'sale' && g.sale.size) {
      let amountFen = 0;
      const lines = new Map<string, OpenLine>();
      for (const [sku, l] of g.sale) {
        amountFen += l.amount_fen;
        lines.set(sku, { ...l, returned: 0 });
      }
      if (amountFen > MAX_FEN) {
        errors.add(g.line, `invoice ${g.invoice}: amount ${amountFen} fen is over the limit`);
        return;
      }
      const ref: PurchaseRef = { invoice: g.invoice, key: `import:${g.id}`, purchaseId: null, lines };
      let bySku = bought.get(g.customerId);
      if (!bySku) bought.set(g.customerId, (bySku = new Map()));
      for (const sku of lines.keys()) {
        const refs = bySku.get(sku);
        if (refs) refs.push(ref);
        else bySku.set(sku, [ref]);
      }
      ops.push({ kind: 'sale', line: g.line, invoice: g.invoice, customerId: g.customerId, occurredAt, amountFen, ref });
    } else if (g.kind === 'return' && g.returned.length) {
      const byPurchase = new Map<PurchaseRef, ReturnOp>();
      const bySku = bought.get(g.customerId);
      for (const r of g.returned) {
        let need = r.quantity;
        const refs = bySku?.get(r.sku) ?? [];
        // the most recent purchase first, and only what it has not yet given back
        for (let i = refs.length - 1; i >= 0 && need > 0; i--) {
          const ref = refs[i]!;
          const l = ref.lines.get(r.sku)!;
          const take = Math.min(need, l.quantity - l.returned);
          if (take <= 0) continue;
          let op = byPurchase.get(ref);
          if (!op) {
            op = { kind: 'return', line: r.line, invoice: g.invoice, key: `import:${g.id}:${ref.key.slice('import:'.length)}`, occurredAt, ref, lines: new Map(), expectedFen: 0 };
            byPurchase.set(ref, op);
          }
          op.lines.set(r.sku, (op.lines.get(r.sku) ?? 0) + take);
          // the purchases service's cumulative rounding: every unit back gives the line amount back
          op.expectedFen += lineReturnFen(l, l.returned, take);
          l.returned += take;
          need -= take;
        }
        if (need > 0) {
          report.unmatched_returns.lines++;
          report.unmatched_returns.units += need;
          report.unmatched_returns.amount_fen += lineFen(need, r.price) ?? 0;
        }
      }
      ops.push(...byPurchase.values());
    }
  }

  /** One CSV row into the open invoice group, or skipped / rejected with its reason. */
  function takeRow(line: number, fields: string[]) {
    if (fields.length !== PURCHASE_COLUMNS.length) return errors.add(line, `expected ${PURCHASE_COLUMNS.length} columns, got ${fields.length}`);
    const [invoice, stockCode, , quantityText, dateText, price, customerText] = fields.map((f) => f.trim()) as [string, string, string, string, string, string, string, string];
    const g = group!;
    if (g.kind === 'bad') return errors.add(line, `InvoiceNo: "${invoice}" is not an invoice number`);
    if (g.kind === 'adjustment') return skip('bad-debt adjustment (A invoice)');
    if (customerText === '') return skip('guest (no CustomerID)');
    const customerId = parseCustomerId(customerText);
    if (!customerId) return errors.add(line, `CustomerID: "${customerText}" is not a customer number`);
    if (stockCode === '' || stockCode.length > 64) return errors.add(line, 'StockCode: required, at most 64 characters');
    const other = nonGoodsCode(stockCode);
    if (other) return skip(`not goods (${other})`);
    if (!/^-?\d{1,9}$/.test(quantityText)) return errors.add(line, `Quantity: "${quantityText}" is not a whole number`);
    const quantity = Number(quantityText);
    if (g.kind === 'sale' && quantity <= 0) return skip('write-off (quantity ≤ 0 outside a C invoice)');
    if (g.kind === 'return' && quantity >= 0) return skip('return line with quantity ≥ 0');
    const units = Math.abs(quantity);
    if (units > MAX_QUANTITY) return errors.add(line, `Quantity: more than ${MAX_QUANTITY}`);
    const fen = lineFen(units, price);
    if (fen === null) return errors.add(line, `UnitPrice: "${price}" is not a price (a non-negative decimal)`);
    if (!DATE_RE.test(dateText) || !wallClockInstant(dateText, tz)) return errors.add(line, `InvoiceDate: "${dateText}" is not a date and time YYYY-MM-DD HH:MM:SS`);
    if (g.customerId && g.customerId !== customerId) return errors.add(line, `CustomerID: ${customerId} differs from ${g.customerId} earlier in invoice ${invoice}`);
    g.customerId = customerId;
    g.date ??= dateText;
    if (g.kind === 'sale') {
      // One line per StockCode: the same code twice in an invoice is added up, so a return
      // of that code has one line to come back to.
      const l = g.sale.get(stockCode);
      if (l) {
        l.quantity += units;
        l.amount_fen += fen;
      } else g.sale.set(stockCode, { quantity: units, amount_fen: fen });
    } else {
      g.returned.push({ line, sku: stockCode, quantity: units, price });
    }
  }

  /** Members for the customers of the batch's purchases: found by external id, else enrolled. */
  async function resolveMembers(sales: SaleOp[]) {
    const missing = [...new Set(sales.map((o) => o.customerId).filter((c) => !memberIds.has(c)))];
    if (!missing.length) return;
    for (const [c, id] of await s.members.idsByExternalIds(programId, missing)) memberIds.set(c, id);
    const fresh = missing.filter((c) => !memberIds.has(c));
    if (!fresh.length) return;
    const r = await s.flows.enrolMembers(programId, fresh.map((c) => ({ phone: customerPhone(c), name: `Customer ${c}`, external_id: c, store_id: storeId })), actor);
    report.members_created += r.created.length;
    const taken = new Set(r.duplicates);
    let next = 0;
    for (const [i, c] of fresh.entries()) if (!taken.has(i)) memberIds.set(c, r.created[next++]!);
    // The synthetic phone already enrolled without this external id: that member it is.
    if (taken.size) {
      const byPhone = await s.members.idsByPhones(programId, r.duplicates.map((i) => customerPhone(fresh[i]!)));
      for (const i of r.duplicates) {
        const id = byPhone.get(customerPhone(fresh[i]!));
        if (id) memberIds.set(fresh[i]!, id);
      }
    }
  }

  type SaleResult = { op: SaleOp; body?: { id: string; amount_fen: number; points_earned: number }; replayed?: boolean; error?: string; fault?: unknown };

  async function recordSale(op: SaleOp, catchAll: boolean): Promise<SaleResult> {
    const memberId = memberIds.get(op.customerId);
    if (!memberId) return { op, error: `customer ${op.customerId} has no member` };
    try {
      const r = await s.flows.recordPurchase(programId, {
        member_id: memberId, store_id: storeId, amount_fen: op.amountFen, occurred_at: op.occurredAt, receipt_no: op.invoice,
        lines: [...op.ref.lines].map(([sku, l]) => ({ sku, quantity: l.quantity, amount_fen: l.amount_fen })),
      }, actor, op.ref.key);
      if (isFailure(r)) return { op, error: r.message };
      return { op, body: r.body, replayed: r.replayed };
    } catch (e) {
      if (catchAll) return { op, error: (e as Error).message, fault: e };
      throw e;
    }
  }

  async function flush() {
    const batch = ops;
    ops = [];
    batchRows = 0;
    const sales = batch.filter((o): o is SaleOp => o.kind === 'sale');
    await resolveMembers(sales);
    let results: SaleResult[];
    try {
      // One transaction for the batch's purchases: the workflow joins it, writes exactly
      // as the API does, and the batch commits together.
      results = await inTransaction(s.ctx.db, async () => {
        const out: SaleResult[] = [];
        for (const op of sales) out.push(await recordSale(op, false));
        return out;
      });
    } catch {
      // The batch rolled back on something unforeseen: again invoice by invoice, so only
      // the invoices that fail are rejected.
      results = [];
      for (const op of sales) results.push(await recordSale(op, true));
      // Every invoice failing the same way is a fault of the database, not of the data.
      if (results.length > 1 && results.every((r) => r.fault)) throw results[0]!.fault;
    }
    for (const r of results) {
      if (r.error !== undefined || !r.body) {
        errors.add(r.op.line, `invoice ${r.op.invoice}: ${r.error}`);
        continue;
      }
      r.op.ref.purchaseId = r.body.id;
      if (r.replayed) {
        report.purchases.replayed++;
        continue;
      }
      report.purchases.recorded++;
      report.purchases.amount_fen += r.body.amount_fen;
      report.purchases.points_earned += r.body.points_earned;
    }
    // Returns after the purchases they match: each is its own transaction (the workflow's).
    for (const op of batch) {
      if (op.kind !== 'return') continue;
      const lines = [...op.lines].map(([sku, quantity]) => ({ sku, quantity }));
      if (!op.ref.purchaseId) {
        errors.add(op.line, `invoice ${op.invoice}: returns goods of invoice ${op.ref.invoice}, which was not imported`);
        continue;
      }
      if (op.expectedFen === 0) {
        // free goods coming back: nothing to refund and no points to take back (and the
        // service refuses a return on a purchase with nothing left to refund)
        report.returns.zero_amount++;
        continue;
      }
      const r = await s.flows.recordReturn(programId, { purchase_id: op.ref.purchaseId, lines, occurred_at: op.occurredAt, store_id: storeId }, actor, op.key);
      if (isFailure(r)) {
        errors.add(op.line, `invoice ${op.invoice}: return against invoice ${op.ref.invoice}: ${r.message}`);
        continue;
      }
      if (r.replayed) {
        report.returns.replayed++;
        continue;
      }
      report.returns.recorded++;
      report.returns.amount_fen += r.body.amount_fen;
      report.returns.points_reversed += r.body.points_reversed;
      report.returns.points_unrecovered += r.body.points_unrecovered;
    }
    opts.onProgress?.({ bytes: csv.bytesRead(), totalBytes: csv.totalBytes, rows: report.rows });
  }

  try {
    let header = true;
    for await (const rec of csv.records) {
      if (header) {
        header = false;
        const names = rec.fields.map((f) => f.trim());
        if (names.join(',') !== PURCHASE_COLUMNS.join(',')) {
          return validation('header', verbatim(`Unexpected header: expected ${PURCHASE_COLUMNS.join(',')}`));
        }
        continue;
      }
      report.rows++;
      const invoice = (rec.fields[0] ?? '').trim();
      if (!group || group.invoice !== invoice) {
        if (group) finishGroup(group);
        if (batchRows >= batchSize) await flush();
        group = startGroup(invoice, rec.line);
      }
      takeRow(rec.line, rec.fields);
      batchRows++;
    }
    if (group) finishGroup(group);
    await flush();
  } finally {
    await errors.close();
  }
  return {
    file, store_id: storeId, time_zone: tz, ...report, errors: errors.first, error_count: errors.count, ...rate(report.rows, startedAt),
  };
}
