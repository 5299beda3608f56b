/**
 * Franchise links a forecast names ("Earlier films in this franchise"): one shared person behind one shared
 * first word is a career, not a franchise, unless the title or a studio confirms it; a whole earlier title with
 * more words after it, or a later title that is a franchise's bare name, needs a shared name; titles that differ
 * only in a leading article are two titles. Each case is a link the embedded data held (or missed) before.
 */
import { describe, expect, it } from 'vitest';
import { toFilmFacts } from '../../../src-main/core/features';
import { franchisePriors, parseTitle } from '../../../src-main/core/features/franchise';
import { buildTrackHistory } from '../../../src-main/core/features/track-records';
import type { FilmInput, SilverFilm } from '../../../src-main/shared/film';
import { silverFilm } from './film-fixtures';

let id = 5000;
const film = (title: string, date: string, o: Partial<SilverFilm> = {}) =>
  silverFilm({ id: id++, title, releaseDate: date, year: Number(date.slice(0, 4)), ...o });

/** The titles of the earlier films the history film at `at` continues, read as in training. */
function priorsOf(history: SilverFilm[], later: SilverFilm): string[] {
  const h = buildTrackHistory([...history, later], 2, { titles: true });
  return franchisePriors(h, toFilmFacts(later)).map((i) => h.titles![i]);
}

/** The same for a film typed in the forecast form (no date: after every history film). */
function typedPriors(history: SilverFilm[], input: Partial<FilmInput> & { title: string }): string[] {
  const h = buildTrackHistory(history, 2, { titles: true });
  return franchisePriors(h, toFilmFacts({ budget: 5e7, genres: ['Drama'], ...input })).map((i) => h.titles![i]);
}

