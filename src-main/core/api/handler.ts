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
  return await handler(parsed.data, ctx);
}
