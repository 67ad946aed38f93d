import type {
  ApplyResult,
  HrDestination,
  HrSource,
  OperationOutcome,
  SyncProgress,
  SyncReport,
} from '../adapter/types.ts';
import { CODE_CATALOG, type IssueCode, isHrSyncCode } from '../codes/catalog.ts';
import { HrSyncError } from '../errors/hr-sync-error.ts';
import { redactText } from '../errors/redact.ts';
import { createSafeLogger, type Logger, type SafeLogger } from '../log/logger.ts';
import type { EmployeeField } from '../model/employee.ts';
import { createIssue, type SourceInfo, type SyncIssue } from '../model/issue.ts';
import type { SourceSnapshot } from '../model/snapshot.ts';
import { planSync } from '../plan/plan-sync.ts';
import type { MatchStrategy, SafetyOptions, SyncPlan } from '../plan/types.ts';
import { collectSnapshot, throwIfAborted } from './collect-snapshot.ts';

/**
 * Options of {@link runSync}.
 *
 * @example
 * ```ts
 * const options: RunSyncOptions = {
 *   source,
 *   destination,
 *   dryRun: true,
 *   fields: ['firstName', 'lastName', 'workEmail', 'title', 'managerId'],
 *   safety: { maxArchiveRatio: 0.1 },
 *   logger: console,
 * };
 * const preview = await runSync(options);
 * ```
 */
export interface RunSyncOptions {
  /** Where people are read from. */
  source: HrSource;
  /** Where they are written: the host's own database, or a tool. */
  destination: HrDestination;
  /** Plan only, write nothing; default `false`. */
  dryRun?: boolean | undefined;
  /** Reference time for end dates; default: now. */
  now?: Date | undefined;
  /** The fields the host keeps in sync; default: all. */
  fields?: readonly EmployeeField[] | undefined;
  /** Match order; default `['sourceId', 'workEmail']`. */
  match?: readonly MatchStrategy[] | undefined;
  /** Archive limits; default: at most 20% of the active linked users. */
  safety?: SafetyOptions | undefined;
  /** Cancels the sync: checked between phases and records, and passed to the source and the destination. */
  signal?: AbortSignal | undefined;
  /** Where to log (the console shape); nothing is logged by default, and every line is redacted. */
  logger?: Logger | undefined;
  /** Progress as counts grow: `fetch` (records read), `plan` (people planned), `apply` (operations done). */
  onProgress?: ((progress: SyncProgress) => void) | undefined;
}

// Fetch progress is reported on the first record, then at most every 100 records or 200 ms, then at the end.
const PROGRESS_EVERY = 100;
const PROGRESS_MS = 200;

/**
 * Runs one sync: reads the whole roster from the source (streamed, with `fetch` progress), loads the host's current
 * users from the destination, plans with `planSync()`, and applies the plan unless it is a dry run or the plan is
 * blocked. It returns a {@link SyncReport}: the plan, what was applied, every issue (the read's, the plan's and the
 * apply's), timings and whether the read was complete.
 *
 * Safety and failures:
 * - A source that yields an `incomplete` record gives `complete: false`: the plan archives nobody (a plan that
 *   would is blocked with `SYNC_INCOMPLETE_SOURCE`) and a blocked plan is never applied.
 * - A read that throws rejects the sync before anything is planned or written: an `HrSyncError` as the source threw
 *   it (`AUTH_INVALID_CREDENTIALS`, `RATE_LIMITED`, ...), anything else wrapped as `SYNC_INCOMPLETE_SOURCE`.
 * - An operation the destination rejects (an outcome with `ok: false`) becomes an issue, `APPLY_FAILED` or the
 *   destination's own code, and never stops the other operations.
 * - A destination whose `loadCurrent()` or `apply()` throws fails the whole call: the error is logged and rethrown
 *   as it is. When `apply()` throws, some operations may have been written: sync again to converge.
 * - An aborted signal rejects with the signal's reason, at the next record or phase boundary, or sooner when the
 *   source or destination honours it.
 *
 * @example
 * ```ts
 * import { runSync } from '@hrsync/core';
 *
 * const preview = await runSync({ source, destination, dryRun: true });
 * console.log(preview.plan.summary); // { creates: 3, updates: 1, archives: 0, ... }
 *
 * const report = await runSync({
 *   source,
 *   destination,
 *   signal: AbortSignal.timeout(10 * 60_000),
 *   onProgress: ({ phase, done, total }) => console.log(phase, done, total ?? ''),
 * });
 * for (const issue of report.issues) console.log(issue.code, issue.recordId, issue.fix);
 * ```
 */
