/**
 * An index from strings to small non-negative numbers (people's positions), built for the plan's hot paths: an
 * open-addressing table in one `Int32Array`, each slot holding `value + 1` in its low bits and the top bits of the
 * key's hash above them, so a lookup is usually one 4-byte read. A `Map` keeps three words an entry, apart from its
 * buckets, and touches each key's string to compare: at a million people its lookups were most of the plan's time.
 *
 * The table lives outside the JS heap and holds no key: each value is added with one key, which the caller's
 * `keyOf(value)` gives back, and keys are compared by value (`===`) whenever the stored hash bits agree, so
 * collisions are harmless.
 *
 * @internal
 */
export class StringIndex {
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly valueBits: number;
  private readonly valueMask: number;
  private readonly keyOf: (value: number) => unknown;

  /**
   * @param capacity the most keys that will be added
   * @param keyOf the key a value was added with
   */
  constructor(capacity: number, keyOf: (value: number) => unknown) {
    let size = 16;
    // Filled up to 80%: the plan's time goes on cache misses into these tables more than on probing, and a probe
    // run at that load still mostly stays within one cache line.
    while (size < capacity * 1.25) size *= 2;
    let valueBits = 1;
    while (valueBits < 31 && 2 ** valueBits <= capacity) valueBits++;
    this.table = new Int32Array(size);
    this.mask = size - 1;
    this.valueBits = valueBits;
    this.valueMask = 2 ** valueBits - 1;
    this.keyOf = keyOf;
  }

  /**
   * Adds `key` for `value` (a number below the capacity, each used once, with `keyOf(value) === key`). Returns -1,
   * or the value already added with the same key (then nothing changes).
   */
  add(key: string, value: number): number {
    return this.addHashed(key, hashString(key), value);
  }

  /** {@link StringIndex.add} with the key's {@link hashString} already worked out. */
  addHashed(key: string, hash: number, value: number): number {
    const table = this.table;
    const tag = hash >>> this.valueBits;
    let slot = hash & this.mask;
    for (;;) {
      const stored = table[slot]!;
      if (stored === 0) {
        table[slot] = (tag << this.valueBits) | (value + 1);
        return -1;
      }
      if (stored >>> this.valueBits === tag) {
        const found = (stored & this.valueMask) - 1;
        if (this.keyOf(found) === key) return found;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /**
   * Reads the slot a key with `hash` starts probing at, and returns what it holds: nothing else. Called for many keys
   * in a row ahead of {@link StringIndex.addHashed} or {@link StringIndex.getHashed} with the same hashes, so that
   * the cache misses of a large table overlap instead of coming one at a time.
   */
  peek(hash: number): number {
    return this.table[hash & this.mask]!;
  }

  /** The value added with `key`, or -1. */
  get(key: string): number {
    return this.getHashed(key, hashString(key));
  }

  /** {@link StringIndex.get} with the key's {@link hashString} already worked out. */
  getHashed(key: string, hash: number): number {
    const table = this.table;
    const tag = hash >>> this.valueBits;
    let slot = hash & this.mask;
    for (;;) {
      const stored = table[slot]!;
      if (stored === 0) return -1;
      if (stored >>> this.valueBits === tag) {
        const found = (stored & this.valueMask) - 1;
        if (this.keyOf(found) === key) return found;
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

/**
 * A 32-bit hash of a string: FNV-1a over its UTF-16 code units, then Murmur3's finaliser so the low bits (the
 * table slot) depend on every character.
 *
 * @internal
 */
export function hashString(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return finish(h);
}

/** What {@link hashEmail} returns for an email that needs trimming or lower-casing first. */
export const NOT_NORMALISED = 0x100000000;

/**
 * {@link hashString} of an email that is already trimmed and lower-cased, or {@link NOT_NORMALISED}: one scan both
 * proves the email needs no work (the common case: adapters normalise) and hashes it.
 *
 * @internal
 */
export function hashEmail(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    // Upper-case ASCII, white space and control characters, anything beyond ASCII.
    if (c <= 32 || (c >= 65 && c <= 90) || c >= 127) return NOT_NORMALISED;
    h ^= c;
    h = Math.imul(h, 0x01000193);
  }
  return finish(h);
}

/** Murmur3's 32-bit finaliser: every bit of the result (so the table slot too) depends on every bit of `h`. */
function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
