import { z } from 'zod';
import { channel, output } from './define';

export interface AppInfo {
  name: string;
  version: string;
  databasePath: string;
  films: number;
  attribution: string;
  host: 'electron' | 'http' | 'cli';
}

export const appChannels = {
  'app.info': channel({
    summary: 'Version, database path, film count and the data attribution.',
    input: z.object({}).strict(),
    output: output<AppInfo>(),
  }),
};
