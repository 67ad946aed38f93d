import { describe, expect, it } from 'vitest';
import type { CurrentRecord, Employee, EmployeeField, PlanInput, SyncIssue } from '../../src/index.ts';
import { EMPLOYEE_FIELDS, planSync } from '../../src/index.ts';
import { emp, hostOf, idsWith, isEmptyPlan, NOW, outcome, shuffle, snap, units } from './helpers.ts';

function plan(employees: Employee[], current: CurrentRecord[], over: Partial<PlanInput> = {}) {
  return planSync({ snapshot: snap(employees), current, now: NOW, ...over });
}

describe('matching', () => {
  it('matches a host user by source id, whatever its email', () => {
    const e = emp('E1', { workEmail: 'new@example.com' });
    const p = plan([e], [hostOf(emp('E1'), 'u1')]);
    expect(outcome(p).updates).toEqual(['u1:E1']);
    expect(p.links).toEqual([]);
    expect(p.updates[0]!.changes).toEqual([
      { field: 'workEmail', before: 'e1@example.com', after: 'new@example.com' },
    ]);
  });

  it('matches an unlinked host user by work email, links it, then diffs the person', () => {
    const e = emp('E1', { title: 'CTO' });
    const current: CurrentRecord[] = [
      { hostId: 'u1', workEmail: 'e1@example.com', firstName: 'FirstE1', lastName: 'LastE1' },
    ];
    const p = plan([e], current, { fields: ['firstName', 'lastName', 'workEmail', 'title'] });
    expect(p.links).toEqual([{ type: 'link', hostId: 'u1', sourceId: 'E1', matchedBy: 'workEmail' }]);
    expect(p.updates).toEqual([
      {
        type: 'update',
        hostId: 'u1',
        sourceId: 'E1',
        employee: e,
        changes: [{ field: 'title', before: undefined, after: 'CTO' }],
      },
    ]);
    expect(p.creates).toEqual([]);
  });

  it('links and counts unchanged when the first match already agrees', () => {
    const e = emp('E1');
    const { sourceId: _s, ...unlinked } = hostOf(e, 'u1');
    const p = plan([e], [unlinked]);
    expect(outcome(p).links).toEqual(['u1:E1:workEmail']);
    expect(p.updates).toEqual([]);
    expect(p.unchanged).toBe(1);
  });

  it('compares emails trimmed and lower-cased, for matching and for the diff', () => {
    const e = emp('E1');
    const p = plan([e], [{ ...hostOf(e, 'u1'), sourceId: undefined, workEmail: '  E1@Example.COM ' }]);
    expect(outcome(p).links).toEqual(['u1:E1:workEmail']);
    expect(p.updates).toEqual([]);
    expect(p.unchanged).toBe(1);
  });

  it('never matches a linked host user by email', () => {
    const e = emp('E2', { workEmail: 'shared@example.com' });
    const other = hostOf(emp('E1', { workEmail: 'shared@example.com' }), 'u1');
    const p = plan([e], [other], { safety: { allowMassArchive: true } });
    expect(p.links).toEqual([]);
    expect(p.creates).toEqual([]);
    expect(idsWith(p, 'EMPLOYEE_DUPLICATE_EMAIL')).toEqual(['E2']);
  });

  it('matches by employee number only when asked', () => {
    const e = emp('E1', { employeeNumber: '042', workEmail: 'changed@example.com' });
    const current: CurrentRecord[] = [{ hostId: 'u1', employeeNumber: '042', workEmail: 'old@example.com' }];
    const byDefault = plan([e], current);
    expect(byDefault.links).toEqual([]);
    expect(outcome(byDefault).creates).toEqual(['E1']);
    const asked = plan([e], current, { match: ['sourceId', 'workEmail', 'employeeNumber'] });
    expect(asked.links).toEqual([
      { type: 'link', hostId: 'u1', sourceId: 'E1', matchedBy: 'employeeNumber' },
    ]);
    expect(asked.creates).toEqual([]);
  });

  it('matches by source id before email: an unlinked user with the same email is left alone', () => {
    const e = emp('E1');
    const linked = hostOf(e, 'u1');
    const unlinked: CurrentRecord = { hostId: 'u2', workEmail: 'e1@example.com' };
    const p = plan([e], [linked, unlinked]);
    expect(p.links).toEqual([]);
    expect(p.unchanged).toBe(1);
    expect(isEmptyPlan(p)).toBe(true);
  });

  it('tries email and employee number in the order of `match`', () => {
    const e = emp('E1', { employeeNumber: '7' });
    const byEmail: CurrentRecord = { hostId: 'u1', workEmail: 'e1@example.com' };
    const byNumber: CurrentRecord = { hostId: 'u2', employeeNumber: '7', workEmail: 'x@example.com' };
    const numberFirst = plan([e], [byEmail, byNumber], {
      match: ['sourceId', 'employeeNumber', 'workEmail'],
    });
    expect(outcome(numberFirst).links).toEqual(['u2:E1:employeeNumber']);
    const emailFirst = plan([e], [byEmail, byNumber], { match: ['sourceId', 'workEmail', 'employeeNumber'] });
    expect(outcome(emailFirst).links).toEqual(['u1:E1:workEmail']);
  });

  it('does not match by email when `match` leaves it out', () => {
    const e = emp('E1');
    const p = plan([e], [{ hostId: 'u1', workEmail: 'e1@example.com' }], { match: ['sourceId'] });
    expect(p.links).toEqual([]);
    expect(p.creates).toEqual([]);
    expect(idsWith(p, 'EMPLOYEE_DUPLICATE_EMAIL')).toEqual(['E1']);
  });
});

