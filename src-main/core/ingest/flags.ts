/**
 * Quality flags: implausible values kept in silver, explained, and left out of training by default.
 * A flag never deletes or changes a value; it says why the value is doubtful.
 */

/** Budgets and revenues under this many dollars are implausible for a feature film (TMDB holds some in millions). */
export const MIN_PLAUSIBLE_MONEY = 10_000;
export const RUNTIME_RANGE = { min: 1, max: 600 } as const;
export const FIRST_FILM_YEAR = 1888;

export interface QualityFlag {
  flag: 'budget_implausible' | 'revenue_implausible' | 'runtime_out_of_range' | 'release_date_out_of_range';
  field: string;
  message: string;
}

export interface FlaggableValues {
  budget: number | null;
  revenue: number | null;
  runtime: number | null;
  release_date: string | null;
  release_year: number | null;
}

const dollars = (n: number) => `$${n.toLocaleString('en-US')}`;

/** The flags a film's values earn. `today` is injectable for tests. */
export function qualityFlags(film: FlaggableValues, today: Date = new Date()): QualityFlag[] {
  const flags: QualityFlag[] = [];
  if (film.budget !== null && film.budget < MIN_PLAUSIBLE_MONEY) {
    flags.push({
      flag: 'budget_implausible',
      field: 'budget',
      message: `budget ${dollars(film.budget)} is under ${dollars(MIN_PLAUSIBLE_MONEY)}: probably entered in millions, or a typo`,
    });
  }
  if (film.revenue !== null && film.revenue < MIN_PLAUSIBLE_MONEY) {
    flags.push({
      flag: 'revenue_implausible',
      field: 'revenue',
      message: `revenue ${dollars(film.revenue)} is under ${dollars(MIN_PLAUSIBLE_MONEY)}: probably entered in millions, or a typo`,
    });
  }
  if (film.runtime !== null && (film.runtime < RUNTIME_RANGE.min || film.runtime > RUNTIME_RANGE.max)) {
    flags.push({
      flag: 'runtime_out_of_range',
      field: 'runtime',
      message: `runtime ${film.runtime} minutes is outside ${RUNTIME_RANGE.min}-${RUNTIME_RANGE.max}`,
    });
  }
  const latest = new Date(Date.UTC(today.getUTCFullYear() + 10, today.getUTCMonth(), today.getUTCDate()));
  const latestIso = latest.toISOString().slice(0, 10);
  const year = film.release_year;
  const tooEarly = year !== null && year < FIRST_FILM_YEAR;
  const tooLate =
    film.release_date !== null ? film.release_date > latestIso : year !== null && year > latest.getUTCFullYear();
  if (tooEarly || tooLate) {
    flags.push({
      flag: 'release_date_out_of_range',
      field: 'release_date',
      message: `release ${film.release_date ?? year} is outside ${FIRST_FILM_YEAR} to ${latestIso} (ten years from today)`,
    });
  }
  return flags;
}
