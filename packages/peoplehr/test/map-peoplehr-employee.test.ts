import { describe, expect, it } from 'vitest';
import {
  mapPeopleHrEmployee,
  peopleHrText,
  resolvePeopleHrManagers,
  todayIn,
} from '../src/map-peoplehr-employee.ts';
import { PeopleHrEmployeeSchema, PeopleHrEnvelopeSchema } from '../src/peoplehr-wire.ts';
import all from './fixtures/get-all-employee-detail.json' with { type: 'json' };
import byId from './fixtures/get-employee-by-id.json' with { type: 'json' };

const NOW = new Date('2024-06-01T12:00:00Z');
const records = all.Result as unknown[];
const byNumber = (n: string) =>
  records.find((r) => (r as { EmployeeId: { DisplayValue: string } }).EmployeeId.DisplayValue === n);

function okMap(record: unknown) {
  const mapped = mapPeopleHrEmployee(record, { now: NOW });
  if (!mapped.ok) throw new Error(`expected ok: ${JSON.stringify(mapped.issues)}`);
  return mapped;
}

describe('wire schemas', () => {
  it('reads the lower-case isError envelope and every record of the fixture', () => {
    const envelope = PeopleHrEnvelopeSchema.parse(all);
    expect(envelope.isError).toBe(false);
    expect(Array.isArray(envelope.Result)).toBe(true);
    for (const record of records) expect(PeopleHrEmployeeSchema.safeParse(record).success).toBe(true);
  });

  it('accepts the OpenAPI spelling IsError as a fallback, and rejects an envelope without the flag', () => {
    expect(PeopleHrEnvelopeSchema.parse({ IsError: true, Message: 'x' }).isError).toBe(true);
    expect(PeopleHrEnvelopeSchema.safeParse({ Status: 0, Message: 'ok', Result: [] }).success).toBe(false);
    expect(PeopleHrEnvelopeSchema.safeParse({ isError: 'false' }).success).toBe(false);
  });

  it('keeps LeavingDate a plain string and UniqueKey outside DisplayValue', () => {
    const record = byNumber('PW3') as Record<string, unknown>;
    expect(typeof record.LeavingDate).toBe('string');
    expect(typeof record.UniqueKey).toBe('string');
  });
});

describe('peopleHrText', () => {
  it.each([
    [{ DisplayValue: ' PW2 ', FieldHistory: [] }, 'PW2'],
    [{ DisplayValue: '' }, undefined],
    [{ DisplayValue: '   ' }, undefined],
    [{ DisplayValue: null }, undefined],
    [{ DisplayValue: 7 }, '7'],
    ['2024-05-31', '2024-05-31'],
    ['', undefined],
    [undefined, undefined],
    [null, undefined],
    [{}, undefined],
  ])('%j → %j', (input, expected) => {
    expect(peopleHrText(input)).toBe(expected);
  });
});

describe('todayIn', () => {
  it('takes the calendar date in London, not UTC', () => {
    expect(todayIn(new Date('2024-05-31T23:30:00Z'), 'Europe/London')).toBe('2024-06-01');
    expect(todayIn(new Date('2024-01-31T23:30:00Z'), 'Europe/London')).toBe('2024-01-31');
  });
});

