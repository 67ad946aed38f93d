import ky from 'ky';
import pLimit from 'p-limit';
import type { ZodType } from 'zod';
import type { CommonAdapterOptions, RetryOptions } from '../adapter/types.ts';
import type { ErrorCode } from '../codes/catalog.ts';
import { HrSyncError } from '../errors/hr-sync-error.ts';
import { createRedactor, isSecretKey, type Redactor } from '../errors/redact.ts';
import { createSafeLogger, type SafeLogger } from '../log/logger.ts';
import type { SourceInfo } from '../model/issue.ts';
import { abortReason, sleep as defaultSleep, raceAbort, type Sleep, throwIfAborted } from './abort.ts';
import { mapHttpError } from './map-http-error.ts';
import { createRateBudget, isRateBudget, type RateBudget, type RateBudgetOptions } from './rate-budget.ts';
import { backoffDelay, parseRetryAfter } from './retry-delay.ts';

/**
 * Per-request retry settings of an {@link HttpClient}: the adapter's {@link RetryOptions} plus the methods.
 *
 * @example
 * ```ts
 * const retry: HttpRetryOptions = { limit: 5, baseDelayMs: 500, maxDelayMs: 60_000, methods: ['GET'] };
 * ```
 */
export interface HttpRetryOptions extends RetryOptions {
  /**
   * HTTP methods whose failed attempts may be retried; default every method, POST included, because every vendor
   * call these adapters make is a read (People HR reads are POSTs). A destination that writes should narrow it.
   */
  methods?: readonly string[] | undefined;
}

/**
 * Supplies the `Authorization` header value of a request (`'Bearer …'`), or `undefined` for none. It is called
 * before every attempt, outside the concurrency cap, so a token refreshed meanwhile is used by the next retry and
 * a token request made through the same client cannot deadlock. The value is registered as a secret.
 *
 * @example
 * ```ts
 * const authorization: AuthProvider = async ({ signal }) => `Bearer ${await tokens.get({ signal })}`;
 * ```
 */
export type AuthProvider = (context: {
  /** The caller's signal. */
  signal: AbortSignal | undefined;
}) => string | undefined | Promise<string | undefined>;

/**
 * What an adapter's {@link MapError} hook sees of a response.
 *
 * @example
 * ```ts
 * const mapError: MapError = (context: MapErrorContext) =>
 *   context.status === 404 ? context.createError('CONFIG_INVALID', 'unknown company id') : undefined;
 * ```
 */
export interface MapErrorContext {
  /** The HTTP method, upper-case. */
  method: string;
  /** The path and query of the request, redacted. */
  path: string;
  /** The HTTP status. */
  status: number;
  /** The response headers. */
  headers: Headers;
  /** The parsed JSON body, or `undefined` when the body is empty or not JSON. */
  json: unknown;
  /** The body as text. */
  text: string;
  /**
   * Creates an {@link HrSyncError} for this response with the source, status, method, path and redactor filled in.
   * `retryable` defaults to the catalog's value for the code.
   */
  createError(
    code: ErrorCode,
    message: string,
    options?: { retryable?: boolean | undefined; details?: Record<string, unknown> | undefined },
  ): HrSyncError;
}

/**
 * Lets an adapter classify a vendor-specific answer before the default mapping: People HR's HTTP 200 with
 * `isError: true`, an Apigee fault body, a 404 that means an unknown company. Called for every response whose body
 * was read, 2xx or not. Return an error to fail the attempt with it (retried when it is `retryable`), or
 * `undefined` to keep the default handling.
 *
 * @example
 * ```ts
 * // People HR answers errors as HTTP 200 with `isError: true`.
 * const mapError: MapError = ({ json, createError }) => {
 *   const body = json as { isError?: boolean; Message?: string } | undefined;
 *   if (!body?.isError) return undefined;
 *   if (/limit/i.test(body.Message ?? '')) return createError('RATE_LIMITED', body.Message ?? '');
 *   return createError('AUTH_INVALID_CREDENTIALS', body.Message ?? 'Invalid API key');
 * };
 * ```
 */
export type MapError = (context: MapErrorContext) => HrSyncError | undefined;

