import { formatFix, type IssueCode, planSync, type SyncIssue } from '@hrsync/core';
import { generateRoster } from '@hrsync/testkit';
import { describe, expect, it } from 'vitest';
import { createZenefitsSource } from '../src/index.ts';
import { createZenefitsFake } from '../src/testing/index.ts';

const TOKEN = 'zf-issues-token';

// Every defect the roster generator can plant, in a company small enough for one page of people.
const roster = generateRoster({
  seed: 11,
  size: 80,
  defects: {
    duplicateEmails: 1,
    missingNames: 2,
    invalidEmails: 1,
    invalidPhones: 1,
    invalidDates: 1,
    managerCycles: 1,
    selfManagers: 1,
    missingManagers: 1,
    futureLeavers: 1,
    duplicateIds: 1,
    departmentsMissingName: 1,
    duplicateDepartmentNames: 1,
    locationsMissingName: 1,
    duplicateLocationNames: 1,
  },
});

// Records no canonical employee can express: not a person at all, a person whose id is an object.
const rawPeople = [
  'not a person',
  {
    id: { nested: true },
    first_name: 'Odd',
    last_name: 'Record',
    work_email: 'odd@example.com',
    status: 'active',
  },
  {
    id: '900001',
    first_name: 'Una',
    last_name: 'Known',
    work_email: 'una@example.com',
    status: 'furloughed',
  },
];

async function readAndPlan() {
  const fake = createZenefitsFake({
    token: TOKEN,
    employees: roster.employees,
    departments: roster.departments,
    locations: roster.locations,
    rawPeople,
  });
  const source = createZenefitsSource({ token: TOKEN, fetch: fake.fetch });
  const snapshot = await source.fetchSnapshot();
  const plan = planSync({ snapshot, current: [], now: new Date(roster.now), sourceName: source.displayName });
  return { snapshot, plan, issues: [...snapshot.issues, ...plan.issues] };
}

function byCode(issues: readonly SyncIssue[], code: IssueCode): SyncIssue[] {
  return issues.filter((issue) => issue.code === code);
}

describe('every issue code, end to end (fake → source → planSync)', () => {
  it('reports each planted defect with one of its codes, for the records it was planted in', async () => {
    const { issues } = await readAndPlan();
    const leavers = new Set(
      roster.employees.filter((e) => e.employmentStatus === 'terminated').map((e) => e.id),
    );
    for (const defect of roster.defects) {
      if (defect.detectedBy === 'none') continue;
      // planSync does not check the manager line of leavers; the generator may plant a manager defect in one.
      if (
        defect.codes.some((c) => c.startsWith('MANAGER_')) &&
        defect.employeeIds.every((id) => leavers.has(id))
      ) {
        continue;
      }
      const ids = defect.unitIds ?? defect.employeeIds;
      const found = issues.filter((i) => defect.codes.includes(i.code) && ids.includes(i.recordId ?? ''));
      expect(found.length, `${defect.kind} on ${ids.join(', ')}`).toBeGreaterThan(0);
    }
  });

  it.each([
    ['LOCATION_MISSING_NAME', 'In TriNet Zenefits, ensure every location has a name.'],
    [
      'LOCATION_DUPLICATE_NAME',
      'In TriNet Zenefits, ensure none of your locations share the exact same name.',
    ],
    ['DEPARTMENT_MISSING_NAME', 'In TriNet Zenefits, ensure every department has a name.'],
    [
      'DEPARTMENT_DUPLICATE_NAME',
      'In TriNet Zenefits, ensure none of your departments share the exact same name.',
    ],
    ['EMPLOYEE_INVALID_EMAIL', 'In TriNet Zenefits, ensure the employee has a valid work email address.'],
    [
      'EMPLOYEE_INVALID_NAME',
      'In TriNet Zenefits, ensure the employee has both a first name and a last name.',
    ],
    [
      'EMPLOYEE_DUPLICATE_EMAIL',
      'In TriNet Zenefits, ensure none of your employees share the exact same work email address.',
    ],
    [
      'UNKNOWN',
      'Check the message and the record in TriNet Zenefits; if it persists, contact support with the message.',
    ],
    [
      'EMPLOYEE_UNKNOWN_STATUS',
      'In TriNet Zenefits, check the employee’s employment status; if it is correct, report the value to the hrsync maintainers.',
    ],
  ] as const)('%s, with the fix text TriNet has, naming TriNet Zenefits', async (code, fix) => {
    const { issues } = await readAndPlan();
    const found = byCode(issues, code);
    expect(found.length).toBeGreaterThan(0);
    for (const issue of found) {
      expect(issue.source).toBe('zenefits');
      expect(issue.fix).toBe(fix);
      // The same text TriNet reports, with the vendor's name swapped.
      expect(issue.fix).toBe(formatFix(code, 'TriNet').replaceAll('TriNet', 'TriNet Zenefits'));
    }
  });

  it('skips the people with errors and keeps the rest of the company', async () => {
    const { snapshot, plan } = await readAndPlan();
    const skippedByMapping = snapshot.issues.filter((i) => i.severity === 'error' && i.entity === 'employee');
    // 80 planted people (one duplicated id among them) and 3 raw records, minus those skipped by the mapping.
    expect(snapshot.employees.length).toBe(80 + rawPeople.length - skippedByMapping.length);
    expect(snapshot.complete).toBe(true);
    expect(plan.creates.length).toBeGreaterThan(60);
    expect(byCode(snapshot.issues, 'UNKNOWN').map((i) => i.recordId)).toEqual(['#81', '#82']);
    expect(byCode(snapshot.issues, 'EMPLOYEE_UNKNOWN_STATUS')).toEqual([
      expect.objectContaining({ recordId: '900001', message: expect.stringContaining('"furloughed"') }),
    ]);
  });
});
