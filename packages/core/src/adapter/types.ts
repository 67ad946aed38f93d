import type { HrSyncError } from '../errors/hr-sync-error.ts';
import type { Logger } from '../log/logger.ts';
import type { Employee, OrgUnit } from '../model/employee.ts';
import type { SyncIssue } from '../model/issue.ts';
import type { CurrentRecord, SourceSnapshot } from '../model/snapshot.ts';
import type { SyncPlan } from '../plan/types.ts';

/**
 * Options every adapter call takes.
 *
 * @example
 * ```ts
 * await source.verify({ signal: AbortSignal.timeout(10_000) });
 * ```
 */
export interface CallOptions {
  /** Cancels the call promptly, including a backoff wait between retries. */
  signal?: AbortSignal | undefined;
}

/**
 * Options of a roster read.
 *
 * @example
 * ```ts
 * const snapshot = await source.fetchSnapshot({
 *   signal: AbortSignal.timeout(5 * 60_000),
 *   onRecord: (count) => progressBar.update(count),
 * });
 * ```
 */
export interface FetchOptions extends CallOptions {
  /** Keep each vendor record's raw payload on its {@link SourceRecord} (never logged, never in issues). */
  includeRaw?: boolean | undefined;
  /** Called as records arrive, with the running count. */
  onRecord?: ((count: number) => void) | undefined;
}

/**
 * One record of a roster read: a valid employee (with any warnings about dropped fields), an issue about a record
 * that could not become one, or a department or location of the source.
 *
 * @example
 * ```ts
 * for await (const record of source.employees()) {
 *   if (record.type === 'employee') console.log(record.employee.id, record.issues.length);
 *   else if (record.type === 'issue') console.log(record.issue.code, record.issue.fix);
 *   else if (record.type === 'incomplete') console.log('the read stopped early:', record.error.code);
 * }
 * ```
 */
export type SourceRecord =
  | { type: 'employee'; employee: Employee; issues: SyncIssue[]; raw?: unknown }
  | { type: 'issue'; issue: SyncIssue; raw?: unknown }
  | { type: 'department'; unit: OrgUnit }
  | { type: 'location'; unit: OrgUnit }
  | {
      /** The read stopped early: what was yielded so far is not the whole roster. */
      type: 'incomplete';
      error: HrSyncError;
    };

/**
 * The outcome of `verify()`: the credentials work and the permissions are enough.
 *
 * @example
 * ```ts
 * const result: VerifyResult = await source.verify();
 * console.log(`Connected to ${result.companyName ?? 'the company'}`);
 * ```
 */
export interface VerifyResult {
  ok: true;
  /** The company's name as the source knows it, when it says. */
  companyName?: string | undefined;
  /** The company's id in the source, when it says. */
  companyId?: string | undefined;
  /** The scopes or permissions the credentials carry, when the source says. */
  scopes?: readonly string[] | undefined;
}

/**
 * What a source can do besides a full read.
 *
 * @example
 * ```ts
 * const capabilities: SourceCapabilities = { webhooks: false, getEmployee: true, incremental: false };
 * if (source.capabilities.getEmployee) await source.getEmployee?.('00001234');
 * ```
 */
export interface SourceCapabilities {
  /** The vendor pushes events (a webhook handler exists). */
  webhooks: boolean;
  /** `getEmployee(id)` reads one person. */
  getEmployee: boolean;
  /** The vendor can list changes since a time. */
  incremental: boolean;
}

