import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createSyncScheduler,
  DEFAULT_SYNC_INTERVAL_MS,
  HrSyncError,
  type SyncFailedEvent,
  type SyncFinishedEvent,
  type SyncStartedEvent,
  type SyncTrigger,
} from '../../src/index.ts';
import { createControlledRun, MINUTE, seededRandom } from './helpers.ts';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const elapsed = () => Date.now() - T0;

describe('createSyncScheduler: the interval', () => {
  it('runs every intervalMs, counted from the start of each run', async () => {
    const fake = createControlledRun({ durationMs: 2 * MINUTE });
    const scheduler = createSyncScheduler({ intervalMs: 15 * MINUTE, jitterMs: 0, run: fake.run });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls.map((c) => c.startedAt - T0)).toEqual([0]);

    await vi.advanceTimersByTimeAsync(15 * MINUTE - 1);
    expect(fake.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    // Start to start, not end to start: a 2-minute sync does not stretch the cadence to 17 minutes.
    expect(fake.calls.map((c) => (c.startedAt - T0) / MINUTE)).toEqual([0, 15, 30, 45]);
    expect(fake.calls.every((c) => c.trigger === 'schedule')).toBe(true);
    await scheduler.stop();
  });

  it('defaults to 15 minutes and a jitter of 10% of the interval', () => {
    const scheduler = createSyncScheduler({ run: async () => 'ok' });
    expect(scheduler.intervalMs).toBe(DEFAULT_SYNC_INTERVAL_MS);
    expect(DEFAULT_SYNC_INTERVAL_MS).toBe(15 * MINUTE);
    expect(scheduler.jitterMs).toBe(90_000);
    expect(
      createSyncScheduler({ run: async () => 'ok', intervalMs: MINUTE, jitterRatio: 0.5 }).jitterMs,
    ).toBe(30_000);
  });

  it('starts the next run as soon as an overrunning one settles, never during it', async () => {
    const fake = createControlledRun({ durationMs: 20 * MINUTE });
    const scheduler = createSyncScheduler({ intervalMs: 15 * MINUTE, jitterMs: 0, run: fake.run });
    scheduler.start({ immediately: true });
    await vi.advanceTimersByTimeAsync(61 * MINUTE);
    // Each next run starts as the previous settles (on a 0 ms timer, so within a millisecond).
    expect(fake.calls.map((c) => Math.round((c.startedAt - T0) / 1000) / 60)).toEqual([0, 20, 40, 60]);
    expect(fake.maxActive).toBe(1);
    await scheduler.stop();
  });

  it('start({ immediately: true }) runs at once; plain start() waits for the first (jittered) delay', async () => {
    const immediate = createControlledRun({ durationMs: 1000 });
    createSyncScheduler({ run: immediate.run, random: () => 0.5 }).start({ immediately: true });
    expect(immediate.calls).toHaveLength(1);

    const delayed = createControlledRun({ durationMs: 1000 });
    const scheduler = createSyncScheduler({ run: delayed.run, jitterMs: 60_000, random: () => 0.5 });
    scheduler.start();
    expect(delayed.calls).toHaveLength(0);
    expect(scheduler.nextRunAt?.getTime()).toBe(T0 + 30_000);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(delayed.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(delayed.calls).toHaveLength(1);
  });

  it('a manual run resets the clock: the next timed run is intervalMs after it started', async () => {
    const fake = createControlledRun({ durationMs: MINUTE });
    const scheduler = createSyncScheduler({ intervalMs: 15 * MINUTE, jitterMs: 0, run: fake.run });
    scheduler.start({ immediately: true });
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    await expect(
      Promise.all([scheduler.triggerNow(), vi.advanceTimersByTimeAsync(MINUTE)]).then(([r]) => r),
    ).resolves.toBe('report-1');
    expect(scheduler.nextRunAt?.getTime()).toBe(T0 + 20 * MINUTE);
    await vi.advanceTimersByTimeAsync(14 * MINUTE);
    expect(fake.calls.map((c) => [c.trigger, (c.startedAt - T0) / MINUTE])).toEqual([
      ['schedule', 0],
      ['manual', 5],
      ['schedule', 20],
    ]);
  });

  it('keeps nextRunAt: set while waiting, undefined while running, paused or stopped', async () => {
    const fake = createControlledRun();
    const scheduler = createSyncScheduler({ intervalMs: 15 * MINUTE, jitterMs: 0, run: fake.run });
    expect(scheduler.nextRunAt).toBeUndefined();
    scheduler.start();
    expect(scheduler.nextRunAt?.getTime()).toBe(T0);
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduler.running).toBe(true);
    expect(scheduler.runningTrigger).toBe('schedule');
    expect(scheduler.nextRunAt).toBeUndefined();
    fake.last().resolve('r');
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduler.running).toBe(false);
    expect(scheduler.nextRunAt?.getTime()).toBe(T0 + 15 * MINUTE);
    scheduler.pause();
    expect(scheduler.nextRunAt).toBeUndefined();
    scheduler.resume();
    expect(scheduler.nextRunAt?.getTime()).toBe(T0 + 15 * MINUTE);
    await scheduler.stop();
    expect(scheduler.nextRunAt).toBeUndefined();
  });
});

