import type { FranchiseFilm } from './forecast';
import { countryName } from './countries';
import { languageName } from './languages';

/**
 * Formatting shared by the renderer, the PDF report and the CLI: money as analysts say it ($90M, $1.2B),
 * percentages, multiples and dates. Pure functions, no DOM, no locale surprises (always en-US digits).
 */

const DASH = '—';

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Trims a fixed-point string's trailing zeros: "1.20" -> "1.2", "90.0" -> "90". */
function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * Money in short form: $750, $12K, $90M, $1.2B. Three significant figures at most, so $123M and $1.23B.
 * Unknown (null, NaN) shows as an em dash rather than $0, because zero is not unknown.
 */
export function formatMoney(value: number | null | undefined): string {
  if (!isNumber(value)) return DASH;
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, suffix] of units) {
    if (abs >= size * 0.9995) {
      const scaled = abs / size;
      const digits = scaled >= 100 ? 0 : scaled >= 10 ? 1 : 2;
      // Round to at most 3 significant figures, then drop zeros ($90.0M -> $90M).
      let text = trimZeros(scaled.toFixed(digits));
      if (scaled >= 10 && scaled < 100) text = trimZeros(scaled.toFixed(1));
      // 999.96M rounds to "1000": step up to the next unit for the honest "$1B".
      if (Number(text) >= 1000 && suffix !== 'T') return formatMoney(value >= 0 ? 1000 * size : -1000 * size);
      return `${sign}$${text}${suffix}`;
    }
  }
  return `${sign}$${Math.round(abs)}`;
}

/** Money in full, with thousands separators: $90,000,000. */
export function formatMoneyFull(value: number | null | undefined): string {
  if (!isNumber(value)) return DASH;
  const sign = value < 0 ? '-' : '';
  return `${sign}$${Math.round(Math.abs(value)).toLocaleString('en-US')}`;
}

/** A range of money: "$60M – $140M". */
export function formatMoneyRange(low: number | null | undefined, high: number | null | undefined): string {
  if (!isNumber(low) || !isNumber(high)) return DASH;
  return `${formatMoney(low)} – ${formatMoney(high)}`;
}

/** A fraction as a percentage: 0.634 -> "63%", with `digits` decimals when asked. */
export function formatPercent(value: number | null | undefined, digits = 0): string {
  if (!isNumber(value)) return DASH;
  return `${(value * 100).toFixed(digits)}%`;
}

/** A return on budget (revenue / budget - 1) as a signed percentage: +85%, -40%. */
export function formatRoi(value: number | null | undefined): string {
  if (!isNumber(value)) return DASH;
  const pct = Math.round(value * 100);
  return `${pct > 0 ? '+' : ''}${pct.toLocaleString('en-US')}%`;
}

/** A plain number with separators and at most `digits` decimals: 4,803 or 0.576. */
export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (!isNumber(value)) return DASH;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/**
 * A count with its noun in the number English needs: plural(1, 'candidate') -> '1 candidate', plural(4803, 'film')
 * -> '4,803 films'; an irregular plural as the third argument (plural(3, 'batch', 'batches')). Shown instead of
 * "1 candidate(s)" everywhere text counts something (app, PDF, CLI).
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(count)} ${count === 1 ? singular : pluralForm}`;
}

/**
 * How many features a model reads, in the words the train form and a version's detail share: '15 feature groups,
 * 118 columns' (a group such as genres becomes one column per genre when trained), or '4 features' when every
 * feature is one column. `columns` unknown (a set not trained yet): the groups alone.
 */
export function featureCount(groups: number, columns?: number): string {
  if (columns === undefined) return plural(groups, 'feature group');
  if (columns === groups) return plural(columns, 'feature');
  return `${plural(groups, 'feature group')}, ${plural(columns, 'column')}`;
}

/** A multiple: 2 -> "2×", 1.5 -> "1.5×". */
export function formatMultiple(value: number | null | undefined): string {
  if (!isNumber(value)) return DASH;
  return `${trimZeros(value.toFixed(2))}×`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Month number 1-12 -> "Jan".."Dec". */
export function formatMonth(month: number): string {
  return MONTHS[month - 1] ?? String(month);
}

/** An ISO date (yyyy-mm-dd, or a full timestamp) as "18 Jun 2027"; the date part only, in UTC. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match;
  return `${Number(day)} ${formatMonth(Number(month))} ${year}`;
}

/** An ISO timestamp as "18 Jun 2027, 14:05" (UTC), for import history and model versions. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})/.exec(iso);
  if (!match) return formatDate(iso);
  return `${formatDate(match[1])}, ${match[2]}:${match[3]}`;
}

/** Seconds as "<1 s", "45 s", "3 min 20 s", "1 h 5 min" (an import of a small file took "<1 s", not "0 s"). */
export function formatDuration(seconds: number | null | undefined): string {
  if (!isNumber(seconds) || seconds < 0) return DASH;
  const s = Math.round(seconds);
  if (s === 0) return '<1 s';
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const minutes = Math.round((s % 3600) / 60);
  return `${Math.floor(s / 3600)} h${minutes ? ` ${minutes} min` : ''}`;
}

/**
 * Reads money as analysts type it: "90000000", "90M", "$90,000,000", "1.5B", "750k", "90 000 000".
 * Returns null for text that is not money (the form then says which forms are accepted).
 */
export function parseMoney(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/^\$/, '')
    .replace(/[,\s_]/g, '')
    .replace(/^\$/, '');
  const match = /^(\d+(?:\.\d+)?|\.\d+)([kmbt]?)$/i.exec(cleaned);
  if (!match) return null;
  const scale: Record<string, number> = { '': 1, k: 1e3, m: 1e6, b: 1e9, t: 1e12 };
  const value = Number(match[1]) * scale[match[2].toLowerCase()];
  return Number.isFinite(value) ? Math.round(value) : null;
}

