import type {
  Employee,
  EmployeeField,
  EmploymentStatus,
  EmploymentType,
  HrSyncCode,
  OrgUnit,
} from '@hrsync/core';
import { createRandom, type Random } from '../random.ts';
import {
  DEPARTMENTS,
  FIRST_NAMES,
  fictionalPhone,
  LAST_NAMES,
  LOCATIONS,
  type LocationTemplate,
  PREFERRED_NAMES,
} from './names.ts';

/**
 * Defects to plant in a generated roster, each a number of occurrences. A planted defect deliberately breaks the
 * record it lands in (an empty last name, an email without `@`): fakes serve it as it is, and a correct adapter and
 * plan engine turn it into the issue listed in the roster's `defects` log.
 *
 * @example
 * ```ts
 * const defects: RosterDefects = { duplicateEmails: 1, missingNames: 2, managerCycles: 1, futureLeavers: 2 };
 * const roster = generateRoster({ seed: 7, size: 250, defects });
 * ```
 */
export interface RosterDefects {
  /** People given the work email of someone else (each occurrence makes one pair). */
  duplicateEmails?: number | undefined;
  /** People with an empty first or last name (alternating). */
  missingNames?: number | undefined;
  /** People whose work email is not an email address. */
  invalidEmails?: number | undefined;
  /** People whose work phone is not a phone number. */
  invalidPhones?: number | undefined;
  /** People whose start date is not a calendar date (`2023-02-30`). */
  invalidDates?: number | undefined;
  /** Loops in the manager graph (alternately of two and three people). */
  managerCycles?: number | undefined;
  /** People listed as their own manager. */
  selfManagers?: number | undefined;
  /** People whose manager id is not in the roster. */
  missingManagers?: number | undefined;
  /** Active people with a leaving date in the future: not leavers yet, must not be archived. */
  futureLeavers?: number | undefined;
  /** People given the id of someone else (each occurrence makes one pair). */
  duplicateIds?: number | undefined;
  /** Departments without a name. */
  departmentsMissingName?: number | undefined;
  /** Extra departments named like an existing one, with some people moved into them. */
  duplicateDepartmentNames?: number | undefined;
  /** Locations without a name. */
  locationsMissingName?: number | undefined;
  /** Extra locations named like an existing one, with some people moved into them. */
  duplicateLocationNames?: number | undefined;
}

/**
 * A kind of defect {@link generateRoster} can plant.
 *
 * @example
 * ```ts
 * const kind: RosterDefectKind = 'invalidPhones';
 * const planted = roster.defects.filter((d) => d.kind === kind).flatMap((d) => d.employeeIds);
 * ```
 */
export type RosterDefectKind = keyof RosterDefects;

/**
 * One defect planted by {@link generateRoster}: where it is and what a correct sync reports for it.
 *
 * @example
 * ```ts
 * for (const defect of roster.defects satisfies PlantedDefect[]) {
 *   for (const id of defect.employeeIds) {
 *     expect(report.issues.some((i) => i.recordId === id && defect.codes.includes(i.code))).toBe(defect.codes.length > 0);
 *   }
 * }
 * ```
 */
export interface PlantedDefect {
  /** What was planted. */
  kind: RosterDefectKind;
  /** The people it was planted in (for a duplicate, the original first). */
  employeeIds: string[];
  /** The departments or locations it was planted in, for unit defects. */
  unitIds?: string[] | undefined;
  /** The field it broke. */
  field?: EmployeeField | undefined;
  /** Codes a correct sync reports for it (any one of them); empty when the people must simply sync. */
  codes: HrSyncCode[];
  /**
   * Where it is caught: `mapping` (the adapter turns the record into an issue or drops a field), `plan` (the plan
   * engine reports it), or `none` (nothing to report: the people must sync as they are).
   */
  detectedBy: 'mapping' | 'plan' | 'none';
  /** What happens to the people: skipped, synced with the field dropped, or synced. */
  effect: 'skipped' | 'field-dropped' | 'synced';
}

/**
 * Options of {@link generateRoster}.
 *
 * @example
 * ```ts
 * const options: GenerateRosterOptions = { seed: 1, size: 500, locations: 3, domain: 'acme.test', phoneRatio: 1 };
 * const roster = generateRoster(options);
 * ```
 */
