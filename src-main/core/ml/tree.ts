/**
 * Histogram-based CART over binned features, shared by the decision tree, the random forest and gradient
 * boosting. Every row carries a target sum `t` and a weight `w`: a regression tree uses t = w * y (w = the
 * bootstrap count), a boosting round uses t = -gradient and w = hessian. A leaf predicts T / (W + lambda) and a
 * split gains T_L^2/(W_L+lambda) + T_R^2/(W_R+lambda) - T^2/(W+lambda), which is exactly the squared-error
 * (equivalently, for 0/1 targets, Gini) decrease of classic CART when lambda = 0.
 *
 * Large nodes search splits on per-bin histograms (the larger child's histogram is the parent's minus the
 * smaller child's); small nodes sort their few rows by bin code instead, which is cheaper than scanning every bin.
 * A feature's missing values have code nBins[f] (see binning.ts), the last slot of its histogram.
 */
import type { BinnedData } from './binning';
import type { Rng } from './rng';

/** A trained tree in flat typed arrays: node 0 is the root; feature -1 marks a leaf. */
export interface FlatTree {
  nodeCount: number;
  feature: Int32Array;
  /** Raw-value threshold: go left when x <= threshold. */
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** 1 when a missing value (NaN) goes left. */
  missingLeft: Uint8Array;
  value: Float64Array;
  /** Sum of training weights that reached the node (TreeSHAP's cover). */
  cover: Float64Array;
  /** Split gain (impurity decrease); 0 at leaves. */
  gain: Float64Array;
}

export interface GrowOptions {
  /** Deepest level that may still split is maxDepth - 1 (Infinity: unlimited). */
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  /** Features examined per split (sampled without replacement when below the column count). */
  maxFeatures: number;
  /** L2 penalty on leaf values (0: classic CART). */
  lambda: number;
  /**
   * Visit features in a fresh random order at each node, as scikit-learn does even when it examines them all:
   * among equally good splits (several features cutting a small node the same way) the first visited wins,
   * instead of always the lowest-numbered feature. Default false.
   */
  randomFeatureOrder?: boolean;
  /**
   * Among equally good splits (gains equal within TIE_TOLERANCE, as when several features isolate the same rows),
   * 'widest_gap' takes the one whose threshold sits in the widest gap between the values on either side, measured
   * in the feature's standard deviations: the training rows cannot tell such splits apart, but new rows fall on
   * the same side of a wide gap more surely than of a narrow one (a maximum-margin choice). 'first' keeps the
   * first visited, as scikit-learn does. Default 'first'.
   */
  tieBreak?: TieBreak;
  /** Required when maxFeatures < cols or randomFeatureOrder is on. */
  rng?: Rng;
}

export type TieBreak = 'widest_gap' | 'first';

/**
 * The tree learners' default tie_break. Chosen on the revenue seed's set over 40 shuffled 5-fold splits other
 * than the anchor's (seed 0): boosting's R^2 0.5749 -> 0.5776, higher on 30 of 40 splits; a forest's 0.5691 ->
 * 0.5693 (no change). Most of boosting's gain is one film with an $8 budget (a budget in the wrong unit) that one
 * feature isolates with a wide margin and another with none; it cost nothing anywhere we looked: the shipped
 * greenlight models moved by noise (selection seeds 7/11: revenue 0.5334 -> 0.5337, hit 0.7252 -> 0.7261).
 */
export const DEFAULT_TIE_BREAK: TieBreak = 'widest_gap';

/**
 * Gains within this relative distance are equal: one partition of the rows summed in two features' orders
 * differs only in the last bits.
 */
const TIE_TOLERANCE = 1e-9;

/** Where a split sends missing values (offer's missingSide). */
const MISSING_LEFT = 0;
const MISSING_RIGHT = 1;
/** No missing rows at the node: future ones follow the side that got most training weight. */
const MISSING_WITH_MAJORITY = 2;

/** Threshold for "everything non-missing goes left": a finite stand-in for +Infinity that survives JSON. */
const ALL_VALUES = Number.MAX_VALUE;
/**
 * Nodes with fewer rows than this find splits by sorting instead of histograms. Measured on the seed set with
 * exact bins (about 3,800 histogram slots over 4 features), raising it to slots / features made fits slower:
 * sorting costs more than scanning mostly empty bins. It must stay below 2^16 (the sort key's low 16 bits).
 */
