import {
  type CurrentRecord,
  type Employee,
  EmployeeSchema,
  normalizePhone,
  planSync,
  type SourceSnapshot,
  toEmployee,
} from '@hrsync/core';
import { describe, expect, it } from 'vitest';
import { createRandom, generateRoster, type Roster } from '../src/index.ts';

const source = { id: 'fake', displayName: 'Fake HR' };

function snapshotOf(roster: Roster): SourceSnapshot {
  const employees: Employee[] = [];
  const issues = [];
  for (const e of roster.employees) {
    const result = toEmployee(e, { source });
    if (result.ok) employees.push(result.employee);
    issues.push(...result.issues);
  }
  return {
    source: source.id,
    fetchedAt: `${roster.now}T00:00:00.000Z`,
    complete: true,
    employees,
    issues,
    departments: roster.departments,
    locations: roster.locations,
  };
}

describe('createRandom', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });

  it('keeps int() in range, weights weighted() and shuffles without losing items', () => {
    const r = createRandom(1);
    const rolls = Array.from({ length: 2000 }, () => r.int(1, 6));
    expect(Math.min(...rolls)).toBe(1);
    expect(Math.max(...rolls)).toBe(6);
    const picks = Array.from({ length: 2000 }, () => r.weighted(['a', 'b'], [9, 1]));
    const share = picks.filter((p) => p === 'a').length / picks.length;
    expect(share).toBeGreaterThan(0.8);
    expect(r.weighted(['x', 'y'], [0, 1])).toBe('y');
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = r.shuffle(items);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
    expect(() => r.pick([])).toThrow(RangeError);
    expect(() => createRandom(Number.NaN)).toThrow(TypeError);
  });
});

