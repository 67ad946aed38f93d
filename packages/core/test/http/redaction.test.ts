import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpClient, type HttpClientOptions } from '../../src/http/index.ts';
import { HrSyncError, type Logger } from '../../src/index.ts';
import { BASE, recordingSleep, rejectionOf, SOURCE } from './helpers.ts';

const SECRET = 'sk_live_123';

const server = setupServer(
  http.all(`${BASE}/unauthorized`, () =>
    HttpResponse.json({ message: `Invalid key ${SECRET}`, echo: { APIKey: SECRET } }, { status: 401 }),
  ),
  http.all(`${BASE}/down`, () => HttpResponse.error()),
  http.all(`${BASE}/garbage`, () => new HttpResponse(`not json ${SECRET}`, { status: 200 })),
  http.all(`${BASE}/shape`, () => HttpResponse.json({ id: SECRET })),
  http.all(`${BASE}/vendor-error`, () => HttpResponse.json({ isError: true, Message: `Bad key ${SECRET}` })),
  http.all(`${BASE}/busy`, () => HttpResponse.json({ detail: SECRET }, { status: 503 })),
);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function capturingLogger(): { logger: Logger; lines: unknown[] } {
  const lines: unknown[] = [];
  const write = (message: string, fields?: Record<string, unknown>) => lines.push({ message, fields });
  return { logger: { debug: write, info: write, warn: write, error: write }, lines };
}

/** Every way an error can be printed, logged or serialised. */
function renderings(error: unknown): string[] {
  const out = [String(error), JSON.stringify(error), inspect(error, { depth: 10 })];
  if (error instanceof Error) {
    out.push(error.message, error.stack ?? '', String(error.cause), inspect(error.cause, { depth: 10 }));
    if (error.cause instanceof Error) out.push(error.cause.stack ?? '', JSON.stringify(error.cause));
  }
  if (HrSyncError.is(error)) out.push(JSON.stringify(error.toJSON()), JSON.stringify(error.details));
  return out;
}

describe('redaction', () => {
  const scenarios: [string, string, HttpClientOptions['mapError']?][] = [
    ['a 401 whose body echoes the key', '/unauthorized'],
    ['a network failure (the URL carries ?api_key=)', '/down'],
    ['a body that is not JSON', '/garbage'],
    ['a schema mismatch', '/shape'],
    ['a 503 retried until it gives up', '/busy'],
    [
      'a vendor error built by mapError',
      '/vendor-error',
      ({ json, createError }) => {
        const body = json as { isError?: boolean; Message?: string };
        return body.isError ? createError('AUTH_INVALID_CREDENTIALS', String(body.Message)) : undefined;
      },
    ],
  ];

  it.each(scenarios)('never shows the key: %s', async (_name, path, mapError) => {
    const { logger, lines } = capturingLogger();
    const client = createHttpClient({
      source: SOURCE,
      defaultBaseUrl: BASE,
      secrets: [SECRET],
      headers: { Authorization: `Bearer ${SECRET}` },
      logger,
      sleep: recordingSleep().sleep,
      ...(mapError ? { mapError } : {}),
    });
    const error = await rejectionOf(
      client.request(path, {
        method: 'POST',
        searchParams: { api_key: SECRET, page: 2 },
        json: { APIKey: SECRET, Action: 'GetAllEmployeeDetail' },
        schema: z.object({ id: z.number() }),
      }),
    );
    expect(HrSyncError.is(error)).toBe(true);
    expect((error as HrSyncError).message).toContain(`POST ${path}?api_key=[REDACTED]&page=2`);
    expect(lines.length).toBeGreaterThan(0);
    for (const text of [...renderings(error), JSON.stringify(lines), inspect(lines, { depth: 10 })]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(encodeURIComponent(SECRET));
    }
  });

  it('redacts credentials it was not told about: an Authorization header, an APIKey body field, a token query', async () => {
    const { logger, lines } = capturingLogger();
    const client = createHttpClient({
      source: SOURCE,
      defaultBaseUrl: BASE,
      headers: { Authorization: 'Bearer tok_unlisted_987' },
      logger,
      sleep: recordingSleep().sleep,
    });
    server.use(
      http.all(`${BASE}/echo`, () =>
        HttpResponse.json(
          { message: 'bad tok_unlisted_987 / key-unlisted-654 / qs-unlisted-321' },
          { status: 400 },
        ),
      ),
    );
    const error = await rejectionOf(
      client.request('/echo', {
        method: 'POST',
        searchParams: { access_token: 'qs-unlisted-321' },
        json: { APIKey: 'key-unlisted-654' },
      }),
    );
    for (const text of [...renderings(error), JSON.stringify(lines)]) {
      expect(text).not.toContain('tok_unlisted_987');
      expect(text).not.toContain('key-unlisted-654');
      expect(text).not.toContain('qs-unlisted-321');
    }
  });

  it('logs nothing without a logger, and one debug line per attempt with one', async () => {
    const { logger, lines } = capturingLogger();
    const client = createHttpClient({
      source: SOURCE,
      defaultBaseUrl: BASE,
      logger,
      sleep: recordingSleep().sleep,
    });
    await rejectionOf(client.request('/busy', { retry: { limit: 1 } }));
    const attempts = lines.filter((line) => (line as { message: string }).message === 'http request');
    expect(attempts).toMatchObject([
      { fields: { method: 'GET', path: '/busy', status: 503, attempt: 1, code: 'UPSTREAM_UNAVAILABLE' } },
      { fields: { method: 'GET', path: '/busy', status: 503, attempt: 2, code: 'UPSTREAM_UNAVAILABLE' } },
    ]);
    expect(typeof (attempts[0] as { fields: { ms: unknown } }).fields.ms).toBe('number');

    const silent = createHttpClient({ source: SOURCE, defaultBaseUrl: BASE, sleep: recordingSleep().sleep });
    expect(Object.keys(silent.logger)).toEqual(['debug', 'info', 'warn', 'error']);
    await rejectionOf(silent.request('/busy', { retry: false }));
  });

  it('refuses to send a request to another origin (credentials never leave)', async () => {
    const client = createHttpClient({ source: SOURCE, defaultBaseUrl: BASE, secrets: [SECRET] });
    await expect(client.getJson('https://evil.test/steal')).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await expect(client.getJson(new URL('http://api.vendor.test/x'))).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
  });
});