describe('source-side validation and clashes with host users', () => {
  it('skips every record of a duplicated id with EMPLOYEE_DUPLICATE_ID, and archives nobody for it', () => {
    const a = emp('E1', { workEmail: 'a@example.com' });
    const b = emp('E1', { workEmail: 'b@example.com', title: 'Other' });
    const p = plan([a, b, emp('E2')], [hostOf(a, 'u1'), hostOf(emp('E2'), 'u2')]);
    expect(idsWith(p, 'EMPLOYEE_DUPLICATE_ID')).toEqual(['E1', 'E1']);
    expect(p.issues.every((i) => i.severity === 'error')).toBe(true);
    expect(p.creates).toEqual([]);
    expect(p.updates).toEqual([]);
    expect(p.archives).toEqual([]);
    expect(p.unchanged).toBe(1);
  });

  it('skips everyone sharing a work email (case-insensitively) with an EMPLOYEE_DUPLICATE_EMAIL error', () => {
    const a = emp('E1', { workEmail: 'team@example.com' });
    const b = emp('E2', { workEmail: 'Team@Example.com' });
    const c = emp('E3', { workEmail: 'team@example.com' });
    const p = plan([a, b, c, emp('E4')], [hostOf(a, 'u1')]);
    expect(idsWith(p, 'EMPLOYEE_DUPLICATE_EMAIL')).toEqual(['E1', 'E2', 'E3']);
    const issue = p.issues.find((i) => i.recordId === 'E2')!;
    expect(issue).toMatchObject({
      severity: 'error',
      field: 'workEmail',
      entity: 'employee',
      source: 'trinet',
    });
    expect(issue.fix).toBe(
      'In TriNet, ensure none of your employees share the exact same work email address.',
    );
    expect(outcome(p).creates).toEqual(['E4']);
    expect(p.updates).toEqual([]);
    expect(p.archives).toEqual([]);
  });

  it('does not create a newcomer whose email belongs to a host user linked to someone else', () => {
    const leaver = hostOf(emp('E1', { workEmail: 'reused@example.com' }), 'u1', { archived: true });
    const p = plan([emp('E2', { workEmail: 'reused@example.com' })], [leaver]);
    expect(p.creates).toEqual([]);
    expect(p.reactivations).toEqual([]);
    expect(idsWith(p, 'EMPLOYEE_DUPLICATE_EMAIL')).toEqual(['E2']);
    expect(p.issues[0]!.message).toContain('u1 (linked to E1)');
  });

  it('creates a newcomer whose email an existing person gives up in the same plan', () => {
    const moved = emp('E1', { workEmail: 'ada.lovelace@example.com' });
    const p = plan([moved, emp('E2', { workEmail: 'e1@example.com' })], [hostOf(emp('E1'), 'u1')]);
    expect(outcome(p).creates).toEqual(['E2']);
    expect(outcome(p).updates).toEqual(['u1:E1']);
    expect(p.issues).toEqual([]);
    const notSynced = plan([moved, emp('E2', { workEmail: 'e1@example.com' })], [hostOf(emp('E1'), 'u1')], {
      fields: ['title'],
    });
    expect(idsWith(notSynced, 'EMPLOYEE_DUPLICATE_EMAIL')).toEqual(['E2']);
  });

  it('skips a person two host users are linked to, with HOST_DUPLICATE_LINK, touching neither', () => {
    const e = emp('E1', { title: 'New title' });
    const p = plan([e], [hostOf(emp('E1'), 'u1'), hostOf(emp('E1'), 'u2')]);
    expect(idsWith(p, 'HOST_DUPLICATE_LINK')).toEqual(['E1']);
    expect(p.issues[0]).toMatchObject({ severity: 'error', entity: 'host' });
    expect(p.issues[0]!.message).toContain('u1, u2');
    expect(isEmptyPlan(p)).toBe(true);
    expect(p.unchanged).toBe(0);
  });

  it('skips a person whose email two unlinked host users share, linking neither', () => {
    const p = plan(
      [emp('E1')],
      [
        { hostId: 'u1', workEmail: 'e1@example.com' },
        { hostId: 'u2', workEmail: 'E1@example.com' },
      ],
    );
    expect(idsWith(p, 'HOST_DUPLICATE_LINK')).toEqual(['E1']);
    expect(isEmptyPlan(p)).toBe(true);
  });

  it('skips every person who claims the same unlinked host user at one level, and withholds that user', () => {
    const a = emp('E1', { employeeNumber: '9' });
    const b = emp('E2', { employeeNumber: '9' });
    const match = ['sourceId', 'employeeNumber', 'workEmail'] as const;
    const current: CurrentRecord[] = [{ hostId: 'u1', workEmail: 'e2@example.com', employeeNumber: '9' }];
    const p = plan([a, b], current, { match });
    expect(idsWith(p, 'HOST_DUPLICATE_LINK')).toEqual(['E1', 'E2']);
    expect(p.issues[0]!.message).toContain('Host user u1 matches 2 people by employee number (E1, E2)');
    // u1 is withheld: E2 does not get it by email at the next level either.
    expect(isEmptyPlan(p)).toBe(true);
  });

  it('lets an earlier strategy win: a host user matched by email is no longer a candidate by number', () => {
    const byEmail = emp('E1', { workEmail: 'u1@example.com' });
    const byNumber = emp('E2', { employeeNumber: '9' });
    const current: CurrentRecord[] = [
      { hostId: 'u1', workEmail: 'u1@example.com', employeeNumber: '9' },
      { hostId: 'u2', workEmail: 'other@example.com', employeeNumber: '9' },
    ];
    const p = plan([byEmail, byNumber], current, { match: ['sourceId', 'workEmail', 'employeeNumber'] });
    expect(outcome(p).links).toEqual(['u1:E1:workEmail', 'u2:E2:employeeNumber']);
    expect(p.issues).toEqual([]);
  });

  it('skips a person whose employee number several unlinked host users share', () => {
    const p = plan(
      [emp('E1', { employeeNumber: '9' })],
      [
        { hostId: 'u1', employeeNumber: '9' },
        { hostId: 'u2', employeeNumber: '9' },
      ],
      { match: ['sourceId', 'employeeNumber'] },
    );
    expect(idsWith(p, 'HOST_DUPLICATE_LINK')).toEqual(['E1']);
    expect(p.issues[0]!.message).toContain('Host users u1, u2 share the employee number 9');
    expect(isEmptyPlan(p)).toBe(true);
  });

  it('never archives a skipped person, even one the source marks terminated', () => {
    const a = emp('E1', { workEmail: 'dup@example.com', employmentStatus: 'terminated' });
    const b = emp('E2', { workEmail: 'dup@example.com' });
    const p = plan([a, b], [hostOf(emp('E1'), 'u1'), hostOf(emp('E2'), 'u2')]);
    expect(p.archives).toEqual([]);
    expect(idsWith(p, 'EMPLOYEE_DUPLICATE_EMAIL')).toEqual(['E1', 'E2']);
  });

  it('never archives a person the source listed but could not read (an issue in the snapshot)', () => {
    const unreadable: SyncIssue = {
      code: 'EMPLOYEE_INVALID_EMAIL',
      severity: 'error',
      source: 'trinet',
      entity: 'employee',
      recordId: 'E2',
      message: 'invalid',
      fix: 'fix',
    };
    const p = planSync({
      snapshot: snap([emp('E1')], { issues: [unreadable] }),
      current: [hostOf(emp('E1'), 'u1'), hostOf(emp('E2'), 'u2')],
      now: NOW,
    });
    expect(p.archives).toEqual([]);
    expect(p.issues).toEqual([unreadable]);
  });

  it('names the source in fix texts: sourceName, a known vendor, or the id capitalised', () => {
    const dup = [emp('E1', { workEmail: 'x@example.com' }), emp('E2', { workEmail: 'x@example.com' })];
    const given = planSync({ snapshot: snap(dup), current: [], now: NOW, sourceName: 'Acme HR' });
    expect(given.issues[0]!.fix).toMatch(/^In Acme HR, /);
    const known = planSync({ snapshot: snap(dup, { source: 'peoplehr' }), current: [], now: NOW });
    expect(known.issues[0]!.fix).toMatch(/^In People HR, /);
    const other = planSync({ snapshot: snap(dup, { source: 'bamboo' }), current: [], now: NOW });
    expect(other.issues[0]!.fix).toMatch(/^In Bamboo, /);
    expect(other.issues[0]!.source).toBe('bamboo');
  });
});