const SMALL_NODE = 128;
/** Histogram entries per bin: target sum, weight sum, row count. */
const STRIDE = 3;

interface SplitChoice {
  gain: number;
  feature: number;
  bin: number; // left = codes <= bin (missing handled by missingLeft)
  nextBin: number; // the next non-empty bin at this node (its smallest value bounds the threshold)
  missingLeft: boolean;
  tL: number;
  wL: number;
  cL: number;
}

/** Grows one tree. `rows` lists the training rows to use (each once) and is reordered in place. */
export function growTree(data: BinnedData, rows: Uint32Array, t: Float64Array, w: Float64Array, opt: GrowOptions) {
  return new TreeGrower(data, t, w, opt).grow(rows);
}

/**
 * Grows many trees over the same binned data with reused scratch memory (node arrays, histograms): ensembles
 * create one and call grow() per tree after updating the contents of `t` and `w`.
 */
export class TreeGrower {
  private readonly cols: number;
  private readonly codes: Uint8Array | Uint16Array;
  private readonly nBins: Int32Array;
  private readonly slotOffset: Int32Array;
  private readonly featureOrder: Int32Array;
  private readonly histPool: Float64Array[] = [];
  private readonly keys: Uint32Array = new Uint32Array(SMALL_NODE);
  /**
   * Small nodes keep, per feature, their rows sorted by that feature's code: sorted[f * cap + pos] for the
   * node's positions [start, end). Sorted once when a node first becomes small; children inherit the order by a
   * stable partition, so no node below is sorted again.
   */
  private sorted = new Uint32Array(0);
  private sortedCap = 0;
  private scratch = new Uint32Array(0);
  private readonly goesLeft: Uint8Array;
  /** TIE_TOLERANCE when ties are broken by gap, else 0 (strictly better only). */
  private readonly tieTolerance: number;
  // Growing node arrays, sized for the worst case (2 * rows - 1 nodes).
  private feature!: Int32Array;
  private threshold!: Float64Array;
  private binThreshold!: Uint16Array;
  private left!: Int32Array;
  private right!: Int32Array;
  private missingLeft!: Uint8Array;
  private value!: Float64Array;
  private cover!: Float64Array;
  private gain!: Float64Array;
  private count = 0;
  private best: SplitChoice = { gain: 0, feature: -1, bin: 0, nextBin: 0, missingLeft: false, tL: 0, wL: 0, cL: 0 };

  constructor(
    private readonly data: BinnedData,
    private readonly t: Float64Array,
    private readonly w: Float64Array,
    private readonly opt: GrowOptions,
  ) {
    this.cols = data.cols;
    this.codes = data.codes;
    this.nBins = data.nBins;
    this.slotOffset = data.slotOffset;
    this.featureOrder = Int32Array.from({ length: data.cols }, (_, j) => j);
    this.goesLeft = new Uint8Array(data.rows);
    this.tieTolerance = opt.tieBreak === 'widest_gap' ? TIE_TOLERANCE : 0;
    if ((opt.maxFeatures < data.cols || opt.randomFeatureOrder) && !opt.rng) {
      throw new Error('growTree: feature sampling and random feature order need an rng');
    }
  }

  private ensureCapacity(n: number) {
    const depthCap = this.opt.maxDepth < 30 ? 2 ** (this.opt.maxDepth + 1) - 1 : Infinity;
    const cap = Math.max(1, Math.min(2 * n - 1, depthCap));
    if (this.feature && this.feature.length >= cap) {
      this.feature.fill(-1);
      this.left.fill(-1);
      this.right.fill(-1);
      this.missingLeft.fill(0);
      this.gain.fill(0);
      return;
    }
    this.feature = new Int32Array(cap).fill(-1);
    this.threshold = new Float64Array(cap);
    this.binThreshold = new Uint16Array(cap);
    this.left = new Int32Array(cap).fill(-1);
    this.right = new Int32Array(cap).fill(-1);
    this.missingLeft = new Uint8Array(cap);
    this.value = new Float64Array(cap);
    this.cover = new Float64Array(cap);
    this.gain = new Float64Array(cap);
  }

