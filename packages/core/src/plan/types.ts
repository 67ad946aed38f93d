import type { ErrorCode, HrSyncCode } from '../codes/catalog.ts';
import type { Employee, EmployeeField } from '../model/employee.ts';
import type { SyncIssue } from '../model/issue.ts';
import type { CurrentRecord, SourceSnapshot } from '../model/snapshot.ts';

/**
 * How a host user is matched to a source employee, tried in the order given.
 *
 * @example
 * ```ts
 * const match: MatchStrategy[] = ['sourceId', 'workEmail', 'employeeNumber'];
 * planSync({ snapshot, current, match });
 * ```
 */
export type MatchStrategy = 'sourceId' | 'workEmail' | 'employeeNumber';

/**
 * Limits on archiving, so a bad read or a vendor glitch never empties a company.
 *
 * @example
 * ```ts
 * // Block any plan that archives more than 10% of the company or more than 25 people.
 * const safety: SafetyOptions = { maxArchiveRatio: 0.1, maxArchiveCount: 25 };
 * ```
 */
export interface SafetyOptions {
  /** Largest share of the host's active linked users a plan may archive; default `0.2` (20%). */
  maxArchiveRatio?: number | undefined;
  /** Largest number of people a plan may archive; default: no limit beyond the ratio. */
  maxArchiveCount?: number | undefined;
  /** Allow a plan above the limits (after a human checked it); default `false`. */
  allowMassArchive?: boolean | undefined;
}

/**
 * The input of {@link planSync}.
 *
 * @example
 * ```ts
 * const input: PlanInput = {
 *   snapshot: await source.fetchSnapshot(),
 *   current: await destination.loadCurrent(),
 *   fields: ['firstName', 'lastName', 'workEmail', 'managerId', 'department', 'location', 'title'],
 * };
 * const plan = planSync(input);
 * ```
 */
export interface PlanInput {
  /** What the source says. */
  snapshot: SourceSnapshot;
  /** The host's users, as it knows them. */
  current: Iterable<CurrentRecord>;
  /** Reference time for end dates; default: now. */
  now?: Date | undefined;
  /** The fields the host keeps in sync; default: all. `id` is always kept. */
  fields?: readonly EmployeeField[] | undefined;
  /** Match order; default `['sourceId', 'workEmail']`. */
  match?: readonly MatchStrategy[] | undefined;
  /** Archive limits. */
  safety?: SafetyOptions | undefined;
  /**
   * The source's display name used in fix texts (`'TriNet'`); default: a known name for the snapshot's source id,
   * or the id capitalised.
   */
  sourceName?: string | undefined;
}

/**
 * One field that differs between the host and the source.
 *
 * @example
 * ```ts
 * const change: FieldChange = { field: 'title', before: 'Engineer', after: 'Senior Engineer' };
 * ```
 */
export interface FieldChange {
  field: EmployeeField;
  /** The host's value (`undefined` when it had none). */
  before: unknown;
  /** The source's value (`undefined` when the source cleared it). */
  after: unknown;
}

/**
 * A person new to the host.
 *
 * @example
 * ```ts
 * for (const { employee } of plan.creates) await db.users.insert(employee);
 * ```
 */
export interface PlanCreate {
  type: 'create';
  employee: Employee;
}

/**
 * A host user whose fields changed in the source.
 *
 * @example
 * ```ts
 * for (const update of plan.updates) {
 *   console.log(update.hostId, update.changes.map((c) => c.field).join(', '));
 * }
 * ```
 */
export interface PlanUpdate {
  type: 'update';
  hostId: string;
  sourceId: string;
  employee: Employee;
  changes: FieldChange[];
}

/**
 * Why a host user is archived: gone from a complete read, terminated, or past their end date.
 *
 * @example
 * ```ts
 * const label: Record<ArchiveReason, string> = {
 *   missing_from_source: 'no longer in the HR system',
 *   terminated: 'terminated',
 *   end_date_passed: 'end date passed',
 * };
 * ```
 */
export type ArchiveReason = 'missing_from_source' | 'terminated' | 'end_date_passed';

/**
 * A host user to archive.
 *
 * @example
 * ```ts
 * for (const archive of plan.archives) await db.users.archive(archive.hostId, archive.reason);
 * ```
 */
export interface PlanArchive {
  type: 'archive';
  hostId: string;
  sourceId?: string;
  reason: ArchiveReason;
}

/**
 * An archived host user who is back in the source (a rehire).
 *
 * @example
 * ```ts
 * for (const { hostId, employee } of plan.reactivations) await db.users.restore(hostId, employee);
 * ```
 */
export interface PlanReactivation {
  type: 'reactivate';
  hostId: string;
  sourceId: string;
  employee: Employee;
  changes: FieldChange[];
}

/**
 * A host user matched by email (or employee number) for the first time: tie it to the source id from now on.
 *
 * @example
 * ```ts
 * for (const { hostId, sourceId } of plan.links) await db.users.setSourceId(hostId, sourceId);
 * ```
 */
export interface PlanLink {
  type: 'link';
  hostId: string;
  sourceId: string;
  matchedBy: Exclude<MatchStrategy, 'sourceId'>;
}

/**
 * Why a plan must not be applied, with the figures.
 *
 * @example
 * ```ts
 * if (plan.blocked) {
 *   console.warn(plan.blocked.code, `${plan.blocked.archiveCount} of ${plan.blocked.activeCount} would be archived`);
 * }
 * ```
 */
export interface PlanBlock {
  code: Extract<ErrorCode, 'SYNC_INCOMPLETE_SOURCE' | 'SYNC_ARCHIVE_THRESHOLD_EXCEEDED'>;
  message: string;
  /** People the plan would archive. */
  archiveCount: number;
  /** Active linked host users the ratio is taken of. */
  activeCount: number;
  /** The limit that was exceeded, when it is a threshold. */
  maxArchiveRatio?: number;
  maxArchiveCount?: number;
}

/**
 * Counts of a plan, by kind and by issue code.
 *
 * @example
 * ```ts
 * const { creates, updates, archives, byCode } = plan.summary;
 * console.log(`${creates} new, ${updates} changed, ${archives} leaving`, byCode.EMPLOYEE_DUPLICATE_EMAIL ?? 0);
 * ```
 */
export interface PlanSummary {
  creates: number;
  updates: number;
  archives: number;
  reactivations: number;
  links: number;
  unchanged: number;
  issues: number;
  /** Issues by code. */
  byCode: Partial<Record<HrSyncCode, number>>;
}

/**
 * A reviewable plan: what to create, update, archive, reactivate and link, with the issues found on the way.
 * When `blocked` is set, the plan must not be applied as it is.
 *
 * @example
 * ```ts
 * const plan: SyncPlan = planSync({ snapshot, current });
 * if (!plan.blocked) await applyPlan(plan);
 * for (const issue of plan.issues) console.log(issue.code, issue.recordId, issue.fix);
 * ```
 */
export interface SyncPlan {
  /** The source id. */
  source: string;
  /** Ordered so that a manager is created before the people who report to them. */
  creates: PlanCreate[];
  updates: PlanUpdate[];
  archives: PlanArchive[];
  reactivations: PlanReactivation[];
  links: PlanLink[];
  /** Host users that already match the source. */
  unchanged: number;
  issues: SyncIssue[];
  summary: PlanSummary;
  blocked?: PlanBlock;
}
