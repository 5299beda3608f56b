/**
 * Franchise titles typed with an apostrophe look-alike read as the apostrophe: the acute accent (´, European
 * keyboards), the modifier letter apostrophe (ʼ) and the prime (′). No TMDB title holds them, so no training film
 * encodes differently; a typed "Ocean´s Thirteen" found no "Ocean's Eleven" before.
 */
import { describe, expect, it } from 'vitest';
import { toFilmFacts } from '../../../src-main/core/features';
import { franchisePriors, titleParts } from '../../../src-main/core/features/franchise';
import { buildTrackHistory } from '../../../src-main/core/features/track-records';
import { silverFilm } from './film-fixtures';

describe('apostrophe look-alikes in titles', () => {
  it('join a word as the apostrophe does', () => {
    for (const mark of ['\u00b4', '\u02bc', '\u2032', '\uff07', '\u2019']) {
      expect(titleParts(`Ocean${mark}s Twelve`), JSON.stringify(mark)).toEqual(titleParts("Ocean's Twelve"));
    }
    // A real accent stays a letter's accent.
    expect(titleParts('Café Society').words).toEqual(['cafe', 'society']);
  });

  it('let a typed sequel find its earlier film', () => {
    const names = { directors: ['Steven Soderbergh'], cast: ['George Clooney'] };
    const history = buildTrackHistory(
      [silverFilm({ id: 1, title: "Ocean's Eleven", releaseDate: '2001-12-07', year: 2001, ...names })],
      2,
      { titles: true },
    );
    const facts = toFilmFacts({ title: 'Ocean\u00b4s Thirteen', budget: 85e6, genres: ['Crime'], ...names });
    expect(franchisePriors(history, facts).map((i) => history.titles![i])).toEqual(["Ocean's Eleven"]);
  });
});
