/**
 * Value comparisons used by the plan: they treat `undefined`, a missing property and `null` alike, compare org
 * references by name and id, and emails after trimming and lower-casing. No allocation on the equal path.
 *
 * @internal
 * @module
 */

// What trimming or lower-casing could change: upper-case ASCII, white space, anything beyond ASCII.
const NOT_NORMALISED = /[A-Z\s\u0080-\uffff]/;

/**
 * Trims and lower-cases an email for matching. Emails from adapters are normalised already: one native scan proves
 * it and returns the same string (with its hash already computed) instead of a new one to allocate and hash.
 *
 * @internal
 */
export function emailKey(value: string): string {
  return NOT_NORMALISED.test(value) ? value.trim().toLowerCase() : value;
}

/**
 * Code-unit order, independent of locale: the order every list of the plan is sorted in.
 *
 * @internal
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `a` and `b` are equal, or both absent. @internal */
export function samePlain(a: unknown, b: unknown): boolean {
  return a === b || (a == null && b == null);
}

/** Two emails are the same address after trimming and lower-casing. @internal */
export function sameEmail(a: unknown, b: unknown): boolean {
  if (a === b || (a == null && b == null)) return true;
  return typeof a === 'string' && typeof b === 'string' && emailKey(a) === emailKey(b);
}

interface RefLike {
  id?: unknown;
  name?: unknown;
}

/** Two org references name the same unit (same name, same id). @internal */
export function sameRef(a: unknown, b: unknown): boolean {
  if (a === b || (a == null && b == null)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const x = a as RefLike;
  const y = b as RefLike;
  return x.name === y.name && samePlain(x.id, y.id);
}

/** Two lists of org references are equal item by item; an empty list equals no list. @internal */
export function sameRefs(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const x = Array.isArray(a) ? a : undefined;
  const y = Array.isArray(b) ? b : undefined;
  if ((a != null && x === undefined) || (b != null && y === undefined)) return false;
  const lx = x === undefined ? 0 : x.length;
  const ly = y === undefined ? 0 : y.length;
  if (lx !== ly) return false;
  for (let i = 0; i < lx; i++) if (!sameRef(x![i], y![i])) return false;
  return true;
}

/** Two records of custom values hold the same values; an absent value equals a missing key, `{}` equals none. @internal */
export function sameCustom(a: unknown, b: unknown): boolean {
  if (a === b || (a == null && b == null)) return true;
  const x = (a ?? {}) as Record<string, unknown>;
  const y = (b ?? {}) as Record<string, unknown>;
  if (typeof x !== 'object' || typeof y !== 'object' || Array.isArray(x) || Array.isArray(y)) return false;
  for (const key in x) {
    if (Object.hasOwn(x, key) && !samePlain(x[key], Object.hasOwn(y, key) ? y[key] : undefined)) return false;
  }
  for (const key in y) {
    if (Object.hasOwn(y, key) && !Object.hasOwn(x, key) && y[key] != null) return false;
  }
  return true;
}
