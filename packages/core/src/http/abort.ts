/**
 * Abort helpers shared by the HTTP toolkit: an abortable sleep and a race that settles as soon as a signal aborts,
 * even when the awaited work ignores the signal.
 *
 * @module
 */

/**
 * Waits `ms` milliseconds, or rejects with the signal's reason as soon as it aborts. The HTTP client takes one as
 * its `sleep` option so that tests capture backoff delays instead of sleeping.
 *
 * @example
 * ```ts
 * const delays: number[] = [];
 * const captureSleep: Sleep = async (ms, signal) => {
 *   delays.push(ms);
 *   signal?.throwIfAborted();
 * };
 * const client = createHttpClient({ ...options, sleep: captureSleep });
 * ```
 */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The reason of an aborted signal, or a standard `AbortError` when it has none. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/**
 * Waits `ms` milliseconds; rejects with `signal.reason` at once when the signal aborts (before or during the wait).
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const wait = sleep(30_000, controller.signal);
 * controller.abort(new Error('stop'));
 * await wait; // rejects with Error('stop') right away
 * ```
 */
export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Settles like `promise`, except that it rejects with the signal's reason as soon as the signal aborts, even when
 * the work behind `promise` does not listen to the signal. A later rejection of `promise` is then swallowed.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(abortReason(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Throws the signal's reason when it has already aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}
