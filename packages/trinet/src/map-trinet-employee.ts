/**
 * Pure mapping of TriNet's wire records into canonical employees and org units: no I/O, table-tested from
 * fixtures. What is inferred rather than verified about TriNet is marked [I].
 *
 * @module
 */
import {
  createIssue,
  type EmploymentStatus,
  type EmploymentType,
  normalizeDate,
  normalizeName,
  type OrgUnit,
  type RawEmployee,
  type SyncIssue,
  type ToEmployeeResult,
  toEmployee,
} from '@hrsync/core';
import type { z } from 'zod';
import { TRINET_SOURCE } from './trinet-info.ts';
import {
  TrinetDepartmentSchema,
  type TrinetEmployee,
  TrinetEmployeeSchema,
  type TrinetEmploymentInfo,
  TrinetLocationSchema,
  type TrinetName,
} from './trinet-wire.ts';

/**
 * TriNet's `employmentStatus` codes and the canonical status each becomes. The codes (`A#D#L#P#S#T#U`) are TriNet's;
 * the meanings are [I] PeopleSoft's HR status codes: A Active, D Deceased, L Leave of absence, P Leave with pay,
 * S Suspended, T Terminated, U Terminated with pay.
 *
 * @example
 * ```ts
 * TRINET_EMPLOYMENT_STATUS.P; // 'leave'
 * ```
 */
export const TRINET_EMPLOYMENT_STATUS: Readonly<
  Record<'A' | 'D' | 'L' | 'P' | 'S' | 'T' | 'U', EmploymentStatus>
> = Object.freeze({
  A: 'active',
  D: 'terminated',
  L: 'leave',
  P: 'leave',
  S: 'leave',
  T: 'terminated',
  U: 'terminated',
});

/**
 * The canonical status of a TriNet `employmentStatus` code (trimmed, case-insensitive), or `undefined` for a code
 * outside `A#D#L#P#S#T#U`.
 *
 * @example
 * ```ts
 * mapTrinetStatus('t'); // 'terminated'
 * mapTrinetStatus('X'); // undefined
 * ```
 */
export function mapTrinetStatus(code: unknown): EmploymentStatus | undefined {
  if (typeof code !== 'string') return undefined;
  const key = code.trim().toUpperCase();
  return Object.hasOwn(TRINET_EMPLOYMENT_STATUS, key)
    ? TRINET_EMPLOYMENT_STATUS[key as keyof typeof TRINET_EMPLOYMENT_STATUS]
    : undefined;
}

const YES = new Set(['Y', 'YES', 'TRUE', 'T', '1']);

/**
 * The canonical employment type TriNet's fields suggest, or `undefined` when they say nothing usable. [I] TriNet
 * documents the field names, not their values; the codes follow PeopleSoft, which TriNet's status codes also follow:
 * - `regularTemporary: 'T'` (all view) or a yes-like `temporaryIndicator` (basic view) → `temporary`; this wins over
 *   full/part time, since a temporary contract is the fact a host acts on;
 * - `employeeType: 'F'` → `full_time`, `'P'` → `part_time`;
 * - spelled-out values (`'Full-Time'`, `'Part Time'`, `'Contractor'`, `'Intern'`, `'Temporary'`, `'Other'`) by their
 *   words;
 * - anything else (including PeopleSoft's salaried/hourly `S`/`H`/`E`, which are not contract types) → `undefined`.
 *
 * @example
 * ```ts
 * inferTrinetEmploymentType({ employeeType: 'F', regularTemporary: 'R' }); // 'full_time'
 * inferTrinetEmploymentType({ employeeType: 'F', regularTemporary: 'T' }); // 'temporary'
 * ```
 */
