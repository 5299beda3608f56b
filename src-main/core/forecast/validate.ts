/**
 * The data-aware checks of a scenario, after the contract's schema has checked shapes and ranges: genres must
 * be ones the data know (refused with the list), names are matched case-insensitively and rewritten in the
 * data's spelling, and a scenario outside what the models were trained on gets warnings, not errors.
 */
import type { FilmInput } from '../../shared/film';
import { formatMoney } from '../../shared/format';
import { InvalidInputError } from '../api/handler';
import { canonicalName, knownGenres, nameKey, type NameList, type Vocabulary } from './names';
import { inputYear } from './comparables';

export interface TrainingCoverage {
  maxBudget: number | null;
  minBudget: number | null;
  firstYear: number | null;
  lastYear: number | null;
}

/** Returns the scenario in the data's spelling and the warnings it deserves; throws InvalidInputError on an unknown genre. */
export function checkScenario(
  input: FilmInput,
  vocabulary: Vocabulary,
  coverage: TrainingCoverage,
  channel = 'forecast.run',
): { input: FilmInput; warnings: string[] } {
  const unknown = input.genres.filter((g) => !vocabulary.genres.has(nameKey(g)));
  if (unknown.length > 0) {
    throw new InvalidInputError(channel, [
      {
        path: 'genres',
        message: `unknown genre${unknown.length > 1 ? 's' : ''} ${unknown.map((g) => `"${g}"`).join(', ')}; known genres: ${knownGenres(vocabulary).join(', ')}`,
      },
    ]);
  }
  const spell = (list: NameList, names: string[] | undefined) =>
    names === undefined ? undefined : dedupe(names.map((n) => canonicalName(vocabulary, list, n)));
  const normalised: FilmInput = {
    ...input,
    genres: spell('genres', input.genres) ?? [],
    companies: spell('companies', input.companies),
    keywords: spell('keywords', input.keywords),
    directors: spell('directors', input.directors),
    cast: spell('cast', input.cast),
    countries: input.countries ? dedupe(input.countries.map((c) => c.toUpperCase())) : undefined,
    language: input.language ? input.language.toLowerCase() : input.language,
  };
  for (const key of Object.keys(normalised) as (keyof FilmInput)[]) {
    if (normalised[key] === undefined) delete normalised[key];
  }
  return { input: normalised, warnings: coverageWarnings(normalised, coverage) };
}

function coverageWarnings(input: FilmInput, coverage: TrainingCoverage): string[] {
  const warnings: string[] = [];
  if (coverage.maxBudget != null && input.budget > coverage.maxBudget) {
    warnings.push(
      `Budget ${formatMoney(input.budget)} is above the largest in the training data (${formatMoney(coverage.maxBudget)}): the forecast extrapolates.`,
    );
  }
  if (coverage.minBudget != null && input.budget < coverage.minBudget) {
    warnings.push(
      `Budget ${formatMoney(input.budget)} is below the smallest in the training data (${formatMoney(coverage.minBudget)}): the forecast extrapolates.`,
    );
  }
  const year = inputYear(input);
  if (year !== null && coverage.lastYear != null && year > coverage.lastYear) {
    warnings.push(
      `Release year ${year} is past the data's last year (${coverage.lastYear}): revenue is in that era's dollars and tastes may have moved.`,
    );
  }
  if (year !== null && coverage.firstYear != null && year < coverage.firstYear) {
    warnings.push(`Release year ${year} is before the data's first year (${coverage.firstYear}).`);
  }
  if (input.genres.length === 0) warnings.push('No genre given: the forecast treats the film as having none.');
  return warnings;
}

function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = nameKey(n);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
