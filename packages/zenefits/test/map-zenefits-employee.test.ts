import type { Employee, SyncIssue } from '@hrsync/core';
import { describe, expect, it } from 'vitest';
import {
  indexZenefitsEmployments,
  inferZenefitsEmploymentType,
  type MapZenefitsEmployeeOptions,
  mapZenefitsDepartment,
  mapZenefitsEmployee,
  mapZenefitsLocation,
  mapZenefitsStatus,
  orgUnitNames,
  pickCurrentEmployment,
  ZENEFITS_EMPLOYMENT_STATUS,
} from '../src/map-zenefits-employee.ts';
import { refId, ZenefitsEmploymentSchema, ZenefitsListPageSchema } from '../src/zenefits-wire.ts';
import departmentsFixture from './fixtures/departments.json' with { type: 'json' };
import employmentsFixture from './fixtures/employments.json' with { type: 'json' };
import locationsFixture from './fixtures/locations.json' with { type: 'json' };
import page1 from './fixtures/people-page-1.json' with { type: 'json' };
import page2 from './fixtures/people-page-2-last.json' with { type: 'json' };

const departments = orgUnitNames(
  ZenefitsListPageSchema.parse(departmentsFixture).data.data.flatMap((d) => {
    const r = mapZenefitsDepartment(d);
    return r.ok ? [r.unit] : [];
  }),
);
const locations = orgUnitNames(
  ZenefitsListPageSchema.parse(locationsFixture).data.data.flatMap((l) => {
    const r = mapZenefitsLocation(l);
    return r.ok ? [r.unit] : [];
  }),
);
const employments = indexZenefitsEmployments(ZenefitsListPageSchema.parse(employmentsFixture).data.data);
const people = [
  ...ZenefitsListPageSchema.parse(page1).data.data,
  ...ZenefitsListPageSchema.parse(page2).data.data,
];
const options: MapZenefitsEmployeeOptions = { departments, locations, employments: employments.byPerson };

function mapped(id: string): Employee {
  const record = people.find((p) => (p as { id: string }).id === id);
  const result = mapZenefitsEmployee(record, options);
  if (!result.ok) throw new Error(`expected ${id} to map: ${JSON.stringify(result.issues)}`);
  return result.employee;
}

function issuesOf(record: unknown, opts = options): SyncIssue[] {
  const result = mapZenefitsEmployee(record, opts);
  expect(result.ok).toBe(false);
  return result.issues;
}

const base = {
  id: '500',
  object: '/core/people',
  first_name: 'Ada',
  last_name: 'Lovelace',
  work_email: 'ada@example.com',
  status: 'active',
  manager: { url: null, object: '/meta/ref/detail', ref_object: '/core/people' },
  department: { url: null, object: '/meta/ref/detail', ref_object: '/core/departments' },
  location: { url: null, object: '/meta/ref/detail', ref_object: '/core/locations' },
};