export async function runSync(options: RunSyncOptions): Promise<SyncReport> {
  const { source, destination, signal } = options;
  const log = createSafeLogger(options.logger);
  const progress = createProgress(options.onProgress, log);
  const dryRun = options.dryRun === true;
  const names = { source: source.id, destination: destination.id };
  const startedAt = new Date();
  throwIfAborted(signal);
  log.info('hrsync: sync started', { ...names, dryRun });

  // 1. Read both sides.
  const fetchStart = performance.now();
  let recordsRead = 0;
  let lastReported = -1;
  let snapshot: SourceSnapshot;
  let current: Awaited<ReturnType<HrDestination['loadCurrent']>>;
  try {
    snapshot = await collectSnapshot(source, {
      signal,
      onRecord: (count) => {
        recordsRead = count;
        if (count === 1 || count - lastReported >= PROGRESS_EVERY || progress.due(PROGRESS_MS)) {
          lastReported = count;
          progress.emit({ phase: 'fetch', done: count });
        }
      },
    });
  } catch (error) {
    log.error('hrsync: the source read failed', { ...names, error: describeError(error) });
    throw error;
  }
  // The last report may lag the end of the read (or nothing was read): report the final count.
  if (lastReported !== recordsRead) progress.emit({ phase: 'fetch', done: recordsRead });
  log.info('hrsync: source read', {
    ...names,
    employees: snapshot.employees.length,
    issues: snapshot.issues.length,
    complete: snapshot.complete,
  });
  throwIfAborted(signal);
  try {
    current = await destination.loadCurrent(signal !== undefined ? { signal } : {});
  } catch (error) {
    log.error('hrsync: loading the destination’s users failed', { ...names, error: describeError(error) });
    throw error;
  }
  const fetchMs = performance.now() - fetchStart;
  throwIfAborted(signal);

  // 2. Plan.
  const planStart = performance.now();
  progress.emit({ phase: 'plan', done: 0, total: snapshot.employees.length });
  const plan = planSync({
    snapshot,
    current,
    sourceName: source.displayName,
    ...(options.now !== undefined ? { now: options.now } : {}),
    ...(options.fields !== undefined ? { fields: options.fields } : {}),
    ...(options.match !== undefined ? { match: options.match } : {}),
    ...(options.safety !== undefined ? { safety: options.safety } : {}),
  });
  progress.emit({ phase: 'plan', done: snapshot.employees.length, total: snapshot.employees.length });
  const planMs = performance.now() - planStart;
  log.info('hrsync: plan ready', { ...names, ...countsOf(plan), blocked: plan.blocked?.code });
  if (plan.blocked)
    log.warn('hrsync: the plan is blocked and will not be applied', { ...names, ...plan.blocked });
  throwIfAborted(signal);

  // 3. Apply, unless told not to or not allowed to.
  const applyStart = performance.now();
  let applied: ApplyResult | undefined;
  const applyIssues: SyncIssue[] = [];
  if (!dryRun && !plan.blocked) {
    const total = operationCount(plan);
    if (total === 0) {
      applied = { outcomes: [] };
    } else {
      progress.emit({ phase: 'apply', done: 0, total });
      let lastDone = 0;
      try {
        applied = await destination.apply(plan, {
          ...(signal !== undefined ? { signal } : {}),
          onOperation: (done, opsTotal) => {
            lastDone = done;
            progress.emit({ phase: 'apply', done, total: opsTotal });
          },
        });
      } catch (error) {
        log.error('hrsync: applying the plan failed; some operations may have been written', {
          ...names,
          error: describeError(error),
        });
        throw error;
      }
      if (lastDone !== total) progress.emit({ phase: 'apply', done: total, total });
      const info: SourceInfo = { id: source.id, displayName: source.displayName };
      const destinationName = destination.displayName ?? destination.id;
      // A destination that explains a rejection with its own issue (its own fix text) is not repeated with a
      // generic one: the outcome only becomes an issue when no destination issue has its code and record.
      const explained = new Set(
        (applied.issues ?? []).map((issue) => `${issue.code}\u0000${issue.recordId ?? ''}`),
      );
      for (const issue of applied.issues ?? []) applyIssues.push(issue);
      for (const outcome of applied.outcomes) {
        if (outcome.ok) continue;
        const issue = outcomeIssue(outcome, info, destinationName);
        if (!explained.has(`${issue.code}\u0000${issue.recordId ?? ''}`)) applyIssues.push(issue);
      }
      const failed = applied.outcomes.filter((o) => !o.ok).length;
      if (applied.outcomes.length !== total) {
        log.warn('hrsync: the destination reported a different number of outcomes than operations', {
          ...names,
          operations: total,
          outcomes: applied.outcomes.length,
        });
      }
      log.info('hrsync: plan applied', { ...names, operations: total, failed });
    }
  }
  const applyMs = performance.now() - applyStart;

  const report: SyncReport = {
    source: source.id,
    destination: destination.id,
    dryRun: dryRun || plan.blocked !== undefined,
    complete: snapshot.complete,
    plan,
    issues: mergeIssues(snapshot.issues, plan.issues, applyIssues),
    timings: {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      fetchMs: Math.round(fetchMs),
      planMs: Math.round(planMs),
      applyMs: Math.round(applyMs),
    },
  };
  if (applied !== undefined) report.applied = applied;
  log.info('hrsync: sync finished', { ...names, dryRun: report.dryRun, issues: report.issues.length });
  return report;
}

