/**
 * Decision tree and random forest (regression, and binary classification by the Gini criterion, which on 0/1
 * targets picks the same splits as squared error). A forest averages its trees; for classification that average
 * is the probability of class 1, so its raw score is a probability (link 'identity'), as scikit-learn's
 * predict_proba.
 */
import { binMatrix, DEFAULT_FOREST_MAX_BINS } from './binning';
import { TreeEnsembleModel, type Link } from './ensemble';
import {
  checkAborted,
  checkMaxFeatures,
  checkTrainingData,
  depthParam,
  intParam,
  resolveMaxFeatures,
  tieBreakParam,
} from './params';
import { Rng } from './rng';
import { DEFAULT_TIE_BREAK, TreeGrower, type FlatTree, type TieBreak } from './tree';
import type { FitOptions, Matrix, Params, Task } from './types';

interface TreeSettings {
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  maxBins: number;
  tieBreak: TieBreak;
}

function readTreeSettings(params: Params): TreeSettings {
  return {
    maxDepth: depthParam(params, null),
    minSamplesSplit: intParam(params, 'min_samples_split', 2, 2),
    minSamplesLeaf: intParam(params, 'min_samples_leaf', 1, 1),
    maxBins: intParam(params, 'max_bins', DEFAULT_FOREST_MAX_BINS, 2),
    tieBreak: tieBreakParam(params, DEFAULT_TIE_BREAK),
  };
}

/**
 * Random forest. Parameters (scikit-learn names) and defaults:
 * - n_estimators: trees (default 100)
 * - max_depth: deepest level (default null: grow until leaves are pure or too small)
 * - min_samples_split: fewest rows a node needs to split (default 2)
 * - min_samples_leaf: fewest rows per leaf (default 1)
 * - max_features: features examined per split: 'sqrt' | 'log2' | fraction in (0, 1] | integer >= 2 | null
 *   (default null = all for regression, 'sqrt' for classification, as scikit-learn)
 * - bootstrap: draw n rows with replacement per tree (default true)
 * - max_bins: value bins per feature, 2..65535 (default 1024, DEFAULT_FOREST_MAX_BINS; a column with at most
 *   max_bins distinct values is split exactly, as scikit-learn's CART, e.g. 4096)
 * - tie_break: among equally good splits, 'widest_gap' (default) or 'first' visited, as scikit-learn (tree.ts)
 * Features are visited in a random order at each node. Deterministic for a seed.
 */
export class RandomForest extends TreeEnsembleModel {
  readonly algorithm: 'rf' | 'tree' = 'rf';
  readonly link: Link = 'identity';
  private readonly settings: TreeSettings;
  private readonly nEstimators: number;
  private readonly bootstrap: boolean;

  constructor(
    readonly task: Task,
    params: Params = {},
    seed = 42,
  ) {
    super(params, seed);
    this.settings = readTreeSettings(params);
    this.nEstimators = intParam(params, 'n_estimators', 100, 1);
    checkMaxFeatures(this.maxFeaturesParam());
    const b = params.bootstrap ?? true;
    if (typeof b !== 'boolean') throw new RangeError(`bootstrap must be true or false, got ${JSON.stringify(b)}`);
    this.bootstrap = b;
  }

  protected maxFeaturesParam(): Params['max_features'] {
    if (this.params.max_features !== undefined) return this.params.max_features;
    return this.task === 'classification' ? 'sqrt' : null;
  }

  fit(X: Matrix, y: Float64Array, options: FitOptions = {}): this {
    checkTrainingData(X, y, this.task === 'classification');
    const data = binMatrix(X, this.settings.maxBins);
    const maxFeatures = resolveMaxFeatures(this.maxFeaturesParam(), X.cols);
    const n = X.rows;
    const master = new Rng(this.seed);
    const counts = new Float64Array(n);
    const t = new Float64Array(n);
    const trees: FlatTree[] = [];
    const treeRng = new Rng(0);
    const grower = new TreeGrower(data, t, counts, {
      maxDepth: this.settings.maxDepth,
      minSamplesSplit: this.settings.minSamplesSplit,
      minSamplesLeaf: this.settings.minSamplesLeaf,
      maxFeatures,
      lambda: 0,
      randomFeatureOrder: true,
      tieBreak: this.settings.tieBreak,
      rng: treeRng,
    });
    for (let k = 0; k < this.nEstimators; k++) {
      checkAborted(options.signal);
      // One generator per tree, seeded from the forest's: tree k is the same whatever n_estimators is.
      const rng = treeRng.reseed(master.fork());
      counts.fill(0);
      if (this.bootstrap) for (let i = 0; i < n; i++) counts[rng.int(n)] += 1;
      else counts.fill(1);
      let used = 0;
      for (let i = 0; i < n; i++) if (counts[i] > 0) used++;
      const rows = new Uint32Array(used);
      used = 0;
      for (let i = 0; i < n; i++) {
        t[i] = counts[i] * y[i];
        if (counts[i] > 0) rows[used++] = i;
      }
      const grown = grower.grow(rows);
      trees.push(stripTrainingFields(grown));
      options.onProgress?.(k + 1, this.nEstimators);
    }
    this.state = { trees, base: 0, scale: 1 / trees.length, cols: X.cols };
    return this;
  }
}

/**
 * A single CART decision tree: a forest of one tree, no bootstrap, all features by default.
 * Reads max_depth (default null), min_samples_split (2), min_samples_leaf (1), max_features (null), max_bins (255).
 */
export class DecisionTree extends RandomForest {
  override readonly algorithm = 'tree' as const;

  constructor(task: Task, params: Params = {}, seed = 42) {
    super(task, { ...params, n_estimators: 1, bootstrap: false }, seed);
  }

  protected override maxFeaturesParam(): Params['max_features'] {
    return this.params.max_features ?? null;
  }
}

/** Drops the training-only bin thresholds so only the portable fields are kept. */
export function stripTrainingFields(tree: FlatTree & { binThreshold?: Uint16Array }): FlatTree {
  const { nodeCount, feature, threshold, left, right, missingLeft, value, cover, gain } = tree;
  return { nodeCount, feature, threshold, left, right, missingLeft, value, cover, gain };
}
