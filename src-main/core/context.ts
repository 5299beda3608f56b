import { EventEmitter } from 'node:events';
import type { AppEvent } from '../shared/contract';
import type { Db } from './store/db';
import { JobManager } from './jobs/manager';

/**
 * What every handler receives: the open database and the means to tell the UI what is happening.
 * Hosts (Electron, HTTP, CLI) build one context at start and pass it to the handlers.
 */
export interface CoreContext {
  db: Db;
  databasePath: string;
  host: 'electron' | 'http' | 'cli';
  /** Emits AppEvent objects on 'event'; hosts forward them to the renderer (IPC send, server-sent events). */
  events: EventEmitter;
  /** Long work with progress and cancel. */
  jobs: JobManager;
}

export function emitEvent(ctx: CoreContext, event: AppEvent): void {
  ctx.events.emit('event', event);
}

export function createContext(db: Db, databasePath: string, host: CoreContext['host']): CoreContext {
  const ctx = { db, databasePath, host, events: new EventEmitter() } as CoreContext;
  ctx.events.setMaxListeners(100);
  ctx.jobs = new JobManager(ctx);
  return ctx;
}