function operationCount(plan: SyncPlan): number {
  return (
    plan.creates.length +
    plan.updates.length +
    plan.archives.length +
    plan.reactivations.length +
    plan.links.length
  );
}

function countsOf(plan: SyncPlan): Record<string, number> {
  const { creates, updates, archives, reactivations, links, unchanged, issues } = plan.summary;
  return { creates, updates, archives, reactivations, links, unchanged, issues };
}

const VERBS: Record<OperationOutcome['type'], string> = {
  create: 'create',
  update: 'update',
  archive: 'archive',
  reactivate: 'reactivate',
  link: 'link',
};

function outcomeIssue(
  outcome: Extract<OperationOutcome, { ok: false }>,
  source: SourceInfo,
  destinationName: string,
): SyncIssue {
  const code: IssueCode =
    outcome.code !== undefined && isHrSyncCode(outcome.code) && CODE_CATALOG[outcome.code].kind === 'issue'
      ? outcome.code
      : 'APPLY_FAILED';
  const who = outcome.sourceId ?? outcome.hostId;
  const message = `${destinationName} could not ${VERBS[outcome.type]} ${who ?? 'a record'}: ${redactText(outcome.message)}`;
  return createIssue(code, source, {
    message,
    ...(who !== undefined ? { recordId: who } : {}),
  });
}

function mergeIssues(...lists: readonly (readonly SyncIssue[])[]): SyncIssue[] {
  // The plan repeats the snapshot's issues; keep each issue object once.
  const seen = new Set<SyncIssue>();
  const out: SyncIssue[] = [];
  for (const list of lists) {
    for (const issue of list) {
      if (seen.has(issue)) continue;
      seen.add(issue);
      out.push(issue);
    }
  }
  return out;
}

function describeError(error: unknown): unknown {
  if (HrSyncError.is(error)) return error.toJSON();
  if (error instanceof Error) return { name: error.name, message: redactText(error.message) };
  return { message: redactText(String(error)) };
}

interface Progress {
  emit(progress: SyncProgress): void;
  due(ms: number): boolean;
}

function createProgress(onProgress: RunSyncOptions['onProgress'], log: SafeLogger): Progress {
  let lastAt = performance.now();
  let warned = false;
  const emit = (progress: SyncProgress) => {
    lastAt = performance.now();
    if (!onProgress) return;
    try {
      onProgress(progress);
    } catch (error) {
      // A broken progress bar must not break a sync.
      if (!warned) log.warn('hrsync: onProgress threw; ignoring it', { error: describeError(error) });
      warned = true;
    }
  };
  return {
    emit,
    due: (ms) => performance.now() - lastAt >= ms,
  };
}
