/**
 * Pure mapping of TriNet Zenefits' wire records into canonical employees and org units: no I/O, table-tested from
 * fixtures. What is inferred rather than verified about Zenefits is marked [I].
 *
 * @module
 */
import {
  createIssue,
  type EmploymentStatus,
  type EmploymentType,
  normalizeName,
  type OrgUnit,
  type RawEmployee,
  type RawOrgRef,
  type SyncIssue,
  type ToEmployeeResult,
  toEmployee,
} from '@hrsync/core';
import type { z } from 'zod';
import { ZENEFITS_SOURCE } from './zenefits-info.ts';
import {
  refId,
  ZenefitsDepartmentSchema,
  type ZenefitsEmployment,
  ZenefitsEmploymentSchema,
  ZenefitsLocationSchema,
  type ZenefitsPerson,
  ZenefitsPersonSchema,
  type ZenefitsRef,
} from './zenefits-wire.ts';

/**
 * Zenefits person `status` values and the canonical status each becomes. Only `active` (and `null`) has been seen
 * in a real response; the others are [I], from integrators' lists:
 * - `active` → `active`; `leave_of_absence` → `leave`;
 * - `requested` (a hire requested, not started) and `setup` (being set up) → `pending`;
 * - `terminated` → `terminated`; `deleted` (a person removed from the company) → `terminated`, so a host archives
 *   them rather than keeping a record Zenefits no longer has.
 *
 * Any other value, and a `null` status (seen for admin-only accounts), is `EMPLOYEE_UNKNOWN_STATUS`: the person is
 * skipped rather than guessed active or gone.
 *
 * @example
 * ```ts
 * ZENEFITS_EMPLOYMENT_STATUS.leave_of_absence; // 'leave'
 * ```
 */
export const ZENEFITS_EMPLOYMENT_STATUS: Readonly<
  Record<'active' | 'leave_of_absence' | 'requested' | 'setup' | 'terminated' | 'deleted', EmploymentStatus>
> = Object.freeze({
  active: 'active',
  leave_of_absence: 'leave',
  requested: 'pending',
  setup: 'pending',
  terminated: 'terminated',
  deleted: 'terminated',
});

/**
 * The canonical status of a Zenefits `status` (trimmed, case-insensitive), or `undefined` for a value outside
 * {@link ZENEFITS_EMPLOYMENT_STATUS}.
 *
 * @example
 * ```ts
 * mapZenefitsStatus('Active'); // 'active'
 * mapZenefitsStatus('furloughed'); // undefined
 * ```
 */
export function mapZenefitsStatus(status: unknown): EmploymentStatus | undefined {
  if (typeof status !== 'string') return undefined;
  const key = status.trim().toLowerCase();
  return Object.hasOwn(ZENEFITS_EMPLOYMENT_STATUS, key)
    ? ZENEFITS_EMPLOYMENT_STATUS[key as keyof typeof ZENEFITS_EMPLOYMENT_STATUS]
    : undefined;
}

function typeFromWords(value: string | null | undefined): EmploymentType | undefined {
  const words = value?.toLowerCase().replace(/[^a-z]/g, '');
  if (!words) return undefined;
  // [I] Short codes as Zenefits' own app names them.
  if (words === 'ft' || words.startsWith('fulltime')) return 'full_time';
  if (words === 'pt' || words.startsWith('parttime')) return 'part_time';
  if (words === 'in' || words.startsWith('intern')) return 'intern';
  if (words === 'tp' || words.includes('temp') || words.includes('seasonal')) return 'temporary';
  if (words.includes('contract') || words.includes('vendor') || words.includes('freelance'))
    return 'contractor';
  if (words.includes('volunteer')) return 'other';
  return undefined;
}

/**
 * The canonical employment type of an employment, or `undefined` when it says nothing usable. The sub-type is the
 * more specific field and wins; its values seen are "Full Time", "Part Time", "Intern", "Agency Paid Temp",
 * "Company Paid Temp", "Independent Contractor", "Vendor Employee" and "Volunteer" (Trelica). `employment_type`'s
 * values are not documented [?]; spelled-out words and the short codes `FT`, `PT`, `TP`, `IN` [I] are read.
 *
 * @example
 * ```ts
 * inferZenefitsEmploymentType({ employment_type: 'full_time', employment_sub_type: 'Company Paid Temp' }); // 'temporary'
 * inferZenefitsEmploymentType({ employment_type: 'PT' }); // 'part_time'
 * ```
 */
export function inferZenefitsEmploymentType(
  employment: Pick<ZenefitsEmployment, 'employment_type' | 'employment_sub_type'>,
): EmploymentType | undefined {
  return typeFromWords(employment.employment_sub_type) ?? typeFromWords(employment.employment_type);
}

