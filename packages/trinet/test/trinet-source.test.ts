import { type Employee, HrSyncError, type Logger, planSync, type SourceRecord } from '@hrsync/core';
import { createFetch, generateRoster, withFaults } from '@hrsync/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTrinetSource, type TrinetSourceOptions } from '../src/index.ts';
import { createTrinetFake, type TrinetFakeOptions } from '../src/testing/index.ts';
import departments from './fixtures/departments.json' with { type: 'json' };
import empty from './fixtures/employees-empty.json' with { type: 'json' };
import page1 from './fixtures/employees-page-1.json' with { type: 'json' };
import page2 from './fixtures/employees-page-2-last.json' with { type: 'json' };
import error429 from './fixtures/error-429.json' with { type: 'json' };
import locations from './fixtures/locations.json' with { type: 'json' };
import orgDetails from './fixtures/org-details.json' with { type: 'json' };
import token from './fixtures/token.json' with { type: 'json' };

const SECRET = 'fake-client-secret-0123456789abcdef';
const CLIENT = 'fake-client-id-0123456789abcdef';

function person(n: number, extra: Partial<Employee> = {}): Employee {
  const id = String(n).padStart(8, '0');
  return {
    id,
    firstName: `First${n}`,
    lastName: `Last${n}`,
    workEmail: `person${n}@example.com`,
    employmentStatus: 'active',
    department: { id: '100', name: 'Engineering' },
    location: { id: 'SF1', name: 'San Francisco' },
    ...extra,
  };
}

function people(count: number): Employee[] {
  return Array.from({ length: count }, (_, i) => person(i + 1));
}

function setup(fakeOptions: TrinetFakeOptions = {}, sourceOptions: Partial<TrinetSourceOptions> = {}) {
  const fake = createTrinetFake({ clientId: CLIENT, clientSecret: SECRET, ...fakeOptions });
  const source = createTrinetSource({
    companyId: fake.companyId,
    clientId: CLIENT,
    clientSecret: SECRET,
    fetch: fake.fetch,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...sourceOptions,
  });
  return { fake, source };
}

async function collect(iterable: AsyncIterable<SourceRecord>): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const record of iterable) out.push(record);
  return out;
}

async function rejection(promise: Promise<unknown>): Promise<HrSyncError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!HrSyncError.is(error)) throw new Error(`expected an HrSyncError, got ${String(error)}`);
  return error;
}

const offsetsOf = (fake: { requests: readonly { path: string; query: Record<string, string> }[] }) =>
  fake.requests.filter((r) => r.path.endsWith('/employees')).map((r) => Number(r.query.offset));

afterEach(() => {
  vi.useRealTimers();
});

