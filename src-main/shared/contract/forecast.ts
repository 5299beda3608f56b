/**
 * Forecast channels and the input schema of a film scenario. The same schema validates the renderer's form
 * (as the analyst types) and every input at the door in main. Data-dependent checks (an unknown genre, a
 * budget above anything in training) happen in core/forecast, which knows the data.
 */
import { z } from 'zod';
import { channel, output } from './define';
import type { Forecast } from '../forecast';
import { isCountryCode } from '../countries';

const name = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
const nameList = (max: number) => z.array(name).max(max, `at most ${max} names`);

/** ISO yyyy-mm-dd that is a real calendar date. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as yyyy-mm-dd')
  .refine((text) => {
    const d = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
  }, 'is not a real calendar date');

export const filmInputSchema = z
  .object({
    title: z.string().trim().max(300, 'at most 300 characters').optional(),
    budget: z
      .number({ error: 'budget must be a number of dollars' })
      .finite('budget must be a finite number')
      .positive('budget must be positive')
      .max(1e11, 'budget must be under $100B'),
    runtime: z
      .number()
      .finite()
      .min(1, 'runtime must be between 1 and 600 minutes')
      .max(600, 'runtime must be between 1 and 600 minutes')
      .nullable()
      .optional(),
    genres: nameList(20).default([]),
    releaseDate: isoDate.nullable().optional(),
    language: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2,3}$/, 'language must be an ISO 639-1 code such as en')
      .transform((s) => s.toLowerCase())
      .nullable()
      .optional(),
    countries: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[A-Za-z]{2}$/, { error: 'countries must be ISO 3166-1 codes such as US', abort: true })
          .refine(isCountryCode, {
            error: (issue) => `'${String(issue.input)}' is not a country code (such as US or GB)`,
          })
          .transform((s) => s.toUpperCase()),
      )
      .max(30)
      .optional(),
    companies: nameList(30).optional(),
    keywords: nameList(50).optional(),
    directors: nameList(10).optional(),
    cast: nameList(20).optional(),
    hasHomepage: z.boolean().optional(),
    hasTagline: z.boolean().optional(),
  })
  .strict();

export const forecastOptionsSchema = z
  .object({
    /** The headline interval's coverage (default 0.8). */
    interval: z.number().gt(0.05).lt(0.995).optional(),
    /** Every interval level to compute (default 0.5, 0.8, 0.95). */
    levels: z.array(z.number().gt(0.05).lt(0.995)).max(10).optional(),
    /** How many comparable films (default 8). */
    comparables: z.number().int().min(0).max(50).optional(),
    /** Budget and month sweeps (default true). */
    whatIf: z.boolean().optional(),
    /** Also explain the hit probability (hitContributions; default false). */
    explainHit: z.boolean().optional(),
  })
  .strict();

export type ForecastOptions = z.infer<typeof forecastOptionsSchema>;

/** What the form needs to offer choices and check input: the data's genres, languages and coverage. */
export interface ForecastChoices {
  genres: string[];
  languages: string[];
  countries: string[];
  hitMultiple: number;
  coverage: { maxBudget: number | null; minBudget: number | null; firstYear: number | null; lastYear: number | null };
  models: { revenue: number | null; hit: number | null };
}

export const forecastChannels = {
  'forecast.run': channel({
    summary:
      'Forecast one film scenario: revenue with conformal intervals, hit probability, why, comparables, what-if.',
    input: z.object({ input: filmInputSchema, options: forecastOptionsSchema.optional() }).strict(),
    output: output<Forecast>(),
  }),
  'forecast.choices': channel({
    summary: "The data's genres, languages, countries and coverage, for the scenario form.",
    input: z.object({}).strict(),
    output: output<ForecastChoices>(),
  }),
};
