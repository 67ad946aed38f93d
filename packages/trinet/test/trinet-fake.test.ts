import type { Employee } from '@hrsync/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mapTrinetEmployee } from '../src/map-trinet-employee.ts';
import { createTrinetFake, renderTrinetEmployee } from '../src/testing/index.ts';
import { TrinetEmployeesPageSchema, TrinetTokenResponseSchema } from '../src/trinet-wire.ts';

const BASE = 'https://api.trinet.com';
const basic = (id: string, secret: string) => `Basic ${btoa(`${id}:${secret}`)}`;

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

async function token(fake: ReturnType<typeof createTrinetFake>): Promise<string> {
  const response = await fake.fetch(`${BASE}/oauth/accesstoken?grant_type=client_credentials`, {
    headers: { authorization: basic(fake.credentials.clientId, fake.credentials.clientSecret) },
  });
  expect(response.status).toBe(200);
  return TrinetTokenResponseSchema.parse(await response.json()).access_token;
}

async function get(fake: ReturnType<typeof createTrinetFake>, path: string, bearer?: string) {
  const response = await fake.fetch(`${BASE}${path}`, {
    headers: bearer === undefined ? {} : { authorization: `Bearer ${bearer}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createTrinetFake: the token endpoint', () => {
  const fake = createTrinetFake({
    clientId: 'id-123456',
    clientSecret: 'secret-abcdef',
    scopes: ['basic-read'],
  });

  it('answers GET with a Basic header with the all-strings Apigee token JSON', async () => {
    const response = await fake.fetch(`${BASE}/oauth/accesstoken?grant_type=client_credentials`, {
      headers: { authorization: basic('id-123456', 'secret-abcdef') },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      token_type: 'BearerToken',
      expires_in: '3599',
      scope: 'basic-read',
      status: 'approved',
    });
    for (const [key, value] of Object.entries(body)) {
      if (key !== 'api_product_list_json') expect(typeof value, key).toBe('string');
    }
    expect(body.access_token).toMatch(/^[A-Za-z0-9]{28}$/);
  });

  it.each([
    [
      'POST, Basic header, grant_type in the form',
      { authorization: basic('id-123456', 'secret-abcdef') },
      'grant_type=client_credentials',
      '',
    ],
    [
      'POST, grant_type in the query',
      { authorization: basic('id-123456', 'secret-abcdef') },
      '',
      '?grant_type=client_credentials',
    ],
    [
      'POST, client_id/client_secret in the form',
      {},
      'grant_type=client_credentials&client_id=id-123456&client_secret=secret-abcdef',
      '',
    ],
  ])('answers %s', async (_why, headers, body, query) => {
    const response = await fake.fetch(`${BASE}/oauth/accesstoken${query}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(response.status).toBe(200);
    expect(TrinetTokenResponseSchema.parse(await response.json()).expires_in).toBe('3599');
  });

  it.each([
    [
      'a wrong secret',
      `?grant_type=client_credentials`,
      { authorization: basic('id-123456', 'nope') },
      401,
      'invalid_client',
    ],
    [
      'a wrong client id',
      `?grant_type=client_credentials`,
      { authorization: basic('other', 'secret-abcdef') },
      401,
      'invalid_client',
    ],
    ['no credentials', `?grant_type=client_credentials`, {}, 401, 'invalid_client'],
    ['no grant type', '', { authorization: basic('id-123456', 'secret-abcdef') }, 400, 'invalid_request'],
    [
      'another grant type',
      '?grant_type=password',
      { authorization: basic('id-123456', 'secret-abcdef') },
      400,
      'unsupported_grant_type',
    ],
  ])('refuses %s with an Apigee OAuth error', async (_why, query, headers, status, code) => {
    const response = await fake.fetch(`${BASE}/oauth/accesstoken${query}`, { headers });
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ ErrorCode: code });
  });
});