describe('createTrinetSource: options', () => {
  const valid = { companyId: 'CJ6', clientId: CLIENT, clientSecret: SECRET };

  it.each([
    ['companyId missing', { companyId: undefined }, /companyId is required/],
    ['companyId blank', { companyId: '  ' }, /companyId is required/],
    ['companyId with a slash', { companyId: 'CJ6/../x' }, /companyId may only hold/],
    ['clientId missing', { clientId: undefined }, /clientId is required/],
    ['clientId empty', { clientId: '' }, /clientId is empty/],
    ['clientSecret empty', { clientSecret: ' ' }, /clientSecret is empty/],
    ['clientSecret with a space', { clientSecret: `${SECRET} x` }, /clientSecret contains a space/],
    ['clientSecret not a string', { clientSecret: 42 }, /clientSecret is required/],
    ['concurrency 0', { concurrency: 0 }, /concurrency/],
    ['readAhead -1', { readAhead: -1 }, /readAhead/],
    ['baseUrl not a URL', { baseUrl: 'api.trinet.com' }, /baseUrl/],
  ])('%s → CONFIG_INVALID at once, never echoing the secret', (_why, patch, message) => {
    let thrown: unknown;
    try {
      createTrinetSource({ ...valid, ...patch } as unknown as TrinetSourceOptions);
    } catch (error) {
      thrown = error;
    }
    expect(HrSyncError.is(thrown)).toBe(true);
    const error = thrown as HrSyncError;
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.source).toBe('trinet');
    expect(error.message).toMatch(message);
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(error.message).not.toContain(SECRET);
  });

  it('trims pasted credentials and reports the source shape', () => {
    const source = createTrinetSource({
      companyId: ' CJ6 ',
      clientId: ` ${CLIENT}\n`,
      clientSecret: `${SECRET} `,
    });
    expect(source.id).toBe('trinet');
    expect(source.displayName).toBe('TriNet');
    expect(source.capabilities).toEqual({ webhooks: false, getEmployee: false, incremental: false });
    expect(source.getEmployee).toBeUndefined();
  });

  it('calls https://api.trinet.com by default, with the token by GET and HTTP Basic', async () => {
    const fake = createTrinetFake({ clientId: CLIENT, clientSecret: SECRET });
    const seen: Request[] = [];
    const source = createTrinetSource({
      companyId: 'ABC',
      clientId: CLIENT,
      clientSecret: SECRET,
      fetch: (input, init) => {
        const request = new Request(input, init);
        seen.push(request.clone());
        return fake.handler(request);
      },
    });
    await source.verify();
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET https://api.trinet.com/oauth/accesstoken?grant_type=client_credentials',
      'GET https://api.trinet.com/v1/manage-company/ABC/org-details',
    ]);
    expect(seen[0]?.headers.get('authorization')).toBe(`Basic ${btoa(`${CLIENT}:${SECRET}`)}`);
    expect(seen[1]?.headers.get('authorization')).toMatch(/^Bearer [A-Za-z0-9]{28}$/);
  });
});

describe('verify()', () => {
  it('reads org-details and reports the company and the scopes', async () => {
    const { source, fake } = setup({ companyId: 'CJ6', companyName: 'Initech' });
    await expect(source.verify()).resolves.toEqual({
      ok: true,
      companyId: 'CJ6',
      companyName: 'Initech',
      scopes: ['basic-read', 'hr-admin-read'],
    });
    expect(fake.requests.map((r) => r.path)).toEqual([
      '/oauth/accesstoken',
      '/v1/manage-company/CJ6/org-details',
    ]);
  });

  it('bad credentials → AUTH_INVALID_CREDENTIALS with TriNet’s words and no secret', async () => {
    const fake = createTrinetFake({ clientId: CLIENT, clientSecret: 'the-real-secret' });
    const source = createTrinetSource({
      companyId: 'ABC',
      clientId: CLIENT,
      clientSecret: SECRET,
      fetch: fake.fetch,
    });
    const error = await rejection(source.verify());
    expect(error).toMatchObject({
      code: 'AUTH_INVALID_CREDENTIALS',
      source: 'trinet',
      status: 401,
      retryable: false,
    });
    expect(error.message).toContain('Client credentials are invalid (invalid_client)');
    const everything = JSON.stringify({ json: error.toJSON(), message: error.message, stack: error.stack });
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(btoa(`${CLIENT}:${SECRET}`));
    expect(fake.requests.map((r) => r.status)).toEqual([401]);
  });

  it('a missing scope → AUTH_PERMISSION_DENIED naming the scope', async () => {
    const { source } = setup({ scopes: ['hr-admin-read'] });
    const error = await rejection(source.verify());
    expect(error).toMatchObject({ code: 'AUTH_PERMISSION_DENIED', status: 403 });
    expect(error.message).toContain('Required scope(s) : basic-read');
  });

  it('an unknown company → CONFIG_INVALID that says so', async () => {
    const { fake } = setup({ companyId: 'ABC' });
    const source = createTrinetSource({
      companyId: 'XYZ',
      clientId: CLIENT,
      clientSecret: SECRET,
      fetch: fake.fetch,
    });
    const error = await rejection(source.verify());
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', status: 404, retryable: false });
    expect(error.message).toContain('TriNet does not know company "XYZ"');
  });

  it('a baseUrl without the TriNet API → CONFIG_INVALID about baseUrl', async () => {
    const { fake } = setup();
    const source = createTrinetSource({
      companyId: 'ABC',
      clientId: CLIENT,
      clientSecret: SECRET,
      fetch: (input, init) => {
        const request = new Request(input, init);
        const url = new URL(request.url);
        url.pathname = url.pathname.replace('/v1/', '/v9/');
        return fake.handler(new Request(url, request));
      },
    });
    const error = await rejection(source.verify());
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('check baseUrl');
  });
});

