import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  CurrentRecord,
  Employee,
  EmployeeField,
  MatchStrategy,
  OrgUnit,
  SyncPlan,
} from '../../src/index.ts';
import { EMPLOYEE_FIELDS, planSync } from '../../src/index.ts';
import { applyPlan, emp, hostOf, isEmptyPlan, NOW, shuffle, snap } from './helpers.ts';

// PLAN_PROPERTY_RUNS raises the count for a deeper local search.
const RUNS = { numRuns: Number(process.env.PLAN_PROPERTY_RUNS ?? 250) };
const TODAY = NOW.toISOString().slice(0, 10);

/** Drops `undefined` properties, so generated records satisfy exactOptionalPropertyTypes like parsed data would. */
function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}

// Small pools, so that ids, emails, managers and employee numbers collide often.
const ID = fc.constantFrom('E0', 'E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8', 'E9');
const LOCAL = fc.constantFrom('ada', 'alan', 'grace', 'edsger', 'barbara', 'ken', 'linus', 'radia', 'hedy');
const STATUS = fc.constantFrom(
  'active',
  'active',
  'active',
  'pending',
  'leave',
  'terminated',
) as fc.Arbitrary<Employee['employmentStatus']>;
const END = fc.constantFrom(undefined, undefined, undefined, '2025-06-14', '2025-06-15', '2025-06-16');
const TITLE = fc.constantFrom(undefined, 'Engineer', 'Manager');
const DEPT = fc.constantFrom<Employee['department']>(
  undefined,
  { id: 'D1', name: 'Sales' },
  { name: 'Sales' },
  { id: 'D2', name: 'Ops' },
);
const TEAMS = fc.constantFrom<Employee['teams']>(
  undefined,
  [],
  [{ name: 'Core' }],
  [{ name: 'Core' }, { id: 'T2', name: 'Edge' }],
);
const CUSTOM = fc.constantFrom<Employee['custom']>(
  undefined,
  {},
  { a: 1 },
  { a: 'x', b: null },
  { b: null, a: 'x' },
);
const NUMBER = fc.constantFrom(undefined, '1', '2', '3');

function email(local: string, shout: boolean): string {
  return shout ? `${local.toUpperCase()}@Example.com` : `${local}@example.com`;
}

/** Any roster: duplicate ids and emails, broken manager lines, leavers, rehires. */
const messyEmployee: fc.Arbitrary<Employee> = fc
  .record({
    id: ID,
    local: LOCAL,
    shout: fc.boolean(),
    firstName: fc.constantFrom('Ada', 'Alan'),
    status: STATUS,
    endDate: END,
    managerId: fc.option(ID, { nil: undefined }),
    title: TITLE,
    department: DEPT,
    teams: TEAMS,
    custom: CUSTOM,
    employeeNumber: NUMBER,
  })
  .map((r) =>
    compact<Employee>({
      id: r.id,
      employeeNumber: r.employeeNumber,
      firstName: r.firstName,
      lastName: 'Doe',
      workEmail: email(r.local, r.shout && r.local.length > 4),
      employmentStatus: r.status,
      endDate: r.endDate,
      managerId: r.managerId,
      title: r.title,
      department: r.department,
      teams: r.teams,
      custom: r.custom,
    }),
  );
const messyRoster = fc.array(messyEmployee, { maxLength: 14 });

/** Host users: linked to a pool id or not, archived or not, with colliding emails and numbers. */
const messyHosts: fc.Arbitrary<CurrentRecord[]> = fc
  .array(
    fc.record({
      sourceId: fc.option(ID, { nil: undefined }),
      local: fc.option(LOCAL, { nil: undefined }),
      archived: fc.constantFrom(undefined, false, true),
      title: TITLE,
      employeeNumber: NUMBER,
      status: fc.option(STATUS, { nil: undefined }),
    }),
    { maxLength: 8 },
  )
  .map((rows) =>
    rows.map((r, i) =>
      compact<CurrentRecord>({
        hostId: `u${i}`,
        sourceId: r.sourceId,
        workEmail: r.local === undefined ? undefined : email(r.local, false),
        archived: r.archived,
        title: r.title,
        employeeNumber: r.employeeNumber,
        employmentStatus: r.status,
      }),
    ),
  );

/** A valid roster: unique ids and emails, a manager tree without loops. */
const cleanRoster: fc.Arbitrary<Employee[]> = fc
  .array(
    fc.record({
      manager: fc.option(fc.nat(), { nil: undefined }),
      status: STATUS,
      endDate: END,
      title: TITLE,
      department: DEPT,
      teams: TEAMS,
      custom: CUSTOM,
    }),
    { maxLength: 20 },
  )
  .map((rows) =>
    rows.map((r, i) =>
      compact<Employee>({
        id: `E${i}`,
        firstName: 'Ada',
        lastName: `Doe${i}`,
        workEmail: `e${i}@example.com`,
        employmentStatus: r.status,
        endDate: r.endDate,
        // Only people who stay can manage, and only people listed before: a tree.
        managerId: i > 0 && r.manager !== undefined ? `E${r.manager % i}` : undefined,
        title: r.title,
        department: r.department,
        teams: r.teams,
        custom: r.custom,
      }),
    ),
  )
  .map((people) => {
    const leaving = new Set(people.filter(isLeaver).map((e) => e.id));
    return people.map((e) =>
      e.managerId !== undefined && leaving.has(e.managerId) ? compact({ ...e, managerId: undefined }) : e,
    );
  });

