import { describe, expect, it } from 'vitest';
import { type HttpFailure, mapHttpError } from '../../src/http/index.ts';
import { createRedactor, HrSyncError } from '../../src/index.ts';

const context = {
  source: { id: 'trinet', displayName: 'TriNet' },
  method: 'GET',
  path: '/v1/company/ABC/employees',
};

describe('mapHttpError', () => {
  it.each<[HttpFailure, string, boolean]>([
    [{ kind: 'status', status: 401 }, 'AUTH_INVALID_CREDENTIALS', false],
    [{ kind: 'status', status: 403 }, 'AUTH_PERMISSION_DENIED', false],
    [{ kind: 'status', status: 404 }, 'INVALID_RESPONSE', false],
    [{ kind: 'status', status: 400 }, 'INVALID_RESPONSE', false],
    [{ kind: 'status', status: 422 }, 'INVALID_RESPONSE', false],
    [{ kind: 'status', status: 408 }, 'TIMEOUT', true],
    [{ kind: 'status', status: 429 }, 'RATE_LIMITED', true],
    [{ kind: 'status', status: 500 }, 'UPSTREAM_UNAVAILABLE', true],
    [{ kind: 'status', status: 502 }, 'UPSTREAM_UNAVAILABLE', true],
    [{ kind: 'status', status: 503 }, 'UPSTREAM_UNAVAILABLE', true],
    [{ kind: 'status', status: 504 }, 'UPSTREAM_UNAVAILABLE', true],
    [{ kind: 'status', status: 501 }, 'UPSTREAM_UNAVAILABLE', false],
    [{ kind: 'timeout', timeoutMs: 30_000 }, 'TIMEOUT', true],
    [{ kind: 'network', cause: new TypeError('fetch failed') }, 'NETWORK', true],
    [{ kind: 'invalid-body', reason: 'json', status: 200 }, 'INVALID_RESPONSE', true],
    [{ kind: 'invalid-body', reason: 'read', status: 200 }, 'INVALID_RESPONSE', true],
    [{ kind: 'invalid-body', reason: 'schema', status: 200 }, 'INVALID_RESPONSE', true],
  ])('%j → %s (retryable %s)', (failure, code, retryable) => {
    const error = mapHttpError(failure, context);
    expect(HrSyncError.is(error)).toBe(true);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.source).toBe('trinet');
    expect(error.message).toContain('TriNet GET /v1/company/ABC/employees');
    if ('status' in failure) expect(error.status).toBe(failure.status);
  });

  it('keeps a redacted start of the vendor’s error body and the Retry-After in details', () => {
    const redactor = createRedactor(['s3cret-token']);
    const error = mapHttpError(
      {
        kind: 'status',
        status: 429,
        statusText: 'Too Many Requests',
        retryAfterMs: 2000,
        bodyText: `{"fault":{"faultstring":"quota for s3cret-token exceeded"}}${'x'.repeat(1000)}`,
      },
      { ...context, redactor },
    );
    expect(error.message).toBe('TriNet GET /v1/company/ABC/employees failed: HTTP 429 Too Many Requests');
    expect(error.details).toMatchObject({
      retryAfterMs: 2000,
      method: 'GET',
      path: '/v1/company/ABC/employees',
    });
    const body = String(error.details?.body);
    expect(body).toContain('quota for [REDACTED] exceeded');
    expect(body.length).toBeLessThanOrEqual(300);
  });

  it('keeps a sanitized cause for network failures', () => {
    const cause = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:443') });
    const error = mapHttpError({ kind: 'network', cause }, context);
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.cause).not.toBe(cause);
    expect(error.cause?.message).toBe('fetch failed');
    expect(String(error.cause?.cause)).toContain('ECONNREFUSED');
  });
});