/**
 * An HR system hrsync reads people from. Adapters implement it; `runSync()` and hosts call it.
 *
 * Rules an implementation follows (the testkit's `describeSourceConformance()` checks them):
 * - `verify()` resolves only when the credentials work, and otherwise throws an `HrSyncError` whose code says why
 *   (`AUTH_INVALID_CREDENTIALS`, `AUTH_PERMISSION_DENIED`, `CONFIG_INVALID`, ...), never containing a secret.
 * - `employees()` yields every person exactly once; a record that cannot be mapped becomes an `issue` record and the
 *   read goes on; a read that cannot finish either throws or yields a final `incomplete` record.
 * - `fetchSnapshot()` is the same read gathered into a {@link SourceSnapshot}, `complete: false` when it stopped early.
 *
 * @example
 * ```ts
 * const snapshot = await source.fetchSnapshot({ signal: AbortSignal.timeout(60_000) });
 * console.log(snapshot.employees.length, snapshot.complete);
 * ```
 */
export interface HrSource {
  /** Stable id: `'trinet'`. */
  readonly id: string;
  /** Name used in fix texts: `'TriNet'`. */
  readonly displayName: string;
  readonly capabilities: SourceCapabilities;
  /** Proves the credentials work and the permissions are enough. */
  verify(options?: CallOptions): Promise<VerifyResult>;
  /** The full roster. */
  fetchSnapshot(options?: FetchOptions): Promise<SourceSnapshot>;
  /** The streaming form of the same read. */
  employees(options?: FetchOptions): AsyncIterable<SourceRecord>;
  /** One person by source id; `undefined` when the source does not know it. */
  getEmployee?(id: string, options?: CallOptions): Promise<SourceRecord | undefined>;
}

/**
 * Options of `apply()`.
 *
 * @example
 * ```ts
 * await destination.apply(plan, { signal, onOperation: (done, total) => console.log(`${done}/${total}`) });
 * ```
 */
export interface ApplyOptions extends CallOptions {
  /** Called after each operation with the running count. */
  onOperation?: ((done: number, total: number) => void) | undefined;
}

/**
 * The kind of a plan operation.
 *
 * @example
 * ```ts
 * const failedCreates = result.outcomes.filter((o) => !o.ok && o.type === ('create' satisfies OperationType));
 * ```
 */
export type OperationType = 'create' | 'update' | 'archive' | 'reactivate' | 'link';

/**
 * What happened to one operation of a plan.
 *
 * @example
 * ```ts
 * const done: OperationOutcome = { type: 'create', ok: true, sourceId: '00001234', hostId: 'u_17' };
 * const refused: OperationOutcome = {
 *   type: 'update',
 *   ok: false,
 *   sourceId: '00001235',
 *   hostId: 'u_18',
 *   message: 'email already in use',
 *   code: 'EMPLOYEE_DUPLICATE_EMAIL',
 * };
 * ```
 */
export type OperationOutcome =
  | { type: OperationType; ok: true; sourceId?: string | undefined; hostId?: string | undefined }
  | {
      type: OperationType;
      ok: false;
      sourceId?: string | undefined;
      hostId?: string | undefined;
      /** Why it failed, from the destination; redacted. */
      message: string;
      /** A code the destination chose (`EMPLOYEE_DUPLICATE_PHONE`), else `APPLY_FAILED` is used. */
      code?: SyncIssue['code'] | undefined;
    };

/**
 * What `apply()` did, operation by operation. A failed operation never stops the others.
 *
 * @example
 * ```ts
 * const result: ApplyResult = await destination.apply(plan);
 * const failed = result.outcomes.filter((o) => !o.ok);
 * ```
 */
export interface ApplyResult {
  outcomes: OperationOutcome[];
  /** Issues the destination raised (rejections mapped to codes, fields it dropped). */
  issues?: SyncIssue[] | undefined;
}

/**
 * Where hrsync writes people: the host's own database, or a tool such as &frankly.
 *
 * @example
 * ```ts
 * const destination: HrDestination = {
 *   id: 'my-app',
 *   async loadCurrent() {
 *     return db.users.map((u) => ({ hostId: u.id, sourceId: u.hrId, workEmail: u.email, archived: u.archived }));
 *   },
 *   async apply(plan) {
 *     // write plan.creates, plan.updates, plan.archives, plan.reactivations, plan.links
 *     return { outcomes: [] };
 *   },
 * };
 * ```
 */