describe('createSyncScheduler: jitter', () => {
  it('spreads the first runs of many schedulers started together over [0, jitterMs)', async () => {
    const random = seededRandom(42);
    const jitterMs = 90_000;
    const firstFires: number[] = [];
    const schedulers = Array.from({ length: 50 }, () => {
      const scheduler = createSyncScheduler({
        intervalMs: 15 * MINUTE,
        jitterMs,
        random,
        run: async () => {
          firstFires.push(elapsed());
          return 'ok';
        },
      });
      scheduler.start();
      return scheduler;
    });
    await vi.advanceTimersByTimeAsync(jitterMs);
    for (const s of schedulers) await s.stop();

    expect(firstFires).toHaveLength(50);
    expect(new Set(firstFires).size).toBe(50);
    expect(Math.min(...firstFires)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...firstFires)).toBeLessThan(jitterMs);
    // Spread across the window, not bunched: every sixth of it gets some.
    const sixths = new Set(firstFires.map((t) => Math.floor(t / (jitterMs / 6))));
    expect(sixths.size).toBe(6);
  });

  it('keeps later runs within intervalMs ± jitterMs / 2 of the previous start', async () => {
    const starts: number[] = [];
    const scheduler = createSyncScheduler({
      intervalMs: 15 * MINUTE,
      jitterMs: 60_000,
      random: seededRandom(7),
      run: async () => {
        starts.push(elapsed());
        return 'ok';
      },
    });
    scheduler.start({ immediately: true });
    await vi.advanceTimersByTimeAsync(10 * 16 * MINUTE);
    await scheduler.stop();
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] as number));
    expect(gaps.length).toBeGreaterThanOrEqual(9);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(15 * MINUTE - 30_000);
      expect(gap).toBeLessThan(15 * MINUTE + 30_000);
    }
    expect(new Set(gaps).size).toBeGreaterThan(1);
  });

  it('refuses bad settings with CONFIG_INVALID', () => {
    const run = async () => 'ok';
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return HrSyncError.is(error) ? error.code : 'not an HrSyncError';
      }
      return 'no error';
    };
    expect(codeOf(() => createSyncScheduler({ run, intervalMs: 0 }))).toBe('CONFIG_INVALID');
    expect(codeOf(() => createSyncScheduler({ run, intervalMs: Number.NaN }))).toBe('CONFIG_INVALID');
    expect(codeOf(() => createSyncScheduler({ run, jitterMs: 1, jitterRatio: 0.1 }))).toBe('CONFIG_INVALID');
    expect(codeOf(() => createSyncScheduler({ run, jitterRatio: 2 }))).toBe('CONFIG_INVALID');
    expect(codeOf(() => createSyncScheduler({ run, jitterMs: -1 }))).toBe('CONFIG_INVALID');
    expect(codeOf(() => createSyncScheduler({ run: undefined as never }))).toBe('CONFIG_INVALID');
  });
});

