import type { Employee, SyncIssue } from '@hrsync/core';
import { describe, expect, it } from 'vitest';
import {
  inferTrinetEmploymentType,
  mapTrinetDepartment,
  mapTrinetEmployee,
  mapTrinetLocation,
  mapTrinetStatus,
  TRINET_EMPLOYMENT_STATUS,
} from '../src/map-trinet-employee.ts';
import { TrinetEmployeesPageSchema, TrinetListSchema } from '../src/trinet-wire.ts';
import departmentsFixture from './fixtures/departments.json' with { type: 'json' };
import basicView from './fixtures/employees-basic-view.json' with { type: 'json' };
import page1 from './fixtures/employees-page-1.json' with { type: 'json' };
import page2 from './fixtures/employees-page-2-last.json' with { type: 'json' };
import locationsFixture from './fixtures/locations.json' with { type: 'json' };

const records1 = TrinetEmployeesPageSchema.parse(page1).data.employeeData;
const records2 = TrinetEmployeesPageSchema.parse(page2).data.employeeData;
const basicRecords = TrinetEmployeesPageSchema.parse(basicView).data.employeeData;
const departments = new Map(
  TrinetListSchema.parse(departmentsFixture)
    .data.map(mapTrinetDepartment)
    .flatMap((r) => (r.ok && r.unit.name ? [[r.unit.id, r.unit.name] as const] : [])),
);
const locations = new Map(
  TrinetListSchema.parse(locationsFixture)
    .data.map(mapTrinetLocation)
    .flatMap((r) => (r.ok && r.unit.name ? [[r.unit.id, r.unit.name] as const] : [])),
);

function byId(records: unknown[], id: string): unknown {
  const found = records.find((r) => (r as { employeeId?: string }).employeeId === id);
  if (!found) throw new Error(`no record ${id} in the fixture`);
  return found;
}

function mapOk(record: unknown): { employee: Employee; issues: SyncIssue[] } {
  const result = mapTrinetEmployee(record, { departments, locations });
  if (!result.ok) throw new Error(`expected ${JSON.stringify(result.issues)} to be ok`);
  return result;
}

function mapIssues(record: unknown): SyncIssue[] {
  const result = mapTrinetEmployee(record, { departments, locations });
  if (result.ok) throw new Error(`expected ${result.employee.id} to be skipped`);
  return result.issues;
}

