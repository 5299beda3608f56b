import type { z } from 'zod';
import { contract, type ChannelName, type ChannelOutput, type Contract } from '../../shared/contract';
import type { CoreContext } from '../context';

/** A handler receives input already validated against its channel's schema. */
export type Handler<K extends ChannelName> = (
  input: z.output<Contract[K]['input']>,
  ctx: CoreContext,
) => ChannelOutput<K> | Promise<ChannelOutput<K>>;

export type HandlerMap<K extends ChannelName> = { [P in K]: Handler<P> };

/** Input the renderer sent that does not match the channel's schema. Hosts answer it as a 400, never a crash. */
export class InvalidInputError extends Error {
  constructor(
    readonly channel: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(
      `Invalid input for ${channel}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
    );
    this.name = 'InvalidInputError';
  }
}

/** A channel name the contract does not list. */
export class UnknownChannelError extends Error {
  constructor(readonly channel: string) {
    super(`Unknown channel: ${String(channel).slice(0, 80)}`);
    this.name = 'UnknownChannelError';
  }
}

/**
 * The database stayed locked by another writer past the connection's busy timeout: an import holds the write
 * transaction for its whole file, or another Greenlight process writes. The handler changed nothing (SQLite
 * refused the write), so the user can simply try again; the hosts answer it as such (HTTP 503), not as a crash.
 */
export class DatabaseBusyError extends Error {
  readonly code = 'database_busy';
  constructor(readonly channel: string) {
    super(
      'The database is busy: an import (or another Greenlight window or command) is writing to it. ' +
        'Nothing was changed; try again when the import has finished.',
    );
    this.name = 'DatabaseBusyError';
  }
}

/** SQLite's "database is locked" (SQLITE_BUSY and its extended codes) from better-sqlite3. */
function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/**
 * The one door every host calls: checks the channel exists, validates the input with its schema, then runs
 * the handler. Nothing from the renderer reaches a handler without passing here.
 */
export async function dispatch(
  handlers: { [K in ChannelName]: Handler<K> },
  ctx: CoreContext,
  channel: unknown,
  rawInput: unknown,
): Promise<unknown> {
  if (!isChannelName(channel)) throw new UnknownChannelError(String(channel));
  const parsed = contract[channel].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    throw new InvalidInputError(
      channel,
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const handler = handlers[channel] as (input: unknown, ctx: CoreContext) => unknown;
  try {
    return await handler(parsed.data, ctx);
  } catch (err) {
    if (isBusy(err)) throw new DatabaseBusyError(channel);
    throw err;
  }
}
