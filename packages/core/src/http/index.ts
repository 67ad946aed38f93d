/**
 * `@hrsync/core/http`: the one way adapters call a vendor. An HTTP client on ky with per-request retries
 * (backoff with full jitter, `Retry-After`), a per-request timeout, prompt aborts, one concurrency cap per adapter
 * instance, an optional rate budget, every failure mapped to an `HrSyncError` and credentials redacted; plus an
 * OAuth token cache, p-retry helpers for multi-request operations, and pagination as async iterators.
 *
 * @packageDocumentation
 */

export { type Sleep, sleep } from './abort.ts';
export {
  type AuthProvider,
  createHttpClient,
  type HttpClient,
  type HttpClientOptions,
  type HttpRequestOptions,
  type HttpResponse,
  type HttpRetryOptions,
  type JsonRequestOptions,
  type MapError,
  type MapErrorContext,
  type RetryEvent,
  type SearchParams,
} from './http-client.ts';
export {
  type HttpErrorContext,
  type HttpFailure,
  mapHttpError,
  RETRYABLE_STATUSES,
} from './map-http-error.ts';
export {
  type PaginateNextUrlOptions,
  type PaginateOffsetOptions,
  paginateNextUrl,
  paginateOffset,
} from './paginate.ts';
export { createRateBudget, type RateBudget, type RateBudgetOptions } from './rate-budget.ts';
export { type BackoffOptions, backoffDelay, parseRetryAfter } from './retry-delay.ts';
export {
  type AccessToken,
  createTokenCache,
  type TokenCache,
  type TokenCacheOptions,
} from './token-cache.ts';
export { type WithRetryOptions, withRetry, withTokenRefresh } from './with-retry.ts';
