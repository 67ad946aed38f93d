import { describe, expectTypeOf, it } from 'vitest';
import type {
  ArchiveReason,
  CurrentRecord,
  Employee,
  EmployeeField,
  FieldChange,
  HrSyncCode,
  MatchStrategy,
  PlanArchive,
  PlanBlock,
  PlanCreate,
  PlanInput,
  PlanLink,
  PlanReactivation,
  PlanUpdate,
  SafetyOptions,
  SourceSnapshot,
  SyncIssue,
  SyncPlan,
} from '../../src/index.ts';
import { planSync } from '../../src/index.ts';

describe('public plan types', () => {
  it('planSync takes a PlanInput and returns a SyncPlan', () => {
    expectTypeOf(planSync).parameters.toEqualTypeOf<[PlanInput]>();
    expectTypeOf(planSync).returns.toEqualTypeOf<SyncPlan>();
    expectTypeOf<PlanInput['snapshot']>().toEqualTypeOf<SourceSnapshot>();
    expectTypeOf<PlanInput['current']>().toEqualTypeOf<Iterable<CurrentRecord>>();
    expectTypeOf<PlanInput['fields']>().toEqualTypeOf<readonly EmployeeField[] | undefined>();
    expectTypeOf<PlanInput['match']>().toEqualTypeOf<readonly MatchStrategy[] | undefined>();
    expectTypeOf<PlanInput['safety']>().toEqualTypeOf<SafetyOptions | undefined>();
    expectTypeOf<PlanInput['sourceName']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<MatchStrategy>().toEqualTypeOf<'sourceId' | 'workEmail' | 'employeeNumber'>();
    // @ts-expect-error a snapshot is required
    const missing: PlanInput = { current: [] };
    void missing;
    // @ts-expect-error only the documented strategies
    const wrong: PlanInput['match'] = ['hostId'];
    void wrong;
  });

  it('a plan lists operations as discriminated unions on `type`', () => {
    expectTypeOf<SyncPlan['creates']>().toEqualTypeOf<PlanCreate[]>();
    expectTypeOf<PlanCreate['employee']>().toEqualTypeOf<Employee>();
    expectTypeOf<PlanUpdate['changes']>().toEqualTypeOf<FieldChange[]>();
    expectTypeOf<FieldChange['field']>().toEqualTypeOf<EmployeeField>();
    expectTypeOf<PlanArchive['reason']>().toEqualTypeOf<ArchiveReason>();
    expectTypeOf<ArchiveReason>().toEqualTypeOf<'missing_from_source' | 'terminated' | 'end_date_passed'>();
    expectTypeOf<PlanReactivation['type']>().toEqualTypeOf<'reactivate'>();
    expectTypeOf<PlanLink['matchedBy']>().toEqualTypeOf<'workEmail' | 'employeeNumber'>();
    type Operation = PlanCreate | PlanUpdate | PlanArchive | PlanReactivation | PlanLink;
    expectTypeOf<Operation['type']>().toEqualTypeOf<
      'create' | 'update' | 'archive' | 'reactivate' | 'link'
    >();
    const op = {} as Operation;
    if (op.type === 'archive') expectTypeOf(op).toEqualTypeOf<PlanArchive>();
  });

  it('a block carries an error code and its figures; issues and counts are typed by code', () => {
    expectTypeOf<PlanBlock['code']>().toEqualTypeOf<
      'SYNC_INCOMPLETE_SOURCE' | 'SYNC_ARCHIVE_THRESHOLD_EXCEEDED'
    >();
    expectTypeOf<PlanBlock['archiveCount']>().toEqualTypeOf<number>();
    expectTypeOf<SyncPlan['blocked']>().toEqualTypeOf<PlanBlock | undefined>();
    expectTypeOf<SyncPlan['issues']>().toEqualTypeOf<SyncIssue[]>();
    expectTypeOf<SyncPlan['summary']['byCode']>().toEqualTypeOf<Partial<Record<HrSyncCode, number>>>();
    expectTypeOf<SyncPlan['unchanged']>().toEqualTypeOf<number>();
  });
});