describe('mapPeopleHrEmployee', () => {
  it('maps the single-employee fixture field by field', () => {
    const mapped = okMap(byId.Result);
    expect(mapped.employee).toEqual({
      id: '24454418-4f5c-458d-91d8-394f9fc45eed',
      employeeNumber: 'PW2',
      firstName: 'Cormac',
      lastName: 'McCarthy',
      workEmail: 'cormac.mccarthy@northwind.example',
      title: 'Frontend Developer',
      department: { name: 'Development' },
      location: { name: 'Head Office' },
      employmentStatus: 'active',
      startDate: '2023-07-02',
    });
    expect(mapped.managerEmployeeId).toBe('PW1');
    expect(mapped.issues).toEqual([]);
  });

  it('lower-cases the work email and reads a UK work phone without a country code', () => {
    const mapped = okMap(byNumber('PW1'));
    expect(mapped.employee.workEmail).toBe('armen.tamzarian@northwind.example');
    expect(mapped.employee.workPhone).toBe('+442079460958');
    expect(mapped.managerEmployeeId).toBeUndefined();
  });

  it('treats a past LeavingDate as terminated, with the end date', () => {
    const mapped = okMap(byNumber('PW3'));
    expect(mapped.employee.employmentStatus).toBe('terminated');
    expect(mapped.employee.endDate).toBe('2024-03-29');
  });

  it('keeps a person with a future LeavingDate active, with the end date', () => {
    const mapped = okMap(byNumber('S20'));
    expect(mapped.employee.employmentStatus).toBe('active');
    expect(mapped.employee.endDate).toBe('2099-12-31');
    expect(mapped.employee.preferredName).toBe('Pree');
  });

  it('is still active on the leaving day itself, and terminated the day after (London time)', () => {
    const record = { ...(byId.Result as object), LeavingDate: '2024-06-01' };
    expect(okMap(record).employee.employmentStatus).toBe('active');
    const after = mapPeopleHrEmployee(record, { now: new Date('2024-06-01T23:30:00Z') });
    expect(after.ok && after.employee.employmentStatus).toBe('terminated');
  });

  it.each([
    ['PW5', 'lastName'],
    ['PW6', 'workEmail'],
  ])('skips %s (missing %s) with EMPLOYEE_MISSING_REQUIRED_FIELD and a People HR fix', (number, field) => {
    const mapped = mapPeopleHrEmployee(byNumber(number), { now: NOW });
    expect(mapped.ok).toBe(false);
    expect(mapped.issues).toHaveLength(1);
    const [issue] = mapped.issues;
    expect(issue).toMatchObject({
      code: 'EMPLOYEE_MISSING_REQUIRED_FIELD',
      severity: 'error',
      source: 'peoplehr',
      entity: 'employee',
      field,
      fix: 'In People HR, fill in the employee’s first name, last name and work email address.',
    });
    expect(issue?.message).toMatch(new RegExp(`^Employee ${number}: `));
    if (!mapped.ok) expect(mapped.employeeNumber).toBe(number);
  });

  it('skips a person without a first name', () => {
    const record = { ...(byId.Result as object), FirstName: { DisplayValue: '  ', FieldHistory: [] } };
    const mapped = mapPeopleHrEmployee(record, { now: NOW });
    expect(mapped.ok).toBe(false);
    expect(mapped.issues.map((i) => [i.code, i.field])).toEqual([
      ['EMPLOYEE_MISSING_REQUIRED_FIELD', 'firstName'],
    ]);
  });

  it('skips a person without a UniqueKey (no stable id)', () => {
    const record = { ...(byId.Result as object), UniqueKey: '' };
    const mapped = mapPeopleHrEmployee(record, { now: NOW });
    expect(mapped.ok).toBe(false);
    expect(mapped.issues[0]).toMatchObject({
      code: 'EMPLOYEE_MISSING_REQUIRED_FIELD',
      field: 'id',
      recordId: 'PW2',
    });
  });

  it('drops an invalid phone and an unreadable date with warnings; an unreadable LeavingDate keeps the person active', () => {
    const record = {
      ...(byId.Result as object),
      StartDate: { DisplayValue: '31/31/2023', FieldHistory: [] },
      LeavingDate: 'soon',
      ContactDetail: { WorkPhoneNumber: { DisplayValue: '12', FieldHistory: [] } },
    };
    const mapped = okMap(record);
    expect(mapped.employee.employmentStatus).toBe('active');
    expect(mapped.employee.startDate).toBeUndefined();
    expect(mapped.employee.endDate).toBeUndefined();
    expect(mapped.employee.workPhone).toBeUndefined();
    expect(mapped.issues.map((i) => [i.code, i.severity, i.field])).toEqual([
      ['EMPLOYEE_INVALID_PHONE', 'warning', 'workPhone'],
      ['EMPLOYEE_INVALID_DATE', 'warning', 'startDate'],
      ['EMPLOYEE_INVALID_DATE', 'warning', 'endDate'],
    ]);
  });

  it('turns a record that is not an object into an UNKNOWN issue naming its position', () => {
    const mapped = mapPeopleHrEmployee('nonsense', { index: 4 });
    expect(mapped.ok).toBe(false);
    expect(mapped.issues[0]).toMatchObject({ code: 'UNKNOWN', source: 'peoplehr' });
    expect(mapped.issues[0]?.message).toContain('position 5');
  });

  it('never reads the salutation Title as the job title', () => {
    const record = { ...(byId.Result as object), Title: { DisplayValue: 'Dr', FieldHistory: [] } };
    expect(okMap(record).employee.title).toBe('Frontend Developer');
  });
});

describe('resolvePeopleHrManagers', () => {
  it('turns ReportsToEmployeeId into the manager’s UniqueKey', () => {
    const mapped = okMap(byNumber('PW2'));
    const [resolved] = resolvePeopleHrManagers([mapped], new Map([['PW1', 'key-of-pw1']]));
    expect(resolved?.employee.managerId).toBe('key-of-pw1');
    expect(resolved?.issues).toEqual([]);
  });

  it('leaves out a manager it cannot resolve, with a MANAGER_NOT_FOUND warning', () => {
    const mapped = okMap(byNumber('PW2'));
    const [resolved] = resolvePeopleHrManagers([mapped], new Map());
    expect(resolved?.employee.managerId).toBeUndefined();
    expect(resolved?.issues[0]).toMatchObject({
      code: 'MANAGER_NOT_FOUND',
      severity: 'warning',
      recordId: '24454418-4f5c-458d-91d8-394f9fc45eed',
    });
    expect(resolved?.issues[0]?.message).toContain('PW1');
  });

  it('does not mutate its input', () => {
    const mapped = okMap(byNumber('PW2'));
    resolvePeopleHrManagers([mapped], new Map([['PW1', 'k']]));
    expect(mapped.employee.managerId).toBeUndefined();
  });
});
