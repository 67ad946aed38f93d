import { type HrSyncCode, isHrSyncCode } from '../codes/catalog.ts';
import { HrSyncError } from '../errors/hr-sync-error.ts';
import { redactText } from '../errors/redact.ts';
import { createSafeLogger } from '../log/logger.ts';
import type {
  LastError,
  LastSuccess,
  SchedulerStartOptions,
  SchedulerTimers,
  SyncRunContext,
  SyncScheduler,
  SyncSchedulerEvents,
  SyncSchedulerListener,
  SyncSchedulerOptions,
  SyncTrigger,
} from './sync-scheduler-types.ts';

/**
 * The default time between two scheduled runs: 15 minutes, what products syncing from an HR system use.
 *
 * @example
 * ```ts
 * createSyncScheduler({ run, intervalMs: 4 * DEFAULT_SYNC_INTERVAL_MS }); // hourly
 * ```
 */
export const DEFAULT_SYNC_INTERVAL_MS = 15 * 60_000;

/**
 * The default jitter, as a share of the interval: 0.1 (90 s for 15 minutes).
 *
 * @example
 * ```ts
 * createSyncScheduler({ run, jitterRatio: DEFAULT_SYNC_JITTER_RATIO * 2 });
 * ```
 */
export const DEFAULT_SYNC_JITTER_RATIO = 0.1;

interface CurrentRun<R> {
  trigger: SyncTrigger;
  startedAt: number;
  controller: AbortController;
  /** Settles like the run, after the scheduler's bookkeeping and events. */
  promise: Promise<R>;
}

interface Deferred<R> {
  promise: Promise<R>;
  resolve(value: R): void;
  reject(reason: unknown): void;
}

