import type { Employee } from '@hrsync/core';
import { describe, expect, it } from 'vitest';
import {
  buildFranklyOrganization,
  describeFranklyGroup,
  franklyGroupId,
} from '../src/build-frankly-organization.ts';
import { FranklyOrganizationSchema } from '../src/frankly-wire.ts';
import { NOW, ROSTER, TRINET } from './fixtures/roster.ts';

const build = (
  employees: Employee[] = ROSTER,
  extra: Partial<Parameters<typeof buildFranklyOrganization>[1]> = {},
) =>
  buildFranklyOrganization(employees, {
    source: TRINET,
    now: NOW,
    roleOf: (e) => (e.id === '1001' ? 'Administrator' : 'User'),
    ...extra,
  });

describe('buildFranklyOrganization: a varied roster', () => {
  const result = build();
  const users = new Map(result.organization.users.map((u) => [u.externalId, u]));

  it('produces a payload of the wire schema, users sorted by externalId', () => {
    expect(FranklyOrganizationSchema.parse(result.organization)).toEqual(result.organization);
    expect(result.organization.users.map((u) => u.externalId)).toEqual([
      '1001',
      '1002',
      '1003',
      '1004',
      '1007',
    ]);
  });

  it.each([
    ['1005', 'terminated'],
    ['1006', 'end_date_passed'],
    ['1008', 'duplicate_email'],
    ['1009', 'duplicate_email'],
  ] as const)('leaves %s out (%s)', (id, reason) => {
    expect(users.has(id)).toBe(false);
    expect(result.excluded).toContainEqual({ id, reason });
  });

  it('keeps a person whose end date is today', () => {
    expect(users.get('1007')).toBeDefined();
  });

  it.each<[string, string | undefined, string]>([
    ['1001', '+14155552671', 'valid E.164'],
    ['1002', '+14155552672', 'national, read with the default region'],
    ['1003', undefined, 'invalid: left out'],
    ['1004', undefined, 'duplicate of 1001: left out for the higher id'],
    ['1007', undefined, 'none'],
  ])('phone of %s is %s (%s)', (id, phone) => {
    expect(users.get(id)?.phone).toBe(phone);
  });

  it.each([
    ['EMPLOYEE_INVALID_PHONE', 'warning', '1003', 'workPhone'],
    ['EMPLOYEE_DUPLICATE_PHONE', 'warning', '1004', 'workPhone'],
    ['EMPLOYEE_DUPLICATE_EMAIL', 'error', '1008', 'workEmail'],
    ['EMPLOYEE_DUPLICATE_EMAIL', 'error', '1009', 'workEmail'],
  ])('raises %s (%s) on %s', (code, severity, recordId, field) => {
    const issue = result.issues.find((i) => i.code === code && i.recordId === recordId);
    expect(issue).toMatchObject({ severity, source: 'trinet', entity: 'employee', field });
    expect(issue?.fix).toMatch(/^In TriNet, /);
    expect(issue?.fix).toContain('&frankly');
  });

  it('raises no other issue', () => {
    expect(result.issues).toHaveLength(4);
  });

  it.each([
    ['1001', 'Administrator'],
    ['1002', 'User'],
    ['1007', 'User'],
  ])('role of %s is %s', (id, role) => {
    expect(users.get(id)?.role).toBe(role);
  });

  it('maps the fields of a user', () => {
    expect(users.get('1001')).toEqual({
      externalId: '1001',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@acme.test',
      phone: '+14155552671',
      timezone: 'America/Los_Angeles',
      role: 'Administrator',
      accessInfo: {
        memberOf: [
          'organization:ORG1',
          'office:SF',
          'department:D10',
          'team:T1',
          'team-name:rust guild',
          'employment-type:full_time',
        ],
      },
    });
  });

  it('builds groups for all five kinds, named after the entity and described with the source', () => {
    expect(result.organization.groups).toEqual([
      {
        externalId: 'department-name:sales ops',
        name: 'Sales Ops',
        description: 'Users belonging to the Sales Ops Department in TriNet',
      },
      {
        externalId: 'department:D10',
        name: 'Engineering',
        description: 'Users belonging to the Engineering Department in TriNet',
      },
      {
        externalId: 'employment-type:contractor',
        name: 'Contractor',
        description: 'Users belonging to the Contractor Employment type in TriNet',
      },
      {
        externalId: 'employment-type:full_time',
        name: 'Full-time',
        description: 'Users belonging to the Full-time Employment type in TriNet',
      },
      {
        externalId: 'employment-type:part_time',
        name: 'Part-time',
        description: 'Users belonging to the Part-time Employment type in TriNet',
      },
      {
        externalId: 'office:SF',
        name: 'San Francisco',
        description: 'Users belonging to the San Francisco Office in TriNet',
      },
      {
        externalId: 'office:STO',
        name: 'Stockholm',
        description: 'Users belonging to the Stockholm Office in TriNet',
      },
      {
        externalId: 'organization:ORG1',
        name: 'Acme Robotics',
        description: 'Users belonging to the Acme Robotics Organization in TriNet',
      },
      {
        externalId: 'team-name:rust guild',
        name: 'Rust  Guild',
        description: 'Users belonging to the Rust  Guild Team in TriNet',
      },
      {
        externalId: 'team:T1',
        name: 'Platform',
        description: 'Users belonging to the Platform Team in TriNet',
      },
    ]);
  });

  it('only lists groups someone belongs to', () => {
    const used = new Set(result.organization.users.flatMap((u) => u.accessInfo.memberOf));
    expect(new Set(result.organization.groups.map((g) => g.externalId))).toEqual(used);
  });

  it('does not depend on the input order', () => {
    expect(build([...ROSTER].reverse())).toEqual(result);
  });

  it('defaults every role to User', () => {
    const plain = buildFranklyOrganization(ROSTER, { source: TRINET, now: NOW });
    expect(new Set(plain.organization.users.map((u) => u.role))).toEqual(new Set(['User']));
  });
});