describe('createTrinetFake: bearer tokens, scopes and companies', () => {
  it('refuses /v1 without a token, or with an unknown one, with the gateway fault', async () => {
    const fake = createTrinetFake();
    for (const bearer of [undefined, 'not-a-token']) {
      const { status, body } = await get(fake, '/v1/manage-company/ABC/org-details', bearer);
      expect(status).toBe(401);
      expect(body).toEqual({
        fault: {
          faultstring: 'Invalid access token',
          detail: { errorcode: 'keymanagement.service.invalid_access_token' },
        },
      });
    }
  });

  it('expires tokens after their lifetime, on its clock', async () => {
    let clock = 1_700_000_000_000;
    const fake = createTrinetFake({ tokenLifetimeSeconds: 60, now: () => clock });
    const bearer = await token(fake);
    expect((await get(fake, '/v1/manage-company/ABC/org-details', bearer)).status).toBe(200);
    clock += 59_999;
    expect((await get(fake, '/v1/manage-company/ABC/org-details', bearer)).status).toBe(200);
    clock += 1;
    const expired = await get(fake, '/v1/manage-company/ABC/org-details', bearer);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({
      fault: { detail: { errorcode: 'keymanagement.service.access_token_expired' } },
    });
  });

  it('expireTokens() expires every token issued so far, not later ones', async () => {
    const fake = createTrinetFake();
    const old = await token(fake);
    fake.expireTokens();
    expect((await get(fake, '/v1/manage-company/ABC/org-details', old)).status).toBe(401);
    const fresh = await token(fake);
    expect((await get(fake, '/v1/manage-company/ABC/org-details', fresh)).status).toBe(200);
    expect(fake.stats.tokensIssued).toBe(2);
  });

  it('answers 403 with InsufficientScope when the token lacks the route scope', async () => {
    const fake = createTrinetFake({ scopes: ['basic-read'] });
    const bearer = await token(fake);
    expect((await get(fake, '/v1/company/ABC/departments', bearer)).status).toBe(200);
    const denied = await get(fake, '/v1/company/ABC/employees?offset=1', bearer);
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({
      fault: {
        faultstring: 'Required scope(s) : hr-admin-read',
        detail: { errorcode: 'steps.oauth.v2.InsufficientScope' },
      },
    });
    fake.setScopes(['basic-read', 'hr-admin-read']);
    expect((await get(fake, '/v1/company/ABC/employees?offset=1', await token(fake))).status).toBe(200);
  });

  it('answers 404 in the TriNet envelope for another company', async () => {
    const fake = createTrinetFake({ companyId: 'CJ6' });
    const bearer = await token(fake);
    const { status, body } = await get(fake, '/v1/manage-company/XYZ/org-details', bearer);
    expect(status).toBe(404);
    expect(body).toMatchObject({ _statusCode: '404', _statusText: 'Not Found', data: null });
    expect((await get(fake, '/v1/manage-company/CJ6/org-details', bearer)).body).toMatchObject({
      data: { companyId: 'CJ6', companyName: 'Acme Robotics', legalName: 'Acme Robotics, Inc.' },
    });
  });

  it('answers an unknown path with the gateway 404', async () => {
    const fake = createTrinetFake();
    const { status, body } = await get(fake, '/v1/companies/ABC/employees', await token(fake));
    expect(status).toBe(404);
    expect(body).toMatchObject({
      fault: { detail: { errorcode: 'messaging.adaptors.http.flow.ApplicationNotFound' } },
    });
  });
});

describe('createTrinetFake: the employees list', () => {
  const fake = createTrinetFake({ employees: Array.from({ length: 250 }, (_, i) => person(i + 1)) });

  it.each([
    [1, 100, true, '00000001'],
    [101, 100, true, '00000101'],
    [201, 50, false, '00000201'],
    [251, 0, false, undefined],
    [999, 0, false, undefined],
  ])('offset=%i: %i records, hasMore %s', async (offset, count, hasMore, firstId) => {
    const { status, body } = await get(
      fake,
      `/v1/company/ABC/employees?offset=${offset}&viewType=All`,
      await token(fake),
    );
    expect(status).toBe(200);
    const page = TrinetEmployeesPageSchema.parse(body);
    expect(page).toMatchObject({ _statusCode: '200', data: { employeesTotal: 250, hasMore } });
    expect(page.data.employeeData).toHaveLength(count);
    expect((page.data.employeeData[0] as { employeeId?: string } | undefined)?.employeeId).toBe(firstId);
  });

  it('starts at offset 1 when none is given', async () => {
    const { body } = await get(fake, '/v1/company/ABC/employees', await token(fake));
    expect(TrinetEmployeesPageSchema.parse(body).data.employeeData).toHaveLength(100);
  });

  it.each(['0', '-1', 'abc', '1.5'])('refuses offset=%s with a 400 envelope', async (offset) => {
    const { status, body } = await get(fake, `/v1/company/ABC/employees?offset=${offset}`, await token(fake));
    expect(status).toBe(400);
    expect(body).toMatchObject({ _statusCode: '400' });
  });

  it('renders the basic view by default and the all view for viewType=All', async () => {
    const bearer = await token(fake);
    const basicPage = TrinetEmployeesPageSchema.parse(
      (await get(fake, '/v1/company/ABC/employees', bearer)).body,
    );
    const allPage = TrinetEmployeesPageSchema.parse(
      (await get(fake, '/v1/company/ABC/employees?viewType=All', bearer)).body,
    );
    expect((basicPage.data.employeeData[0] as { employmentInfo: object }).employmentInfo).toHaveProperty(
      'departmentId',
      '100',
    );
    expect((allPage.data.employeeData[0] as { employmentInfo: object }).employmentInfo).toHaveProperty(
      'department',
      {
        deptId: '100',
        deptName: 'Engineering',
      },
    );
  });

  it('can leave employeesTotal out, as Apideck says TriNet does', async () => {
    const lean = createTrinetFake({ employees: [person(1)], employeesTotal: false });
    const { body } = await get(lean, '/v1/company/ABC/employees?offset=1', await token(lean));
    expect(body.data as object).not.toHaveProperty('employeesTotal');
  });
});

