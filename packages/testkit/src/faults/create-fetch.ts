/**
 * A Fetch-API handler: what a fake vendor is. The same function plugs into `createFetch()` for adapter options, into
 * msw (`http.all('*', ({ request }) => handler(request))`), and into `node:http` on loopback.
 *
 * @example
 * ```ts
 * const fake: FetchHandler = async (request) =>
 *   new URL(request.url).pathname === '/v1/me'
 *     ? Response.json({ company: { id: 'c1', name: 'Example' } })
 *     : new Response('not found', { status: 404 });
 * const source = createAcmeSource({ apiKey: 'key', fetch: createFetch(fake) });
 * ```
 */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * Turns a {@link FetchHandler} into a `typeof fetch` to pass as an adapter's `fetch` option, so the adapter talks
 * to a fake in-process. It behaves like `fetch` where adapters can tell: an aborted signal rejects at once with the
 * signal's reason (also while the handler is still working), a handler that throws rejects the call, and the
 * response carries the request's URL as `response.url`.
 *
 * @example
 * ```ts
 * const source = createTrinetSource({ ...credentials, fetch: createFetch(createFakeTrinet({ roster })) });
 * ```
 */
export function createFetch(handler: FetchHandler): typeof fetch {
  const fetchLike = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    if (signal?.aborted) throw abortReason(signal);
    const response = await new Promise<Response>((resolve, reject) => {
      const onAbort = () => reject(abortReason(signal as AbortSignal));
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => signal?.removeEventListener('abort', onAbort);
      Promise.resolve()
        .then(() => handler(request))
        .then(
          (value) => {
            settle();
            resolve(value);
          },
          (error: unknown) => {
            settle();
            reject(error);
          },
        );
    });
    if (!response.url) {
      try {
        Object.defineProperty(response, 'url', { value: request.url, configurable: true });
      } catch {
        // A frozen or exotic response keeps its own url.
      }
    }
    return response;
  };
  return fetchLike as typeof fetch;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
