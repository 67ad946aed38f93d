import { describe, expect, it } from 'vitest';
import { AcmeEmployeesPageSchema } from '../src/acme-wire.ts';
import { mapAcmeEmployee } from '../src/map-acme-employee.ts';
import page from './fixtures/employees-page-1.json' with { type: 'json' };

const records = AcmeEmployeesPageSchema.parse(page).employees;
const map = (index: number) => mapAcmeEmployee(records[index]);

describe('mapAcmeEmployee', () => {
  it('maps a complete record, normalising names, email and phone', () => {
    expect(map(0)).toEqual([
      {
        type: 'employee',
        employee: {
          id: 'emp_001',
          employeeNumber: '1001',
          firstName: 'Ada',
          lastName: 'Lovelace',
          workEmail: 'ada.lovelace@acme.test',
          workPhone: '+14155552671',
          title: 'Chief Engineer',
          department: { id: 'dep_eng', name: 'Engineering' },
          location: { id: 'off_sf', name: 'San Francisco' },
          employmentStatus: 'active',
          employmentType: 'full_time',
          startDate: '2019-03-01',
        },
        issues: [],
      },
    ]);
  });

  it('keeps a person whose phone and start date are unusable, with a warning for each', () => {
    const [record] = map(1);
    expect(record?.type).toBe('employee');
    if (record?.type !== 'employee') return;
    expect(record.employee).toMatchObject({
      employmentStatus: 'leave',
      employmentType: 'contractor',
      managerId: 'emp_001',
    });
    expect(record.employee.workPhone).toBeUndefined();
    expect(record.employee.startDate).toBeUndefined();
    expect(record.issues.map((i) => [i.code, i.severity, i.field])).toEqual([
      ['EMPLOYEE_INVALID_PHONE', 'warning', 'workPhone'],
      ['EMPLOYEE_INVALID_DATE', 'warning', 'startDate'],
    ]);
  });

  it('skips a person without a last name, with a fix that names Acme People', () => {
    expect(map(2)).toEqual([
      {
        type: 'issue',
        issue: expect.objectContaining({
          code: 'EMPLOYEE_MISSING_REQUIRED_FIELD',
          severity: 'error',
          recordId: 'emp_003',
          field: 'lastName',
          fix: expect.stringMatching(/^In Acme People, /),
        }),
      },
    ]);
  });

  it('skips a status it does not know rather than guessing', () => {
    expect(map(3)).toEqual([
      {
        type: 'issue',
        issue: expect.objectContaining({ code: 'EMPLOYEE_UNKNOWN_STATUS', recordId: 'emp_004' }),
      },
    ]);
  });

  it('reports a record that is not an Acme employee at all', () => {
    expect(map(4)).toEqual([
      { type: 'issue', issue: expect.objectContaining({ code: 'UNKNOWN', severity: 'error' }) },
    ]);
    expect(mapAcmeEmployee('not an object')).toEqual([
      { type: 'issue', issue: expect.objectContaining({ code: 'UNKNOWN' }) },
    ]);
  });
});
