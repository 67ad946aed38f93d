import type { CurrentRecord, Employee } from '@hrsync/core';
import { describe, expect, it } from 'vitest';
import { type PeopleHrChange, planPeopleHrChange } from '../src/peoplehr-change.ts';

const NOW = new Date('2024-06-01T12:00:00Z');
const event = (ActionId: number, EmployeeId: string) => ({ ActionId, EmployeeId });

const ada: Employee = {
  id: 'key-ada',
  employeeNumber: 'PW21',
  firstName: 'Ada',
  lastName: 'Byron',
  workEmail: 'ada@northwind.example',
  title: 'Analyst',
  managerId: 'key-boss',
  employmentStatus: 'active',
};
const upsert = (employee: Employee, actionId = 2): PeopleHrChange => ({
  type: 'upsert',
  employeeNumber: employee.employeeNumber ?? '',
  events: [event(actionId, employee.employeeNumber ?? '')],
  employee,
  issues: [],
});

// A host company: the boss, Ada (linked), and many others who are not in the fragment.
function company(size = 50): CurrentRecord[] {
  const others: CurrentRecord[] = Array.from({ length: size }, (_, i) => ({
    hostId: `u${i}`,
    sourceId: `key-${i}`,
    employeeNumber: `PW${100 + i}`,
    firstName: 'Other',
    lastName: String(i),
    workEmail: `other${i}@northwind.example`,
    employmentStatus: 'active',
  }));
  return [
    {
      hostId: 'u-boss',
      sourceId: 'key-boss',
      firstName: 'Boss',
      lastName: 'Person',
      workEmail: 'boss@northwind.example',
      employmentStatus: 'active',
    },
    { ...ada, id: undefined, hostId: 'u-ada', sourceId: 'key-ada', title: 'Intern' } as CurrentRecord,
    ...others,
  ];
}

