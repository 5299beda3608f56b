/**
 * The seed project's API, kept so its notebook client works unchanged: POST /predict_revenue and
 * POST /predict_hit take {"runtime","popularity","vote_avg","log_budget"} (log_budget = log1p dollars) and
 * answer {"revenue": log1p(predicted revenue)} and {"probability": p}, from the shipped tracking models on
 * those four features. No token (the seed's client had none); the Host check still applies.
 */
import { z } from 'zod';
import type { SilverFilm } from '../shared/film';
import type { LoadedModel } from '../core/models/types';

export interface SeedModels {
  revenue: LoadedModel;
  hit: LoadedModel;
}

export const seedInputSchema = z.object({
  runtime: z.number().finite().min(0).max(1000),
  popularity: z.number().finite().min(0).max(1e6),
  vote_avg: z.number().finite().min(0).max(10),
  log_budget: z.number().finite().min(0).max(30),
});

export type SeedInput = z.infer<typeof seedInputSchema>;

/** The seed's four numbers as a (past-film-shaped) record the tracking feature set reads. */
export function seedFilm(input: SeedInput): SilverFilm {
  return {
    id: 0,
    tmdbId: null,
    title: '',
    budget: Math.expm1(input.log_budget),
    revenue: null,
    runtime: input.runtime,
    releaseDate: null,
    year: null,
    originalLanguage: null,
    popularity: input.popularity,
    voteAverage: input.vote_avg,
    voteCount: null,
    hasHomepage: false,
    hasTagline: false,
    genres: [],
    keywords: [],
    companies: [],
    countries: [],
    languages: [],
    cast: [],
    directors: [],
    flags: [],
  };
}

export function predictSeedRevenue(models: SeedModels, input: SeedInput): { revenue: number } {
  return { revenue: models.revenue.predictRaw(seedFilm(input)) };
}

export function predictSeedHit(models: SeedModels, input: SeedInput): { probability: number } {
  return { probability: models.hit.predict(seedFilm(input)) };
}
