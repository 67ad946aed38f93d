import { HrSyncError } from '../errors/hr-sync-error.ts';
import { abortReason, sleep as defaultSleep, type Sleep, throwIfAborted } from './abort.ts';

/**
 * How many requests a {@link RateBudget} allows per window.
 *
 * @example
 * ```ts
 * const peopleHr: RateBudgetOptions = { limit: 30, windowMs: 60_000 };
 * ```
 */
export interface RateBudgetOptions {
  /** Requests allowed in any window of `windowMs`. People HR: 30. */
  limit: number;
  /** The window in ms. People HR: 60,000. */
  windowMs: number;
  /** Monotonic clock in ms; default `performance.now()`. Tests inject a fake one. */
  now?: (() => number) | undefined;
  /** The wait used while no request is allowed; default a timer. Tests inject a fake one. */
  sleep?: Sleep | undefined;
}

/**
 * A client-side rate budget: at most `limit` requests start in any window of `windowMs`, so that a vendor's
 * documented limit is never hit in the first place. One instance can be shared by several HTTP clients that spend
 * the same vendor quota (a source and a webhook handler holding the same API key).
 *
 * @example
 * ```ts
 * const budget: RateBudget = createRateBudget({ limit: 30, windowMs: 60_000 });
 * await budget.acquire(signal); // resolves at once for the first 30 calls of a minute
 * ```
 */
export interface RateBudget {
  /** Requests allowed in any window. */
  readonly limit: number;
  /** The window in ms. */
  readonly windowMs: number;
  /**
   * Resolves when one more request may start (and counts it); waits first when the window is full. Waiters are
   * served in arrival order. Rejects with the signal's reason as soon as the signal aborts.
   */
  acquire(signal?: AbortSignal): Promise<void>;
}

interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * Creates a {@link RateBudget}. It is a sliding-window log, the strict form of a token bucket: it remembers the
 * start times of the last `limit` requests and lets a new one start only when the oldest of them is at least
 * `windowMs` old. Unlike a refilling bucket it never lets `2 × limit` requests through across a window boundary,
 * which is what "30 calls per minute" promises.
 *
 * @example
 * ```ts
 * const peopleHrBudget = createRateBudget({ limit: 30, windowMs: 60_000 });
 * const source = createHttpClient({ ...options, rateBudget: peopleHrBudget });
 * const webhooks = createHttpClient({ ...options, rateBudget: peopleHrBudget }); // shares the same 30 a minute
 * ```
 */
export function createRateBudget(options: RateBudgetOptions): RateBudget {
  const { limit, windowMs } = options;
  if (!Number.isInteger(limit) || limit < 1 || !Number.isFinite(windowMs) || windowMs <= 0) {
    throw new HrSyncError(
      `A rate budget needs a positive whole limit and window (got ${limit} per ${windowMs} ms)`,
      {
        code: 'CONFIG_INVALID',
        source: 'hrsync',
      },
    );
  }
  const now = options.now ?? (() => performance.now());
  const wait = options.sleep ?? defaultSleep;
  // Start times of the most recent grants, oldest first; never longer than `limit`.
  const granted: number[] = [];
  const queue: Waiter[] = [];
  let pumping = false;

  const settle = (waiter: Waiter) => waiter.signal?.removeEventListener('abort', waiter.onAbort);

  const pump = async () => {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0) {
        const t = now();
        while (granted.length > 0 && t - (granted[0] as number) >= windowMs) granted.shift();
        if (granted.length < limit) {
          granted.push(t);
          const waiter = queue.shift() as Waiter;
          settle(waiter);
          waiter.resolve();
          continue;
        }
        // Sleep until the oldest grant leaves the window. Aborted waiters leave the queue on their own.
        await wait((granted[0] as number) + windowMs - t).catch(() => {});
      }
    } finally {
      pumping = false;
    }
  };

  const acquire = (signal?: AbortSignal): Promise<void> => {
    throwIfAborted(signal);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          reject(abortReason(signal as AbortSignal));
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      queue.push(waiter);
      void pump();
    });
  };

  return { limit, windowMs, acquire };
}

/** Tells a {@link RateBudget} from its options. */
export function isRateBudget(value: RateBudget | RateBudgetOptions): value is RateBudget {
  return typeof (value as Partial<RateBudget>).acquire === 'function';
}