describe('field-level diff', () => {
  it('compares only `fields` (and never `id`)', () => {
    const before = emp('E1', { title: 'Engineer' });
    const after = emp('E1', { title: 'Manager', lastName: 'Renamed' });
    const p = plan([after], [hostOf(before, 'u1')], { fields: ['id', 'title'] });
    expect(p.updates[0]!.changes).toEqual([{ field: 'title', before: 'Engineer', after: 'Manager' }]);
    const none = plan([after], [hostOf(before, 'u1')], { fields: ['employeeNumber'] });
    expect(none.updates).toEqual([]);
    expect(none.unchanged).toBe(1);
  });

  it.each(EMPLOYEE_FIELDS.filter((f) => f !== 'id'))('detects a change of %s alone', (field) => {
    const values: Record<Exclude<EmployeeField, 'id'>, [unknown, unknown]> = {
      employeeNumber: ['1', '2'],
      firstName: ['Ada', 'Augusta'],
      lastName: ['Byron', 'Lovelace'],
      preferredName: ['Ada', 'A'],
      workEmail: ['a@example.com', 'b@example.com'],
      personalEmail: ['a@mail.example', 'b@mail.example'],
      workPhone: ['+14155550100', '+14155550101'],
      title: ['Engineer', 'Manager'],
      department: [
        { id: 'D1', name: 'R&D' },
        { id: 'D2', name: 'R&D' },
      ],
      location: [{ name: 'Paris' }, { name: 'Lyon' }],
      organization: [
        { id: 'O1', name: 'Acme' },
        { id: 'O1', name: 'Acme Inc' },
      ],
      teams: [[{ name: 'A' }], [{ name: 'A' }, { name: 'B' }]],
      managerId: ['E2', 'E3'],
      employmentStatus: ['active', 'leave'],
      employmentType: ['full_time', 'contractor'],
      startDate: ['2020-01-01', '2020-01-02'],
      endDate: ['2030-01-01', '2030-01-02'],
      timezone: ['Europe/Paris', 'Europe/London'],
      custom: [{ a: 1 }, { a: 2 }],
    };
    const [before, after] = values[field as Exclude<EmployeeField, 'id'>];
    const managers = [emp('E2'), emp('E3')];
    const source = emp('E1', { [field]: after } as Partial<Employee>);
    const host = hostOf(emp('E1', { [field]: before } as Partial<Employee>), 'u1');
    const current = [host, hostOf(managers[0]!, 'u2'), hostOf(managers[1]!, 'u3')];
    const p = plan([source, ...managers], current);
    expect(p.updates.map((u) => u.changes)).toEqual([[{ field, before, after }]]);
    const only = plan([source, ...managers], current, { fields: EMPLOYEE_FIELDS.filter((f) => f !== field) });
    expect(only.updates).toEqual([]);
  });

  it('reads records of any shape: keys in any order, null prototypes, class instances with getters', () => {
    const source = emp('E1', { title: 'Lead', department: { id: 'D1', name: 'R&D' } });
    const reversed = Object.fromEntries(
      Object.entries(hostOf(source, 'u1', { title: 'Engineer' })).reverse(),
    );
    const bare = Object.assign(Object.create(null) as object, hostOf(source, 'u1', { title: 'Engineer' }));
    class HostUser {
      readonly hostId = 'u1';
      readonly sourceId = 'E1';
      get firstName(): string {
        return 'FirstE1';
      }
      get lastName(): string {
        return 'LastE1';
      }
      get workEmail(): string {
        return 'e1@example.com';
      }
      get employmentStatus(): 'active' {
        return 'active';
      }
      get department(): { id: string; name: string } {
        return { id: 'D1', name: 'R&D' };
      }
      get title(): string {
        return 'Engineer';
      }
    }
    for (const host of [reversed, bare, new HostUser()]) {
      const p = plan([source], [host as CurrentRecord]);
      expect(p.updates.map((u) => u.changes)).toEqual([
        [{ field: 'title', before: 'Engineer', after: 'Lead' }],
      ]);
    }
    const reorderedSource = Object.fromEntries(Object.entries(source).reverse()) as Employee;
    expect(plan([reorderedSource], [hostOf(source, 'u1')]).unchanged).toBe(1);
  });

  it('compares org references, teams and custom values by value', () => {
    const source = emp('E1', {
      department: { id: 'D1', name: 'R&D' },
      teams: [{ id: 'T1', name: 'Core' }],
      custom: { costCenter: 'CC1', remote: true, floor: null },
    });
    const host = hostOf(source, 'u1', {
      department: { name: 'R&D', id: 'D1' },
      teams: [{ name: 'Core', id: 'T1' }],
      custom: { remote: true, costCenter: 'CC1', floor: null },
    });
    const p = plan([source], [host]);
    expect(p.updates).toEqual([]);
    expect(p.unchanged).toBe(1);
  });

  it('treats undefined, missing and empty lists or records alike', () => {
    const source = emp('E1');
    const host: CurrentRecord = { ...hostOf(source, 'u1'), title: undefined, teams: [], custom: {} };
    expect(plan([source], [host]).unchanged).toBe(1);
  });

  it('lists changes in schema order, with the host value before and the source value after', () => {
    const source = emp('E1', { title: 'Lead', firstName: 'Ada' });
    const host = hostOf(emp('E1', { title: 'Engineer', timezone: 'Europe/Paris' }), 'u1');
    const p = plan([source], [host], { fields: ['timezone', 'title', 'firstName'] });
    expect(p.updates[0]!.changes).toEqual([
      { field: 'firstName', before: 'FirstE1', after: 'Ada' },
      { field: 'title', before: 'Engineer', after: 'Lead' },
      { field: 'timezone', before: 'Europe/Paris', after: undefined },
    ]);
  });
});