  grow(idx: Uint32Array): GrownTree {
    const n = idx.length;
    this.ensureCapacity(n);
    if (this.sortedCap < n) {
      this.sortedCap = n;
      this.sorted = new Uint32Array(this.cols * n);
      this.scratch = new Uint32Array(n);
    }
    this.count = 1;

    let T = 0;
    let W = 0;
    for (let k = 0; k < n; k++) {
      T += this.t[idx[k]];
      W += this.w[idx[k]];
    }
    // Explicit stack of pending nodes: [node, start, end, depth, T, W, hist or null].
    const stack: {
      node: number;
      start: number;
      end: number;
      depth: number;
      T: number;
      W: number;
      hist: Float64Array | null;
    }[] = [];
    const rootHist = n >= SMALL_NODE ? this.buildHist(idx, 0, n) : null;
    if (!rootHist) this.sortSegments(idx, 0, n);
    stack.push({ node: 0, start: 0, end: n, depth: 0, T, W, hist: rootHist });

    while (stack.length > 0) {
      const nd = stack.pop()!;
      const cnt = nd.end - nd.start;
      this.value[nd.node] = nd.T / (nd.W + this.opt.lambda);
      this.cover[nd.node] = nd.W;
      const canSplit =
        nd.depth < this.opt.maxDepth && cnt >= this.opt.minSamplesSplit && cnt >= 2 * this.opt.minSamplesLeaf;
      const found = canSplit && this.findSplit(nd.hist, idx, nd.start, nd.end, nd.T, nd.W, cnt);
      if (!found) {
        if (nd.hist) this.histPool.push(nd.hist);
        continue;
      }
      const b = this.best;
      const f = b.feature;
      const node = nd.node;
      const li = this.count++;
      const ri = this.count++;
      this.feature[node] = f;
      this.binThreshold[node] = b.bin;
      // Mid-gap between the largest value going left and the smallest going right, as classic CART does
      // (with one bin per distinct value this is exactly scikit-learn's threshold).
      this.threshold[node] =
        b.nextBin < 0 ? ALL_VALUES : midpoint(this.data.binMax[f][b.bin], this.data.binMin[f][b.nextBin]);
      this.missingLeft[node] = b.missingLeft ? 1 : 0;
      this.left[node] = li;
      this.right[node] = ri;
      this.gain[node] = b.gain;
      const { tL, wL, cL } = b;
      const mid = this.partition(idx, nd.start, nd.end, f, b.bin, b.missingLeft);
      if (mid - nd.start !== cL) throw new Error('growTree: partition disagrees with the histogram');
      const cR = cnt - cL;
      // Small nodes have no histogram and carry sorted segments instead.
      if (!nd.hist) this.partitionSegments(nd.start, mid, nd.end);
      else {
        if (cL < SMALL_NODE) this.sortSegments(idx, nd.start, mid);
        if (cR < SMALL_NODE) this.sortSegments(idx, mid, nd.end);
      }
      // Histograms for children: build the smaller from rows, derive the larger by subtraction.
      let histL: Float64Array | null = null;
      let histR: Float64Array | null = null;
      const needL = cL >= SMALL_NODE;
      const needR = cR >= SMALL_NODE;
      if (nd.hist && (needL || needR)) {
        if (cL <= cR) {
          const small = this.buildHist(idx, nd.start, mid);
          subtractInto(nd.hist, small);
          histR = nd.hist;
          if (needL) histL = small;
          else this.histPool.push(small);
        } else {
          const small = this.buildHist(idx, mid, nd.end);
          subtractInto(nd.hist, small);
          histL = nd.hist;
          if (needR) histR = small;
          else this.histPool.push(small);
        }
      } else if (nd.hist) {
        this.histPool.push(nd.hist);
      }
      stack.push({ node: ri, start: mid, end: nd.end, depth: nd.depth + 1, T: nd.T - tL, W: nd.W - wL, hist: histR });
      stack.push({ node: li, start: nd.start, end: mid, depth: nd.depth + 1, T: tL, W: wL, hist: histL });
    }
    const m = this.count;
    return {
      nodeCount: m,
      feature: this.feature.slice(0, m),
      threshold: this.threshold.slice(0, m),
      binThreshold: this.binThreshold.slice(0, m),
      left: this.left.slice(0, m),
      right: this.right.slice(0, m),
      missingLeft: this.missingLeft.slice(0, m),
      value: this.value.slice(0, m),
      cover: this.cover.slice(0, m),
      gain: this.gain.slice(0, m),
    };
  }