export interface GenerateRosterOptions {
  /** The seed: the same seed and options give the same roster, byte for byte. */
  seed: number;
  /** Number of people. */
  size: number;
  /** Number of departments; default about one per 12 people, from 1 to 16. */
  departments?: number | undefined;
  /** Number of locations; default about one per 40 people, from 1 to 12. */
  locations?: number | undefined;
  /** Email domain; default `example.com`. */
  domain?: string | undefined;
  /**
   * The reference day for start and leaving dates (`YYYY-MM-DD` or a `Date`); default `2025-01-01`, fixed so that a
   * seed always gives the same dates. Pass the same day as `now` to `planSync()`/`runSync()`: see `roster.now`.
   */
  now?: string | Date | undefined;
  /** Share of people with a work phone; default `0.7`. */
  phoneRatio?: number | undefined;
  /**
   * Weights of employment statuses for people other than the CEO and department heads (always active); default
   * `{ active: 86, leave: 4, pending: 4, terminated: 6 }`.
   */
  statusWeights?: Partial<Record<EmploymentStatus, number>> | undefined;
  /** Defects to plant. */
  defects?: RosterDefects | undefined;
}

/**
 * A generated roster: people, departments and locations, and the log of planted defects.
 *
 * @example
 * ```ts
 * const roster: Roster = generateRoster({ seed: 1, size: 120 });
 * const fake = createTrinetFake({ employees: roster.employees, departments: roster.departments, locations: roster.locations });
 * await runSync({ source, destination, now: new Date(roster.now) });
 * ```
 */
export interface Roster {
  /** The seed it was generated from. */
  seed: number;
  /** The reference day, `YYYY-MM-DD`: pass `new Date(roster.now)` as `now` when planning. */
  now: string;
  /**
   * The people, ordered by id, in the canonical shape. Records holding a planted defect deliberately break the
   * schema where the defect says (that is what the fake serves and the adapter must catch).
   */
  employees: Employee[];
  /** The departments (ids `D01`, ...), as the source lists them. */
  departments: OrgUnit[];
  /** The locations (ids `L01`, ...), as the source lists them. */
  locations: OrgUnit[];
  /** Where each defect was planted. */
  defects: PlantedDefect[];
}

const DEFAULT_NOW = '2025-01-01';
const DAY_MS = 86_400_000;

/**
 * Generates a seeded, reproducible roster of canonical employees: departments and locations, a manager tree (a CEO,
 * a head per department, managers with a realistic span), job titles, statuses (active, on leave, pending starters,
 * terminated leavers with past end dates), employment types, fictional phone numbers and dates, plus any defects
 * asked for, with a log of where each was planted. Adapters' fakes serve it in their vendor's wire format.
 *
 * @example
 * ```ts
 * const roster = generateRoster({ seed: 7, size: 250, defects: { duplicateEmails: 1, missingNames: 2 } });
 * roster.employees.length; // 250
 * roster.defects.find((d) => d.kind === 'missingNames')?.employeeIds; // the two people planted with it
 * ```
 */