describe('planPeopleHrChange', () => {
  it('updates only the person, keeps their manager line, and archives nobody else', () => {
    const plan = planPeopleHrChange(upsert(ada), company(), { now: NOW });
    expect(plan.updates).toEqual([
      {
        type: 'update',
        hostId: 'u-ada',
        sourceId: 'key-ada',
        employee: ada,
        changes: [{ field: 'title', before: 'Intern', after: 'Analyst' }],
      },
    ]);
    expect(plan.archives).toEqual([]);
    expect(plan.creates).toEqual([]);
    expect(plan.issues).toEqual([]);
    expect(plan.blocked).toBeUndefined();
    expect(plan.summary).toMatchObject({ updates: 1, archives: 0, creates: 0, issues: 0 });
  });

  it('creates a new starter with their manager, planning nothing for the manager', () => {
    const starter = { ...ada, id: 'key-new', employeeNumber: 'PW22', workEmail: 'new@northwind.example' };
    const plan = planPeopleHrChange(upsert(starter, 1), company(), { now: NOW });
    expect(plan.creates).toEqual([{ type: 'create', employee: starter }]);
    expect(plan.updates).toEqual([]);
    expect(plan.issues).toEqual([]);
  });

  it('drops a manager the host does not have, with MANAGER_NOT_FOUND', () => {
    const starter = { ...ada, id: 'key-new', workEmail: 'new@northwind.example', managerId: 'key-unknown' };
    const plan = planPeopleHrChange(upsert(starter, 1), company(), { now: NOW });
    expect(plan.creates[0]?.employee.managerId).toBeUndefined();
    expect(plan.issues.map((i) => i.code)).toEqual(['MANAGER_NOT_FOUND']);
  });

  it('links an unlinked host user by email the first time', () => {
    const current = company().map((h) =>
      h.hostId === 'u-ada' ? { ...h, sourceId: undefined, title: 'Analyst' } : h,
    );
    const plan = planPeopleHrChange(upsert(ada, 1), current, { now: NOW });
    expect(plan.links).toEqual([
      { type: 'link', hostId: 'u-ada', sourceId: 'key-ada', matchedBy: 'workEmail' },
    ]);
    expect(plan.archives).toEqual([]);
  });

  it('archives a leaver (Marked Leaver) and only them', () => {
    const leaver = {
      ...ada,
      title: 'Intern',
      employmentStatus: 'terminated' as const,
      endDate: '2024-05-31',
    };
    const plan = planPeopleHrChange(upsert(leaver, 3), company(), { now: NOW });
    expect(plan.archives).toEqual([
      { type: 'archive', hostId: 'u-ada', sourceId: 'key-ada', reason: 'terminated' },
    ]);
    expect(plan.blocked).toBeUndefined();
  });

  it('keeps a future leaver active', () => {
    const leaving = { ...ada, title: 'Intern', endDate: '2099-12-31' };
    const plan = planPeopleHrChange(upsert(leaving, 3), company(), { now: NOW });
    expect(plan.archives).toEqual([]);
    expect(plan.updates[0]?.changes).toEqual([{ field: 'endDate', before: undefined, after: '2099-12-31' }]);
  });

  it('reports an email another linked host user holds, and touches neither', () => {
    const starter = { ...ada, id: 'key-new', workEmail: 'other3@northwind.example' };
    const plan = planPeopleHrChange(upsert(starter, 1), company(), { now: NOW });
    expect(plan.creates).toEqual([]);
    expect(plan.archives).toEqual([]);
    expect(plan.updates).toEqual([]);
    expect(plan.issues.map((i) => [i.code, i.recordId])).toEqual([['EMPLOYEE_DUPLICATE_EMAIL', 'key-new']]);
    expect(plan.issues[0]?.fix).toContain('People HR');
  });

  it('removes exactly the deleted person by unique key', () => {
    const change: PeopleHrChange = {
      type: 'remove',
      employeeNumber: 'PW21',
      sourceId: 'key-ada',
      events: [event(18, 'PW21')],
    };
    const plan = planPeopleHrChange(change, company(1000), { now: NOW });
    expect(plan.archives).toEqual([
      { type: 'archive', hostId: 'u-ada', sourceId: 'key-ada', reason: 'missing_from_source' },
    ]);
    expect(plan.blocked).toBeUndefined();
    expect(plan.summary).toMatchObject({ archives: 1, updates: 0, creates: 0 });
  });

  it('never archives two: two host users linked to the removed key block the plan', () => {
    const current = [
      ...company(),
      { hostId: 'u-ada-2', sourceId: 'key-ada', workEmail: 'ada2@northwind.example' },
    ];
    const change: PeopleHrChange = {
      type: 'remove',
      employeeNumber: 'PW21',
      sourceId: 'key-ada',
      events: [event(18, 'PW21')],
    };
    const plan = planPeopleHrChange(change, current, { now: NOW });
    expect(plan.blocked?.code).toBe('SYNC_ARCHIVE_THRESHOLD_EXCEEDED');
  });

  it('without a unique key, removes the host user with that employee number whose key People HR no longer has', () => {
    const current = company(); // u-ada has employeeNumber PW21 and key-ada
    const renamed = {
      hostId: 'u-renamed',
      sourceId: 'key-still-there',
      employeeNumber: 'PW21',
      workEmail: 'r@n.example',
    };
    const change: PeopleHrChange = {
      type: 'remove',
      employeeNumber: 'PW21',
      presentSourceIds: ['key-boss', 'key-still-there'],
      events: [event(18, 'PW21')],
    };
    const plan = planPeopleHrChange(change, [...current, renamed], { now: NOW });
    expect(plan.archives.map((a) => a.hostId)).toEqual(['u-ada']);
  });

  it('removes nobody when nothing matches', () => {
    const change: PeopleHrChange = {
      type: 'remove',
      employeeNumber: 'PW999',
      events: [event(18, 'PW999')],
      presentSourceIds: [],
    };
    const plan = planPeopleHrChange(change, company(), { now: NOW });
    expect(plan.archives).toEqual([]);
    expect(plan.summary.archives).toBe(0);
  });

  it('plans nothing for a person who cannot sync, and reports why', () => {
    const issue = {
      code: 'EMPLOYEE_MISSING_REQUIRED_FIELD' as const,
      severity: 'error' as const,
      source: 'peoplehr',
      entity: 'employee' as const,
      recordId: 'key-ada',
      field: 'workEmail',
      message: 'Employee PW21: The work email address is empty.',
      fix: 'In People HR, fill in the employee’s first name, last name and work email address.',
    };
    const change: PeopleHrChange = {
      type: 'skip',
      employeeNumber: 'PW21',
      sourceId: 'key-ada',
      issues: [issue],
      events: [event(2, 'PW21')],
    };
    const plan = planPeopleHrChange(change, company(), { now: NOW });
    expect(plan.archives).toEqual([]);
    expect(plan.issues).toEqual([issue]);
    expect(plan.summary).toMatchObject({ issues: 1, byCode: { EMPLOYEE_MISSING_REQUIRED_FIELD: 1 } });
  });
});