export function inferTrinetEmploymentType(info: {
  employeeType?: string | null | undefined;
  regularTemporary?: string | null | undefined;
  temporaryIndicator?: string | boolean | null | undefined;
}): EmploymentType | undefined {
  const regTemp = info.regularTemporary?.trim().toUpperCase();
  if (regTemp === 'T' || /^TEMP/.test(regTemp ?? '')) return 'temporary';
  const indicator = info.temporaryIndicator;
  if (indicator === true || (typeof indicator === 'string' && YES.has(indicator.trim().toUpperCase()))) {
    return 'temporary';
  }
  const type = info.employeeType?.trim().toUpperCase();
  if (!type) return undefined;
  if (type === 'F') return 'full_time';
  if (type === 'P') return 'part_time';
  const words = type.replace(/[^A-Z]/g, '');
  if (words.startsWith('FULL')) return 'full_time';
  if (words.startsWith('PART')) return 'part_time';
  if (words.startsWith('CONTRACT')) return 'contractor';
  if (words.startsWith('INTERN')) return 'intern';
  if (words.startsWith('TEMP')) return 'temporary';
  if (words === 'OTHER') return 'other';
  return undefined;
}

/**
 * Options of {@link mapTrinetEmployee}.
 *
 * @example
 * ```ts
 * mapTrinetEmployee(record, { departments: new Map([['100', 'Engineering']]), today: '2025-01-01' });
 * ```
 */
export interface MapTrinetEmployeeOptions {
  /**
   * Department names by `deptId`, from `/departments`. The basic view carries only `departmentId`, and the all
   * view may leave `deptName` empty: the name is looked up here.
   */
  departments?: ReadonlyMap<string, string> | undefined;
  /** Location names by `locationId`, from `/locations`, for the same reason. */
  locations?: ReadonlyMap<string, string> | undefined;
  /** The id to name in issues when the record has no `employeeId` (for example its position in the list). */
  recordId?: string | undefined;
  /**
   * Today, `YYYY-MM-DD`. When given, an active person whose `serviceDate` lies after it is `pending`: TriNet shows
   * exempt hires before their hire date ("early hire date") with status `A` [I]. Without it, `A` is always active.
   */
  today?: string | undefined;
}

function idText(value: string | number | null | undefined): string | undefined {
  return normalizeName(value ?? undefined);
}

function nameTypeOf(name: TrinetName): string | undefined {
  return name.nameType?.trim().toUpperCase() || undefined;
}

// Of several entries of a type (a name history), the one with the latest effective date; ties keep list order.
function latest(names: readonly TrinetName[]): TrinetName | undefined {
  let best: TrinetName | undefined;
  for (const name of names) {
    if (best === undefined || (name.effectiveDate ?? '') > (best.effectiveDate ?? '')) best = name;
  }
  return best;
}

/**
 * The primary and preferred names of `names[]`. `nameType` is compared case-insensitively ([I] TriNet sends
 * upper-case `PRI`/`PRF`; ChartHop compares lower case). Primary is the latest `PRI` entry, else the latest entry
 * without a type, else the latest `PRF` entry (a person whose only name is preferred still has a name). The
 * preferred name is the `PRF` entry's first name.
 */
function pickNames(names: readonly TrinetName[]): { primary?: TrinetName; preferred?: TrinetName } {
  const pri = latest(names.filter((n) => nameTypeOf(n) === 'PRI'));
  const prf = latest(names.filter((n) => nameTypeOf(n) === 'PRF'));
  const untyped = latest(names.filter((n) => nameTypeOf(n) === undefined));
  const primary = pri ?? untyped ?? prf;
  return { ...(primary ? { primary } : {}), ...(prf ? { preferred: prf } : {}) };
}

function orgRef(
  id: string | undefined,
  name: string | null | undefined,
  lookup: ReadonlyMap<string, string> | undefined,
): { id?: string; name?: string } | undefined {
  const ownName = normalizeName(name ?? undefined);
  const resolved = ownName ?? (id === undefined ? undefined : lookup?.get(id));
  if (id === undefined && resolved === undefined) return undefined;
  return { ...(id !== undefined ? { id } : {}), ...(resolved !== undefined ? { name: resolved } : {}) };
}

