import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpClient } from '../../src/http/index.ts';
import { HrSyncError } from '../../src/index.ts';
import {
  BASE,
  deferred,
  endlessSleep,
  flush,
  makeClient,
  recordingFetch,
  rejectionOf,
  SOURCE,
} from './helpers.ts';

/** A fetch that never answers and ignores its signal: only the client's own race can end the wait. */
const hang = () => new Promise<Response>(() => {});

/** Tracks whether a promise has settled yet. */
function track(promise: Promise<unknown>) {
  const state = { settled: false, error: undefined as unknown };
  promise.then(
    () => {
      state.settled = true;
    },
    (error: unknown) => {
      state.settled = true;
      state.error = error;
    },
  );
  return state;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('timeout', () => {
  it('fails a request that gets no answer within timeoutMs with TIMEOUT, after its retries', async () => {
    vi.useFakeTimers();
    const { client, requests } = makeClient(hang, { timeoutMs: 5000, retry: { limit: 1 } });
    const state = track(client.getJson('/people'));
    await vi.advanceTimersByTimeAsync(4999);
    expect(state.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    expect(state.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(state.settled).toBe(true);
    expect(state.error).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect((state.error as HrSyncError).status).toBeUndefined();
  });

  it('also times out a body that never finishes', async () => {
    vi.useFakeTimers();
    const { client } = makeClient(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"data":['));
            },
          }),
        ),
      { timeoutMs: 1000, retry: { limit: 0 } },
    );
    const state = track(client.getJson('/people'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(state.error).toMatchObject({ code: 'TIMEOUT' });
  });

  it('a per-request timeoutMs overrides the client’s', async () => {
    vi.useFakeTimers();
    const { client } = makeClient(hang, { timeoutMs: 60_000, retry: { limit: 0 } });
    const state = track(client.getJson('/people', { timeoutMs: 100 }));
    await vi.advanceTimersByTimeAsync(100);
    expect(state.error).toMatchObject({ code: 'TIMEOUT', details: { timeoutMs: 100 } });
  });
});

describe('abort', () => {
  it('rejects at once with the signal’s reason while the request is in flight', async () => {
    const { client, requests } = makeClient(hang);
    const controller = new AbortController();
    const state = track(client.getJson('/people', { signal: controller.signal }));
    await flush();
    expect(requests).toHaveLength(1);
    const reason = new Error('user cancelled');
    controller.abort(reason);
    await flush(2);
    expect(state.settled).toBe(true);
    expect(state.error).toBe(reason);
  });

  it('rejects with an AbortError DOMException when the signal has no reason of its own', async () => {
    const { client } = makeClient(hang);
    const controller = new AbortController();
    const pending = client.getJson('/people', { signal: controller.signal });
    await flush();
    controller.abort();
    const error = await rejectionOf(pending);
    expect(HrSyncError.is(error)).toBe(false);
    expect(error).toMatchObject({ name: 'AbortError' });
  });

  it('sends nothing when the signal is already aborted', async () => {
    const { client, requests } = makeClient(() => Response.json({}));
    const reason = new Error('too late');
    await expect(client.getJson('/people', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(requests).toHaveLength(0);
  });

  it('rejects promptly during a backoff wait (injected sleep that only ends on abort)', async () => {
    const { fetch, requests } = recordingFetch(() => new Response(null, { status: 503 }));
    const waiting = deferred();
    const client = createHttpClient({
      source: SOURCE,
      defaultBaseUrl: BASE,
      fetch,
      sleep: endlessSleep,
      onRetry: () => waiting.resolve(),
    });
    const controller = new AbortController();
    const state = track(client.getJson('/people', { signal: controller.signal }));
    await waiting.promise;
    await flush();
    expect(state.settled).toBe(false);
    const reason = new Error('stop waiting');
    controller.abort(reason);
    await flush(2);
    expect(state.error).toBe(reason);
    expect(requests).toHaveLength(1);
  });

  it('rejects promptly during a real 30 s backoff timer (fake timers) and never sends the retry', async () => {
    vi.useFakeTimers();
    const { fetch, requests } = recordingFetch(
      () => new Response(null, { status: 429, headers: { 'retry-after': '30' } }),
    );
    const client = createHttpClient({
      source: SOURCE,
      defaultBaseUrl: BASE,
      fetch,
      retry: { maxDelayMs: 60_000 },
    });
    const controller = new AbortController();
    const state = track(client.getJson('/people', { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(requests).toHaveLength(1);
    expect(state.settled).toBe(false);
    controller.abort(new Error('cancel'));
    await vi.advanceTimersByTimeAsync(0);
    expect(state.error).toMatchObject({ message: 'cancel' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests).toHaveLength(1);
  });

  it('rejects promptly while queued for a concurrency slot, and never sends that request', async () => {
    const release = deferred<Response>();
    const { client, requests } = makeClient(
      (request) => (request.url.endsWith('/slow') ? release.promise : Response.json({})),
      {
        concurrency: 1,
      },
    );
    const slow = client.getJson('/slow');
    const controller = new AbortController();
    const state = track(client.getJson('/queued', { signal: controller.signal }));
    await flush();
    controller.abort(new Error('gave up'));
    await flush(2);
    expect(state.error).toMatchObject({ message: 'gave up' });
    release.resolve(Response.json({ ok: true }));
    await expect(slow).resolves.toEqual({ ok: true });
    await flush();
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual(['/slow']);
  });

  it('rejects promptly while waiting for a rate-budget token', async () => {
    const { client, requests } = makeClient(() => Response.json({}), {
      rateBudget: { limit: 1, windowMs: 3_600_000 },
    });
    await client.getJson('/first');
    const controller = new AbortController();
    const state = track(client.getJson('/second', { signal: controller.signal }));
    await flush();
    expect(state.settled).toBe(false);
    controller.abort(new Error('no budget'));
    await flush(2);
    expect(state.error).toMatchObject({ message: 'no budget' });
    expect(requests).toHaveLength(1);
  });
});
