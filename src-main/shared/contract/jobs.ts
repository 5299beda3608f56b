import { z } from 'zod';
import { channel, output } from './define';
import type { JobStatus } from '../film';

const jobId = z.string().uuid();

export const jobChannels = {
  'jobs.get': channel({
    summary: "A job's state, last progress and, once done, its result.",
    input: z.object({ job: jobId }).strict(),
    output: output<JobStatus | null>(),
  }),
  'jobs.list': channel({
    summary: 'Running and recently finished jobs.',
    input: z.object({}).strict(),
    output: output<JobStatus[]>(),
  }),
  'jobs.cancel': channel({
    summary: 'Asks a running job to stop; the database is left as it was before the job.',
    input: z.object({ job: jobId }).strict(),
    output: output<{ cancelled: boolean }>(),
  }),
};
