import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { backoffDelay, parseRetryAfter, type RetryEvent } from '../../src/http/index.ts';
import { HrSyncError } from '../../src/index.ts';
import { makeClient, rejectionOf, statuses } from './helpers.ts';

describe('per-request retries', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries HTTP %i and then succeeds', async (status) => {
    const { client, requests, delays } = makeClient(statuses(status, status));
    await expect(client.getJson('/people')).resolves.toEqual({ ok: true });
    expect(requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 501])('does not retry HTTP %i', async (status) => {
    const { client, requests, delays } = makeClient(statuses(status));
    const error = await rejectionOf(client.getJson('/people'));
    expect(HrSyncError.is(error)).toBe(true);
    expect((error as HrSyncError).status).toBe(status);
    expect(requests).toHaveLength(1);
    expect(delays).toHaveLength(0);
  });

  it('retries network errors and then succeeds', async () => {
    const { client, requests } = makeClient((_request, call) => {
      if (call < 3) throw new TypeError('fetch failed');
      return Response.json({ ok: true });
    });
    await expect(client.getJson('/people')).resolves.toEqual({ ok: true });
    expect(requests).toHaveLength(3);
  });

  it('gives up after retry.limit retries with the last mapped error', async () => {
    const { client, requests } = makeClient(statuses(503, 503, 503, 503, 503), { retry: { limit: 2 } });
    const error = (await rejectionOf(client.getJson('/people'))) as HrSyncError;
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.retryable).toBe(true);
    expect(requests).toHaveLength(3);
  });

  it('retries POST by default, and not when methods leave it out', async () => {
    const first = makeClient(statuses(503));
    await expect(first.client.postJson('/Employee', { Action: 'X' })).resolves.toEqual({ ok: true });
    expect(first.requests).toHaveLength(2);
    expect(first.requests[1]?.method).toBe('POST');
    expect(await first.requests[1]?.json()).toEqual({ Action: 'X' });

    const second = makeClient(statuses(503), { retry: { methods: ['GET'] } });
    await expect(second.client.postJson('/Employee', { Action: 'X' })).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    });
    expect(second.requests).toHaveLength(1);
  });

  it('retry: false on a request makes a single attempt', async () => {
    const { client, requests } = makeClient(statuses(503));
    await expect(client.getJson('/people', { retry: false })).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    });
    expect(requests).toHaveLength(1);
  });

  it('retries a body that is not JSON, or cut short, as INVALID_RESPONSE', async () => {
    const { client, requests } = makeClient((_request, call) =>
      call === 1
        ? new Response('{"data": [1, 2', { headers: { 'content-type': 'application/json' } })
        : Response.json({ data: [1, 2] }),
    );
    await expect(client.getJson('/people')).resolves.toEqual({ data: [1, 2] });
    expect(requests).toHaveLength(2);

    const broken = makeClient(() => new Response('<html>gateway</html>'), { retry: { limit: 1 } });
    await expect(broken.client.getJson('/people')).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
      retryable: true,
      status: 200,
    });
    expect(broken.requests).toHaveLength(2);
  });

  it('retries a body whose stream fails midway', async () => {
    const { client, requests } = makeClient((_request, call) => {
      if (call > 1) return Response.json({ ok: true });
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"ok":'));
          controller.error(new TypeError('terminated'));
        },
      });
      return new Response(stream, { headers: { 'content-type': 'application/json' } });
    });
    await expect(client.getJson('/people')).resolves.toEqual({ ok: true });
    expect(requests).toHaveLength(2);
  });

  it('validates with a schema: a mismatch is INVALID_RESPONSE, retryable, but not retried in the request', async () => {
    const Schema = z.object({ items: z.array(z.object({ id: z.string() })) });
    const ok = makeClient(() => Response.json({ items: [{ id: 'a' }] }));
    const page = await ok.client.request('/items', { schema: Schema });
    expect(page.items[0]?.id).toBe('a');

    const bad = makeClient(() => Response.json({ items: [{ id: 7 }] }));
    const error = (await rejectionOf(bad.client.request('/items', { schema: Schema }))) as HrSyncError;
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.retryable).toBe(true);
    expect(error.details).toMatchObject({ reason: 'schema', issues: [{ path: 'items.0.id' }] });
    expect(bad.requests).toHaveLength(1);
  });

  it('lets mapError classify a 200 answer (People HR isError) and retries it when retryable', async () => {
    const { client, requests } = makeClient(
      (_request, call) =>
        Response.json(
          call === 1
            ? { isError: true, Status: 9, Message: 'Too many requests, limit exceeded' }
            : call === 2
              ? { isError: true, Status: 1, Message: 'Invalid API Key.' }
              : { isError: false, Result: [] },
        ),
      {
        mapError: ({ json, createError }) => {
          const body = json as { isError?: boolean; Message?: string };
          if (!body.isError) return undefined;
          return /limit/i.test(body.Message ?? '')
            ? createError('RATE_LIMITED', body.Message ?? '')
            : createError('AUTH_INVALID_CREDENTIALS', body.Message ?? '');
        },
      },
    );
    const error = (await rejectionOf(
      client.postJson('/Employee', { Action: 'GetAllEmployeeDetail' }),
    )) as HrSyncError;
    expect(requests).toHaveLength(2);
    expect(error).toMatchObject({
      code: 'AUTH_INVALID_CREDENTIALS',
      status: 200,
      retryable: false,
      source: 'vendor',
    });
    expect(error.message).toBe('Vendor POST /Employee: Invalid API Key.');
  });
});

