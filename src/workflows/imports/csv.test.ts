import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openCsv, splitCsvLine } from './csv.ts';

describe('splitCsvLine', () => {
  it('splits plain fields, keeping empty ones', () => {
    expect(splitCsvLine('a,b,,d,')).toEqual(['a', 'b', '', 'd', '']);
    expect(splitCsvLine('')).toEqual(['']);
  });

  it('reads quoted fields with commas and doubled quotes', () => {
    expect(splitCsvLine('536381,"AIRLINE LOUNGE,METAL SIGN",2')).toEqual(['536381', 'AIRLINE LOUNGE,METAL SIGN', '2']);
    expect(splitCsvLine('1,"RECORD FRAME 7"" SINGLE SIZE ",48')).toEqual(['1', 'RECORD FRAME 7" SINGLE SIZE ', '48']);
    expect(splitCsvLine('"",x')).toEqual(['', 'x']);
    expect(splitCsvLine('x,"a ""b"", c"')).toEqual(['x', 'a "b", c']);
  });

  it('says a record continues when a quote is left open', () => {
    expect(splitCsvLine('1,"two lines')).toBeNull();
    expect(splitCsvLine('1,"two lines\nhere",3')).toEqual(['1', 'two lines\nhere', '3']);
  });
});

describe('openCsv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'patron-csv-'));
  const text = '\ufeffa,b\r\n1,"x\r\ny"\r\n\r\n2,z\r\n';

  async function read(path: string) {
    const src = openCsv(path);
    const out = [];
    for await (const r of src.records) out.push(r);
    return { out, bytes: src.bytesRead(), total: src.totalBytes };
  }

  it('streams records with the line each starts on, across CRLF, BOM, blank lines and quoted breaks', async () => {
    const path = join(dir, 'a.csv');
    writeFileSync(path, text);
    const r = await read(path);
    expect(r.out).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x\ny'] },
      { line: 5, fields: ['2', 'z'] },
    ]);
    expect(r.bytes).toBe(r.total);
  });

  it('gunzips .gz files, counting compressed bytes for progress', async () => {
    const path = join(dir, 'a.csv.gz');
    writeFileSync(path, gzipSync(text));
    const r = await read(path);
    expect(r.out.map((x) => x.fields[0])).toEqual(['a', '1', '2']);
    expect(r.total).toBeLessThan(100);
    expect(r.bytes).toBe(r.total);
  });

  it('fails on a quote never closed', async () => {
    const path = join(dir, 'bad.csv');
    writeFileSync(path, 'a,b\n1,"open\n2,3\n');
    await expect(read(path)).rejects.toThrow('line 2: a quoted field is never closed');
  });
});
