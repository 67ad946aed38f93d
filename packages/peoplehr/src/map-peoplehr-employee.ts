/**
 * Pure mapping from People HR's wire records to the canonical `Employee` (no I/O).
 *
 * @module
 */
import {
  createIssue,
  type Employee,
  type EmploymentStatus,
  normalizeDate,
  type RawEmployee,
  type SyncIssue,
  toEmployee,
} from '@hrsync/core';
import { PEOPLEHR_DEFAULT_TIME_ZONE, PEOPLEHR_SOURCE } from './peoplehr-info.ts';
import { type PeopleHrEmployee, PeopleHrEmployeeSchema } from './peoplehr-wire.ts';

/**
 * Options of {@link mapPeopleHrEmployee}.
 *
 * @example
 * ```ts
 * mapPeopleHrEmployee(record, { now: new Date('2024-06-01'), timeZone: 'Europe/London', index: 3 });
 * ```
 */
export interface MapPeopleHrEmployeeOptions {
  /** The reference time for leaving dates; default: now. */
  now?: Date | undefined;
  /** The time zone in which "today" is taken for leaving dates; default `'Europe/London'`. */
  timeZone?: string | undefined;
  /** The record's position in the answer, named in issues when the record has no ids at all. */
  index?: number | undefined;
}

/**
 * The outcome of {@link mapPeopleHrEmployee}. A valid employee carries `managerEmployeeId`: People HR names the
 * manager by their `EmployeeId`, and only a read of the whole roster (or a second look-up) can turn that into the
 * manager's `UniqueKey`, which is what `Employee.managerId` holds. {@link resolvePeopleHrManagers} does that.
 *
 * @example
 * ```ts
 * const mapped: PeopleHrMappedEmployee = mapPeopleHrEmployee(record);
 * if (mapped.ok) console.log(mapped.employee.id, mapped.managerEmployeeId);
 * else console.log(mapped.issues.map((i) => i.code));
 * ```
 */
export type PeopleHrMappedEmployee =
  | {
      ok: true;
      employee: Employee;
      /** Warnings: fields dropped. */
      issues: SyncIssue[];
      /** The manager's People HR `EmployeeId` (`ReportsToEmployeeId`), still to be resolved to a unique key. */
      managerEmployeeId?: string | undefined;
    }
  | {
      ok: false;
      /** Why the person cannot sync. */
      issues: SyncIssue[];
      /** The person's `UniqueKey`, when the record has one. */
      uniqueKey?: string | undefined;
      /** The person's `EmployeeId`, when the record has one. */
      employeeNumber?: string | undefined;
    };

/**
 * Reads a `{ DisplayValue }` field (or a plain value) as trimmed text; `""`, white space, `null` and a missing field
 * are all "absent" (`undefined`): People HR sends `""` for every empty value.
 *
 * @example
 * ```ts
 * peopleHrText({ DisplayValue: ' PW2 ', FieldHistory: [] }); // 'PW2'
 * peopleHrText({ DisplayValue: '' }); // undefined
 * peopleHrText('2024-05-31'); // '2024-05-31' (LeavingDate is a plain string)
 * ```
 */
export function peopleHrText(value: unknown): string | undefined {
  const raw =
    value !== null && typeof value === 'object' && 'DisplayValue' in value
      ? (value as { DisplayValue?: unknown }).DisplayValue
      : value;
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = String(raw).trim();
  return text === '' ? undefined : text;
}

/**
 * Today's calendar date (`YYYY-MM-DD`) in a time zone.
 *
 * @example
 * ```ts
 * todayIn(new Date('2024-05-31T23:30:00Z'), 'Europe/London'); // '2024-06-01' (BST)
 * ```
 */
