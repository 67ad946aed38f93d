import type { SyncRunContext, SyncTrigger } from '../../src/index.ts';

/** A seeded random in [0, 1): mulberry32, so jitter tests are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One call of the fake run: what it was given and how to settle it. */
export interface RunCall {
  index: number;
  trigger: SyncTrigger;
  signal: AbortSignal;
  startedAt: number;
  settled: boolean;
  resolve(report: string): void;
  reject(error: unknown): void;
}

/**
 * A `run` whose calls stay pending until the test settles them (or that settles them after `durationMs` of fake
 * time when given) or their signal aborts, counting how many are pending at once.
 */
export function createControlledRun(
  options: { durationMs?: number; fail?: (index: number) => unknown; ignoreAbort?: boolean } = {},
) {
  const calls: RunCall[] = [];
  let active = 0;
  let maxActive = 0;
  const run = ({ signal, trigger }: SyncRunContext): Promise<string> => {
    active++;
    maxActive = Math.max(maxActive, active);
    const index = calls.length;
    return new Promise<string>((resolve, reject) => {
      const call: RunCall = {
        index,
        trigger,
        signal,
        startedAt: Date.now(),
        settled: false,
        resolve: (report) => {
          if (call.settled) return;
          call.settled = true;
          active--;
          resolve(report);
        },
        reject: (error) => {
          if (call.settled) return;
          call.settled = true;
          active--;
          reject(error);
        },
      };
      calls.push(call);
      // Like runSync, reject with the signal's reason on abort (unless the test wants a run that ignores it).
      if (options.ignoreAbort !== true) {
        signal.addEventListener('abort', () => call.reject(signal.reason), { once: true });
      }
      if (options.durationMs !== undefined) {
        setTimeout(() => {
          const failure = options.fail?.(index);
          if (failure !== undefined) call.reject(failure);
          else call.resolve(`report-${index}`);
        }, options.durationMs);
      }
    });
  };
  return {
    run,
    calls,
    get active() {
      return active;
    },
    get maxActive() {
      return maxActive;
    },
    last(): RunCall {
      const call = calls.at(-1);
      if (!call) throw new Error('run was never called');
      return call;
    },
  };
}

export const MINUTE = 60_000;
