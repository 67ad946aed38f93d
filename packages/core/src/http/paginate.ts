import type { ZodType } from 'zod';
import { HrSyncError } from '../errors/hr-sync-error.ts';
import type { HttpClient, HttpRequestOptions } from './http-client.ts';

/**
 * Options of {@link paginateNextUrl}.
 *
 * @example
 * ```ts
 * const walk: PaginateNextUrlOptions<ZenefitsPage, ZenefitsPerson> = {
 *   client,
 *   firstUrl: '/core/people',
 *   getItems: (page) => page.data.data,
 *   getNextUrl: (page) => page.data.next_url,
 * };
 * ```
 */
export interface PaginateNextUrlOptions<P, T> {
  /** The adapter's HTTP client; every page goes through it (retries, cap, budget, auth). */
  client: HttpClient;
  /** The first page: a path under the base URL, or an absolute URL on its origin. */
  firstUrl: string | URL;
  /** Query parameters of the first page only; a `next` URL carries its own. */
  searchParams?: HttpRequestOptions['searchParams'];
  /** Options of every page request (method, headers, auth, timeout). */
  request?: Omit<HttpRequestOptions, 'signal' | 'searchParams'> | undefined;
  /** A zod schema each page must match. */
  schema?: ZodType<P> | undefined;
  /** The records of a page. An empty (or missing) list ends the walk. */
  getItems: (page: P) => readonly T[] | null | undefined;
  /** The vendor's `next` URL (Zenefits: `page.data.next_url`); `null` or `undefined` ends the walk. */
  getNextUrl: (page: P) => string | null | undefined;
  /** Cancels the walk. */
  signal?: AbortSignal | undefined;
}

/**
 * Walks a cursor-paginated list by following the vendor's `next` URL, yielding records in order. It stops on a
 * `null` next URL or an empty page. A next URL is followed only on the same origin as the client's base URL:
 * another origin stops the walk with `INVALID_RESPONSE` (not retryable) before any request is sent there, so
 * credentials never leave for another host. A next URL seen before (a loop) also stops it with `INVALID_RESPONSE`.
 *
 * @example
 * ```ts
 * for await (const person of paginateNextUrl({
 *   client,
 *   firstUrl: '/core/people',
 *   searchParams: { limit: 100 },
 *   schema: ZenefitsPeoplePageSchema,
 *   getItems: (page) => page.data.data,
 *   getNextUrl: (page) => page.data.next_url,
 *   signal,
 * })) {
 *   yield mapZenefitsPerson(person);
 * }
 * ```
 */
export async function* paginateNextUrl<P, T>(
  options: PaginateNextUrlOptions<P, T>,
): AsyncGenerator<T, void, undefined> {
  const { client, signal } = options;
  const origin = new URL(client.baseUrl).origin;
  const seen = new Set<string>();
  let url: string | URL = options.firstUrl;
  let first = true;
  for (;;) {
    const response = await client.send<P>(url, {
      ...options.request,
      ...(first && options.searchParams !== undefined ? { searchParams: options.searchParams } : {}),
      schema: options.schema,
      signal,
    });
    const items = options.getItems(response.data) ?? [];
    for (const item of items) yield item;
    if (items.length === 0) return;
    const next = options.getNextUrl(response.data);
    if (next === null || next === undefined || next === '') return;

    const invalid = (message: string, details: Record<string, unknown>) =>
      new HrSyncError(`${client.source.displayName}: ${message}`, {
        code: 'INVALID_RESPONSE',
        source: client.source.id,
        retryable: false,
        details,
        redactor: client.redactor,
      });
    let nextUrl: URL;
    try {
      nextUrl = new URL(next, response.url);
    } catch {
      throw invalid('the next page URL is not a valid URL', {});
    }
    if (nextUrl.origin !== origin) {
      throw invalid(`the next page URL points to another origin (${nextUrl.origin}); it was not followed`, {
        expectedOrigin: origin,
        nextOrigin: nextUrl.origin,
      });
    }
    if (seen.has(nextUrl.href)) {
      throw invalid('the next page URL repeats an earlier page; the walk stopped to avoid a loop', {
        path: client.redactor.text(nextUrl.pathname + nextUrl.search),
      });
    }
    seen.add(nextUrl.href);
    url = nextUrl;
    first = false;
  }
}

