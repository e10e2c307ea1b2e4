import { z } from 'zod';
import { isFailure, validation, verbatim, type DomainError, type Result } from '../../platform/errors.ts';
import { issueMessage } from '../../platform/i18n.ts';
import { assertNoTransaction } from '../../platform/transaction.ts';
import type { Services } from '../../services.ts';
import { ZMemberCreate, type TMemberCreate } from '../../modules/members/index.ts';
import { openCsv, RowErrors } from './csv.ts';
import { DEFAULT_BATCH_SIZE, importActor, rate, type ImportOptions, type MembersImportReport } from './import.ts';

// `patron import members`: a CSV with a header, one member a row, validated by the same
// schema as POST /members. A phone already enrolled is left alone, so a second run of the
// same file creates nothing.

export const MEMBER_COLUMNS = ['phone', 'name', 'email', 'gender', 'birthday', 'id_number', 'address', 'external_id', 'language'] as const;
type Column = (typeof MEMBER_COLUMNS)[number];

const GENDERS: Record<string, 'male' | 'female' | 'unknown'> = {
  male: 'male', m: 'male', 男: 'male', female: 'female', f: 'female', 女: 'female', unknown: 'unknown',
};
/** The member's language as source systems write it (empty: zh, the default). */
const LANGUAGES: Record<string, 'zh' | 'en'> = {
  zh: 'zh', 'zh-cn': 'zh', zh_cn: 'zh', chinese: 'zh', 中文: 'zh', en: 'en', 'en-us': 'en', 'en-gb': 'en', en_us: 'en', english: 'en', 英文: 'en',
};
const zExternalId = z.string().max(64, 'Too long: at most 64 characters');

interface Row {
  line: number;
  input: TMemberCreate;
  externalId: string | null;
}

function readHeader(fields: string[]): Result<Map<Column, number>> {
  const header = new Map<Column, number>();
  for (const [i, raw] of fields.entries()) {
    const name = raw.trim().toLowerCase();
    if (!(MEMBER_COLUMNS as readonly string[]).includes(name)) {
      return validation('header', verbatim(`Unknown column "${raw.trim()}": expected ${MEMBER_COLUMNS.join(', ')}`));
    }
    if (header.has(name as Column)) return validation('header', verbatim(`Column ${name} appears twice`));
    header.set(name as Column, i);
  }
  if (!header.has('phone')) return validation('header', verbatim('The header has no phone column'));
  return header;
}

/** One CSV row as an enrolment, or the reason it cannot be one. */
export function toMemberRow(fields: string[], header: Map<Column, number>, line: number): Row | { line: number; error: string } {
  if (fields.length !== header.size) return { line, error: `expected ${header.size} columns, got ${fields.length}` };
  const raw: Partial<Record<Column, string>> = {};
  for (const [col, i] of header) {
    const v = fields[i]!.trim();
    if (v !== '') raw[col] = v;
  }
  const candidate: Record<string, unknown> = {};
  for (const col of ['phone', 'name', 'email', 'birthday', 'id_number', 'address'] as const) if (raw[col] !== undefined) candidate[col] = raw[col];
  const problems: string[] = [];
  if (raw.phone === undefined) problems.push('phone: required');
  if (raw.gender !== undefined) {
    const g = GENDERS[raw.gender.toLowerCase()];
    if (g) candidate.gender = g;
    else problems.push(`gender: "${raw.gender}" is not one of male, female, M, F, 男, 女`);
  }
  if (raw.language !== undefined) {
    const l = LANGUAGES[raw.language.toLowerCase()];
    if (l) candidate.language = l;
    else problems.push(`language: "${raw.language}" is not one of zh, en, 中文, English`);
  }
  const parsed = ZMemberCreate.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.join('.') || 'row';
      if (field === 'phone' && raw.phone === undefined) continue;
      problems.push(`${field}: ${issueMessage({ keyword: issue.code, message: issue.message, params: issue as never }).en}`);
    }
  }
  const ext = raw.external_id === undefined ? null : zExternalId.safeParse(raw.external_id);
  if (ext && !ext.success) problems.push(`external_id: ${ext.error.issues[0]!.message}`);
  if (problems.length || !parsed.success) return { line, error: problems.join('; ') };
  return { line, input: parsed.data, externalId: raw.external_id ?? null };
}

export async function importMembers(s: Services, programId: string, file: string, opts: ImportOptions = {}): Promise<Result<MembersImportReport>> {
  // each batch is its own transaction, retried row by row when it fails
  assertNoTransaction(s.ctx.db);
  const program = await s.programs.get(programId);
  if (isFailure(program)) return program;
  const startedAt = performance.now();
  const actor = opts.actor ?? importActor(programId);
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const csv = openCsv(file);
  const errors = new RowErrors(opts.errorsFile);
  const counts = { rows: 0, created: 0, existing: 0 };
  let header: Map<Column, number> | null = null;
  let batch: Row[] = [];
  const progress = () => opts.onProgress?.({ bytes: csv.bytesRead(), totalBytes: csv.totalBytes, rows: counts.rows });

  async function enrol(rows: Row[]) {
    const r = await s.flows.enrolMembers(programId, rows.map((row) => ({ ...row.input, external_id: row.externalId })), actor);
    counts.created += r.created.length;
    counts.existing += r.duplicates.length;
  }

  async function flush() {
    const rows = batch;
    batch = [];
    if (!rows.length) return;
    const enrolled = await s.members.idsByPhones(programId, [...new Set(rows.map((r) => r.input.phone))]);
    const owners = await s.members.idsByExternalIds(programId, [...new Set(rows.flatMap((r) => (r.externalId ? [r.externalId] : [])))]);
    const phones = new Set<string>();
    const externalIds = new Map<string, number>();
    const fresh: Row[] = [];
    for (const row of rows) {
      if (enrolled.has(row.input.phone) || phones.has(row.input.phone)) {
        counts.existing++;
        continue;
      }
      if (row.externalId) {
        if (owners.has(row.externalId)) {
          errors.add(row.line, `external_id: ${row.externalId} already belongs to another member`);
          continue;
        }
        const earlier = externalIds.get(row.externalId);
        if (earlier !== undefined) {
          errors.add(row.line, `external_id: ${row.externalId} repeats line ${earlier}`);
          continue;
        }
        externalIds.set(row.externalId, row.line);
      }
      phones.add(row.input.phone);
      fresh.push(row);
    }
    try {
      await enrol(fresh);
    } catch {
      // Something the checks above did not foresee (a concurrent enrolment taking an
      // external id, say): enrol row by row so only the offending rows are rejected.
      for (const row of fresh) {
        try {
          await enrol([row]);
        } catch (err) {
          errors.add(row.line, `not enrolled: ${(err as Error).message}`);
        }
      }
    }
    progress();
  }

  let failure: DomainError | undefined;
  try {
    for await (const rec of csv.records) {
      if (!header) {
        const read = readHeader(rec.fields);
        if (isFailure(read)) {
          failure = read;
          break;
        }
        header = read;
        continue;
      }
      counts.rows++;
      const row = toMemberRow(rec.fields, header, rec.line);
      if ('error' in row) errors.add(row.line, row.error);
      else batch.push(row);
      if (batch.length >= batchSize) await flush();
      else if (counts.rows % 1000 === 0) progress();
    }
    await flush();
  } finally {
    await errors.close();
  }
  if (failure) return failure;
  progress();
  return { file, ...counts, errors: errors.first, error_count: errors.count, ...rate(counts.rows, startedAt) };
}
