/**
 * Every channel's handler, joined. `satisfies` makes the compiler refuse a contract channel without a
 * handler (or a handler for a channel the contract does not list).
 */
import type { ChannelName } from '../../shared/contract';
import type { Handler } from './handler';
import { appHandlers } from './app-handlers';
import { jobHandlers } from './job-handlers';
import { forecastHandlers } from './forecast-handlers';
import { scenarioHandlers } from './scenario-handlers';

export const handlers = {
  ...appHandlers,
  ...jobHandlers,
  ...forecastHandlers,
  ...scenarioHandlers,
} satisfies { [K in ChannelName]: Handler<K> };