/**
 * Options of {@link paginateOffset}.
 *
 * @example
 * ```ts
 * const walk: PaginateOffsetOptions<TrinetPage, TrinetEmployee> = {
 *   firstOffset: 1,
 *   pageSize: 100,
 *   readAhead: 2,
 *   fetchPage: (offset, signal) => client.request(employeesPath, { searchParams: { offset }, signal }),
 *   hasMore: (page) => page.data.hasMore,
 *   getItems: (page) => page.data.employeeData,
 * };
 * ```
 */
export interface PaginateOffsetOptions<P, T> {
  /**
   * Fetches the page at `offset`, through the adapter's HTTP client and with the given signal (it aborts pages read
   * ahead that turn out to lie past the end).
   */
  fetchPage: (offset: number, signal: AbortSignal) => Promise<P>;
  /** The first offset; default 0 (TriNet: 1). */
  firstOffset?: number | undefined;
  /** The step between offsets (TriNet: 100). */
  pageSize: number;
  /** Whether pages follow this one (TriNet: `page.data.hasMore`). */
  hasMore: (page: P) => boolean;
  /** The records of a page. An empty (or missing) list ends the walk. */
  getItems: (page: P) => readonly T[] | null | undefined;
  /**
   * Pages requested ahead of the one being read; default 0. The HTTP client's concurrency cap still bounds how many
   * requests are in flight.
   */
  readAhead?: number | undefined;
  /** Cancels the walk. */
  signal?: AbortSignal | undefined;
}

/**
 * Walks an offset-paginated list whose offsets are known in advance, yielding records in page order. With
 * `readAhead`, it requests the next pages while the current one is consumed. It stops after the first page with
 * `hasMore` false or no records; pages requested past the end are aborted and their results (or errors) discarded.
 * An error of a page before the end is thrown when that page's turn comes.
 *
 * @example
 * ```ts
 * for await (const employee of paginateOffset({
 *   firstOffset: 1,
 *   pageSize: 100,
 *   readAhead: 2,
 *   fetchPage: (offset, signal) =>
 *     client.request(`/v1/company/${companyId}/employees`, { searchParams: { offset }, schema: PageSchema, signal }),
 *   hasMore: (page) => page.data.hasMore,
 *   getItems: (page) => page.data.employeeData,
 *   signal,
 * })) {
 *   yield mapTrinetEmployee(employee);
 * }
 * ```
 */
export async function* paginateOffset<P, T>(
  options: PaginateOffsetOptions<P, T>,
): AsyncGenerator<T, void, undefined> {
  const firstOffset = options.firstOffset ?? 0;
  const readAhead = Math.max(0, Math.floor(options.readAhead ?? 0));
  const walk = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, walk.signal]) : walk.signal;
  const pending: Promise<P>[] = [];
  let nextIndex = 0;

  const launch = () => {
    const offset = firstOffset + nextIndex * options.pageSize;
    nextIndex++;
    const page = Promise.resolve().then(() => options.fetchPage(offset, signal));
    // Pages past the end may fail (or be aborted) unobserved; the page awaited in turn still throws.
    page.catch(() => {});
    pending.push(page);
  };

  try {
    for (let i = 0; i <= readAhead; i++) launch();
    for (;;) {
      const page = await (pending.shift() as Promise<P>);
      const items = options.getItems(page) ?? [];
      const more = items.length > 0 && options.hasMore(page);
      if (more) launch();
      for (const item of items) yield item;
      if (!more) return;
    }
  } finally {
    walk.abort(new DOMException('The page walk ended', 'AbortError'));
  }
}
