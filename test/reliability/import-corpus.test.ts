/**
 * The hostile CSV corpus (test/fixtures/hostile, plus large files generated here): every file either is refused
 * with one line naming the file, or is read with every row accounted for (loaded + quarantined = rows read,
 * bronze holds every row, quarantine every refused row with its field and reason). Nothing crashes, and
 * titles holding HTML, script, SQL or spreadsheet formulas are stored exactly as given.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src-main/core/store/db';
import { importFile, ImportError, MAX_COLUMNS, MAX_FIELD_CHARS } from '../../src-main/core/ingest/import';
import type { ImportSummary } from '../../src-main/shared/contract/data';
import { HOSTILE_DIR, hostileTitles, integrityOk, MOVIES_HEADER, movieRow, writeRecord } from './helpers';

interface ProblemExpectation {
  row: number;
  field: string | null;
  reason: RegExp;
}

/** What each committed fixture must give: refused (with the message) or read (with its counts and problems). */
type Expectation =
  | { refused: RegExp }
  | {
      rows: number;
      loaded: number;
      problems?: ProblemExpectation[];
      encoding?: string;
      delimiter?: string;
      kind?: string;
    };

const MONEY = /not an amount of money|negative|unknown unit/;
const EXPECTED: Record<string, Expectation> = {
  'empty.csv': { refused: /is empty \(0 bytes\)/ },
  'blank-lines.csv': { refused: /only blank lines/ },
  'png-renamed.csv': { refused: /PNG image/ },
  'xlsx-renamed.csv': { refused: /ZIP archive.*save it as CSV/ },
  'gzip-renamed.csv': { refused: /gzip archive/ },
  'random-bytes.csv': { refused: /does not look like a text file/ },
  'empty-header.csv': { refused: /empty header row/ },
  'missing-revenue-column.csv': { refused: /has no column "revenue"/ },
  'mapped-without-title.csv': { refused: /no column could be used as the film title/ },
  'header-only.csv': { rows: 0, loaded: 0 },
  'unterminated-quote.csv': {
    rows: 3,
    loaded: 2,
    problems: [{ row: 3, field: null, reason: /quote opened on line 4 is never closed/ }],
  },
  'unbalanced-quote.csv': {
    rows: 3,
    loaded: 2,
    problems: [
      {
        row: 3,
        field: null,
        reason: /6 fields but the header has 10 columns; its title field runs over 2 lines, so a quote opened in it/,
      },
    ],
  },
  'ragged-rows.csv': {
    rows: 4,
    loaded: 2,
    problems: [
      { row: 2, field: null, reason: /3 fields but the header has 10 columns/ },
      { row: 3, field: null, reason: /12 fields but the header has 10 columns/ },
    ],
  },
  'bad-money.csv': {
    rows: 8,
    loaded: 1,
    problems: [
      { row: 1, field: 'budget', reason: /"lots" is not an amount of money \(accepted: / },
      { row: 2, field: 'budget', reason: /negative/ },
      { row: 3, field: 'revenue', reason: /negative/ },
      { row: 4, field: 'budget', reason: MONEY },
      { row: 5, field: 'budget', reason: /unknown unit "apples"/ },
      { row: 7, field: 'budget', reason: MONEY },
      { row: 8, field: 'budget', reason: MONEY },
    ],
  },
  'broken-json-lists.csv': {
    rows: 5,
    loaded: 2,
    problems: [
      { row: 1, field: 'genres', reason: /not valid JSON/ },
      { row: 2, field: 'genres', reason: /not a list/ },
      { row: 3, field: 'genres', reason: /without a "name"/ },
    ],
  },
  'impossible-dates.csv': {
    rows: 6,
    loaded: 1,
    problems: [
      { row: 1, field: 'release_date', reason: /not a real date/ },
      { row: 2, field: 'release_date', reason: /not a real date/ },
      { row: 3, field: 'release_date', reason: /impossible year/ },
      { row: 4, field: 'release_date', reason: /accepted: 2010-07-16/ },
      { row: 5, field: 'release_date', reason: /accepted: / },
    ],
  },
  'nul-bytes.csv': { rows: 2, loaded: 1, problems: [{ row: 1, field: 'title', reason: /NUL byte/ }] },
  'latin1.csv': { rows: 3, loaded: 3, encoding: 'windows-1252' },
  'windows-1252.csv': { rows: 1, loaded: 1, encoding: 'windows-1252' },
  'bom-crlf.csv': { rows: 2, loaded: 2, encoding: 'utf-8' },
  'utf16le-bom.csv': { rows: 1, loaded: 1, encoding: 'utf-16le' },
  'semicolon-european.csv': {
    rows: 2,
    loaded: 1,
    delimiter: ';',
    kind: 'mapped',
    problems: [{ row: 2, field: 'Production Budget', reason: /"abc" is not an amount of money/ }],
  },
  'tab-delimited.csv': { rows: 1, loaded: 1, delimiter: '\t', kind: 'mapped' },
  'duplicate-ids.csv': { rows: 2, loaded: 2 },
  'bad-ids.csv': {
    rows: 5,
    loaded: 1,
    problems: [
      { row: 1, field: 'id', reason: /"abc" is not a TMDB id/ },
      { row: 2, field: 'id', reason: /ids are positive/ },
      { row: 3, field: 'id', reason: /is empty/ },
      { row: 4, field: 'title', reason: /is empty/ },
    ],
  },
  'stray-quotes.csv': { rows: 2, loaded: 2 },
  'old-mac-cr.csv': { rows: 2, loaded: 2 },
  'hostile-titles.csv': { rows: hostileTitles().length, loaded: hostileTitles().length },
  'hostile-studio-export.csv': { rows: hostileTitles().length, loaded: hostileTitles().length, kind: 'mapped' },
  'credits-without-movies.csv': {
    rows: 2,
    loaded: 0,
    kind: 'credits',
    problems: [
      { row: 1, field: 'movie_id', reason: /no film with TMDB id 424242.*import the movies file/ },
      { row: 2, field: 'cast', reason: /not valid JSON/ },
    ],
  },
};

let dir: string;
let db: Db;
const tried: string[] = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-hostile-'));
  db = openDatabase(path.join(dir, 'corpus.sqlite'));
});
afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({ suite: 'import-corpus', filesTried: tried.length }));
});

