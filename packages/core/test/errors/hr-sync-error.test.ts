import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createRedactor, HrSyncError, sanitizeCause } from '../../src/index.ts';

const SECRET = 'client-secret-0123456789';

describe('HrSyncError', () => {
  it('carries code, source, status and the catalog’s retryable default', () => {
    const error = new HrSyncError('rate limited', { code: 'RATE_LIMITED', source: 'trinet', status: 429 });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'HrSyncError', code: 'RATE_LIMITED', source: 'trinet', status: 429 });
    expect(error.retryable).toBe(true);
    expect(new HrSyncError('x', { code: 'AUTH_INVALID_CREDENTIALS', source: 't' }).retryable).toBe(false);
    expect(
      new HrSyncError('x', { code: 'AUTH_INVALID_CREDENTIALS', source: 't', retryable: true }).retryable,
    ).toBe(true);
  });

  it('is recognised across realms and copies by HrSyncError.is', () => {
    const error = new HrSyncError('x', { code: 'TIMEOUT', source: 'trinet' });
    expect(HrSyncError.is(error)).toBe(true);
    expect(HrSyncError.is(new Error('x'))).toBe(false);
    expect(HrSyncError.is(null)).toBe(false);
    expect(HrSyncError.is({ code: 'TIMEOUT', name: 'HrSyncError' })).toBe(false);
    // An error made in another realm carries the same registered symbol brand.
    const foreign = runInNewContext(
      `const e = new Error('x'); Object.defineProperty(e, Symbol.for('@hrsync/core/HrSyncError'), { value: true }); e`,
    );
    expect(foreign instanceof Error).toBe(false);
    expect(HrSyncError.is(foreign)).toBe(true);
  });

  it('never carries a secret in message, stack, details, cause chain or toJSON()', () => {
    const redactor = createRedactor([SECRET]);
    const inner = new Error(`socket closed while sending Authorization: Basic ${btoa(`id:${SECRET}`)}`);
    const raw = Object.assign(
      new Error(`POST https://api.trinet.test/oauth/accesstoken?client_secret=${SECRET}`),
      {
        cause: inner,
        request: { headers: { Authorization: `Bearer ${SECRET}` } },
      },
    );
    const error = new HrSyncError(`token call failed for ${SECRET}`, {
      code: 'AUTH_INVALID_CREDENTIALS',
      source: 'trinet',
      status: 401,
      cause: raw,
      details: { clientSecret: SECRET, path: `/x?token=${SECRET}` },
      redactor,
    });
    const everything = [
      error.message,
      error.stack,
      JSON.stringify(error),
      JSON.stringify(error.toJSON()),
      String(error.cause),
      error.cause?.stack,
      String(error.cause?.cause),
      JSON.stringify(error.details),
    ].join('\n');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(btoa(`id:${SECRET}`));
    // The raw request object is not kept on the cause.
    expect((error.cause as unknown as Record<string, unknown>).request).toBeUndefined();
    expect(error.toJSON()).toMatchObject({
      name: 'HrSyncError',
      code: 'AUTH_INVALID_CREDENTIALS',
      source: 'trinet',
      status: 401,
      retryable: false,
      cause: { name: 'Error', cause: { name: 'Error' } },
    });
  });

  it('keeps nested HrSyncErrors as causes and serialises them', () => {
    const inner = new HrSyncError('upstream 503', {
      code: 'UPSTREAM_UNAVAILABLE',
      source: 'trinet',
      status: 503,
    });
    const outer = new HrSyncError('read failed', {
      code: 'SYNC_INCOMPLETE_SOURCE',
      source: 'trinet',
      cause: inner,
    });
    expect(outer.cause).toBe(inner);
    expect(outer.toJSON().cause?.message).toBe('UPSTREAM_UNAVAILABLE: upstream 503');
  });

  it('sanitizes odd thrown values and deep chains without throwing', () => {
    expect(sanitizeCause('plain string token=abc123')?.message).toBe('plain string token=[REDACTED]');
    expect(sanitizeCause({ weird: true })?.message).toBe('{"weird":true}');
    let deep: Error = new Error('root');
    for (let i = 0; i < 50; i++) deep = new Error(`level ${i}`, { cause: deep });
    expect(() =>
      JSON.stringify(new HrSyncError('x', { code: 'NETWORK', source: 's', cause: deep })),
    ).not.toThrow();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(sanitizeCause(cyclic)?.message).toBe('[object Object]');
  });
});