  private takeHist(): Float64Array {
    const h = this.histPool.pop();
    if (h) {
      h.fill(0);
      return h;
    }
    return new Float64Array(this.data.totalSlots * STRIDE);
  }

  private buildHist(idx: Uint32Array, start: number, end: number): Float64Array {
    const h = this.takeHist();
    const { cols, codes, slotOffset, t, w } = this;
    for (let k = start; k < end; k++) {
      const r = idx[k];
      const tr = t[r];
      const wr = w[r];
      const base = r * cols;
      for (let j = 0; j < cols; j++) {
        const o = (slotOffset[j] + codes[base + j]) * STRIDE;
        h[o] += tr;
        h[o + 1] += wr;
        h[o + 2] += 1;
      }
    }
    return h;
  }

  /** Moves rows going left to the front of idx[start:end]; returns the first right position. */
  private partition(idx: Uint32Array, start: number, end: number, f: number, bin: number, missingLeft: boolean) {
    const { cols, codes, goesLeft } = this;
    const missing = this.nBins[f];
    let i = start;
    let j = end - 1;
    while (i <= j) {
      const c = codes[idx[i] * cols + f];
      const goLeft = c === missing ? missingLeft : c <= bin;
      goesLeft[idx[i]] = goLeft ? 1 : 0;
      if (goLeft) i++;
      else {
        const tmp = idx[i];
        idx[i] = idx[j];
        idx[j] = tmp;
        j--;
      }
    }
    return i;
  }

  /** Writes, for every feature, the rows at positions [start, end) sorted by that feature's code. */
  private sortSegments(idx: Uint32Array, start: number, end: number) {
    const { cols, codes, sortedCap, sorted } = this;
    const cnt = end - start;
    const keys = this.keys.subarray(0, cnt);
    for (let f = 0; f < cols; f++) {
      // Key = code in the high 16 bits, position in the low 16; a Uint16 code >= 2^15 makes the int32 negative,
      // but the Uint32Array stores it unsigned, so keys still sort by code.
      for (let k = 0; k < cnt; k++) keys[k] = (codes[idx[start + k] * cols + f] << 16) | k;
      keys.sort();
      const base = f * sortedCap + start;
      for (let k = 0; k < cnt; k++) sorted[base + k] = idx[start + (keys[k] & 0xffff)];
    }
  }

  /** Splits each feature's sorted segment [start, end) into left rows [start, mid) and right rows, keeping order. */
  private partitionSegments(start: number, mid: number, end: number) {
    const { cols, sortedCap, sorted, goesLeft, scratch } = this;
    for (let f = 0; f < cols; f++) {
      const base = f * sortedCap;
      let l = base + start;
      let r = 0;
      for (let k = base + start; k < base + end; k++) {
        const row = sorted[k];
        if (goesLeft[row]) sorted[l++] = row;
        else scratch[r++] = row;
      }
      sorted.set(scratch.subarray(0, r), base + mid);
    }
  }

  /** Picks features to examine: all in order, or a random order until maxFeatures non-constant ones were seen. */
  private findSplit(
    hist: Float64Array | null,
    idx: Uint32Array,
    start: number,
    end: number,
    T: number,
    W: number,
    cnt: number,
  ): boolean {
    const best = this.best;
    best.gain = 0;
    best.feature = -1;
    const lambda = this.opt.lambda;
    const parentScore = (T * T) / (W + lambda);
    // Gains below this are floating-point noise (e.g. a constant target), not structure.
    const minGain = 1e-12 * Math.abs(parentScore) + 1e-300;
    const sampling = this.opt.maxFeatures < this.cols || this.opt.randomFeatureOrder === true;
    const order = this.featureOrder;
    let visited = 0;
    for (let k = 0; k < this.cols; k++) {
      let f: number;
      if (sampling) {
        const pick = k + this.opt.rng!.int(this.cols - k);
        f = order[pick];
        order[pick] = order[k];
        order[k] = f;
      } else f = k;
      const varied = hist
        ? this.scanHistogram(hist, f, T, W, cnt, parentScore, minGain)
        : this.scanSorted(start, end, f, T, W, cnt, parentScore, minGain);
      if (varied && ++visited >= this.opt.maxFeatures) break;
    }
    return best.feature >= 0;
  }

