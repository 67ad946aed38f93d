import type { Employee } from '../model/employee.ts';
import type { CurrentRecord } from '../model/snapshot.ts';
import { DIFF_FIELDS } from './diff-fields.ts';

/**
 * The plan reads every record once, into one flat array per side ("columns"), and works on that array from then on.
 * Rosters come from JSON with optional fields, so records have dozens of hidden classes: property loads by name go
 * megamorphic, and they were most of the plan's time. A `for...in` over a plain object reads its values through the
 * enum cache instead, without a lookup per property.
 *
 * @internal
 * @module
 */

/** Slots of a person's row: `id`, then {@link DIFF_FIELDS} in order. @internal */
export const PERSON_KEYS: readonly string[] = ['id', ...DIFF_FIELDS];
/** Width of a person's row. @internal */
export const PERSON_ROW = PERSON_KEYS.length;
/** Slots of a host user's row: `hostId`, `sourceId`, `archived`, then {@link DIFF_FIELDS} in order. @internal */
export const HOST_KEYS: readonly string[] = ['hostId', 'sourceId', 'archived', ...DIFF_FIELDS];
/** Width of a host user's row. @internal */
export const HOST_ROW = HOST_KEYS.length;
/** Width of a person's line: their id, then their manager's id. @internal */
export const LINE = 2;
/** Where the fields start in a person's row. @internal */
export const PERSON_FIELDS = 1;
/** Where the fields start in a host user's row. @internal */
export const HOST_FIELDS = 3;

/** Slot of a field in a row, by field index in {@link DIFF_FIELDS}. @internal */
export const FIELD = {
  employeeNumber: 0,
  lastName: 2,
  workEmail: 4,
  title: 7,
  department: 8,
  managerId: 12,
  employmentStatus: 13,
  startDate: 15,
  endDate: 16,
} as const satisfies Partial<Record<(typeof DIFF_FIELDS)[number], number>>;

/**
 * People (or host users) the plan's passes take together, step by step across the batch (see `readSnapshot`).
 * Measured on the 100k benchmark: 16 gains a few percent, 64 and 128 about a fifth; 64 rows of each side stay
 * well inside the first-level cache.
 *
 * @internal
 */
export const BATCH = 64;

/**
 * Reads the header of `value`, if it is a string or an object, and nothing else: it only brings the value's memory
 * in ahead of its real use, so that the cache misses of a batch overlap. Callers add up the results and store the
 * sum in {@link touched}, so that the compiler cannot drop the reads as unused.
 *
 * @internal
 */
export function touch(value: unknown): number {
  return typeof value === 'string' ? 1 : typeof value === 'object' ? 2 : 0;
}

/** Where each pass stores the sum of its {@link touch} calls: a store the compiler must keep. @internal */
export const touched = { sum: 0 };

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Copies the values of `record` into `row[base .. base + keys.length)`, slot by slot as `keys` names them, and
 * writes every slot exactly once (absent fields as `undefined`), so a row can be reused without clearing it. Plain
 * objects are read with one `for...in`: keys usually come in schema order, so each slot is found a step or two
 * ahead, and the slots passed over are the absent fields. Anything else (class instances with getters, proxies) is
 * read property by property.
 */
function readRow(record: object, keys: readonly string[], row: unknown[], base: number): void {
  const width = keys.length;
  if (!isPlain(record)) {
    for (let slot = 0; slot < width; slot++)
      row[base + slot] = (record as Record<string, unknown>)[keys[slot]!];
    return;
  }
  const values = record as Record<string, unknown>;
  let next = 0;
  let back = 0;
  for (const key in values) {
    let slot = next;
    while (slot < width && keys[slot] !== key) slot++;
    if (slot === width) {
      // Not ahead: an unknown key, or a key out of schema order whose slot was passed over (and cleared) already.
      // Common (a vendor's key order is rarely ours), and such keys usually come in a run in schema order, so the
      // scan starts after the last one found behind, then wraps round; keys are interned, so each test is cheap.
      let behind = back;
      while (behind < next && keys[behind] !== key) behind++;
      if (behind === next) {
        behind = 0;
        while (behind < back && keys[behind] !== key) behind++;
        if (behind === back) continue;
      }
      row[base + behind] = values[key];
      back = behind + 1;
      continue;
    }
    while (next < slot) row[base + next++] = undefined;
    row[base + slot] = values[key];
    next = slot + 1;
  }
  while (next < width) row[base + next++] = undefined;
}

/**
 * Reads an employee into `rows[base .. base + PERSON_ROW)`.
 *
 * @internal
 */
export function readPerson(employee: Employee, rows: unknown[], base: number): void {
  readRow(employee, PERSON_KEYS, rows, base);
}

/**
 * Reads a host user into `rows[base .. base + HOST_ROW)`.
 *
 * @internal
 */
export function readHost(record: CurrentRecord, rows: unknown[], base: number): void {
  readRow(record, HOST_KEYS, rows, base);
}
