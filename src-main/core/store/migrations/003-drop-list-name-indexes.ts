/**
 * Drops the name indexes of the list tables (film_terms by kind and name, film_cast and film_crew by name).
 * Nothing reads the lists by name: every query goes by film (the primary keys), and features, comparables
 * and forecasts work from the lists loaded per film. Keeping them cost about a third of the list inserts of
 * every import and, on large files, a rebuild that alone took minutes for a million films (CREATE INDEX on
 * film_terms: 2.8 s for 100,000 films). A feature that looks films up by person or keyword can add the
 * index it needs in a later migration.
 */
export const name = 'drop-list-name-indexes';

export const up = /* sql */ `
DROP INDEX IF EXISTS film_terms_kind_name;
DROP INDEX IF EXISTS film_cast_name;
DROP INDEX IF EXISTS film_crew_name;
`;