function isOpen(employment: ZenefitsEmployment): boolean {
  return !employment.termination_date?.trim();
}

function isActiveFlag(employment: ZenefitsEmployment): boolean {
  const flag = employment.is_active;
  return flag === true || (typeof flag === 'string' && /^(true|t|yes|y|1)$/i.test(flag.trim()));
}

function compareText(a: string | null | undefined, b: string | null | undefined): number {
  const x = a?.trim() ?? '';
  const y = b?.trim() ?? '';
  return x === y ? 0 : x < y ? -1 : 1;
}

function compareIds(a: string, b: string): number {
  // Numeric ids compare as numbers ("99" < "100"); otherwise as text.
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return compareText(a, b);
}

/**
 * The person's current employment among several (a rehire has one per period of work):
 * 1. an employment with no `termination_date` (still open) wins over an ended one;
 * 2. then one flagged `is_active`;
 * 3. then the latest `hire_date` (ISO dates compare as text; a missing date loses);
 * 4. then the latest `termination_date`, then the highest id, so the choice never depends on list order.
 *
 * So a rehire's open employment is current, and a leaver's most recent employment gives their termination date.
 *
 * @example
 * ```ts
 * pickCurrentEmployment([
 *   { id: '1', hire_date: '2015-01-05', termination_date: '2018-06-30' },
 *   { id: '2', hire_date: '2021-03-01', termination_date: null },
 * ])?.id; // '2'
 * ```
 */
export function pickCurrentEmployment(
  employments: readonly ZenefitsEmployment[],
): ZenefitsEmployment | undefined {
  let best: ZenefitsEmployment | undefined;
  for (const candidate of employments) {
    if (best === undefined || compareEmployments(candidate, best) > 0) best = candidate;
  }
  return best;
}

function compareEmployments(a: ZenefitsEmployment, b: ZenefitsEmployment): number {
  return (
    Number(isOpen(a)) - Number(isOpen(b)) ||
    Number(isActiveFlag(a)) - Number(isActiveFlag(b)) ||
    compareText(a.hire_date, b.hire_date) ||
    compareText(a.termination_date, b.termination_date) ||
    compareIds(a.id, b.id)
  );
}

/**
 * Employments grouped by the id of the person they belong to, from `/core/employments`.
 *
 * @example
 * ```ts
 * const { byPerson, issues }: ZenefitsEmploymentIndex = indexZenefitsEmployments(records);
 * ```
 */
export interface ZenefitsEmploymentIndex {
  /** Person id → that person's employments, in list order. */
  byPerson: ReadonlyMap<string, readonly ZenefitsEmployment[]>;
  /** Records that could not be read (`UNKNOWN` warnings: the person syncs without dates). */
  issues: SyncIssue[];
}

function describeZodError(error: z.ZodError, what: string): string {
  const first = error.issues[0];
  if (!first) return `it does not match the TriNet Zenefits ${what} format`;
  const path = first.path.map(String).join('.');
  return path ? `${path}: ${first.message}` : first.message;
}

