import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFetch, type FetchHandler, withFaults } from '../src/index.ts';

const ok: FetchHandler = async (request) =>
  Response.json({ path: new URL(request.url).pathname, data: [1, 2, 3, 4, 5, 6, 7, 8] });

const get = (handler: FetchHandler, path = '/v1/items', init?: RequestInit) =>
  handler(new Request(`https://fake.test${path}`, init));

afterEach(() => {
  vi.useRealTimers();
});

describe('withFaults', () => {
  it('passes requests through and records them when nothing is injected', async () => {
    const handler = withFaults(ok);
    const response = await get(handler);
    expect(await response.json()).toEqual({ path: '/v1/items', data: [1, 2, 3, 4, 5, 6, 7, 8] });
    expect(handler.requests).toHaveLength(1);
    expect(handler.requests[0]).toMatchObject({ index: 0, method: 'GET', url: 'https://fake.test/v1/items' });
    expect(handler.injected).toEqual([]);
    expect(handler.counts()).toEqual({});
  });

  it('injects scripted faults by index, from an index, by path, by method and a number of times', async () => {
    const handler = withFaults(ok, {
      script: [
        { at: 0, fault: { type: 'status', status: 429, retryAfter: 7 } },
        { path: '/v1/other', method: 'post', fault: { type: 'status', status: 502 } },
        { path: /page=3/, times: 1, fault: { type: 'status', status: 503 } },
        { from: 5, fault: { type: 'status', status: 500 } },
      ],
    });
    const first = await get(handler);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect((await get(handler)).status).toBe(200);
    expect((await get(handler, '/v1/other')).status).toBe(200);
    expect((await get(handler, '/v1/other', { method: 'POST', body: '{}' })).status).toBe(502);
    expect((await get(handler, '/v1/items?page=3')).status).toBe(503);
    expect((await get(handler, '/v1/items?page=3')).status).toBe(500);
    expect((await get(handler, '/v1/items')).status).toBe(500);
    expect(handler.counts()).toEqual({ '429+retry-after': 1, '502': 1, '503': 1, '500': 2 });
    expect(handler.injected.map((r) => r.index)).toEqual([0, 3, 4, 5, 6]);
  });

  it('rejects like fetch on a dropped connection', async () => {
    const handler = withFaults(ok, { script: [{ at: 0, fault: { type: 'disconnect' } }] });
    const error = await get(handler).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect(handler.counts()).toEqual({ disconnect: 1 });
  });

  it('serves malformed and truncated bodies', async () => {
    const handler = withFaults(ok, {
      script: [
        { at: 0, fault: { type: 'malformed' } },
        { at: 1, fault: { type: 'truncate' } },
        { at: 2, fault: { type: 'truncate', mode: 'error' } },
      ],
    });
    const malformed = await get(handler);
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow(SyntaxError);
    const cut = await get(handler);
    const text = await cut.text();
    expect(text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    const broken = await get(handler);
    await expect(broken.text()).rejects.toThrow('terminated');
  });

  it('delays on latency, on timers that fake timers control', async () => {
    vi.useFakeTimers();
    const handler = withFaults(ok, { script: [{ at: 0, fault: { type: 'latency', ms: 5_000 } }] });
    let settled = false;
    const pending = get(handler).then((r) => {
      settled = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(200);
    expect(handler.counts()).toEqual({ latency: 1 });
  });

  it('draws random faults at the given rate, reproducibly from the seed, and resets', async () => {
    const run = async (seed: number) => {
      const handler = withFaults(ok, {
        seed,
        rate: 0.3,
        faults: ['rate-limit', 'server-error', 'malformed'],
      });
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) statuses.push((await get(handler)).status);
      return { handler, statuses };
    };
    const a = await run(5);
    const b = await run(5);
    const c = await run(6);
    expect(b.statuses).toEqual(a.statuses);
    expect(c.statuses).not.toEqual(a.statuses);
    const injected = a.handler.injected.length;
    expect(injected).toBeGreaterThan(30);
    expect(injected).toBeLessThan(90);
    const labels = Object.keys(a.handler.counts());
    expect(labels.some((l) => l.startsWith('429'))).toBe(true);
    expect(labels.some((l) => /^50[0-4]$/.test(l))).toBe(true);
    expect(labels).toContain('malformed');
    a.handler.reset();
    expect(a.handler.requests).toEqual([]);
    const again: number[] = [];
    for (let i = 0; i < 200; i++) again.push((await get(a.handler)).status);
    expect(again).toEqual(a.statuses);
  });

  it('keeps random faults off requests that are not eligible', async () => {
    const handler = withFaults(ok, {
      rate: 1,
      faults: ['server-error'],
      eligible: (request) => !request.url.includes('/token'),
    });
    expect((await get(handler, '/token')).status).toBe(200);
    expect((await get(handler, '/v1/items')).status).toBeGreaterThanOrEqual(500);
  });
});

describe('createFetch', () => {
  it('turns a handler into fetch, with the request URL on the response', async () => {
    const fetch = createFetch(ok);
    const response = await fetch('https://fake.test/v1/items?x=1', {
      headers: { accept: 'application/json' },
    });
    expect(response.url).toBe('https://fake.test/v1/items?x=1');
    expect(await response.json()).toMatchObject({ path: '/v1/items' });
  });

  it('rejects at once with the signal reason, even while the handler is still working', async () => {
    const never: FetchHandler = () => new Promise<Response>(() => {});
    const fetch = createFetch(never);
    const controller = new AbortController();
    const pending = fetch('https://fake.test/slow', { signal: controller.signal });
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await expect(fetch('https://fake.test/slow', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('passes handler errors through, like a failed fetch', async () => {
    const fetch = createFetch(withFaults(ok, { script: [{ fault: { type: 'disconnect' } }] }));
    await expect(fetch('https://fake.test/x')).rejects.toThrow(TypeError);
  });
});