describe('one rare shared first word and one shared person', () => {
  const cases: [string, SilverFilm, SilverFilm][] = [
    [
      'Robin Williams',
      film('Good Morning, Vietnam', '1987-12-23', { directors: ['Barry Levinson'], cast: ['Robin Williams'] }),
      film('Good Will Hunting', '1997-12-05', { directors: ['Gus Van Sant'], cast: ['Matt Damon', 'Robin Williams'] }),
    ],
    [
      'Tom Hanks',
      film('Saving Private Ryan', '1998-07-24', { directors: ['Steven Spielberg'], cast: ['Tom Hanks', 'Matt Damon'] }),
      film('Saving Mr. Banks', '2013-11-16', { directors: ['John Lee Hancock'], cast: ['Emma Thompson', 'Tom Hanks'] }),
    ],
    [
      'Don Cheadle',
      film('Hotel Rwanda', '2004-12-22', { directors: ['Terry George'], cast: ['Don Cheadle', 'Sophie Okonedo'] }),
      film('Hotel for Dogs', '2009-01-16', { directors: ['Thor Freudenthal'], cast: ['Emma Roberts', 'Don Cheadle'] }),
    ],
    [
      'Mike Epps',
      film('Next Friday', '2000-01-12', { directors: ['Steve Carr'], cast: ['Ice Cube', 'Mike Epps'] }),
      film('Next Day Air', '2009-02-06', { directors: ['Benny Boom'], cast: ['Donald Faison', 'Mike Epps'] }),
    ],
    [
      'Annette Bening',
      film('The American President', '1995-11-17', {
        directors: ['Rob Reiner'],
        cast: ['Michael Douglas', 'Annette Bening'],
      }),
      film('American Beauty', '1999-09-15', { directors: ['Sam Mendes'], cast: ['Kevin Spacey', 'Annette Bening'] }),
    ],
    [
      'Treat Williams',
      film('Deep Rising', '1998-01-30', { directors: ['Stephen Sommers'], cast: ['Treat Williams', 'Famke Janssen'] }),
      film('The Deep End of the Ocean', '1999-03-12', {
        directors: ['Ulu Grosbard'],
        cast: ['Michelle Pfeiffer', 'Treat Williams'],
      }),
    ],
    [
      'Martin Scorsese',
      film('The Last Waltz', '1978-05-01', { directors: ['Martin Scorsese'], cast: ['Robbie Robertson'] }),
      film('The Last Temptation of Christ', '1988-08-12', { directors: ['Martin Scorsese'], cast: ['Willem Dafoe'] }),
    ],
    [
      "Catherine O'Hara",
      film('Home Alone 2: Lost in New York', '1992-11-19', {
        directors: ['Chris Columbus'],
        cast: ['Macaulay Culkin', 'Joe Pesci', "Catherine O'Hara"],
      }),
      film('Home Fries', '1998-11-25', {
        directors: ['Dean Parisot'],
        cast: ['Drew Barrymore', 'Luke Wilson', "Catherine O'Hara"],
      }),
    ],
    [
      'Brian De Palma',
      film('Mission: Impossible', '1996-05-22', { directors: ['Brian De Palma'], cast: ['Tom Cruise'] }),
      film('Mission to Mars', '2000-03-10', { directors: ['Brian De Palma'], cast: ['Gary Sinise'] }),
    ],
  ];
  it.each(cases)('is no franchise: %s', (_who, earlier, later) => {
    expect(priorsOf([earlier], later)).toEqual([]);
  });

  it('is no franchise typed in the forecast form either', () => {
    const history = cases.map(([, earlier]) => earlier);
    expect(typedPriors(history, { title: 'Saving Mr. Banks', cast: ['Emma Thompson', 'Tom Hanks'] })).toEqual([]);
    expect(typedPriors(history, { title: 'Good Will Hunting', cast: ['Matt Damon', 'Robin Williams'] })).toEqual([]);
  });

  const kept: [string, SilverFilm, SilverFilm][] = [
    [
      'a sequel number (Journey 2)',
      film('Journey to the Center of the Earth', '2008-07-10', {
        directors: ['Eric Brevig'],
        cast: ['Brendan Fraser', 'Josh Hutcherson'],
      }),
      film('Journey 2: The Mysterious Island', '2012-01-19', {
        directors: ['Brad Peyton'],
        cast: ['Dwayne Johnson', 'Josh Hutcherson'],
      }),
    ],
    [
      'a roman numeral (Jason X)',
      film('Jason Goes to Hell: The Final Friday', '1993-08-13', { directors: ['Adam Marcus'], cast: ['Kane Hodder'] }),
      film('Jason X', '2001-07-24', { directors: ['James Isaac'], cast: ['Kane Hodder', 'Lexa Doig'] }),
    ],
    [
      '3D (Step Up 3D)',
      film('Step Up 2: The Streets', '2008-02-14', { directors: ['Jon M. Chu'], cast: ['Briana Evigan'] }),
      film('Step Up 3D', '2010-08-04', { directors: ['Jon M. Chu'], cast: ['Rick Malambri'] }),
    ],
    [
      'a number after the whole name (The Texas Chainsaw Massacre 2)',
      film('The Texas Chain Saw Massacre', '1974-10-01', { directors: ['Tobe Hooper'], cast: ['Marilyn Burns'] }),
      film('The Texas Chainsaw Massacre 2', '1986-08-22', { directors: ['Tobe Hooper'], cast: ['Dennis Hopper'] }),
    ],
    [
      'a shared studio (Batman & Robin)',
      film('Batman Forever', '1995-06-16', {
        directors: ['Joel Schumacher'],
        cast: ['Val Kilmer'],
        companies: ['Warner Bros.'],
      }),
      film('Batman & Robin', '1997-06-20', {
        directors: ['Joel Schumacher'],
        cast: ['George Clooney'],
        companies: ['Warner Bros.'],
      }),
    ],
    [
      'a shared studio (Fast Five)',
      film('The Fast and the Furious: Tokyo Drift', '2006-06-03', {
        directors: ['Justin Lin'],
        cast: ['Lucas Black'],
        companies: ['Universal Pictures'],
      }),
      film('Fast Five', '2011-04-20', {
        directors: ['Justin Lin'],
        cast: ['Vin Diesel'],
        companies: ['Universal Pictures'],
      }),
    ],
    [
      'a shared studio (The Bourne Ultimatum)',
      film('The Bourne Identity', '2002-06-14', {
        directors: ['Doug Liman'],
        cast: ['Matt Damon'],
        companies: ['Universal Pictures'],
      }),
      film('The Bourne Ultimatum', '2007-08-03', {
        directors: ['Paul Greengrass'],
        cast: ['Matt Damon'],
        companies: ['Universal Pictures'],
      }),
    ],
    [
      'an earlier title that is the word alone (Muppets Most Wanted)',
      film('The Muppets', '2011-11-22', { directors: ['James Bobin'], cast: ['Jason Segel'] }),
      film('Muppets Most Wanted', '2014-03-20', { directors: ['James Bobin'], cast: ['Ricky Gervais'] }),
    ],
    [
      'an earlier title that is the word numbered (Terminator Genisys)',
      film('Terminator 2: Judgment Day', '1991-07-01', {
        directors: ['James Cameron'],
        cast: ['Arnold Schwarzenegger'],
      }),
      film('Terminator Genisys', '2015-06-23', { directors: ['Alan Taylor'], cast: ['Arnold Schwarzenegger'] }),
    ],
    [
      "two shared people (Ocean's Twelve)",
      film("Ocean's Eleven", '2001-12-07', { directors: ['Steven Soderbergh'], cast: ['George Clooney'] }),
      film("Ocean's Twelve", '2004-12-09', { directors: ['Steven Soderbergh'], cast: ['George Clooney'] }),
    ],
    [
      'a director who also leads (A Madea Christmas)',
      film('Madea Goes to Jail', '2009-02-20', { directors: ['Tyler Perry'], cast: ['Tyler Perry'] }),
      film('A Madea Christmas', '2013-12-13', { directors: ['Tyler Perry'], cast: ['Tyler Perry', 'Tyler Perry'] }),
    ],
  ];
  it.each(kept)('is a franchise when confirmed by %s', (_why, earlier, later) => {
    expect(priorsOf([earlier], later)).toEqual([earlier.title]);
  });

  it('counts a name listed twice in one role once', () => {
    const earlier = film('Madea Goes to Jail', '2009-02-20', { cast: ['Tyler Perry'] });
    const later = film('A Madea Christmas', '2013-12-13', { cast: ['Tyler Perry', 'Tyler Perry'] });
    expect(priorsOf([earlier], later)).toEqual([]);
  });
});

