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
  return qualityFlagger(today)(film);
}

/**
 * qualityFlags for one `today`, with its latest plausible release worked out once: an import checks every
 * film against the same day (a Date and its ISO text per film were a measurable share of a big import).
 */
export function qualityFlagger(today: Date = new Date()): (film: FlaggableValues) => QualityFlag[] {
  const latest = new Date(Date.UTC(today.getUTCFullYear() + 10, today.getUTCMonth(), today.getUTCDate()));
  const latestIso = latest.toISOString().slice(0, 10);
  const latestYear = latest.getUTCFullYear();
  return (film) => {
    const budget = film.budget;
    const revenue = film.revenue;
    const runtime = film.runtime;
    const year = film.release_year;
    const tooEarly = year !== null && year < FIRST_FILM_YEAR;
    const tooLate = film.release_date !== null ? film.release_date > latestIso : year !== null && year > latestYear;
    const plausible =
      (budget === null || budget >= MIN_PLAUSIBLE_MONEY) &&
      (revenue === null || revenue >= MIN_PLAUSIBLE_MONEY) &&
      (runtime === null || (runtime >= RUNTIME_RANGE.min && runtime <= RUNTIME_RANGE.max)) &&
      !tooEarly &&
      !tooLate;
    if (plausible) return NO_FLAGS;
    const flags: QualityFlag[] = [];
    if (budget !== null && budget < MIN_PLAUSIBLE_MONEY) {
      flags.push({
        flag: 'budget_implausible',
        field: 'budget',
        message: `budget ${dollars(budget)} is under ${dollars(MIN_PLAUSIBLE_MONEY)}: probably entered in millions, or a typo`,
      });
    }
    if (revenue !== null && revenue < MIN_PLAUSIBLE_MONEY) {
      flags.push({
        flag: 'revenue_implausible',
        field: 'revenue',
        message: `revenue ${dollars(revenue)} is under ${dollars(MIN_PLAUSIBLE_MONEY)}: probably entered in millions, or a typo`,
      });
    }
    if (runtime !== null && (runtime < RUNTIME_RANGE.min || runtime > RUNTIME_RANGE.max)) {
      flags.push({
        flag: 'runtime_out_of_range',
        field: 'runtime',
        message: `runtime ${runtime} minutes is outside ${RUNTIME_RANGE.min}-${RUNTIME_RANGE.max}`,
      });
    }
    if (tooEarly || tooLate) {
      flags.push({
        flag: 'release_date_out_of_range',
        field: 'release_date',
        message: `release ${film.release_date ?? year} is outside ${FIRST_FILM_YEAR} to ${latestIso} (ten years from today)`,
      });
    }
    return flags;
  };
}

/** The answer for a plausible film, shared (never modified). */
const NO_FLAGS: QualityFlag[] = [];
Object.freeze(NO_FLAGS);