describe('createSyncScheduler: pause and resume', () => {
  it('pause() stops timed runs until resume(), and emits paused and resumed', async () => {
    const fake = createControlledRun({ durationMs: 1000 });
    const scheduler = createSyncScheduler({ intervalMs: 15 * MINUTE, jitterMs: 0, run: fake.run });
    const events: string[] = [];
    scheduler.on('paused', ({ at }) => events.push(`paused@${(at.getTime() - T0) / MINUTE}`));
    scheduler.on('resumed', ({ at, nextRunAt }) =>
      events.push(`resumed@${(at.getTime() - T0) / MINUTE}->${((nextRunAt?.getTime() ?? 0) - T0) / MINUTE}`),
    );
    scheduler.start({ immediately: true });
    await vi.advanceTimersByTimeAsync(MINUTE);
    scheduler.pause();
    scheduler.pause(); // idempotent: one event
    expect(scheduler.paused).toBe(true);
    await vi.advanceTimersByTimeAsync(3 * 60 * MINUTE);
    expect(fake.calls).toHaveLength(1);

    // Paused for hours: the planned time has passed, so the next run comes within the jitter (0 here): now.
    scheduler.resume();
    scheduler.resume();
    expect(scheduler.paused).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls).toHaveLength(2);
    expect(events).toEqual(['paused@1', 'resumed@181->181']);
    await scheduler.stop();
  });

  it('resume() keeps the planned time when it is still ahead', async () => {
    const fake = createControlledRun({ durationMs: 1000 });
    const scheduler = createSyncScheduler({ intervalMs: 15 * MINUTE, jitterMs: 0, run: fake.run });
    scheduler.start({ immediately: true });
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    scheduler.pause();
    await vi.advanceTimersByTimeAsync(3 * MINUTE);
    scheduler.resume();
    expect(scheduler.nextRunAt?.getTime()).toBe(T0 + 15 * MINUTE);
    await vi.advanceTimersByTimeAsync(10 * MINUTE - 1);
    expect(fake.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.calls).toHaveLength(2);
    await scheduler.stop();
  });

  it('pausing during a run lets the run finish but schedules nothing after it', async () => {
    const fake = createControlledRun();
    const finished: string[] = [];
    const scheduler = createSyncScheduler({ intervalMs: 15 * MINUTE, jitterMs: 0, run: fake.run });
    scheduler.on('finished', ({ report }) => finished.push(report));
    scheduler.start({ immediately: true });
    scheduler.pause();
    expect(fake.last().signal.aborted).toBe(false);
    fake.last().resolve('done');
    await vi.advanceTimersByTimeAsync(60 * MINUTE);
    expect(finished).toEqual(['done']);
    expect(fake.calls).toHaveLength(1);
    expect(scheduler.nextRunAt).toBeUndefined();
  });

  it('a scheduler paused before start() waits for resume()', async () => {
    const fake = createControlledRun({ durationMs: 1000 });
    const scheduler = createSyncScheduler({ intervalMs: 15 * MINUTE, jitterMs: 0, run: fake.run });
    scheduler.pause();
    scheduler.start({ immediately: true });
    await vi.advanceTimersByTimeAsync(60 * MINUTE);
    expect(fake.calls).toHaveLength(0);
    scheduler.resume();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls).toHaveLength(1);
  });
});

