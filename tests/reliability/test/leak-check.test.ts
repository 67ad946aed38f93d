// The secret-leak check beyond what each test file scans as it runs (every file of this package feeds its errors,
// logs, plans, reports and snapshots to a leak sink and fails on any hit):
// - the credentials of the whole repository's tests are discovered and must not appear in any vitest snapshot file,
//   any adapter's test fixture, or what this suite writes (campaign reports, the benchmark report);
// - each adapter, given wrong credentials, having its token revoked mid-read, or facing a vendor that echoes the
//   request (headers, URL and body) back in error answers, leaks none of them into errors, logs or reports;
// - the sink itself catches a credential in every place it scans (a test that cannot fail is a defect).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HrSyncError, runSync, type SyncReport } from '@hrsync/core';
import { createFetch, createMemoryDestination, type FetchHandler, generateRoster } from '@hrsync/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { SOURCE_ADAPTERS } from '../src/adapters.ts';
import {
  createLeakSink,
  PEOPLEHR_API_KEY,
  registeredCredentials,
  TRINET_CREDENTIALS,
  ZENEFITS_TOKEN,
} from '../src/credentials.ts';
import { discoverTestCredentials, listFiles, ROOT } from '../src/discover-credentials.ts';

const sink = createLeakSink();
afterAll(() => sink.assertClean());

const discovered = discoverTestCredentials();

describe('credentials of the whole test suite', () => {
  it('are discovered from every package, fake and example', () => {
    const values = discovered.map((c) => c.value);
    // The fakes' defaults, the conformance suites' and this suite's own.
    for (const known of [
      'fake-client-secret',
      'fake-zenefits-token',
      'test-api-key',
      'trinet-conformance-valid-secret',
    ]) {
      expect(values).toContain(known);
    }
    for (const own of [TRINET_CREDENTIALS.clientSecret, ZENEFITS_TOKEN, PEOPLEHR_API_KEY])
      expect(values).toContain(own);
    const packages = new Set(discovered.map((c) => c.file.split('/').slice(0, 2).join('/')));
    for (const pkg of [
      'packages/trinet',
      'packages/zenefits',
      'packages/peoplehr',
      'packages/frankly',
      'packages/testkit',
    ]) {
      expect(packages).toContain(pkg);
    }
  });

  it('appear in no vitest snapshot, no adapter fixture and nothing this suite wrote', () => {
    const files = [
      ...listFiles('.', (path) => /[/\\]__snapshots__[/\\]/.test(path)),
      ...listFiles('packages', (path) => /[/\\]test[/\\]fixtures[/\\]/.test(path)),
      ...listFiles('examples', (path) => /[/\\]test[/\\]fixtures[/\\]/.test(path)),
      ...[
        'docs/benchmarks.md',
        '.bench/report.json',
        '.reports/fault-campaign.json',
        '.reports/fault-campaign-ci.json',
      ].filter((file) => existsSync(join(ROOT, file))),
    ];
    expect(files.length).toBeGreaterThan(10);
    const needles = [...new Set([...discovered.map((c) => c.value), ...registeredCredentials()])];
    const hits: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const needle of needles) if (text.includes(needle)) hits.push(`${file}: ${needle.slice(0, 4)}…`);
    }
    expect(hits).toEqual([]);
  });
});

/** A vendor that answers every data call with the given status, echoing the request back in the body. */
function echoing(status: number, real: FetchHandler): FetchHandler {
  return async (request) => {
    const url = new URL(request.url);
    // Let a token call through, so that a Bearer token exists to be echoed.
    if (url.pathname.startsWith('/oauth/')) return real(request);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body = request.method === 'GET' ? '' : await request.text();
    return new Response(
      JSON.stringify({ error: 'echo', message: `${request.method} ${request.url}`, headers, body }),
      { status, headers: { 'content-type': 'application/json' } },
    );
  };
}