describe('mapZenefitsEmployee on the fixtures', () => {
  it('maps the captured real person field by field, manager from the ref URL', () => {
    expect(mapped('9386674')).toEqual({
      id: '9386674',
      employeeNumber: '2',
      firstName: 'Nathan',
      lastName: 'Ash',
      preferredName: 'Nathan',
      workEmail: '0q0v6r11@test.com',
      personalEmail: '0q0v6r11@test.com',
      workPhone: '+17135551234',
      department: { id: '219736', name: 'Engineering' },
      location: { id: '367177', name: 'Houston HQ' },
      managerId: '9386671',
      employmentStatus: 'active',
      employmentType: 'full_time',
      startDate: '2019-04-01',
    });
  });

  it('reads a ref whose url is null as no manager, department or location', () => {
    const dana = mapped('9386671');
    expect(dana.managerId).toBeUndefined();
    expect(dana.title).toBe('VP Engineering');
    const priya = mapped('9386680');
    expect(priya.location).toBeUndefined();
    expect(priya.department).toEqual({ id: '219740', name: 'Sales' });
  });

  it('maps the statuses: leave_of_absence → leave, terminated, requested → pending', () => {
    expect(mapped('9386680').employmentStatus).toBe('leave');
    expect(mapped('9386702').employmentStatus).toBe('terminated');
    expect(mapped('9386710').employmentStatus).toBe('pending');
  });

  it('takes dates and type from the current employment: the open one of a rehire', () => {
    const sofia = mapped('9386705');
    expect(sofia).toMatchObject({
      startDate: '2022-06-06',
      employmentType: 'part_time',
      preferredName: 'Sofi',
    });
    expect(sofia.endDate).toBeUndefined();
    expect(sofia.workEmail).toBe('sofia.alvarez@example.com');
  });

  it('takes the latest ended employment of a leaver, with its termination date', () => {
    expect(mapped('9386702')).toMatchObject({ startDate: '2020-01-13', endDate: '2024-02-15' });
  });

  it('reads the sub-type first (an intern on a temporary employment type is an intern)', () => {
    expect(mapped('9386710')).toMatchObject({ employmentType: 'intern', startDate: '2027-01-04' });
  });

  it('skips the admin-only account whose status is null, saying so', () => {
    const admin = people.find((p) => (p as { id: string }).id === '9386690');
    const issues = issuesOf(admin);
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'EMPLOYEE_UNKNOWN_STATUS',
        severity: 'error',
        source: 'zenefits',
        recordId: '9386690',
        message: 'The person has no TriNet Zenefits status (type "admin").',
      }),
    ]);
  });

  it('indexes every employment of the fixture without issues', () => {
    expect(employments.issues).toEqual([]);
    expect(employments.byPerson.get('9386702')).toHaveLength(2);
  });
});

describe('mapZenefitsStatus', () => {
  it.each([
    ['active', 'active'],
    ['Active', 'active'],
    [' leave_of_absence ', 'leave'],
    ['requested', 'pending'],
    ['setup', 'pending'],
    ['terminated', 'terminated'],
    ['deleted', 'terminated'],
  ] as const)('%j → %s', (status, expected) => {
    expect(mapZenefitsStatus(status)).toBe(expected);
  });

  it.each([['furloughed'], [''], [null], [undefined], [3]])('%j → undefined', (status) => {
    expect(mapZenefitsStatus(status)).toBeUndefined();
  });

  it('keeps an unknown status as an issue naming the value, never a guess', () => {
    const issues = issuesOf({ ...base, status: 'furloughed' });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'EMPLOYEE_UNKNOWN_STATUS',
      field: 'employmentStatus',
      recordId: '500',
      message: `The TriNet Zenefits status "furloughed" is not one of ${Object.keys(ZENEFITS_EMPLOYMENT_STATUS).join(', ')}.`,
      fix: 'In TriNet Zenefits, check the employee’s employment status; if it is correct, report the value to the hrsync maintainers.',
    });
  });
});

describe('pickCurrentEmployment', () => {
  const e = (fields: Record<string, unknown>) => ZenefitsEmploymentSchema.parse({ id: '1', ...fields });

  it('prefers the open employment over a later ended one', () => {
    const picked = pickCurrentEmployment([
      e({ id: '1', hire_date: '2020-01-01', termination_date: null }),
      e({ id: '2', hire_date: '2023-01-01', termination_date: '2023-06-01' }),
    ]);
    expect(picked?.id).toBe('1');
  });

  it('among open ones, prefers is_active, then the latest hire date', () => {
    expect(
      pickCurrentEmployment([
        e({ id: '1', hire_date: '2024-01-01', is_active: false }),
        e({ id: '2', hire_date: '2020-01-01', is_active: 'true' }),
      ])?.id,
    ).toBe('2');
    expect(
      pickCurrentEmployment([
        e({ id: '1', hire_date: '2024-01-01' }),
        e({ id: '2', hire_date: '2020-01-01' }),
      ])?.id,
    ).toBe('1');
  });

  it('among ended ones, takes the latest hire date; a missing hire date loses', () => {
    const list = [
      e({ id: '3', hire_date: null, termination_date: '2025-01-01' }),
      e({ id: '1', hire_date: '2018-01-01', termination_date: '2019-01-01' }),
      e({ id: '2', hire_date: '2021-01-01', termination_date: '2022-01-01' }),
    ];
    expect(pickCurrentEmployment(list)?.id).toBe('2');
    expect(pickCurrentEmployment([...list].reverse())?.id).toBe('2');
  });

  it('breaks a full tie by the highest numeric id, whatever the order', () => {
    const a = e({ id: '99', hire_date: '2020-01-01' });
    const b = e({ id: '100', hire_date: '2020-01-01' });
    expect(pickCurrentEmployment([a, b])?.id).toBe('100');
    expect(pickCurrentEmployment([b, a])?.id).toBe('100');
  });

  it('returns undefined for no employments, and the person syncs without dates', () => {
    expect(pickCurrentEmployment([])).toBeUndefined();
    const result = mapZenefitsEmployee(base, {});
    expect(result.ok && result.employee.startDate).toBeUndefined();
  });
});

