import type { EmployeeField } from '../model/employee.ts';
import { HOST_FIELDS, PERSON_FIELDS } from './columns.ts';
import { sameCustom, sameEmail, samePlain, sameRef, sameRefs } from './compare.ts';
import { DIFF_FIELDS, type DiffField } from './diff-fields.ts';
import type { FieldChange } from './types.ts';

const PLAIN = 0;
const EMAIL = 1;
const REF = 2;
const REFS = 3;
const CUSTOM = 4;

/** How each field of {@link DIFF_FIELDS} is compared. */
const KIND = Uint8Array.from(DIFF_FIELDS, (field) => {
  switch (field) {
    case 'workEmail':
    case 'personalEmail':
      return EMAIL;
    case 'department':
    case 'location':
    case 'organization':
      return REF;
    case 'teams':
      return REFS;
    case 'custom':
      return CUSTOM;
    default:
      return PLAIN;
  }
});

const MANAGER = DIFF_FIELDS.indexOf('managerId');

/** The bit of `workEmail` in a field mask. @internal */
export const WORK_EMAIL_BIT = 1 << DIFF_FIELDS.indexOf('workEmail');

/** Every field but `id`. @internal */
export const ALL_FIELDS_MASK = (1 << DIFF_FIELDS.length) - 1;

/**
 * Turns the `fields` option into a bit mask over {@link DIFF_FIELDS}; `id` and unknown names are ignored.
 *
 * @internal
 */
export function fieldMask(fields: readonly EmployeeField[] | undefined): number {
  if (fields === undefined) return ALL_FIELDS_MASK;
  let mask = 0;
  for (const field of fields) {
    const index = DIFF_FIELDS.indexOf(field as DiffField);
    if (index >= 0) mask |= 1 << index;
  }
  return mask;
}

function same(kind: number, a: unknown, b: unknown): boolean {
  switch (kind) {
    case EMAIL:
      return sameEmail(a, b);
    case REF:
      return sameRef(a, b);
    case REFS:
      return sameRefs(a, b);
    case CUSTOM:
      return sameCustom(a, b);
    default:
      return samePlain(a, b);
  }
}

/**
 * The fields of `mask` that differ between a host user's row and a person's row, in schema order, or `undefined`
 * when none does. With `dropManager`, the person's `managerId` counts as absent (a broken manager line is synced
 * without a manager).
 *
 * @internal
 */
export function diffRows(
  people: readonly unknown[],
  personBase: number,
  hosts: readonly unknown[],
  hostBase: number,
  mask: number,
  dropManager: boolean,
): FieldChange[] | undefined {
  let out: FieldChange[] | undefined;
  const from = personBase + PERSON_FIELDS;
  const to = hostBase + HOST_FIELDS;
  for (let i = 0; i < KIND.length; i++) {
    if ((mask & (1 << i)) === 0) continue;
    const after = dropManager && i === MANAGER ? undefined : people[from + i];
    const before = hosts[to + i];
    if (after === before || same(KIND[i]!, before, after)) continue;
    const change: FieldChange = { field: DIFF_FIELDS[i]!, before, after };
    if (out === undefined) out = [change];
    else out.push(change);
  }
  return out;
}
