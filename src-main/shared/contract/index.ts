/**
 * The contract: every channel the renderer may call, in one place. IPC (electron/ipc.ts), the HTTP host
 * (http/) and the renderer's client are all built from this object; no channel name is written elsewhere.
 * Each domain lists its channels in its own file; add yours there and to the spread below.
 */
import type { z } from 'zod';
import { appChannels } from './app';
import { jobChannels } from './jobs';
import { dataChannels } from './data';
import { forecastChannels } from './forecast';
import { scenarioChannels } from './scenarios';
import { reportChannels } from './reports';
import { modelChannels } from './models';

export const contract = {
  ...appChannels,
  ...jobChannels,
  ...dataChannels,
  ...forecastChannels,
  ...scenarioChannels,
  ...reportChannels,
  ...modelChannels,
};

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>;
export type ChannelOutput<K extends ChannelName> = Contract[K]['output'];

/** The renderer's view of the API: one async function per channel. */
export type Api = { [K in ChannelName]: (input: ChannelInput<K>) => Promise<ChannelOutput<K>> };

/** Events pushed from main to the renderer. */
export type AppEvent =
  | { type: 'job.progress'; progress: import('../film').JobProgress }
  | { type: 'job.finished'; status: import('../film').JobStatus }
  | { type: 'data.changed'; what: 'films' | 'models' | 'scenarios' };

export const channelNames = Object.keys(contract) as ChannelName[];
