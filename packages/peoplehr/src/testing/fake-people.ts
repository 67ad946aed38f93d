/**
 * The fake's people: how they are stored, seeded, and rendered in People HR's wire shape.
 *
 * @module
 */
import type { Employee } from '@hrsync/core';

/**
 * A person as a test seeds or changes it in the fake People HR, in People HR's own terms. Everything but
 * `employeeId` is optional; a missing value is served as `""`, as People HR does.
 *
 * @example
 * ```ts
 * const person: PeopleHrFakePerson = {
 *   employeeId: 'PW21',
 *   firstName: 'Ada',
 *   lastName: 'Lovelace',
 *   email: 'ada@northwind.example',
 *   jobRole: 'Analyst',
 *   department: 'Research',
 *   location: 'Head Office',
 *   reportsTo: 'PW1',
 *   startDate: '2024-09-02',
 * };
 * ```
 */
export interface PeopleHrFakePerson {
  /** People HR's human-facing id (`PW21`). */
  employeeId: string;
  /** The stable GUID; derived from `employeeId` when missing. */
  uniqueKey?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  /** The preferred name. */
  knownAs?: string | undefined;
  /** The work email (`EmailId`). */
  email?: string | undefined;
  jobRole?: string | undefined;
  department?: string | undefined;
  location?: string | undefined;
  company?: string | undefined;
  /** The manager's `employeeId`. */
  reportsTo?: string | undefined;
  /** `YYYY-MM-DD`. */
  startDate?: string | undefined;
  /** `YYYY-MM-DD`; a past date makes the person a leaver. */
  leavingDate?: string | undefined;
  reasonForLeaving?: string | undefined;
  /** As an admin would type it (`020 7946 0958`). */
  workPhone?: string | undefined;
}

/**
 * A stored person: every field present, the manager held by unique key so renames follow.
 *
 * @example
 * ```ts
 * const stored: StoredPerson = storePerson({ employeeId: 'PW21', firstName: 'Ada' }, 'Northwind');
 * ```
 */
export interface StoredPerson {
  uniqueKey: string;
  employeeId: string;
  firstName: string;
  lastName: string;
  knownAs: string;
  email: string;
  jobRole: string;
  department: string;
  location: string;
  company: string;
  managerKey: string;
  startDate: string;
  leavingDate: string;
  reasonForLeaving: string;
  workPhone: string;
}

/**
 * A People HR-looking GUID derived from a string (FNV-1a, spread over 128 bits): stable across runs.
 *
 * @example
 * ```ts
 * fakeUniqueKey('PW21'); // the same GUID-shaped key on every run
 * ```
 */