describe('mapTrinetEmployee: every field, from the all-view fixture', () => {
  const cases: [string, string, Employee][] = [
    [
      '00001001',
      'PRI + PRF names, middle name ignored, email lower-cased, US phone to E.164, no supervisor',
      {
        id: '00001001',
        employeeNumber: 'E-1',
        firstName: 'Grace',
        lastName: 'Hopper',
        preferredName: 'Amazing',
        workEmail: 'grace.hopper@acmerobotics.com',
        workPhone: '+14155552671',
        title: 'Chief Executive Officer',
        department: { id: '300', name: 'People' },
        location: { id: 'SF1', name: 'San Francisco' },
        employmentStatus: 'active',
        employmentType: 'full_time',
        startDate: '2015-01-05',
      },
    ],
    [
      '00001002',
      'lower-case name types (pri/prf), international phone, supervisor → managerId',
      {
        id: '00001002',
        employeeNumber: 'E-2',
        firstName: 'Ada',
        lastName: 'Lovelace',
        preferredName: 'Countess',
        workEmail: 'ada.lovelace@acmerobotics.com',
        workPhone: '+12125550123',
        title: 'VP Engineering',
        department: { id: '100', name: 'Engineering' },
        location: { id: 'NYC1', name: 'New York' },
        managerId: '00001001',
        employmentStatus: 'active',
        employmentType: 'full_time',
        startDate: '2016-03-01',
      },
    ],
    [
      '00001003',
      'status L → leave, employeeType P → part_time',
      {
        id: '00001003',
        employeeNumber: 'E-3',
        firstName: 'Alan',
        lastName: 'Turing',
        workEmail: 'alan.turing@acmerobotics.com',
        title: 'Staff Engineer',
        department: { id: '100', name: 'Engineering' },
        location: { id: 'SF1', name: 'San Francisco' },
        managerId: '00001002',
        employmentStatus: 'leave',
        employmentType: 'part_time',
        startDate: '2020-01-06',
      },
    ],
    [
      '00001006',
      'status T → terminated, terminationDate → endDate (a leap day)',
      {
        id: '00001006',
        employeeNumber: 'E-6',
        firstName: 'Dennis',
        lastName: 'Ritchie',
        workEmail: 'dennis.ritchie@acmerobotics.com',
        title: 'Engineer',
        department: { id: '100', name: 'Engineering' },
        location: { id: 'NYC1', name: 'New York' },
        managerId: '00001002',
        employmentStatus: 'terminated',
        employmentType: 'full_time',
        startDate: '2017-05-15',
        endDate: '2024-02-29',
      },
    ],
    [
      '00001009',
      'regularTemporary T → temporary (wins over employeeType F)',
      {
        id: '00001009',
        employeeNumber: 'E-9',
        firstName: 'Margaret',
        lastName: 'Hamilton',
        workEmail: 'margaret.hamilton@acmerobotics.com',
        title: 'Contract Engineer',
        department: { id: '100', name: 'Engineering' },
        location: { id: 'REM', name: 'Remote' },
        managerId: '00001002',
        employmentStatus: 'active',
        employmentType: 'temporary',
        startDate: '2024-01-08',
      },
    ],
    [
      '00001011',
      'a name history: the latest PRI entry wins (a married name)',
      {
        id: '00001011',
        employeeNumber: 'E-11',
        firstName: 'Frances',
        lastName: 'Allen',
        workEmail: 'frances.allen@acmerobotics.com',
        title: 'People Partner',
        department: { id: '300', name: 'People' },
        location: { id: 'SF1', name: 'San Francisco' },
        managerId: '00001001',
        employmentStatus: 'active',
        employmentType: 'full_time',
        startDate: '2016-04-04',
      },
    ],
    [
      '00001012',
      'an active person with a future terminationDate keeps it as endDate',
      {
        id: '00001012',
        employeeNumber: 'E-12',
        firstName: 'Ken',
        lastName: 'Thompson',
        workEmail: 'ken.thompson@acmerobotics.com',
        title: 'Principal Engineer',
        department: { id: '100', name: 'Engineering' },
        location: { id: 'SF1', name: 'San Francisco' },
        managerId: '00001002',
        employmentStatus: 'active',
        employmentType: 'full_time',
        startDate: '2020-01-06',
        endDate: '2099-12-31',
      },
    ],
    [
      '00001013',
      'department without deptName: the name comes from /departments',
      {
        id: '00001013',
        employeeNumber: 'E-13',
        firstName: 'Radia',
        lastName: 'Perlman',
        workEmail: 'radia.perlman@acmerobotics.com',
        title: 'Controller',
        department: { id: '310', name: 'Finance' },
        location: { id: 'REM', name: 'Remote' },
        managerId: '00001001',
        employmentStatus: 'active',
        employmentType: 'full_time',
        startDate: '2020-01-06',
      },
    ],
    [
      '00001014',
      'a serviceDate with a time keeps its calendar date',
      {
        id: '00001014',
        employeeNumber: 'E-14',
        firstName: 'Donald',
        lastName: 'Knuth',
        workEmail: 'donald.knuth@acmerobotics.com',
        title: 'Engineer',
        department: { id: '100', name: 'Engineering' },
        location: { id: 'SF1', name: 'San Francisco' },
        managerId: '00001002',
        employmentStatus: 'active',
        employmentType: 'full_time',
        startDate: '2019-06-03',
      },
    ],
  ];

  it.each(cases)('%s: %s', (id, _why, expected) => {
    const { employee, issues } = mapOk(byId(records1, id));
    expect(employee).toEqual(expected);
    expect(issues).toEqual([]);
  });

  it('drops an invalid phone with an EMPLOYEE_INVALID_PHONE warning naming TriNet, and keeps the person', () => {
    const { employee, issues } = mapOk(byId(records1, '00001010'));
    expect(employee.workPhone).toBeUndefined();
    expect(employee.managerId).toBe('00001007');
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'EMPLOYEE_INVALID_PHONE',
        severity: 'warning',
        source: 'trinet',
        recordId: '00001010',
        field: 'workPhone',
        fix: expect.stringContaining('In TriNet'),
      }),
    ]);
  });

  it('maps every record of the first page, with unique ids and e-mails', () => {
    const employees = records1.map((r) => mapOk(r).employee);
    expect(employees).toHaveLength(100);
    expect(new Set(employees.map((e) => e.id)).size).toBe(100);
    expect(new Set(employees.map((e) => e.workEmail)).size).toBe(100);
  });
});

