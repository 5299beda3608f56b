/**
 * The earlier films a forecast's franchise figures come from, with what they earned: the franchise contribution
 * reads their mean log revenue pulled toward the average film, so "Iron Man 4" says $174M against earlier films
 * of $585M to $1.22B. Showing both keeps that reading from passing for the films' own figures.
 */
import type { FilmInput } from '../../shared/film';
import type { Forecast } from '../../shared/forecast';
import { toFilmFacts } from '../features/film-facts';
import { franchisePriors, franchiseRecord } from '../features/franchise';
import type { LoadedModel } from '../models/types';

/** The franchise the model reads for this input (from its own history), or undefined when it reads none. */
export function franchiseFilms(model: LoadedModel, input: FilmInput): Forecast['franchise'] {
  const spec = model.spec;
  const history = spec?.history;
  const titles = history?.titles;
  if (!history || !titles || !spec.columns.some((c) => c.source.type === 'franchise')) return undefined;
  const facts = toFilmFacts(input);
  const priors = franchisePriors(history, facts);
  if (priors.length === 0) return undefined;
  const reading = franchiseRecord(history, facts).franchise_prior_mean_log_revenue;
  return {
    films: priors.map((i) => ({
      title: titles[i],
      year: new Date(history.films[i][0] * 86_400_000).getUTCFullYear(),
      revenue: Math.expm1(history.films[i][1]),
    })),
    modelReading: Number.isFinite(reading) ? Math.expm1(reading) : null,
  };
}