describe('archives', () => {
  it('archives a linked host user missing from a complete snapshot', () => {
    const p = plan(
      [emp('E1'), emp('E2'), emp('E3'), emp('E4'), emp('E5')],
      [...['E1', 'E2', 'E3', 'E4', 'E5'].map((id) => hostOf(emp(id), `u-${id}`)), hostOf(emp('E6'), 'u-E6')],
    );
    expect(p.archives).toEqual([
      { type: 'archive', hostId: 'u-E6', sourceId: 'E6', reason: 'missing_from_source' },
    ]);
    expect(p.blocked).toBeUndefined();
  });

  it('archives terminated people and people whose end date has passed; a future or today end date is no leaver', () => {
    const people = [
      emp('E1', { employmentStatus: 'terminated' }),
      emp('E2', { endDate: '2025-06-14' }),
      emp('E3', { endDate: '2025-06-15' }),
      emp('E4', { endDate: '2025-06-16' }),
      emp('E5'),
      emp('E6'),
      emp('E7'),
      emp('E8'),
      emp('E9'),
      emp('E10'),
    ];
    const current = people.map((e) =>
      hostOf({ ...e, employmentStatus: 'active', endDate: undefined }, `u-${e.id}`),
    );
    const p = plan(people, current);
    expect(outcome(p).archives).toEqual(['u-E1:terminated', 'u-E2:end_date_passed']);
    expect(outcome(p).updates).toEqual(['u-E3:E3', 'u-E4:E4']);
  });

  it('uses the UTC date of `now`', () => {
    const e = emp('E1', { endDate: '2025-06-15' });
    const host = hostOf(e, 'u1');
    const lateInTheDay = planSync({
      snapshot: snap([e]),
      current: [host],
      now: new Date('2025-06-15T23:59:00Z'),
    });
    expect(lateInTheDay.archives).toEqual([]);
    const nextDay = planSync({
      snapshot: snap([e]),
      current: [host],
      now: new Date('2025-06-16T00:00:00Z'),
      safety: { allowMassArchive: true },
    });
    expect(outcome(nextDay).archives).toEqual(['u1:end_date_passed']);
  });

  it('defaults `now` to the current time', () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const e = emp('E1', { endDate: yesterday });
    const p = planSync({
      snapshot: snap([e]),
      current: [hostOf(e, 'u1')],
      safety: { allowMassArchive: true },
    });
    expect(outcome(p).archives).toEqual(['u1:end_date_passed']);
  });

  it('does not create a leaver the host never had', () => {
    const p = plan([emp('E1', { employmentStatus: 'terminated' }), emp('E2', { endDate: '2025-01-01' })], []);
    expect(p.creates).toEqual([]);
    expect(p.issues).toEqual([]);
  });

  it('leaves alone unlinked host users that match nobody', () => {
    const p = plan(
      [emp('E1')],
      [hostOf(emp('E1'), 'u1'), { hostId: 'admin', workEmail: 'admin@example.com' }],
    );
    expect(isEmptyPlan(p)).toBe(true);
    expect(p.unchanged).toBe(1);
  });

  it('does not archive an archived host user again', () => {
    const gone = hostOf(emp('E2'), 'u2', { archived: true });
    const left = hostOf(emp('E3'), 'u3', { archived: true });
    const p = plan(
      [emp('E1'), emp('E3', { employmentStatus: 'terminated' })],
      [hostOf(emp('E1'), 'u1'), gone, left],
    );
    expect(p.archives).toEqual([]);
    expect(p.unchanged).toBe(2);
  });

  it('archives a terminated person matched by email for the first time, and links them', () => {
    const e = emp('E1', { employmentStatus: 'terminated' });
    const others = ['E2', 'E3', 'E4', 'E5', 'E6'].map((id) => emp(id));
    const p = plan(
      [e, ...others],
      [{ hostId: 'u1', workEmail: 'e1@example.com' }, ...others.map((o) => hostOf(o))],
    );
    expect(outcome(p).archives).toEqual(['u1:terminated']);
    expect(outcome(p).links).toEqual(['u1:E1:workEmail']);
  });
});

