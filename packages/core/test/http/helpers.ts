import {
  createHttpClient,
  type HttpClient,
  type HttpClientOptions,
  type Sleep,
} from '../../src/http/index.ts';

export const BASE = 'https://api.vendor.test';
export const SOURCE = { id: 'vendor', displayName: 'Vendor' } as const;

/** A Fetch-API handler that records every request it sees. */
export type Handler = (request: Request, call: number) => Response | Promise<Response>;

export interface RecordingFetch {
  fetch: typeof fetch;
  requests: Request[];
}

export function recordingFetch(handler: Handler): RecordingFetch {
  const requests: Request[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request.clone());
    return handler(request, requests.length);
  }) as typeof fetch;
  return { fetch: fetchImpl, requests };
}

/** Answers with the given statuses in turn, then 200 `{ ok: true }`. */
export function statuses(
  ...sequence: (number | { status: number; headers?: Record<string, string> })[]
): Handler {
  return (_request, call) => {
    const step = sequence[call - 1];
    if (step === undefined) return Response.json({ ok: true });
    const { status, headers } = typeof step === 'number' ? { status: step, headers: undefined } : step;
    return new Response(JSON.stringify({ error: `status ${status}` }), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
  };
}

/** A sleep that records each delay and returns at once (still honouring an aborted signal). */
export function recordingSleep(): { sleep: Sleep; delays: number[] } {
  const delays: number[] = [];
  const sleep: Sleep = async (ms, signal) => {
    delays.push(ms);
    if (signal?.aborted) throw signal.reason;
  };
  return { sleep, delays };
}

/** A sleep that never ends on its own, only when its signal aborts. */
export const endlessSleep: Sleep = (_ms, signal) =>
  new Promise<void>((_resolve, reject) => {
    if (signal?.aborted) reject(signal.reason);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

export function makeClient(
  handler: Handler,
  overrides: Partial<HttpClientOptions> = {},
): { client: HttpClient; requests: Request[]; delays: number[] } {
  const { fetch, requests } = recordingFetch(handler);
  const { sleep, delays } = recordingSleep();
  const client = createHttpClient({ source: SOURCE, defaultBaseUrl: BASE, fetch, sleep, ...overrides });
  return { client, requests, delays };
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks run. */
export async function flush(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Resolves to the rejection of `promise`, failing when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
