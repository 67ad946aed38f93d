import type { Employee, EmploymentType, OrgUnit } from '@hrsync/core';

/** Which `employmentInfo` shape to render: TriNet's default basic view, or the all view (`viewType=All`).
 *
 * @example
 * ```ts
 * const view: TrinetView = 'basic';
 * createTrinetFake({ employees, view }); // always the flat employmentInfo
 * ```
 */
export type TrinetView = 'basic' | 'all';

/** Options of {@link renderTrinetEmployee}.
 *
 * @example
 * ```ts
 * renderTrinetEmployee(employee, { view: 'all', managerName: 'Grace Hopper' });
 * ```
 */
export interface RenderTrinetEmployeeOptions {
  /** The view to render; default `'all'`. */
  view?: TrinetView | undefined;
  /** The manager's display name (`supervisorName`), when known. */
  managerName?: string | undefined;
}

const STATUS_CODE: Record<Employee['employmentStatus'], string> = {
  active: 'A',
  // TriNet has no "pending" code: early hires show as active with a future service date.
  pending: 'A',
  leave: 'L',
  terminated: 'T',
};

// employeeType / regularTemporary pairs; see inferTrinetEmploymentType for the reading side.
const TYPE_CODES: Record<EmploymentType, { employeeType: string | null; regularTemporary: string }> = {
  full_time: { employeeType: 'F', regularTemporary: 'R' },
  part_time: { employeeType: 'P', regularTemporary: 'R' },
  temporary: { employeeType: 'F', regularTemporary: 'T' },
  contractor: { employeeType: 'Contractor', regularTemporary: 'R' },
  intern: { employeeType: 'Intern', regularTemporary: 'R' },
  other: { employeeType: 'Other', regularTemporary: 'R' },
};

// US numbers the way TriNet's screens show them (415-555-2671); anything else as stored.
function renderPhone(phone: string | undefined): string | null {
  if (phone === undefined) return null;
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phone);
  return us ? `${us[1]}-${us[2]}-${us[3]}` : phone;
}

function name(nameType: 'PRI' | 'PRF', firstName: string, lastName: string, effectiveDate: string | null) {
  return {
    nameType,
    firstName,
    lastName,
    middleName: null,
    suffix: null,
    formOfAddress: null,
    nameFormat: 'ENG',
    personTitle: null,
    effectiveDate,
    uniqueId: null,
    reasonChangeCode: null,
  };
}

/**
 * Renders a canonical employee as a record of TriNet's `data.employeeData`, in the basic or the all view: the
 * inverse of the adapter's mapping, used by the fake to serve a roster (for example one from the testkit's
 * `generateRoster`). Values are rendered as they are, so a deliberately broken employee (an empty last name, an
 * email without `@`) is served broken. `pending` is rendered as TriNet shows an early hire: status `A` with a future
 * `serviceDate`.
 *
 * @example
 * ```ts
 * const record = renderTrinetEmployee(
 *   { id: '00001234', firstName: 'Ada', lastName: 'Lovelace', workEmail: 'ada@example.com', employmentStatus: 'active' },
 *   { view: 'all' },
 * );
 * record.names[0]?.nameType; // 'PRI'
 * ```
 */
export function renderTrinetEmployee(employee: Employee, options: RenderTrinetEmployeeOptions = {}) {
  const view = options.view ?? 'all';
  const since = employee.startDate ?? null;
  const names = [name('PRI', employee.firstName, employee.lastName, since)];
  if (employee.preferredName !== undefined) {
    names.push(name('PRF', employee.preferredName, employee.lastName, since));
  }
  const type = employee.employmentType === undefined ? undefined : TYPE_CODES[employee.employmentType];
  const common = {
    effectiveDate: since,
    serviceDate: since,
    employmentStatus: STATUS_CODE[employee.employmentStatus] ?? String(employee.employmentStatus),
    employeeType: type?.employeeType ?? null,
    businessTitle: employee.title ?? null,
    jobCode: null,
    flsaCode: null,
    payGroup: null,
    workEmail: employee.workEmail,
    workPhone: renderPhone(employee.workPhone),
    eventCode: employee.employmentStatus === 'terminated' ? 'TER' : 'HIR',
    eventDesc: employee.employmentStatus === 'terminated' ? 'Termination' : 'Hire',
    reasonCode: null,
    reasonDesc: null,
  };
  const employmentInfo =
    view === 'all'
      ? {
          ...common,
          terminationDate: employee.endDate ?? null,
          regularTemporary: type?.regularTemporary ?? null,
          standardHours: employee.employmentType === 'part_time' ? '20' : '40',
          customGroupA: null,
          customGroupB: null,
          workersCompCode: null,
          location: employee.location
            ? {
                locationId: employee.location.id ?? null,
                locationName: employee.location.name,
                headquarter: 'N',
                phone: null,
                shortDesc: null,
                officeHours: null,
                effectiveDate: null,
              }
            : null,
          department: employee.department
            ? { deptId: employee.department.id ?? null, deptName: employee.department.name }
            : null,
          supervisor:
            employee.managerId !== undefined
              ? { supervisorId: employee.managerId, supervisorName: options.managerName ?? null }
              : null,
        }
      : {
          ...common,
          supervisorId: employee.managerId ?? null,
          supervisorName: employee.managerId !== undefined ? (options.managerName ?? null) : null,
          departmentId: employee.department?.id ?? null,
          locationId: employee.location?.id ?? null,
          temporaryIndicator: employee.employmentType === 'temporary' ? 'Y' : 'N',
          standardhours: employee.employmentType === 'part_time' ? '20' : '40',
          groupA: null,
          groupB: null,
        };
  return {
    employeeId: employee.id,
    alternateId: employee.employeeNumber ?? null,
    names,
    employmentInfo,
    employeePhoto: null,
  };
}

/**
 * Renders a department as `/departments` lists it (`{ deptId, deptName }`; a missing name is `null`).
 *
 * @example
 * ```ts
 * renderTrinetDepartment({ id: '100', name: 'Engineering' }); // { deptId: '100', deptName: 'Engineering' }
 * ```
 */
export function renderTrinetDepartment(unit: OrgUnit): { deptId: string; deptName: string | null } {
  return { deptId: unit.id, deptName: unit.name ?? null };
}

/**
 * Renders a location as `/locations` lists it (`{ locationId, locationName, headquarter, ... }`).
 *
 * @example
 * ```ts
 * renderTrinetLocation({ id: 'SF1', name: 'San Francisco' }).locationName; // 'San Francisco'
 * ```
 */
export function renderTrinetLocation(unit: OrgUnit) {
  return {
    locationId: unit.id,
    locationName: unit.name ?? null,
    headquarter: 'N',
    phone: null,
    shortDesc: null,
    officeHours: null,
    effectiveDate: null,
  };
}
