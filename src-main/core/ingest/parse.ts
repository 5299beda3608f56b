/**
 * Parsers for the values people type into spreadsheets: money, dates, plain numbers and list fields.
 * Shared by the import, forecasts and batch scoring, so one film's "$90M" means the same everywhere.
 * Every parser throws a ValueParseError whose message says what was wrong and which formats are accepted;
 * callers add the file, row and field.
 */

/** A value that could not be read; `message` is one sentence ending with the accepted formats. */
export class ValueParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValueParseError';
  }
}

/** Texts that mean "no value" in exported spreadsheets. */
const MISSING = new Set(['', '-', '--', 'n/a', 'na', 'null', 'none', 'unknown', '?', '#n/a']);

export function isMissing(text: string | null | undefined): boolean {
  return text == null || MISSING.has(text.trim().toLowerCase());
}

export const MONEY_FORMATS = '90000000, 90M, $90,000,000, 1.5B, 90 000 000, $90 million, 250K';

const MONEY_SCALE: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  mil: 1e6,
  million: 1e6,
  millions: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  billions: 1e9,
  // The app shows amounts from a trillion up as "$1.5T" (shared/format.ts); they must read back the same.
  t: 1e12,
  tn: 1e12,
  trillion: 1e12,
};

/**
 * Reads an amount of dollars. Returns null for an empty or "n/a" cell. Throws for text that is not money
 * and for negative amounts (a budget or revenue cannot be below zero). Zero is returned as 0: the caller
 * decides whether zero means unknown (it does in silver).
 */
export function parseMoney(text: string | null | undefined): number | null {
  // Plain digits (what TMDB files hold): the value the general path below gives, without its regular expressions.
  if (typeof text === 'string' && PLAIN_DIGITS.test(text)) return Math.round(Number(text) * 100) / 100;
  if (isMissing(text)) return null;
  const original = String(text).trim();
  let s = original.toLowerCase();
  // Leading currency marks (dollars only: we never convert currencies silently).
  s = s.replace(/^usd\s*/, '').replace(/\s*usd$/, '');
  let negative = false;
  if (s.startsWith('-') || (s.startsWith('(') && s.endsWith(')'))) {
    negative = true;
    s = s.replace(/^-|^\(|\)$/g, '').trim();
  }
  s = s.replace(/^\$\s*/, '');
  if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1).trim();
  }
  const match = /^([0-9][0-9.,\s\u00a0\u202f']*?)\s*([a-z]+)?$/.exec(s);
  if (!match) {
    throw new ValueParseError(`"${clip(original)}" is not an amount of money (accepted: ${MONEY_FORMATS})`);
  }
  const [, digits, unit] = match;
  let scale = 1;
  if (unit !== undefined) {
    const found = MONEY_SCALE[unit];
    if (found === undefined) {
      throw new ValueParseError(
        `"${clip(original)}" has an unknown unit "${unit}" (accepted: ${MONEY_FORMATS}; amounts in US dollars)`,
      );
    }
    scale = found;
  }
  const amount = parseGroupedNumber(digits.trim());
  if (amount === null) {
    throw new ValueParseError(`"${clip(original)}" is not an amount of money (accepted: ${MONEY_FORMATS})`);
  }
  if (negative && amount !== 0) {
    throw new ValueParseError(`"${clip(original)}" is negative; an amount of money here cannot be below zero`);
  }
  return Math.round(amount * scale * 100) / 100;
}

/**
 * Reads digits with optional thousands separators (comma, space, apostrophe, or dots when there are two
 * or more) and an optional decimal part. Returns null when the grouping is inconsistent ("1,23,4").
 */
function parseGroupedNumber(s: string): number | null {
  const compact = s.replace(/[\s\u00a0\u202f']/g, (ch, offset: number) => {
    // A space or apostrophe must separate groups of three digits.
    return /^\d{3}(\D|$)/.test(s.slice(offset + 1)) ? ',' : '!';
  });
  if (compact.includes('!')) return null;
  let normalised: string;
  if (/^\d{1,3}(\.\d{3}){2,}(,\d+)?$/.test(compact)) {
    // 90.000.000 or 90.000.000,50 (European grouping)
    normalised = compact.replace(/\./g, '').replace(',', '.');
  } else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(compact) || /^\d+(\.\d+)?$/.test(compact)) {
    normalised = compact.replace(/,/g, '');
  } else {
    return null;
  }
  const value = Number(normalised);
  return Number.isFinite(value) ? value : null;
}

