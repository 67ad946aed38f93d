import type { Employee, EmployeeField } from '../model/employee.ts';
import type { CurrentRecord } from '../model/snapshot.ts';
import { sameCustom, sameEmail, samePlain, sameRef, sameRefs } from './compare.ts';
import type { FieldChange } from './types.ts';

/**
 * The fields a plan compares, in schema order (every {@link EmployeeField} but `id`). {@link diffEmployee} is written
 * out field by field in this order: static property names keep V8's property loads fast, where a loop over names
 * would go megamorphic.
 *
 * @internal
 */
export const DIFF_FIELDS = [
  'employeeNumber',
  'firstName',
  'lastName',
  'preferredName',
  'workEmail',
  'personalEmail',
  'workPhone',
  'title',
  'department',
  'location',
  'organization',
  'teams',
  'managerId',
  'employmentStatus',
  'employmentType',
  'startDate',
  'endDate',
  'timezone',
  'custom',
] as const satisfies readonly Exclude<EmployeeField, 'id'>[];

/** A field {@link diffEmployee} can compare. @internal */
export type DiffField = (typeof DIFF_FIELDS)[number];

// Compile-time proof that DIFF_FIELDS covers every field but `id`: adding a field to the schema fails here.
type MissingDiffField = Exclude<Exclude<EmployeeField, 'id'>, DiffField>;
const coversEveryField: [MissingDiffField] extends [never] ? true : false = true;
void coversEveryField;

const BIT: Record<DiffField, number> = Object.fromEntries(DIFF_FIELDS.map((f, i) => [f, 1 << i])) as Record<
  DiffField,
  number
>;

/** The bit of `workEmail` in a field mask. @internal */
export const WORK_EMAIL_BIT = 0x10;

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
    if (field !== 'id' && Object.hasOwn(BIT, field)) mask |= BIT[field as DiffField];
  }
  return mask;
}

function push(
  out: FieldChange[] | undefined,
  field: EmployeeField,
  before: unknown,
  after: unknown,
): FieldChange[] {
  const change: FieldChange = { field, before, after };
  if (out === undefined) return [change];
  out.push(change);
  return out;
}

/**
 * The fields of `mask` that differ between the host's record and the source's employee, in schema order, or
 * `undefined` when none does. With `dropManager`, the source's `managerId` counts as absent (a broken manager line
 * is synced without a manager).
 *
 * @internal
 */
export function diffEmployee(
  e: Employee,
  h: CurrentRecord,
  mask: number,
  dropManager: boolean,
): FieldChange[] | undefined {
  let out: FieldChange[] | undefined;
  if (mask & 0x1 && !samePlain(h.employeeNumber, e.employeeNumber))
    out = push(out, 'employeeNumber', h.employeeNumber, e.employeeNumber);
  if (mask & 0x2 && !samePlain(h.firstName, e.firstName))
    out = push(out, 'firstName', h.firstName, e.firstName);
  if (mask & 0x4 && !samePlain(h.lastName, e.lastName)) out = push(out, 'lastName', h.lastName, e.lastName);
  if (mask & 0x8 && !samePlain(h.preferredName, e.preferredName))
    out = push(out, 'preferredName', h.preferredName, e.preferredName);
  if (mask & 0x10 && !sameEmail(h.workEmail, e.workEmail))
    out = push(out, 'workEmail', h.workEmail, e.workEmail);
  if (mask & 0x20 && !sameEmail(h.personalEmail, e.personalEmail))
    out = push(out, 'personalEmail', h.personalEmail, e.personalEmail);
  if (mask & 0x40 && !samePlain(h.workPhone, e.workPhone))
    out = push(out, 'workPhone', h.workPhone, e.workPhone);
  if (mask & 0x80 && !samePlain(h.title, e.title)) out = push(out, 'title', h.title, e.title);
  if (mask & 0x100 && !sameRef(h.department, e.department))
    out = push(out, 'department', h.department, e.department);
  if (mask & 0x200 && !sameRef(h.location, e.location)) out = push(out, 'location', h.location, e.location);
  if (mask & 0x400 && !sameRef(h.organization, e.organization))
    out = push(out, 'organization', h.organization, e.organization);
  if (mask & 0x800 && !sameRefs(h.teams, e.teams)) out = push(out, 'teams', h.teams, e.teams);
  if (mask & 0x1000) {
    const after = dropManager ? undefined : e.managerId;
    if (!samePlain(h.managerId, after)) out = push(out, 'managerId', h.managerId, after);
  }
  if (mask & 0x2000 && !samePlain(h.employmentStatus, e.employmentStatus))
    out = push(out, 'employmentStatus', h.employmentStatus, e.employmentStatus);
  if (mask & 0x4000 && !samePlain(h.employmentType, e.employmentType))
    out = push(out, 'employmentType', h.employmentType, e.employmentType);
  if (mask & 0x8000 && !samePlain(h.startDate, e.startDate))
    out = push(out, 'startDate', h.startDate, e.startDate);
  if (mask & 0x10000 && !samePlain(h.endDate, e.endDate)) out = push(out, 'endDate', h.endDate, e.endDate);
  if (mask & 0x20000 && !samePlain(h.timezone, e.timezone))
    out = push(out, 'timezone', h.timezone, e.timezone);
  if (mask & 0x40000 && !sameCustom(h.custom, e.custom)) out = push(out, 'custom', h.custom, e.custom);
  return out;
}