/**
 * Turns a parsed TriNet record into the raw input of `toEmployee` (before normalisation and validation). Exposed
 * for the fake and for tests; most callers want {@link mapTrinetEmployee}.
 *
 * @example
 * ```ts
 * const raw = toTrinetRawEmployee(TrinetEmployeeSchema.parse(record));
 * raw.managerId; // employmentInfo.supervisor.supervisorId, or the basic view's flat supervisorId
 * ```
 */
export function toTrinetRawEmployee(
  record: TrinetEmployee,
  options: MapTrinetEmployeeOptions = {},
): RawEmployee {
  const info: TrinetEmploymentInfo = record.employmentInfo ?? {};
  const { primary, preferred } = pickNames(record.names ?? []);
  const departmentId = idText(info.department?.deptId) ?? idText(info.departmentId);
  const locationId = idText(info.location?.locationId) ?? idText(info.locationId);
  return {
    id: idText(record.employeeId),
    employeeNumber: idText(record.alternateId),
    firstName: primary?.firstName,
    lastName: primary?.lastName,
    preferredName: preferred?.firstName,
    workEmail: info.workEmail,
    workPhone: info.workPhone,
    title: info.businessTitle,
    department: orgRef(departmentId, info.department?.deptName, options.departments),
    location: orgRef(locationId, info.location?.locationName, options.locations),
    managerId: idText(info.supervisor?.supervisorId) ?? idText(info.supervisorId),
    employmentStatus: pendingOrStatus(
      mapTrinetStatus(info.employmentStatus),
      info.serviceDate,
      options.today,
    ),
    employmentType: inferTrinetEmploymentType(info),
    startDate: info.serviceDate,
    endDate: info.terminationDate,
  };
}

function pendingOrStatus(
  status: EmploymentStatus | undefined,
  serviceDate: string | null | undefined,
  today: string | undefined,
): EmploymentStatus | undefined {
  if (status !== 'active' || today === undefined) return status;
  const start = normalizeDate(serviceDate);
  return start.ok && start.value !== undefined && start.value > today ? 'pending' : status;
}

function describeZodError(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'it does not match the TriNet employee format';
  const path = first.path.map(String).join('.');
  return path ? `${path}: ${first.message}` : first.message;
}

function peekEmployeeId(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const id = (record as { employeeId?: unknown }).employeeId;
  return typeof id === 'string' || typeof id === 'number' ? normalizeName(id) : undefined;
}

/**
 * Maps one record of TriNet's `data.employeeData` to a canonical employee, or to the issues that explain why it
 * cannot sync. Never throws: a record that is not a TriNet employee at all becomes an `UNKNOWN` issue.
 *
 * Field by field: `names[]` `PRI` → first/last name and `PRF` → preferred name; `alternateId` → employeeNumber;
 * `employmentInfo.workEmail` → workEmail; `workPhone` → workPhone (US numbers by default); `businessTitle` → title;
 * `department` / flat `departmentId` → department; `location` / flat `locationId` → location (site);
 * `supervisor.supervisorId` / flat `supervisorId` → managerId; `serviceDate` → startDate; `terminationDate` → endDate;
 * `employmentStatus` through {@link TRINET_EMPLOYMENT_STATUS} (any other value → `EMPLOYEE_UNKNOWN_STATUS`), and
 * `A` with a `serviceDate` after `options.today` → `pending`;
 * `employeeType`/`regularTemporary` → employmentType per {@link inferTrinetEmploymentType}. A missing first or last
 * name is `EMPLOYEE_INVALID_NAME`, as products that read TriNet report it.
 *
 * @example
 * ```ts
 * const result = mapTrinetEmployee({
 *   employeeId: '00001234',
 *   names: [{ nameType: 'PRI', firstName: 'Ada', lastName: 'Lovelace' }],
 *   employmentInfo: { employmentStatus: 'A', workEmail: 'Ada@Example.com' },
 * });
 * if (result.ok) result.employee.workEmail; // 'ada@example.com'
 * ```
 */
