import { describe, expect, it } from 'vitest';
import { EmployeeSchema, type RawEmployee, toEmployee } from '../../src/index.ts';

const source = { id: 'trinet', displayName: 'TriNet' };
const base: RawEmployee = {
  id: ' 00001234 ',
  firstName: ' Ada ',
  lastName: 'Lovelace',
  workEmail: ' Ada@Example.com ',
  employmentStatus: 'active',
};

describe('toEmployee', () => {
  it('normalises a complete record into a valid Employee', () => {
    const result = toEmployee(
      {
        ...base,
        employeeNumber: 'E-17',
        preferredName: 'Countess',
        personalEmail: 'ADA@home.example',
        workPhone: '(415) 555-2671',
        title: ' Engineer ',
        department: { id: '100', name: 'Engineering' },
        location: { id: 'SF1', name: 'San Francisco' },
        organization: { name: 'Analytical Engines' },
        teams: [{ id: 't1', name: 'Core' }, null, { name: '' }],
        managerId: '00000001',
        employmentType: 'full_time',
        startDate: '2021-03-01T00:00:00Z',
        endDate: '2030-01-31',
        timezone: 'America/Los_Angeles',
        custom: { level: 3, remote: true, note: null, nested: { x: 1 } as unknown as string, __proto__: 'x' },
      },
      { source, phoneRegion: 'US' },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.issues).toEqual([]);
    expect(result.employee).toEqual({
      id: '00001234',
      employeeNumber: 'E-17',
      firstName: 'Ada',
      lastName: 'Lovelace',
      preferredName: 'Countess',
      workEmail: 'ada@example.com',
      personalEmail: 'ada@home.example',
      workPhone: '+14155552671',
      title: 'Engineer',
      department: { id: '100', name: 'Engineering' },
      location: { id: 'SF1', name: 'San Francisco' },
      organization: { name: 'Analytical Engines' },
      teams: [{ id: 't1', name: 'Core' }],
      managerId: '00000001',
      employmentStatus: 'active',
      employmentType: 'full_time',
      startDate: '2021-03-01',
      endDate: '2030-01-31',
      timezone: 'America/Los_Angeles',
      custom: { level: 3, remote: true, note: null },
    });
    expect(EmployeeSchema.safeParse(result.employee).success).toBe(true);
  });

  it.each([
    ['id', { id: '  ' }, 'EMPLOYEE_MISSING_REQUIRED_FIELD'],
    ['firstName', { firstName: '' }, 'EMPLOYEE_MISSING_REQUIRED_FIELD'],
    ['lastName', { lastName: null }, 'EMPLOYEE_MISSING_REQUIRED_FIELD'],
    ['workEmail', { workEmail: undefined }, 'EMPLOYEE_MISSING_REQUIRED_FIELD'],
    ['workEmail', { workEmail: 'not-an-email' }, 'EMPLOYEE_INVALID_EMAIL'],
    ['firstName', { firstName: '---' }, 'EMPLOYEE_INVALID_NAME'],
    ['employmentStatus', { employmentStatus: 'X' }, 'EMPLOYEE_UNKNOWN_STATUS'],
  ] as const)('skips a record whose %s is bad (%j → %s)', (field, patch, code) => {
    const result = toEmployee({ ...base, ...patch }, { source, recordId: 'row-7' });
    expect(result.ok).toBe(false);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({
      code,
      field,
      severity: 'error',
      source: 'trinet',
      entity: 'employee',
    });
    expect(result.issues[0]!.recordId).toBe(field === 'id' ? 'row-7' : '00001234');
  });

  it('uses the adapter’s code for missing names', () => {
    const result = toEmployee(
      { ...base, lastName: '' },
      { source, missingNameCode: 'EMPLOYEE_INVALID_NAME' },
    );
    expect(result.issues.map((i) => i.code)).toEqual(['EMPLOYEE_INVALID_NAME']);
    expect(result.issues[0]!.fix).toBe(
      'In TriNet, ensure the employee has both a first name and a last name.',
    );
  });

  it('reports every problem of a record at once', () => {
    const result = toEmployee({ id: '1', workEmail: 'bad' }, { source });
    expect(result.issues.map((i) => `${i.code}:${i.field}`)).toEqual([
      'EMPLOYEE_MISSING_REQUIRED_FIELD:firstName',
      'EMPLOYEE_MISSING_REQUIRED_FIELD:lastName',
      'EMPLOYEE_INVALID_EMAIL:workEmail',
      'EMPLOYEE_UNKNOWN_STATUS:employmentStatus',
    ]);
  });

  it('drops an invalid phone with a warning and keeps the person', () => {
    const result = toEmployee({ ...base, workPhone: '555-0100' }, { source, phoneRegion: 'US' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.employee.workPhone).toBeUndefined();
    expect(result.issues).toEqual([
      expect.objectContaining({ code: 'EMPLOYEE_INVALID_PHONE', severity: 'warning', field: 'workPhone' }),
    ]);
  });

  it('drops an invalid date with a warning and keeps the person', () => {
    const result = toEmployee({ ...base, startDate: '2021-02-30', endDate: 'soon' }, { source });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.employee.startDate).toBeUndefined();
    expect(result.issues.map((i) => `${i.code}:${i.field}`)).toEqual([
      'EMPLOYEE_INVALID_DATE:startDate',
      'EMPLOYEE_INVALID_DATE:endDate',
    ]);
  });

  it('survives hostile input without throwing or polluting prototypes', () => {
    const hostile = JSON.parse(
      '{"id":"1","firstName":"A","lastName":"B","workEmail":"a@b.co","employmentStatus":"active","custom":{"__proto__":{"polluted":true},"constructor":"x"},"department":{"__proto__":{"name":"x"}},"teams":"nope"}',
    );
    const result = toEmployee(hostile, { source });
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (result.ok) expect(result.employee.department).toBeUndefined();
  });

  it('caps huge strings', () => {
    const result = toEmployee({ ...base, title: 'x'.repeat(1_000_000) }, { source });
    expect(result.ok && result.employee.title?.length).toBe(512);
  });
});
