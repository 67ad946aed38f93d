// Deterministic rosters for the plan benchmark: a company of `size` people the host already has (all linked), and
// the next read of the same company with 1% of people changed, 0.5% joiners and 0.5% leavers (half terminated,
// a quarter with a past end date, a quarter gone from the read). The manager tree looks like a real one (spans of
// about seven, a few hundred departments), and reports of a leaver move to the leaver's manager, as HR does.
import type { CurrentRecord, Employee, OrgRef, OrgUnit, SourceSnapshot } from '../../src/index.ts';

/** A seeded PRNG (mulberry32): the same seed gives the same roster on every machine. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Ada',
  'Alan',
  'Grace',
  'Edsger',
  'Barbara',
  'Donald',
  'Margaret',
  'Ken',
  'Radia',
  'Linus',
  'Frances',
  'John',
  'Hedy',
  'Tim',
  'Katherine',
  'Dennis',
];
const LAST = [
  'Lovelace',
  'Turing',
  'Hopper',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Hamilton',
  'Thompson',
  'Perlman',
  'Torvalds',
  'Allen',
  'Backus',
  'Lamarr',
  'Berners-Lee',
  'Johnson',
  'Ritchie',
];
const TITLES = [
  'Engineer',
  'Senior Engineer',
  'Staff Engineer',
  'Manager',
  'Director',
  'Designer',
  'Analyst',
  'Account Executive',
  'Recruiter',
  'Support Specialist',
  'Product Manager',
  'Accountant',
];
const ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Tokyo',
];
const TYPES = [
  'full_time',
  'full_time',
  'full_time',
  'full_time',
  'part_time',
  'contractor',
  'intern',
] as const;

/** The inputs of one benchmark case. */
export interface BenchRoster {
  snapshot: SourceSnapshot;
  current: CurrentRecord[];
  /** What the generator changed, to check the plan against. */
  expected: { updated: number; joiners: number; terminated: number; endDatePassed: number; gone: number };
}

function pad(i: number): string {
  return String(i).padStart(8, '0');
}

/** The unit a person belongs to: `groups` units, each a fresh object per call (as a vendor's JSON would give). */
function unitRef(prefix: string, names: readonly string[], k: number): OrgRef {
  return { id: `${prefix}${k}`, name: names[k]! };
}

interface Base {
  manager: Int32Array;
  dept: Int32Array;
  loc: Int32Array;
  seed: Uint32Array;
}

/**
 * Builds person `i`. Called once for the host's copy and once for the source's, so the two sides hold equal but
 * distinct strings and objects, like two reads of the same data.
 */