function peekId(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const id = (record as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? normalizeName(id) : undefined;
}

/**
 * Groups the records of `/core/employments` by person (the id at the end of each `person` ref URL). A record that
 * cannot be read, or names no person, is left out with an `UNKNOWN` warning.
 *
 * @example
 * ```ts
 * const index = indexZenefitsEmployments(employmentsPage.data.data);
 * index.byPerson.get('9386674'); // that person's employments
 * ```
 */
export function indexZenefitsEmployments(records: readonly unknown[]): ZenefitsEmploymentIndex {
  const byPerson = new Map<string, ZenefitsEmployment[]>();
  const issues: SyncIssue[] = [];
  for (const record of records) {
    const parsed = ZenefitsEmploymentSchema.safeParse(record);
    if (!parsed.success) {
      issues.push(
        createIssue('UNKNOWN', ZENEFITS_SOURCE, {
          entity: 'employee',
          severity: 'warning',
          message: `A TriNet Zenefits employment${peekId(record) ? ` (${peekId(record)})` : ''} could not be read (${describeZodError(parsed.error, 'employment')}); it was left out.`,
        }),
      );
      continue;
    }
    const personId = refId(parsed.data.person);
    if (personId === undefined) {
      issues.push(
        createIssue('UNKNOWN', ZENEFITS_SOURCE, {
          entity: 'employee',
          severity: 'warning',
          message: `The TriNet Zenefits employment ${parsed.data.id} names no person; it was left out.`,
        }),
      );
      continue;
    }
    const list = byPerson.get(personId);
    if (list) list.push(parsed.data);
    else byPerson.set(personId, [parsed.data]);
  }
  return { byPerson, issues };
}

/**
 * Options of {@link mapZenefitsEmployee}.
 *
 * @example
 * ```ts
 * const options: MapZenefitsEmployeeOptions = {
 *   departments: new Map([['219736', 'Engineering']]),
 *   locations: new Map([['367177', 'Houston HQ']]),
 *   employments: indexZenefitsEmployments(employmentRecords).byPerson,
 * };
 * ```
 */
export interface MapZenefitsEmployeeOptions {
  /** Department names by id, from `/core/departments` (a person's `department` is only a ref). */
  departments?: ReadonlyMap<string, string | undefined> | undefined;
  /** Location names by id, from `/core/locations`. */
  locations?: ReadonlyMap<string, string | undefined> | undefined;
  /** Employments by person id, from {@link indexZenefitsEmployments}: dates and type come from here. */
  employments?: ReadonlyMap<string, readonly ZenefitsEmployment[]> | undefined;
  /** The id to name in issues when the record has no `id` (for example its position in the list). */
  recordId?: string | undefined;
}

function orgRef(
  ref: ZenefitsRef | null | undefined,
  names: ReadonlyMap<string, string | undefined> | undefined,
): RawOrgRef | undefined {
  const id = refId(ref);
  if (id === undefined) return undefined;
  // An expanded ref (`?includes=department`) carries its own name; a plain ref is looked up.
  const name = normalizeName(ref?.name ?? undefined) ?? names?.get(id);
  return name === undefined ? { id } : { id, name };
}

/**
 * Turns a parsed Zenefits person into the raw input of `toEmployee` (before normalisation and validation). Exposed
 * for the fake and for tests; most callers want {@link mapZenefitsEmployee}.
 *
 * @example
 * ```ts
 * const raw = toZenefitsRawEmployee(ZenefitsPersonSchema.parse(record));
 * raw.managerId; // the id at the end of manager.url, or undefined when the url is null
 * ```
 */
export function toZenefitsRawEmployee(
  person: ZenefitsPerson,
  options: MapZenefitsEmployeeOptions = {},
): RawEmployee {
  const employment = pickCurrentEmployment(options.employments?.get(person.id) ?? []);
  return {
    id: person.id,
    employeeNumber: person.employee_number,
    firstName: person.first_name,
    lastName: person.last_name,
    preferredName: person.preferred_name,
    workEmail: person.work_email,
    personalEmail: person.personal_email,
    workPhone: person.work_phone,
    title: person.title,
    department: orgRef(person.department, options.departments),
    location: orgRef(person.location, options.locations),
    managerId: refId(person.manager),
    employmentStatus: mapZenefitsStatus(person.status),
    employmentType: employment ? inferZenefitsEmploymentType(employment) : undefined,
    startDate: employment?.hire_date,
    endDate: employment?.termination_date,
  };
}

/**
 * Maps one record of `/core/people` to a canonical employee, or to the issues that explain why it cannot sync.
 * Never throws: a record that is not a Zenefits person at all becomes an `UNKNOWN` issue.
 *
 * Field by field: `id` → id; `employee_number` → employeeNumber; `first_name`/`last_name`/`preferred_name`;
 * `work_email`; `personal_email`; `work_phone` → workPhone (US numbers by default, "(713) 555-1234" →
 * "+17135551234"); `title`; `manager` ref → managerId (the id at the end of its URL); `department` and `location`
 * refs → their names from `/core/departments` and `/core/locations` (a ref whose `url` is `null` means none);
 * `status` through {@link ZENEFITS_EMPLOYMENT_STATUS} (anything else → `EMPLOYEE_UNKNOWN_STATUS`); startDate,
 * endDate and employmentType from the current employment ({@link pickCurrentEmployment}). A missing first or last
 * name is `EMPLOYEE_INVALID_NAME`, as for TriNet.
 *
 * @example
 * ```ts
 * const result = mapZenefitsEmployee(
 *   { id: '9386674', first_name: 'Nathan', last_name: 'Ash', work_email: 'Nathan@Example.com', status: 'active',
 *     manager: { url: 'https://api.zenefits.com/core/people/9386671', object: '/meta/ref/detail' } },
 *   { employments: index.byPerson },
 * );
 * if (result.ok) result.employee.managerId; // '9386671'
 * ```
 */
export function mapZenefitsEmployee(
  record: unknown,
  options: MapZenefitsEmployeeOptions = {},
): ToEmployeeResult {
  const parsed = ZenefitsPersonSchema.safeParse(record);
  if (!parsed.success) {
    return {
      ok: false,
      issues: [
        createIssue('UNKNOWN', ZENEFITS_SOURCE, {
          entity: 'employee',
          recordId: peekId(record) ?? options.recordId,
          message: `The TriNet Zenefits person record could not be read (${describeZodError(parsed.error, 'person')}).`,
        }),
      ],
    };
  }
  const raw = toZenefitsRawEmployee(parsed.data, options);
  const result = toEmployee(raw, {
    source: ZENEFITS_SOURCE,
    phoneRegion: 'US',
    missingNameCode: 'EMPLOYEE_INVALID_NAME',
    recordId: options.recordId,
  });
  if (result.ok || raw.employmentStatus !== undefined) return result;
  // toEmployee only sees `undefined`; say what Zenefits actually sent.
  const sent = parsed.data.status?.trim();
  const message = !sent
    ? `The person has no TriNet Zenefits status${parsed.data.type ? ` (type "${parsed.data.type.slice(0, 40)}")` : ''}.`
    : `The TriNet Zenefits status "${sent.slice(0, 40)}" is not one of ${Object.keys(ZENEFITS_EMPLOYMENT_STATUS).join(', ')}.`;
  return {
    ok: false,
    issues: result.issues.map((issue) =>
      issue.code === 'EMPLOYEE_UNKNOWN_STATUS' ? { ...issue, message } : issue,
    ),
  };
}

/**
 * The outcome of mapping a department or a location: an org unit, or an issue when it has no id.
 *
 * @example
 * ```ts
 * const result: ZenefitsOrgUnitResult = mapZenefitsLocation({ id: '367177', name: 'Houston HQ' });
 * if (result.ok) result.unit.name; // 'Houston HQ'
 * ```
 */
export type ZenefitsOrgUnitResult = { ok: true; unit: OrgUnit } | { ok: false; issue: SyncIssue };

function mapOrgUnit(
  record: unknown,
  kind: 'department' | 'location',
  schema: typeof ZenefitsDepartmentSchema | typeof ZenefitsLocationSchema,
): ZenefitsOrgUnitResult {
  const parsed = schema.safeParse(record);
  const id = parsed.success ? normalizeName(parsed.data.id) : undefined;
  if (!parsed.success || id === undefined) {
    return {
      ok: false,
      issue: createIssue('UNKNOWN', ZENEFITS_SOURCE, {
        entity: kind,
        recordId: peekId(record),
        severity: 'warning',
        message: parsed.success
          ? `A TriNet Zenefits ${kind} has no id; it was left out.`
          : `A TriNet Zenefits ${kind} record could not be read (${describeZodError(parsed.error, kind)}); it was left out.`,
      }),
    };
  }
  const name = normalizeName(parsed.data.name ?? undefined);
  // A missing name is not an issue here: the plan engine raises DEPARTMENT_/LOCATION_MISSING_NAME from the snapshot.
  return { ok: true, unit: name === undefined ? { id } : { id, name } };
}

/**
 * Maps one department of `/core/departments` (`{ id, name, ... }`) to an org unit. A department without a name is
 * kept without one (the plan engine reports `DEPARTMENT_MISSING_NAME`); one without an id, or not an object at all,
 * becomes an `UNKNOWN` warning.
 *
 * @example
 * ```ts
 * mapZenefitsDepartment({ id: '219736', name: 'Engineering' }); // { ok: true, unit: { id: '219736', name: 'Engineering' } }
 * ```
 */
export function mapZenefitsDepartment(record: unknown): ZenefitsOrgUnitResult {
  return mapOrgUnit(record, 'department', ZenefitsDepartmentSchema);
}

/**
 * Maps one location of `/core/locations` (`{ id, name, city, ... }`) to an org unit, the same way as
 * {@link mapZenefitsDepartment} (`LOCATION_MISSING_NAME` comes from the plan engine).
 *
 * @example
 * ```ts
 * mapZenefitsLocation({ id: '367177', name: 'Houston' }); // { ok: true, unit: { id: '367177', name: 'Houston' } }
 * ```
 */
export function mapZenefitsLocation(record: unknown): ZenefitsOrgUnitResult {
  return mapOrgUnit(record, 'location', ZenefitsLocationSchema);
}

/**
 * Names by id of a list of org units, for {@link MapZenefitsEmployeeOptions}: a unit without a name maps to
 * `undefined`, so people in it sync without that field.
 *
 * @example
 * ```ts
 * const departments = orgUnitNames([{ id: '219736', name: 'Engineering' }]);
 * departments.get('219736'); // 'Engineering'
 * ```
 */
export function orgUnitNames(units: Iterable<OrgUnit>): Map<string, string | undefined> {
  const names = new Map<string, string | undefined>();
  for (const unit of units) names.set(unit.id, unit.name);
  return names;
}