describe('inferZenefitsEmploymentType', () => {
  it.each([
    [{ employment_sub_type: 'Full Time' }, 'full_time'],
    [{ employment_sub_type: 'Part Time' }, 'part_time'],
    [{ employment_sub_type: 'Intern' }, 'intern'],
    [{ employment_sub_type: 'Agency Paid Temp' }, 'temporary'],
    [{ employment_sub_type: 'Company Paid Temp' }, 'temporary'],
    [{ employment_sub_type: 'Independent Contractor' }, 'contractor'],
    [{ employment_sub_type: 'Vendor Employee' }, 'contractor'],
    [{ employment_sub_type: 'Volunteer' }, 'other'],
    [{ employment_type: 'FT' }, 'full_time'],
    [{ employment_type: 'PT' }, 'part_time'],
    [{ employment_type: 'TP' }, 'temporary'],
    [{ employment_type: 'part_time', employment_sub_type: 'Something new' }, 'part_time'],
    [{ employment_type: 'salaried' }, undefined],
    [{}, undefined],
  ] as const)('%j → %s', (employment, expected) => {
    expect(inferZenefitsEmploymentType(employment)).toBe(expected);
  });
});

describe('refId', () => {
  it.each([
    [{ url: 'https://api.zenefits.com/core/people/9386671', object: '/meta/ref/detail' }, '9386671'],
    [{ url: 'https://api.zenefits.com/core/people/9386671/', object: '/meta/ref/detail' }, '9386671'],
    [{ url: 'https://api.zenefits.com/core/people/9386671?includes=manager' }, '9386671'],
    [{ url: '/core/departments/12' }, '12'],
    [{ url: null, object: '/meta/ref/detail' }, undefined],
    [{ url: '' }, undefined],
    [{ url: 'https://api.zenefits.com/' }, undefined],
    [{ id: '77', url: null }, '77'],
    [null, undefined],
  ] as const)('%j → %s', (ref, expected) => {
    expect(refId(ref)).toBe(expected);
  });
});