const MATCH = fc.constantFrom<readonly MatchStrategy[] | undefined>(
  undefined,
  ['sourceId', 'workEmail'],
  ['sourceId'],
  ['sourceId', 'workEmail', 'employeeNumber'],
  ['sourceId', 'employeeNumber', 'workEmail'],
);

function isLeaver(e: Employee): boolean {
  return e.employmentStatus === 'terminated' || (e.endDate !== undefined && e.endDate < TODAY);
}

function plan(employees: Employee[], current: CurrentRecord[], match?: readonly MatchStrategy[]): SyncPlan {
  return planSync({
    snapshot: snap(employees),
    current,
    now: NOW,
    match,
    safety: { allowMassArchive: true },
  });
}

const SKIP_CODES = new Set(['EMPLOYEE_DUPLICATE_ID', 'EMPLOYEE_DUPLICATE_EMAIL', 'HOST_DUPLICATE_LINK']);

/** Ids of the people a plan skipped: they carry an error issue. */
function skippedIds(p: SyncPlan): Set<string> {
  return new Set(
    p.issues.filter((i) => i.severity === 'error' && SKIP_CODES.has(i.code)).map((i) => i.recordId ?? ''),
  );
}

/** Deep equality where `undefined`, a missing value, `[]` and `{}` are the same "nothing". */
function sameValue(a: unknown, b: unknown): boolean {
  const empty = (v: unknown) =>
    v === undefined ||
    v === null ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
  if (empty(a) && empty(b)) return true;
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, x]) => [k, sortKeys(x)]),
    );
  }
  return v;
}

const DIFFED = EMPLOYEE_FIELDS.filter((f): f is Exclude<EmployeeField, 'id'> => f !== 'id');

