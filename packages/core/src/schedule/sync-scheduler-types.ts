import type { HrSyncCode } from '../codes/catalog.ts';
import type { Logger } from '../log/logger.ts';

/**
 * What started a run: the scheduler's own timer (`'schedule'`), or `triggerNow()` (`'manual'`, follow-ups
 * included).
 *
 * @example
 * ```ts
 * const trigger: SyncTrigger = 'manual';
 * ```
 */
export type SyncTrigger = 'schedule' | 'manual';

/**
 * What the scheduler hands the host's `run` function: a signal that aborts when `stop()` is called, and what
 * started this run.
 *
 * @example
 * ```ts
 * const run = ({ signal, trigger }: SyncRunContext) => runSync({ source, destination, signal, dryRun: false });
 * ```
 */
export interface SyncRunContext {
  /** Aborted by `stop()` (reason: an `AbortError` `DOMException`). Pass it on to `runSync({ signal })`. */
  signal: AbortSignal;
  /** `'schedule'` for a timed run, `'manual'` for `triggerNow()` and the follow-up it may queue. */
  trigger: SyncTrigger;
}

/**
 * The host's sync: any async function, usually a wrapper around `runSync()`. What it resolves with (`R`) is the
 * report the scheduler keeps and hands to `finished` listeners and `triggerNow()` callers.
 *
 * @example
 * ```ts
 * const run: SyncRunFunction<SyncReport> = ({ signal }) => runSync({ source, destination, signal });
 * ```
 */
export type SyncRunFunction<R> = (context: SyncRunContext) => Promise<R>;

/**
 * Timer functions the scheduler uses; default the global `setTimeout`/`clearTimeout` (which vitest's fake timers
 * replace, so tests need not pass any).
 *
 * @example
 * ```ts
 * const timers: SchedulerTimers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout };
 * ```
 */
export interface SchedulerTimers {
  /** Calls `callback` once after `ms` milliseconds; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a pending `setTimeout`. */
  clearTimeout(handle: unknown): void;
}

/**
 * What `triggerNow()` does while a run is in progress.
 *
 * - `'follow-up'` (default): queue one manual run to start when the current one settles. The run in progress may
 *   have read the roster before the change that made the admin click, so only a run that starts after the click is
 *   sure to see it. Every trigger made during the same run shares that single follow-up (they coalesce), so a
 *   double-click costs at most one extra run, and there is never a second writer.
 * - `'join'`: resolve with the run in progress. No extra run, but a change made in the HR system after that run read
 *   the roster waits for the next scheduled run.
 *
 * @example
 * ```ts
 * const scheduler = createSyncScheduler({ run, triggerDuringRun: 'join' });
 * ```
 */
export type TriggerDuringRun = 'follow-up' | 'join';

/**
 * Options of {@link createSyncScheduler}.
 *
 * @example
 * ```ts
 * const options: SyncSchedulerOptions<SyncReport> = {
 *   intervalMs: 15 * 60_000,
 *   jitterRatio: 0.1,
 *   run: ({ signal }) => runSync({ source, destination, signal }),
 *   logger: console,
 * };
 * ```
 */
export interface SyncSchedulerOptions<R> {
  /** The host's sync. It is never called again while a previous call is still pending. */
  run: SyncRunFunction<R>;
  /**
   * Time from the start of one run to the start of the next scheduled run, in ms; default 15 minutes
   * ({@link DEFAULT_SYNC_INTERVAL_MS}). A run that takes longer than this is followed by the next one as soon as it
   * settles, never while it runs.
   */
  intervalMs?: number | undefined;
  /**
   * The spread of start times, in ms, so that many schedulers started together do not fire together: the first
   * run starts after a random delay in `[0, jitterMs)`, and every later one `intervalMs ± jitterMs / 2` after the
   * previous start. Give this or `jitterRatio`, not both; default `jitterRatio: 0.1`.
   */
  jitterMs?: number | undefined;
  /** `jitterMs` as a share of `intervalMs` (0 to 1); default `0.1` (90 s for a 15-minute interval). */
  jitterRatio?: number | undefined;
  /** What `triggerNow()` does during a run; default `'follow-up'`. See {@link TriggerDuringRun}. */
  triggerDuringRun?: TriggerDuringRun | undefined;
  /** A name for log lines (a company id); never a secret. */
  name?: string | undefined;
  /** Where to log failures and throwing listeners; nothing is logged by default, and every line is redacted. */
  logger?: Logger | undefined;
  /** Random number in `[0, 1)` for jitter; default `Math.random`. Tests pass a seeded one. */
  random?: (() => number) | undefined;
  /** Wall clock in epoch ms, for `nextRunAt` and the times in events; default `Date.now`. */
  now?: (() => number) | undefined;
  /** Timer functions; default the global ones. */
  timers?: SchedulerTimers | undefined;
}

