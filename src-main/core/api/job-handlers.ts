import type { HandlerMap } from './handler';

export const jobHandlers = {
  'jobs.get': ({ job }, ctx) => ctx.jobs.get(job) ?? null,
  'jobs.list': (_input, ctx) => ctx.jobs.list(),
  'jobs.cancel': ({ job }, ctx) => ({ cancelled: ctx.jobs.cancel(job) }),
} satisfies HandlerMap<'jobs.get' | 'jobs.list' | 'jobs.cancel'>;