describe('generateRoster', () => {
  it('is reproducible: the same seed gives the same roster, another seed another one', () => {
    const a = generateRoster({ seed: 7, size: 120, defects: { duplicateEmails: 1, managerCycles: 1 } });
    const b = generateRoster({ seed: 7, size: 120, defects: { duplicateEmails: 1, managerCycles: 1 } });
    const c = generateRoster({ seed: 8, size: 120, defects: { duplicateEmails: 1, managerCycles: 1 } });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });

  it('makes valid, unique, normalised people when no defect is asked for', () => {
    const roster = generateRoster({ seed: 1, size: 500 });
    expect(roster.employees).toHaveLength(500);
    expect(roster.defects).toEqual([]);
    expect(new Set(roster.employees.map((e) => e.id)).size).toBe(500);
    expect(new Set(roster.employees.map((e) => e.workEmail)).size).toBe(500);
    const phones = roster.employees.flatMap((e) => (e.workPhone ? [e.workPhone] : []));
    expect(phones.length).toBeGreaterThan(250);
    expect(new Set(phones).size).toBe(phones.length);
    for (const e of roster.employees) {
      expect(EmployeeSchema.safeParse(e).success, e.id).toBe(true);
      // Already normalised: mapping it again changes nothing and raises nothing.
      const again = toEmployee(e, { source });
      expect(again).toEqual({ ok: true, employee: e, issues: [] });
      if (e.workPhone) expect(normalizePhone(e.workPhone, 'US')).toEqual({ ok: true, value: e.workPhone });
    }
  });

  it('builds one manager tree under a CEO, with departments, locations, titles and statuses', () => {
    const roster = generateRoster({ seed: 3, size: 300 });
    const byId = new Map(roster.employees.map((e) => [e.id, e]));
    const [ceo] = roster.employees;
    expect(ceo?.managerId).toBeUndefined();
    expect(ceo?.title).toBe('Chief Executive Officer');
    for (const e of roster.employees.slice(1)) {
      // Walking up always reaches the CEO, so there is no cycle and no dangling manager.
      const seen = new Set<string>();
      let at: Employee | undefined = e;
      while (at?.managerId !== undefined) {
        expect(seen.has(at.id)).toBe(false);
        seen.add(at.id);
        at = byId.get(at.managerId);
        expect(at).toBeDefined();
        expect(at?.employmentStatus === 'active' || at?.employmentStatus === 'leave').toBe(true);
      }
      expect(at?.id).toBe(ceo?.id);
    }
    expect(roster.departments.length).toBe(16);
    expect(roster.locations.length).toBe(8);
    const statuses = new Set(roster.employees.map((e) => e.employmentStatus));
    expect([...statuses].sort()).toEqual(['active', 'leave', 'pending', 'terminated']);
    for (const e of roster.employees) {
      if (e.employmentStatus === 'terminated') expect(e.endDate! < roster.now).toBe(true);
      if (e.employmentStatus === 'pending') expect(e.startDate! > roster.now).toBe(true);
      expect(roster.departments.some((d) => d.id === e.department?.id && d.name === e.department?.name)).toBe(
        true,
      );
    }
    expect(roster.employees.filter((e) => e.title?.startsWith('Head of ')).length).toBe(15);
  });

  it('scales to a large roster quickly', () => {
    const started = performance.now();
    const roster = generateRoster({ seed: 9, size: 20_000 });
    expect(roster.employees).toHaveLength(20_000);
    expect(new Set(roster.employees.map((e) => e.workEmail)).size).toBe(20_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('plants mapping defects that toEmployee reports with the logged code', () => {
    const roster = generateRoster({
      seed: 11,
      size: 80,
      defects: { missingNames: 2, invalidEmails: 2, invalidPhones: 2, invalidDates: 1 },
    });
    expect(roster.defects.map((d) => d.kind)).toEqual([
      'missingNames',
      'missingNames',
      'invalidEmails',
      'invalidEmails',
      'invalidPhones',
      'invalidPhones',
      'invalidDates',
    ]);
    const planted = new Set(roster.defects.flatMap((d) => d.employeeIds));
    expect(planted.size).toBe(7);
    for (const defect of roster.defects) {
      const person = roster.employees.find((e) => e.id === defect.employeeIds[0])!;
      const result = toEmployee(person, { source });
      expect(result.ok).toBe(defect.effect !== 'skipped');
      expect(result.issues.map((i) => i.code).some((code) => defect.codes.includes(code))).toBe(true);
      expect(result.issues.some((i) => i.field === defect.field)).toBe(true);
    }
    for (const e of roster.employees) if (!planted.has(e.id)) expect(toEmployee(e, { source }).ok).toBe(true);
  });

  it('plants plan defects that planSync reports with the logged code, and future leavers it keeps', () => {
    const roster = generateRoster({
      seed: 5,
      size: 150,
      defects: {
        duplicateEmails: 1,
        managerCycles: 2,
        selfManagers: 1,
        missingManagers: 1,
        duplicateIds: 1,
        futureLeavers: 2,
        departmentsMissingName: 1,
        duplicateLocationNames: 1,
      },
    });
    const snapshot = snapshotOf(roster);
    const current: CurrentRecord[] = [];
    const plan = planSync({ snapshot, current, now: new Date(roster.now), sourceName: 'Fake HR' });
    for (const defect of roster.defects) {
      if (defect.codes.length === 0) continue;
      const found = plan.issues.filter((i) => defect.codes.includes(i.code));
      expect(found.length, defect.kind).toBeGreaterThan(0);
    }
    const cycle = roster.defects.find((d) => d.kind === 'managerCycles')!;
    expect(cycle.employeeIds).toHaveLength(2);
    expect(roster.defects.filter((d) => d.kind === 'managerCycles')[1]?.employeeIds).toHaveLength(3);
    // Future leavers are active people to create, not leavers.
    const future = roster.defects.filter((d) => d.kind === 'futureLeavers').flatMap((d) => d.employeeIds);
    expect(future).toHaveLength(2);
    for (const id of future) {
      const person = roster.employees.find((e) => e.id === id)!;
      expect(person.endDate! > roster.now).toBe(true);
      expect(plan.creates.some((c) => c.employee.id === id)).toBe(true);
    }
    // Duplicate emails and ids skip the people involved.
    const skipped = roster.defects.filter((d) => d.effect === 'skipped').flatMap((d) => d.employeeIds);
    for (const id of skipped) expect(plan.creates.some((c) => c.employee.id === id)).toBe(false);
  });

  it('refuses impossible requests with a clear error', () => {
    expect(() => generateRoster({ seed: 1, size: 3, defects: { missingNames: 5 } })).toThrow(
      /not enough people/,
    );
    expect(() => generateRoster({ seed: 1, size: -1 })).toThrow(RangeError);
    expect(generateRoster({ seed: 1, size: 0 }).employees).toEqual([]);
  });
});