function makePerson(i: number, base: Base, depts: readonly string[], locs: readonly string[]): Employee {
  const r = createRandom(base.seed[i]!);
  const first = FIRST[Math.floor(r() * FIRST.length)]!;
  const last = LAST[Math.floor(r() * LAST.length)]!;
  const e: Employee = {
    id: `E${pad(i)}`,
    employeeNumber: String(100000 + i),
    firstName: first,
    lastName: last,
    workEmail: `${first.toLowerCase()}.${last.toLowerCase()}.${i}@acme.example`,
    employmentStatus: r() < 0.03 ? 'leave' : 'active',
  };
  if (r() < 0.1) e.preferredName = first.slice(0, 3);
  if (r() < 0.3) e.personalEmail = `${first.toLowerCase()}${i}@mail.example`;
  if (r() < 0.5) e.workPhone = `+1415${String(1000000 + (i % 9000000)).padStart(7, '0')}`;
  e.title = TITLES[Math.floor(r() * TITLES.length)]!;
  e.department = unitRef('D', depts, base.dept[i]!);
  e.location = unitRef('L', locs, base.loc[i]!);
  e.organization = { id: 'O1', name: 'Acme' };
  if (r() < 0.3) e.teams = [{ id: `T${i % 97}`, name: `Team ${i % 97}` }];
  const m = base.manager[i]!;
  if (m >= 0) e.managerId = `E${pad(m)}`;
  e.employmentType = TYPES[Math.floor(r() * TYPES.length)]!;
  e.startDate = `20${String(10 + Math.floor(r() * 14)).padStart(2, '0')}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
  e.timezone = ZONES[Math.floor(r() * ZONES.length)]!;
  if (r() < 0.2) e.custom = { costCenter: `CC${i % 50}`, remote: r() < 0.5 };
  return e;
}

function toHost(e: Employee, hostId: string): CurrentRecord {
  const { id, ...fields } = e;
  return { hostId, sourceId: id, ...fields };
}

/**
 * A company of `size` people known to the host, and the source's next read of it.
 *
 * @param seed fixed by the benchmark so every run plans the same data
 */
export function generateRoster(size: number, seed = 42): BenchRoster {
  const rand = createRandom(seed);
  const joiners = Math.round(size * 0.005);
  const total = size + joiners;
  const deptCount = Math.max(3, Math.round(size / 50));
  const locCount = Math.max(2, Math.round(size / 500));
  const depts = Array.from({ length: deptCount }, (_, k) => `Department ${k}`);
  const locs = Array.from({ length: locCount }, (_, k) => `Office ${k}`);
  const base: Base = {
    manager: new Int32Array(total),
    dept: new Int32Array(total),
    loc: new Int32Array(total),
    seed: new Uint32Array(total),
  };
  // A tree with spans of about seven: each person reports to someone earlier, so there is no loop.
  base.manager[0] = -1;
  for (let i = 0; i < total; i++) {
    base.seed[i] = Math.floor(rand() * 2 ** 32);
    if (i > 0) {
      const m = Math.floor((i - 1) / 7);
      base.manager[i] = rand() < 0.3 ? Math.max(0, m - Math.floor(rand() * 3)) : m;
    }
    // Reports mostly sit in their manager's department and office.
    const mi = base.manager[i]!;
    base.dept[i] = mi >= 0 && rand() < 0.8 ? base.dept[mi]! : Math.floor(rand() * deptCount);
    base.loc[i] = mi >= 0 && rand() < 0.9 ? base.loc[mi]! : Math.floor(rand() * locCount);
  }
  // Joiners report to existing people.
  for (let i = size; i < total; i++) base.manager[i] = Math.floor(rand() * size);

  const current: CurrentRecord[] = new Array(size);
  for (let i = 0; i < size; i++) current[i] = toHost(makePerson(i, base, depts, locs), `u${pad(i)}`);

  // Leavers (never the root) and changed people, chosen without overlap.
  const kind = new Uint8Array(total); // 0 same, 1 updated, 2 terminated, 3 end date passed, 4 gone
  const leavers = Math.round(size * 0.005);
  const updated = Math.round(size * 0.01);
  const pick = (k: number): void => {
    for (;;) {
      const i = 1 + Math.floor(rand() * (size - 1));
      if (kind[i] === 0) {
        kind[i] = k;
        return;
      }
    }
  };
  let terminated = 0;
  let endDatePassed = 0;
  let gone = 0;
  for (let k = 0; k < leavers; k++) {
    const x = k % 4;
    const what = x < 2 ? 2 : x === 2 ? 3 : 4;
    if (what === 2) terminated++;
    else if (what === 3) endDatePassed++;
    else gone++;
    pick(what);
  }
  for (let k = 0; k < updated; k++) pick(1);

  // The source's manager of each person: leavers' reports move up to the leaver's (remaining) manager.
  const sourceManager = new Int32Array(base.manager);
  const up = (m: number): number => {
    while (m >= 0 && kind[m]! >= 2) m = base.manager[m]!;
    return m;
  };
  let movedReports = 0;
  for (let i = 0; i < total; i++) {
    if (kind[i]! >= 2) continue;
    const m = up(base.manager[i]!);
    if (m !== base.manager[i]) {
      sourceManager[i] = m;
      if (kind[i] === 0 && i < size) movedReports++;
    }
  }
  base.manager = sourceManager;

  const employees: Employee[] = [];
  for (let i = 0; i < total; i++) {
    const k = kind[i]!;
    if (k === 4) continue;
    const e = makePerson(i, base, depts, locs);
    if (k === 1) {
      const x = i % 3;
      if (x === 0) e.title = `${e.title} II`;
      else if (x === 1) e.department = unitRef('D', depts, (base.dept[i]! + 1) % deptCount);
      else e.lastName = `${e.lastName}-Smith`;
    } else if (k === 2) {
      e.employmentStatus = 'terminated';
      e.endDate = '2024-12-31';
    } else if (k === 3) {
      e.endDate = '2025-01-15';
    }
    employees.push(e);
  }
  const departments: OrgUnit[] = depts.map((name, k) => ({ id: `D${k}`, name }));
  const locations: OrgUnit[] = locs.map((name, k) => ({ id: `L${k}`, name }));
  return {
    snapshot: {
      source: 'trinet',
      fetchedAt: '2025-02-01T08:00:00.000Z',
      complete: true,
      employees: throughJson(employees),
      departments,
      locations,
      issues: [],
    },
    current: throughJson(current),
    expected: { updated: updated + movedReports, joiners, terminated, endDatePassed, gone },
  };
}

/**
 * Sends records through JSON, in chunks, as a vendor's response or a database driver would hand them over: flat
 * strings and fresh objects (template strings built here are ropes, which compare and hash unlike real data).
 */
function throughJson<T>(records: readonly T[]): T[] {
  const out: T[] = [];
  const chunk = 10_000;
  for (let i = 0; i < records.length; i += chunk) {
    for (const r of JSON.parse(JSON.stringify(records.slice(i, i + chunk))) as T[]) out.push(r);
  }
  return out;
}

/** The `now` the benchmark plans at: after every generated past end date, before none of the future ones. */
export const BENCH_NOW = new Date('2025-02-01T08:00:00.000Z');