describe('plan properties', () => {
  it('plan(a, a) is empty: a host in step with the source has nothing to do', () => {
    fc.assert(
      fc.property(cleanRoster, MATCH, (people, match) => {
        const current = people.map((e, i) => hostOf(e, `u${i}`, isLeaver(e) ? { archived: true } : {}));
        const p = plan(people, current, match);
        expect(isEmptyPlan(p)).toBe(true);
        expect(p.issues).toEqual([]);
        expect(p.unchanged).toBe(people.length);
        expect(p.blocked).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('applying plan(a, b) to a gives b: the next plan is empty and the host holds b', () => {
    fc.assert(
      fc.property(messyRoster, messyRoster, messyHosts, MATCH, (a, b, extra, match) => {
        const hostA = applyPlan(extra, plan(a, extra, match));
        const p = plan(b, hostA, match);
        const hostB = applyPlan(hostA, p);
        const again = plan(b, hostB, match);
        expect(outcomeOf(again)).toEqual({
          creates: [],
          updates: [],
          archives: [],
          reactivations: [],
          links: [],
        });
        expect(isEmptyPlan(again)).toBe(true);

        // The host now holds b: every person who syncs has one active, linked user with b's values.
        const skipped = skippedIds(p);
        const dropped = new Set(
          p.issues.filter((i) => i.code.startsWith('MANAGER_')).map((i) => i.recordId ?? ''),
        );
        const listed = new Set(b.map((e) => e.id));
        for (const e of b) {
          if (skipped.has(e.id)) continue;
          const active = hostB.filter((h) => h.sourceId === e.id && h.archived !== true);
          if (isLeaver(e)) {
            expect(active).toEqual([]);
            continue;
          }
          expect(active).toHaveLength(1);
          for (const field of DIFFED) {
            const want = field === 'managerId' && dropped.has(e.id) ? undefined : e[field];
            const have = active[0]![field];
            const ok =
              field === 'workEmail'
                ? String(have).toLowerCase() === String(want).toLowerCase()
                : sameValue(have, want);
            expect(ok, `${e.id}.${field}: ${JSON.stringify(have)} != ${JSON.stringify(want)}`).toBe(true);
          }
        }
        // Linked users whose person the complete read no longer lists are archived.
        for (const h of hostB) {
          if (h.sourceId !== undefined && !listed.has(h.sourceId)) expect(h.archived).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('every person lands in exactly one bucket, and every host user in at most one', () => {
    fc.assert(
      fc.property(messyRoster, messyHosts, MATCH, (people, current, match) => {
        const p = plan(people, current, match);
        const skipped = skippedIds(p);
        const ids = new Set(people.map((e) => e.id));
        const leavers = new Set(people.filter((e) => !skipped.has(e.id) && isLeaver(e)).map((e) => e.id));
        const active = new Set([...ids].filter((id) => !skipped.has(id) && !leavers.has(id)));

        const created = p.creates.map((c) => c.employee.id);
        const updated = p.updates.map((u) => u.sourceId);
        const reactivated = p.reactivations.map((r) => r.sourceId);
        const archivedLeavers = p.archives
          .filter((a) => a.reason !== 'missing_from_source')
          .map((a) => a.sourceId!);
        const touched = [...created, ...updated, ...reactivated, ...archivedLeavers];
        expect(new Set(touched).size).toBe(touched.length);
        for (const id of [...created, ...updated, ...reactivated]) expect(active.has(id)).toBe(true);
        for (const id of archivedLeavers) expect(leavers.has(id)).toBe(true);

        // Missing-from-source archives are only for people the snapshot does not list at all.
        for (const a of p.archives) {
          if (a.reason === 'missing_from_source') expect(ids.has(a.sourceId!)).toBe(false);
        }

        // Each leaver is archived, already archived (unchanged), or unknown to the host (ignored).
        const linkOf = new Map(p.links.map((l) => [l.sourceId, l.hostId]));
        const hostById = new Map(current.map((h) => [h.hostId, h]));
        let unchangedLeavers = 0;
        for (const id of leavers) {
          const linked = current.filter((h) => h.sourceId === id);
          const host = linked[0] ?? hostById.get(linkOf.get(id) ?? '');
          if (host === undefined) continue;
          if (host.archived === true) unchangedLeavers++;
          else expect(archivedLeavers).toContain(id);
        }
        const unchangedActive = active.size - created.length - updated.length - reactivated.length;
        expect(unchangedActive).toBeGreaterThanOrEqual(0);
        expect(p.unchanged).toBe(unchangedActive + unchangedLeavers);

        // Host users: at most one of update, archive, reactivation.
        const hostIds = [...p.updates, ...p.archives, ...p.reactivations].map((x) => x.hostId);
        expect(new Set(hostIds).size).toBe(hostIds.length);
        // Each unchanged person stands for a host user of their own, so together they never outnumber the host.
        expect(p.unchanged + hostIds.length).toBeLessThanOrEqual(current.length);

        // Every skipped person has an error issue and nothing else.
        for (const id of skipped) expect(touched).not.toContain(id);
      }),
      RUNS,
    );
  });

  it('input order does not change the plan', () => {
    const orgUnits = fc.array(
      fc.record({
        id: fc.constantFrom('D1', 'D2', 'D3', 'D4'),
        name: fc.constantFrom(undefined, 'Sales', 'Ops'),
      }),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(
        messyRoster,
        messyHosts,
        orgUnits,
        MATCH,
        fc.integer(),
        (people, current, depts, match, seed) => {
          const departments = depts.map((d) => compact<OrgUnit>(d));
          const input = (e: Employee[], c: CurrentRecord[], d: OrgUnit[]) =>
            planSync({
              snapshot: snap(e, { departments: d, locations: d }),
              current: c,
              now: NOW,
              match,
            });
          const a = input(people, current, departments);
          const b = input(shuffle(people, seed), shuffle(current, seed + 1), shuffle(departments, seed + 2));
          expect(b).toEqual(a);
        },
      ),
      RUNS,
    );
  });

  it('people in step placed first do not change the plan, wherever the rest falls in the read batches', () => {
    // The plan reads 64 people at a time: 50 to 140 in-step people in front move every other record across one or
    // two batch edges, on both sides.
    fc.assert(
      fc.property(
        messyRoster,
        messyHosts,
        MATCH,
        fc.integer({ min: 50, max: 140 }),
        (people, current, match, fill) => {
          const filler = Array.from({ length: fill }, (_, i) =>
            emp(`F${i}`, { workEmail: `f${i}@filler.example`, title: 'Engineer' }),
          );
          const fillerHosts = filler.map((e, i) => hostOf(e, `f${String(i).padStart(3, '0')}`));
          const alone = plan(people, current, match);
          const padded = plan([...filler, ...people], [...fillerHosts, ...current], match);
          expect(padded).toEqual({
            ...alone,
            unchanged: alone.unchanged + fill,
            summary: { ...alone.summary, unchanged: alone.summary.unchanged + fill },
          });
        },
      ),
      RUNS,
    );
  });
});

function outcomeOf(p: SyncPlan): unknown {
  return {
    creates: p.creates.map((c) => c.employee.id),
    updates: p.updates.map((u) => [u.hostId, u.changes]),
    archives: p.archives,
    reactivations: p.reactivations.map((r) => r.hostId),
    links: p.links,
  };
}
