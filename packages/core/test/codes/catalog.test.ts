import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCodesTable } from '../../../../scripts/gen-codes.ts';
import { CODE_CATALOG, CODES, createIssue, formatFix, isHrSyncCode } from '../../src/index.ts';

// The codes DESIGN.md §4 requires at the least.
const REQUIRED_ISSUES = [
  'LOCATION_MISSING_NAME',
  'LOCATION_DUPLICATE_NAME',
  'DEPARTMENT_MISSING_NAME',
  'DEPARTMENT_DUPLICATE_NAME',
  'EMPLOYEE_INVALID_EMAIL',
  'EMPLOYEE_INVALID_NAME',
  'EMPLOYEE_MISSING_REQUIRED_FIELD',
  'EMPLOYEE_DUPLICATE_EMAIL',
  'EMPLOYEE_INVALID_PHONE',
  'EMPLOYEE_DUPLICATE_PHONE',
  'EMPLOYEE_EMAIL_IN_OTHER_COMPANY',
  'MANAGER_NOT_FOUND',
  'MANAGER_CYCLE',
  'MANAGER_SELF',
  'UNKNOWN',
];
const REQUIRED_ERRORS = [
  'AUTH_INVALID_CREDENTIALS',
  'AUTH_PERMISSION_DENIED',
  'RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'TIMEOUT',
  'NETWORK',
  'INVALID_RESPONSE',
  'CONFIG_INVALID',
  'SYNC_INCOMPLETE_SOURCE',
  'SYNC_ARCHIVE_THRESHOLD_EXCEEDED',
  'WEBHOOK_UNAUTHORIZED',
  'WEBHOOK_INVALID_PAYLOAD',
];

describe('code catalog', () => {
  it('holds every code of the design with the right kind', () => {
    for (const code of REQUIRED_ISSUES)
      expect(CODE_CATALOG[code as keyof typeof CODE_CATALOG]?.kind).toBe('issue');
    for (const code of REQUIRED_ERRORS)
      expect(CODE_CATALOG[code as keyof typeof CODE_CATALOG]?.kind).toBe('error');
  });

  it('gives every code a description and a fix naming the source', () => {
    for (const code of CODES) {
      const def = CODE_CATALOG[code];
      expect(def.description.length, code).toBeGreaterThan(10);
      expect(def.fix, code).toContain('{source}');
      if (def.kind === 'error') expect(typeof def.retryable, code).toBe('boolean');
    }
  });

  it('formats fixes in the vendor’s words', () => {
    expect(formatFix('EMPLOYEE_DUPLICATE_EMAIL', 'TriNet')).toBe(
      'In TriNet, ensure none of your employees share the exact same work email address.',
    );
    expect(formatFix('LOCATION_MISSING_NAME', 'People HR')).toBe(
      'In People HR, ensure every location has a name.',
    );
  });

  it('recognises its own codes only', () => {
    expect(isHrSyncCode('MANAGER_CYCLE')).toBe(true);
    expect(isHrSyncCode('toString')).toBe(false);
    expect(isHrSyncCode('NOPE')).toBe(false);
  });

  it('builds issues with catalog severity and fix text', () => {
    const issue = createIssue(
      'MANAGER_SELF',
      { id: 'zenefits', displayName: 'TriNet Zenefits' },
      {
        recordId: '7',
        field: 'managerId',
        message: '7 manages themselves',
      },
    );
    expect(issue).toEqual({
      code: 'MANAGER_SELF',
      severity: 'warning',
      source: 'zenefits',
      entity: 'manager',
      recordId: '7',
      field: 'managerId',
      message: '7 manages themselves',
      fix: 'In TriNet Zenefits, set the employee’s manager to someone other than themselves.',
    });
  });

  it('keeps docs/codes.md in step with the catalog', () => {
    const onDisk = readFileSync(new URL('../../../../docs/codes.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderCodesTable());
    for (const code of CODES) expect(onDisk).toContain(`\`${code}\``);
  });
});
