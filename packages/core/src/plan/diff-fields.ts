import type { EmployeeField } from '../model/employee.ts';

/**
 * The fields a plan compares, in schema order: every {@link EmployeeField} but `id`. A field's index here is its bit
 * in a field mask and its slot (after the ids) in the plan's rows.
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

/** A field the plan compares. @internal */
export type DiffField = (typeof DIFF_FIELDS)[number];

// Compile-time proof that DIFF_FIELDS covers every field but `id`: adding a field to the schema fails here.
type MissingDiffField = Exclude<Exclude<EmployeeField, 'id'>, DiffField>;
const coversEveryField: [MissingDiffField] extends [never] ? true : false = true;
void coversEveryField;
