/** The learning engine's public surface. */
export * from './types';
export { Rng } from './rng';
export {
  binMatrix,
  computeBinEdges,
  applyBins,
  DEFAULT_MAX_BINS,
  EXACT_MAX_BINS,
  MAX_BINS,
  type BinnedData,
} from './binning';
export { growTree, predictTreeRow, type FlatTree } from './tree';
export { RandomForest, DecisionTree } from './forest';
export { GradientBoosting, type BoostingHistory } from './gbdt';
export { Ridge, LogisticRegression } from './linear';
export { MlRandomForest } from './mlrf';
export { addTreeShap, treeExpectedValue } from './explain';
export * from './metrics';
export * from './cv';
export * from './search';
export { createEstimator, loadEstimator, KNOWN_PARAMS, ALGORITHMS } from './registry';
