import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isCanonicalList } from '../../../src-main/core/ingest/canonical-list';
import { parseJsonList } from '../../../src-main/core/ingest/parse';

/** What SQLite's json_each makes of a list, as the silver writer's statement reads it. */
function expandInSqlite(json: string, codeKey: string): { name: string; code: string | null }[] {
  const db = new Database(':memory:');
  try {
    db.exec('CREATE TABLE t (position INTEGER, name TEXT NOT NULL, code TEXT)');
    db.prepare("INSERT INTO t SELECT key, value ->> 'name', value ->> ? FROM json_each(?)").run(codeKey, json);
    return db.prepare('SELECT name, code FROM t ORDER BY position').all() as { name: string; code: string | null }[];
  } finally {
    db.close();
  }
}

describe('canonical TMDB lists', () => {
  it('accepts lists exactly as TMDB writes them', () => {
    expect(isCanonicalList('[]', 'id')).toBe(true);
    expect(isCanonicalList('[{"id": 28, "name": "Action"}, {"id": 12, "name": "Adventure"}]', 'id')).toBe(true);
    expect(isCanonicalList('[{"iso_3166_1": "US", "name": "United States of America"}]', 'iso_3166_1')).toBe(true);
    expect(isCanonicalList('[{"name": "Walt Disney Pictures", "id": 2}, {"id": 3, "name": "Pixar"}]', 'id')).toBe(true);
    expect(isCanonicalList('[{"iso_639_1": "fr", "name": "Fran\\u00e7ais"}]', 'iso_639_1')).toBe(true);
  });

  it('leaves every other shape to the JavaScript parser', () => {
    const rejected: [string, string][] = [
      ['', 'id'],
      ['[{"id": 28, "name": "Action"}', 'id'], // unterminated
      ['[{"name": "Action", "id": 28, "x": 1}]', 'id'], // another key
      ['[{"id": 28, "name": "Action", "id": 29}]', 'id'], // a repeated key
      ['[{"id":28,"name":"Action"}]', 'id'], // other spacing
      ['[{"id": 28.5, "name": "Action"}]', 'id'], // fractional id
      ['[{"id": 028, "name": "Action"}]', 'id'], // leading zero: not JSON
      ['[{"id": 12345678901234567, "name": "Big"}]', 'id'], // not exact as a double
      ['[{"id": 28, "name": null}]', 'id'],
      ['["Action"]', 'id'],
      ['[{"id": 28, "name": "a\\ud83d\\ude00"}]', 'id'], // surrogate escapes
      ['[{"id": 28, "name": "a\\u0000b"}]', 'id'], // NUL escape
      ['[{"id": 28, "name": "tab\there"}]', 'id'], // raw control character: not JSON
      ['[{"id": 28, "name": "Action"}]', 'iso_3166_1'], // wrong code key
      ['[{"id": 28, "name": "Action"}] ', 'id'], // trailing text
    ];
    for (const [text, key] of rejected) expect(isCanonicalList(text, key), text).toBe(false);
  });

  it('gives the same rows in SQLite as parseJsonList gives in JavaScript', () => {
    const accepted: [string, string][] = [
      ['[{"id": 0, "name": ""}, {"id": 999999999999999, "name": "max id"}]', 'id'],
      ['[{"name": "Walt Disney Pictures", "id": 2}, {"id": 3, "name": "Pixar"}]', 'id'],
      ['[{"id": 1, "name": "quote \\" backslash \\\\ slash \\/ \\b\\f\\n\\r\\t"}]', 'id'],
      ['[{"id": 2, "name": "caf\\u00e9 \\u4e2d\\u6587 raw 中文 emoji 😀"}]', 'id'],
      ['[{"id": 3, "name": "<script>alert(1)</script>\'; DROP TABLE films;--"}]', 'id'],
      ['[{"iso_3166_1": "G\\u0042", "name": "United Kingdom"}, {"iso_3166_1": "", "name": "x"}]', 'iso_3166_1'],
    ];
    for (const [text, key] of accepted) {
      expect(isCanonicalList(text, key), text).toBe(true);
      expect(expandInSqlite(text, key), text).toEqual(parseJsonList(text, key));
    }
  });
});
