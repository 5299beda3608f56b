import type { HandlerMap } from './handler';

export const appHandlers = {
  'app.info': (_input, ctx) => ({
    name: 'Greenlight',
    version: '0.1.0',
    databasePath: ctx.databasePath,
    films: ctx.db.prepare('SELECT count(*) FROM films').pluck().get() as number,
    attribution: 'This product uses data from TMDB but is not endorsed or certified by TMDB.',
    host: ctx.host,
  }),
} satisfies HandlerMap<'app.info'>;