describe('mapTrinetEmployee: every employmentStatus code', () => {
  const table: [string, string, Employee['employmentStatus']][] = [
    ['A', '00001001', 'active'],
    ['D', '00001008', 'terminated'],
    ['L', '00001003', 'leave'],
    ['P', '00001004', 'leave'],
    ['S', '00001005', 'leave'],
    ['T', '00001006', 'terminated'],
    ['U', '00001007', 'terminated'],
  ];

  it.each(table)('%s (fixture %s) → %s', (code, id, status) => {
    const record = byId(records1, id) as { employmentInfo: { employmentStatus: string } };
    expect(record.employmentInfo.employmentStatus).toBe(code);
    expect(mapOk(record).employee.employmentStatus).toBe(status);
  });

  it('covers exactly the documented codes A#D#L#P#S#T#U', () => {
    expect(Object.keys(TRINET_EMPLOYMENT_STATUS).sort()).toEqual(['A', 'D', 'L', 'P', 'S', 'T', 'U']);
    expect(table.map(([code]) => code).sort()).toEqual(Object.keys(TRINET_EMPLOYMENT_STATUS).sort());
  });

  it.each([
    ['a', 'active'],
    [' t ', 'terminated'],
    ['u', 'terminated'],
    ['X', undefined],
    ['', undefined],
    ['active', undefined],
    [null, undefined],
    [1, undefined],
  ])('mapTrinetStatus(%j) → %s', (code, status) => {
    expect(mapTrinetStatus(code)).toBe(status);
  });

  it('an unknown code skips the person with EMPLOYEE_UNKNOWN_STATUS quoting the value', () => {
    expect(mapIssues(byId(records2, '00001105'))).toEqual([
      expect.objectContaining({
        code: 'EMPLOYEE_UNKNOWN_STATUS',
        severity: 'error',
        recordId: '00001105',
        field: 'employmentStatus',
        message: 'The TriNet employment status "X" is not one of A, D, L, P, S, T, U.',
        fix: expect.stringMatching(/^In TriNet, /),
      }),
    ]);
  });

  it('a canonical word is not a TriNet code: "active" is unknown, not active', () => {
    const record = structuredClone(byId(records1, '00001001')) as {
      employmentInfo: { employmentStatus: string };
    };
    record.employmentInfo.employmentStatus = 'active';
    expect(mapIssues(record).map((i) => i.code)).toEqual(['EMPLOYEE_UNKNOWN_STATUS']);
  });

  it.each([
    ['A', '2025-02-03', '2025-01-01', 'pending'],
    ['A', '2025-01-01', '2025-01-01', 'active'],
    ['A', '2024-12-31', '2025-01-01', 'active'],
    ['A', null, '2025-01-01', 'active'],
    ['A', '2025-02-03', undefined, 'active'],
    ['L', '2025-02-03', '2025-01-01', 'leave'],
    ['T', '2025-02-03', '2025-01-01', 'terminated'],
  ] as const)(
    'status %s with serviceDate %s, today %s → %s (early hires are pending)',
    (code, serviceDate, today, status) => {
      const record = structuredClone(byId(records2, '00001108')) as {
        employmentInfo: { employmentStatus: string; serviceDate: string | null };
      };
      record.employmentInfo.employmentStatus = code;
      record.employmentInfo.serviceDate = serviceDate;
      const result = mapTrinetEmployee(record, { today });
      expect(result.ok && result.employee.employmentStatus).toBe(status);
    },
  );

  it('a missing status skips the person with EMPLOYEE_UNKNOWN_STATUS', () => {
    expect(mapIssues(byId(records2, '00001109'))).toEqual([
      expect.objectContaining({
        code: 'EMPLOYEE_UNKNOWN_STATUS',
        message: 'The record has no TriNet employment status.',
      }),
    ]);
  });
});