/**
 * A retry about to happen, reported to `onRetry`.
 *
 * @example
 * ```ts
 * const events: RetryEvent[] = [];
 * const client = createHttpClient({ ...options, onRetry: (event) => events.push(event) });
 * // after a 429 with `Retry-After: 2`: events[0].delayMs === 2000, events[0].fromRetryAfter === true
 * ```
 */
export interface RetryEvent {
  /** The attempt that failed (1 for the first). */
  attempt: number;
  /** The wait before the next attempt, in ms. */
  delayMs: number;
  /** Whether the wait comes from the server's `Retry-After` rather than backoff. */
  fromRetryAfter: boolean;
  /** Why the attempt failed. */
  error: HrSyncError;
  /** The HTTP method. */
  method: string;
  /** The redacted path and query. */
  path: string;
}

/**
 * Options of {@link createHttpClient}: the adapter's common options plus what the adapter knows of its vendor.
 *
 * @example
 * ```ts
 * const clientOptions: HttpClientOptions = {
 *   ...adapterOptions, // baseUrl, fetch, timeoutMs, retry, concurrency, logger
 *   source: { id: 'zenefits', displayName: 'Zenefits' },
 *   defaultBaseUrl: 'https://api.zenefits.com',
 *   secrets: [apiToken],
 *   authorization: () => `Bearer ${apiToken}`,
 * };
 * ```
 */
export interface HttpClientOptions extends CommonAdapterOptions {
  /** The source (or destination) the client calls for; it names errors and their fixes. */
  source: SourceInfo;
  /** The vendor's API origin (with any path prefix), used when `baseUrl` is not given. */
  defaultBaseUrl: string;
  /** Credentials this client holds; they are redacted from every error and log line. */
  secrets?: readonly (string | undefined)[] | undefined;
  /** A redactor to share (with a token cache or a webhook handler); `secrets` are added to it. */
  redactor?: Redactor | undefined;
  /** Headers sent with every request. Values of secret-looking headers are registered as secrets. */
  headers?: Record<string, string> | undefined;
  /** The `User-Agent` header; some vendor CDNs block the Fetch default. */
  userAgent?: string | undefined;
  /** Supplies the `Authorization` header of every request, unless a request says `auth: false`. */
  authorization?: AuthProvider | undefined;
  /**
   * A client-side rate budget: N requests per window, spent by every attempt including retries. Pass a
   * {@link RateBudget} instance to share one budget between clients.
   */
  rateBudget?: RateBudget | RateBudgetOptions | undefined;
  /** Classifies vendor-specific answers; see {@link MapError}. */
  mapError?: MapError | undefined;
  /** Per-request retries. */
  retry?: HttpRetryOptions | undefined;
  /** Called before each retry wait, with the delay: for metrics, and for tests to capture delays. */
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /** The wait between retries; default a timer. Tests inject one that records the delay and returns at once. */
  sleep?: Sleep | undefined;
  /** Random number in `[0, 1)` for jitter; default `Math.random`. */
  random?: (() => number) | undefined;
  /** Wall clock in epoch ms, used for `Retry-After` dates; default `Date.now`. */
  now?: (() => number) | undefined;
}

/**
 * Query parameters: an object (`undefined` values are left out) or `URLSearchParams`.
 *
 * @example
 * ```ts
 * const searchParams: SearchParams = { offset: 101, viewType: 'All', cursor: undefined };
 * ```
 */
export type SearchParams = Record<string, string | number | boolean | undefined> | URLSearchParams;

/**
 * Options of one request.
 *
 * @example
 * ```ts
 * const request: HttpRequestOptions = { method: 'POST', json: { Action: 'GetAllEmployeeDetail' }, signal };
 * ```
 */