describe('every issue code the mapping raises', () => {
  it('EMPLOYEE_INVALID_NAME for a missing or letterless first or last name', () => {
    expect(issuesOf({ ...base, first_name: null }).map((i) => [i.code, i.field])).toEqual([
      ['EMPLOYEE_INVALID_NAME', 'firstName'],
    ]);
    expect(issuesOf({ ...base, last_name: ' - ' }).map((i) => [i.code, i.field])).toEqual([
      ['EMPLOYEE_INVALID_NAME', 'lastName'],
    ]);
    expect(issuesOf({ ...base, last_name: '' })[0]?.fix).toBe(
      'In TriNet Zenefits, ensure the employee has both a first name and a last name.',
    );
  });

  it('EMPLOYEE_INVALID_EMAIL for a malformed work email', () => {
    const [issue] = issuesOf({ ...base, work_email: 'ada.example.com' });
    expect(issue).toMatchObject({
      code: 'EMPLOYEE_INVALID_EMAIL',
      field: 'workEmail',
      fix: 'In TriNet Zenefits, ensure the employee has a valid work email address.',
    });
  });

  it('EMPLOYEE_MISSING_REQUIRED_FIELD for an empty work email (the token may lack the work email permission)', () => {
    expect(issuesOf({ ...base, work_email: null })[0]).toMatchObject({
      code: 'EMPLOYEE_MISSING_REQUIRED_FIELD',
      field: 'workEmail',
    });
  });

  it('UNKNOWN for a record that is not a Zenefits person, keeping what went wrong', () => {
    const [issue] = issuesOf({ ...base, id: { nested: true } }, { ...options, recordId: 'row 7' });
    expect(issue).toMatchObject({ code: 'UNKNOWN', recordId: 'row 7', entity: 'employee' });
    expect(issue?.message).toMatch(/^The TriNet Zenefits person record could not be read \(id: /);
    expect(issuesOf('not an object')[0]?.code).toBe('UNKNOWN');
  });

  it('EMPLOYEE_INVALID_PHONE as a warning: the phone is dropped, the person syncs', () => {
    const result = mapZenefitsEmployee({ ...base, work_phone: '12' }, options);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.employee.workPhone).toBeUndefined();
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([['EMPLOYEE_INVALID_PHONE', 'warning']]);
  });

  it('EMPLOYEE_INVALID_DATE as a warning for an impossible hire date', () => {
    const index = indexZenefitsEmployments([
      { id: '9', person: { url: 'https://api.zenefits.com/core/people/500' }, hire_date: '2024-02-30' },
    ]);
    const result = mapZenefitsEmployee(base, { employments: index.byPerson });
    expect(result.ok && result.issues.map((i) => i.code)).toEqual(['EMPLOYEE_INVALID_DATE']);
  });

  it('drops a department the list does not know, or one without a name (the plan reports the name)', () => {
    const withDept = {
      ...base,
      department: { url: 'https://api.zenefits.com/core/departments/1', object: '/meta/ref/detail' },
    };
    const unknown = mapZenefitsEmployee(withDept, options);
    expect(unknown.ok && unknown.employee.department).toBeUndefined();
    const nameless = mapZenefitsEmployee(withDept, { departments: new Map([['1', undefined]]) });
    expect(nameless.ok && nameless.employee.department).toBeUndefined();
  });

  it('uses the name of an expanded ref (?includes=department)', () => {
    const result = mapZenefitsEmployee(
      { ...base, department: { id: '8', name: 'Design', object: '/core/departments', url: null } },
      {},
    );
    expect(result.ok && result.employee.department).toEqual({ id: '8', name: 'Design' });
  });

  it('reads a wrongly shaped ref as no ref rather than losing the person', () => {
    const result = mapZenefitsEmployee({ ...base, manager: 'not a ref' }, {});
    expect(result.ok && result.employee.managerId).toBeUndefined();
  });
});

describe('departments, locations and employments that cannot be read', () => {
  it('keeps a unit without a name (the plan engine raises *_MISSING_NAME)', () => {
    expect(mapZenefitsDepartment({ id: '5', name: '  ' })).toEqual({ ok: true, unit: { id: '5' } });
    expect(mapZenefitsLocation({ id: 6, name: null })).toEqual({ ok: true, unit: { id: '6' } });
  });

  it('turns a unit without an id into an UNKNOWN warning', () => {
    const result = mapZenefitsLocation({ name: 'Nowhere' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issue).toMatchObject({
      code: 'UNKNOWN',
      severity: 'warning',
      entity: 'location',
    });
    const dept = mapZenefitsDepartment({ id: '  ', name: 'Blank id' });
    expect(!dept.ok && dept.issue.message).toBe('A TriNet Zenefits department has no id; it was left out.');
  });

  it('leaves out an employment without a person or without an id, with a warning each', () => {
    const index = indexZenefitsEmployments([
      { id: '1', person: { url: null, object: '/meta/ref/detail' }, hire_date: '2020-01-01' },
      { hire_date: '2020-01-01' },
    ]);
    expect(index.byPerson.size).toBe(0);
    expect(index.issues.map((i) => [i.code, i.severity])).toEqual([
      ['UNKNOWN', 'warning'],
      ['UNKNOWN', 'warning'],
    ]);
  });
});