/**
 * Options of `start()`.
 *
 * @example
 * ```ts
 * scheduler.start({ immediately: true }); // first run now, then every interval
 * ```
 */
export interface SchedulerStartOptions {
  /** Run at once instead of after the first jittered delay; default `false`. */
  immediately?: boolean | undefined;
}

/**
 * Payload of the `started` event.
 *
 * @example
 * ```ts
 * scheduler.on('started', ({ trigger, startedAt }: SyncStartedEvent) => ui.showSpinner(trigger, startedAt));
 * ```
 */
export interface SyncStartedEvent {
  /** What started the run. */
  trigger: SyncTrigger;
  /** When it started. */
  startedAt: Date;
}

/**
 * Payload of the `finished` event: a run resolved.
 *
 * @example
 * ```ts
 * scheduler.on('finished', ({ report, durationMs }: SyncFinishedEvent<SyncReport>) =>
 *   notifyAdmin(`Sync done in ${durationMs} ms: ${report.issues.length} issues`),
 * );
 * ```
 */
export interface SyncFinishedEvent<R> {
  /** What started the run. */
  trigger: SyncTrigger;
  /** What `run` resolved with. */
  report: R;
  /** When it started. */
  startedAt: Date;
  /** When it settled. */
  finishedAt: Date;
  /** `finishedAt - startedAt`, in ms. */
  durationMs: number;
}

/**
 * Payload of the `failed` event: a run rejected (a run aborted by `stop()` is not a failure and emits nothing).
 *
 * @example
 * ```ts
 * scheduler.on('failed', ({ error, firstFailure }: SyncFailedEvent) => {
 *   if (firstFailure) notifyAdmins(HrSyncError.is(error) ? error.code : 'UNKNOWN');
 * });
 * ```
 */
export interface SyncFailedEvent {
  /** What started the run. */
  trigger: SyncTrigger;
  /** What `run` rejected with: an `HrSyncError` when it came from hrsync (check with `HrSyncError.is`). */
  error: unknown;
  /** The error's catalog code when it is an `HrSyncError`. */
  code: HrSyncCode | undefined;
  /**
   * True for the first failure of a streak: the first failure after a success, or the first failure since the
   * scheduler was created. Notify admins on this one, not on every failed run of the same outage.
   */
  firstFailure: boolean;
  /** Failures in a row, this one included (1 when `firstFailure`). */
  consecutiveFailures: number;
  /** When the run started. */
  startedAt: Date;
  /** When it failed. */
  failedAt: Date;
}

/**
 * Payload of the `paused` event.
 *
 * @example
 * ```ts
 * scheduler.on('paused', ({ at }: SyncPausedEvent) => audit('sync paused', at));
 * ```
 */
export interface SyncPausedEvent {
  /** When it was paused. */
  at: Date;
}

/**
 * Payload of the `resumed` event.
 *
 * @example
 * ```ts
 * scheduler.on('resumed', ({ nextRunAt }: SyncResumedEvent) => ui.showNextRun(nextRunAt));
 * ```
 */
export interface SyncResumedEvent {
  /** When it was resumed. */
  at: Date;
  /** When the next scheduled run starts; `undefined` when a run is in progress or the scheduler is not started. */
  nextRunAt: Date | undefined;
}

/**
 * The events of a {@link SyncScheduler} and their payloads.
 *
 * @example
 * ```ts
 * const name: keyof SyncSchedulerEvents<SyncReport> = 'failed';
 * ```
 */
export interface SyncSchedulerEvents<R> {
  /** A run started. */
  started: SyncStartedEvent;
  /** A run resolved. */
  finished: SyncFinishedEvent<R>;
  /** A run rejected. */
  failed: SyncFailedEvent;
  /** `pause()` stopped the timed runs. */
  paused: SyncPausedEvent;
  /** `resume()` restarted them. */
  resumed: SyncResumedEvent;
}

/**
 * A listener of one event. What it returns is ignored, except that a returned promise that rejects is logged, like
 * a throw: neither ever breaks the scheduler, so listeners may be async.
 *
 * @example
 * ```ts
 * const onFailed: SyncSchedulerListener<SyncFailedEvent> = async (event) => {
 *   if (event.firstFailure) await mailer.send(adminEmail, 'People sync failed');
 * };
 * ```
 */
