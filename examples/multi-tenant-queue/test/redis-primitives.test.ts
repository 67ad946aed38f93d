import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireCompanyLock } from '../src/company-lock.ts';
import { budgetedFetch, createRedisRateBudget } from '../src/redis-rate-budget.ts';
import { hasRedisServer, type RunningRedis, startRedisServer } from '../src/redis-server.ts';

const canRun = process.env.REDIS_URL !== undefined || hasRedisServer();
const reason = 'redis-server is not installed (apt-get install -y redis-server) and REDIS_URL is not set';

describe.skipIf(!canRun)(`the example's Redis primitives${canRun ? '' : ` (skipped: ${reason})`}`, () => {
  let server: RunningRedis | undefined;
  let url: string;
  const clients: Redis[] = [];
  const client = () => {
    const redis = new Redis(url);
    clients.push(redis);
    return redis;
  };
  const prefix = `hrsync:test:${process.pid}:${Date.now()}`;

  beforeAll(async () => {
    if (process.env.REDIS_URL) url = process.env.REDIS_URL;
    else {
      server = await startRedisServer(() => {});
      url = server.url;
    }
  });
  afterAll(async () => {
    for (const redis of clients) redis.disconnect();
    await server?.stop();
  });

  it('never grants more than the limit in any window, across clients and budgets sharing the keys', async () => {
    const limit = 10;
    const windowMs = 300;
    const grants: number[] = [];
    // Three "processes" (clients), each with its own budget objects over the same Redis keys.
    const acquirers = [client(), client(), client()].flatMap((redis, i) =>
      Array.from({ length: 2 }, () =>
        createRedisRateBudget({
          redis,
          clientId: `p${i}`,
          margin: 0,
          windows: [
            { key: `${prefix}:key`, limit: 1000, windowMs },
            { key: `${prefix}:shared`, limit, windowMs },
          ],
        }),
      ),
    );
    const start = performance.now();
    await Promise.all(
      Array.from({ length: 45 }, async (_, i) => {
        await (acquirers[i % acquirers.length] as (typeof acquirers)[number]).acquire();
        grants.push(performance.now());
      }),
    );
    grants.sort((a, b) => a - b);
    let maxInWindow = 0;
    for (let i = 0; i < grants.length; i++) {
      let j = i;
      // Grants are observed after the Redis round trip: allow 5 ms of slack on the window edge.
      while (j < grants.length && (grants[j] as number) - (grants[i] as number) < windowMs - 5) j++;
      maxInWindow = Math.max(maxInWindow, j - i);
    }
    expect(maxInWindow).toBeLessThanOrEqual(limit);
    // 45 grants at 10 per 300 ms need at least four full windows after the first ten.
    expect(performance.now() - start).toBeGreaterThanOrEqual(4 * windowMs - 20);
  });

  it('peek() reports the wait without spending, and a full per-key window holds back only that key', async () => {
    const redis = client();
    const windows = (key: string) => [
      { key: `${prefix}:peek:${key}`, limit: 2, windowMs: 10_000 },
      { key: `${prefix}:peek:shared`, limit: 100, windowMs: 10_000 },
    ];
    const a = createRedisRateBudget({ redis, clientId: 'a', margin: 0, windows: windows('a') });
    const b = createRedisRateBudget({ redis, clientId: 'b', margin: 0, windows: windows('b') });
    expect(await a.peek()).toBe(0);
    expect(await a.peek()).toBe(0);
    await a.acquire();
    await a.acquire();
    expect(await a.peek()).toBeGreaterThan(9000);
    expect(await b.peek()).toBe(0);
    const aborted = new AbortController();
    const waiting = a.acquire(aborted.signal);
    aborted.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    expect(await redis.zcard(`${prefix}:peek:shared`)).toBe(2);
  });

  it('budgetedFetch takes a grant before every call', async () => {
    const redis = client();
    const budget = createRedisRateBudget({
      redis,
      clientId: 'f',
      margin: 0,
      windows: [{ key: `${prefix}:fetch`, limit: 5, windowMs: 10_000 }],
    });
    let calls = 0;
    const fetchImpl = budgetedFetch(budget, async () => {
      calls++;
      return new Response('ok');
    });
    for (let i = 0; i < 3; i++) await fetchImpl('http://127.0.0.1/x');
    expect(calls).toBe(3);
    expect(await redis.zcard(`${prefix}:fetch`)).toBe(3);
  });

  it('the company lock has one holder at a time, and is released only by its holder', async () => {
    const redis = client();
    const first = await acquireCompanyLock(redis, `${prefix}-c1`, 5000);
    expect(first).toBeDefined();
    expect(await acquireCompanyLock(client(), `${prefix}-c1`, 5000)).toBeUndefined();
    expect(await acquireCompanyLock(redis, `${prefix}-c2`, 5000)).toBeDefined();
    await first?.release();
    const again = await acquireCompanyLock(client(), `${prefix}-c1`, 5000);
    expect(again).toBeDefined();
    await first?.release(); // a stale holder releasing again must not free the new holder's lock
    expect(await acquireCompanyLock(redis, `${prefix}-c1`, 5000)).toBeUndefined();
    expect(again?.lost).toBe(false);
    await again?.release();
  });
});
