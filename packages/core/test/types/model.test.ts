import { describe, expectTypeOf, it } from 'vitest';
import type {
  CurrentRecord,
  Employee,
  EmploymentStatus,
  ErrorCode,
  HrSyncCode,
  IssueCode,
  SourceSnapshot,
  SyncIssue,
} from '../../src/index.ts';
import { HrSyncError } from '../../src/index.ts';

describe('public model types', () => {
  it('Employee has the required canonical fields', () => {
    expectTypeOf<Employee['id']>().toEqualTypeOf<string>();
    expectTypeOf<Employee['workEmail']>().toEqualTypeOf<string>();
    expectTypeOf<Employee['employmentStatus']>().toEqualTypeOf<EmploymentStatus>();
    expectTypeOf<EmploymentStatus>().toEqualTypeOf<'active' | 'pending' | 'leave' | 'terminated'>();
    expectTypeOf<Employee['managerId']>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error an Employee needs a work email
    const missing: Employee = { id: '1', firstName: 'A', lastName: 'B', employmentStatus: 'active' };
    void missing;
  });

  it('CurrentRecord is the host view keyed by hostId, without the source id field', () => {
    expectTypeOf<CurrentRecord['hostId']>().toEqualTypeOf<string>();
    expectTypeOf<CurrentRecord['sourceId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<CurrentRecord>().not.toHaveProperty('id');
    expectTypeOf({ hostId: 'u1' }).toExtend<CurrentRecord>();
  });

  it('issue codes and error codes partition the catalog', () => {
    expectTypeOf<'MANAGER_CYCLE'>().toExtend<IssueCode>();
    expectTypeOf<'RATE_LIMITED'>().toExtend<ErrorCode>();
    expectTypeOf<'RATE_LIMITED'>().not.toExtend<IssueCode>();
    expectTypeOf<IssueCode | ErrorCode>().toEqualTypeOf<HrSyncCode>();
    expectTypeOf<SyncIssue['code']>().toEqualTypeOf<IssueCode>();
    expectTypeOf<SourceSnapshot['issues']>().toEqualTypeOf<SyncIssue[]>();
  });

  it('HrSyncError narrows with is()', () => {
    const value: unknown = new HrSyncError('x', { code: 'TIMEOUT', source: 's' });
    if (HrSyncError.is(value)) expectTypeOf(value.code).toEqualTypeOf<ErrorCode>();
    // @ts-expect-error only error codes make an HrSyncError
    void new HrSyncError('x', { code: 'MANAGER_CYCLE', source: 's' });
  });
});