const count = (sql: string, ...args: unknown[]) =>
  db
    .prepare(sql)
    .pluck()
    .get(...args) as number;
/** Titles in silver of the films a file loaded, in row order. */
const titlesFrom = (source: string) =>
  db
    .prepare(
      `SELECT f.title FROM films f JOIN import_batches b ON b.id = f.source_batch_id
       WHERE b.source = ? ORDER BY f.source_row`,
    )
    .pluck()
    .all(source) as string[];

/**
 * Imports one file and checks the invariants every file must keep, whatever it holds. Returns the summary,
 * or the ImportError when the file was refused (after checking the database did not change).
 */
async function importChecked(file: string, fileName = path.basename(file)): Promise<ImportSummary | ImportError> {
  tried.push(fileName);
  const batchesBefore = count('SELECT count(*) FROM import_batches');
  const filmsBefore = count('SELECT count(*) FROM films');
  let summary: ImportSummary;
  try {
    summary = await importFile(db, { fileName, path: file });
  } catch (err) {
    // Refused: one line naming the file, and nothing written.
    expect(err, `${fileName} threw ${String(err)}`).toBeInstanceOf(ImportError);
    const message = (err as Error).message;
    expect(message.startsWith(`${fileName}: `)).toBe(true);
    expect(message).not.toContain('\n');
    expect(count('SELECT count(*) FROM import_batches')).toBe(batchesBefore);
    expect(count('SELECT count(*) FROM films')).toBe(filmsBefore);
    return err as ImportError;
  }
  expect(summary.file).toBe(fileName);
  expect(summary.loaded + summary.quarantined).toBe(summary.rows);
  const batch = db
    .prepare('SELECT rows_read, rows_loaded, rows_quarantined FROM import_batches WHERE id = ?')
    .get(summary.batch) as { rows_read: number; rows_loaded: number; rows_quarantined: number };
  expect(batch).toEqual({
    rows_read: summary.rows,
    rows_loaded: summary.loaded,
    rows_quarantined: summary.quarantined,
  });
  // Nothing lost: every row read is in bronze, every refused row in quarantine with a reason.
  expect(count('SELECT count(*) FROM bronze_rows WHERE batch_id = ?', summary.batch)).toBe(summary.rows);
  const quarantined = db
    .prepare('SELECT row_number, field, reason FROM quarantine WHERE batch_id = ?')
    .all(summary.batch) as { row_number: number; field: string | null; reason: string }[];
  expect(quarantined).toHaveLength(summary.quarantined);
  const header = JSON.parse(
    db.prepare('SELECT header_json FROM bronze_headers WHERE batch_id = ?').pluck().get(summary.batch) as string,
  ) as string[];
  for (const q of quarantined) {
    expect(q.row_number).toBeGreaterThanOrEqual(1);
    expect(q.row_number).toBeLessThanOrEqual(summary.rows);
    expect(q.reason.trim().length).toBeGreaterThan(5);
    if (q.field !== null) expect(header).toContain(q.field);
  }
  for (const p of summary.problems) {
    expect(p.row).toBeGreaterThanOrEqual(1);
    expect(p.reason.length).toBeGreaterThan(5);
    if (p.field !== null) expect(header).toContain(p.field);
  }
  return summary;
}

