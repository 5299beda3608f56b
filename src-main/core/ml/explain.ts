/**
 * Explanations on the raw scale. For trees: exact path-dependent TreeSHAP (Lundberg, Erion & Lee, "Consistent
 * individualized feature attribution for tree ensembles", Algorithm 2), polynomial in depth, using node covers
 * as the background distribution. Its values satisfy base + sum(values) = tree output for every row.
 */
import type { FlatTree } from './tree';

/** Expected output of a tree under its training distribution: leaves weighted by cover. */
export function treeExpectedValue(tree: FlatTree): number {
  let s = 0;
  for (let i = 0; i < tree.nodeCount; i++) if (tree.feature[i] < 0) s += tree.value[i] * tree.cover[i];
  return s / tree.cover[0];
}

export function treeDepth(tree: FlatTree): number {
  const depth = new Int32Array(tree.nodeCount);
  let max = 0;
  for (let i = 0; i < tree.nodeCount; i++) {
    if (tree.feature[i] >= 0) {
      depth[tree.left[i]] = depth[i] + 1;
      depth[tree.right[i]] = depth[i] + 1;
      if (depth[i] + 1 > max) max = depth[i] + 1;
    }
  }
  return max;
}

/** Scratch space for the unique-path stacks, reused across trees and rows. */
class PathBuffer {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  weight: Float64Array;
  constructor(maxDepth: number) {
    const size = ((maxDepth + 2) * (maxDepth + 3)) / 2;
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }
}

/**
 * Adds scale x SHAP values of `tree` for row x (data[offset .. offset + cols)) into phi.
 */
export function addTreeShap(
  tree: FlatTree,
  data: Float64Array,
  offset: number,
  phi: Float64Array,
  scale: number,
  buffer?: PathBuffer,
): void {
  const buf = buffer ?? new PathBuffer(treeDepth(tree));
  recurse(tree, data, offset, phi, scale, buf, 0, 0, 0, 1, 1, -1);
}

/** Creates a scratch buffer large enough for trees up to this depth. */
export function makePathBuffer(maxDepth: number): PathBuffer {
  return new PathBuffer(maxDepth);
}

function extendPath(b: PathBuffer, at: number, depth: number, zero: number, one: number, feature: number) {
  b.feature[at + depth] = feature;
  b.zero[at + depth] = zero;
  b.one[at + depth] = one;
  b.weight[at + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    b.weight[at + i + 1] += (one * b.weight[at + i] * (i + 1)) / (depth + 1);
    b.weight[at + i] = (zero * b.weight[at + i] * (depth - i)) / (depth + 1);
  }
}

function unwindPath(b: PathBuffer, at: number, depth: number, pathIndex: number) {
  const one = b.one[at + pathIndex];
  const zero = b.zero[at + pathIndex];
  let nextOne = b.weight[at + depth];
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = b.weight[at + i];
      b.weight[at + i] = (nextOne * (depth + 1)) / ((i + 1) * one);
      nextOne = tmp - (b.weight[at + i] * zero * (depth - i)) / (depth + 1);
    } else {
      b.weight[at + i] = (b.weight[at + i] * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = pathIndex; i < depth; i++) {
    b.feature[at + i] = b.feature[at + i + 1];
    b.zero[at + i] = b.zero[at + i + 1];
    b.one[at + i] = b.one[at + i + 1];
  }
}

function unwoundPathSum(b: PathBuffer, at: number, depth: number, pathIndex: number): number {
  const one = b.one[at + pathIndex];
  const zero = b.zero[at + pathIndex];
  let nextOne = b.weight[at + depth];
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = (nextOne * (depth + 1)) / ((i + 1) * one);
      total += tmp;
      nextOne = b.weight[at + i] - tmp * zero * ((depth - i) / (depth + 1));
    } else if (zero !== 0) {
      total += b.weight[at + i] / zero / ((depth - i) / (depth + 1));
    }
  }
  return total;
}

function recurse(
  tree: FlatTree,
  data: Float64Array,
  offset: number,
  phi: Float64Array,
  scale: number,
  b: PathBuffer,
  node: number,
  parentAt: number,
  depth: number,
  zeroFraction: number,
  oneFraction: number,
  parentFeature: number,
) {
  // Each level works on its own copy of the path, placed right after the parent's.
  const at = depth === 0 ? 0 : parentAt + depth;
  if (depth > 0) {
    b.feature.copyWithin(at, parentAt, parentAt + depth);
    b.zero.copyWithin(at, parentAt, parentAt + depth);
    b.one.copyWithin(at, parentAt, parentAt + depth);
    b.weight.copyWithin(at, parentAt, parentAt + depth);
  }
  extendPath(b, at, depth, zeroFraction, oneFraction, parentFeature);
  const f = tree.feature[node];
  if (f < 0) {
    const v = tree.value[node] * scale;
    for (let i = 1; i <= depth; i++) {
      const w = unwoundPathSum(b, at, depth, i);
      phi[b.feature[at + i]] += w * (b.one[at + i] - b.zero[at + i]) * v;
    }
    return;
  }
  const x = data[offset + f];
  const goLeft = x <= tree.threshold[node] || (x !== x && tree.missingLeft[node] === 1);
  const hot = goLeft ? tree.left[node] : tree.right[node];
  const cold = goLeft ? tree.right[node] : tree.left[node];
  const cover = tree.cover[node];
  let incomingZero = 1;
  let incomingOne = 1;
  let pathIndex = 0;
  while (pathIndex <= depth && b.feature[at + pathIndex] !== f) pathIndex++;
  let d = depth;
  if (pathIndex <= depth) {
    incomingZero = b.zero[at + pathIndex];
    incomingOne = b.one[at + pathIndex];
    unwindPath(b, at, depth, pathIndex);
    d -= 1;
  }
  recurse(tree, data, offset, phi, scale, b, hot, at, d + 1, (tree.cover[hot] / cover) * incomingZero, incomingOne, f);
  recurse(tree, data, offset, phi, scale, b, cold, at, d + 1, (tree.cover[cold] / cover) * incomingZero, 0, f);
}

/**
 * Brute-force Shapley values of one tree (exponential in features; for tests on tiny trees only), with the same
 * path-dependent conditional expectation TreeSHAP uses: known features follow x, unknown ones average children
 * by cover.
 */
export function bruteForceTreeShap(tree: FlatTree, x: Float64Array, cols: number): Float64Array {
  const expect = (node: number, known: number): number => {
    const f = tree.feature[node];
    if (f < 0) return tree.value[node];
    const l = tree.left[node];
    const r = tree.right[node];
    if (known & (1 << f)) {
      const v = x[f];
      const goLeft = v <= tree.threshold[node] || (v !== v && tree.missingLeft[node] === 1);
      return expect(goLeft ? l : r, known);
    }
    return (expect(l, known) * tree.cover[l] + expect(r, known) * tree.cover[r]) / tree.cover[node];
  };
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
  const phi = new Float64Array(cols);
  for (let i = 0; i < cols; i++) {
    for (let s = 0; s < 1 << cols; s++) {
      if (s & (1 << i)) continue;
      let size = 0;
      for (let k = 0; k < cols; k++) if (s & (1 << k)) size++;
      const weight = (fact(size) * fact(cols - size - 1)) / fact(cols);
      phi[i] += weight * (expect(0, s | (1 << i)) - expect(0, s));
    }
  }
  return phi;
}