describe('createSyncScheduler: manual triggers', () => {
  it('triggerNow() works while paused, resolves with that run’s report, and schedules nothing', async () => {
    const fake = createControlledRun({ durationMs: 3 * MINUTE });
    const scheduler = createSyncScheduler({ intervalMs: 15 * MINUTE, jitterMs: 0, run: fake.run });
    scheduler.start({ immediately: true });
    await vi.advanceTimersByTimeAsync(4 * MINUTE);
    scheduler.pause();
    const manual = scheduler.triggerNow();
    expect(fake.last().trigger).toBe('manual');
    await vi.advanceTimersByTimeAsync(3 * MINUTE);
    await expect(manual).resolves.toBe('report-1');
    await vi.advanceTimersByTimeAsync(2 * 60 * MINUTE);
    expect(fake.calls.map((c) => c.trigger)).toEqual(['schedule', 'manual']);
  });

  it('triggerNow() before start() runs the first sync by hand and starts no timer', async () => {
    const fake = createControlledRun({ durationMs: MINUTE });
    const scheduler = createSyncScheduler({ intervalMs: 15 * MINUTE, jitterMs: 0, run: fake.run });
    const first = scheduler.triggerNow();
    await vi.advanceTimersByTimeAsync(MINUTE);
    await expect(first).resolves.toBe('report-0');
    await vi.advanceTimersByTimeAsync(60 * MINUTE);
    expect(fake.calls).toHaveLength(1);
    expect(scheduler.nextRunAt).toBeUndefined();
    // start() after it keeps the cadence from that manual run.
    scheduler.start();
    expect(scheduler.nextRunAt).toBeDefined();
  });

  it('start() during a manual run waits for it, then schedules from it', async () => {
    const fake = createControlledRun();
    const scheduler = createSyncScheduler({ intervalMs: 15 * MINUTE, jitterMs: 0, run: fake.run });
    void scheduler.triggerNow();
    scheduler.start({ immediately: true });
    expect(fake.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(MINUTE);
    fake.last().resolve('manual');
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduler.nextRunAt?.getTime()).toBe(T0 + 15 * MINUTE);
    expect(fake.maxActive).toBe(1);
  });

  it('triggers during a run queue exactly one follow-up, shared by all of them', async () => {
    const fake = createControlledRun();
    const scheduler = createSyncScheduler({ intervalMs: 15 * MINUTE, jitterMs: 0, run: fake.run });
    scheduler.start({ immediately: true });
    const triggers = [scheduler.triggerNow(), scheduler.triggerNow(), scheduler.triggerNow()];
    expect(fake.calls).toHaveLength(1);
    fake.calls[0]?.resolve('scheduled run');
    await vi.advanceTimersByTimeAsync(0);
    // The follow-up started only after the first run settled: never two at once.
    expect(fake.calls.map((c) => c.trigger)).toEqual(['schedule', 'manual']);
    expect(fake.maxActive).toBe(1);
    // A trigger during the follow-up queues the next one, not a second follow-up of the first run.
    const later = scheduler.triggerNow();
    fake.calls[1]?.resolve('follow-up');
    await vi.advanceTimersByTimeAsync(0);
    // Each caller gets a run that started after it called: the follow-up, not the run it interrupted.
    await expect(Promise.all(triggers)).resolves.toEqual(['follow-up', 'follow-up', 'follow-up']);
    expect(fake.calls).toHaveLength(3);
    fake.calls[2]?.resolve('third');
    await expect(later).resolves.toBe('third');
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls).toHaveLength(3);
  });

  it('with triggerDuringRun: "join", a trigger during a run resolves with that run', async () => {
    const fake = createControlledRun();
    const scheduler = createSyncScheduler({
      intervalMs: 15 * MINUTE,
      jitterMs: 0,
      run: fake.run,
      triggerDuringRun: 'join',
    });
    scheduler.start({ immediately: true });
    const joined = [scheduler.triggerNow(), scheduler.triggerNow()];
    fake.last().resolve('the scheduled run');
    await expect(Promise.all(joined)).resolves.toEqual(['the scheduled run', 'the scheduled run']);
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls).toHaveLength(1);
  });

  it('a follow-up whose first run failed still runs, and a failed follow-up rejects its callers', async () => {
    const fake = createControlledRun();
    const scheduler = createSyncScheduler({ intervalMs: 15 * MINUTE, jitterMs: 0, run: fake.run });
    scheduler.start({ immediately: true });
    const follow = scheduler.triggerNow();
    fake.calls[0]?.reject(new Error('first'));
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls).toHaveLength(2);
    fake.calls[1]?.reject(new Error('second'));
    await expect(follow).rejects.toThrow('second');
  });

  it('a trigger from a finished listener starts the queued follow-up rather than a second run', async () => {
    const fake = createControlledRun();
    const scheduler = createSyncScheduler({ intervalMs: 15 * MINUTE, jitterMs: 0, run: fake.run });
    const fromListener: Promise<string>[] = [];
    scheduler.on('finished', ({ report }) => {
      if (report === 'first') fromListener.push(scheduler.triggerNow());
    });
    scheduler.start({ immediately: true });
    const queued = scheduler.triggerNow();
    fake.calls[0]?.resolve('first');
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls).toHaveLength(2);
    fake.calls[1]?.resolve('second');
    await expect(queued).resolves.toBe('second');
    await expect(fromListener[0]).resolves.toBe('second');
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls).toHaveLength(2);
    expect(fake.maxActive).toBe(1);
  });
});