export interface HttpRequestOptions {
  /** The HTTP method; default `GET`. */
  method?: string | undefined;
  /** Query parameters added to the URL. Values of secret-looking names are registered as secrets. */
  searchParams?: SearchParams | undefined;
  /** A JSON body. Values under secret-looking top-level keys (`APIKey`) are registered as secrets. */
  json?: unknown;
  /** A raw body (a form for a token endpoint); use `json` for JSON. */
  body?: RequestInit['body'] | undefined;
  /** Headers of this request, over the client's. */
  headers?: Record<string, string> | undefined;
  /** Cancels the request promptly, including a wait for a slot, a rate-budget token or a backoff. */
  signal?: AbortSignal | undefined;
  /** This request's `Authorization` provider, or `false` for none; default the client's. */
  auth?: AuthProvider | false | undefined;
  /** Per-request timeout in ms; default the client's. */
  timeoutMs?: number | undefined;
  /** Retry settings over the client's for this request, or `false` for a single attempt. */
  retry?: HttpRetryOptions | false | undefined;
}

/**
 * Options of a request whose JSON body is validated (`T` is inferred from the schema).
 *
 * @example
 * ```ts
 * const page = await client.request('/core/people', { schema: ZenefitsPeoplePageSchema, signal });
 * // page is z.output<typeof ZenefitsPeoplePageSchema>
 * ```
 */
export interface JsonRequestOptions<T> extends HttpRequestOptions {
  /**
   * A zod schema the JSON body must match. A mismatch fails with `INVALID_RESPONSE` (retryable, since a later sync
   * may see corrected data) without retrying the request, since the same bytes would come back.
   */
  schema?: ZodType<T> | undefined;
}

/**
 * A successful response: the parsed (and validated) body and what an adapter may need besides.
 *
 * @example
 * ```ts
 * const response = await client.send('/core/people');
 * const link = response.headers.get('link');
 * ```
 */
export interface HttpResponse<T> {
  /** The parsed JSON body (validated when a schema was given); `undefined` for an empty body. */
  data: T;
  /** The HTTP status. */
  status: number;
  /** The response headers. */
  headers: Headers;
  /** The URL requested, to resolve relative links against. It may hold secrets in its query: do not log it. */
  url: URL;
}

/**
 * The HTTP client an adapter calls its vendor with. Every call: one concurrency cap for the whole client, the rate
 * budget, a per-attempt timeout, retries with backoff and `Retry-After`, errors mapped to {@link HrSyncError}.
 *
 * @example
 * ```ts
 * const client: HttpClient = createHttpClient(clientOptions);
 * const people = await client.getJson('/core/people', { searchParams: { limit: 100 }, signal });
 * const rows = await client.postJson('/Employee', { APIKey: apiKey, Action: 'GetAllEmployeeDetail' });
 * ```
 */
