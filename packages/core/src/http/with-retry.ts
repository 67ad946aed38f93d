import pRetry, { AbortError } from 'p-retry';
import { HrSyncError } from '../errors/hr-sync-error.ts';
import type { TokenCache } from './token-cache.ts';

/**
 * Options of {@link withRetry}.
 *
 * @example
 * ```ts
 * const restart: WithRetryOptions = { retries: 1, minDelayMs: 5_000, signal };
 * ```
 */
export interface WithRetryOptions {
  /** Runs after the first; default 2. */
  retries?: number | undefined;
  /**
   * Whether a failure is worth another run; default: an {@link HrSyncError} with `retryable: true`. Never called
   * for an abort.
   */
  shouldRetry?: ((error: unknown, attempt: number) => boolean | Promise<boolean>) | undefined;
  /** Stops retrying and rejects with the signal's reason; also pass it to the operation. */
  signal?: AbortSignal | undefined;
  /** Wait before the first rerun in ms; doubles on each rerun, randomised ×1–2. Default 1,000. */
  minDelayMs?: number | undefined;
  /** Longest wait in ms; default 30,000. */
  maxDelayMs?: number | undefined;
  /** Called after each failure that will be retried. */
  onRetry?: ((error: unknown, attempt: number) => void) | undefined;
}

/**
 * Reruns a multi-request operation (a whole page walk, a token refresh and replay) when it fails with a retryable
 * error. Built on p-retry. Never wrap a single `client.request()` with it: the HTTP client already retries each
 * request, and stacking the two multiplies the attempts.
 *
 * @example
 * ```ts
 * // Restart a page walk from the first page when it breaks midway.
 * const everyone = await withRetry(
 *   async () => {
 *     const people = [];
 *     for await (const person of paginateNextUrl({ client, firstUrl: '/core/people', getItems, getNextUrl, signal })) {
 *       people.push(person);
 *     }
 *     return people;
 *   },
 *   { retries: 1, signal },
 * );
 * ```
 */
export function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  options: WithRetryOptions = {},
): Promise<T> {
  const shouldRetry = options.shouldRetry ?? ((error: unknown) => HrSyncError.is(error) && error.retryable);
  return pRetry(operation, {
    retries: options.retries ?? 2,
    minTimeout: options.minDelayMs ?? 1000,
    maxTimeout: options.maxDelayMs ?? 30_000,
    randomize: true,
    signal: options.signal,
    shouldRetry: async ({ error, attemptNumber }) => {
      const again = await shouldRetry(error, attemptNumber);
      if (again) options.onRetry?.(error, attemptNumber);
      return again;
    },
  });
}

/**
 * Calls `call` with a token from the cache; when it fails with `AUTH_INVALID_CREDENTIALS` (a 401: the token expired
 * or was revoked early), forgets that token, gets a new one and replays the call exactly once. A second 401, or a
 * failure of the token request itself, is thrown as is.
 *
 * @example
 * ```ts
 * const page = await withTokenRefresh(
 *   tokens,
 *   (token) => client.request(`/v1/company/${companyId}/employees`, { auth: () => `Bearer ${token}`, signal }),
 *   { signal },
 * );
 * ```
 */
export function withTokenRefresh<T>(
  tokens: Pick<TokenCache, 'get' | 'invalidate'>,
  call: (token: string) => Promise<T>,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<T> {
  const { signal } = options;
  let used: string | undefined;
  return pRetry(
    async () => {
      let token: string;
      try {
        token = await tokens.get({ signal });
      } catch (error) {
        // The token request has its own per-request retries; a failure here is final.
        throw new AbortError(toError(error));
      }
      used = token;
      return call(token);
    },
    {
      retries: 1,
      minTimeout: 0,
      signal,
      shouldRetry: ({ error }) => {
        const unauthorized = HrSyncError.is(error) && error.code === 'AUTH_INVALID_CREDENTIALS';
        if (unauthorized) tokens.invalidate(used);
        return unauthorized;
      },
    },
  );
}

function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