describe('a whole earlier title at the start', () => {
  it('with more than one word after it needs a shared name', () => {
    const twoLovers = film('Two Lovers', '2008-11-19', { directors: ['James Gray'], cast: ['Joaquin Phoenix'] });
    const pride = film('Pride & Prejudice', '2005-09-16', { directors: ['Joe Wright'], cast: ['Keira Knightley'] });
    const bear = film('Two Lovers and a Bear', '2016-10-02', { directors: ['Kim Nguyen'], cast: ['Tatiana Maslany'] });
    const zombies = film('Pride and Prejudice and Zombies', '2016-02-04', {
      directors: ['Burr Steers'],
      cast: ['Lily James'],
    });
    expect(priorsOf([twoLovers], bear)).toEqual([]);
    expect(priorsOf([pride], zombies)).toEqual([]);
    // A shared name confirms a longer addition ("Crocodile Dundee in Los Angeles").
    const dundee = film('Crocodile Dundee', '1986-09-26', { cast: ['Paul Hogan'] });
    expect(priorsOf([dundee], film('Crocodile Dundee in Los Angeles', '2001-04-12', { cast: ['Paul Hogan'] }))).toEqual(
      ['Crocodile Dundee'],
    );
  });

  it('with one word after it is a sequel even with no name typed', () => {
    const knight = film('The Dark Knight', '2008-07-16', { directors: ['Christopher Nolan'] });
    expect(typedPriors([knight], { title: 'The Dark Knight Rises' })).toEqual(['The Dark Knight']);
    expect(typedPriors([film('Happy Feet', '2006-11-16')], { title: 'Happy Feet Two' })).toEqual(['Happy Feet']);
  });
});

