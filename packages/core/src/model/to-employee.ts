import type { IssueCode } from '../codes/catalog.ts';
import {
  type Employee,
  EmployeeSchema,
  type EmploymentStatus,
  EmploymentStatusSchema,
  type EmploymentType,
  EmploymentTypeSchema,
  type OrgRef,
} from './employee.ts';
import { createIssue, type SourceInfo, type SyncIssue } from './issue.ts';
import {
  isValidEmail,
  normalizeDate,
  normalizeEmail,
  normalizeName,
  normalizePhone,
  type PhoneRegion,
} from './normalize.ts';

/**
 * A reference as an adapter first sees it: fields may be missing or of the wrong type.
 *
 * @example
 * ```ts
 * const department: RawOrgRef = { id: wire.deptId, name: wire.deptName }; // toEmployee() drops it without a name
 * ```
 */
export interface RawOrgRef {
  id?: unknown;
  name?: unknown;
}

/**
 * An employee as an adapter has mapped it from the vendor's fields, before normalisation and validation. Every
 * field is `unknown`: {@link toEmployee} decides what is usable.
 *
 * @example
 * ```ts
 * const raw: RawEmployee = {
 *   id: wire.id,
 *   firstName: wire.first_name,
 *   lastName: wire.last_name,
 *   workEmail: wire.email,
 *   employmentStatus: STATUS[wire.status] ?? wire.status, // mapped to the canonical words first
 *   department: wire.department,
 * };
 * const result = toEmployee(raw, { source: ACME_SOURCE });
 * ```
 */
export interface RawEmployee {
  id?: unknown;
  employeeNumber?: unknown;
  firstName?: unknown;
  lastName?: unknown;
  preferredName?: unknown;
  workEmail?: unknown;
  personalEmail?: unknown;
  workPhone?: unknown;
  title?: unknown;
  department?: RawOrgRef | null | undefined;
  location?: RawOrgRef | null | undefined;
  organization?: RawOrgRef | null | undefined;
  teams?: readonly (RawOrgRef | null | undefined)[] | null | undefined;
  managerId?: unknown;
  /** Already mapped to the canonical status by the adapter; anything else is `EMPLOYEE_UNKNOWN_STATUS`. */
  employmentStatus?: unknown;
  employmentType?: unknown;
  startDate?: unknown;
  endDate?: unknown;
  timezone?: unknown;
  custom?: Record<string, unknown> | null | undefined;
}

/**
 * Options of {@link toEmployee}.
 *
 * @example
 * ```ts
 * const options: ToEmployeeOptions = {
 *   source: { id: 'peoplehr', displayName: 'People HR' },
 *   phoneRegion: 'GB',
 *   recordId: wire.EmployeeId, // named in issues when the record has no id
 * };
 * ```
 */
export interface ToEmployeeOptions {
  /** The source, for issue texts. */
  source: SourceInfo;
  /** Region for national phone numbers (`'US'` for TriNet, `'GB'` for People HR). */
  phoneRegion?: PhoneRegion | undefined;
  /**
   * The code for a missing first or last name. Products that read TriNet show `EMPLOYEE_INVALID_NAME`; People HR
   * shows `EMPLOYEE_MISSING_REQUIRED_FIELD`. Default: `EMPLOYEE_MISSING_REQUIRED_FIELD`.
   */
  missingNameCode?: 'EMPLOYEE_INVALID_NAME' | 'EMPLOYEE_MISSING_REQUIRED_FIELD' | undefined;
  /** The record id to name in issues when `raw.id` is missing (a row number, a vendor key). */
  recordId?: string | undefined;
}

/**
 * The outcome of {@link toEmployee}: a valid employee with its warnings, or the issues that stopped it.
 *
 * @example
 * ```ts
 * const result: ToEmployeeResult = toEmployee(raw, { source });
 * const records: SourceRecord[] = result.ok
 *   ? [{ type: 'employee', employee: result.employee, issues: result.issues }]
 *   : result.issues.map((issue) => ({ type: 'issue', issue }));
 * ```
 */
export type ToEmployeeResult =
  | { ok: true; employee: Employee; issues: SyncIssue[] }
  | { ok: false; issues: SyncIssue[] };

const MAX_TEXT = 512;
// Names that are only punctuation or digits are not names (for example "-", ".", "123").
const HAS_LETTER = /\p{L}/u;

function text(value: unknown): string | undefined {
  const out = normalizeName(value);
  return out === undefined ? undefined : out.slice(0, MAX_TEXT);
}

function orgRef(value: RawOrgRef | null | undefined): OrgRef | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const name = text(value.name);
  if (name === undefined) return undefined;
  const id = text(value.id);
  return id === undefined ? { name } : { id, name };
}

/**
 * Normalises and validates a raw record into an {@link Employee}, or into the {@link SyncIssue}s that explain why it
 * cannot sync. Missing id, names or work email, an invalid email, an invalid name or an unknown status skip the
 * person (`severity: 'error'`); an invalid phone or date drops that field with a warning.
 *
 * @example
 * ```ts
 * const result = toEmployee(
 *   { id: '42', firstName: ' Ada ', lastName: 'Lovelace', workEmail: 'Ada@Example.com', employmentStatus: 'active',
 *     workPhone: '415 555 2671' },
 *   { source: { id: 'trinet', displayName: 'TriNet' }, phoneRegion: 'US' },
 * );
 * if (result.ok) result.employee.workEmail; // 'ada@example.com'
 * ```
 */
