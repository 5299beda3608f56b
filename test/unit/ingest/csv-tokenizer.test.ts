/**
 * The import's CSV tokenizer against csv-parse (the reference it replaced for speed), with the options the
 * import used: every record, every field and every failure must be the same, however the text is cut into
 * chunks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, type CsvFailure } from '../../../src-main/core/ingest/csv-tokenizer';

interface Read {
  records: string[][];
  lines: number[];
  failure: string | null;
}

/** csv-parse's reading, with the start line of each record as the import computed it from csv-parse's info. */
function referenceRead(text: string, delimiter = ','): Promise<Read> {
  return new Promise((resolve) => {
    const records: string[][] = [];
    const lines: number[] = [];
    const parser = parse({
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
    });
    parser.on('data', (r: { record: string[]; info: { lines: number } }) => {
      records.push(r.record);
      const breaks = r.record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
      lines.push(r.info.lines - breaks);
    });
    parser.on('end', () => resolve({ records, lines, failure: null }));
    parser.on('error', (err: Error & { code?: string }) =>
      resolve({ records, lines, failure: err.code ?? 'CSV_ERROR' }),
    );
    parser.write(text);
    parser.end();
  });
}

/** The tokenizer's reading of `text` cut at `cuts` (positions), as the import feeds it chunk by chunk. */
function tokenizerRead(text: string, cuts: number[] = [], delimiter = ',', maxRecordChars = 1 << 20): Read {
  const records: string[][] = [];
  const lines: number[] = [];
  const tokenizer = new CsvTokenizer(delimiter, maxRecordChars);
  const onRecord = (fields: string[], line: number) => {
    records.push(fields);
    lines.push(line);
  };
  let from = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    tokenizer.push(text.slice(from, cut), onRecord);
    from = cut;
  }
  tokenizer.push(text.slice(from), onRecord);
  const failure: CsvFailure | null = tokenizer.end(onRecord);
  return { records, lines, failure: failure?.code ?? null };
}

describe('CsvTokenizer', () => {
  it('reads quotes, doubled quotes, multi-line fields and CRLF', () => {
    const text = 'a,b,c\r\n1,"x, ""y""",3\r\n2,"multi\r\nline",\r\n\r\n"",z,"end"';
    expect(tokenizerRead(text)).toEqual({
      records: [
        ['a', 'b', 'c'],
        ['1', 'x, "y"', '3'],
        ['2', 'multi\r\nline', ''],
        ['', 'z', 'end'],
      ],
      lines: [1, 2, 3, 6],
      failure: null,
    });
  });

  it('keeps quotes that do not open a field, and the text after a misplaced closing quote', async () => {
    for (const text of ['a,b"c,d\n', '"abc"def,g\n', '"a""b"x,y\n', '"ab"\0c,d\n', 'x,"ab"\r,d\n']) {
      const expected = await referenceRead(text);
      const got = tokenizerRead(text);
      expect(got.records, JSON.stringify(text)).toEqual(expected.records);
      expect(got.failure).toEqual(expected.failure);
    }
    expect(tokenizerRead('"abc"def,g\n').records).toEqual([['"abc"def', 'g']]);
  });

  it('fails on a quote never closed, naming the line where its record starts, after the records before it', () => {
    const tokenizer = new CsvTokenizer(',', 1000);
    const records: string[][] = [];
    tokenizer.push('a,b\n1,2\n\n3,"open\nstill open', (f) => records.push(f));
    const failure = tokenizer.end((f) => records.push(f));
    expect(records).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(failure).toMatchObject({ code: 'CSV_QUOTE_NOT_CLOSED', line: 4 });
  });

  it('fails on a record over the size limit, even while it is still arriving', () => {
    const tokenizer = new CsvTokenizer(',', 100);
    const records: string[][] = [];
    tokenizer.push('a,b\n1,"', (f) => records.push(f));
    for (let i = 0; i < 10 && !tokenizer.failure; i++) tokenizer.push('x'.repeat(30), (f) => records.push(f));
    expect(tokenizer.failure).toMatchObject({ code: 'CSV_MAX_RECORD_SIZE', line: 2 });
    expect(records).toEqual([['a', 'b']]);
    const whole = tokenizerRead(`a\n${'y'.repeat(101)}\nb\n`, [], ',', 100);
    expect(whole).toMatchObject({ records: [['a']], failure: 'CSV_MAX_RECORD_SIZE' });
  });

  it('reads the import fixtures as csv-parse does, in one piece and in small chunks', async () => {
    const dir = path.resolve(__dirname, '../../fixtures/import');
    for (const name of fs.readdirSync(dir).filter((f) => /\.(csv|tsv)$/.test(f))) {
      const text = new TextDecoder('utf-8').decode(fs.readFileSync(path.join(dir, name)));
      const delimiter = name.endsWith('.tsv') ? '\t' : name.includes('semicolon') ? ';' : ',';
      const expected = await referenceRead(text, delimiter);
      const cuts = Array.from({ length: Math.floor(text.length / 7) }, (_, i) => (i + 1) * 7);
      for (const got of [tokenizerRead(text, [], delimiter), tokenizerRead(text, cuts, delimiter)]) {
        expect(got.records, name).toEqual(expected.records);
        expect(got.failure, name).toEqual(expected.failure);
        if (!text.includes('\r')) expect(got.lines, name).toEqual(expected.lines);
      }
    }
  });

  it('agrees with csv-parse on generated text cut anywhere', async () => {
    const piece = fc.constantFrom('a', 'b', ',', '"', '""', '\n', '\r\n', '\r', ' ', '\0', 'é', '😀', ';');
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
        fc.array(fc.nat(60), { maxLength: 6 }),
        async (text, cuts) => {
          const expected = await referenceRead(text);
          const got = tokenizerRead(
            text,
            cuts.filter((c) => c <= text.length),
          );
          expect(got.records).toEqual(expected.records);
          expect(got.failure).toEqual(expected.failure);
          if (!text.includes('\r')) expect(got.lines).toEqual(expected.lines);
        },
      ),
      { numRuns: 2000, seed: 20261122 },
    );
  });
});