export function generateRoster(options: GenerateRosterOptions): Roster {
  const { seed, size } = options;
  if (!Number.isInteger(size) || size < 0)
    throw new RangeError(`generateRoster: size must be a whole number, got ${size}`);
  const random = createRandom(seed);
  const domain = options.domain ?? 'example.com';
  const now = toDay(options.now ?? DEFAULT_NOW);
  const nowMs = Date.parse(`${now}T00:00:00Z`);
  const deptCount = clamp(options.departments ?? Math.ceil(size / 12), 1, DEPARTMENTS.length);
  const locCount = clamp(options.locations ?? Math.ceil(size / 40), 1, LOCATIONS.length);
  const phoneRatio = options.phoneRatio ?? 0.7;
  const weights = { active: 86, leave: 4, pending: 4, terminated: 6, ...options.statusWeights };
  const idWidth = Math.max(5, String(size).length);

  const departments: OrgUnit[] = DEPARTMENTS.slice(0, deptCount).map((d, i) => ({
    id: unitId('D', i),
    name: d.name,
  }));
  const locationTemplates = LOCATIONS.slice(0, locCount);
  const locations: OrgUnit[] = locationTemplates.map((l, i) => ({ id: unitId('L', i), name: l.name }));

  const usedEmails = new Set<string>();
  const phoneCounters = { US: 0, GB: 0 };
  const people: Employee[] = [];
  const deptOf: number[] = [];
  const leaders = new Set<string>();
  const reports = new Map<string, number>();
  const membersByDept: string[][] = departments.map(() => []);

  for (let i = 0; i < size; i++) {
    const id = `E${String(i + 1).padStart(idWidth, '0')}`;
    // The CEO leads the first department; then each department's first member is its head.
    const dept = i === 0 ? 0 : i <= deptCount - 1 ? i : random.int(0, deptCount - 1);
    const locIndex = random.int(0, locCount - 1);
    const loc = locationTemplates[locIndex] as LocationTemplate;
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const isLeader = i === 0 || (membersByDept[dept] ?? []).length === 0;
    const status: EmploymentStatus = isLeader
      ? 'active'
      : random.weighted(['active', 'leave', 'pending', 'terminated'] as const, [
          weights.active,
          weights.leave,
          weights.pending,
          weights.terminated,
        ]);
    const employee: Employee = {
      id,
      employeeNumber: String(1000 + i),
      firstName,
      lastName,
      workEmail: uniqueEmail(firstName, lastName, domain, usedEmails),
      employmentStatus: status,
      employmentType: isLeader
        ? 'full_time'
        : random.weighted<EmploymentType>(
            ['full_time', 'part_time', 'contractor', 'temporary', 'intern'],
            [80, 8, 7, 2, 3],
          ),
      department: { id: unitId('D', dept), name: departments[dept]?.name ?? '' },
      location: { id: unitId('L', locIndex), name: loc.name },
      timezone: loc.timezone,
    };
    const preferred = PREFERRED_NAMES[firstName];
    if (preferred !== undefined && random.chance(0.5)) employee.preferredName = preferred;
    if (random.chance(phoneRatio)) {
      const phone = fictionalPhone(loc.country, phoneCounters[loc.country]++);
      if (phone !== undefined) employee.workPhone = phone;
    }
    // Dates: pending people start soon; everyone else started in the last eight years.
    if (status === 'pending') {
      employee.startDate = dayOffset(nowMs, random.int(1, 60));
    } else {
      const startOffset = -random.int(30, 8 * 365);
      employee.startDate = dayOffset(nowMs, startOffset);
      if (status === 'terminated') employee.endDate = dayOffset(nowMs, random.int(startOffset + 1, -1));
    }
    // Managers: the CEO has none, heads report to the CEO, others to an active earlier member of their department.
    if (i > 0) {
      const candidates = (membersByDept[dept] ?? []).filter((m) => (reports.get(m) ?? 0) < 8);
      const managerId = isLeader || candidates.length === 0 ? (people[0]?.id ?? id) : random.pick(candidates);
      if (managerId !== id) {
        employee.managerId = managerId;
        reports.set(managerId, (reports.get(managerId) ?? 0) + 1);
      }
    }
    people.push(employee);
    deptOf.push(dept);
    if (isLeader) leaders.add(id);
    if (status === 'active' || status === 'leave') membersByDept[dept]?.push(id);
  }

  // Titles follow the tree: the CEO, heads of department, managers of others, and individual contributors.
  people.forEach((person, i) => {
    const template = DEPARTMENTS[deptOf[i] ?? 0] ?? DEPARTMENTS[0]!;
    if (i === 0) person.title = 'Chief Executive Officer';
    else if (leaders.has(person.id)) person.title = `Head of ${template.name}`;
    else if ((reports.get(person.id) ?? 0) > 0) person.title = template.manager;
    else person.title = random.pick(template.roles);
  });

  const defects = plantDefects(random, people, departments, locations, options.defects ?? {}, nowMs);
  return { seed, now, employees: people, departments, locations, defects };
}