  /**
   * Offers the split between non-empty bins `bin` and `nextBin` (left sums without missing rows given): with
   * missing rows at this node both placements are offered, missing left first (so ties keep missing right);
   * without, future missing values will follow the side that got most training weight.
   */
  private consider(
    f: number,
    bin: number,
    nextBin: number,
    tL: number,
    wL: number,
    cL: number,
    tM: number,
    wM: number,
    cM: number,
    T: number,
    W: number,
    cnt: number,
    parentScore: number,
    minGain: number,
  ) {
    if (cM > 0) {
      this.offer(f, bin, nextBin, MISSING_LEFT, tL + tM, wL + wM, cL + cM, T, W, cnt, parentScore, minGain);
      this.offer(f, bin, nextBin, MISSING_RIGHT, tL, wL, cL, T, W, cnt, parentScore, minGain);
    } else this.offer(f, bin, nextBin, MISSING_WITH_MAJORITY, tL, wL, cL, T, W, cnt, parentScore, minGain);
  }

  /**
   * The one place a candidate split is scored: left sums (missing rows included when they go left) against the
   * node's totals; kept when it beats the best so far strictly (ties keep the earlier candidate, as CART does).
   */
  private offer(
    f: number,
    bin: number,
    nextBin: number,
    missingSide: number,
    tL: number,
    wL: number,
    cL: number,
    T: number,
    W: number,
    cnt: number,
    parentScore: number,
    minGain: number,
  ) {
    const minLeaf = this.opt.minSamplesLeaf;
    const cR = cnt - cL;
    const wR = W - wL;
    if (cL < minLeaf || cR < minLeaf || wL <= 0 || wR <= 0) return;
    const lambda = this.opt.lambda;
    const tR = T - tL;
    const g = (tL * tL) / (wL + lambda) + (tR * tR) / (wR + lambda) - parentScore;
    const best = this.best;
    const tie = this.tieTolerance * best.gain;
    if (
      g > minGain &&
      (g > best.gain + tie || (tie > 0 && g >= best.gain - tie && this.gapOf(f, bin, nextBin) > this.bestGap()))
    ) {
      best.gain = g;
      best.feature = f;
      best.bin = bin;
      best.nextBin = nextBin;
      best.missingLeft = missingSide === MISSING_LEFT || (missingSide === MISSING_WITH_MAJORITY && wL >= wR);
      best.tL = tL;
      best.wL = wL;
      best.cL = cL;
    }
  }

  /** The gap between the values either side of a split, in the feature's standard deviations (0 for missing). */
  private gapOf(f: number, bin: number, nextBin: number): number {
    const spread = this.data.spread[f];
    if (nextBin < 0 || spread === 0) return 0;
    return (this.data.binMin[f][nextBin] - this.data.binMax[f][bin]) / spread;
  }

  private bestGap(): number {
    const best = this.best;
    return best.feature < 0 ? -Infinity : this.gapOf(best.feature, best.bin, best.nextBin);
  }

  /** Returns whether the feature takes more than one value (bin) at this node. */
  private scanHistogram(
    h: Float64Array,
    f: number,
    T: number,
    W: number,
    cnt: number,
    parentScore: number,
    minGain: number,
  ): boolean {
    const base = this.slotOffset[f] * STRIDE;
    const nb = this.nBins[f];
    const mo = base + nb * STRIDE;
    const tM = h[mo];
    const wM = h[mo + 1];
    const cM = h[mo + 2];
    const cValues = cnt - cM;
    let tL = 0;
    let wL = 0;
    let cL = 0;
    let distinct = cM > 0 ? 1 : 0;
    let prev = -1;
    for (let b = 0; b < nb; b++) {
      const o = base + b * STRIDE;
      const c = h[o + 2];
      if (c === 0) continue;
      distinct++;
      // Split between the previous non-empty bin and this one: left takes everything up to `prev`.
      if (prev >= 0) this.consider(f, prev, b, tL, wL, cL, tM, wM, cM, T, W, cnt, parentScore, minGain);
      tL += h[o];
      wL += h[o + 1];
      cL += c;
      prev = b;
      if (cL >= cValues) break;
    }
    if (cM > 0 && cValues > 0) {
      // Values left, missing right.
      this.offer(f, nb - 1, -1, MISSING_RIGHT, T - tM, W - wM, cValues, T, W, cnt, parentScore, minGain);
    }
    return distinct > 1;
  }