describe('mapTrinetEmployee: records that cannot sync (second page)', () => {
  const table: [string, string, string, string][] = [
    ['00001101', 'an invalid work email', 'EMPLOYEE_INVALID_EMAIL', 'workEmail'],
    ['00001102', 'a missing last name', 'EMPLOYEE_INVALID_NAME', 'lastName'],
    ['00001103', 'a first name that is only punctuation', 'EMPLOYEE_INVALID_NAME', 'firstName'],
    ['00001107', 'no work email', 'EMPLOYEE_MISSING_REQUIRED_FIELD', 'workEmail'],
  ];

  it.each(table)('%s (%s) → %s on %s, naming TriNet', (id, _why, code, field) => {
    const issues = mapIssues(byId(records2, id));
    expect(issues).toEqual([
      expect.objectContaining({
        code,
        field,
        recordId: id,
        severity: 'error',
        source: 'trinet',
        entity: 'employee',
      }),
    ]);
    expect(issues[0]?.fix).toMatch(/^In TriNet, /);
  });

  it('a record whose names[] is not a list becomes UNKNOWN, with the path and without the values', () => {
    const issues = mapIssues(byId(records2, '00001106'));
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN',
        recordId: '00001106',
        source: 'trinet',
        entity: 'employee',
      }),
    ]);
    expect(issues[0]?.message).toMatch(/^The TriNet employee record could not be read \(names: /);
    expect(issues[0]?.message).not.toContain('Lamport');
  });

  it.each([null, 'a string', 42, []])(
    'a non-object record (%j) becomes UNKNOWN with the recordId given',
    (record) => {
      const result = mapTrinetEmployee(record, { recordId: 'offset 101, #3' });
      expect(result.ok).toBe(false);
      expect(result.issues).toEqual([
        expect.objectContaining({ code: 'UNKNOWN', recordId: 'offset 101, #3' }),
      ]);
    },
  );

  it('a record without employeeId is EMPLOYEE_MISSING_REQUIRED_FIELD on id', () => {
    const record = structuredClone(byId(records1, '00001001')) as Record<string, unknown>;
    delete record.employeeId;
    const issues = mapIssues(record);
    expect(issues.map((i) => [i.code, i.field])).toEqual([['EMPLOYEE_MISSING_REQUIRED_FIELD', 'id']]);
  });

  it('keeps the duplicate email as such (the plan engine reports EMPLOYEE_DUPLICATE_EMAIL across people)', () => {
    expect(mapOk(byId(records2, '00001104')).employee.workEmail).toBe('ada.lovelace@acmerobotics.com');
  });

  it('accepts a numeric employeeId and alternateId', () => {
    const record = structuredClone(byId(records1, '00001001')) as Record<string, unknown>;
    record.employeeId = 1001;
    record.alternateId = 17;
    const { employee } = mapOk(record);
    expect([employee.id, employee.employeeNumber]).toEqual(['1001', '17']);
  });
});

describe('mapTrinetEmployee: names[]', () => {
  const base = {
    employeeId: '7',
    employmentInfo: { employmentStatus: 'A', workEmail: 'p@example.com' },
  };
  it.each([
    [
      'PRF only: the preferred name is also the name',
      [{ nameType: 'PRF', firstName: 'Bo', lastName: 'Diddley' }],
      { firstName: 'Bo', lastName: 'Diddley', preferredName: 'Bo' },
    ],
    [
      'an untyped entry is used when there is no PRI',
      [
        { firstName: 'Ellas', lastName: 'McDaniel' },
        { nameType: 'Prf', firstName: 'Bo', lastName: 'Diddley' },
      ],
      { firstName: 'Ellas', lastName: 'McDaniel', preferredName: 'Bo' },
    ],
    [
      'PRI wins over an untyped entry, whatever the order',
      [
        { nameType: null, firstName: 'X', lastName: 'Y' },
        { nameType: ' pri ', firstName: 'Ellas', lastName: 'McDaniel' },
      ],
      { firstName: 'Ellas', lastName: 'McDaniel' },
    ],
    [
      'white space is trimmed and folded',
      [{ nameType: 'PRI', firstName: '  Mary  Ann ', lastName: ' Evans ' }],
      { firstName: 'Mary Ann', lastName: 'Evans' },
    ],
  ])('%s', (_why, names, expected) => {
    const result = mapTrinetEmployee({ ...base, names });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.employee).toMatchObject(expected);
      if (!('preferredName' in expected)) expect(result.employee.preferredName).toBeUndefined();
    }
  });

  it('no names at all: both names are EMPLOYEE_INVALID_NAME', () => {
    const result = mapTrinetEmployee({ ...base, names: [] });
    expect(result.issues.map((i) => [i.code, i.field])).toEqual([
      ['EMPLOYEE_INVALID_NAME', 'firstName'],
      ['EMPLOYEE_INVALID_NAME', 'lastName'],
    ]);
  });
});