describe('createSyncScheduler: runs never overlap', () => {
  it('holds under random triggers, pauses, resumes and run lengths for days of fake time', async () => {
    const random = seededRandom(2024);
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const scheduler = createSyncScheduler({
      intervalMs: 15 * MINUTE,
      jitterRatio: 0.2,
      random,
      run: async ({ signal }) => {
        active++;
        maxActive = Math.max(maxActive, active);
        runs++;
        try {
          await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(resolve, random() * 40 * MINUTE);
            signal.addEventListener('abort', () => {
              clearTimeout(timer);
              reject(signal.reason);
            });
          });
          if (random() < 0.2) throw new Error('flaky vendor');
          return 'ok';
        } finally {
          active--;
        }
      },
    });
    scheduler.start();
    const pending: Promise<unknown>[] = [];
    for (let step = 0; step < 2000; step++) {
      const roll = random();
      if (roll < 0.3) pending.push(scheduler.triggerNow().catch(() => 'failed'));
      else if (roll < 0.35) scheduler.pause();
      else if (roll < 0.45) scheduler.resume();
      await vi.advanceTimersByTimeAsync(random() * 5 * MINUTE);
      expect(active).toBeLessThanOrEqual(1);
    }
    await scheduler.stop();
    await Promise.all(pending);
    expect(maxActive).toBe(1);
    expect(runs).toBeGreaterThan(100);
  });
});

