/**
 * A small seeded pseudo-random generator: the same seed gives the same sequence on every machine.
 *
 * @example
 * ```ts
 * const random: Random = createRandom(7);
 * const status = random.weighted(['active', 'leave'], [9, 1]);
 * const order = random.shuffle([1, 2, 3]);
 * ```
 */
export interface Random {
  /** The seed it was created with. */
  readonly seed: number;
  /** A float in `[0, 1)`. */
  next(): number;
  /** An integer in `[min, max]` (both included). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** One element, chosen with the given weights (same length as `items`, non-negative, not all zero). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
}

/**
 * Creates a seeded {@link Random} (mulberry32: 32 bits of state, fast, good enough for test data; not for
 * cryptography). Used by `generateRoster()` and `withFaults()`, and handy in fakes that need reproducible choices.
 *
 * @example
 * ```ts
 * const random = createRandom(42);
 * random.int(1, 6); // the same roll for seed 42, every run
 * random.pick(['a', 'b', 'c']);
 * ```
 */
export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed))
    throw new TypeError(`createRandom: the seed must be a finite number, got ${seed}`);
  let state = Math.trunc(seed) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('createRandom: pick() needs a non-empty array');
    return items[int(0, items.length - 1)] as T;
  };
  const weighted = <T>(items: readonly T[], weights: readonly number[]): T => {
    const total = weights.reduce((sum, w) => sum + Math.max(0, w), 0);
    if (items.length === 0 || total <= 0)
      throw new RangeError('createRandom: weighted() needs a positive weight');
    let roll = next() * total;
    for (let i = 0; i < items.length; i++) {
      roll -= Math.max(0, weights[i] ?? 0);
      if (roll < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(0, i);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };
  return { seed, next, int, chance: (p) => next() < p, pick, weighted, shuffle };
}
