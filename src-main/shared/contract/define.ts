import type { z } from 'zod';

/**
 * One channel of the contract: its input schema (validated in main, at the door) and its output type.
 * `job: true` channels start long work and answer `{ job }` at once; progress and the result arrive as events.
 */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Phantom: carries the output type only. */
  output: O;
  job?: boolean;
  /** One line for the docs and error messages. */
  summary: string;
}

/** Declares a channel; `output<T>()` supplies the output type without a runtime value. */
export function channel<I extends z.ZodType, O>(spec: ChannelSpec<I, O>): ChannelSpec<I, O> {
  return spec;
}

export function output<T>(): T {
  return undefined as T;
}
