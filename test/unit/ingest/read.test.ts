import { describe, expect, it } from 'vitest';
import { detectDelimiter, sniff } from '../../../src-main/core/ingest/read';
import { suggestMapping } from '../../../src-main/core/ingest/mapped';
import { detectKind } from '../../../src-main/core/ingest/detect';
import { qualityFlags } from '../../../src-main/core/ingest/flags';
import { ImportError } from '../../../src-main/core/ingest/errors';

const sniffText = (bytes: Buffer) => sniff('f.csv', bytes, bytes.length);

describe('sniff', () => {
  it('detects UTF-8, with or without BOM, and Windows-1252 otherwise', () => {
    expect(sniffText(Buffer.from('title,budget\nAmélie,1\n')).encoding).toBe('utf-8');
    expect(sniffText(Buffer.from('\ufefftitle,budget\n')).encoding).toBe('utf-8');
    expect(sniffText(Buffer.from([0x74, 0x2c, 0x62, 0x0a, 0x41, 0x6d, 0xe9, 0x6c, 0x69, 0x65, 0x0a])).encoding).toBe(
      'windows-1252',
    );
    expect(sniffText(Buffer.from('\ufefft,b\n', 'utf16le')).encoding).toBe('utf-16le');
  });

  it('does not mistake a multi-byte character cut at the end of the sniffed head for Windows-1252', () => {
    const text = Buffer.from(`title\n${'é'.repeat(100)}\n`);
    const head = text.subarray(0, 8); // cuts the second é in half
    expect(sniff('f.csv', head, text.length).encoding).toBe('utf-8');
  });

  it('refuses empty, blank and binary files with a message naming the file', () => {
    expect(() => sniff('empty.csv', Buffer.alloc(0), 0)).toThrowError(/^empty\.csv: is empty/);
    expect(() => sniffText(Buffer.from('\n\n  \n'))).toThrowError(/only blank lines/);
    expect(() => sniffText(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toThrowError(/Excel \.xlsx/);
    expect(() => sniffText(Buffer.from('%PDF-1.7\n'))).toThrowError(/PDF/);
    const noise = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 37) % 256));
    expect(() => sniffText(noise)).toThrowError(ImportError);
    expect(() => sniffText(noise)).toThrowError(/does not look like a text file/);
  });

  it('detects the delimiter from the header line, ignoring quoted text', () => {
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('a;b;"c,d,e"')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('title')).toBe(',');
  });
});

describe('detectKind and suggestMapping', () => {
  it('recognises the TMDB files and everything else as mapped', () => {
    expect(
      detectKind([
        'budget',
        'genres',
        'homepage',
        'id',
        'keywords',
        'original_language',
        'original_title',
        'popularity',
        'release_date',
        'revenue',
        'runtime',
        'title',
      ]),
    ).toBe('movies');
    expect(detectKind(['movie_id', 'title', 'cast', 'crew'])).toBe('credits');
    expect(detectKind(['Title', 'Budget'])).toBe('mapped');
  });

  it("suggests a studio export's columns", () => {
    const header = [
      'Title',
      'Production Budget',
      'Worldwide Gross',
      'Domestic Gross',
      'Release Date',
      'Running Time min',
      'Major Genre',
      'Director',
    ];
    expect(suggestMapping(header)).toEqual({
      title: 'Title',
      budget: 'Production Budget',
      revenue: 'Worldwide Gross',
      release_date: 'Release Date',
      runtime: 'Running Time min',
      genres: 'Major Genre',
      directors: 'Director',
    });
  });

  it('prefers "Title" over "Original Title" for the title', () => {
    expect(suggestMapping(['Original Title', 'Title']).title).toBe('Title');
    expect(suggestMapping(['Original Title', 'Title']).original_title).toBe('Original Title');
  });
});

describe('qualityFlags', () => {
  const base = {
    budget: 50_000_000,
    revenue: 100_000_000,
    runtime: 100,
    release_date: '2010-07-16',
    release_year: 2010,
  };
  const today = new Date('2025-01-01T00:00:00Z');

  it('flags nothing for plausible values and unknowns', () => {
    expect(qualityFlags(base, today)).toEqual([]);
    expect(
      qualityFlags({ budget: null, revenue: null, runtime: null, release_date: null, release_year: null }, today),
    ).toEqual([]);
  });

  it('flags implausible money, runtimes and dates, explaining each', () => {
    const flags = qualityFlags(
      { budget: 7, revenue: 12, runtime: 900, release_date: '2036-01-01', release_year: 2036 },
      today,
    );
    expect(flags.map((f) => f.flag)).toEqual([
      'budget_implausible',
      'revenue_implausible',
      'runtime_out_of_range',
      'release_date_out_of_range',
    ]);
    expect(flags[0].message).toMatch(/budget \$7 is under \$10,000/);
    expect(qualityFlags({ ...base, release_date: null, release_year: 1850 }, today)[0].flag).toBe(
      'release_date_out_of_range',
    );
    expect(qualityFlags({ ...base, release_date: '2034-12-31', release_year: 2034 }, today)).toEqual([]);
  });
});