export function toEmployee(raw: RawEmployee, options: ToEmployeeOptions): ToEmployeeResult {
  const { source } = options;
  const id = text(raw.id);
  const recordId = id ?? options.recordId;
  const errors: SyncIssue[] = [];
  const warnings: SyncIssue[] = [];
  const issue = (code: IssueCode, field: string, message: string, severity?: 'error' | 'warning') =>
    createIssue(code, source, { recordId, field, message, severity, entity: 'employee' });

  if (id === undefined) {
    errors.push(issue('EMPLOYEE_MISSING_REQUIRED_FIELD', 'id', 'The record has no employee id.'));
  }
  const missingName = options.missingNameCode ?? 'EMPLOYEE_MISSING_REQUIRED_FIELD';
  const firstName = text(raw.firstName);
  const lastName = text(raw.lastName);
  for (const [field, value, label] of [
    ['firstName', firstName, 'first name'],
    ['lastName', lastName, 'last name'],
  ] as const) {
    if (value === undefined) {
      errors.push(issue(missingName, field, `The ${label} is empty.`));
    } else if (!HAS_LETTER.test(value)) {
      errors.push(
        issue('EMPLOYEE_INVALID_NAME', field, `The ${label} "${value.slice(0, 40)}" is not a name.`),
      );
    }
  }
  const workEmail = normalizeEmail(raw.workEmail);
  if (workEmail === undefined) {
    errors.push(issue('EMPLOYEE_MISSING_REQUIRED_FIELD', 'workEmail', 'The work email address is empty.'));
  } else if (!isValidEmail(workEmail)) {
    errors.push(
      issue(
        'EMPLOYEE_INVALID_EMAIL',
        'workEmail',
        `"${workEmail.slice(0, 80)}" is not a valid email address.`,
      ),
    );
  }
  const status = EmploymentStatusSchema.safeParse(raw.employmentStatus);
  if (!status.success) {
    errors.push(
      issue(
        'EMPLOYEE_UNKNOWN_STATUS',
        'employmentStatus',
        `The employment status "${String(raw.employmentStatus).slice(0, 40)}" is not known.`,
      ),
    );
  }
  if (errors.length > 0) return { ok: false, issues: [...errors, ...warnings] };

  const employee: Employee = {
    id: id!,
    firstName: firstName!,
    lastName: lastName!,
    workEmail: workEmail!,
    employmentStatus: status.data as EmploymentStatus,
  };
  const employeeNumber = text(raw.employeeNumber);
  if (employeeNumber !== undefined) employee.employeeNumber = employeeNumber;
  const preferredName = text(raw.preferredName);
  if (preferredName !== undefined && HAS_LETTER.test(preferredName)) employee.preferredName = preferredName;
  const personalEmail = normalizeEmail(raw.personalEmail);
  if (personalEmail !== undefined && isValidEmail(personalEmail)) employee.personalEmail = personalEmail;

  if (raw.workPhone !== undefined && raw.workPhone !== null) {
    const phone = normalizePhone(raw.workPhone, options.phoneRegion ?? 'US');
    if (!phone.ok) {
      warnings.push(
        issue(
          'EMPLOYEE_INVALID_PHONE',
          'workPhone',
          `The work phone "${phone.raw}" is not a valid phone number; it was left out.`,
        ),
      );
    } else if (phone.value !== undefined) {
      employee.workPhone = phone.value;
    }
  }
  const title = text(raw.title);
  if (title !== undefined) employee.title = title;
  const department = orgRef(raw.department);
  if (department) employee.department = department;
  const location = orgRef(raw.location);
  if (location) employee.location = location;
  const organization = orgRef(raw.organization);
  if (organization) employee.organization = organization;
  if (Array.isArray(raw.teams)) {
    const teams = raw.teams.map(orgRef).filter((t): t is OrgRef => t !== undefined);
    if (teams.length > 0) employee.teams = teams;
  }
  const managerId = text(raw.managerId);
  if (managerId !== undefined) employee.managerId = managerId;
  const type = EmploymentTypeSchema.safeParse(raw.employmentType);
  if (type.success) employee.employmentType = type.data as EmploymentType;

  for (const field of ['startDate', 'endDate'] as const) {
    const date = normalizeDate(raw[field]);
    if (!date.ok) {
      warnings.push(
        issue(
          'EMPLOYEE_INVALID_DATE',
          field,
          `"${date.raw}" is not a valid date for ${field}; it was left out.`,
        ),
      );
    } else if (date.value !== undefined) {
      employee[field] = date.value;
    }
  }
  const timezone = text(raw.timezone);
  if (timezone !== undefined) employee.timezone = timezone;
  if (raw.custom && typeof raw.custom === 'object') {
    const custom: Record<string, string | number | boolean | null> = {};
    for (const [key, value] of Object.entries(raw.custom)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
      if (
        value === null ||
        typeof value === 'boolean' ||
        typeof value === 'string' ||
        typeof value === 'number'
      ) {
        custom[key] = value;
      }
    }
    if (Object.keys(custom).length > 0) employee.custom = custom;
  }

  // The schema is the last word: anything the steps above let through that it rejects becomes an issue.
  const checked = EmployeeSchema.safeParse(employee);
  if (!checked.success) {
    const first = checked.error.issues[0];
    return {
      ok: false,
      issues: [
        issue(
          'UNKNOWN',
          String(first?.path[0] ?? 'record'),
          `The record is not valid: ${first?.message ?? 'unknown'}.`,
        ),
        ...warnings,
      ],
    };
  }
  return { ok: true, employee, issues: warnings };
}