describe('createSyncScheduler: events, firstFailure, lastSuccess and lastError', () => {
  it('emits started, finished and failed with their payloads', async () => {
    const fake = createControlledRun({
      durationMs: 2000,
      fail: (i) =>
        i === 1
          ? new HrSyncError('bad key', { code: 'AUTH_INVALID_CREDENTIALS', source: 'peoplehr' })
          : undefined,
    });
    const scheduler = createSyncScheduler({ intervalMs: 15 * MINUTE, jitterMs: 0, run: fake.run });
    const started: SyncStartedEvent[] = [];
    const finished: SyncFinishedEvent<string>[] = [];
    const failed: SyncFailedEvent[] = [];
    scheduler.on('started', (e) => started.push(e));
    scheduler.on('finished', (e) => finished.push(e));
    scheduler.on('failed', (e) => failed.push(e));
    scheduler.start({ immediately: true });
    await vi.advanceTimersByTimeAsync(15 * MINUTE + 2000);

    expect(started).toEqual([
      { trigger: 'schedule', startedAt: new Date(T0) },
      { trigger: 'schedule', startedAt: new Date(T0 + 15 * MINUTE) },
    ]);
    expect(finished).toEqual([
      {
        trigger: 'schedule',
        report: 'report-0',
        startedAt: new Date(T0),
        finishedAt: new Date(T0 + 2000),
        durationMs: 2000,
      },
    ]);
    expect(failed).toHaveLength(1);
    const [failure] = failed;
    expect(failure).toMatchObject({
      trigger: 'schedule',
      code: 'AUTH_INVALID_CREDENTIALS',
      firstFailure: true,
      consecutiveFailures: 1,
      startedAt: new Date(T0 + 15 * MINUTE),
      failedAt: new Date(T0 + 15 * MINUTE + 2000),
    });
    expect(HrSyncError.is(failure?.error)).toBe(true);
    await scheduler.stop();
  });

  it('flags firstFailure once per failure streak, so admins are notified once, not every 15 minutes', async () => {
    // Runs 0-2 fail, 3 succeeds, 4-5 fail, 6 succeeds.
    const outcomes = ['x', 'x', 'x', 'ok', 'x', 'x', 'ok'];
    const fake = createControlledRun({
      durationMs: 1000,
      fail: (i) => (outcomes[i] === 'x' ? new Error(`run ${i} failed`) : undefined),
    });
    const scheduler = createSyncScheduler({ intervalMs: 15 * MINUTE, jitterMs: 0, run: fake.run });
    const notified: number[] = [];
    const flags: [boolean, number][] = [];
    scheduler.on('failed', ({ firstFailure, consecutiveFailures }) => {
      flags.push([firstFailure, consecutiveFailures]);
      if (firstFailure) notified.push(fake.calls.length - 1);
    });
    scheduler.start({ immediately: true });
    await vi.advanceTimersByTimeAsync(6 * 15 * MINUTE + 1000);
    expect(fake.calls).toHaveLength(7);
    expect(flags).toEqual([
      [true, 1],
      [false, 2],
      [false, 3],
      [true, 1],
      [false, 2],
    ]);
    expect(notified).toEqual([0, 4]);
    expect(scheduler.consecutiveFailures).toBe(0);
    await scheduler.stop();
  });

  it('keeps lastSuccess apart from lastError', async () => {
    const fake = createControlledRun();
    const scheduler = createSyncScheduler({ intervalMs: 15 * MINUTE, jitterMs: 0, run: fake.run });
    expect(scheduler.lastSuccess).toBeUndefined();
    expect(scheduler.lastError).toBeUndefined();

    const first = scheduler.triggerNow();
    await vi.advanceTimersByTimeAsync(MINUTE);
    fake.last().resolve('good report');
    await first;

    await vi.advanceTimersByTimeAsync(MINUTE);
    const second = scheduler.triggerNow();
    await vi.advanceTimersByTimeAsync(MINUTE);
    const error = new HrSyncError('TriNet is down', { code: 'UPSTREAM_UNAVAILABLE', source: 'trinet' });
    fake.last().reject(error);
    await expect(second).rejects.toBe(error);

    // The failure did not erase the last good sync, and the success is not mistaken for the error.
    expect(scheduler.lastSuccess).toEqual({
      report: 'good report',
      at: new Date(T0 + MINUTE),
      startedAt: new Date(T0),
      trigger: 'manual',
    });
    expect(scheduler.lastError).toEqual({
      error,
      code: 'UPSTREAM_UNAVAILABLE',
      at: new Date(T0 + 3 * MINUTE),
      startedAt: new Date(T0 + 2 * MINUTE),
      trigger: 'manual',
    });
    expect(scheduler.consecutiveFailures).toBe(1);

    // A later success replaces lastSuccess and ends the streak; the latest error stays as history.
    const third = scheduler.triggerNow();
    fake.last().resolve('better report');
    await third;
    expect(scheduler.lastSuccess?.report).toBe('better report');
    expect(scheduler.lastError?.error).toBe(error);
    expect(scheduler.consecutiveFailures).toBe(0);
  });

  it('survives listeners that throw or reject, and logs them', async () => {
    const fake = createControlledRun({
      durationMs: 1000,
      fail: (i) => (i === 1 ? new Error('boom') : undefined),
    });
    const warn = vi.fn();
    const scheduler = createSyncScheduler({
      intervalMs: 15 * MINUTE,
      jitterMs: 0,
      run: fake.run,
      logger: { warn },
    });
    const seen: string[] = [];
    for (const event of ['started', 'finished', 'failed', 'paused', 'resumed'] as const) {
      scheduler.on(event, () => {
        throw new Error(`listener of ${event} broke`);
      });
      scheduler.on(event, async () => {
        throw new Error(`async listener of ${event} broke`);
      });
      scheduler.on(event, () => {
        seen.push(event);
      });
    }
    scheduler.start({ immediately: true });
    await vi.advanceTimersByTimeAsync(15 * MINUTE + 1000);
    scheduler.pause();
    scheduler.resume();
    const manual = scheduler.triggerNow();
    await vi.advanceTimersByTimeAsync(1000);
    await expect(manual).resolves.toBe('report-2');
    expect(seen).toEqual([
      'started',
      'finished',
      'started',
      'failed',
      'paused',
      'resumed',
      'started',
      'finished',
    ]);
    // Every listener still ran after the broken ones, and each break was logged (sync and async).
    expect(warn).toHaveBeenCalledTimes(16);
    expect(warn.mock.calls[0]?.[0]).toContain('listener threw');
    await vi.advanceTimersByTimeAsync(15 * MINUTE);
    expect(fake.calls.length).toBe(4);
    await scheduler.stop();
  });

  it('off() and the function on() returns remove a listener', async () => {
    const fake = createControlledRun({ durationMs: 1000 });
    const scheduler = createSyncScheduler({ intervalMs: 15 * MINUTE, jitterMs: 0, run: fake.run });
    const a: SyncTrigger[] = [];
    const b: SyncTrigger[] = [];
    const listenerA = ({ trigger }: SyncStartedEvent) => {
      a.push(trigger);
    };
    scheduler.on('started', listenerA);
    const removeB = scheduler.on('started', ({ trigger }) => {
      b.push(trigger);
    });
    scheduler.start({ immediately: true });
    scheduler.off('started', listenerA);
    removeB();
    await vi.advanceTimersByTimeAsync(15 * MINUTE + 1000);
    expect(fake.calls).toHaveLength(2);
    expect(a).toEqual(['schedule']);
    expect(b).toEqual(['schedule']);
  });
});