describe('createTrinetFake: rendering round-trips through the mapping', () => {
  const rich: Employee[] = [
    {
      id: '00000001',
      employeeNumber: 'E-1',
      firstName: 'Grace',
      lastName: 'Hopper',
      preferredName: 'Amazing',
      workEmail: 'grace@example.com',
      workPhone: '+14155552671',
      title: 'CEO',
      department: { id: '300', name: 'People' },
      location: { id: 'SF1', name: 'San Francisco' },
      employmentStatus: 'active',
      employmentType: 'full_time',
      startDate: '2015-01-05',
    },
    {
      id: '00000002',
      firstName: 'Ada',
      lastName: 'Lovelace',
      workEmail: 'ada@example.com',
      workPhone: '+442079460958',
      title: 'Engineer',
      department: { id: '100', name: 'Engineering' },
      location: { id: 'NYC1', name: 'New York' },
      managerId: '00000001',
      employmentStatus: 'terminated',
      employmentType: 'temporary',
      startDate: '2016-03-01',
      endDate: '2024-02-29',
    },
    ...(['part_time', 'contractor', 'intern', 'other'] as const).map((employmentType, i) =>
      person(10 + i, { employmentType, employmentStatus: 'leave', managerId: '00000001' }),
    ),
  ];
  const departments = new Map([
    ['100', 'Engineering'],
    ['300', 'People'],
  ]);
  const locations = new Map([
    ['SF1', 'San Francisco'],
    ['NYC1', 'New York'],
  ]);

  it.each(rich.map((e) => [e.id, e] as const))('all view: %s', (_id, employee) => {
    const result = mapTrinetEmployee(renderTrinetEmployee(employee, { view: 'all' }));
    expect(result).toEqual({ ok: true, employee, issues: [] });
  });

  it.each(rich.map((e) => [e.id, e] as const))(
    'basic view (units named from the lists, no endDate): %s',
    (_id, employee) => {
      const result = mapTrinetEmployee(renderTrinetEmployee(employee, { view: 'basic' }), {
        departments,
        locations,
      });
      const { endDate: _endDate, ...withoutEnd } = employee;
      expect(result).toEqual({ ok: true, employee: withoutEnd, issues: [] });
    },
  );

  it('a pending person is served as TriNet shows an early hire (A, future serviceDate) and read back as pending', () => {
    const pending = person(20, { employmentStatus: 'pending', startDate: '2025-03-01' });
    const record = renderTrinetEmployee(pending);
    expect(record.employmentInfo).toMatchObject({ employmentStatus: 'A', serviceDate: '2025-03-01' });
    expect(mapTrinetEmployee(record, { today: '2025-01-01' })).toEqual({
      ok: true,
      employee: pending,
      issues: [],
    });
  });

  it('serves a deliberately broken person as it is, for the adapter to catch', () => {
    const result = mapTrinetEmployee(renderTrinetEmployee(person(5, { lastName: '', workEmail: 'x at y' })));
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.code)).toEqual(['EMPLOYEE_INVALID_NAME', 'EMPLOYEE_INVALID_EMAIL']);
  });
});

