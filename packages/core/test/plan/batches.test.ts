import { describe, expect, it } from 'vitest';
import type { CurrentRecord, Employee, SyncPlan } from '../../src/index.ts';
import { planSync } from '../../src/index.ts';
import { emp, hostOf, idsWith, NOW, shuffle, snap } from './helpers.ts';

// The plan reads people in batches (64 at a time) and reuses its row buffers from one batch to the next. These
// tests plant changes, duplicates and leavers on both sides of batch edges, and give neighbouring slots of
// consecutive batches different sets of fields, so a value left over from the previous batch, or an offset off by
// one, shows up as a wrong or missing change.

const SIZE = 200;
const TITLE_CHANGED = [0, 63, 64, 65, 127, 128, 191, 192, 199];
const JOINERS = [62, 66, 130];
const TERMINATED = [100, 129];
/** Pairs sharing one email (and pairs sharing one id), each pair in two different batches. */
const SAME_EMAIL: [number, number][] = [[10, 150]];
const SAME_ID: [number, number][] = [[20, 140]];

function id(i: number): string {
  return `E${String(i).padStart(4, '0')}`;
}

function person(i: number): Employee {
  // Alternating optional fields: slot k of one batch has them where slot k of the next has not.
  const batch = Math.floor(i / 64);
  const e = emp(id(i), { title: 'Engineer', startDate: `2020-01-0${(i % 9) + 1}` });
  if (batch % 2 === 0) {
    e.preferredName = `P${i}`;
    e.department = { id: `D${i % 5}`, name: `Dept ${i % 5}` };
  } else {
    e.workPhone = `+1415555${String(1000 + i).slice(-4)}`;
    e.teams = [{ name: `Team ${i % 3}` }];
  }
  return e;
}

interface Case {
  employees: Employee[];
  current: CurrentRecord[];
}

function build(): Case {
  const employees: Employee[] = [];
  const current: CurrentRecord[] = [];
  for (let i = 0; i < SIZE; i++) {
    const e = person(i);
    if (!JOINERS.includes(i)) current.push(hostOf(e, `h${String(i).padStart(4, '0')}`));
    const next: Employee = { ...e };
    if (TITLE_CHANGED.includes(i)) next.title = 'Staff Engineer';
    if (TERMINATED.includes(i)) next.employmentStatus = 'terminated';
    employees.push(next);
  }
  for (const [a, b] of SAME_EMAIL) employees[b] = { ...employees[b]!, workEmail: employees[a]!.workEmail };
  for (const [a, b] of SAME_ID) employees[b] = { ...employees[b]!, id: employees[a]!.id };
  return { employees, current };
}

function plan(c: Case): SyncPlan {
  return planSync({ snapshot: snap(c.employees), current: c.current, now: NOW });
}

describe('planSync on rosters longer than one read batch', () => {
  it('finds every change, joiner, leaver and duplicate on both sides of each batch edge', () => {
    const result = plan(build());
    const dupEmail = SAME_EMAIL.flat();
    const dupId = SAME_ID.flat();
    const skipped = new Set([...dupEmail, ...dupId]);

    expect(result.updates.map((u) => u.sourceId)).toEqual(TITLE_CHANGED.map(id));
    for (const u of result.updates) {
      expect(u.changes).toEqual([{ field: 'title', before: 'Engineer', after: 'Staff Engineer' }]);
    }
    expect(result.creates.map((c) => c.employee.id).sort()).toEqual(JOINERS.map(id));
    // E0140's record now reads as E0020 (the duplicate id), so E0140 is missing from a complete read.
    expect(result.archives.map((a) => [a.sourceId, a.reason])).toEqual([
      ...TERMINATED.map((i) => [id(i), 'terminated']),
      [id(140), 'missing_from_source'],
    ]);
    expect(idsWith(result, 'EMPLOYEE_DUPLICATE_EMAIL')).toEqual(dupEmail.map(id));
    expect(idsWith(result, 'EMPLOYEE_DUPLICATE_ID')).toEqual([id(20), id(20)]);
    // Both records with the duplicated id are skipped, and the id itself is never archived.
    expect(result.archives.some((a) => a.sourceId === id(20))).toBe(false);
    const synced = SIZE - skipped.size - JOINERS.length - TERMINATED.length;
    expect(result.summary.unchanged).toBe(synced - TITLE_CHANGED.length);
    expect(result.blocked).toBeUndefined();
  });

  it('gives the same plan whatever the order, so whichever people share a batch', () => {
    const c = build();
    const expected = plan(c);
    for (const seed of [1, 2, 3]) {
      const shuffled = plan({
        employees: shuffle(c.employees, seed),
        current: shuffle(c.current, seed + 10),
      });
      expect(shuffled).toEqual(expected);
    }
  });

  it('sees no change when nothing changed, across many batches', () => {
    const employees = Array.from({ length: 1000 }, (_, i) => person(i));
    const current = employees.map((e) => hostOf(e));
    const result = planSync({ snapshot: snap(employees), current, now: NOW });
    expect(result.summary).toMatchObject({ creates: 0, updates: 0, archives: 0, unchanged: 1000, issues: 0 });
  });
});
