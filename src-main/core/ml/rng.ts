/**
 * A small seeded pseudo-random generator (mulberry32 over a 32-bit state), used by every random choice in the
 * engine (bootstraps, feature sampling, fold shuffles, random search) so a seed reproduces a model exactly.
 * Not cryptographic; fast and good enough for resampling.
 */
export class Rng {
  private state: number;

  /** @param seed any finite number; its low 32 bits seed the generator (default 42). */
  constructor(seed = 42) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${String(seed)}`);
    // Mix the seed once so that nearby seeds (0, 1, 2) do not start in nearby states.
    this.state = 0;
    this.reseed(seed);
  }

  /** Restarts this generator from a new seed (as `new Rng(seed)` would) and returns it. */
  reseed(seed: number): this {
    this.state = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
    return this;
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Shuffles an array or typed array in place (Fisher-Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: number }>(values: T): T {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = values[i];
      values[i] = values[j];
      values[j] = tmp;
    }
    return values;
  }

  /** A fresh seed for a child generator (one per tree, per fold), so children are independent of each other. */
  fork(): number {
    return this.nextUint32();
  }
}

/** 0..n-1 as a Uint32Array. */
export function range(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
