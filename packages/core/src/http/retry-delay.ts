/**
 * Retry timing: exponential backoff with full jitter, and `Retry-After` parsing.
 *
 * @module
 */

/**
 * Parses a `Retry-After` header into a delay in ms: either delta-seconds (`"2"`, `"1.5"`) or an HTTP date, measured
 * from `now` (epoch ms). A date in the past gives 0; a missing or unreadable value gives `undefined`.
 *
 * @example
 * ```ts
 * parseRetryAfter('2', Date.now()); // 2000
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')); // 5000
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  // Only an HTTP date is accepted here, not any string Date.parse happens to understand (`"-1"`, `"soon"`).
  if (!/^[A-Za-z]{3,9},? /.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * The backoff part of the retry settings.
 *
 * @example
 * ```ts
 * const backoff: BackoffOptions = { baseDelayMs: 300, maxDelayMs: 30_000 };
 * ```
 */
export interface BackoffOptions {
  /** First backoff delay in ms. */
  baseDelayMs: number;
  /** Longest single backoff in ms. */
  maxDelayMs: number;
}

/**
 * The delay before retry number `retry` (1 for the first retry): full jitter, uniform in
 * `[0, min(maxDelayMs, baseDelayMs * 2 ** (retry - 1))]`. `random` returns a number in `[0, 1]`.
 *
 * @example
 * ```ts
 * backoffDelay(3, { baseDelayMs: 300, maxDelayMs: 30_000 }, () => 1); // 1200, the ceiling of the third retry
 * backoffDelay(3, { baseDelayMs: 300, maxDelayMs: 30_000 }); // somewhere in [0, 1200]
 * ```
 */
export function backoffDelay(
  retry: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const factor = Math.min(1, Math.max(0, random()));
  return Math.round(factor * ceiling);
}
