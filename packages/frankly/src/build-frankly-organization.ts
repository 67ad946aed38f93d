/**
 * Pure: canonical employees → the &frankly full-state payload (users and groups) and the pre-flight issues. No I/O;
 * table-tested.
 *
 * @module
 */
import {
  type Employee,
  type EmploymentType,
  normalizePhone,
  type OrgRef,
  type PhoneRegion,
  type SourceInfo,
  type SyncIssue,
} from '@hrsync/core';
import { createFranklyIssue } from './frankly-issues.ts';
import type { FranklyGroup, FranklyOrganization, FranklyRole, FranklyUser } from './frankly-wire.ts';

/**
 * The kinds of group a user belongs to, one per entity of the HR system.
 *
 * @example
 * ```ts
 * const kind: FranklyGroupKind = 'department';
 * franklyGroupId(kind, { id: 'D10', name: 'Engineering' }); // 'department:D10'
 * ```
 */
export type FranklyGroupKind = 'organization' | 'office' | 'department' | 'team' | 'employment-type';

/** The word each group kind takes in a group's description ("… the Engineering Department in TriNet"). */
const KIND_WORD: Readonly<Record<FranklyGroupKind, string>> = {
  organization: 'Organization',
  office: 'Office',
  department: 'Department',
  team: 'Team',
  'employment-type': 'Employment type',
};

const EMPLOYMENT_TYPE_NAME: Readonly<Record<EmploymentType, string>> = {
  full_time: 'Full-time',
  part_time: 'Part-time',
  contractor: 'Contractor',
  temporary: 'Temporary',
  intern: 'Intern',
  other: 'Other',
};

/**
 * The stable `externalId` of a group. From the source's id when the reference has one (`department:D10`), so a
 * rename in the HR system renames the group in &frankly and keeps its history. Without an id it falls back to the
 * kind and the normalised name (`department-name:engineering`): stable while the name is, but a rename then removes
 * the old group and creates a new one (its report history starts over). Employment types use the canonical value
 * (`employment-type:full_time`).
 *
 * @example
 * ```ts
 * franklyGroupId('department', { id: 'D10', name: 'Engineering' }); // 'department:D10'
 * franklyGroupId('office', { name: '  Stockholm  HQ ' }); // 'office-name:stockholm hq'
 * ```
 */
export function franklyGroupId(kind: FranklyGroupKind, ref: OrgRef): string {
  if (ref.id !== undefined && ref.id.trim() !== '') return `${kind}:${ref.id.trim()}`;
  return `${kind}-name:${normalizeGroupName(ref.name)}`;
}

function normalizeGroupName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The description of a group: "Users belonging to the [Name] [Kind] in [source]".
 *
 * @example
 * ```ts
 * describeFranklyGroup('department', 'Engineering', 'TriNet');
 * // 'Users belonging to the Engineering Department in TriNet'
 * ```
 */
export function describeFranklyGroup(kind: FranklyGroupKind, name: string, sourceName: string): string {
  return `Users belonging to the ${name} ${KIND_WORD[kind]} in ${sourceName}`;
}

/**
 * Options of {@link buildFranklyOrganization}.
 *
 * @example
 * ```ts
 * const options: BuildFranklyOrganizationOptions = {
 *   source: { id: 'trinet', displayName: 'TriNet' },
 *   roleOf: (employee) => (employee.id === ownerId ? 'Administrator' : 'User'),
 *   defaultPhoneRegion: 'GB',
 * };
 * ```
 */
export interface BuildFranklyOrganizationOptions {
  /** The HR system the people come from: its id goes on issues, its display name in fixes and group descriptions. */
  source: SourceInfo;
  /** The &frankly role of each person; default `'User'` for everyone. */
  roleOf?: ((employee: Employee) => FranklyRole) | undefined;
  /** Reference time for end dates; default: now. */
  now?: Date | undefined;
  /** Region used to read a phone number written without a country code; default `'US'`. */
  defaultPhoneRegion?: PhoneRegion | undefined;
  /**
   * The users last accepted by &frankly. When two people claim one email or one phone number, the one who already
   * held it in &frankly keeps it, so a data-entry slip on a newcomer never removes or changes an existing user.
   */
  previous?: readonly FranklyUser[] | undefined;
}