export type SyncSchedulerListener<P> = (payload: P) => unknown;

/**
 * The last run that succeeded.
 *
 * @example
 * ```ts
 * const ok: LastSuccess<SyncReport> | undefined = scheduler.lastSuccess;
 * if (ok) ui.show(`Last synced ${ok.at.toLocaleString()}`);
 * ```
 */
export interface LastSuccess<R> {
  /** What `run` resolved with. */
  report: R;
  /** When it finished. */
  at: Date;
  /** When it started. */
  startedAt: Date;
  /** What started it. */
  trigger: SyncTrigger;
}

/**
 * The latest failed run. It stays after a later success (it is the latest *error*, not the current state): use
 * {@link SyncScheduler.consecutiveFailures} to tell whether the sync is failing now.
 *
 * @example
 * ```ts
 * const failing = scheduler.consecutiveFailures > 0;
 * const latest: LastError | undefined = scheduler.lastError;
 * if (failing && latest) ui.showError(latest.error, latest.at);
 * ```
 */
export interface LastError {
  /** What `run` rejected with. */
  error: unknown;
  /** The catalog code when it is an `HrSyncError`. */
  code: HrSyncCode | undefined;
  /** When it failed. */
  at: Date;
  /** When the failed run started. */
  startedAt: Date;
  /** What started it. */
  trigger: SyncTrigger;
}

/**
 * A scheduler of one company's sync: created by {@link createSyncScheduler}.
 *
 * @example
 * ```ts
 * const scheduler: SyncScheduler<SyncReport> = createSyncScheduler({ run });
 * scheduler.start();
 * const report = await scheduler.triggerNow(); // "Sync now"
 * await scheduler.stop(); // on shutdown
 * ```
 */
export interface SyncScheduler<R> {
  /**
   * Starts the timed runs: the first after a random delay in `[0, jitterMs)`, or at once with
   * `{ immediately: true }`. While paused, nothing is scheduled until `resume()`. Calling it again does nothing;
   * calling it after `stop()` throws.
   */
  start(options?: SchedulerStartOptions): void;
  /** Stops the timed runs (a run in progress goes on; `triggerNow()` still works). Emits `paused`. */
  pause(): void;
  /**
   * Restarts the timed runs: at the planned time (`intervalMs` after the last run started) when it is still ahead,
   * else after a random delay in `[0, jitterMs)`. Emits `resumed`.
   */
  resume(): void;
  /**
   * Runs a sync now and resolves with its report (rejects with its error). Works while paused and before `start()`.
   * During a run, it queues one follow-up or joins the run, as `triggerDuringRun` says. After `stop()` it rejects
   * with an `AbortError`.
   */
  triggerNow(): Promise<R>;
  /**
   * Shuts down: cancels the timer, aborts the signal of the run in progress, rejects a queued follow-up, and
   * resolves once the run in progress has settled. Idempotent.
   */
  stop(): Promise<void>;
  /** Adds a listener; returns a function that removes it. */
  on<E extends keyof SyncSchedulerEvents<R>>(
    event: E,
    listener: SyncSchedulerListener<SyncSchedulerEvents<R>[E]>,
  ): () => void;
  /** Removes a listener added with `on`. */
  off<E extends keyof SyncSchedulerEvents<R>>(
    event: E,
    listener: SyncSchedulerListener<SyncSchedulerEvents<R>[E]>,
  ): void;
  /** A run is in progress. */
  readonly running: boolean;
  /** What started the run in progress, if any. */
  readonly runningTrigger: SyncTrigger | undefined;
  /** `pause()` was called (and `resume()` not since). */
  readonly paused: boolean;
  /** `start()` was called. */
  readonly started: boolean;
  /** `stop()` was called. */
  readonly stopped: boolean;
  /** When the next timed run starts; `undefined` while running, paused, stopped or not started. */
  readonly nextRunAt: Date | undefined;
  /** The last run that succeeded. */
  readonly lastSuccess: LastSuccess<R> | undefined;
  /** The latest run that failed (kept after later successes). */
  readonly lastError: LastError | undefined;
  /** Failed runs in a row; 0 after a success. */
  readonly consecutiveFailures: number;
  /** The jitter in ms this scheduler uses (from `jitterMs` or `jitterRatio`). */
  readonly jitterMs: number;
  /** The interval in ms. */
  readonly intervalMs: number;
}