function plantDefects(
  random: Random,
  people: Employee[],
  departments: OrgUnit[],
  locations: OrgUnit[],
  wanted: RosterDefects,
  nowMs: number,
): PlantedDefect[] {
  const planted: PlantedDefect[] = [];
  // Each person carries at most one defect, so the log says exactly what each record should produce. The CEO is
  // kept clean: a broken root would change every reporting line below it.
  const pool = random.shuffle(people.slice(1));
  const take = (kind: RosterDefectKind, n: number): Employee[] => {
    if (pool.length < n) {
      throw new RangeError(`generateRoster: not enough people to plant ${n} ${kind} (${pool.length} left)`);
    }
    return pool.splice(0, n);
  };
  const count = (kind: RosterDefectKind): number => Math.max(0, Math.trunc(wanted[kind] ?? 0));

  for (let n = 0; n < count('duplicateEmails'); n++) {
    const [a, b] = take('duplicateEmails', 2) as [Employee, Employee];
    b.workEmail = a.workEmail;
    planted.push({
      kind: 'duplicateEmails',
      employeeIds: [a.id, b.id],
      field: 'workEmail',
      codes: ['EMPLOYEE_DUPLICATE_EMAIL'],
      detectedBy: 'plan',
      effect: 'skipped',
    });
  }
  for (let n = 0; n < count('missingNames'); n++) {
    const [p] = take('missingNames', 1) as [Employee];
    const field = n % 2 === 0 ? 'lastName' : 'firstName';
    p[field] = '';
    planted.push({
      kind: 'missingNames',
      employeeIds: [p.id],
      field,
      codes: ['EMPLOYEE_MISSING_REQUIRED_FIELD', 'EMPLOYEE_INVALID_NAME'],
      detectedBy: 'mapping',
      effect: 'skipped',
    });
  }
  for (let n = 0; n < count('invalidEmails'); n++) {
    const [p] = take('invalidEmails', 1) as [Employee];
    p.workEmail = n % 2 === 0 ? p.workEmail.replace('@', ' at ') : `${p.workEmail.split('@')[0]}@`;
    planted.push({
      kind: 'invalidEmails',
      employeeIds: [p.id],
      field: 'workEmail',
      codes: ['EMPLOYEE_INVALID_EMAIL'],
      detectedBy: 'mapping',
      effect: 'skipped',
    });
  }
  for (let n = 0; n < count('invalidPhones'); n++) {
    const [p] = take('invalidPhones', 1) as [Employee];
    p.workPhone = n % 2 === 0 ? '12345' : 'call reception';
    planted.push({
      kind: 'invalidPhones',
      employeeIds: [p.id],
      field: 'workPhone',
      codes: ['EMPLOYEE_INVALID_PHONE'],
      detectedBy: 'mapping',
      effect: 'field-dropped',
    });
  }
  for (let n = 0; n < count('invalidDates'); n++) {
    const [p] = take('invalidDates', 1) as [Employee];
    p.startDate = `${2019 + (n % 4)}-02-30`;
    planted.push({
      kind: 'invalidDates',
      employeeIds: [p.id],
      field: 'startDate',
      codes: ['EMPLOYEE_INVALID_DATE'],
      detectedBy: 'mapping',
      effect: 'field-dropped',
    });
  }
  for (let n = 0; n < count('managerCycles'); n++) {
    const loop = take('managerCycles', n % 2 === 0 ? 2 : 3);
    loop.forEach((p, i) => {
      p.managerId = (loop[(i + 1) % loop.length] as Employee).id;
    });
    planted.push({
      kind: 'managerCycles',
      employeeIds: loop.map((p) => p.id),
      field: 'managerId',
      codes: ['MANAGER_CYCLE'],
      detectedBy: 'plan',
      effect: 'field-dropped',
    });
  }
  for (let n = 0; n < count('selfManagers'); n++) {
    const [p] = take('selfManagers', 1) as [Employee];
    p.managerId = p.id;
    planted.push({
      kind: 'selfManagers',
      employeeIds: [p.id],
      field: 'managerId',
      codes: ['MANAGER_SELF'],
      detectedBy: 'plan',
      effect: 'field-dropped',
    });
  }
  for (let n = 0; n < count('missingManagers'); n++) {
    const [p] = take('missingManagers', 1) as [Employee];
    p.managerId = `X${String(n + 1).padStart(5, '0')}`;
    planted.push({
      kind: 'missingManagers',
      employeeIds: [p.id],
      field: 'managerId',
      codes: ['MANAGER_NOT_FOUND'],
      detectedBy: 'plan',
      effect: 'field-dropped',
    });
  }
  for (let n = 0; n < count('futureLeavers'); n++) {
    const [p] = take('futureLeavers', 1) as [Employee];
    p.employmentStatus = 'active';
    p.endDate = dayOffset(nowMs, random.int(30, 180));
    planted.push({
      kind: 'futureLeavers',
      employeeIds: [p.id],
      field: 'endDate',
      codes: [],
      detectedBy: 'none',
      effect: 'synced',
    });
  }
  for (let n = 0; n < count('duplicateIds'); n++) {
    const [a, b] = take('duplicateIds', 2) as [Employee, Employee];
    const original = b.id;
    b.id = a.id;
    // Nobody may keep pointing at an id that no longer exists.
    for (const p of people) if (p.managerId === original) p.managerId = a.id;
    planted.push({
      kind: 'duplicateIds',
      employeeIds: [a.id],
      field: 'id',
      codes: ['EMPLOYEE_DUPLICATE_ID'],
      detectedBy: 'plan',
      effect: 'skipped',
    });
  }
  plantUnitDefects(random, people, departments, 'department', wanted, planted);
  plantUnitDefects(random, people, locations, 'location', wanted, planted);
  return planted;
}

