import { type Employee, HrSyncError, planSync, type SourceRecord } from '@hrsync/core';
import { createFetch, generateRoster, withFaults } from '@hrsync/testkit';
import { describe, expect, it } from 'vitest';
import { createZenefitsSource } from '../src/index.ts';
import { createZenefitsFake, ZENEFITS_FAKE_DEFAULT_SCOPES } from '../src/testing/index.ts';
import departments from './fixtures/departments.json' with { type: 'json' };
import employments from './fixtures/employments.json' with { type: 'json' };
import error401 from './fixtures/error-401.json' with { type: 'json' };
import locations from './fixtures/locations.json' with { type: 'json' };
import me from './fixtures/me.json' with { type: 'json' };
import meMissingScopes from './fixtures/me-missing-scopes.json' with { type: 'json' };
import meUninstalled from './fixtures/me-uninstalled.json' with { type: 'json' };
import page1 from './fixtures/people-page-1.json' with { type: 'json' };
import page2 from './fixtures/people-page-2-last.json' with { type: 'json' };

const TOKEN = 'zf-test-token-7c1e9a';
const noRetry = { retry: { limit: 0 } };

/** Serves the recorded fixtures by path (people by cursor), checking the token; logs every URL asked for. */
function fixtureServer(overrides: Record<string, { status: number; body: unknown }> = {}) {
  const seen: string[] = [];
  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    seen.push(url.href);
    const reply = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    const override = overrides[url.pathname];
    if (override) return reply(override.status, override.body);
    if (request.headers.get('authorization') !== `Bearer ${TOKEN}`) return reply(401, error401);
    switch (url.pathname) {
      case '/core/me':
        return reply(200, me);
      case '/core/people':
        return reply(200, url.searchParams.get('starting_after') === '9386690' ? page2 : page1);
      case '/core/departments':
        return reply(200, departments);
      case '/core/locations':
        return reply(200, locations);
      case '/core/employments':
        return reply(200, employments);
    }
    return reply(404, { data: null, error: 'Not found', status: 404 });
  };
  return { fetch: createFetch(handler), seen };
}

async function caught(promise: Promise<unknown>): Promise<HrSyncError> {
  try {
    await promise;
  } catch (error) {
    if (HrSyncError.is(error)) return error;
    throw error;
  }
  throw new Error('expected an HrSyncError');
}

async function collect(records: AsyncIterable<SourceRecord>): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const record of records) out.push(record);
  return out;
}

describe('createZenefitsSource options', () => {
  it.each([
    [undefined, 'token is required'],
    ['   ', 'token is empty'],
    ['Bearer abc123', 'white space'],
  ])('refuses token %j with CONFIG_INVALID, never echoing it', (token, message) => {
    let error: unknown;
    try {
      createZenefitsSource({ token: token as string });
    } catch (e) {
      error = e;
    }
    expect(HrSyncError.is(error) && error.code).toBe('CONFIG_INVALID');
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('abc123');
  });

  it('refuses a page size above 100 and a bad baseUrl', () => {
    expect(() => createZenefitsSource({ token: TOKEN, pageSize: 101 })).toThrow(/pageSize/);
    expect(() => createZenefitsSource({ token: TOKEN, baseUrl: 'not a url' })).toThrow(HrSyncError);
  });

  it('names itself for fix texts and says what it can do', () => {
    const source = createZenefitsSource({ token: TOKEN });
    expect([source.id, source.displayName]).toEqual(['zenefits', 'TriNet Zenefits']);
    expect(source.capabilities).toEqual({ webhooks: false, getEmployee: false, incremental: false });
  });
});