export interface HttpClient {
  /** The base URL in use (`baseUrl` or `defaultBaseUrl`), without a trailing slash. */
  readonly baseUrl: string;
  /** The source the client calls for. */
  readonly source: SourceInfo;
  /** The redactor that knows this client's secrets; share it with a token cache. */
  readonly redactor: Redactor;
  /** A redacting logger over the adapter's logger (silent by default). */
  readonly logger: SafeLogger;
  /** The rate budget, when there is one. */
  readonly rateBudget: RateBudget | undefined;
  /** Sends a request and returns the response with its parsed body. */
  send<T = unknown>(input: string | URL, options?: JsonRequestOptions<T>): Promise<HttpResponse<T>>;
  /** Sends a request and returns its parsed body. */
  request<T = unknown>(input: string | URL, options?: JsonRequestOptions<T>): Promise<T>;
  /** `GET` and return the parsed body. */
  getJson<T = unknown>(input: string | URL, options?: Omit<JsonRequestOptions<T>, 'method'>): Promise<T>;
  /** `POST` a JSON body and return the parsed response body. */
  postJson<T = unknown>(
    input: string | URL,
    json: unknown,
    options?: Omit<JsonRequestOptions<T>, 'method' | 'json' | 'body'>,
  ): Promise<T>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_CONCURRENCY = 4;
const DEFAULT_RETRY = { limit: 3, baseDelayMs: 300, maxDelayMs: 30_000 } as const;

type AttemptResult<T> =
  | { ok: true; response: HttpResponse<T> }
  | { ok: false; error: HrSyncError; retryAfterMs: number | undefined; retry: boolean };

class AttemptTimeout extends Error {
  override name = 'AttemptTimeout';
}

/**
 * Creates the HTTP client of one adapter instance.
 *
 * Retries are owned here, in one loop around ky (called with `retry: 0`): ky's own retry sleeps on an internal
 * timer that tests cannot capture, cannot refuse a `Retry-After` longer than the cap, and would not spend the rate
 * budget per attempt. So each attempt goes: take a concurrency slot, take a rate-budget token, send through ky,
 * read and check the body, release the slot; and between attempts the loop waits (abortably, outside the slot)
 * for `Retry-After` or backoff with full jitter.
 *
 * Decisions a caller should know:
 * - Retried: `TIMEOUT`, `RATE_LIMITED`, `UPSTREAM_UNAVAILABLE` for 500/502/503/504, `NETWORK`, unreadable or non-JSON
 *   bodies, and any error `mapError` returns as `retryable`; never 400/401/403/404.
 * - `Retry-After` (seconds or an HTTP date) is honoured on any retryable answer, without jitter. When it asks for
 *   more than `retry.maxDelayMs`, the client does not wait: it fails at once with the mapped error (`RATE_LIMITED`
 *   for a 429, retryable, with `details.retryAfterMs`) so the host's scheduler can come back later.
 * - An aborted signal rejects with the signal's own reason (an `AbortError` `DOMException` unless the caller gave
 *   one), not with an `HrSyncError`: the caller asked for it and knows why.
 * - A request to an absolute URL on another origin than the base URL is refused (`CONFIG_INVALID`), so credentials
 *   never leave for another host.
 *
 * @example
 * ```ts
 * const client = createHttpClient({
 *   ...options, // baseUrl, fetch, timeoutMs, retry, concurrency, logger from the adapter's factory
 *   source: { id: 'peoplehr', displayName: 'People HR' },
 *   defaultBaseUrl: 'https://api.peoplehr.net',
 *   secrets: [options.apiKey],
 *   rateBudget: { limit: 30, windowMs: 60_000 },
 *   mapError: ({ json, createError }) =>
 *     isPeopleHrError(json) ? createError('AUTH_INVALID_CREDENTIALS', json.Message) : undefined,
 * });
 * const body = await client.postJson('/Employee', { APIKey: options.apiKey, Action: 'GetAllEmployeeDetail' });
 * ```
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { source } = options;
  const redactor = options.redactor ?? createRedactor();
  for (const secret of options.secrets ?? []) redactor.addSecret(secret);
  const logger = createSafeLogger(options.logger, redactor);
  const configError = (message: string) =>
    new HrSyncError(message, { code: 'CONFIG_INVALID', source: source.id });

  const base = parseBaseUrl(options.baseUrl ?? options.defaultBaseUrl, configError);
  const baseUrl = base.href.replace(/\/+$/, '');
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw configError('concurrency must be a whole number ≥ 1');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw configError('timeoutMs must be positive');
  const clientRetry = options.retry ?? {};
  const limit = pLimit(concurrency);
  const rateBudget = options.rateBudget
    ? isRateBudget(options.rateBudget)
      ? options.rateBudget
      : createRateBudget(options.rateBudget)
    : undefined;
  const wait = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const wallNow = options.now ?? Date.now;

  const clientHeaders = new Headers({ accept: 'application/json' });
  if (options.userAgent) clientHeaders.set('user-agent', options.userAgent);
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    clientHeaders.set(name, value);
    registerHeaderSecret(redactor, name, value);
  }

  const resolveUrl = (input: string | URL, searchParams: SearchParams | undefined): URL => {
    let url: URL;
    if (input instanceof URL) url = new URL(input.href);
    else if (/^[a-z][a-z\d+.-]*:/i.test(input)) url = new URL(input);
    else url = new URL(`${baseUrl}/${input.replace(/^\/+/, '')}`);
    if (url.origin !== base.origin) {
      throw configError(
        `Refusing to send a ${source.displayName} request to another origin than ${base.origin}`,
      );
    }
    const params =
      searchParams instanceof URLSearchParams ? searchParams.entries() : Object.entries(searchParams ?? {});
    for (const [name, value] of params) {
      if (value === undefined) continue;
      url.searchParams.append(name, String(value));
      if (isSecretKey(name)) redactor.addSecret(String(value));
    }
    return url;
  };

  // Runs `task` in one of the client's slots; a caller that aborts while queued leaves at once, and its task
  // does nothing when its turn comes.
  const runLimited = <T>(task: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> =>
    raceAbort(
      limit(async () => {
        throwIfAborted(signal);
        return task();
      }),
      signal,
    );

  const attempt = async <T>(
    url: URL,
    method: string,
    path: string,
    request: JsonRequestOptions<T>,
    authorization: string | undefined,
    attemptNumber: number,
    attemptTimeoutMs: number,
  ): Promise<AttemptResult<T>> => {
    const { signal } = request;
    if (rateBudget) await rateBudget.acquire(signal);
    const started = performance.now();
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new AttemptTimeout()), attemptTimeoutMs);
    const attemptSignal = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
    const context = { source, method, path, redactor };
    let status: number | undefined;
    let result: AttemptResult<T> | undefined;
    const fail = (error: HrSyncError, retryAfterMs?: number, retry = true): AttemptResult<T> => {
      result = { ok: false, error, retryAfterMs, retry };
      return result;
    };
    try {
      const headers = new Headers(clientHeaders);
      for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, value);
      if (authorization !== undefined) headers.set('authorization', authorization);

      let response: Response;
      try {
        response = await raceAbort(
          ky(url, {
            method,
            headers,
            signal: attemptSignal,
            timeout: false,
            retry: 0,
            throwHttpErrors: false,
            ...(request.json !== undefined ? { json: request.json } : {}),
            ...(request.body !== undefined ? { body: request.body } : {}),
            ...(options.fetch ? { fetch: options.fetch } : {}),
          }),
          attemptSignal,
        );
      } catch (error) {
        if (signal?.aborted) throw abortReason(signal);
        if (timeout.signal.aborted)
          return fail(mapHttpError({ kind: 'timeout', timeoutMs: attemptTimeoutMs }, context));
        // ky wraps recognised network errors; anything else thrown by the Fetch layer is a failed connection too.
        return fail(mapHttpError({ kind: 'network', cause: error }, context));
      }
      status = response.status;

      let text: string;
      try {
        text = await raceAbort(response.text(), attemptSignal);
      } catch (error) {
        if (signal?.aborted) throw abortReason(signal);
        if (timeout.signal.aborted)
          return fail(mapHttpError({ kind: 'timeout', timeoutMs: attemptTimeoutMs }, context));
        return fail(mapHttpError({ kind: 'invalid-body', reason: 'read', status, cause: error }, context));
      }

      let json: unknown;
      let isJson = true;
      if (text.trim() !== '') {
        try {
          json = JSON.parse(text);
        } catch {
          isJson = false;
        }
      }
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), wallNow());

      if (options.mapError) {
        const responseStatus = status;
        const custom = options.mapError({
          method,
          path,
          status,
          headers: response.headers,
          json,
          text,
          createError: (code, message, extra) =>
            new HrSyncError(`${source.displayName} ${method} ${path}: ${message}`, {
              code,
              source: source.id,
              status: responseStatus,
              retryable: extra?.retryable,
              details: { method, path, ...extra?.details },
              redactor,
            }),
        });
        if (custom) return fail(custom, retryAfterMs);
      }

      if (!response.ok) {
        return fail(
          mapHttpError(
            { kind: 'status', status, statusText: response.statusText, bodyText: text, retryAfterMs },
            context,
          ),
          retryAfterMs,
        );
      }
      if (!isJson) return fail(mapHttpError({ kind: 'invalid-body', reason: 'json', status }, context));

      let data = json as T;
      if (request.schema) {
        const parsed = request.schema.safeParse(json);
        if (!parsed.success) {
          const issues = parsed.error.issues.slice(0, 5).map((issue) => ({
            path: issue.path.map(String).join('.'),
            message: issue.message,
          }));
          return fail(
            mapHttpError({ kind: 'invalid-body', reason: 'schema', status, details: { issues } }, context),
            undefined,
            false,
          );
        }
        data = parsed.data;
      }
      result = { ok: true, response: { data, status, headers: response.headers, url } };
      return result;
    } finally {
      clearTimeout(timer);
      logger.debug('http request', {
        method,
        path,
        attempt: attemptNumber,
        ms: Math.round(performance.now() - started),
        ...(status !== undefined ? { status } : {}),
        ...(result && !result.ok ? { code: result.error.code } : {}),
        ...(result === undefined ? { aborted: true } : {}),
      });
    }
  };

  const send = async <T>(
    input: string | URL,
    request: JsonRequestOptions<T> = {},
  ): Promise<HttpResponse<T>> => {
    const method = (request.method ?? 'GET').toUpperCase();
    if (
      (method === 'GET' || method === 'HEAD') &&
      (request.json !== undefined || request.body !== undefined)
    ) {
      throw new TypeError(`A ${method} request cannot have a body`);
    }
    const { signal } = request;
    throwIfAborted(signal);
    const url = resolveUrl(input, request.searchParams);
    const path = redactor.text(`${url.pathname}${url.search}`);
    for (const [name, value] of Object.entries(request.headers ?? {}))
      registerHeaderSecret(redactor, name, value);
    registerJsonSecrets(redactor, request.json);

    const retry = request.retry === false ? { limit: 0 } : { ...clientRetry, ...request.retry };
    const retryLimit = retry.limit ?? DEFAULT_RETRY.limit;
    const backoff = {
      baseDelayMs: retry.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
      maxDelayMs: retry.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
    };
    const methodRetryable = retry.methods ? retry.methods.some((m) => m.toUpperCase() === method) : true;
    const auth = request.auth === false ? undefined : (request.auth ?? options.authorization);
    const attemptTimeoutMs = request.timeoutMs ?? timeoutMs;

    for (let attemptNumber = 1; ; attemptNumber++) {
      let authorization: string | undefined;
      if (auth) {
        authorization = await raceAbort(Promise.resolve(auth({ signal })), signal);
        registerHeaderSecret(redactor, 'authorization', authorization);
      }
      const result = await runLimited(
        () => attempt(url, method, path, request, authorization, attemptNumber, attemptTimeoutMs),
        signal,
      );
      if (result.ok) return result.response;
      const { error, retryAfterMs } = result;
      if (!(error.retryable && result.retry && methodRetryable && attemptNumber <= retryLimit)) throw error;
      // The server asked for longer than we are willing to wait: fail now, retryable, rather than sleep for it.
      if (retryAfterMs !== undefined && retryAfterMs > backoff.maxDelayMs) throw error;
      const delayMs = retryAfterMs ?? backoffDelay(attemptNumber, backoff, random);
      const event: RetryEvent = {
        attempt: attemptNumber,
        delayMs,
        fromRetryAfter: retryAfterMs !== undefined,
        error,
        method,
        path,
      };
      logger.debug('http retry', { method, path, attempt: attemptNumber, delayMs, code: error.code });
      try {
        options.onRetry?.(event);
      } catch {
        // A broken hook must not break the request.
      }
      await wait(delayMs, signal);
      throwIfAborted(signal);
    }
  };

  const request = async <T>(input: string | URL, options?: JsonRequestOptions<T>): Promise<T> =>
    (await send<T>(input, options)).data;

  return {
    baseUrl,
    source,
    redactor,
    logger,
    rateBudget,
    send,
    request,
    getJson: (input, options) => request(input, { ...options, method: 'GET' }),
    postJson: (input, json, options) => request(input, { ...options, method: 'POST', json }),
  };
}

function parseBaseUrl(value: string, configError: (message: string) => HrSyncError): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw configError('baseUrl is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw configError('baseUrl must be an http(s) URL');
  url.search = '';
  url.hash = '';
  return url;
}

function registerHeaderSecret(redactor: Redactor, name: string, value: string | undefined): void {
  if (value === undefined || !isSecretKey(name)) return;
  redactor.addSecret(value);
  // `Bearer abc` / `Basic abc`: the credential alone shows up elsewhere too.
  const credential = value.trim().split(/\s+/)[1];
  if (credential) redactor.addSecret(credential);
}

function registerJsonSecrets(redactor: Redactor, json: unknown): void {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return;
  for (const [key, value] of Object.entries(json)) {
    if (isSecretKey(key) && typeof value === 'string') redactor.addSecret(value);
  }
}