describe('the hostile CSV corpus', () => {
  const files = fs
    .readdirSync(HOSTILE_DIR)
    .filter((f) => f.endsWith('.csv'))
    .sort();

  it('has an expectation for every fixture file (a new fixture must say what it should give)', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files.filter((f) => !(f in EXPECTED))).toEqual([]);
  });

  for (const file of files) {
    it(`${file}: ${'refused' in (EXPECTED[file] ?? {}) ? 'refused with a clear message' : 'every row accounted for'}`, async () => {
      const expected = EXPECTED[file];
      const result = await importChecked(path.join(HOSTILE_DIR, file));
      if ('refused' in expected) {
        expect(result).toBeInstanceOf(ImportError);
        expect((result as Error).message).toMatch(expected.refused);
        return;
      }
      expect(result, (result as Error).message).not.toBeInstanceOf(Error);
      const summary = result as ImportSummary;
      expect({ rows: summary.rows, loaded: summary.loaded }).toEqual({ rows: expected.rows, loaded: expected.loaded });
      if (expected.encoding) expect(summary.encoding).toBe(expected.encoding);
      if (expected.delimiter) expect(summary.delimiter).toBe(expected.delimiter);
      if (expected.kind) expect(summary.kind).toBe(expected.kind);
      const problems = expected.problems ?? [];
      // One listed problem per expectation, in row order, naming the row and the field.
      const byRow = new Map<number, typeof summary.problems>();
      for (const p of summary.problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p]);
      expect([...byRow.keys()].sort((a, b) => a - b)).toEqual(problems.map((p) => p.row));
      for (const want of problems) {
        const got = byRow.get(want.row)!;
        expect(got.map((p) => p.field)).toContain(want.field);
        expect(got.find((p) => p.field === want.field)!.reason).toMatch(want.reason);
      }
    });
  }
});

describe('what the corpus stored', () => {
  it('keeps hostile titles (HTML, script, SQL, formulas, bidi) exactly as given, and the films table survives', async () => {
    const titles = hostileTitles();
    expect(titlesFrom('hostile-titles.csv')).toEqual(titles);
    // The mapped studio export: titles and director names verbatim too.
    const hostileDirectors = ['<img src=x onerror=alert(1)>', '=1+1', '@SUM(1+1)'];
    for (const [i, title] of titles.entries()) {
      const film = db.prepare('SELECT id FROM films WHERE title = ? AND tmdb_id IS NULL').pluck().get(title) as number;
      expect(film, title).toBeGreaterThan(0);
      const directors = db
        .prepare("SELECT name FROM film_crew WHERE film_id = ? AND job = 'Director'")
        .pluck()
        .all(film) as string[];
      expect(directors).toEqual([hostileDirectors[i % 3]]);
    }
    expect(integrityOk(db)).toBe(true);
  });

  it('decodes Latin-1, Windows-1252, UTF-16 and BOM files to the right text', () => {
    expect(titlesFrom('latin1.csv')).toEqual(['Amélie', 'Café Society', 'Señor Ñandú']);
    expect(titlesFrom('windows-1252.csv')).toEqual(['“Quoted” €uro Film']);
    expect(titlesFrom('utf16le-bom.csv')).toEqual(['Wide Chars Ünïcode']);
    expect(titlesFrom('bom-crlf.csv')).toEqual(['Windows Line Ends', 'Two\r\nLine Title']);
    // The BOM is not part of the first column's name.
    const headers = db.prepare('SELECT header_json FROM bronze_headers').pluck().all() as string[];
    expect(headers.every((h) => !h.includes('\uFEFF'))).toBe(true);
  });

  it('keeps stray quotes inside unquoted fields as text', () => {
    expect(titlesFrom('stray-quotes.csv')).toEqual(['5 "inch" Nails', 'He said "hi']);
  });

  it('upserts a duplicate id (the later row wins) while bronze keeps both rows', () => {
    expect(titlesFrom('duplicate-ids.csv')).toEqual(['Second Version']);
    const rows = db
      .prepare(
        "SELECT count(*) FROM bronze_rows b JOIN import_batches i ON i.id = b.batch_id WHERE i.source = 'duplicate-ids.csv'",
      )
      .pluck()
      .get();
    expect(rows).toBe(2);
  });

  it('keeps the rows a never-closed quote swallowed, in bronze (nothing lost)', () => {
    const raw = db
      .prepare(
        "SELECT fields_json FROM bronze_rows b JOIN import_batches i ON i.id = b.batch_id WHERE i.source = 'unbalanced-quote.csv' AND b.row_number = 3",
      )
      .pluck()
      .get() as string;
    expect(raw).toContain('Swallowed By The Quote');
  });
});