describe('verify()', () => {
  it('accepts the recorded /core/me and reports company and scopes', async () => {
    const server = fixtureServer();
    const source = createZenefitsSource({ token: TOKEN, fetch: server.fetch });
    await expect(source.verify()).resolves.toEqual({ ok: true, companyId: '216397', scopes: me.data.scopes });
    expect(server.seen).toEqual(['https://api.zenefits.com/core/me']);
  });

  it('maps a rejected token to AUTH_INVALID_CREDENTIALS without the token anywhere', async () => {
    const server = fixtureServer();
    const source = createZenefitsSource({ token: 'wrong-token-123', fetch: server.fetch, ...noRetry });
    const error = await caught(source.verify());
    expect(error).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', status: 401, retryable: false });
    expect(error.message).toContain('TriNet Zenefits says: Unauthorized');
    expect(JSON.stringify(error)).not.toContain('wrong-token-123');
    expect(error.message).not.toContain('wrong-token-123');
  });

  it('reports an uninstalled app as AUTH_PERMISSION_DENIED naming every scope it needs', async () => {
    const server = fixtureServer({ '/core/me': { status: 200, body: meUninstalled } });
    const error = await caught(createZenefitsSource({ token: TOKEN, fetch: server.fetch }).verify());
    expect(error.code).toBe('AUTH_PERMISSION_DENIED');
    expect(error.message).toContain('uninstalled');
    for (const scope of ['people (People)', 'people.work_email (Work email)', 'people.manager (Manager)']) {
      expect(error.message).toContain(scope);
    }
    expect(error.details).toMatchObject({ uninstalled: true });
  });

  it('names exactly the missing scopes', async () => {
    const server = fixtureServer({ '/core/me': { status: 200, body: meMissingScopes } });
    const error = await caught(createZenefitsSource({ token: TOKEN, fetch: server.fetch }).verify());
    expect(error.code).toBe('AUTH_PERMISSION_DENIED');
    expect(error.details).toEqual({
      missingScopes: ['employments', 'people.work_email', 'people.manager'],
    });
    expect(error.message).toContain(
      'employments (Employments), people.work_email (Work email), people.manager',
    );
    expect(error.message).not.toContain('departments (');
  });

  it('only warns when a recommended scope is missing', async () => {
    const warnings: string[] = [];
    const fake = createZenefitsFake({
      token: TOKEN,
      scopes: ZENEFITS_FAKE_DEFAULT_SCOPES.filter((s) => s !== 'people.location'),
    });
    const source = createZenefitsSource({
      token: TOKEN,
      fetch: fake.fetch,
      logger: { warn: (message, fields) => warnings.push(`${message} ${JSON.stringify(fields)}`) },
    });
    await expect(source.verify()).resolves.toMatchObject({ ok: true });
    expect(warnings).toEqual([
      'zenefits token lacks recommended scopes; those fields will be empty {"scopes":["people.location"]}',
    ]);
  });

  it('works against the fake: valid, uninstalled, bad token', async () => {
    const fake = createZenefitsFake({ token: TOKEN });
    const source = createZenefitsSource({ token: TOKEN, fetch: fake.fetch });
    await expect(source.verify()).resolves.toMatchObject({ ok: true, companyId: '216397' });
    fake.setUninstalled(true);
    expect((await caught(source.verify())).code).toBe('AUTH_PERMISSION_DENIED');
    const bad = createZenefitsSource({ token: 'other-token', fetch: fake.fetch, ...noRetry });
    expect((await caught(bad.verify())).code).toBe('AUTH_INVALID_CREDENTIALS');
  });
});