describe.each(SOURCE_ADAPTERS)('no credential leaks: $id', (adapter) => {
  const roster = generateRoster({ seed: 5, size: 40 });
  // Each case scans what it produced with a sink of its own, so a leak fails the case that made it.
  const sync = async (name: string, handler: FetchHandler, credentials: 'valid' | 'invalid' = 'valid') => {
    const own = createLeakSink();
    const both = {
      json: (where: string, value: unknown) => {
        own.json(where, value);
        sink.json(where, value);
      },
      error: (where: string, value: unknown) => {
        own.error(where, value);
        sink.error(where, value);
      },
    };
    const ownLog = own.logger(`${adapter.id} ${name}`);
    const fileLog = sink.logger(`${adapter.id} ${name}`);
    const logger = Object.fromEntries(
      (['debug', 'info', 'warn', 'error'] as const).map((level) => [
        level,
        (message: string, fields?: Record<string, unknown>) => {
          ownLog[level](message, fields);
          fileLog[level](message, fields);
        },
      ]),
    );
    const source = adapter.createSource({
      fetch: createFetch(handler),
      logger,
      credentials,
      retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 5 },
    });
    let result: { report: SyncReport | undefined; error: unknown };
    try {
      const report = await runSync({ source, destination: createMemoryDestination(), logger });
      both.json(`${adapter.id} ${name}: report`, report);
      result = { report, error: undefined };
    } catch (error) {
      both.error(`${adapter.id} ${name}: error`, error);
      result = { report: undefined, error };
    }
    try {
      await source.verify();
    } catch (error) {
      both.error(`${adapter.id} ${name}: verify error`, error);
    }
    own.assertClean();
    return result;
  };

  it('with wrong credentials: AUTH_INVALID_CREDENTIALS, nothing leaked', async () => {
    const { error } = await sync('wrong credentials', adapter.createFake(roster).handler, 'invalid');
    expect(HrSyncError.is(error) && error.code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it.each([400, 401, 403, 404, 429, 500])(
    'with a vendor echoing the request in a %s: nothing leaked',
    async (status) => {
      const { error } = await sync(`echo ${status}`, echoing(status, adapter.createFake(roster).handler));
      expect(HrSyncError.is(error)).toBe(true);
      // The echo did reach the error: the check would see a leak if redaction failed.
      const json = JSON.stringify(HrSyncError.is(error) ? error.toJSON() : {});
      expect(json.length).toBeGreaterThan(50);
    },
  );

  it('with the credential revoked mid-read: nothing leaked', async () => {
    const fake = adapter.createFake(roster);
    // People HR reads in one call: its key is revoked from the first one.
    const revokeAt = adapter.id === 'peoplehr' ? 1 : 3;
    let calls = 0;
    const handler: FetchHandler = async (request) => {
      calls++;
      if (calls >= revokeAt) {
        fake.expireTokens?.();
        if (fake.expireTokens === undefined || calls >= revokeAt + 2)
          return new Response(JSON.stringify({ error: 'revoked', echo: request.url }), { status: 401 });
      }
      return fake.handler(request);
    };
    const { report, error } = await sync('revoked', handler);
    // TriNet refreshes its token and replays; the others fail, or read part of the roster.
    if (report === undefined) expect(HrSyncError.is(error)).toBe(true);
    else expect(report.complete === false || adapter.tokenExpiry === 'expire-tokens').toBe(true);
  });
});

describe('the leak sink', () => {
  const secret = TRINET_CREDENTIALS.clientSecret;
  const basic = Buffer.from(`${TRINET_CREDENTIALS.clientId}:${secret}`).toString('base64');
  it.each([
    ['an error message', (s: ReturnType<typeof createLeakSink>) => s.error('e', new Error(`bad ${secret}`))],
    [
      'a cause three levels down',
      (s: ReturnType<typeof createLeakSink>) =>
        s.error('e', new Error('a', { cause: new Error('b', { cause: new Error(`c ${secret}`) }) })),
    ],
    [
      'toJSON()',
      (s: ReturnType<typeof createLeakSink>) =>
        s.error('e', Object.assign(new Error('x'), { toJSON: () => ({ secret }) })),
    ],
    [
      'an error field',
      (s: ReturnType<typeof createLeakSink>) =>
        s.error('e', Object.assign(new Error('x'), { details: { secret } })),
    ],
    [
      'a log field',
      (s: ReturnType<typeof createLeakSink>) =>
        s.logger('l').debug('ok', { headers: { authorization: `Basic ${basic}` } }),
    ],
    [
      'a log message',
      (s: ReturnType<typeof createLeakSink>) => s.logger('l').warn(`url ?k=${encodeURIComponent(secret)}`),
    ],
    [
      'a report',
      (s: ReturnType<typeof createLeakSink>) => s.json('r', { plan: { issues: [{ message: secret }] } }),
    ],
    ['a thrown string', (s: ReturnType<typeof createLeakSink>) => s.error('e', secret)],
  ])('catches a credential in %s', (_, plant) => {
    const probe = createLeakSink();
    plant(probe);
    expect(() => probe.assertClean()).toThrow(/credential leak/);
  });
});
