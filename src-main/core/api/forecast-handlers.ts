import type { HandlerMap } from './handler';
import { forecast, forecastChoices } from '../forecast/service';

export const forecastHandlers = {
  'forecast.run': ({ input, options }, ctx) => forecast(ctx, input, options),
  'forecast.choices': (_input, ctx) => forecastChoices(ctx),
} satisfies HandlerMap<'forecast.run' | 'forecast.choices'>;
