/**
 * Where the app is: one of the sidebar's views, or one film's page (#/film/<id>). Kept in the URL's hash
 * so a reload keeps the place and the browser's Back button works.
 */
export interface Route {
  view: string;
  filmId: number | null;
}

export const VIEW_IDS = ['forecast', 'scenarios', 'data', 'models', 'reports'] as const;

export function routeFromHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const film = /^film\/(\d{1,15})$/.exec(path);
  if (film && Number(film[1]) > 0) return { view: 'film', filmId: Number(film[1]) };
  return { view: (VIEW_IDS as readonly string[]).includes(path) ? path : 'forecast', filmId: null };
}

/** The link to a film's page. */
export const filmHref = (id: number) => `#/film/${id}`;
