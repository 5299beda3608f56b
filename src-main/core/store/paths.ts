import os from 'node:os';
import path from 'node:path';

/**
 * Where the database lives when nobody says otherwise. The CLI and the desktop app both call this, so a
 * CLI import shows up in the app: GREENLIGHT_DB, else the platform's user data directory.
 */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GREENLIGHT_DB) return path.resolve(env.GREENLIGHT_DB);
  return path.join(userDataDirectory(env), 'greenlight.sqlite');
}

/** The per-user data folder: XDG_DATA_HOME on Linux, Application Support on macOS, APPDATA on Windows. */
export function userDataDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Greenlight');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Greenlight');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'greenlight');
}

/** The project's resources folder (embedded data, fonts), found from source, tests and the built app alike. */
export function resourcesDirectory(): string {
  if (process.env.GREENLIGHT_RESOURCES) return process.env.GREENLIGHT_RESOURCES;
  return path.resolve(__dirname, '..', '..', '..', 'resources');
}

/** The folder holding the default model versions shipped with the app. */
export function shippedModelsDirectory(): string {
  if (process.env.GREENLIGHT_MODELS) return process.env.GREENLIGHT_MODELS;
  return path.resolve(__dirname, '..', '..', '..', 'models');
}