export interface HrDestination {
  /** Stable id: `'frankly'`, or the host's own name. */
  readonly id: string;
  /** Name used in messages; defaults to the id. */
  readonly displayName?: string;
  /** The host's users as it knows them now. */
  loadCurrent(options?: CallOptions): Promise<CurrentRecord[]>;
  /** Applies a plan, reporting each operation's outcome. */
  apply(plan: SyncPlan, options?: ApplyOptions): Promise<ApplyResult>;
}

/**
 * Per-request retry settings of an adapter's HTTP client.
 *
 * @example
 * ```ts
 * const retry: RetryOptions = { limit: 5, baseDelayMs: 500, maxDelayMs: 60_000 };
 * const source = createTrinetSource({ ...credentials, retry });
 * ```
 */
export interface RetryOptions {
  /** Attempts after the first; default 3. `0` disables retries. */
  limit?: number | undefined;
  /** First backoff delay in ms; default 300. Each retry doubles it, with full jitter. */
  baseDelayMs?: number | undefined;
  /** Longest single backoff in ms, `Retry-After` included; default 30,000. */
  maxDelayMs?: number | undefined;
}

/**
 * Options every adapter factory accepts besides its credentials.
 *
 * @example
 * ```ts
 * const common: CommonAdapterOptions = { timeoutMs: 10_000, concurrency: 2, logger: console };
 * const source = createZenefitsSource({ token, ...common });
 * ```
 */
export interface CommonAdapterOptions {
  /** The vendor's API origin; a fake or a proxy replaces it whole. */
  baseUrl?: string | undefined;
  /** A Fetch implementation (for proxies, tests, instrumentation); default `globalThis.fetch`. */
  fetch?: typeof fetch | undefined;
  /** Per-request timeout in ms; default 30,000. */
  timeoutMs?: number | undefined;
  /** Per-request retries. */
  retry?: RetryOptions | undefined;
  /** Most requests in flight at once for this adapter instance; default 4. */
  concurrency?: number | undefined;
  /** Where to log; nothing is logged by default. Secrets are always redacted. */
  logger?: Logger | undefined;
}

/**
 * The phase a sync is in.
 *
 * @example
 * ```ts
 * const labels: Record<SyncPhase, string> = { fetch: 'Reading', plan: 'Planning', apply: 'Writing' };
 * ```
 */
export type SyncPhase = 'fetch' | 'plan' | 'apply';

/**
 * Progress of a sync, reported as counts grow.
 *
 * @example
 * ```ts
 * await runSync({
 *   source,
 *   destination,
 *   onProgress: ({ phase, done, total }: SyncProgress) => console.log(phase, done, total ?? '?'),
 * });
 * ```
 */
export interface SyncProgress {
  phase: SyncPhase;
  /** Records read (fetch), people planned (plan) or operations applied (apply). */
  done: number;
  /** The total when known (apply). */
  total?: number | undefined;
}

/**
 * The outcome of `runSync()`.
 *
 * @example
 * ```ts
 * const report: SyncReport = await runSync({ source, destination });
 * console.log(report.plan.summary, report.complete, report.timings.fetchMs);
 * for (const issue of report.issues) console.log(issue.code, issue.fix);
 * ```
 */
export interface SyncReport {
  source: string;
  destination: string;
  /** True when nothing was written: a dry run, or a blocked plan. */
  dryRun: boolean;
  /** True when the source read every page. */
  complete: boolean;
  plan: SyncPlan;
  /** What was applied, when anything was. */
  applied?: ApplyResult | undefined;
  /** Every issue: the snapshot's, the plan's and the apply's. */
  issues: SyncIssue[];
  /** ISO times and phase durations in ms. */
  timings: { startedAt: string; finishedAt: string; fetchMs: number; planMs: number; applyMs: number };
}
