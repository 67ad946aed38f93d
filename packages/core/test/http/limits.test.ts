import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpClient, createRateBudget } from '../../src/http/index.ts';
import { BASE, deferred, endlessSleep, flush, makeClient, recordingFetch, SOURCE } from './helpers.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** The most events found in any window of `windowMs` (a window [t, t + windowMs) starting at each event). */
function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j < sorted.length && (sorted[j] as number) - (sorted[i] as number) < windowMs) j++;
    max = Math.max(max, j - i);
  }
  return max;
}

describe('concurrency cap', () => {
  async function measure(concurrency: number | undefined): Promise<number> {
    let inFlight = 0;
    let peak = 0;
    const { client } = makeClient(
      async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await flush(3);
        inFlight--;
        return Response.json({ ok: true });
      },
      concurrency === undefined ? {} : { concurrency },
    );
    await Promise.all(Array.from({ length: 25 }, (_, i) => client.getJson(`/people/${i}`)));
    return peak;
  }

  it('never has more than `concurrency` requests in flight, and uses all of them', async () => {
    expect(await measure(3)).toBe(3);
    expect(await measure(1)).toBe(1);
  });

  it('defaults to 4', async () => {
    expect(await measure(undefined)).toBe(4);
  });

  it('does not hold a slot during a backoff wait', async () => {
    const { client, requests } = makeClient(
      (request) =>
        request.url.endsWith('/flaky') ? new Response(null, { status: 503 }) : Response.json({ ok: 1 }),
      { concurrency: 1, sleep: endlessSleep },
    );
    const controller = new AbortController();
    const flaky = client.getJson('/flaky', { signal: controller.signal });
    flaky.catch(() => {});
    await flush();
    await expect(client.getJson('/other')).resolves.toEqual({ ok: 1 });
    expect(requests).toHaveLength(2);
    controller.abort();
  });

  it('rejects an invalid concurrency with CONFIG_INVALID', () => {
    expect(() => createHttpClient({ source: SOURCE, defaultBaseUrl: BASE, concurrency: 0 })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });
});

describe('rate budget', () => {
  it('lets at most N acquisitions through in any window, in arrival order', async () => {
    vi.useFakeTimers();
    const budget = createRateBudget({ limit: 30, windowMs: 60_000, now: () => Date.now() });
    const start = Date.now();
    const granted: { index: number; at: number }[] = [];
    const all = Array.from({ length: 100 }, (_, index) =>
      budget.acquire().then(() => granted.push({ index, at: Date.now() - start })),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toHaveLength(30);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(granted).toHaveLength(30);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toHaveLength(60);
    await vi.advanceTimersByTimeAsync(180_000);
    await Promise.all(all);
    expect(granted.map((g) => g.index)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(
      maxInAnyWindow(
        granted.map((g) => g.at),
        60_000,
      ),
    ).toBe(30);
    expect(granted.at(-1)?.at).toBe(180_000);
  });

  it('a burst of 100 client calls at 30/min makes at most 30 requests in any 60 s window', async () => {
    vi.useFakeTimers();
    const sentAt: number[] = [];
    const { client } = makeClient(
      () => {
        sentAt.push(Date.now());
        return Response.json({ ok: true });
      },
      { rateBudget: { limit: 30, windowMs: 60_000, now: () => Date.now() } },
    );
    const calls = Promise.all(Array.from({ length: 100 }, (_, i) => client.getJson(`/people/${i}`)));
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    await calls;
    expect(sentAt).toHaveLength(100);
    expect(maxInAnyWindow(sentAt, 60_000)).toBe(30);
  });

  it('spends a token on every attempt, retries included', async () => {
    vi.useFakeTimers();
    const sentAt: number[] = [];
    const start = Date.now();
    const { client } = makeClient(
      (_request, call) => {
        sentAt.push(Date.now() - start);
        return call === 1 ? new Response(null, { status: 503 }) : Response.json({ ok: true });
      },
      { rateBudget: { limit: 2, windowMs: 60_000, now: () => Date.now() } },
    );
    await client.getJson('/a'); // two attempts, two tokens
    const second = client.getJson('/b');
    await vi.advanceTimersByTimeAsync(59_999);
    expect(sentAt).toEqual([0, 0]);
    await vi.advanceTimersByTimeAsync(1);
    await second;
    expect(sentAt).toEqual([0, 0, 60_000]);
  });

  it('one budget instance shared by two clients spends one quota', async () => {
    vi.useFakeTimers();
    const budget = createRateBudget({ limit: 3, windowMs: 1000, now: () => Date.now() });
    const start = Date.now();
    const sentAt: number[] = [];
    const handler = () => {
      sentAt.push(Date.now() - start);
      return Response.json({});
    };
    const a = createHttpClient({
      source: SOURCE,
      defaultBaseUrl: BASE,
      fetch: recordingFetch(handler).fetch,
      rateBudget: budget,
    });
    const b = createHttpClient({
      source: SOURCE,
      defaultBaseUrl: BASE,
      fetch: recordingFetch(handler).fetch,
      rateBudget: budget,
    });
    expect(a.rateBudget).toBe(budget);
    const calls = Promise.all([a.getJson('/1'), a.getJson('/2'), a.getJson('/3'), b.getJson('/4')]);
    await vi.advanceTimersByTimeAsync(1000);
    await calls;
    expect(sentAt).toEqual([0, 0, 0, 1000]);
  });

  it('rejects a budget without a positive limit and window', () => {
    expect(() => createRateBudget({ limit: 0, windowMs: 1000 })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    expect(() => createRateBudget({ limit: 3, windowMs: 0 })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });

  it('an aborted waiter leaves the queue without spending a token', async () => {
    vi.useFakeTimers();
    const budget = createRateBudget({ limit: 1, windowMs: 1000, now: () => Date.now() });
    await budget.acquire();
    const controller = new AbortController();
    const dropped = budget.acquire(controller.signal);
    const next = deferred();
    void budget.acquire().then(() => next.resolve());
    controller.abort(new Error('drop'));
    await expect(dropped).rejects.toThrow('drop');
    await vi.advanceTimersByTimeAsync(1000);
    await next.promise;
    // The third waiter got the token freed at 1000 ms: the aborted one did not take it.
    const third = budget.acquire();
    let done = false;
    void third.then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });
});
