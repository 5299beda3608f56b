/**
 * Every channel's handler, joined. `satisfies` makes the compiler refuse a contract channel without a
 * handler (or a handler for a channel the contract does not list).
 */
import type { ChannelName } from '../../shared/contract';
import type { Handler } from './handler';
import { appHandlers } from './app-handlers';
import { jobHandlers } from './job-handlers';
import { dataHandlers } from './data-handlers';
import { forecastHandlers } from './forecast-handlers';
import { scenarioHandlers } from './scenario-handlers';
import { reportHandlers } from './report-handlers';
import { modelHandlers } from './model-handlers';

export const handlers = {
  ...appHandlers,
  ...jobHandlers,
  ...dataHandlers,
  ...forecastHandlers,
  ...scenarioHandlers,
  ...reportHandlers,
  ...modelHandlers,
} satisfies { [K in ChannelName]: Handler<K> };