describe('fetchSnapshot() on the recorded responses', () => {
  it('follows next_url to the last page and maps every person, unit and employment', async () => {
    const server = fixtureServer();
    const source = createZenefitsSource({ token: TOKEN, fetch: server.fetch });
    const snapshot = await source.fetchSnapshot();
    expect(snapshot.complete).toBe(true);
    expect(snapshot.employees.map((e) => e.id)).toEqual([
      '9386671',
      '9386674',
      '9386680',
      '9386702',
      '9386705',
      '9386710',
    ]);
    expect(snapshot.issues.map((i) => [i.code, i.recordId])).toEqual([
      ['EMPLOYEE_UNKNOWN_STATUS', '9386690'],
    ]);
    expect(snapshot.departments).toEqual([
      { id: '219736', name: 'Engineering' },
      { id: '219740', name: 'Sales' },
    ]);
    expect(snapshot.locations).toHaveLength(2);
    expect(server.seen.filter((u) => u.includes('/core/people'))).toEqual([
      'https://api.zenefits.com/core/people?limit=100',
      'https://api.zenefits.com/core/people?limit=4&starting_after=9386690',
    ]);
    expect(server.seen.filter((u) => !u.includes('/core/people')).sort()).toEqual([
      'https://api.zenefits.com/core/departments?limit=100',
      'https://api.zenefits.com/core/employments?limit=100',
      'https://api.zenefits.com/core/locations?limit=100',
    ]);
  });

  it('throws when a list fails before any person was read', async () => {
    const server = fixtureServer({
      '/core/employments': { status: 403, body: { data: null, error: 'Forbidden', status: 403 } },
    });
    const error = await caught(createZenefitsSource({ token: TOKEN, fetch: server.fetch }).fetchSnapshot());
    expect(error.code).toBe('AUTH_PERMISSION_DENIED');
    expect(error.message).toContain('employments (Employments)');
  });

  it('treats an error envelope inside an HTTP 200 as a failure, not an empty list', async () => {
    const server = fixtureServer({
      '/core/departments': { status: 200, body: { data: null, error: 'Unauthorized', status: 401 } },
    });
    const error = await caught(createZenefitsSource({ token: TOKEN, fetch: server.fetch }).fetchSnapshot());
    expect(error.code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('refuses a list envelope without next_url as an invalid response', async () => {
    const { next_url: _dropped, ...withoutNext } = departments.data;
    const server = fixtureServer({
      '/core/departments': { status: 200, body: { ...departments, data: withoutNext } },
    });
    const error = await caught(createZenefitsSource({ token: TOKEN, fetch: server.fetch }).fetchSnapshot());
    expect(error.code).toBe('INVALID_RESPONSE');
  });
});

describe('paging and the concurrency cap, against the fake', () => {
  const roster = generateRoster({ seed: 3, size: 250 });

  it('reads 250 people in pages of 100 with the starting_after cursor', async () => {
    const fake = createZenefitsFake({
      token: TOKEN,
      employees: roster.employees,
      departments: roster.departments,
      locations: roster.locations,
    });
    const snapshot = await createZenefitsSource({ token: TOKEN, fetch: fake.fetch }).fetchSnapshot();
    expect(snapshot.complete).toBe(true);
    expect(snapshot.employees).toHaveLength(250);
    const pages = fake.requests.filter((r) => r.path === '/core/people').map((r) => r.query);
    expect(pages).toEqual([
      { limit: '100' },
      { limit: '100', starting_after: roster.employees[99]?.id },
      { limit: '100', starting_after: roster.employees[199]?.id },
    ]);
    // 3 lists of one page each, 3 pages of people and 3 pages of employments.
    expect(fake.requests).toHaveLength(8);
  });

  it('sends the first page of people together with the three lists, within the cap', async () => {
    const fake = createZenefitsFake({ token: TOKEN, employees: roster.employees, latencyMs: 5 });
    await createZenefitsSource({ token: TOKEN, fetch: fake.fetch }).fetchSnapshot();
    expect(fake.stats.maxInFlight).toBe(4);
    fake.resetStats();
    await createZenefitsSource({ token: TOKEN, fetch: fake.fetch, concurrency: 2 }).fetchSnapshot();
    expect(fake.stats.maxInFlight).toBe(2);
  });

  it('maps the generated roster back to the same people (what Zenefits can hold)', async () => {
    const clean = generateRoster({ seed: 9, size: 60 });
    const fake = createZenefitsFake({ token: TOKEN, employees: clean.employees });
    const snapshot = await createZenefitsSource({ token: TOKEN, fetch: fake.fetch }).fetchSnapshot();
    // Zenefits has no time zone, organization or teams field.
    const expected = clean.employees.map(({ timezone: _tz, organization: _o, teams: _t, ...rest }) => rest);
    expect(snapshot.employees).toEqual(expected as Employee[]);
    expect(snapshot.issues).toEqual([]);
  });

  it('survives injected 429s and 503s through retries', async () => {
    const fake = createZenefitsFake({ token: TOKEN, employees: roster.employees });
    const faulty = withFaults(fake.handler, {
      script: [
        { at: 0, fault: { type: 'status', status: 429, retryAfter: 0 } },
        { path: '/core/people', times: 2, fault: { type: 'status', status: 503 } },
      ],
    });
    const source = createZenefitsSource({
      token: TOKEN,
      fetch: createFetch(faulty),
      retry: { limit: 3, baseDelayMs: 1, maxDelayMs: 5 },
    });
    const snapshot = await source.fetchSnapshot();
    expect(snapshot.complete).toBe(true);
    expect(snapshot.employees).toHaveLength(250);
    expect(faulty.counts()).toEqual({ '429+retry-after': 1, '503': 2 });
  });
});

describe('a next_url on another origin', () => {
  it('is never requested: the token stays home and the read is incomplete', async () => {
    const fake = createZenefitsFake({
      token: TOKEN,
      employees: generateRoster({ seed: 4, size: 150 }).employees,
      nextUrlOrigin: 'https://collector.example',
      nextUrlOriginLists: ['people'],
    });
    const source = createZenefitsSource({ token: TOKEN, fetch: fake.fetch, ...noRetry });
    const records = await collect(source.employees());
    const last = records.at(-1);
    expect(last?.type).toBe('incomplete');
    expect(last?.type === 'incomplete' && last.error.code).toBe('INVALID_RESPONSE');
    expect(last?.type === 'incomplete' && last.error.message).toContain('https://collector.example');
    expect(records.filter((r) => r.type === 'employee')).toHaveLength(100);
    expect(fake.requests.filter((r) => r.origin !== 'https://api.zenefits.com')).toEqual([]);
    expect(fake.requests.every((r) => r.origin === 'https://api.zenefits.com' && r.hasToken)).toBe(true);

    const snapshot = await source.fetchSnapshot();
    expect(snapshot.complete).toBe(false);
    // A plan from an incomplete read that would archive anyone is blocked.
    const plan = planSync({
      snapshot,
      current: [{ hostId: 'h1', sourceId: 'gone', workEmail: 'gone@example.com' }],
      sourceName: source.displayName,
    });
    expect(plan.blocked?.code).toBe('SYNC_INCOMPLETE_SOURCE');
  });

  it('on a list other than people fails the whole read', async () => {
    const fake = createZenefitsFake({
      token: TOKEN,
      employees: generateRoster({ seed: 4, size: 150 }).employees,
      nextUrlOrigin: 'https://collector.example',
      nextUrlOriginLists: ['employments'],
    });
    const error = await caught(
      createZenefitsSource({ token: TOKEN, fetch: fake.fetch, pageSize: 50 }).fetchSnapshot(),
    );
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(fake.requests.filter((r) => r.origin === 'https://collector.example')).toEqual([]);
  });
});

describe('employees()', () => {
  it('yields units first, then people in order, with raw records on request', async () => {
    const server = fixtureServer();
    const counts: number[] = [];
    const source = createZenefitsSource({ token: TOKEN, fetch: server.fetch });
    const records = await collect(source.employees({ includeRaw: true, onRecord: (n) => counts.push(n) }));
    expect(records.slice(0, 4).map((r) => r.type)).toEqual([
      'department',
      'department',
      'location',
      'location',
    ]);
    const first = records[4];
    expect(first?.type === 'employee' && (first.raw as { id: string }).id).toBe('9386671');
    expect(counts).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('stops promptly when the caller aborts', async () => {
    const fake = createZenefitsFake({ token: TOKEN, latencyMs: 10_000 });
    const controller = new AbortController();
    const pending = createZenefitsSource({ token: TOKEN, fetch: fake.fetch }).fetchSnapshot({
      signal: controller.signal,
    });
    controller.abort(new Error('user cancelled'));
    await expect(pending).rejects.toThrow('user cancelled');
  });
});