/** Up to 15 digits: a whole number Number() reads exactly. */
const PLAIN_DIGITS = /^[0-9]{1,15}$/;
/** A plain decimal (what TMDB files hold), read by Number() as the general path below would. */
const PLAIN_DECIMAL = /^-?[0-9]+(?:\.[0-9]+)?$/;

/** Reads a plain decimal number ("7.2", "1,024"); null when missing. */
export function parseNumber(text: string | null | undefined, what = 'a number'): number | null {
  if (typeof text === 'string' && PLAIN_DECIMAL.test(text)) {
    const value = Number(text);
    if (Number.isFinite(value)) return value;
  }
  if (isMissing(text)) return null;
  const s = String(text).trim();
  const value = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s) ? Number(s) : parseGroupedNumber(s);
  if (value === null || !Number.isFinite(value)) {
    throw new ValueParseError(
      `"${clip(s)}" is not ${what} (accepted: digits with an optional decimal point, e.g. 7.5)`,
    );
  }
  return value;
}

/** Reads a whole number ("19995"); null when missing. */
export function parseInteger(text: string | null | undefined, what = 'a whole number'): number | null {
  const value = parseNumber(text, what);
  if (value === null) return null;
  if (!Number.isInteger(value)) {
    throw new ValueParseError(`"${clip(String(text).trim())}" is not ${what} (accepted: digits only, e.g. 19995)`);
  }
  return value;
}

export const DATE_FORMATS =
  '2010-07-16, 07/16/2010 (month first), 16/07/2010 (when the day is over 12), 16.07.2010, Jul 16 2010, July 16, 2010, 16 July 2010, 16-Jul-2010, or a year alone (2010)';

/** A date as read. A year alone leaves month and day null (no invented mid-year date); `iso` is then null. */
export interface ParsedDate {
  year: number;
  month: number | null;
  day: number | null;
  /** yyyy-mm-dd when the day is known, else null. */
  iso: string | null;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function monthFromName(name: string): number | undefined {
  const key = name.toLowerCase().replace(/\.$/, '');
  return MONTHS[key] ?? MONTHS[key.slice(0, 3)];
}

/**
 * Reads a release date in the common spreadsheet formats (see DATE_FORMATS). Slashed dates are read month
 * first (US exports) unless the first number is over 12. A year alone gives `{ year, month: null, day: null,
 * iso: null }`: silver then keeps the year and leaves the date unknown rather than inventing a month.
 * Returns null for an empty cell; throws for an unknown format or a day that does not exist (2010-02-30).
 */
export function parseDate(text: string | null | undefined): ParsedDate | null {
  // yyyy-mm-dd (what TMDB files hold), a real day of a year from 1000: the answer of the general path below.
  if (typeof text === 'string' && text.length === 10) {
    const m = ISO_DATE.exec(text);
    if (m) {
      const y = Number(m[1]);
      const mo = Number(m[2]);
      const d = Number(m[3]);
      if (y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo))
        return { year: y, month: mo, day: d, iso: text };
    }
  }
  if (isMissing(text)) return null;
  const original = String(text).trim();
  const s = original.replace(/\s+/g, ' ');
  let m: RegExpExecArray | null;
  let y: number, mo: number | undefined, d: number;
  if ((m = /^(\d{4})$/.exec(s))) {
    const year = Number(m[1]);
    checkYear(year, original);
    return { year, month: null, day: null, iso: null };
  }
  if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(s))) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s))) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    // Month first (07/16/2010) unless the first number can only be a day (16/07/2010).
    [y, mo, d] = a > 12 ? [Number(m[3]), b, a] : [Number(m[3]), a, b];
  } else if ((m = /^(\d{1,2})[.-](\d{1,2})[.-](\d{4})$/.exec(s))) {
    [y, mo, d] = [Number(m[3]), Number(m[2]), Number(m[1])];
  } else if ((m = /^([A-Za-z]{3,9}\.?) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/.exec(s))) {
    [y, mo, d] = [Number(m[3]), monthFromName(m[1]), Number(m[2])];
  } else if ((m = /^(\d{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]{3,9}\.?),?[ -](\d{4})$/.exec(s))) {
    [y, mo, d] = [Number(m[3]), monthFromName(m[2]), Number(m[1])];
  } else {
    throw new ValueParseError(`"${clip(original)}" is not a date in a format we read (accepted: ${DATE_FORMATS})`);
  }
  if (mo === undefined) {
    throw new ValueParseError(`"${clip(original)}" has a month name we do not know (accepted: ${DATE_FORMATS})`);
  }
  checkYear(y, original);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    throw new ValueParseError(`"${clip(original)}" is not a real date (month ${mo}, day ${d} does not exist)`);
  }
  return { year: y, month: mo, day: d, iso: `${y}-${pad2(mo)}-${pad2(d)}` };
}