export function todayIn(now: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * Maps one record of `GetAllEmployeeDetail` / `GetEmployeeDetailById` to an `Employee`, or to the issues that
 * explain why it cannot sync.
 *
 * - `UniqueKey` → `id` (stable: `EmployeeId` can be renamed), `EmployeeId` → `employeeNumber`;
 * - `FirstName`, `LastName`, `EmailId` (work email) are required: a person missing one is skipped with
 *   `EMPLOYEE_MISSING_REQUIRED_FIELD` and a People HR fix text;
 * - `KnownAs` → `preferredName`, `JobRole` → `title`, `Department` → `department`, `Location` → `location`,
 *   `StartDate` → `startDate`, `ContactDetail.WorkPhoneNumber` → `workPhone` (UK numbers without a country code);
 * - `LeavingDate` (a plain string) → `endDate`, and the status: `terminated` once the date is past (in London),
 *   `active` before and on the day;
 * - `ReportsToEmployeeId` is returned as `managerEmployeeId`, for {@link resolvePeopleHrManagers}.
 *
 * @example
 * ```ts
 * const mapped = mapPeopleHrEmployee(body.Result[0], { now: new Date('2024-06-01') });
 * if (mapped.ok) mapped.employee.id; // '24454418-4f5c-458d-91d8-394f9fc45eed'
 * else mapped.issues[0]?.code; // 'EMPLOYEE_MISSING_REQUIRED_FIELD'
 * ```
 */
export function mapPeopleHrEmployee(
  record: unknown,
  options: MapPeopleHrEmployeeOptions = {},
): PeopleHrMappedEmployee {
  const parsed = PeopleHrEmployeeSchema.safeParse(record);
  if (!parsed.success) {
    const at = options.index === undefined ? '' : ` at position ${options.index + 1}`;
    const first = parsed.error.issues[0];
    return {
      ok: false,
      issues: [
        createIssue('UNKNOWN', PEOPLEHR_SOURCE, {
          entity: 'employee',
          field: first ? String(first.path[0] ?? 'record') : 'record',
          message: `The People HR record${at} is not an employee record (${first?.message ?? 'unreadable'}).`,
        }),
      ],
    };
  }
  const wire: PeopleHrEmployee = parsed.data;
  const uniqueKey = peopleHrText(wire.UniqueKey);
  const employeeNumber = peopleHrText(wire.EmployeeId);
  const leavingDate = peopleHrText(wire.LeavingDate);

  const raw: RawEmployee = {
    id: uniqueKey,
    employeeNumber,
    firstName: peopleHrText(wire.FirstName),
    lastName: peopleHrText(wire.LastName),
    preferredName: peopleHrText(wire.KnownAs),
    workEmail: peopleHrText(wire.EmailId),
    workPhone: peopleHrText(wire.ContactDetail?.WorkPhoneNumber),
    title: peopleHrText(wire.JobRole),
    department: { name: peopleHrText(wire.Department) },
    location: { name: peopleHrText(wire.Location) },
    employmentStatus: statusFor(leavingDate, options),
    startDate: peopleHrText(wire.StartDate),
    endDate: leavingDate,
  };
  const recordId =
    uniqueKey ?? employeeNumber ?? (options.index === undefined ? undefined : `#${options.index + 1}`);
  const result = toEmployee(raw, {
    source: PEOPLEHR_SOURCE,
    phoneRegion: 'GB',
    missingNameCode: 'EMPLOYEE_MISSING_REQUIRED_FIELD',
    recordId,
  });
  // Admins know people by their People HR employee id (PW2), not by the unique key: name it in every message.
  const label = employeeNumber === undefined ? undefined : `Employee ${employeeNumber}`;
  const issues = label
    ? result.issues.map((i) => ({ ...i, message: `${label}: ${i.message}` }))
    : result.issues;
  if (!result.ok) {
    return {
      ok: false,
      issues,
      ...(uniqueKey === undefined ? {} : { uniqueKey }),
      ...(employeeNumber === undefined ? {} : { employeeNumber }),
    };
  }
  const managerEmployeeId = peopleHrText(wire.ReportsToEmployeeId);
  return {
    ok: true,
    employee: result.employee,
    issues,
    ...(managerEmployeeId === undefined ? {} : { managerEmployeeId }),
  };
}

function statusFor(leavingDate: string | undefined, options: MapPeopleHrEmployeeOptions): EmploymentStatus {
  const date = normalizeDate(leavingDate);
  // An unreadable leaving date is dropped with a warning by toEmployee; the person stays active rather than being
  // archived on a guess.
  if (!date.ok || date.value === undefined) return 'active';
  const today = todayIn(options.now ?? new Date(), options.timeZone ?? PEOPLEHR_DEFAULT_TIME_ZONE);
  // The leaving date is the last day employed: the person has left once it is over.
  return date.value < today ? 'terminated' : 'active';
}

/**
 * Turns each mapped person's `managerEmployeeId` (People HR's `ReportsToEmployeeId`) into `employee.managerId`, the
 * manager's `UniqueKey`, using a directory of `EmployeeId` → `UniqueKey` (built from the whole roster, skipped
 * people included, so that a manager who was skipped is still named and the plan engine reports it). A manager
 * the directory does not know is left out with a `MANAGER_NOT_FOUND` warning. Returns new objects; pure.
 *
 * @example
 * ```ts
 * const directory = new Map([['PW1', '0b0c...']]);
 * const [resolved] = resolvePeopleHrManagers([mapped], directory);
 * resolved.employee.managerId; // '0b0c...'
 * ```
 */
export function resolvePeopleHrManagers(
  mapped: readonly Extract<PeopleHrMappedEmployee, { ok: true }>[],
  directory: ReadonlyMap<string, string>,
): { employee: Employee; issues: SyncIssue[] }[] {
  return mapped.map((m) => {
    const employee: Employee = { ...m.employee };
    delete employee.managerId;
    const issues = [...m.issues];
    if (m.managerEmployeeId !== undefined) {
      const managerKey = directory.get(m.managerEmployeeId);
      if (managerKey === undefined) {
        issues.push(
          createIssue('MANAGER_NOT_FOUND', PEOPLEHR_SOURCE, {
            entity: 'manager',
            recordId: employee.id,
            field: 'managerId',
            message: `Employee ${employee.employeeNumber ?? employee.id}: the manager ${m.managerEmployeeId} is not in People HR; they sync without a manager.`,
          }),
        );
      } else {
        employee.managerId = managerKey;
      }
    }
    return { employee, issues };
  });
}