function deferred<R>(): Deferred<R> {
  let resolve!: (value: R) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<R>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const noop = () => {};

function configError(message: string): HrSyncError {
  return new HrSyncError(`createSyncScheduler: ${message}`, { code: 'CONFIG_INVALID', source: 'hrsync' });
}

function codeOf(error: unknown): HrSyncCode | undefined {
  return HrSyncError.is(error) && isHrSyncCode(error.code) ? error.code : undefined;
}

function describeError(error: unknown): unknown {
  if (HrSyncError.is(error)) return error.toJSON();
  if (error instanceof Error) return { name: error.name, message: redactText(error.message) };
  return { message: redactText(String(error)) };
}

const globalTimers: SchedulerTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * Creates the embedded scheduler of one company's sync: a run every `intervalMs` (15 minutes by default), with
 * `pause()`, `resume()`, a manual `triggerNow()` that resolves with that run's report, and a clean `stop()`.
 *
 * Guarantees:
 * - **Runs never overlap.** `run` is never called while a previous call is pending. A `triggerNow()` during a run
 *   queues one follow-up run (default; every trigger made during that run shares it) or joins the run
 *   (`triggerDuringRun: 'join'`). See {@link TriggerDuringRun} for why the follow-up is the default.
 * - **Cadence.** The next timed run starts `intervalMs ± jitterMs / 2` after the previous run *started* (a manual
 *   run counts, so a manual sync resets the clock), or as soon as a run that overran the interval settles.
 * - **Jitter.** The first timed run waits a random `[0, jitterMs)`, so a fleet of schedulers started by one deploy
 *   spreads out instead of hitting the vendor at once.
 * - **Failures.** A rejected run emits `failed` with the error, its code, and `firstFailure: true` only for the
 *   first failure of a streak (after a success, or the first run ever): notify admins on that one. The last success
 *   and the latest error are kept apart (`lastSuccess`, `lastError`, `consecutiveFailures`).
 * - **Shutdown.** `stop()` aborts the signal given to the run in progress and resolves once it settles; a run ended
 *   by `stop()` is not reported as failed.
 * - **Listeners cannot break it.** A listener that throws (or rejects) is logged and ignored.
 *
 * Runtime-agnostic: timers and clock are injectable, events are a tiny typed `on`/`off`, no Node-only import.
 *
 * @example
 * ```ts
 * import { createSyncScheduler, HrSyncError, runSync } from '@hrsync/core';
 *
 * const scheduler = createSyncScheduler({
 *   intervalMs: 15 * 60_000,
 *   run: ({ signal }) => runSync({ source, destination, signal }),
 *   logger: console,
 * });
 * scheduler.on('failed', ({ error, firstFailure }) => {
 *   if (firstFailure) notifyAdmins(HrSyncError.is(error) ? error.code : 'UNKNOWN');
 * });
 * scheduler.on('finished', ({ report }) => saveLastSync(report));
 * scheduler.start();
 *
 * // "Sync now" in the admin UI (works while paused):
 * const report = await scheduler.triggerNow();
 *
 * // On shutdown:
 * await scheduler.stop();
 * ```
 */
export function createSyncScheduler<R>(options: SyncSchedulerOptions<R>): SyncScheduler<R> {
  if (typeof options.run !== 'function') throw configError('run must be a function');
  const intervalMs = options.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) {
    throw configError(`intervalMs must be a positive number of ms (got ${intervalMs})`);
  }
  if (options.jitterMs !== undefined && options.jitterRatio !== undefined) {
    throw configError('give jitterMs or jitterRatio, not both');
  }
  const jitterRatio = options.jitterRatio ?? DEFAULT_SYNC_JITTER_RATIO;
  if (!Number.isFinite(jitterRatio) || jitterRatio < 0 || jitterRatio > 1) {
    throw configError(`jitterRatio must be between 0 and 1 (got ${jitterRatio})`);
  }
  const jitterMs = options.jitterMs ?? jitterRatio * intervalMs;
  if (!Number.isFinite(jitterMs) || jitterMs < 0) {
    throw configError(`jitterMs must be a non-negative number of ms (got ${jitterMs})`);
  }
  const mode = options.triggerDuringRun ?? 'follow-up';
  if (mode !== 'follow-up' && mode !== 'join') {
    throw configError(`triggerDuringRun must be 'follow-up' or 'join' (got ${String(mode)})`);
  }
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const timers = options.timers ?? globalTimers;
  const log = createSafeLogger(options.logger);
  const name = options.name;
  const fields = (extra: Record<string, unknown> = {}) =>
    name === undefined ? extra : { scheduler: name, ...extra };

  let started = false;
  let paused = false;
  let stopped = false;
  let timer: unknown;
  let nextRunAt: number | undefined;
  let current: CurrentRun<R> | undefined;
  let followUp: Deferred<R> | undefined;
  let lastStartedAt: number | undefined;
  let lastSuccess: LastSuccess<R> | undefined;
  let lastError: LastError | undefined;
  let consecutiveFailures = 0;
  const listeners = new Map<keyof SyncSchedulerEvents<R>, Set<SyncSchedulerListener<never>>>();

  const listenerFailed = (event: string, error: unknown) => {
    log.warn(
      'hrsync: a sync scheduler listener threw; ignoring it',
      fields({ event, error: describeError(error) }),
    );
  };

  const emit = <E extends keyof SyncSchedulerEvents<R>>(event: E, payload: SyncSchedulerEvents<R>[E]) => {
    const set = listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        const result = (listener as SyncSchedulerListener<SyncSchedulerEvents<R>[E]>)(payload);
        if (result instanceof Promise)
          result.then(undefined, (error: unknown) => listenerFailed(event, error));
      } catch (error) {
        listenerFailed(event, error);
      }
    }
  };

  const clearTimer = () => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    nextRunAt = undefined;
  };

  const canSchedule = () => started && !paused && !stopped && current === undefined;

  const scheduleIn = (delayMs: number) => {
    clearTimer();
    if (!canSchedule()) return;
    const delay = Math.max(0, Math.round(delayMs));
    nextRunAt = now() + delay;
    timer = timers.setTimeout(() => {
      timer = undefined;
      nextRunAt = undefined;
      if (!canSchedule()) return;
      launch('schedule').catch(noop);
    }, delay);
  };

  // The first run (and a resume long past its due time) waits [0, jitter); later runs interval ± jitter / 2.
  const firstDelay = () => random() * jitterMs;
  const scheduleNext = () => {
    if (lastStartedAt === undefined) {
      scheduleIn(firstDelay());
      return;
    }
    const due = lastStartedAt + intervalMs + (random() - 0.5) * jitterMs;
    scheduleIn(due - now());
  };

  // Called when nothing runs any more: start the queued follow-up, or plan the next timed run.
  const drain = () => {
    if (current !== undefined || stopped) return;
    if (followUp !== undefined) {
      const waiting = followUp;
      followUp = undefined;
      launch('manual').then(waiting.resolve, waiting.reject);
      return;
    }
    scheduleNext();
  };

  const launch = (trigger: SyncTrigger): Promise<R> => {
    clearTimer();
    const controller = new AbortController();
    const startedAt = now();
    lastStartedAt = startedAt;
    const settled = deferred<R>();
    // `current` is set before anything else runs (listeners, `run` itself), so a trigger from there never overlaps.
    current = { trigger, startedAt, controller, promise: settled.promise };
    emit('started', { trigger, startedAt: new Date(startedAt) });
    const context: SyncRunContext = { signal: controller.signal, trigger };
    const runPromise = (async () => options.run(context))();
    runPromise.then(
      (report) => {
        const finishedAt = now();
        current = undefined;
        consecutiveFailures = 0;
        lastSuccess = { report, at: new Date(finishedAt), startedAt: new Date(startedAt), trigger };
        emit('finished', {
          trigger,
          report,
          startedAt: new Date(startedAt),
          finishedAt: new Date(finishedAt),
          durationMs: finishedAt - startedAt,
        });
        settled.resolve(report);
        drain();
      },
      (error: unknown) => {
        const failedAt = now();
        current = undefined;
        if (stopped && controller.signal.aborted) {
          // Ended by stop(): a shutdown, not a failure to report to admins.
          log.info('hrsync: the sync in progress was stopped', fields({ trigger }));
          settled.reject(error);
          return;
        }
        consecutiveFailures++;
        const code = codeOf(error);
        lastError = { error, code, at: new Date(failedAt), startedAt: new Date(startedAt), trigger };
        log.error(
          'hrsync: a sync failed',
          fields({ trigger, consecutiveFailures, error: describeError(error) }),
        );
        emit('failed', {
          trigger,
          error,
          code,
          firstFailure: consecutiveFailures === 1,
          consecutiveFailures,
          startedAt: new Date(startedAt),
          failedAt: new Date(failedAt),
        });
        settled.reject(error);
        drain();
      },
    );
    return settled.promise;
  };

  const stoppedReason = () => new DOMException('The sync scheduler was stopped', 'AbortError');

  const scheduler: SyncScheduler<R> = {
    start(startOptions: SchedulerStartOptions = {}) {
      if (stopped) throw configError('start() after stop(): create a new scheduler');
      if (started) return;
      started = true;
      if (!canSchedule()) return; // paused, or a manual run is in progress: drain() or resume() schedules
      if (startOptions.immediately === true) launch('schedule').catch(noop);
      else scheduleIn(firstDelay());
    },

    pause() {
      if (paused || stopped) return;
      paused = true;
      clearTimer();
      emit('paused', { at: new Date(now()) });
    },

    resume() {
      if (!paused || stopped) return;
      paused = false;
      if (canSchedule()) {
        const due = lastStartedAt === undefined ? undefined : lastStartedAt + intervalMs;
        if (due !== undefined && due > now()) scheduleIn(due - now());
        else scheduleIn(firstDelay());
      }
      emit('resumed', {
        at: new Date(now()),
        nextRunAt: nextRunAt === undefined ? undefined : new Date(nextRunAt),
      });
    },

    triggerNow() {
      if (stopped) return Promise.reject(stoppedReason());
      if (current === undefined) {
        // Idle, but a follow-up may still be queued (a listener of the run before it triggers): start that one.
        const waiting = followUp;
        followUp = undefined;
        const run = launch('manual');
        if (waiting !== undefined) run.then(waiting.resolve, waiting.reject);
        return run;
      }
      if (mode === 'join') return current.promise;
      followUp ??= deferred<R>();
      return followUp.promise;
    },

    stop() {
      if (!stopped) {
        stopped = true;
        clearTimer();
        const reason = stoppedReason();
        if (followUp !== undefined) {
          const waiting = followUp;
          followUp = undefined;
          waiting.reject(reason);
        }
        current?.controller.abort(reason);
      }
      return current === undefined ? Promise.resolve() : current.promise.then(noop, noop);
    },

    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener as SyncSchedulerListener<never>);
      return () => scheduler.off(event, listener);
    },

    off(event, listener) {
      listeners.get(event)?.delete(listener as SyncSchedulerListener<never>);
    },

    get running() {
      return current !== undefined;
    },
    get runningTrigger() {
      return current?.trigger;
    },
    get paused() {
      return paused;
    },
    get started() {
      return started;
    },
    get stopped() {
      return stopped;
    },
    get nextRunAt() {
      return nextRunAt === undefined ? undefined : new Date(nextRunAt);
    },
    get lastSuccess() {
      return lastSuccess;
    },
    get lastError() {
      return lastError;
    },
    get consecutiveFailures() {
      return consecutiveFailures;
    },
    jitterMs,
    intervalMs,
  };
  return scheduler;
}
