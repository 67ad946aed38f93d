import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createHttpClient, paginateNextUrl, paginateOffset } from '../../src/http/index.ts';
import { HrSyncError } from '../../src/index.ts';
import { BASE, flush, makeClient, recordingSleep, rejectionOf, SOURCE } from './helpers.ts';

const TOKEN = 'zen-token-0001';

interface PeoplePage {
  data: { data: { id: string }[]; next_url: string | null };
}
const PeoplePageSchema = z.object({
  data: z.object({ data: z.array(z.object({ id: z.string() })), next_url: z.string().nullable() }),
});

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function peopleClient() {
  return createHttpClient({
    source: SOURCE,
    defaultBaseUrl: BASE,
    secrets: [TOKEN],
    authorization: () => `Bearer ${TOKEN}`,
    sleep: recordingSleep().sleep,
  });
}

/** Serves `pages` at /core/people, paged by `starting_after`, with the given next URL builder. */
function servePeople(pages: string[][], nextUrl: (index: number) => string | null, seen: Request[] = []) {
  server.use(
    http.get(`${BASE}/core/people`, ({ request }) => {
      seen.push(request.clone());
      const index = Number(new URL(request.url).searchParams.get('starting_after') ?? 0);
      const ids = pages[index] ?? [];
      return HttpResponse.json({ data: { data: ids.map((id) => ({ id })), next_url: nextUrl(index) } });
    }),
  );
  return seen;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const walk = (client: ReturnType<typeof peopleClient>, signal?: AbortSignal) =>
  paginateNextUrl<PeoplePage, { id: string }>({
    client,
    firstUrl: '/core/people',
    searchParams: { limit: 2 },
    schema: PeoplePageSchema,
    getItems: (page) => page.data.data,
    getNextUrl: (page) => page.data.next_url,
    signal,
  });

describe('paginateNextUrl', () => {
  it('follows same-origin next URLs until next is null, in order, with credentials', async () => {
    const pages = [['a', 'b'], ['c', 'd'], ['e']];
    const seen = servePeople(pages, (i) =>
      i < 2 ? `${BASE}/core/people?limit=2&starting_after=${i + 1}` : null,
    );
    const items = await collect(walk(peopleClient()));
    expect(items.map((p) => p.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(seen).toHaveLength(3);
    expect(seen.every((r) => r.headers.get('authorization') === `Bearer ${TOKEN}`)).toBe(true);
    // The first page's query is not added again to next URLs, which carry their own.
    expect(seen.map((r) => new URL(r.url).search)).toEqual([
      '?limit=2',
      '?limit=2&starting_after=1',
      '?limit=2&starting_after=2',
    ]);
  });

  it('resolves a relative next URL against the page it came from', async () => {
    servePeople([['a'], ['b']], (i) => (i === 0 ? '/core/people?starting_after=1' : null));
    expect((await collect(walk(peopleClient()))).map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('stops on an empty page even when a next URL is given', async () => {
    const seen = servePeople([['a'], []], (i) => `${BASE}/core/people?starting_after=${i + 1}`);
    expect((await collect(walk(peopleClient()))).map((p) => p.id)).toEqual(['a']);
    expect(seen).toHaveLength(2);
  });

  it('never follows a next URL on another origin: INVALID_RESPONSE, and no request reaches that host', async () => {
    const evil = vi.fn(() => HttpResponse.json({ data: { data: [{ id: 'x' }], next_url: null } }));
    server.use(http.get('https://evil.test/core/people', evil));
    servePeople([['a', 'b']], () => 'https://evil.test/core/people?starting_after=1');
    const got: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const person of walk(peopleClient())) got.push(person.id);
      })(),
    );
    expect(got).toEqual(['a', 'b']);
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', retryable: false });
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect(evil).not.toHaveBeenCalled();
  });

  it('treats another port or scheme as another origin', async () => {
    const other = vi.fn(() => HttpResponse.json({}));
    server.use(http.get('http://api.vendor.test/core/people', other));
    servePeople([['a']], () => 'http://api.vendor.test/core/people?starting_after=1');
    await expect(collect(walk(peopleClient()))).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
    expect(other).not.toHaveBeenCalled();
  });

  it('stops a next URL loop with INVALID_RESPONSE', async () => {
    const seen = servePeople([['a'], ['b']], () => `${BASE}/core/people?starting_after=1`);
    await expect(collect(walk(peopleClient()))).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
    // Page 1 points at itself again: the repeat is refused before it is requested.
    expect(seen).toHaveLength(2);
  });

  it('stops when the signal aborts between pages', async () => {
    servePeople([['a'], ['b'], ['c']], (i) => `${BASE}/core/people?starting_after=${i + 1}`);
    const controller = new AbortController();
    const got: string[] = [];
    const reason = new Error('stop');
    const error = await rejectionOf(
      (async () => {
        for await (const person of walk(peopleClient(), controller.signal)) {
          got.push(person.id);
          if (person.id === 'b') controller.abort(reason);
        }
      })(),
    );
    expect(error).toBe(reason);
    expect(got).toEqual(['a', 'b']);
  });
});

describe('paginateOffset', () => {
  const PAGE = 100;
  interface TrinetPage {
    data: { hasMore: boolean; employeeData: string[] };
  }

  /**
   * A TriNet-like list: `total` records, 100 per page at offsets 1, 101, 201…; later pages answer sooner, so order
   * can only come from the walk. Records in-flight requests and every offset asked for.
   */
  function trinet(total: number, options: { concurrency?: number; failAt?: Record<number, number> } = {}) {
    let inFlight = 0;
    let peak = 0;
    const offsets: number[] = [];
    const { client } = makeClient(
      async (request) => {
        const offset = Number(new URL(request.url).searchParams.get('offset'));
        offsets.push(offset);
        inFlight++;
        peak = Math.max(peak, inFlight);
        await flush(Math.max(1, 12 - Math.floor(offset / PAGE) * 2));
        inFlight--;
        const status = options.failAt?.[offset];
        if (status) return new Response(null, { status });
        const ids = Array.from(
          { length: Math.max(0, Math.min(PAGE, total - (offset - 1))) },
          (_, i) => `e${offset + i}`,
        );
        return Response.json({ data: { hasMore: offset - 1 + PAGE < total, employeeData: ids } });
      },
      { concurrency: options.concurrency ?? 2 },
    );
    return { client, offsets, peak: () => peak };
  }

  const walkOffsets = (
    client: ReturnType<typeof trinet>['client'],
    readAhead: number,
    signals: AbortSignal[] = [],
    outer?: AbortSignal,
  ) =>
    paginateOffset<TrinetPage, string>({
      firstOffset: 1,
      pageSize: PAGE,
      readAhead,
      fetchPage: (offset, signal) => {
        signals.push(signal);
        return client.request<TrinetPage>('/v1/company/ABC/employees', { searchParams: { offset }, signal });
      },
      hasMore: (page) => page.data.hasMore,
      getItems: (page) => page.data.employeeData,
      signal: outer,
    });

  it('reads ahead within the concurrency cap, yields in order, stops at hasMore=false', async () => {
    const list = trinet(450, { concurrency: 2 });
    const items = await collect(walkOffsets(list.client, 4));
    expect(items).toHaveLength(450);
    expect(items[0]).toBe('e1');
    expect(items[100]).toBe('e101');
    expect(items.at(-1)).toBe('e450');
    expect(list.peak()).toBe(2);
    const wanted = [1, 101, 201, 301, 401];
    expect(list.offsets.slice(0, 5).sort((a, b) => a - b)).toEqual(wanted);
    // Pages past the end may have been asked for speculatively, but never more than readAhead of them.
    expect(list.offsets.filter((o) => o > 401).length).toBeLessThanOrEqual(4);
  });

  it('without readAhead reads one page at a time', async () => {
    const list = trinet(250, { concurrency: 4 });
    expect(await collect(walkOffsets(list.client, 0))).toHaveLength(250);
    expect(list.peak()).toBe(1);
    expect(list.offsets).toEqual([1, 101, 201]);
  });

  it('stops at an empty page even when hasMore says true', async () => {
    const pages: Record<number, TrinetPage> = {
      1: { data: { hasMore: true, employeeData: ['a'] } },
      101: { data: { hasMore: true, employeeData: [] } },
    };
    const fetched: number[] = [];
    const items = await collect(
      paginateOffset<TrinetPage, string>({
        firstOffset: 1,
        pageSize: 100,
        fetchPage: async (offset) => {
          fetched.push(offset);
          return pages[offset] ?? { data: { hasMore: true, employeeData: ['beyond'] } };
        },
        hasMore: (page) => page.data.hasMore,
        getItems: (page) => page.data.employeeData,
      }),
    );
    expect(items).toEqual(['a']);
    expect(fetched).toEqual([1, 101]);
  });

  it('discards errors of speculative pages past the end and aborts them', async () => {
    const list = trinet(150, { concurrency: 4, failAt: { 201: 404, 301: 404 } });
    const signals: AbortSignal[] = [];
    expect(await collect(walkOffsets(list.client, 3, signals))).toHaveLength(150);
    expect(signals.length).toBeGreaterThan(2);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });

  it('throws the error of a page before the end when its turn comes, after the earlier records', async () => {
    const list = trinet(450, { concurrency: 2, failAt: { 201: 403 } });
    const got: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const id of walkOffsets(list.client, 2)) got.push(id);
      })(),
    );
    expect(got).toHaveLength(200);
    expect(HrSyncError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: 'AUTH_PERMISSION_DENIED' });
  });

  it('aborts pages in flight when the consumer stops early', async () => {
    const list = trinet(1000, { concurrency: 2 });
    const signals: AbortSignal[] = [];
    for await (const id of walkOffsets(list.client, 3, signals)) {
      if (id === 'e5') break;
    }
    // The first page plus 3 ahead, and one more launched when the first page turned out not to be the last.
    expect(signals.length).toBe(5);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });

  it('rejects with the caller’s reason when the outer signal aborts', async () => {
    const list = trinet(1000, { concurrency: 2 });
    const controller = new AbortController();
    const reason = new Error('cancelled walk');
    const error = await rejectionOf(
      (async () => {
        for await (const id of walkOffsets(list.client, 2, [], controller.signal)) {
          if (id === 'e150') controller.abort(reason);
        }
      })(),
    );
    expect(error).toBe(reason);
  });
});

describe('paginateNextUrl with a Fetch handler client', () => {
  it('works with any client, not only msw', async () => {
    const { client, requests } = makeClient((request) => {
      const after = new URL(request.url).searchParams.get('after');
      return Response.json(after ? { items: [2], next: null } : { items: [1], next: `${BASE}/list?after=1` });
    });
    const items = await collect(
      paginateNextUrl<{ items: number[]; next: string | null }, number>({
        client,
        firstUrl: '/list',
        getItems: (page) => page.items,
        getNextUrl: (page) => page.next,
      }),
    );
    expect(items).toEqual([1, 2]);
    expect(requests).toHaveLength(2);
    expect(SOURCE.id).toBe('vendor');
  });
});