describe('the token lifecycle', () => {
  it('uses one token for verify and a whole read, and concurrent calls share one token request', async () => {
    const { source, fake } = setup({ employees: people(250) });
    await Promise.all([source.verify(), source.verify(), source.fetchSnapshot(), source.verify()]);
    await source.fetchSnapshot();
    expect(fake.stats.tokensIssued).toBe(1);
  });

  it('refreshes the token a minute before it expires, without a 401', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'performance', 'setTimeout', 'clearTimeout'] });
    const { source, fake } = setup({ tokenLifetimeSeconds: 300 });
    await source.verify();
    await vi.advanceTimersByTimeAsync(239_000);
    await source.verify();
    expect(fake.stats.tokensIssued).toBe(1);
    await vi.advanceTimersByTimeAsync(2_000);
    await source.verify();
    expect(fake.stats.tokensIssued).toBe(2);
    expect(fake.requests.map((r) => r.status)).not.toContain(401);
  });

  it('on a 401 refreshes the token once and replays the call once', async () => {
    const { source, fake } = setup({ employees: people(3) });
    await source.verify();
    fake.expireTokens();
    const snapshot = await source.fetchSnapshot();
    expect(snapshot.employees).toHaveLength(3);
    expect(fake.stats.tokensIssued).toBe(2);
    // The three first reads (departments, locations, page 1) each met the expired token, shared one refresh,
    // and were each replayed once.
    const statuses = fake.requests.slice(2).map((r) => `${r.status} ${r.path.split('/').pop()}`);
    expect(statuses.filter((s) => s.startsWith('401')).sort()).toEqual([
      '401 departments',
      '401 employees',
      '401 locations',
    ]);
    expect(statuses.filter((s) => s === '200 accesstoken')).toHaveLength(1);
    expect(statuses.filter((s) => s.startsWith('200 ') && !s.endsWith('accesstoken')).sort()).toEqual([
      '200 departments',
      '200 employees',
      '200 locations',
    ]);
  });

  it('replays exactly once: a second 401 is thrown as AUTH_INVALID_CREDENTIALS', async () => {
    const fake = createTrinetFake({ clientId: CLIENT, clientSecret: SECRET });
    const handler = withFaults(fake.handler, {
      script: [
        { path: /^\/v1\//, fault: { type: 'status', status: 401, body: JSON.stringify({ fault: {} }) } },
      ],
    });
    const source = createTrinetSource({
      companyId: 'ABC',
      clientId: CLIENT,
      clientSecret: SECRET,
      fetch: createFetch(handler),
    });
    const error = await rejection(source.verify());
    expect(error.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(handler.requests.map((r) => new URL(r.url).pathname)).toEqual([
      '/oauth/accesstoken',
      '/v1/manage-company/ABC/org-details',
      '/oauth/accesstoken',
      '/v1/manage-company/ABC/org-details',
    ]);
  });

  it('registers the access token for redaction', async () => {
    const lines: string[] = [];
    const logger: Logger = { debug: (m, f) => lines.push(`${m} ${JSON.stringify(f)}`) };
    const fake = createTrinetFake({ clientId: CLIENT, clientSecret: SECRET });
    const issued: string[] = [];
    const source = createTrinetSource({
      companyId: 'ABC',
      clientId: CLIENT,
      clientSecret: SECRET,
      logger,
      fetch: async (input, init) => {
        const response = await fake.fetch(input, init);
        if (String(input instanceof Request ? input.url : input).includes('/oauth/')) {
          issued.push(((await response.clone().json()) as { access_token: string }).access_token);
        }
        return response;
      },
    });
    await source.verify();
    expect(issued).toHaveLength(1);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(issued[0]);
    expect(lines.join('\n')).not.toContain(SECRET);
  });
});

