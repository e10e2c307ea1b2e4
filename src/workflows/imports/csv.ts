import { createReadStream, createWriteStream, statSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

// A small streaming CSV reader (RFC 4180: quoted fields, "" inside quotes, commas and line
// breaks inside quotes). Files are read line by line and never held whole in memory.

/** The fields of one CSV record, or null while a quoted field is still open at the end. */
export function splitCsvLine(s: string): string[] | null {
  if (!s.includes('"')) return s.split(',');
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (s[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = s.indexOf('"', i);
        if (q < 0) return null;
        value += s.slice(i, q);
        if (s[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // Anything between the closing quote and the comma is kept, as spreadsheets do.
      const comma = s.indexOf(',', i);
      out.push(value + s.slice(i, comma < 0 ? s.length : comma));
      if (comma < 0) return out;
      i = comma + 1;
    } else {
      const comma = s.indexOf(',', i);
      if (comma < 0) {
        out.push(s.slice(i));
        return out;
      }
      out.push(s.slice(i, comma));
      i = comma + 1;
    }
  }
}

export interface CsvRecord {
  /** The file line the record starts on (1 = the header). */
  line: number;
  fields: string[];
}

export interface CsvSource {
  records: AsyncGenerator<CsvRecord>;
  /** Bytes of the file read so far (compressed bytes for .gz), for progress. */
  bytesRead(): number;
  totalBytes: number;
}

// A quoted field left open for this long is a broken file, not a long description.
const MAX_RECORD_CHARS = 1_000_000;

/** Opens a CSV file, gunzipping it when the name ends in .gz; blank lines are skipped. */
export function openCsv(path: string): CsvSource {
  const totalBytes = statSync(path).size;
  const raw = createReadStream(path, { highWaterMark: 64 * 1024 });
  const input = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (e) => input.destroy(e));
  async function* records(): AsyncGenerator<CsvRecord> {
    const lines = createInterface({ input, crlfDelay: Infinity });
    let n = 0;
    let pending = '';
    let start = 0;
    try {
      for await (let text of lines) {
        n++;
        if (n === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        if (pending) text = `${pending}\n${text}`;
        else start = n;
        const fields = splitCsvLine(text);
        if (fields === null) {
          if (text.length > MAX_RECORD_CHARS) throw new Error(`line ${start}: a quoted field is never closed`);
          pending = text;
          continue;
        }
        pending = '';
        if (text.length === 0) continue;
        yield { line: start, fields };
      }
      if (pending) throw new Error(`line ${start}: a quoted field is never closed`);
    } finally {
      lines.close();
      raw.destroy();
    }
  }
  return { records: records(), bytesRead: () => raw.bytesRead, totalBytes };
}

export interface RowError {
  line: number;
  message: string;
}

/** Rejected rows: the first few kept for the report, every one written to a file if asked. */
export class RowErrors {
  readonly first: RowError[] = [];
  count = 0;
  private readonly sink: WriteStream | null;
  private readonly keep: number;

  constructor(file?: string, keep = 50) {
    this.keep = keep;
    this.sink = file ? createWriteStream(file) : null;
  }

  add(line: number, message: string) {
    this.count++;
    if (this.first.length < this.keep) this.first.push({ line, message });
    this.sink?.write(`line ${line}: ${message}\n`);
  }

  async close() {
    if (!this.sink) return;
    this.sink.end();
    await once(this.sink, 'finish');
  }
}
