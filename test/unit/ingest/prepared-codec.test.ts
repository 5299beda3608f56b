import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { packRows, RowPacker, unpackRows } from '../../../src-main/core/ingest/prepared-codec';
import type { PreparedRow } from '../../../src-main/core/ingest/prepare';

const columns = {
  title: 'Avatar',
  original_title: null,
  budget: 237_000_000,
  revenue: null,
  runtime: 162,
  release_date: '2009-12-10',
  release_year: 2009,
  original_language: 'en',
  popularity: 150.4,
  vote_average: 7.2,
  vote_count: 11800,
  homepage: null,
  tagline: 'Enter the world',
  overview: 'He said "no", then\nleft.',
  status: 'Released',
};

const rows: PreparedRow[] = [
  {
    line: 2,
    bronzeJson: '["a","b"]',
    typed: {
      type: 'film',
      film: {
        tmdbId: 19995,
        columns,
        terms: {},
        termsJson: {
          genre: '[{"id": 28, "name": "Action"}]',
          country: '[]',
        },
      },
    },
  },
  { line: 3, bronzeJson: '["c"]', typed: { type: 'film', film: { tmdbId: 5, columns, terms: {} } } },
  { line: 4, bronzeJson: '[]', typed: { type: 'problems', problems: [{ field: 'budget', reason: 'is negative' }] } },
  // Every list present, as the import types them (canonical text, or the JSON of parsed items).
  {
    line: 6,
    bronzeJson: '["d"]',
    typed: {
      type: 'film',
      film: {
        tmdbId: 6,
        columns,
        terms: {},
        termsJson: {
          genre: '[{"id":"18","name":"Drama"},{"id":null,"name":"War"}]',
          keyword: '[]',
          company: '[{"name": "Lucasfilm", "id": 1}]',
          country: '[{"iso_3166_1": "US", "name": "United States of America"}]',
          language: '[{"iso_639_1": "en", "name": "English"}]',
        },
      },
    },
  },
  // Lists parsed into items (not what the import gives) travel whole.
  {
    line: 9,
    bronzeJson: '["g"]',
    typed: { type: 'film', film: { tmdbId: 9, columns, terms: { genre: [{ name: 'Drama', code: '18' }] } } },
  },
  // A mapped film with only some columns travels whole.
  {
    line: 7,
    bronzeJson: '["e"]',
    typed: {
      type: 'film',
      film: { tmdbId: null, columns: { title: 'Mine', budget: 1 }, terms: {}, crewJobs: ['Director'], crew: [] },
    },
  },
  { line: 8, bronzeJson: '["f"]', typed: { type: 'credits', credits: { tmdbId: 5, cast: ['A'], crew: [] } } },
];

describe('packing prepared rows for the other thread', () => {
  it('gives back the same rows, in order, after a copy between threads', () => {
    const copied = v8.deserialize(v8.serialize(packRows(rows)));
    expect(unpackRows(copied)).toEqual(rows);
  });

  it('packs row by row into batches: each take holds the rows added since the last, in order', () => {
    const packer = new RowPacker();
    const batches = [];
    for (const [i, row] of rows.entries()) {
      packer.add(row);
      if (i % 3 === 2) batches.push(packer.take());
    }
    expect(packer.rows).toBe(rows.length % 3);
    batches.push(packer.take());
    expect(packer.rows).toBe(0);
    expect(unpackRows(packer.take())).toEqual([]);
    expect(batches.flatMap((b) => unpackRows(v8.deserialize(v8.serialize(b))))).toEqual(rows);
  });

  it('packs TMDB films flat and sends the rest whole', () => {
    const packed = packRows(rows);
    expect(packed.others.map((r) => r.line)).toEqual([4, 9, 7, 8]);
    expect(packed.strings).toContain('[{"id": 28, "name": "Action"}]');
  });
});