describe('mapTrinetEmployee: the basic view (flat employmentInfo)', () => {
  it('reads flat supervisorId, departmentId and locationId, naming units from the lists', () => {
    const [grace, ada, margaret] = basicRecords.map((r) => mapOk(r).employee);
    expect(grace).toEqual({
      id: '00001001',
      employeeNumber: 'E-1',
      firstName: 'Grace',
      lastName: 'Hopper',
      preferredName: 'Amazing',
      workEmail: 'grace.hopper@acmerobotics.com',
      workPhone: '+14155552671',
      title: 'Chief Executive Officer',
      department: { id: '300', name: 'People' },
      location: { id: 'SF1', name: 'San Francisco' },
      employmentStatus: 'active',
      employmentType: 'full_time',
      startDate: '2015-01-05',
    });
    expect(ada).toMatchObject({ managerId: '00001001', department: { id: '100', name: 'Engineering' } });
    expect(margaret).toMatchObject({ employmentType: 'temporary', location: { id: 'REM', name: 'Remote' } });
  });

  it('without the lists, a unit known only by id is left out (a unit needs a name)', () => {
    const result = mapTrinetEmployee(basicRecords[1]);
    expect(result.ok && result.employee.department).toBeUndefined();
    expect(result.ok && result.employee.managerId).toBe('00001001');
  });
});

describe('inferTrinetEmploymentType', () => {
  it.each([
    [{ employeeType: 'F', regularTemporary: 'R' }, 'full_time'],
    [{ employeeType: 'p' }, 'part_time'],
    [{ employeeType: 'F', regularTemporary: 'T' }, 'temporary'],
    [{ employeeType: 'F', temporaryIndicator: 'Y' }, 'temporary'],
    [{ employeeType: 'F', temporaryIndicator: true }, 'temporary'],
    [{ employeeType: 'F', temporaryIndicator: 'N' }, 'full_time'],
    [{ employeeType: 'Full-Time' }, 'full_time'],
    [{ employeeType: 'Part Time' }, 'part_time'],
    [{ employeeType: 'Contractor' }, 'contractor'],
    [{ employeeType: 'Intern' }, 'intern'],
    [{ employeeType: 'Temporary' }, 'temporary'],
    [{ employeeType: 'Other' }, 'other'],
    [{ employeeType: 'S' }, undefined],
    [{ employeeType: 'H' }, undefined],
    [{ employeeType: null, regularTemporary: 'R' }, undefined],
    [{}, undefined],
  ] as const)('%j → %s', (info, expected) => {
    expect(inferTrinetEmploymentType(info)).toBe(expected);
  });
});

describe('mapTrinetDepartment / mapTrinetLocation', () => {
  it('maps the departments fixture, keeping units without a name (the plan engine reports them)', () => {
    const results = TrinetListSchema.parse(departmentsFixture).data.map(mapTrinetDepartment);
    expect(results.map((r) => (r.ok ? r.unit : r.issue.code))).toEqual([
      { id: '100', name: 'Engineering' },
      { id: '200', name: 'Sales' },
      { id: '300', name: 'People' },
      { id: '310', name: 'Finance' },
      { id: '400' },
      { id: '210', name: 'Sales' },
    ]);
  });

  it('maps the locations fixture', () => {
    const results = TrinetListSchema.parse(locationsFixture).data.map(mapTrinetLocation);
    expect(results.map((r) => (r.ok ? r.unit : r.issue.code))).toEqual([
      { id: 'SF1', name: 'San Francisco' },
      { id: 'NYC1', name: 'New York' },
      { id: 'REM', name: 'Remote' },
      { id: 'AUS1' },
      { id: 'NYC2', name: 'New York' },
    ]);
  });

  it.each([
    [mapTrinetDepartment, { deptName: 'Orphan' }, 'department', /no deptId/],
    [mapTrinetLocation, { locationName: 'Orphan' }, 'location', /no locationId/],
    [mapTrinetDepartment, 'nope', 'department', /could not be read/],
    [mapTrinetLocation, { locationId: { nested: true } }, 'location', /could not be read/],
  ] as const)(
    'a unit without a usable id becomes an UNKNOWN warning (%#)',
    (map, record, entity, message) => {
      const result = map(record);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.issue).toMatchObject({
          code: 'UNKNOWN',
          severity: 'warning',
          entity,
          source: 'trinet',
        });
        expect(result.issue.message).toMatch(message);
      }
    },
  );

  it('a numeric id becomes a string', () => {
    expect(mapTrinetDepartment({ deptId: 100, deptName: ' Engineering ' })).toEqual({
      ok: true,
      unit: { id: '100', name: 'Engineering' },
    });
  });
});
