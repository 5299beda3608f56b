/** Features: named sets, leak-free track records, a JSON feature spec and the encoder. */
export * from './types';
export { FEATURE_SETS, FEATURE_SET_DESCRIPTIONS, knownFeatureNames, resolveFeatureNames } from './catalog';
export { buildFeatureSpec, encode, encodeMatrix, featureNames, type BuildSpecOptions } from './spec';
export { describeValue, valueLabel } from './labels';
export { buildTrackHistory, trackRecord, hasCredits } from './track-records';
export { TARGETS, hasTarget, targetValue, toReportedUnit, trainingRows, type TargetOptions } from './targets';
export { toFilmFacts, dayNumber, termKey } from './film-facts';