describe('reactivations', () => {
  it('reactivates an archived host user who is back, with the changes', () => {
    const e = emp('E1', { title: 'Rehired' });
    const p = plan([e], [hostOf(emp('E1'), 'u1', { archived: true })]);
    expect(p.reactivations).toEqual([
      {
        type: 'reactivate',
        hostId: 'u1',
        sourceId: 'E1',
        employee: e,
        changes: [{ field: 'title', before: undefined, after: 'Rehired' }],
      },
    ]);
    expect(p.creates).toEqual([]);
  });

  it.each(['active', 'pending', 'leave'] as const)('reactivates a rehire whose status is %s', (status) => {
    const e = emp('E1', { employmentStatus: status });
    const p = plan([e], [hostOf(e, 'u1', { archived: true })]);
    expect(outcome(p).reactivations).toEqual(['u1:E1']);
    expect(p.reactivations[0]!.changes).toEqual([]);
  });

  it('reactivates an archived unlinked host user matched by email, and links it', () => {
    const p = plan([emp('E1')], [{ hostId: 'u1', workEmail: 'e1@example.com', archived: true }]);
    expect(outcome(p).reactivations).toEqual(['u1:E1']);
    expect(outcome(p).links).toEqual(['u1:E1:workEmail']);
  });

  it('does not reactivate someone still terminated or past their end date', () => {
    const p = plan(
      [emp('E1', { employmentStatus: 'terminated' }), emp('E2', { endDate: '2025-01-01' })],
      [hostOf(emp('E1'), 'u1', { archived: true }), hostOf(emp('E2'), 'u2', { archived: true })],
    );
    expect(p.reactivations).toEqual([]);
    expect(p.unchanged).toBe(2);
  });
});