describe('createSyncScheduler: stop()', () => {
  it('aborts the running sync, waits for it to settle, and leaves no timer', async () => {
    const fake = createControlledRun({ ignoreAbort: true });
    const failed = vi.fn();
    const scheduler = createSyncScheduler({ intervalMs: 15 * MINUTE, jitterMs: 0, run: fake.run });
    scheduler.on('failed', failed);
    scheduler.start({ immediately: true });
    const call = fake.last();
    const queued = scheduler.triggerNow();

    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    expect(call.signal.aborted).toBe(true);
    expect((call.signal.reason as DOMException).name).toBe('AbortError');
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false); // the sync has not settled yet
    call.reject(call.signal.reason);
    await stopping;
    expect(stopped).toBe(true);

    expect(scheduler.stopped).toBe(true);
    expect(scheduler.running).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(24 * 60 * MINUTE);
    expect(fake.calls).toHaveLength(1);
    // A shutdown is not a failure: nobody is notified, lastError stays empty.
    expect(failed).not.toHaveBeenCalled();
    expect(scheduler.lastError).toBeUndefined();
    await expect(scheduler.triggerNow()).rejects.toMatchObject({ name: 'AbortError' });
    expect(() => scheduler.start()).toThrow(HrSyncError);
    await scheduler.stop(); // idempotent
  });

  it('cancels the timer of an idle scheduler', async () => {
    const fake = createControlledRun({ durationMs: 1000 });
    const scheduler = createSyncScheduler({ intervalMs: 15 * MINUTE, run: fake.run });
    scheduler.start();
    expect(vi.getTimerCount()).toBe(1);
    await scheduler.stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60 * MINUTE);
    expect(fake.calls).toHaveLength(0);
  });
});
