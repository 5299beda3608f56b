/**
 * Channels the renderer is written for before their engineers land them in the contract, typed as their
 * task notes describe. A channel in the contract always wins (see client.ts); remove entries as they land.
 * Every channel the views use has landed, so this is empty for now.
 */
export type PlannedChannels = Record<never, never>;