describe('org checks', () => {
  it('reports departments and locations without a name, and duplicate names, as warnings', () => {
    const p = planSync({
      snapshot: snap([emp('E1')], {
        departments: units(
          ['D1', undefined],
          ['D2', 'Sales'],
          ['D3', 'Sales'],
          ['D4', 'sales'],
          ['D5', '  '],
        ),
        locations: units(['L1', 'Paris'], ['L2', undefined], ['L3', 'Paris']),
      }),
      current: [],
      now: NOW,
    });
    expect(idsWith(p, 'DEPARTMENT_MISSING_NAME')).toEqual(['D1', 'D5']);
    expect(idsWith(p, 'DEPARTMENT_DUPLICATE_NAME')).toEqual(['D2', 'D3']);
    expect(idsWith(p, 'LOCATION_MISSING_NAME')).toEqual(['L2']);
    expect(idsWith(p, 'LOCATION_DUPLICATE_NAME')).toEqual(['L1', 'L3']);
    expect(p.issues.every((i) => i.severity === 'warning')).toBe(true);
    expect(p.issues.find((i) => i.recordId === 'L2')).toMatchObject({ entity: 'location', field: 'name' });
    expect(p.issues.find((i) => i.recordId === 'D1')!.fix).toBe(
      'In TriNet, ensure every department has a name.',
    );
    expect(outcome(p).creates).toEqual(['E1']);
  });
});

