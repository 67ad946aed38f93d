import {
  createIssue,
  type EmploymentStatus,
  type EmploymentType,
  type SourceInfo,
  type SourceRecord,
  toEmployee,
} from '@hrsync/core';
import { AcmeEmployeeSchema } from './acme-wire.ts';

/**
 * The source as issues and errors name it: the display name is what fix texts say ("In Acme People, ensure …").
 *
 * @example
 * ```ts
 * createIssue('LOCATION_MISSING_NAME', ACME_SOURCE, { message: 'Office o_7 has no name.' });
 * ```
 */
export const ACME_SOURCE: SourceInfo = Object.freeze({ id: 'acme', displayName: 'Acme People' });

// Acme's words for the canonical statuses and types. Anything else is left for toEmployee() to report
// (EMPLOYEE_UNKNOWN_STATUS) or to drop (an unknown type), never guessed.
const STATUS: Record<string, EmploymentStatus> = {
  active: 'active',
  on_leave: 'leave',
  onboarding: 'pending',
  offboarded: 'terminated',
};
const CONTRACT: Record<string, EmploymentType> = {
  FULL_TIME: 'full_time',
  PART_TIME: 'part_time',
  CONTRACTOR: 'contractor',
  TEMP: 'temporary',
  INTERN: 'intern',
  OTHER: 'other',
};

/**
 * Maps one record of Acme People's wire format to a canonical employee, or to the issues that explain why it cannot
 * sync. Pure: no I/O, so it is table-tested from fixtures.
 *
 * @example
 * ```ts
 * const record = mapAcmeEmployee({ id: 'emp_1', first_name: 'Ada', last_name: 'Lovelace', email: 'ADA@acme.test', status: 'active' });
 * // { type: 'employee', employee: { id: 'emp_1', workEmail: 'ada@acme.test', … }, issues: [] }
 * ```
 */
export function mapAcmeEmployee(wire: unknown): SourceRecord[] {
  const parsed = AcmeEmployeeSchema.safeParse(wire);
  if (!parsed.success) {
    const id = (wire as { id?: unknown } | null)?.id;
    const issue = createIssue('UNKNOWN', ACME_SOURCE, {
      message: 'Acme People sent an employee record that is not in the expected shape.',
      ...(typeof id === 'string' ? { recordId: id } : {}),
    });
    return [{ type: 'issue', issue }];
  }
  const e = parsed.data;
  const result = toEmployee(
    {
      id: e.id,
      employeeNumber: e.employee_number,
      firstName: e.first_name,
      lastName: e.last_name,
      preferredName: e.nickname,
      workEmail: e.email,
      workPhone: e.phone,
      title: e.job_title,
      department: e.department,
      location: e.office,
      managerId: e.manager_id,
      employmentStatus: (e.status && STATUS[e.status]) ?? e.status,
      employmentType: e.contract ? CONTRACT[e.contract] : undefined,
      startDate: e.start_date,
      endDate: e.end_date,
    },
    { source: ACME_SOURCE, phoneRegion: 'US' },
  );
  if (result.ok) return [{ type: 'employee', employee: result.employee, issues: result.issues }];
  // One record can break several rules (no last name and no email): one issue record each.
  return result.issues.map((issue) => ({ type: 'issue', issue }));
}
