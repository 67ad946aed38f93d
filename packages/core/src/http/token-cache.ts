import { HrSyncError } from '../errors/hr-sync-error.ts';
import type { Redactor } from '../errors/redact.ts';
import { raceAbort, throwIfAborted } from './abort.ts';

/**
 * A token from a token endpoint.
 *
 * @example
 * ```ts
 * const token: AccessToken = { token: body.access_token, expiresInMs: Number(body.expires_in) * 1000 };
 * ```
 */
export interface AccessToken {
  /** The access token. */
  token: string;
  /**
   * How long it is valid, in ms from now (TriNet: `Number(body.expires_in) * 1000`). Without it the token is kept
   * until {@link TokenCache.invalidate} is called.
   */
  expiresInMs?: number | undefined;
}

/**
 * Options of {@link createTokenCache}.
 *
 * @example
 * ```ts
 * const cacheOptions: TokenCacheOptions = { fetchToken, redactor: client.redactor, refreshSkewMs: 120_000 };
 * ```
 */
export interface TokenCacheOptions {
  /**
   * Gets a new token, usually through the adapter's HTTP client (which retries it). It runs without the caller's
   * signal, because callers share it: one caller giving up must not fail the others.
   */
  fetchToken: () => Promise<AccessToken>;
  /**
   * Refresh this long before expiry, in ms; default 60,000. For a token valid less than twice as long, half its
   * lifetime is used instead.
   */
  refreshSkewMs?: number | undefined;
  /** The redactor every token is registered with (pass the HTTP client's). */
  redactor?: Redactor | undefined;
  /** Clock in ms; default `performance.now()`. */
  now?: (() => number) | undefined;
  /** The source id used in errors; default `'hrsync'`. */
  source?: string | undefined;
}

/**
 * An OAuth client-credentials token cache of one adapter instance.
 *
 * @example
 * ```ts
 * const tokens: TokenCache = createTokenCache({ fetchToken, redactor: client.redactor });
 * const token = await tokens.get({ signal });
 * tokens.invalidate(token); // after a 401
 * ```
 */
export interface TokenCache {
  /**
   * The current token, fetching a new one when there is none or it is about to expire. Concurrent callers share one
   * token request. Rejects with the signal's reason when the signal aborts (the shared request goes on).
   */
  get(options?: { signal?: AbortSignal | undefined }): Promise<string>;
  /**
   * Forgets the cached token (after a 401), so the next `get()` fetches a new one. Given the token that failed,
   * it only forgets that one: a token another caller already refreshed is kept.
   */
  invalidate(token?: string): void;
}

/**
 * Creates a {@link TokenCache}: caches per instance, refreshes shortly before expiry, shares one in-flight token
 * request between concurrent callers, and registers every token with the redactor.
 *
 * @example
 * ```ts
 * const tokens = createTokenCache({
 *   redactor: client.redactor,
 *   fetchToken: async () => {
 *     const body = await client.request('/oauth/accesstoken', {
 *       searchParams: { grant_type: 'client_credentials' },
 *       auth: () => `Basic ${btoa(`${clientId}:${clientSecret}`)}`,
 *       schema: TrinetTokenSchema,
 *     });
 *     return { token: body.access_token, expiresInMs: Number(body.expires_in) * 1000 };
 *   },
 * });
 * const token = await tokens.get({ signal });
 * ```
 */
export function createTokenCache(options: TokenCacheOptions): TokenCache {
  const now = options.now ?? (() => performance.now());
  const skew = options.refreshSkewMs ?? 60_000;
  let current: { token: string; refreshAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  const refresh = async (): Promise<string> => {
    const fetched = await options.fetchToken();
    if (typeof fetched?.token !== 'string' || fetched.token === '') {
      throw new HrSyncError('The token endpoint answered without an access token', {
        code: 'INVALID_RESPONSE',
        source: options.source ?? 'hrsync',
      });
    }
    options.redactor?.addSecret(fetched.token);
    const lifetime = fetched.expiresInMs;
    const refreshAt =
      lifetime !== undefined && Number.isFinite(lifetime)
        ? now() + lifetime - Math.min(skew, Math.max(0, lifetime) / 2)
        : Number.POSITIVE_INFINITY;
    current = { token: fetched.token, refreshAt };
    return fetched.token;
  };

  return {
    get(callOptions) {
      const signal = callOptions?.signal;
      try {
        throwIfAborted(signal);
      } catch (reason) {
        return Promise.reject(reason);
      }
      if (current && now() < current.refreshAt) return Promise.resolve(current.token);
      if (!inflight) {
        inflight = refresh().finally(() => {
          inflight = undefined;
        });
      }
      return raceAbort(inflight, signal);
    },
    invalidate(token) {
      if (token === undefined || current?.token === token) current = undefined;
    },
  };
}
