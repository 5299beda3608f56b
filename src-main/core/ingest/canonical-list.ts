/**
 * Recognising TMDB list fields in their canonical form, exactly as TMDB writes them:
 * `[{"id": 28, "name": "Action"}, {"id": 12, "name": "Adventure"}]` (or `"iso_3166_1": "US"` for countries;
 * companies put the name first).
 *
 * Why: parsing these lists in JavaScript (JSON.parse, one object per entry, then one bound row per entry) was
 * about a tenth of a big import's time plus much of its garbage collection. A list in this strict form is
 * valid JSON whose entries all have a string name and a code, so the store can hand the text to SQLite
 * (json_each) and get the very rows parseJsonList would give. Anything else (other spacing, other keys, big
 * or fractional ids, \u escapes of surrogates or NUL, plain-string entries) takes the JavaScript path, which
 * also writes the quarantine reasons for broken lists.
 */

/** A JSON string without control characters; escapes other than surrogates and \u0000 (which SQLite and V8 may read differently). */
const STRING = String.raw`"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u(?!0000)(?![dD][89abAB])[0-9a-fA-F]{4})*"`;
/** A non-negative integer id small enough to be exact in a double, so String(id) in JS and SQLite's text agree. */
const INTEGER = String.raw`(?:0|[1-9][0-9]{0,14})`;

function listPattern(codeKey: string, code: string): RegExp {
  // TMDB writes the code first in most columns and the name first in production_companies.
  const entry = String.raw`\{(?:"${codeKey}": ${code}, "name": ${STRING}|"name": ${STRING}, "${codeKey}": ${code})\}`;
  return new RegExp(String.raw`^\[(?:${entry}(?:, ${entry})*)?\]$`);
}

const PATTERNS = new Map<string, RegExp>([
  ['id', listPattern('id', INTEGER)],
  ['iso_3166_1', listPattern('iso_3166_1', STRING)],
  ['iso_639_1', listPattern('iso_639_1', STRING)],
]);

/** Whether SQLite may expand `text` itself: a list in TMDB's canonical form with codes under `codeKey`. */
export function isCanonicalList(text: string, codeKey: string): boolean {
  const pattern = PATTERNS.get(codeKey);
  return pattern !== undefined && pattern.test(text);
}