export function fakeUniqueKey(seed: string): string {
  const words: number[] = [];
  for (let round = 0; round < 4; round++) {
    let hash = 0x811c9dc5 ^ round;
    for (let i = 0; i < seed.length; i++) {
      hash ^= seed.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    hash ^= hash >>> 13;
    hash = Math.imul(hash, 0x5bd1e995) >>> 0;
    words.push(hash >>> 0);
  }
  const hex = words.map((w) => w.toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Number.parseInt(hex[16] ?? '0', 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Stores a seeded person; the manager is linked later, once every person is known.
 *
 * @example
 * ```ts
 * const stored = storePerson({ employeeId: 'PW21', firstName: 'Ada' }, 'Northwind');
 * stored.lastName; // ''
 * ```
 */
export function storePerson(person: PeopleHrFakePerson, defaultCompany: string): StoredPerson {
  return {
    uniqueKey: person.uniqueKey ?? fakeUniqueKey(person.employeeId),
    employeeId: person.employeeId,
    firstName: person.firstName ?? '',
    lastName: person.lastName ?? '',
    knownAs: person.knownAs ?? '',
    email: person.email ?? '',
    jobRole: person.jobRole ?? '',
    department: person.department ?? '',
    location: person.location ?? '',
    company: person.company ?? defaultCompany,
    managerKey: '',
    startDate: person.startDate ?? '',
    leavingDate: person.leavingDate ?? '',
    reasonForLeaving: person.reasonForLeaving ?? '',
    workPhone: person.workPhone ?? '',
  };
}

/**
 * Reads a canonical roster (for example `generateRoster().employees` from `@hrsync/testkit`) as People HR people:
 * `id` becomes the `UniqueKey`, `employeeNumber` the `EmployeeId` (or `PW<n>`), a `terminated` person gets a leaving
 * date (their `endDate`, or the day before `today`). People HR has no "pending" or "on leave" status: such people
 * are served as plain employees, as People HR would.
 *
 * @example
 * ```ts
 * const { people, managers } = peopleFromRoster(generateRoster({ seed: 1, size: 20 }).employees, '2025-01-01');
 * ```
 */
export function peopleFromRoster(
  roster: readonly Employee[],
  today: string,
): { people: PeopleHrFakePerson[]; managers: Map<string, string> } {
  const managers = new Map<string, string>();
  const numberOf = new Map<string, string>();
  const people = roster.map((employee, index) => {
    const employeeId = employee.employeeNumber ?? `PW${index + 1}`;
    numberOf.set(employee.id, employeeId);
    const leaving =
      employee.employmentStatus === 'terminated'
        ? (employee.endDate ?? previousDay(today))
        : employee.endDate;
    if (employee.managerId !== undefined) managers.set(employee.id, employee.managerId);
    return {
      employeeId,
      uniqueKey: employee.id,
      firstName: employee.firstName,
      lastName: employee.lastName,
      knownAs: employee.preferredName,
      email: employee.workEmail,
      jobRole: employee.title,
      department: employee.department?.name,
      location: employee.location?.name,
      company: employee.organization?.name,
      startDate: employee.startDate,
      leavingDate: leaving,
      workPhone: employee.workPhone,
    } satisfies PeopleHrFakePerson;
  });
  // Managers by EmployeeId, as People HR names them; a manager outside the roster keeps its raw id.
  for (const [id, managerId] of managers) managers.set(id, numberOf.get(managerId) ?? managerId);
  return { people, managers };
}

function previousDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const dv = (value: string, history: string | null = 'FieldHistory') =>
  history === null ? { DisplayValue: value } : { DisplayValue: value, [history]: [] };

/**
 * Renders a stored person the way `GetAllEmployeeDetail` and `GetEmployeeDetailById` send it: every field a
 * `{ DisplayValue }` object with its history array, except the plain strings `LeavingDate`, `ReasonForLeaving`,
 * `EmployeeImage`, the API columns and `UniqueKey`; `""` for every empty value.
 *
 * @example
 * ```ts
 * const wire = renderPerson(stored, undefined);
 * wire.LeavingDate; // a plain string
 * ```
 */
export function renderPerson(
  person: StoredPerson,
  manager: StoredPerson | undefined,
): Record<string, unknown> {
  const managerName = manager ? `${manager.firstName} ${manager.lastName}`.trim() : '';
  return {
    EmployeeId: dv(person.employeeId),
    Title: dv(''),
    FirstName: dv(person.firstName),
    LastName: dv(person.lastName),
    OtherName: dv(''),
    KnownAs: dv(person.knownAs),
    EmailId: dv(person.email),
    StartDate: dv(person.startDate),
    DateOfBirth: dv(''),
    JobRole: dv(person.jobRole, 'FieldHistoryForJobRole'),
    Company: dv(person.company, 'FieldHistoryForEffectiveDate'),
    CompanyEffectiveDate: dv('', null),
    Location: dv(person.location, 'FieldHistoryForEffectiveDate'),
    LocationEffectiveDate: dv('', null),
    Department: dv(person.department, 'FieldHistoryForEffectiveDate'),
    DepartmentEffectiveDate: dv('', null),
    JobRoleChangeDate: dv(person.startDate, null),
    ReportsTo: dv(managerName, 'FieldHistoryForEffectiveDate'),
    ReportsToEffectiveDate: dv('', null),
    ReportsToEmployeeId: dv(manager?.employeeId ?? '', null),
    ReportsToEmailAddress: dv(manager?.email ?? '', null),
    EmploymentType: dv('', 'FieldHistoryForEffectiveDate'),
    EmployeeStatus: dv('1', null),
    ProbationEndDate: dv(''),
    Gender: dv(''),
    ContactDetail: {
      Address: dv(''),
      WorkPhoneNumber: dv(person.workPhone),
      PersonalPhoneNumber: dv(''),
      PersonalEmail: dv(''),
      Mobile: dv(''),
    },
    OtherContact: [],
    RightToWork: [],
    BackgroundDetail: [],
    BankDetail: { BankName: dv('') },
    EmploymentDetail: { PayrollID: dv(''), ATSID: dv('') },
    LeavingDate: person.leavingDate,
    ReasonForLeaving: person.reasonForLeaving,
    EmployeeImage: '',
    APIColumn1: '',
    APIColumn2: '',
    APIColumn3: '',
    APIColumn4: '',
    APIColumn5: '',
    AdditionalreportsTo: [],
    UniqueKey: person.uniqueKey,
    lstFieldHistoryJobrole: null,
  };
}

/**
 * The fake's default company: a small, valid roster with a manager tree, a past leaver and a future leaver.
 *
 * @example
 * ```ts
 * createPeopleHrFake({ people: [...DEFAULT_FAKE_PEOPLE, { employeeId: 'PW9', firstName: 'Extra' }] });
 * ```
 */
export const DEFAULT_FAKE_PEOPLE: readonly PeopleHrFakePerson[] = Object.freeze([
  {
    employeeId: 'PW1',
    firstName: 'Armen',
    lastName: 'Tamzarian',
    email: 'armen.tamzarian@northwind.example',
    jobRole: 'Chief Executive Officer',
    department: 'Leadership',
    location: 'Head Office',
    startDate: '2019-03-04',
    workPhone: '020 7946 0958',
  },
  {
    employeeId: 'PW2',
    uniqueKey: '24454418-4f5c-458d-91d8-394f9fc45eed',
    firstName: 'Cormac',
    lastName: 'McCarthy',
    email: 'cormac.mccarthy@northwind.example',
    jobRole: 'Frontend Developer',
    department: 'Development',
    location: 'Head Office',
    reportsTo: 'PW1',
    startDate: '2023-07-02',
  },
  {
    employeeId: 'PW3',
    firstName: 'Isobel',
    lastName: 'Hartley',
    email: 'isobel.hartley@northwind.example',
    jobRole: 'Payroll Officer',
    department: 'Finance',
    location: 'Manchester',
    reportsTo: 'PW1',
    startDate: '2021-01-11',
    leavingDate: '2024-03-29',
    reasonForLeaving: 'Resignation',
  },
  {
    employeeId: 'S20',
    firstName: 'Priya',
    lastName: 'Nair',
    knownAs: 'Pree',
    email: 'priya.nair@northwind.example',
    jobRole: 'Support Lead',
    department: 'Customer Support',
    location: 'Manchester',
    reportsTo: 'PW1',
    startDate: '2022-09-05',
    leavingDate: '2099-12-31',
    reasonForLeaving: 'Retirement',
  },
  {
    employeeId: 'PW4',
    firstName: 'Oluwaseun',
    lastName: 'Adeyemi',
    email: 'seun.adeyemi@northwind.example',
    jobRole: 'Backend Developer',
    department: 'Development',
    location: 'Leeds',
    reportsTo: 'PW2',
    startDate: '2024-01-15',
    workPhone: '0113 496 0123',
  },
]);