describe('retry timing', () => {
  it('honours Retry-After in seconds: 2 gives a 2000 ms wait, without jitter', async () => {
    const events: RetryEvent[] = [];
    const { client, delays } = makeClient(statuses({ status: 429, headers: { 'retry-after': '2' } }), {
      random: () => 0,
      onRetry: (event) => events.push(event),
    });
    await client.getJson('/people');
    expect(delays).toEqual([2000]);
    expect(events).toMatchObject([
      { attempt: 1, delayMs: 2000, fromRetryAfter: true, method: 'GET', path: '/people' },
    ]);
    expect(events[0]?.error.code).toBe('RATE_LIMITED');
  });

  it('honours Retry-After as an HTTP date', async () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    const at = new Date(now + 5000).toUTCString();
    const { client, delays } = makeClient(statuses({ status: 503, headers: { 'retry-after': at } }), {
      now: () => now,
    });
    await client.getJson('/people');
    expect(delays).toEqual([5000]);
  });

  it('fails at once with RATE_LIMITED, retryable, when Retry-After exceeds the cap', async () => {
    const { client, requests, delays } = makeClient(
      statuses({ status: 429, headers: { 'retry-after': '120' } }),
      {
        retry: { maxDelayMs: 10_000 },
      },
    );
    const error = (await rejectionOf(client.getJson('/people'))) as HrSyncError;
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryable: true, status: 429 });
    expect(error.details).toMatchObject({ retryAfterMs: 120_000 });
    expect(requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('a Retry-After at the cap is still honoured', async () => {
    const { client, delays } = makeClient(statuses({ status: 429, headers: { 'retry-after': '10' } }), {
      retry: { maxDelayMs: 10_000 },
    });
    await client.getJson('/people');
    expect(delays).toEqual([10_000]);
  });

  it('backs off exponentially: with the top of the jitter range the delays double, then hit the cap', async () => {
    const { client, delays } = makeClient(statuses(500, 500, 500, 500, 500), {
      random: () => 1,
      retry: { limit: 5, baseDelayMs: 100, maxDelayMs: 1000 },
    });
    await client.getJson('/people');
    expect(delays).toEqual([100, 200, 400, 800, 1000]);
  });

  it('keeps full jitter within [0, base × 2^n]', async () => {
    const { client, delays } = makeClient(statuses(...Array<number>(6).fill(502)), {
      retry: { limit: 6, baseDelayMs: 300, maxDelayMs: 1_000_000 },
    });
    await client.getJson('/people');
    expect(delays).toHaveLength(6);
    delays.forEach((delay, n) => {
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(300 * 2 ** n);
    });
    // Jitter is used: with a random source at 0 every wait is 0.
    const zero = makeClient(statuses(502, 502), { random: () => 0 });
    await zero.client.getJson('/people');
    expect(zero.delays).toEqual([0, 0]);
  });
});

describe('parseRetryAfter and backoffDelay', () => {
  it('reads seconds, dates and rejects junk', () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1500);
    expect(parseRetryAfter('Mon, 02 Mar 2026 10:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Monday, 02-Mar-26 10:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('bounds each backoff by min(max, base × 2^(retry-1))', () => {
    const options = { baseDelayMs: 300, maxDelayMs: 2000 };
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, options, () => 1))).toEqual([
      300, 600, 1200, 2000, 2000,
    ]);
    expect(backoffDelay(3, options, () => 0.5)).toBe(600);
    expect(backoffDelay(3, options, () => 0)).toBe(0);
  });
});
