/**
 * Exact, compact JSON encoding of typed arrays (base64 of their little-endian bytes), so a saved model predicts
 * bit-for-bit the same after a reload and a 200-tree forest stays a few megabytes rather than tens.
 */
import { Buffer } from 'node:buffer';
import type { FlatTree } from './tree';

type Typed = Float64Array | Int32Array | Uint8Array;

export function encodeArray(values: Typed): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

export function decodeFloat64(text: string): Float64Array {
  const bytes = Buffer.from(text, 'base64');
  const out = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

export function decodeInt32(text: string): Int32Array {
  const bytes = Buffer.from(text, 'base64');
  const out = new Int32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

export function decodeUint8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

export interface SerializedTree {
  nodeCount: number;
  feature: string;
  threshold: string;
  left: string;
  right: string;
  missingLeft: string;
  value: string;
  cover: string;
  gain: string;
}

export function encodeTree(tree: FlatTree): SerializedTree {
  return {
    nodeCount: tree.nodeCount,
    feature: encodeArray(tree.feature),
    threshold: encodeArray(tree.threshold),
    left: encodeArray(tree.left),
    right: encodeArray(tree.right),
    missingLeft: encodeArray(tree.missingLeft),
    value: encodeArray(tree.value),
    cover: encodeArray(tree.cover),
    gain: encodeArray(tree.gain),
  };
}

export function decodeTree(s: SerializedTree): FlatTree {
  const tree: FlatTree = {
    nodeCount: s.nodeCount,
    feature: decodeInt32(s.feature),
    threshold: decodeFloat64(s.threshold),
    left: decodeInt32(s.left),
    right: decodeInt32(s.right),
    missingLeft: decodeUint8(s.missingLeft),
    value: decodeFloat64(s.value),
    cover: decodeFloat64(s.cover),
    gain: decodeFloat64(s.gain),
  };
  for (const key of ['feature', 'threshold', 'left', 'right', 'missingLeft', 'value', 'cover', 'gain'] as const) {
    if (tree[key].length !== s.nodeCount) throw new RangeError(`corrupt tree: ${key} has ${tree[key].length} nodes`);
  }
  return tree;
}
