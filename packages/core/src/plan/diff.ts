import type { EmployeeField } from '../model/employee.ts';
import { HOST_FIELDS, PERSON_FIELDS } from './columns.ts';
import { sameCustom, sameEmail, samePlain, sameRef, sameRefs } from './compare.ts';
import { DIFF_FIELDS, type DiffField } from './diff-fields.ts';
import type { FieldChange } from './types.ts';

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

function push(
  out: FieldChange[] | undefined,
  field: DiffField,
  before: unknown,
  after: unknown,
): FieldChange[] {
  const change: FieldChange = { field, before, after };
  if (out === undefined) return [change];
  out.push(change);
  return out;
}

/**
 * The fields of `mask` that differ between a host user's row and a person's row, in schema order, or `undefined`
 * when none does. With `dropManager`, the person's `managerId` counts as absent (a broken manager line is synced
 * without a manager).
 *
 * Written out field by field in {@link DIFF_FIELDS} order (bit `1 << i`, slot `i`): each comparison then sees one
 * kind of value, which V8 compiles to a fast check, where one loop over every field would compare generically.
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
  if ((mask & 0x1) !== 0) {
    const after = people[from + 0];
    const before = hosts[to + 0];
    if (after !== before && !samePlain(before, after)) out = push(out, 'employeeNumber', before, after);
  }
  if ((mask & 0x2) !== 0) {
    const after = people[from + 1];
    const before = hosts[to + 1];
    if (after !== before && !samePlain(before, after)) out = push(out, 'firstName', before, after);
  }
  if ((mask & 0x4) !== 0) {
    const after = people[from + 2];
    const before = hosts[to + 2];
    if (after !== before && !samePlain(before, after)) out = push(out, 'lastName', before, after);
  }
  if ((mask & 0x8) !== 0) {
    const after = people[from + 3];
    const before = hosts[to + 3];
    if (after !== before && !samePlain(before, after)) out = push(out, 'preferredName', before, after);
  }
  if ((mask & 0x10) !== 0) {
    const after = people[from + 4];
    const before = hosts[to + 4];
    if (after !== before && !sameEmail(before, after)) out = push(out, 'workEmail', before, after);
  }
  if ((mask & 0x20) !== 0) {
    const after = people[from + 5];
    const before = hosts[to + 5];
    if (after !== before && !sameEmail(before, after)) out = push(out, 'personalEmail', before, after);
  }
  if ((mask & 0x40) !== 0) {
    const after = people[from + 6];
    const before = hosts[to + 6];
    if (after !== before && !samePlain(before, after)) out = push(out, 'workPhone', before, after);
  }
  if ((mask & 0x80) !== 0) {
    const after = people[from + 7];
    const before = hosts[to + 7];
    if (after !== before && !samePlain(before, after)) out = push(out, 'title', before, after);
  }
  if ((mask & 0x100) !== 0) {
    const after = people[from + 8];
    const before = hosts[to + 8];
    if (after !== before && !sameRef(before, after)) out = push(out, 'department', before, after);
  }
  if ((mask & 0x200) !== 0) {
    const after = people[from + 9];
    const before = hosts[to + 9];
    if (after !== before && !sameRef(before, after)) out = push(out, 'location', before, after);
  }
  if ((mask & 0x400) !== 0) {
    const after = people[from + 10];
    const before = hosts[to + 10];
    if (after !== before && !sameRef(before, after)) out = push(out, 'organization', before, after);
  }
  if ((mask & 0x800) !== 0) {
    const after = people[from + 11];
    const before = hosts[to + 11];
    if (after !== before && !sameRefs(before, after)) out = push(out, 'teams', before, after);
  }
  if ((mask & 0x1000) !== 0) {
    const after = dropManager ? undefined : people[from + 12];
    const before = hosts[to + 12];
    if (after !== before && !samePlain(before, after)) out = push(out, 'managerId', before, after);
  }
  if ((mask & 0x2000) !== 0) {
    const after = people[from + 13];
    const before = hosts[to + 13];
    if (after !== before && !samePlain(before, after)) out = push(out, 'employmentStatus', before, after);
  }
  if ((mask & 0x4000) !== 0) {
    const after = people[from + 14];
    const before = hosts[to + 14];
    if (after !== before && !samePlain(before, after)) out = push(out, 'employmentType', before, after);
  }
  if ((mask & 0x8000) !== 0) {
    const after = people[from + 15];
    const before = hosts[to + 15];
    if (after !== before && !samePlain(before, after)) out = push(out, 'startDate', before, after);
  }
  if ((mask & 0x10000) !== 0) {
    const after = people[from + 16];
    const before = hosts[to + 16];
    if (after !== before && !samePlain(before, after)) out = push(out, 'endDate', before, after);
  }
  if ((mask & 0x20000) !== 0) {
    const after = people[from + 17];
    const before = hosts[to + 17];
    if (after !== before && !samePlain(before, after)) out = push(out, 'timezone', before, after);
  }
  if ((mask & 0x40000) !== 0) {
    const after = people[from + 18];
    const before = hosts[to + 18];
    if (after !== before && !sameCustom(before, after)) out = push(out, 'custom', before, after);
  }
  return out;
}