describe('buildFranklyOrganization: end dates', () => {
  it('drops a person the day after their end date, not before', () => {
    const gus = ROSTER.find((e) => e.id === '1007')!;
    expect(build([gus], { now: new Date('2025-06-15T23:59:59Z') }).organization.users).toHaveLength(1);
    expect(build([gus], { now: new Date('2025-06-16T00:00:00Z') }).excluded).toEqual([
      { id: '1007', reason: 'end_date_passed' },
    ]);
  });
});

describe('buildFranklyOrganization: who keeps a contested email or phone', () => {
  const a: Employee = {
    id: 'a',
    firstName: 'A',
    lastName: 'A',
    workEmail: 'x@acme.test',
    employmentStatus: 'active',
  };
  const b: Employee = { ...a, id: 'b', firstName: 'B' };

  it('the user who already held an email in &frankly keeps it; the newcomer is left out', () => {
    const previous = [
      {
        externalId: 'b',
        firstName: 'B',
        lastName: 'A',
        email: 'x@acme.test',
        role: 'User' as const,
        accessInfo: { memberOf: [] },
      },
    ];
    const result = build([a, b], { previous });
    expect(result.organization.users.map((u) => u.externalId)).toEqual(['b']);
    expect(result.excluded).toEqual([{ id: 'a', reason: 'duplicate_email' }]);
    expect(result.issues.map((i) => [i.code, i.recordId])).toEqual([['EMPLOYEE_DUPLICATE_EMAIL', 'a']]);
  });

  it('with no holder, everyone sharing the email is left out', () => {
    expect(build([a, b]).organization.users).toEqual([]);
  });

  it('the user who already held a phone in &frankly keeps it, even with the higher id', () => {
    const pa = { ...a, workEmail: 'a@acme.test', workPhone: '+46701234567' };
    const pb = { ...b, workEmail: 'b@acme.test', workPhone: '+46 70 123 45 67' };
    const previous = [
      {
        externalId: 'b',
        firstName: 'B',
        lastName: 'A',
        email: 'b@acme.test',
        phone: '+46701234567',
        role: 'User' as const,
        accessInfo: { memberOf: [] },
      },
    ];
    const result = build([pa, pb], { previous });
    expect(result.organization.users.map((u) => [u.externalId, u.phone])).toEqual([
      ['a', undefined],
      ['b', '+46701234567'],
    ]);
    expect(result.issues.map((i) => [i.code, i.recordId])).toEqual([['EMPLOYEE_DUPLICATE_PHONE', 'a']]);
  });

  it('reads national numbers with the region given', () => {
    const gb = { ...a, workPhone: '020 7946 0958' };
    expect(build([gb], { defaultPhoneRegion: 'GB' }).organization.users[0]?.phone).toBe('+442079460958');
  });
});

describe('group ids and descriptions', () => {
  it.each([
    ['department', { id: 'D10', name: 'Engineering' }, 'department:D10'],
    ['department', { id: ' D10 ', name: 'Renamed' }, 'department:D10'],
    ['office', { name: '  Stockholm   HQ ' }, 'office-name:stockholm hq'],
    ['team', { id: '', name: 'Core' }, 'team-name:core'],
    ['organization', { id: '7', name: 'Acme' }, 'organization:7'],
  ] as const)('%s %o → %s', (kind, ref, id) => {
    expect(franklyGroupId(kind, ref)).toBe(id);
  });

  it('adapts the kind word', () => {
    expect(describeFranklyGroup('office', 'Berlin', 'People HR')).toBe(
      'Users belonging to the Berlin Office in People HR',
    );
  });
});