describe('manager graph', () => {
  it('reports a manager missing from the snapshot and syncs the person without one', () => {
    const e = emp('E1', { managerId: 'E404' });
    const p = plan([e], []);
    expect(idsWith(p, 'MANAGER_NOT_FOUND')).toEqual(['E1']);
    expect(p.issues[0]).toMatchObject({ severity: 'warning', field: 'managerId', entity: 'manager' });
    expect(p.creates).toEqual([{ type: 'create', employee: emp('E1') }]);
  });

  it('treats a skipped or leaving manager as not found', () => {
    const skipped = [
      emp('M1', { workEmail: 'dup@example.com' }),
      emp('M2', { workEmail: 'dup@example.com' }),
    ];
    const leaving = emp('M3', { employmentStatus: 'terminated' });
    const reports = [
      emp('E1', { managerId: 'M1' }),
      emp('E2', { managerId: 'M3' }),
      emp('E3', { managerId: 'E1' }),
    ];
    const p = plan([...skipped, leaving, ...reports], []);
    expect(idsWith(p, 'MANAGER_NOT_FOUND')).toEqual(['E1', 'E2']);
    expect(p.creates.map((c) => [c.employee.id, c.employee.managerId])).toEqual([
      ['E1', undefined],
      ['E2', undefined],
      ['E3', 'E1'],
    ]);
  });

  it('reports a self-manager and drops the manager in the update', () => {
    const e = emp('E1', { managerId: 'E1' });
    const p = plan([e], [hostOf(emp('E1', { managerId: 'E0' }), 'u1')]);
    expect(idsWith(p, 'MANAGER_SELF')).toEqual(['E1']);
    expect(p.updates[0]!.changes).toEqual([{ field: 'managerId', before: 'E0', after: undefined }]);
    expect(p.updates[0]!.employee.managerId).toBeUndefined();
  });

  it('reports each person of a loop once; a chain into the loop keeps its manager', () => {
    const people = [
      emp('A', { managerId: 'B' }),
      emp('B', { managerId: 'C' }),
      emp('C', { managerId: 'A' }),
      emp('D', { managerId: 'A' }),
      emp('E', { managerId: 'D' }),
    ];
    const p = plan(people, []);
    expect(idsWith(p, 'MANAGER_CYCLE')).toEqual(['A', 'B', 'C']);
    expect(p.issues.every((i) => i.severity === 'warning')).toBe(true);
    expect(p.creates.map((c) => [c.employee.id, c.employee.managerId])).toEqual([
      ['A', undefined],
      ['B', undefined],
      ['C', undefined],
      ['D', 'A'],
      ['E', 'D'],
    ]);
  });

  it('walks a chain a million people deep, and a long loop, without recursion', () => {
    const size = 1_000_000;
    const chain: Employee[] = new Array(size);
    for (let i = 0; i < size; i++) {
      chain[i] = {
        id: `P${i}`,
        firstName: 'A',
        lastName: 'B',
        workEmail: `p${i}@example.com`,
        employmentStatus: 'active',
        ...(i > 0 ? { managerId: `P${i - 1}` } : {}),
      };
    }
    const deep = plan(chain, []);
    expect(deep.issues).toEqual([]);
    expect(deep.creates[0]!.employee.id).toBe('P0');
    expect(deep.creates[size - 1]!.employee.id).toBe(`P${size - 1}`);
    // A loop of 100k: a recursive walk would already have overflowed the stack.
    const loopSize = 100_000;
    const ring = chain.slice(0, loopSize);
    ring[0] = { ...ring[0]!, managerId: `P${loopSize - 1}` };
    const loop = plan(ring, []);
    expect(loop.summary.byCode).toEqual({ MANAGER_CYCLE: loopSize });
    expect(loop.creates.every((c) => c.employee.managerId === undefined)).toBe(true);
  }, 60_000);
});

describe('create order', () => {
  it('creates managers before their reports, breadth first from roots in id order', () => {
    const people = [
      emp('E5', { managerId: 'E2' }),
      emp('E2', { managerId: 'E9' }),
      emp('E9'),
      emp('E3', { managerId: 'E9' }),
      emp('E1', { managerId: 'X' }),
      emp('E4', { managerId: 'E3' }),
      emp('X'),
    ];
    const order = ['E9', 'X', 'E2', 'E3', 'E1', 'E5', 'E4'];
    for (let seed = 1; seed <= 5; seed++) {
      const p = plan(shuffle(people, seed), []);
      expect(p.creates.map((c) => c.employee.id)).toEqual(order);
    }
  });

  it('treats a manager the host already has as a root', () => {
    const boss = emp('B');
    const p = plan([emp('R2', { managerId: 'B' }), boss, emp('R1', { managerId: 'R2' })], [hostOf(boss)]);
    expect(p.creates.map((c) => c.employee.id)).toEqual(['R2', 'R1']);
    expect(p.issues).toEqual([]);
  });
});

