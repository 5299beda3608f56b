/**
 * What every tree model shares once trained: raw score = base + scale x sum of trees, an optional logistic link,
 * gain importance, TreeSHAP contributions and (de)serialisation. Decision tree, random forest and gradient
 * boosting differ only in how they grow their trees.
 */
import { decodeTree, encodeTree, type SerializedTree } from './codec';
import { addTreeShap, makePathBuffer, treeDepth, treeExpectedValue } from './explain';
import { checkColumns } from './params';
import { addGainImportance, normalise, predictTreeRow, type FlatTree } from './tree';
import type { AlgorithmName, Matrix, Params, SerializedModel, Task } from './types';

/** How the raw score becomes a prediction: identity (regression, averaged probabilities) or the logistic link. */
export type Link = 'identity' | 'logit';

export interface TreeEnsembleState {
  trees: FlatTree[];
  base: number;
  scale: number;
  cols: number;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export abstract class TreeEnsembleModel {
  abstract readonly algorithm: AlgorithmName;
  abstract readonly task: Task;
  /** The link from raw score to prediction; forests average probabilities, so their raw score is a probability. */
  abstract readonly link: Link;
  protected state: TreeEnsembleState | null = null;

  constructor(
    readonly params: Params,
    readonly seed: number,
  ) {}

  protected trained(): TreeEnsembleState {
    if (!this.state) throw new Error(`${this.algorithm}: predict called before fit`);
    return this.state;
  }

  /** The trees, for inspection and tests. */
  get trees(): readonly FlatTree[] {
    return this.trained().trees;
  }

  predictRaw(X: Matrix): Float64Array {
    const s = this.trained();
    checkColumns(X, s.cols);
    const out = new Float64Array(X.rows);
    for (const tree of s.trees) {
      for (let i = 0; i < X.rows; i++) out[i] += predictTreeRow(tree, X.data, i * X.cols);
    }
    for (let i = 0; i < X.rows; i++) out[i] = s.base + s.scale * out[i];
    return out;
  }

  predict(X: Matrix): Float64Array {
    const raw = this.predictRaw(X);
    if (this.link === 'logit') for (let i = 0; i < raw.length; i++) raw[i] = sigmoid(raw[i]);
    else if (this.task === 'classification')
      for (let i = 0; i < raw.length; i++) raw[i] = Math.min(1, Math.max(0, raw[i]));
    return raw;
  }

  featureImportance(): Float64Array {
    const s = this.trained();
    const imp = new Float64Array(s.cols);
    for (const tree of s.trees) addGainImportance(tree, imp);
    return normalise(imp);
  }

  contributions(row: Float64Array): { base: number; values: Float64Array } {
    const s = this.trained();
    if (row.length !== s.cols) throw new RangeError(`model was trained on ${s.cols} features, got ${row.length}`);
    let maxDepth = 0;
    let expected = 0;
    for (const tree of s.trees) {
      maxDepth = Math.max(maxDepth, treeDepth(tree));
      expected += treeExpectedValue(tree);
    }
    const buffer = makePathBuffer(maxDepth);
    const values = new Float64Array(s.cols);
    for (const tree of s.trees) addTreeShap(tree, row, 0, values, s.scale, buffer);
    return { base: s.base + s.scale * expected, values };
  }

  toJSON(): SerializedModel {
    const s = this.trained();
    return {
      kind: `${this.algorithm}-${this.task}`,
      version: 1,
      params: this.params,
      seed: this.seed,
      cols: s.cols,
      base: s.base,
      scale: s.scale,
      trees: s.trees.map(encodeTree),
    };
  }

  /** Restores the trained state from toJSON() output (the registry checks `kind` first). */
  restore(json: SerializedModel): this {
    const trees = json.trees as SerializedTree[];
    if (!Array.isArray(trees) || typeof json.base !== 'number' || typeof json.scale !== 'number') {
      throw new RangeError(`corrupt ${json.kind} model: missing trees, base or scale`);
    }
    this.state = { trees: trees.map(decodeTree), base: json.base, scale: json.scale, cols: json.cols as number };
    return this;
  }
}
