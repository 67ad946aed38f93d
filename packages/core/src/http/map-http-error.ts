import type { ErrorCode } from '../codes/catalog.ts';
import { HrSyncError } from '../errors/hr-sync-error.ts';
import type { Redactor } from '../errors/redact.ts';
import type { SourceInfo } from '../model/issue.ts';

/**
 * What went wrong with one HTTP attempt, before it becomes an {@link HrSyncError}:
 * - `status`: the vendor answered with a non-2xx status;
 * - `timeout`: no complete answer within the per-request timeout;
 * - `network`: the connection failed (DNS, refused, reset) before an answer arrived;
 * - `invalid-body`: a 2xx answer whose body could not be read (`read`, a dropped or truncated body), was not JSON
 *   (`json`), or did not match the expected schema (`schema`).
 *
 * @example
 * ```ts
 * const failure: HttpFailure = { kind: 'status', status: 503, retryAfterMs: 1000 };
 * ```
 */
export type HttpFailure =
  | {
      /** The vendor answered with a non-2xx status. */
      kind: 'status';
      /** The HTTP status. */
      status: number;
      /** The status text, when the server sent one. */
      statusText?: string | undefined;
      /** The start of the response body, kept (redacted) in `details.body` to show the vendor's own words. */
      bodyText?: string | undefined;
      /** The delay the server asked for with `Retry-After`, in ms. */
      retryAfterMs?: number | undefined;
    }
  | {
      /** No complete answer in time. */
      kind: 'timeout';
      /** The per-request timeout that ran out. */
      timeoutMs: number;
    }
  | {
      /** The connection failed. */
      kind: 'network';
      /** The error the Fetch layer threw; stored sanitized. */
      cause: unknown;
    }
  | {
      /** A 2xx answer with an unusable body. */
      kind: 'invalid-body';
      /** Why the body was refused. */
      reason: 'read' | 'json' | 'schema';
      /** The HTTP status of the answer. */
      status: number;
      /** A parse or validation error; stored sanitized. */
      cause?: unknown;
      /** Facts safe to log (schema issue paths and messages). */
      details?: Record<string, unknown> | undefined;
    };

/**
 * Where a failure happened, for the error's message: the source, the method and the request path.
 *
 * @example
 * ```ts
 * const context: HttpErrorContext = { source: { id: 'trinet', displayName: 'TriNet' }, method: 'GET', path: '/v1/x' };
 * ```
 */
export interface HttpErrorContext {
  /** The source (or destination) the request was made for. */
  source: SourceInfo;
  /** The HTTP method, upper-case. */
  method: string;
  /** The path and query of the request; redacted before use. */
  path: string;
  /** A redactor that knows the credentials involved. */
  redactor?: Redactor | undefined;
}

/**
 * The HTTP statuses whose errors are retryable: they describe a passing condition.
 *
 * @example
 * ```ts
 * RETRYABLE_STATUSES.includes(503); // true
 * ```
 */
export const RETRYABLE_STATUSES: readonly number[] = [408, 429, 500, 502, 503, 504];

const BODY_SNIPPET_LENGTH = 300;

/**
 * The one place that turns an HTTP failure into an {@link HrSyncError}. The table:
 *
 * | failure | code | retryable |
 * | --- | --- | --- |
 * | 401 | `AUTH_INVALID_CREDENTIALS` | no |
 * | 403 | `AUTH_PERMISSION_DENIED` | no |
 * | 408, timeout | `TIMEOUT` | yes |
 * | 429 | `RATE_LIMITED` | yes |
 * | 500, 502, 503, 504 | `UPSTREAM_UNAVAILABLE` | yes |
 * | other 5xx | `UPSTREAM_UNAVAILABLE` | no |
 * | 404 and every other status | `INVALID_RESPONSE` | no (an adapter's `mapError` may say `CONFIG_INVALID`) |
 * | network failure | `NETWORK` | yes |
 * | unreadable or truncated body, not JSON, schema mismatch | `INVALID_RESPONSE` | yes |
 *
 * The message names the source, the method and the redacted path; never a header, a body or a credential.
 * An abort is not a failure and never comes here: the client rethrows the signal's reason.
 *
 * @example
 * ```ts
 * const error = mapHttpError(
 *   { kind: 'status', status: 429, retryAfterMs: 2000 },
 *   { source: { id: 'trinet', displayName: 'TriNet' }, method: 'GET', path: '/v1/company/ABC/employees' },
 * );
 * error.code; // 'RATE_LIMITED'
 * error.retryable; // true
 * ```
 */
export function mapHttpError(failure: HttpFailure, context: HttpErrorContext): HrSyncError {
  const where = `${context.source.displayName} ${context.method} ${context.path}`;
  const base = { source: context.source.id, redactor: context.redactor };
  const request = { method: context.method, path: context.path };
  switch (failure.kind) {
    case 'status': {
      const { status } = failure;
      const [code, retryable] = classifyStatus(status);
      const statusText = failure.statusText ? ` ${failure.statusText}` : '';
      const body = failure.bodyText ? failure.bodyText.slice(0, BODY_SNIPPET_LENGTH) : undefined;
      return new HrSyncError(`${where} failed: HTTP ${status}${statusText}`, {
        ...base,
        code,
        status,
        retryable,
        details: {
          ...request,
          ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
          ...(body ? { body } : {}),
        },
      });
    }
    case 'timeout':
      return new HrSyncError(`${where} timed out after ${failure.timeoutMs} ms`, {
        ...base,
        code: 'TIMEOUT',
        retryable: true,
        details: { ...request, timeoutMs: failure.timeoutMs },
      });
    case 'network':
      return new HrSyncError(`${where} failed: network error`, {
        ...base,
        code: 'NETWORK',
        retryable: true,
        cause: failure.cause,
        details: request,
      });
    case 'invalid-body': {
      const what =
        failure.reason === 'read'
          ? 'a body that could not be read in full'
          : failure.reason === 'json'
            ? 'a body that is not valid JSON'
            : 'a body that does not match the expected shape';
      return new HrSyncError(`${where} answered HTTP ${failure.status} with ${what}`, {
        ...base,
        code: 'INVALID_RESPONSE',
        status: failure.status,
        retryable: true,
        cause: failure.cause,
        details: { ...request, reason: failure.reason, ...failure.details },
      });
    }
  }
}

function classifyStatus(status: number): [ErrorCode, boolean] {
  if (status === 401) return ['AUTH_INVALID_CREDENTIALS', false];
  if (status === 403) return ['AUTH_PERMISSION_DENIED', false];
  if (status === 408) return ['TIMEOUT', true];
  if (status === 429) return ['RATE_LIMITED', true];
  if (status >= 500 && status <= 599) return ['UPSTREAM_UNAVAILABLE', RETRYABLE_STATUSES.includes(status)];
  return ['INVALID_RESPONSE', false];
}