describe('blocking', () => {
  const team = ['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8', 'E9', 'E10'].map((id) => emp(id));
  const hosts = team.map((e) => hostOf(e));

  it('blocks a plan that would archive anyone from an incomplete snapshot, and lists what it would do', () => {
    const p = planSync({ snapshot: snap(team.slice(0, 8), { complete: false }), current: hosts, now: NOW });
    expect(p.blocked).toMatchObject({ code: 'SYNC_INCOMPLETE_SOURCE', archiveCount: 2, activeCount: 10 });
    expect(p.blocked!.message).toContain('incomplete');
    expect(outcome(p).archives).toEqual(['h-E10:missing_from_source', 'h-E9:missing_from_source']);
  });

  it('blocks an incomplete snapshot even when mass archiving is allowed', () => {
    const p = planSync({
      snapshot: snap(team.slice(0, 9), { complete: false }),
      current: hosts,
      now: NOW,
      safety: { allowMassArchive: true },
    });
    expect(p.blocked?.code).toBe('SYNC_INCOMPLETE_SOURCE');
  });

  it('does not block an incomplete snapshot that archives nobody', () => {
    const p = planSync({
      snapshot: snap([...team, emp('E11')], { complete: false }),
      current: hosts,
      now: NOW,
    });
    expect(p.blocked).toBeUndefined();
    expect(outcome(p).creates).toEqual(['E11']);
  });

  it('blocks above the default ratio of 20% of active linked host users', () => {
    const two = plan(team.slice(0, 8), hosts);
    expect(two.blocked).toBeUndefined();
    const three = plan(team.slice(0, 7), hosts);
    expect(three.blocked).toEqual({
      code: 'SYNC_ARCHIVE_THRESHOLD_EXCEEDED',
      message: expect.stringContaining('3 people'),
      archiveCount: 3,
      activeCount: 10,
      maxArchiveRatio: 0.2,
    });
  });

  it('counts archived host users out of the ratio', () => {
    const archived = ['A1', 'A2', 'A3'].map((id) => hostOf(emp(id), `h-${id}`, { archived: true }));
    const p = plan(team.slice(0, 8), [...hosts, ...archived]);
    expect(p.blocked).toBeUndefined();
    const fewer = plan(team.slice(0, 7), [...hosts.slice(0, 9), ...archived]);
    expect(fewer.blocked).toMatchObject({ archiveCount: 2, activeCount: 9 });
  });

  it('honours maxArchiveRatio, maxArchiveCount and allowMassArchive', () => {
    const input = { snapshot: snap(team.slice(0, 7)), current: hosts, now: NOW };
    expect(planSync({ ...input, safety: { maxArchiveRatio: 0.3 } }).blocked).toBeUndefined();
    expect(planSync({ ...input, safety: { maxArchiveRatio: 0.29 } }).blocked?.code).toBe(
      'SYNC_ARCHIVE_THRESHOLD_EXCEEDED',
    );
    expect(planSync({ ...input, safety: { maxArchiveRatio: 1, maxArchiveCount: 2 } }).blocked).toMatchObject({
      archiveCount: 3,
      maxArchiveCount: 2,
      maxArchiveRatio: 1,
    });
    expect(
      planSync({ ...input, safety: { maxArchiveRatio: 1, maxArchiveCount: 3 } }).blocked,
    ).toBeUndefined();
    const allowed = planSync({ ...input, safety: { allowMassArchive: true } });
    expect(allowed.blocked).toBeUndefined();
    expect(allowed.archives).toHaveLength(3);
  });

  it('counts host users linked by this plan as active', () => {
    const unlinked = team.map((e) => ({ ...hostOf(e), sourceId: undefined }));
    const p = plan(
      team.map((e, i) => (i < 2 ? { ...e, employmentStatus: 'terminated' as const } : e)),
      unlinked,
    );
    expect(p.links).toHaveLength(10);
    expect(p.archives).toHaveLength(2);
    expect(p.blocked).toBeUndefined();
  });
});

describe('summary, issues and determinism', () => {
  it('counts by kind and by code, with the snapshot issues first', () => {
    const fromSource: SyncIssue = {
      code: 'EMPLOYEE_INVALID_PHONE',
      severity: 'warning',
      source: 'trinet',
      entity: 'employee',
      recordId: 'E2',
      message: 'bad phone',
      fix: 'fix',
    };
    const people = [emp('E1', { title: 'New' }), emp('E2', { managerId: 'nobody' }), emp('E3'), emp('E4')];
    const p = planSync({
      snapshot: snap(people, { issues: [fromSource] }),
      current: [hostOf(emp('E1')), hostOf(emp('E3')), hostOf(emp('E4')), hostOf(emp('E5'))],
      now: NOW,
      safety: { allowMassArchive: true },
    });
    expect(p.issues[0]).toBe(fromSource);
    expect(p.summary).toEqual({
      creates: 1,
      updates: 1,
      archives: 1,
      reactivations: 0,
      links: 0,
      unchanged: 2,
      issues: 2,
      byCode: { EMPLOYEE_INVALID_PHONE: 1, MANAGER_NOT_FOUND: 1 },
    });
    expect(p.source).toBe('trinet');
  });

  it('sorts every list of the plan, so input order does not matter', () => {
    const people = ['E3', 'E1', 'E4', 'E2', 'E5'].map((id) =>
      emp(id, { title: 'changed', managerId: `M${id}` }),
    );
    const current = people.map((e, i) => hostOf(emp(e.id), `u${5 - i}`));
    const a = plan(people, current, { safety: { allowMassArchive: true } });
    expect(a.updates.map((u) => u.hostId)).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
    expect(a.issues.map((i) => i.recordId)).toEqual(['E1', 'E2', 'E3', 'E4', 'E5']);
    const b = plan([...people].reverse(), [...current].reverse(), { safety: { allowMassArchive: true } });
    expect(b).toEqual(a);
  });

  it('accepts any iterable of host users', () => {
    function* records(): Generator<CurrentRecord> {
      yield hostOf(emp('E1'));
    }
    const p = planSync({ snapshot: snap([emp('E1')]), current: records(), now: NOW });
    expect(p.unchanged).toBe(1);
  });
});