describe('employees(): paging', () => {
  it.each([
    [0, [1]],
    [1, [1]],
    [99, [1]],
    [100, [1]],
    [101, [1, 101]],
    [250, [1, 101, 201]],
  ])('%i people: every one once, reading offsets %j', async (count, offsets) => {
    const { source, fake } = setup({ employees: people(count) }, { readAhead: 0 });
    const snapshot = await source.fetchSnapshot();
    expect(snapshot.complete).toBe(true);
    expect(snapshot.employees.map((e) => e.id)).toEqual(people(count).map((e) => e.id));
    expect(offsetsOf(fake)).toEqual(offsets);
    expect(
      fake.requests.filter((r) => r.path.endsWith('/employees')).every((r) => r.query.viewType === 'All'),
    ).toBe(true);
  });

  it('reads pages ahead within the concurrency cap, and cancels the ones past the end', async () => {
    const { source, fake } = setup({ employees: people(1000), latencyMs: 5 }, { concurrency: 3 });
    const snapshot = await source.fetchSnapshot();
    expect(snapshot.employees).toHaveLength(1000);
    expect(fake.stats.maxInFlight).toBe(3);
    const offsets = offsetsOf(fake);
    expect(offsets.slice(0, 10).sort((a, b) => a - b)).toEqual([
      1, 101, 201, 301, 401, 501, 601, 701, 801, 901,
    ]);
    // employeesTotal (1000) holds read-ahead back at the end: no page past it is sent.
    expect(offsets).toHaveLength(10);
  });

  it('without employeesTotal, read-ahead may send a few pages past the end, never more than readAhead', async () => {
    const { source, fake } = setup(
      { employees: people(1000), latencyMs: 5, employeesTotal: false },
      { concurrency: 3, readAhead: 4 },
    );
    const snapshot = await source.fetchSnapshot();
    expect(snapshot.employees).toHaveLength(1000);
    const offsets = offsetsOf(fake);
    expect(offsets.slice(0, 10).sort((a, b) => a - b)).toEqual([
      1, 101, 201, 301, 401, 501, 601, 701, 801, 901,
    ]);
    expect(offsets.length).toBeLessThanOrEqual(10 + 4);
    expect(offsets.slice(10).every((o) => o > 1000)).toBe(true);
  });

  it('a wrong employeesTotal only slows read-ahead down: every page is still read', async () => {
    const fake = createTrinetFake({ clientId: CLIENT, clientSecret: SECRET, employees: people(750) });
    const source = createTrinetSource({
      companyId: 'ABC',
      clientId: CLIENT,
      clientSecret: SECRET,
      fetch: async (input, init) => {
        const response = await fake.fetch(input, init);
        if (!new Request(input, init).url.includes('/employees')) return response;
        const body = (await response.json()) as { data: { employeesTotal?: number } };
        body.data.employeesTotal = 150;
        return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
      },
    });
    const snapshot = await source.fetchSnapshot();
    expect(snapshot.complete).toBe(true);
    expect(snapshot.employees).toHaveLength(750);
    expect(offsetsOf(fake)).toEqual([1, 101, 201, 301, 401, 501, 601, 701]);
  });

  it('without read-ahead, asks for one page at a time', async () => {
    const { source, fake } = setup(
      { employees: people(450), latencyMs: 2 },
      { readAhead: 0, concurrency: 4 },
    );
    await source.fetchSnapshot();
    expect(offsetsOf(fake)).toEqual([1, 101, 201, 301, 401]);
  });

  it('ends on an empty last page whose hasMore is false (TriNet said more, then nothing)', async () => {
    const source = fixtureSource({ 1: withHasMore(page1, true), 101: empty });
    const snapshot = await source.fetchSnapshot();
    expect(snapshot.complete).toBe(true);
    expect(snapshot.employees).toHaveLength(100);
  });

  it('an empty page that says more pages follow makes the read incomplete', async () => {
    const source = fixtureSource({ 1: withHasMore(page1, true), 101: withHasMore(empty, true) });
    const records = await collect(source.employees());
    expect(records.at(-1)).toMatchObject({ type: 'incomplete', error: { code: 'INVALID_RESPONSE' } });
    expect((await source.fetchSnapshot()).complete).toBe(false);
  });

  it('reads the real-shaped fixtures: 100 + 9 records, 7 of the second page skipped with their codes', async () => {
    const source = fixtureSource({ 1: page1, 101: page2 });
    const snapshot = await source.fetchSnapshot();
    expect(snapshot.complete).toBe(true);
    expect(snapshot.employees).toHaveLength(100 + 2);
    expect(snapshot.departments).toHaveLength(6);
    expect(snapshot.locations).toHaveLength(5);
    expect(snapshot.issues.filter((i) => i.severity === 'error').map((i) => [i.recordId, i.code])).toEqual([
      ['00001101', 'EMPLOYEE_INVALID_EMAIL'],
      ['00001102', 'EMPLOYEE_INVALID_NAME'],
      ['00001103', 'EMPLOYEE_INVALID_NAME'],
      ['00001105', 'EMPLOYEE_UNKNOWN_STATUS'],
      ['00001106', 'UNKNOWN'],
      ['00001107', 'EMPLOYEE_MISSING_REQUIRED_FIELD'],
      ['00001109', 'EMPLOYEE_UNKNOWN_STATUS'],
    ]);
    expect(snapshot.employees.find((e) => e.id === '00001013')?.department).toEqual({
      id: '310',
      name: 'Finance',
    });
  });

  it('keeps raw records only when asked, and reports progress', async () => {
    const { source } = setup({ employees: people(120) });
    const counts: number[] = [];
    const records = await collect(source.employees({ includeRaw: true, onRecord: (n) => counts.push(n) }));
    const employees = records.filter((r) => r.type === 'employee');
    expect(employees).toHaveLength(120);
    expect(employees[0]).toHaveProperty('raw.employeeId', '00000001');
    expect(counts.at(-1)).toBe(120);
    const plain = await collect(source.employees());
    expect(plain.find((r) => r.type === 'employee')).not.toHaveProperty('raw');
  });

  it('stops promptly when the signal aborts', async () => {
    const { source } = setup({ employees: people(500), latencyMs: 20 });
    const controller = new AbortController();
    const read = source.fetchSnapshot({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user stopped')), 5);
    await expect(read).rejects.toThrow('user stopped');
  });
});

describe('employees(): failures', () => {
  it('429 with Retry-After: waits what TriNet asks, then goes on', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const fake = createTrinetFake({ clientId: CLIENT, clientSecret: SECRET, employees: people(150) });
    const handler = withFaults(fake.handler, {
      script: [
        {
          path: /employees\?offset=101/,
          times: 1,
          fault: { type: 'status', status: 429, retryAfter: 7, body: JSON.stringify(error429) },
        },
      ],
    });
    const retries: Record<string, unknown>[] = [];
    const source = createTrinetSource({
      companyId: 'ABC',
      clientId: CLIENT,
      clientSecret: SECRET,
      fetch: createFetch(handler),
      logger: { debug: (message, fields) => message === 'http retry' && fields && retries.push(fields) },
    });
    const read = source.fetchSnapshot();
    await vi.advanceTimersByTimeAsync(6_999);
    expect(handler.requests.filter((r) => r.url.includes('offset=101'))).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const snapshot = await read;
    expect(snapshot.complete).toBe(true);
    expect(snapshot.employees).toHaveLength(150);
    expect(retries).toEqual([expect.objectContaining({ code: 'RATE_LIMITED', delayMs: 7_000 })]);
    expect(handler.counts()).toEqual({ '429+retry-after': 1 });
  });

  it('429 asking for longer than maxDelayMs on the first page → RATE_LIMITED with TriNet’s words', async () => {
    const fake = createTrinetFake({ clientId: CLIENT, clientSecret: SECRET, employees: people(5) });
    const handler = withFaults(fake.handler, {
      script: [
        {
          path: /employees/,
          fault: { type: 'status', status: 429, retryAfter: 3600, body: JSON.stringify(error429) },
        },
      ],
    });
    const source = createTrinetSource({
      companyId: 'ABC',
      clientId: CLIENT,
      clientSecret: SECRET,
      fetch: createFetch(handler),
    });
    const error = await rejection(source.fetchSnapshot());
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryable: true, status: 429 });
    expect(error.message).toContain('policies.ratelimit.QuotaViolation');
  });

  it('a later page that keeps failing ends the read with an incomplete record: nobody is archived', async () => {
    const fake = createTrinetFake({ clientId: CLIENT, clientSecret: SECRET, employees: people(250) });
    const handler = withFaults(fake.handler, {
      script: [{ path: /employees\?offset=201/, fault: { type: 'status', status: 503 } }],
    });
    const source = createTrinetSource({
      companyId: 'ABC',
      clientId: CLIENT,
      clientSecret: SECRET,
      fetch: createFetch(handler),
      retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const records = await collect(source.employees());
    expect(records.filter((r) => r.type === 'employee')).toHaveLength(200);
    expect(records.at(-1)).toMatchObject({ type: 'incomplete', error: { code: 'UPSTREAM_UNAVAILABLE' } });
    expect(handler.counts()).toEqual({ '503': 3 });

    const snapshot = await source.fetchSnapshot();
    expect(snapshot.complete).toBe(false);
    const current = people(250).map((e) => ({ hostId: `h${e.id}`, sourceId: e.id, workEmail: e.workEmail }));
    const plan = planSync({ snapshot, current });
    expect(plan.blocked?.code).toBe('SYNC_INCOMPLETE_SOURCE');
  });

  it('a failing first page is thrown (nothing was read)', async () => {
    const fake = createTrinetFake({ clientId: CLIENT, clientSecret: SECRET, employees: people(5) });
    const handler = withFaults(fake.handler, {
      script: [{ path: /employees/, fault: { type: 'malformed' } }],
    });
    const source = createTrinetSource({
      companyId: 'ABC',
      clientId: CLIENT,
      clientSecret: SECRET,
      fetch: createFetch(handler),
      retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    expect((await rejection(source.fetchSnapshot())).code).toBe('INVALID_RESPONSE');
  });

  it('an envelope without hasMore is an INVALID_RESPONSE, never a guess', async () => {
    const source = fixtureSource({ 1: { _statusCode: '200', data: { employeeData: [] } } });
    const error = await rejection(source.fetchSnapshot());
    expect(error.code).toBe('INVALID_RESPONSE');
  });

  it('a missing scope for employees → AUTH_PERMISSION_DENIED', async () => {
    const { source } = setup({ scopes: ['basic-read'] });
    await expect(source.verify()).resolves.toMatchObject({ ok: true });
    const error = await rejection(source.fetchSnapshot());
    expect(error.code).toBe('AUTH_PERMISSION_DENIED');
    expect(error.message).toContain('hr-admin-read');
  });
});

describe('issue codes through planSync on the snapshot', () => {
  it('reports every code the TriNet issue lists, each with a fix naming TriNet', async () => {
    const roster: Employee[] = [
      person(1, { department: { id: 'D1', name: 'Engineering' }, location: { id: 'L1', name: 'Austin' } }),
      person(2, { department: { id: 'D2', name: 'Engineering' }, location: { id: 'L2', name: 'Austin' } }),
      person(3, { department: { id: 'D3', name: '' }, location: { id: 'L3', name: '' } }),
      person(4, { workEmail: 'person4 at example.com' }),
      person(5, { lastName: '' }),
      person(6, { workEmail: 'person7@example.com' }),
      person(7),
    ];
    const { source } = setup({
      employees: roster,
      rawEmployees: [
        { employeeId: '00000008', names: 'Ada Lovelace', employmentInfo: { employmentStatus: 'A' } },
      ],
      departments: [{ id: 'D1', name: 'Engineering' }, { id: 'D2', name: 'Engineering' }, { id: 'D3' }],
      locations: [{ id: 'L1', name: 'Austin' }, { id: 'L2', name: 'Austin' }, { id: 'L3' }],
    });
    const snapshot = await source.fetchSnapshot();
    const plan = planSync({ snapshot, current: [] });
    const codes = new Set(plan.issues.map((i) => i.code));
    for (const code of [
      'LOCATION_MISSING_NAME',
      'LOCATION_DUPLICATE_NAME',
      'DEPARTMENT_MISSING_NAME',
      'DEPARTMENT_DUPLICATE_NAME',
      'EMPLOYEE_INVALID_EMAIL',
      'EMPLOYEE_INVALID_NAME',
      'EMPLOYEE_DUPLICATE_EMAIL',
      'UNKNOWN',
    ] as const) {
      expect(codes, code).toContain(code);
    }
    for (const issue of plan.issues) expect(issue.fix, issue.code).toMatch(/TriNet/);
    expect(plan.issues.find((i) => i.code === 'EMPLOYEE_INVALID_NAME')?.recordId).toBe('00000005');
    expect(plan.issues.find((i) => i.code === 'UNKNOWN')?.recordId).toBe('00000008');
    expect(plan.creates.map((c) => c.employee.id).sort()).toEqual(['00000001', '00000002', '00000003']);
  });

  it('serves a generated roster with planted defects, each caught', async () => {
    const roster = generateRoster({
      seed: 11,
      size: 300,
      defects: {
        duplicateEmails: 1,
        missingNames: 2,
        invalidEmails: 2,
        departmentsMissingName: 1,
        duplicateLocationNames: 1,
      },
    });
    const { source } = setup({
      employees: roster.employees,
      departments: roster.departments,
      locations: roster.locations,
    });
    const snapshot = await source.fetchSnapshot();
    const plan = planSync({ snapshot, current: [], now: new Date(roster.now) });
    for (const defect of roster.defects) {
      if (defect.codes.length === 0) continue;
      const found = plan.issues.filter((i) => (defect.codes as string[]).includes(i.code));
      expect(found.length, defect.kind).toBeGreaterThan(0);
    }
  });
});

// A TriNet stand-in that serves the fixture files: the token, org-details, the lists and the given pages.
function fixtureSource(pages: Record<number, unknown>) {
  const answer = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.pathname === '/oauth/accesstoken') return answer(token);
    if (url.pathname.endsWith('/org-details')) return answer(orgDetails);
    if (url.pathname.endsWith('/departments')) return answer(departments);
    if (url.pathname.endsWith('/locations')) return answer(locations);
    const page = pages[Number(url.searchParams.get('offset'))];
    return page === undefined ? answer(empty) : answer(page);
  };
  return createTrinetSource({
    companyId: 'ABC',
    clientId: CLIENT,
    clientSecret: SECRET,
    fetch: createFetch(handler),
    retry: { limit: 0 },
  });
}

function withHasMore(page: unknown, hasMore: boolean): unknown {
  const copy = structuredClone(page) as { data: { hasMore: boolean } };
  copy.data.hasMore = hasMore;
  return copy;
}
