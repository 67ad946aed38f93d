/**
 * An index from strings to small non-negative numbers (people's positions), built for the plan's hot paths: an
 * open-addressing table of `(hash, value)` pairs in one `Int32Array`, so a lookup is usually one cache line. A
 * `Map` keeps three words an entry in a separate table from its buckets and touches each key's string to compare:
 * at a million people its lookups, not the plan's own work, were most of the time.
 *
 * Keys are compared by value (`===`) whenever the 32-bit hashes agree, so collisions are harmless. Each value is
 * added with one key (the caller's `keyOf(value)`), which is how a slot's key is found again without storing it.
 *
 * @internal
 */
export class StringIndex {
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly keys: string[];

  /** @param capacity the most keys that will be added */
  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.table = new Int32Array(size * 2);
    this.mask = size - 1;
    this.keys = new Array<string>(capacity);
  }

  /**
   * Adds `key` for `value` (a number below the capacity, each used once). Returns -1, or the value already added
   * with the same key (then nothing changes).
   */
  add(key: string, value: number): number {
    return this.addHashed(key, hashString(key), value);
  }

  /** {@link StringIndex.add} with the key's {@link hashString} already worked out. */
  addHashed(key: string, hash: number, value: number): number {
    const table = this.table;
    let slot = hash & this.mask;
    for (;;) {
      const stored = table[slot * 2 + 1]!;
      if (stored === 0) {
        table[slot * 2] = hash;
        table[slot * 2 + 1] = value + 1;
        this.keys[value] = key;
        return -1;
      }
      if (table[slot * 2] === hash && this.keys[stored - 1] === key) return stored - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The value added with `key`, or -1. */
  get(key: string): number {
    return this.getHashed(key, hashString(key));
  }

  /** {@link StringIndex.get} with the key's {@link hashString} already worked out. */
  getHashed(key: string, hash: number): number {
    const table = this.table;
    let slot = hash & this.mask;
    for (;;) {
      const stored = table[slot * 2 + 1]!;
      if (stored === 0) return -1;
      if (table[slot * 2] === hash && this.keys[stored - 1] === key) return stored - 1;
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
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
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
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