describe('large hostile files, generated', () => {
  it(`quarantines a 10 MB field (limit ${MAX_FIELD_CHARS.toLocaleString('en-US')}) naming row and field`, async () => {
    const file = path.join(dir, 'huge-field.csv');
    const fd = fs.openSync(file, 'w');
    writeRecord(fd, MOVIES_HEADER.split(','));
    writeRecord(fd, movieRow(1, 'Before'));
    writeRecord(fd, movieRow(2, 'x'.repeat(10 * 1024 * 1024)));
    writeRecord(fd, movieRow(3, 'After'));
    fs.closeSync(fd);
    const summary = (await importChecked(file)) as ImportSummary;
    expect({ rows: summary.rows, loaded: summary.loaded }).toEqual({ rows: 3, loaded: 2 });
    expect(summary.problems).toEqual([
      expect.objectContaining({ row: 2, field: 'title', reason: expect.stringMatching(/10,485,760 characters long/) }),
    ]);
  });

  it('reads a file with 3,000 columns (a mapped file whose title is one of them)', async () => {
    const file = path.join(dir, 'wide.csv');
    const extra = Array.from({ length: 2998 }, (_, i) => `Junk ${i}`);
    const fd = fs.openSync(file, 'w');
    writeRecord(fd, ['Title', 'Production Budget', ...extra]);
    for (let r = 0; r < 20; r++) writeRecord(fd, [`Wide Film ${r}`, '$5M', ...extra.map((_, i) => String(i * r))]);
    fs.closeSync(fd);
    const summary = (await importChecked(file)) as ImportSummary;
    expect({ rows: summary.rows, loaded: summary.loaded, kind: summary.kind }).toEqual({
      rows: 20,
      loaded: 20,
      kind: 'mapped',
    });
  });

  it(`refuses a header wider than ${MAX_COLUMNS.toLocaleString('en-US')} columns with a clear message`, async () => {
    const file = path.join(dir, 'too-wide.csv');
    const fd = fs.openSync(file, 'w');
    writeRecord(fd, ['Title', ...Array.from({ length: MAX_COLUMNS + 500 }, (_, i) => `c${i}`)]);
    writeRecord(fd, ['A Film']);
    fs.closeSync(fd);
    const err = await importChecked(file);
    expect((err as Error).message).toMatch(/has 10,501 columns; at most 10,000 are supported/);
  });

  it('refuses a file that does not exist or is a folder, naming it', async () => {
    const missing = await importChecked(path.join(dir, 'no-such-file.csv'));
    expect((missing as Error).message).toBe('no-such-file.csv: cannot be read (no such file)');
    fs.mkdirSync(path.join(dir, 'folder.csv'));
    const folder = await importChecked(path.join(dir, 'folder.csv'));
    expect((folder as Error).message).toMatch(/folder\.csv: .*folder/);
  });

  it('leaves the database intact after the whole corpus', () => {
    expect(integrityOk(db)).toBe(true);
    expect(count("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'films'")).toBe(1);
  });
});