/**
 * Why a person is not in the payload.
 *
 * @example
 * ```ts
 * const leavers = build.excluded.filter((x) => x.reason !== 'duplicate_email');
 * ```
 */
export type FranklyExclusionReason = 'terminated' | 'end_date_passed' | 'duplicate_email';

/**
 * A person left out of the payload, which is how &frankly removes them (or never gets them).
 *
 * @example
 * ```ts
 * const exclusion: FranklyExclusion = { id: '00001234', reason: 'end_date_passed' };
 * ```
 */
export interface FranklyExclusion {
  /** The source's employee id. */
  id: string;
  /** Why: terminated, past their end date, or sharing a work email. */
  reason: FranklyExclusionReason;
}

/**
 * The result of {@link buildFranklyOrganization}.
 *
 * @example
 * ```ts
 * const { organization, issues, excluded }: FranklyBuild = buildFranklyOrganization(employees, { source });
 * ```
 */
export interface FranklyBuild {
  /** The full-state payload: users sorted by `externalId`, then the groups they belong to, sorted likewise. */
  organization: FranklyOrganization;
  /** Pre-flight issues: invalid and duplicate phones (warnings), duplicate emails (errors). */
  issues: SyncIssue[];
  /** People left out, with why. */
  excluded: FranklyExclusion[];
}

/**
 * Builds the full-state payload &frankly makes its managed users and groups match, and checks it before anything
 * is sent, so an admin sees issues instead of a rejected export:
 *
 * - terminated people, and people whose `endDate` is before today (UTC), are left out (that is how &frankly removes
 *   them); a future end date is kept;
 * - a work phone is normalised to E.164 (national numbers read with `defaultPhoneRegion`); an invalid one is left
 *   out with an `EMPLOYEE_INVALID_PHONE` warning;
 * - people sharing a work email: whoever held it in `previous` keeps it and the others are left out; with no such
 *   holder all of them are left out (`EMPLOYEE_DUPLICATE_EMAIL`, an error each);
 * - people sharing a phone: whoever held it in `previous` keeps it, otherwise the lowest employee id; the phone is
 *   left out for the others (`EMPLOYEE_DUPLICATE_PHONE`, a warning each);
 * - groups for the organization, office (location), department, teams and employment type, with ids from
 *   {@link franklyGroupId}; a group id seen with two names takes the name of the person with the lowest id.
 *
 * The output does not depend on the input order.
 *
 * @example
 * ```ts
 * const { organization, issues, excluded } = buildFranklyOrganization(snapshot.employees, {
 *   source: { id: 'trinet', displayName: 'TriNet' },
 *   roleOf: (employee) => (owners.has(employee.id) ? 'Administrator' : 'User'),
 * });
 * ```
 */