describe("a later title that is a franchise's name and nothing else", () => {
  it('is a remake or another film unless a director, lead or studio is shared', () => {
    const spirit = film('Spirit: Stallion of the Cimarron', '2002-05-24', { companies: ['DreamWorks Animation'] });
    const joan = film('The Messenger: The Story of Joan of Arc', '1999-10-18', { cast: ['Milla Jovovich'] });
    const robin = film('Robin Hood: Prince of Thieves', '1991-06-14', { cast: ['Kevin Costner'] });
    expect(priorsOf([spirit], film('The Spirit', '2008-12-25', { companies: ['Lionsgate'] }))).toEqual([]);
    expect(priorsOf([joan], film('The Messenger', '2009-11-13', { cast: ['Ben Foster'] }))).toEqual([]);
    expect(priorsOf([robin], film('Robin Hood', '2010-05-12', { cast: ['Russell Crowe'] }))).toEqual([]);
    // A shared name: a reboot of the franchise ("Star Trek" after "Star Trek: Nemesis", both Paramount's).
    const nemesis = film('Star Trek: Nemesis', '2002-12-13', { companies: ['Paramount Pictures'] });
    expect(priorsOf([nemesis], film('Star Trek', '2009-05-06', { companies: ['Paramount Pictures'] }))).toEqual([
      'Star Trek: Nemesis',
    ]);
    // Anything after the name is still a sequel on the title alone.
    expect(priorsOf([spirit], film('Spirit: Riding Free', '2021-06-04'))).toEqual([spirit.title]);
  });
});

describe('titles that differ only in a leading article', () => {
  it('are two films: "The Final Destination" continues "Final Destination"', () => {
    const newLine = { companies: ['New Line Cinema'] };
    const first = film('Final Destination', '2000-03-17', newLine);
    const second = film('Final Destination 2', '2003-01-31', newLine);
    expect(priorsOf([first, second], film('The Final Destination', '2009-08-26', newLine))).toEqual([
      'Final Destination',
      'Final Destination 2',
    ]);
    expect(parseTitle('The Final Destination').article).toBe('the');
    expect(parseTitle('Final Destination').article).toBe('');
  });

  it('while the same title twice is still a remake', () => {
    const lead = { cast: ['Same Lead'], companies: ['Same Studio'] };
    const original = film('A Nightmare on Elm Street', '1984-11-09', lead);
    expect(priorsOf([original], film('A Nightmare on Elm Street', '2010-04-30', lead))).toEqual([]);
  });
});

describe('sequel markers', () => {
  it('are read before any subtitle', () => {
    expect(parseTitle('Journey 2: The Mysterious Island').marked).toBe(true);
    expect(parseTitle('Jason X').marked).toBe(true);
    expect(parseTitle('Step Up 3D').marked).toBe(true);
    expect(parseTitle('Spy Kids 3-D: Game Over').marked).toBe(true);
    expect(parseTitle('Back to the Future Part III').marked).toBe(true);
    expect(parseTitle('Shrek the Third').marked).toBe(true);
    expect(parseTitle('Mission: Impossible').marked).toBe(false);
    expect(parseTitle('Insidious: Chapter 3').marked).toBe(false);
    expect(parseTitle('Apollo 13').marked).toBe(false);
    expect(parseTitle('300').marked).toBe(false);
    // '3D' stays in the key: "Piranha 3D" is not "Piranha" numbered.
    expect(parseTitle('Step Up 3D').parts.key).toBe('step up 3d');
  });
});