export function mapTrinetEmployee(record: unknown, options: MapTrinetEmployeeOptions = {}): ToEmployeeResult {
  const parsed = TrinetEmployeeSchema.safeParse(record);
  if (!parsed.success) {
    const recordId = peekEmployeeId(record) ?? options.recordId;
    return {
      ok: false,
      issues: [
        createIssue('UNKNOWN', TRINET_SOURCE, {
          entity: 'employee',
          recordId,
          message: `The TriNet employee record could not be read (${describeZodError(parsed.error)}).`,
        }),
      ],
    };
  }
  const raw = toTrinetRawEmployee(parsed.data, options);
  const result = toEmployee(raw, {
    source: TRINET_SOURCE,
    phoneRegion: 'US',
    missingNameCode: 'EMPLOYEE_INVALID_NAME',
    recordId: options.recordId,
  });
  if (result.ok || raw.employmentStatus !== undefined) return result;
  // toEmployee only sees `undefined`; say what TriNet actually sent.
  const sent = parsed.data.employmentInfo?.employmentStatus;
  const message =
    sent === null || sent === undefined || sent.trim() === ''
      ? 'The record has no TriNet employment status.'
      : `The TriNet employment status "${sent.trim().slice(0, 40)}" is not one of A, D, L, P, S, T, U.`;
  return {
    ok: false,
    issues: result.issues.map((issue) =>
      issue.code === 'EMPLOYEE_UNKNOWN_STATUS' ? { ...issue, message } : issue,
    ),
  };
}

type OrgUnitResult = { ok: true; unit: OrgUnit } | { ok: false; issue: SyncIssue };

function mapOrgUnit(
  record: unknown,
  kind: 'department' | 'location',
  read: (record: unknown) => { id?: unknown; name?: unknown } | undefined,
): OrgUnitResult {
  const fields = read(record);
  const label = kind === 'department' ? 'department' : 'location';
  const id = fields ? normalizeName(fields.id) : undefined;
  if (id === undefined) {
    return {
      ok: false,
      issue: createIssue('UNKNOWN', TRINET_SOURCE, {
        entity: kind,
        message: fields
          ? `A TriNet ${label} has no ${kind === 'department' ? 'deptId' : 'locationId'}; it was left out.`
          : `A TriNet ${label} record could not be read; it was left out.`,
        severity: 'warning',
      }),
    };
  }
  const name = normalizeName(fields?.name);
  // A missing name is not an issue here: the plan engine raises DEPARTMENT_/LOCATION_MISSING_NAME from the snapshot.
  return { ok: true, unit: name === undefined ? { id } : { id, name } };
}

/**
 * Maps one department of `/departments` (`{ deptId, deptName }`) to an org unit. A department without a name is
 * kept without one (the plan engine reports `DEPARTMENT_MISSING_NAME`); one without an id, or not an object at all,
 * becomes an `UNKNOWN` warning.
 *
 * @example
 * ```ts
 * mapTrinetDepartment({ deptId: '100', deptName: 'Engineering' }); // { ok: true, unit: { id: '100', name: 'Engineering' } }
 * ```
 */
export function mapTrinetDepartment(record: unknown): OrgUnitResult {
  return mapOrgUnit(record, 'department', (value) => {
    const parsed = TrinetDepartmentSchema.safeParse(value);
    return parsed.success ? { id: parsed.data.deptId, name: parsed.data.deptName } : undefined;
  });
}

/**
 * Maps one location of `/locations` (`{ locationId, locationName, ... }`) to an org unit, the same way as
 * {@link mapTrinetDepartment} (`LOCATION_MISSING_NAME` comes from the plan engine).
 *
 * @example
 * ```ts
 * mapTrinetLocation({ locationId: 'SF1', locationName: 'San Francisco' }); // { ok: true, unit: { id: 'SF1', name: 'San Francisco' } }
 * ```
 */
export function mapTrinetLocation(record: unknown): OrgUnitResult {
  return mapOrgUnit(record, 'location', (value) => {
    const parsed = TrinetLocationSchema.safeParse(value);
    return parsed.success ? { id: parsed.data.locationId, name: parsed.data.locationName } : undefined;
  });
}