export function buildFranklyOrganization(
  employees: Iterable<Employee>,
  options: BuildFranklyOrganizationOptions,
): FranklyBuild {
  const { source } = options;
  const roleOf = options.roleOf ?? (() => 'User' as const);
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  const region = options.defaultPhoneRegion ?? 'US';
  const issues: SyncIssue[] = [];
  const excluded: FranklyExclusion[] = [];

  const previousEmail = new Map<string, string>();
  const previousPhone = new Map<string, string>();
  for (const user of options.previous ?? []) {
    previousEmail.set(user.email, user.externalId);
    if (user.phone !== undefined) previousPhone.set(user.phone, user.externalId);
  }

  // Sorted by id so that every tie-break below is independent of the input order.
  const byId = new Map<string, Employee>();
  for (const employee of employees) if (!byId.has(employee.id)) byId.set(employee.id, employee);
  const sorted = [...byId.values()].sort((a, b) => compare(a.id, b.id));

  // 1. Leavers.
  const staying: Employee[] = [];
  for (const employee of sorted) {
    if (employee.employmentStatus === 'terminated') excluded.push({ id: employee.id, reason: 'terminated' });
    else if (employee.endDate !== undefined && employee.endDate < today) {
      excluded.push({ id: employee.id, reason: 'end_date_passed' });
    } else staying.push(employee);
  }

  // 2. Duplicate emails.
  const byEmail = groupBy(staying, (e) => e.workEmail.trim().toLowerCase());
  const kept: Employee[] = [];
  for (const employee of staying) {
    const email = employee.workEmail.trim().toLowerCase();
    const sharers = byEmail.get(email) ?? [];
    if (sharers.length < 2) {
      kept.push(employee);
      continue;
    }
    const holder = previousEmail.get(email);
    const holderShares = holder !== undefined && sharers.some((e) => e.id === holder);
    if (holderShares && holder === employee.id) {
      kept.push(employee);
      continue;
    }
    const others = sharers.filter((e) => e.id !== employee.id).map((e) => e.id);
    excluded.push({ id: employee.id, reason: 'duplicate_email' });
    issues.push(
      createFranklyIssue('EMPLOYEE_DUPLICATE_EMAIL', source, {
        recordId: employee.id,
        field: 'workEmail',
        message: holderShares
          ? `${email} already belongs to &frankly user ${holder}; ${employee.id} was not sent to &frankly.`
          : `${email} is also the work email of ${others.join(', ')}; none of them was sent to &frankly.`,
      }),
    );
  }

  // 3. Phones: normalise, then de-duplicate.
  const phoneOf = new Map<string, string>();
  for (const employee of kept) {
    if (employee.workPhone === undefined) continue;
    const result = normalizePhone(employee.workPhone, region);
    if (result.ok) {
      if (result.value !== undefined) phoneOf.set(employee.id, result.value);
    } else {
      issues.push(
        createFranklyIssue('EMPLOYEE_INVALID_PHONE', source, {
          recordId: employee.id,
          field: 'workPhone',
          message: `The work phone of ${employee.id} is not a valid phone number; it was left out of &frankly.`,
        }),
      );
    }
  }
  const phoneHolders = groupBy(
    kept.filter((e) => phoneOf.has(e.id)),
    (e) => phoneOf.get(e.id)!,
  );
  for (const [phone, holders] of phoneHolders) {
    if (holders.length < 2) continue;
    const incumbent = previousPhone.get(phone);
    const keeper = holders.find((e) => e.id === incumbent) ?? holders[0]!;
    for (const employee of holders) {
      if (employee === keeper) continue;
      phoneOf.delete(employee.id);
      issues.push(
        createFranklyIssue('EMPLOYEE_DUPLICATE_PHONE', source, {
          recordId: employee.id,
          field: 'workPhone',
          message: `${phone} is also the work phone of ${keeper.id}; &frankly allows a phone number on one user only, so it was left out for ${employee.id}.`,
        }),
      );
    }
  }

  // 4. Users and their groups.
  const groups = new Map<string, FranklyGroup>();
  const addGroup = (kind: FranklyGroupKind, ref: OrgRef): string => {
    const externalId = franklyGroupId(kind, ref);
    if (!groups.has(externalId)) {
      groups.set(externalId, {
        externalId,
        name: ref.name,
        description: describeFranklyGroup(kind, ref.name, source.displayName),
      });
    }
    return externalId;
  };
  const users: FranklyUser[] = [];
  for (const employee of kept) {
    const memberOf: string[] = [];
    const join = (kind: FranklyGroupKind, ref: OrgRef | undefined) => {
      if (ref === undefined || ref.name.trim() === '') return;
      const id = addGroup(kind, ref);
      if (!memberOf.includes(id)) memberOf.push(id);
    };
    join('organization', employee.organization);
    join('office', employee.location);
    join('department', employee.department);
    for (const team of employee.teams ?? []) join('team', team);
    if (employee.employmentType !== undefined) {
      join('employment-type', {
        id: employee.employmentType,
        name: EMPLOYMENT_TYPE_NAME[employee.employmentType],
      });
    }
    const phone = phoneOf.get(employee.id);
    users.push({
      externalId: employee.id,
      firstName: employee.firstName,
      lastName: employee.lastName,
      email: employee.workEmail.trim().toLowerCase(),
      ...(phone !== undefined ? { phone } : {}),
      ...(employee.timezone !== undefined ? { timezone: employee.timezone } : {}),
      role: roleOf(employee),
      accessInfo: { memberOf },
    });
  }

  return {
    organization: { users, groups: [...groups.values()].sort((a, b) => compare(a.externalId, b.externalId)) },
    issues,
    excluded,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