/** Model metrics by their names in the order the app and the PDF list them, as a person reads them. */
export const METRIC_LABELS: Readonly<Record<string, string>> = {
  r2: 'R²',
  rmse: 'RMSE (log)',
  mae: 'MAE (log)',
  mae_dollars: 'MAE ($)',
  auc: 'AUC',
  f1: 'F1',
  logloss: 'Log loss',
  brier: 'Brier score',
  accuracy: 'Accuracy',
  precision: 'Precision',
  recall: 'Recall',
};

/** Bookkeeping figures stored beside the metrics (not listed as metrics by the PDF model card). */
const BOOKKEEPING_LABELS: Readonly<Record<string, string>> = { rows: 'Rows', cv_score: 'CV score' };

/** A model metric's name as a person reads it: 'r2' -> 'R²', 'mae_dollars' -> 'MAE ($)', 'rows' -> 'Rows'; others as given. */
export function metricLabel(name: string): string {
  if (Object.prototype.hasOwnProperty.call(METRIC_LABELS, name)) return METRIC_LABELS[name];
  return Object.prototype.hasOwnProperty.call(BOOKKEEPING_LABELS, name) ? BOOKKEEPING_LABELS[name] : name;
}

/** A model metric by its name: money for *_dollars, whole counts for rows, else three decimals. */
export function formatMetric(name: string, value: number | null | undefined): string {
  if (/dollars/i.test(name)) return formatMoney(value);
  if (/^(rows|n|count|tp|fp|tn|fn)$/i.test(name)) return formatNumber(value);
  return formatNumber(value, 3);
}

export const MONEY_FORMATS_HINT = 'Type money as 90M, 1.5B, 750K or $90,000,000.';

/**
 * A membership column ('genre=Drama') with the film's value 'yes' or 'no', split for display:
 * { group: 'genre', term: 'Drama', member: false }; a language or a country by its name ('language=zh' -> term
 * 'Mandarin', 'country=CN' -> term 'China'). Null for any other feature or value.
 */
export function membership(
  feature: string,
  value: string | undefined,
): { group: string; term: string; member: boolean } | null {
  const equals = feature.indexOf('=');
  if (equals <= 0 || (value !== 'yes' && value !== 'no')) return null;
  const group = feature.slice(0, equals).replace(/_/g, ' ');
  const term = feature.slice(equals + 1);
  const named = group === 'language' ? languageName(term) : group === 'country' ? countryName(term) : term;
  return { group, term: named || term, member: value === 'yes' };
}

/** How many of a franchise's earlier films the note names (the latest ones); the rest are counted. */
const FRANCHISE_NOTE_FILMS = 5;

/**
 * The earlier films of a forecast's franchise beside the model's reading of them, in one sentence for the app, the
 * PDF and the CLI: "Earlier films in this franchise (found by title): Iron Man (2008) $585M, Iron Man 2 (2010) $624M,
 * Iron Man 3 (2013) $1.22B. The model reads them as $174M, pulled toward the average film: 3 films are little
 * evidence." Null when the forecast has no franchise.
 */
export function franchiseNote(
  franchise: { films: FranchiseFilm[]; modelReading: number | null } | undefined,
): string | null {
  if (!franchise || franchise.films.length === 0) return null;
  const { films, modelReading } = franchise;
  const shown = films
    .slice(-FRANCHISE_NOTE_FILMS)
    .map((f) => `${f.title}${f.year ? ` (${f.year})` : ''} ${formatMoney(f.revenue)}`);
  const more = films.length - shown.length;
  const list = `${more > 0 ? `${more} earlier, then ` : ''}${shown.join(', ')}`;
  const count = `${films.length} film${films.length === 1 ? ' is' : 's are'}`;
  const reading =
    modelReading === null
      ? ''
      : ` The model reads ${films.length === 1 ? 'it' : 'them'} as ${formatMoney(modelReading)}, pulled toward the average film: ${count} little evidence.`;
  return `Earlier films in this franchise (found by title): ${list}.${reading}`;
}
