import { describe, expect, it, vi } from 'vitest';
import { createTokenCache, withRetry, withTokenRefresh } from '../../src/http/index.ts';
import { createRedactor, HrSyncError } from '../../src/index.ts';
import { deferred, flush, makeClient, rejectionOf } from './helpers.ts';

describe('createTokenCache', () => {
  it('shares one in-flight token request between concurrent callers', async () => {
    const answer = deferred<{ token: string; expiresInMs: number }>();
    const fetchToken = vi.fn(() => answer.promise);
    const tokens = createTokenCache({ fetchToken });
    const all = Promise.all(Array.from({ length: 5 }, () => tokens.get()));
    await flush();
    expect(fetchToken).toHaveBeenCalledTimes(1);
    answer.resolve({ token: 'tok-1', expiresInMs: 3_600_000 });
    expect(await all).toEqual(Array(5).fill('tok-1'));
    expect(await tokens.get()).toBe('tok-1');
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('refreshes shortly before expiry (fake clock)', async () => {
    let now = 0;
    let n = 0;
    const tokens = createTokenCache({
      fetchToken: async () => ({ token: `tok-${++n}`, expiresInMs: 3_600_000 }),
      refreshSkewMs: 60_000,
      now: () => now,
    });
    expect(await tokens.get()).toBe('tok-1');
    now = 3_539_999;
    expect(await tokens.get()).toBe('tok-1');
    now = 3_540_000;
    expect(await tokens.get()).toBe('tok-2');
  });

  it('refreshes a short-lived token at half its lifetime', async () => {
    let now = 0;
    let n = 0;
    const tokens = createTokenCache({
      fetchToken: async () => ({ token: `tok-${++n}`, expiresInMs: 60_000 }),
      now: () => now,
    });
    await tokens.get();
    now = 29_999;
    expect(await tokens.get()).toBe('tok-1');
    now = 30_000;
    expect(await tokens.get()).toBe('tok-2');
  });

  it('keeps a token without a lifetime until invalidated, and invalidate(token) only drops that token', async () => {
    let n = 0;
    const tokens = createTokenCache({ fetchToken: async () => ({ token: `tok-${++n}` }) });
    expect(await tokens.get()).toBe('tok-1');
    tokens.invalidate('tok-0'); // an older token: ignored
    expect(await tokens.get()).toBe('tok-1');
    tokens.invalidate('tok-1');
    expect(await tokens.get()).toBe('tok-2');
    tokens.invalidate();
    expect(await tokens.get()).toBe('tok-3');
  });

  it('registers every token with the redactor', async () => {
    const redactor = createRedactor();
    const tokens = createTokenCache({ fetchToken: async () => ({ token: 'fresh-token-777' }), redactor });
    await tokens.get();
    expect(redactor.text('sent fresh-token-777')).toBe('sent [REDACTED]');
  });

  it('does not cache a failure, and refuses an empty token', async () => {
    const fetchToken = vi
      .fn<() => Promise<{ token: string }>>()
      .mockRejectedValueOnce(new Error('down'))
      .mockResolvedValueOnce({ token: '' })
      .mockResolvedValueOnce({ token: 'tok-ok' });
    const tokens = createTokenCache({ fetchToken, source: 'trinet' });
    await expect(tokens.get()).rejects.toThrow('down');
    await expect(tokens.get()).rejects.toMatchObject({ code: 'INVALID_RESPONSE', source: 'trinet' });
    await expect(tokens.get()).resolves.toBe('tok-ok');
  });

  it('lets one caller abort without failing the others', async () => {
    const answer = deferred<{ token: string }>();
    const tokens = createTokenCache({ fetchToken: () => answer.promise });
    const controller = new AbortController();
    const leaving = tokens.get({ signal: controller.signal });
    const staying = tokens.get();
    controller.abort(new Error('bye'));
    await expect(leaving).rejects.toThrow('bye');
    answer.resolve({ token: 'tok-1' });
    await expect(staying).resolves.toBe('tok-1');
  });
});

describe('withTokenRefresh', () => {
  /** A TriNet-like vendor: a token endpoint and a data endpoint that accepts only `valid` tokens. */
  function vendor(valid: (token: string) => boolean, tokenStatus = 200) {
    let issued = 0;
    const dataCalls: string[] = [];
    const { client, requests } = makeClient((request) => {
      const url = new URL(request.url);
      if (url.pathname === '/oauth/accesstoken') {
        if (tokenStatus !== 200) return new Response(null, { status: tokenStatus });
        issued++;
        return Response.json({ access_token: `tok-${issued}`, expires_in: '3599' });
      }
      const token = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
      dataCalls.push(token);
      return valid(token)
        ? Response.json({ data: 'ok' })
        : Response.json({ fault: 'invalid_access_token' }, { status: 401 });
    });
    const tokens = createTokenCache({
      redactor: client.redactor,
      fetchToken: async () => {
        const body = await client.request<{ access_token: string; expires_in: string }>(
          '/oauth/accesstoken',
          {
            searchParams: { grant_type: 'client_credentials' },
            auth: () => 'Basic Y2xpZW50OnNlY3JldA==',
          },
        );
        return { token: body.access_token, expiresInMs: Number(body.expires_in) * 1000 };
      },
    });
    return { client, tokens, dataCalls, requests, issued: () => issued };
  }

  it('refreshes the token once and replays the call on a 401', async () => {
    const v = vendor((token) => token === 'tok-2');
    const body = await withTokenRefresh(v.tokens, (token) =>
      v.client.getJson('/v1/company/ABC/employees', { auth: () => `Bearer ${token}` }),
    );
    expect(body).toEqual({ data: 'ok' });
    expect(v.dataCalls).toEqual(['tok-1', 'tok-2']);
    expect(v.issued()).toBe(2);
  });

  it('works with the client’s authorization provider reading the cache', async () => {
    const v = vendor((token) => token === 'tok-2');
    const call = () =>
      v.client.getJson('/v1/company/ABC/employees', {
        auth: async ({ signal }) => `Bearer ${await v.tokens.get({ signal })}`,
      });
    await expect(withTokenRefresh(v.tokens, call)).resolves.toEqual({ data: 'ok' });
    expect(v.dataCalls).toEqual(['tok-1', 'tok-2']);
  });

  it('replays exactly once: a second 401 is thrown', async () => {
    const v = vendor(() => false);
    const error = await rejectionOf(
      withTokenRefresh(v.tokens, (token) => v.client.getJson('/v1/x', { auth: () => `Bearer ${token}` })),
    );
    expect(error).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', status: 401 });
    expect(v.dataCalls).toEqual(['tok-1', 'tok-2']);
    expect(v.issued()).toBe(2);
  });

  it('does not replay other failures, nor a failing token request', async () => {
    const forbidden = vendor(() => false);
    const calls = vi.fn(() =>
      Promise.reject(new HrSyncError('no', { code: 'AUTH_PERMISSION_DENIED', source: 't' })),
    );
    await expect(withTokenRefresh(forbidden.tokens, calls)).rejects.toMatchObject({
      code: 'AUTH_PERMISSION_DENIED',
    });
    expect(calls).toHaveBeenCalledTimes(1);

    const badSecret = vendor(() => true, 401);
    const call = vi.fn(async () => 'never');
    await expect(withTokenRefresh(badSecret.tokens, call)).rejects.toMatchObject({
      code: 'AUTH_INVALID_CREDENTIALS',
    });
    expect(call).not.toHaveBeenCalled();
    expect(badSecret.requests).toHaveLength(1);
  });
});

describe('withRetry', () => {
  it('reruns a whole operation on a retryable HrSyncError, up to `retries` times', async () => {
    const retryable = new HrSyncError('walk broke', { code: 'UPSTREAM_UNAVAILABLE', source: 't' });
    const operation = vi
      .fn<(attempt: number) => Promise<string>>()
      .mockRejectedValueOnce(retryable)
      .mockResolvedValueOnce('done');
    const onRetry = vi.fn();
    await expect(withRetry(operation, { retries: 2, minDelayMs: 0, onRetry })).resolves.toBe('done');
    expect(operation).toHaveBeenCalledTimes(2);
    expect(onRetry).toHaveBeenCalledWith(retryable, 1);

    const always = vi.fn(() => Promise.reject(retryable));
    await expect(withRetry(always, { retries: 2, minDelayMs: 0 })).rejects.toBe(retryable);
    expect(always).toHaveBeenCalledTimes(3);
  });

  it('does not rerun a non-retryable error, or when shouldRetry says no', async () => {
    const fatal = vi.fn(() =>
      Promise.reject(new HrSyncError('no', { code: 'AUTH_INVALID_CREDENTIALS', source: 't' })),
    );
    await expect(withRetry(fatal, { minDelayMs: 0 })).rejects.toMatchObject({
      code: 'AUTH_INVALID_CREDENTIALS',
    });
    expect(fatal).toHaveBeenCalledTimes(1);

    const custom = vi.fn(() => Promise.reject(new HrSyncError('x', { code: 'TIMEOUT', source: 't' })));
    await expect(withRetry(custom, { minDelayMs: 0, shouldRetry: () => false })).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    expect(custom).toHaveBeenCalledTimes(1);
  });

  it('rejects with the abort reason and stops rerunning', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const operation = vi.fn(async () => {
      controller.abort(reason);
      throw new HrSyncError('x', { code: 'NETWORK', source: 't' });
    });
    await expect(withRetry(operation, { signal: controller.signal, minDelayMs: 0 })).rejects.toBe(reason);
    expect(operation).toHaveBeenCalledTimes(1);
  });
});
