import { type RateBudget, sleep } from '@hrsync/core/http';
import type { Redis } from 'ioredis';
import type { RequestBudget } from './budgets.ts';

/** One window of a {@link RedisRateBudget}, stored in Redis under `key`. */
export interface RedisBudgetWindow extends RequestBudget {
  /** The Redis key of its log (a sorted set of grant times). */
  key: string;
}

/** Options of {@link createRedisRateBudget}. */
export interface RedisRateBudgetOptions {
  redis: Redis;
  /** Every window a request must fit in, taken together: a per-key budget and the vendor's shared one. */
  windows: readonly RedisBudgetWindow[];
  /**
   * Safety margin on every window (0.1 keeps a 60 s window as 66 s). A request granted at the edge of a window
   * reaches the vendor a few milliseconds later than its grant, and the next one may be sent faster: the margin
   * keeps the vendor's own count, taken on arrival, within the limit.
   */
  margin?: number | undefined;
  /** And a margin in ms, added to every window; default 0. */
  marginMs?: number | undefined;
  /** Unique per process: grants are logged as `<id>:<n>`. */
  clientId: string;
}

/** A {@link RateBudget} whose log lives in Redis, so that every worker on every machine spends the same budget. */
export interface RedisRateBudget extends RateBudget {
  /** Ms until one more request could be granted now (0: at once), without spending anything. */
  peek(): Promise<number>;
}

// A sliding-window log, like core's createRateBudget, across every window at once and atomically: a request is
// granted only when each window has fewer than `limit` grants in its last `window` ms, and is then logged in all of
// them. Time is Redis's own clock, so workers on machines with skewed clocks still agree. Returns 0 when granted
// (or, for a peek, grantable), else the ms until the earliest window frees a slot.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wait = 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 * i])
  local window = tonumber(ARGV[2 * i + 1])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  if count >= limit then
    local oldest = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
    local w = tonumber(oldest[2]) + window - now
    if w > wait then wait = w end
  end
end
if wait > 0 or ARGV[1] == '' then return wait end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[1])
  redis.call('PEXPIRE', key, tonumber(ARGV[2 * i + 1]) + 1000)
end
return 0
`;

let sha: string | undefined;
// Grants are logged as `<clientId>:<n>`, n counting across every budget of the process: a member logged twice would
// only move the first one (ZADD updates), and the window would undercount.
let grants = 0;

async function runAcquire(redis: Redis, keys: readonly string[], args: readonly (string | number)[]) {
  sha ??= (await redis.script('LOAD', ACQUIRE)) as string;
  try {
    return Number(await redis.evalsha(sha, keys.length, ...keys, ...args));
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
    sha = (await redis.script('LOAD', ACQUIRE)) as string;
    return Number(await redis.evalsha(sha, keys.length, ...keys, ...args));
  }
}

/**
 * Creates a request budget shared through Redis: the `rateBudget` hook of `@hrsync/core/http` (People HR's source
 * takes it as `rateBudget`; any adapter can take it through {@link budgetedFetch}). Every attempt of every request,
 * retries included, takes one grant from each window, whichever worker process or machine sends it.
 *
 * Waiters poll: when a window is full, each sleeps until the oldest grant leaves it (plus a little jitter) and
 * tries again. Not first-come-first-served across processes; no grant is ever lost or doubled.
 */
export function createRedisRateBudget(options: RedisRateBudgetOptions): RedisRateBudget {
  const margin = options.margin ?? 0.1;
  const marginMs = options.marginMs ?? 0;
  const windows = options.windows.map((w) => ({
    ...w,
    windowMs: Math.ceil(w.windowMs * (1 + margin) + marginMs),
  }));
  const first = windows[0];
  if (!first) throw new Error('createRedisRateBudget: at least one window');
  const keys = windows.map((w) => w.key);
  const limits = windows.flatMap((w) => [w.limit, w.windowMs]);
  return {
    limit: first.limit,
    windowMs: first.windowMs,
    async acquire(signal) {
      for (;;) {
        signal?.throwIfAborted();
        const member = `${options.clientId}:${grants++}`;
        const wait = await runAcquire(options.redis, keys, [member, ...limits]);
        if (wait <= 0) return;
        await sleep(wait + Math.random() * Math.min(50, wait), signal);
      }
    },
    peek: () => runAcquire(options.redis, keys, ['', ...limits]),
  };
}

/**
 * Wraps `fetch` so that every request (every attempt: the HTTP client calls `fetch` once per attempt) first takes a
 * grant from `budget`. For adapters without a `rateBudget` option: pass the result as their `fetch`.
 */
export function budgetedFetch(budget: RateBudget, fetchImpl: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    await budget.acquire(signal ?? undefined);
    return fetchImpl(input, init);
  };
}