function checkYear(year: number, original: string): void {
  if (year < 1000 || year > 9999) {
    throw new ValueParseError(`"${clip(original)}" has an impossible year ${year}`);
  }
}

const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days of a month of the Gregorian calendar (month 1-12). */
function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** One entry of a list field: its name and, when the source has one, its code (ISO code or TMDB id). */
export interface ListItem {
  name: string;
  code: string | null;
}

/**
 * Reads a TMDB list field: a JSON array of objects with `name` and an id or ISO code
 * (`[{"id": 28, "name": "Action"}]`, `[{"iso_3166_1": "US", "name": "United States of America"}]`).
 * Empty text is an empty list. Throws on broken JSON or a shape that is not a list of named objects.
 */
export function parseJsonList(text: string | null | undefined, codeKey = 'id'): ListItem[] {
  if (text == null || text.trim() === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ValueParseError(
      `is not valid JSON (${(err as Error).message.split('\n')[0]}); expected a list like [{"id": 28, "name": "Action"}]`,
    );
  }
  if (!Array.isArray(value)) {
    throw new ValueParseError('is JSON but not a list; expected a list like [{"id": 28, "name": "Action"}]');
  }
  const items: ListItem[] = [];
  for (const entry of value) {
    if (typeof entry === 'string') {
      if (entry.trim() !== '') items.push({ name: entry.trim(), code: null });
      continue;
    }
    if (entry === null || typeof entry !== 'object' || typeof (entry as { name?: unknown }).name !== 'string') {
      throw new ValueParseError('holds an entry without a "name"; expected a list like [{"id": 28, "name": "Action"}]');
    }
    const e = entry as Record<string, unknown>;
    const code = e[codeKey];
    items.push({ name: String(e.name), code: code === undefined || code === null ? null : String(code) });
  }
  return items;
}

/**
 * Reads a list cell of a mapped file: a JSON list (of strings or named objects), or names separated by
 * "|", ";", "/" or "," (the first of these the text contains, in that order).
 */
export function parseNameList(text: string | null | undefined): string[] {
  if (isMissing(text)) return [];
  const s = String(text).trim();
  if (s.startsWith('[')) return parseJsonList(s).map((i) => i.name);
  const separator = ['|', ';', '/', ','].find((sep) => s.includes(sep));
  const parts = separator ? s.split(separator) : [s];
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}...` : s;
}