  /** The small-node path: scan the node's rows in this feature's sorted order, evaluating code boundaries. */
  private scanSorted(
    start: number,
    end: number,
    f: number,
    T: number,
    W: number,
    cnt: number,
    parentScore: number,
    minGain: number,
  ): boolean {
    const { cols, codes, t, w, sorted } = this;
    const missing = this.nBins[f];
    const base = f * this.sortedCap + start;
    let nValues = cnt;
    let tM = 0;
    let wM = 0;
    while (nValues > 0 && codes[sorted[base + nValues - 1] * cols + f] === missing) {
      const r = sorted[base + nValues - 1];
      tM += t[r];
      wM += w[r];
      nValues--;
    }
    const cM = cnt - nValues;
    const firstCode = nValues > 0 ? codes[sorted[base] * cols + f] : missing;
    const lastCode = nValues > 0 ? codes[sorted[base + nValues - 1] * cols + f] : missing;
    const varied = firstCode !== lastCode || (cM > 0 && nValues > 0);
    if (!varied) return false;
    let tL = 0;
    let wL = 0;
    let code = firstCode;
    for (let k = 0; k < nValues - 1; k++) {
      const r = sorted[base + k];
      tL += t[r];
      wL += w[r];
      const nextCode = codes[sorted[base + k + 1] * cols + f];
      if (nextCode !== code) {
        this.consider(f, code, nextCode, tL, wL, k + 1, tM, wM, cM, T, W, cnt, parentScore, minGain);
        code = nextCode;
      }
    }
    if (cM > 0 && nValues > 0) {
      this.offer(f, missing - 1, -1, MISSING_RIGHT, T - tM, W - wM, nValues, T, W, cnt, parentScore, minGain);
    }
    return true;
  }
}

/** Midpoint of two values; the lower one if rounding would put it on the upper (as scikit-learn guards). */
function midpoint(a: number, b: number): number {
  const m = a / 2 + b / 2;
  return m >= b ? a : m;
}

function subtractInto(parent: Float64Array, child: Float64Array) {
  for (let i = 0; i < parent.length; i++) parent[i] -= child[i];
}

/** Raw score of one row (data[offset .. offset + cols)) through one tree. */
export function predictTreeRow(tree: FlatTree, data: Float64Array, offset: number): number {
  const { feature, threshold, left, right, missingLeft } = tree;
  let node = 0;
  let f = feature[0];
  while (f >= 0) {
    const v = data[offset + f];
    if (v <= threshold[node]) node = left[node];
    else if (v !== v) node = missingLeft[node] ? left[node] : right[node];
    else node = right[node];
    f = feature[node];
  }
  return tree.value[node];
}

/** A tree as grown, with the bin-code thresholds training uses alongside the raw ones. */
export type GrownTree = FlatTree & { binThreshold: Uint16Array };

/** The leaf node a training row reaches, routed by bin codes (no raw values needed). */
export function leafIndexBinned(tree: GrownTree, data: BinnedData, row: number): number {
  const { feature, binThreshold, left, right, missingLeft } = tree;
  const base = row * data.cols;
  let node = 0;
  let f = feature[0];
  while (f >= 0) {
    const c = data.codes[base + f];
    if (c === data.nBins[f]) node = missingLeft[node] ? left[node] : right[node];
    else node = c <= binThreshold[node] ? left[node] : right[node];
    f = feature[node];
  }
  return node;
}

/** The leaf value a training row reaches, routed by bin codes. */
export function predictTreeBinned(tree: GrownTree, data: BinnedData, row: number): number {
  return tree.value[leafIndexBinned(tree, data, row)];
}

/** Adds each split's gain to its feature's total. */
export function addGainImportance(tree: FlatTree, into: Float64Array): void {
  for (let i = 0; i < tree.nodeCount; i++) if (tree.feature[i] >= 0) into[tree.feature[i]] += tree.gain[i];
}

/** Scales a vector to sum to 1 (all zeros stay zeros). */
export function normalise(values: Float64Array): Float64Array {
  let s = 0;
  for (const v of values) s += v;
  if (s > 0) for (let i = 0; i < values.length; i++) values[i] /= s;
  return values;
}