describe('createTrinetFake: units, mutations, log and latency', () => {
  it('lists the people’s departments and locations unless given', async () => {
    const fake = createTrinetFake({
      employees: [person(1), person(2, { department: { id: '200', name: 'Sales' } })],
      locations: [{ id: 'SF1', name: 'San Francisco' }, { id: 'AUS1' }],
    });
    const bearer = await token(fake);
    expect((await get(fake, '/v1/company/ABC/departments', bearer)).body.data).toEqual([
      { deptId: '100', deptName: 'Engineering' },
      { deptId: '200', deptName: 'Sales' },
    ]);
    expect((await get(fake, '/v1/company/ABC/locations', bearer)).body.data).toEqual([
      expect.objectContaining({ locationId: 'SF1', locationName: 'San Francisco' }),
      expect.objectContaining({ locationId: 'AUS1', locationName: null }),
    ]);
    fake.setDepartments([{ id: '9' }]);
    expect((await get(fake, '/v1/company/ABC/departments', bearer)).body.data).toEqual([
      { deptId: '9', deptName: null },
    ]);
  });

  it('adds, updates and removes people, canonical and raw', async () => {
    const fake = createTrinetFake({
      employees: [person(1), person(2)],
      rawEmployees: [{ employeeId: '00000099' }],
    });
    fake.addEmployee(person(3));
    fake.addRawEmployee({ employeeId: 77, names: 'broken' });
    expect(fake.updateEmployee('00000002', { title: 'Boss', managerId: undefined })).toBe(true);
    expect(fake.updateEmployee('nobody', { title: 'x' })).toBe(false);
    expect(fake.removeEmployee('00000001')).toBe(true);
    expect(fake.removeEmployee('77')).toBe(true);
    expect(fake.removeEmployee('00000001')).toBe(false);
    const { body } = await get(fake, '/v1/company/ABC/employees?viewType=All', await token(fake));
    const ids = TrinetEmployeesPageSchema.parse(body).data.employeeData.map(
      (r) => (r as { employeeId: unknown }).employeeId,
    );
    expect(ids).toEqual(['00000002', '00000099', '00000003']);
    expect(fake.employees().map((e) => [e.id, e.title])).toEqual([
      ['00000002', 'Boss'],
      ['00000003', undefined],
    ]);
  });

  it('does not share objects with the caller', () => {
    const given = person(1);
    const fake = createTrinetFake({ employees: [given] });
    given.firstName = 'Changed';
    fake.employees()[0]!.lastName = 'Changed';
    expect(fake.employees()[0]).toMatchObject({ firstName: 'First1', lastName: 'Last1' });
  });

  it('logs every request with method, path, query, time and status', async () => {
    let clock = 1000;
    const fake = createTrinetFake({ now: () => clock++ });
    const bearer = await token(fake);
    await get(fake, '/v1/company/ABC/employees?offset=1&viewType=All', bearer);
    await get(fake, '/v1/company/ZZZ/locations', bearer);
    expect(fake.requests).toEqual([
      {
        method: 'GET',
        path: '/oauth/accesstoken',
        query: { grant_type: 'client_credentials' },
        time: 1000,
        status: 200,
      },
      {
        method: 'GET',
        path: '/v1/company/ABC/employees',
        query: { offset: '1', viewType: 'All' },
        time: 1002,
        status: 200,
      },
      { method: 'GET', path: '/v1/company/ZZZ/locations', query: {}, time: 1004, status: 404 },
    ]);
    fake.resetStats();
    expect(fake.requests).toEqual([]);
  });

  it('adds latency per request and counts requests in flight', async () => {
    vi.useFakeTimers();
    const fake = createTrinetFake({ latencyMs: 50 });
    const pending = Promise.all([1, 2, 3].map(() => fake.fetch(`${BASE}/v1/company/ABC/locations`)));
    let settled = false;
    void pending.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(49);
    expect(settled).toBe(false);
    expect(fake.stats.inFlight).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    const responses = await pending;
    expect(responses.map((r) => r.status)).toEqual([401, 401, 401]);
    expect(fake.stats).toMatchObject({ inFlight: 0, maxInFlight: 3 });
  });

  it('stops waiting when the request is aborted', async () => {
    vi.useFakeTimers();
    const fake = createTrinetFake({ latencyMs: () => 10_000 });
    const controller = new AbortController();
    const pending = fake.fetch(`${BASE}/v1/company/ABC/locations`, { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    expect(fake.stats.inFlight).toBe(0);
  });
});