function plantUnitDefects(
  random: Random,
  people: Employee[],
  units: OrgUnit[],
  field: 'department' | 'location',
  wanted: RosterDefects,
  planted: PlantedDefect[],
): void {
  const missingKind = field === 'department' ? 'departmentsMissingName' : 'locationsMissingName';
  const duplicateKind = field === 'department' ? 'duplicateDepartmentNames' : 'duplicateLocationNames';
  const prefix = field === 'department' ? 'D' : 'L';
  const missing = Math.min(Math.max(0, Math.trunc(wanted[missingKind] ?? 0)), units.length);
  const candidates = random.shuffle(units);
  for (let n = 0; n < missing; n++) {
    const unit = candidates[n] as OrgUnit;
    delete unit.name;
    const members = people.filter((p) => p[field]?.id === unit.id);
    // The people keep the reference by id; the name they would show is gone.
    for (const p of members) p[field] = { id: unit.id, name: '' };
    planted.push({
      kind: missingKind,
      employeeIds: members.map((p) => p.id),
      unitIds: [unit.id],
      field,
      codes: [field === 'department' ? 'DEPARTMENT_MISSING_NAME' : 'LOCATION_MISSING_NAME'],
      detectedBy: 'mapping',
      effect: 'field-dropped',
    });
  }
  const duplicates = Math.max(0, Math.trunc(wanted[duplicateKind] ?? 0));
  const named = units.filter((u) => u.name !== undefined);
  for (let n = 0; n < duplicates && named.length > 0; n++) {
    const original = random.pick(named);
    const copy: OrgUnit = { id: unitId(prefix, units.length), name: original.name as string };
    units.push(copy);
    const moved = people.filter((p) => p[field]?.id === original.id && random.chance(0.5));
    for (const p of moved) p[field] = { id: copy.id, name: copy.name as string };
    planted.push({
      kind: duplicateKind,
      employeeIds: moved.map((p) => p.id),
      unitIds: [original.id, copy.id],
      field,
      codes: [field === 'department' ? 'DEPARTMENT_DUPLICATE_NAME' : 'LOCATION_DUPLICATE_NAME'],
      detectedBy: 'mapping',
      effect: 'synced',
    });
  }
}

function unitId(prefix: string, index: number): string {
  return `${prefix}${String(index + 1).padStart(2, '0')}`;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

function toDay(value: string | Date): string {
  const day = typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
  if (Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
    throw new RangeError(`generateRoster: invalid now: ${String(value)}`);
  return day;
}

function dayOffset(nowMs: number, days: number): string {
  return new Date(nowMs + days * DAY_MS).toISOString().slice(0, 10);
}

function slug(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

function uniqueEmail(firstName: string, lastName: string, domain: string, used: Set<string>): string {
  const base = `${slug(firstName)}.${slug(lastName)}`;
  let email = `${base}@${domain}`;
  for (let n = 2; used.has(email); n++) email = `${base}${n}@${domain}`;
  used.add(email);
  return email;
}
