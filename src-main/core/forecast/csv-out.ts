/**
 * Writing CSV that is safe to open in a spreadsheet. Cells that start with = + - @ (or a tab / carriage return,
 * which some spreadsheets skip before reading a formula) get a leading apostrophe, so a film titled
 * "=HYPERLINK(...)" is shown as text instead of being run as a formula (CSV injection).
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell text a spreadsheet will show as text: formulas neutralised with a leading apostrophe. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One CSV field: numbers written as plain numbers (a negative number is data, not a formula, so it is left
 * alone), strings neutralised and quoted when they hold a delimiter, quote or line break.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutraliseFormula(Array.isArray(value) ? value.join('|') : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (CRLF-free: '\n' endings), fields in the given order. */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\n`;
}
