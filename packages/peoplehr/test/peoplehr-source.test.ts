import { HrSyncError } from '@hrsync/core';
import { describe, expect, it } from 'vitest';
import { createPeopleHrRateBudget, sharedPeopleHrRateBudget } from '../src/peoplehr-rate-budget.ts';
import { createPeopleHrSource, type PeopleHrSourceOptions } from '../src/peoplehr-source.ts';
import { PEOPLEHR_READ_ACTIONS } from '../src/peoplehr-wire.ts';
import { createPeopleHrFake, type PeopleHrFake } from '../src/testing/index.ts';
import company from './fixtures/company-information.json' with { type: 'json' };
import invalidKey from './fixtures/error-invalid-key.json' with { type: 'json' };
import rateLimit from './fixtures/error-rate-limit.json' with { type: 'json' };
import all from './fixtures/get-all-employee-detail.json' with { type: 'json' };
import byId from './fixtures/get-employee-by-id.json' with { type: 'json' };
import noRecords from './fixtures/no-records-found.json' with { type: 'json' };

const NOW = () => new Date('2024-06-01T12:00:00Z');
let keyCounter = 0;
// Each test gets its own key, so that the process-wide budget of one test never slows another.
const freshKey = () => `key-${Date.now()}-${++keyCounter}`;

/** A fetch that answers every call with the given bodies in turn (the last one repeats), recording the requests. */
function scripted(...bodies: unknown[]) {
  const requests: { body: Record<string, unknown>; headers: Headers; url: string }[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push({
      body: (await request.json()) as Record<string, unknown>,
      headers: request.headers,
      url: request.url,
    });
    const body = bodies[Math.min(requests.length - 1, bodies.length - 1)];
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

function sourceWith(fetch: typeof globalThis.fetch, extra: Partial<PeopleHrSourceOptions> = {}) {
  return createPeopleHrSource({
    apiKey: 'secret-key-1234',
    fetch,
    now: NOW,
    rateBudget: createPeopleHrRateBudget(),
    retry: { limit: 0 },
    ...extra,
  });
}

function fakeAndSource(extra: Partial<PeopleHrSourceOptions> = {}): {
  fake: PeopleHrFake;
  source: ReturnType<typeof createPeopleHrSource>;
  apiKey: string;
} {
  const apiKey = freshKey();
  const fake = createPeopleHrFake({ apiKeys: [apiKey], now: () => NOW().getTime() });
  const source = createPeopleHrSource({ apiKey, fetch: fake.fetch, now: NOW, ...extra });
  return { fake, source, apiKey };
}

async function rejection(promise: Promise<unknown>): Promise<HrSyncError> {
  try {
    await promise;
  } catch (error) {
    if (HrSyncError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('createPeopleHrSource: options', () => {
  it('refuses an empty key with CONFIG_INVALID', () => {
    expect(() => createPeopleHrSource({ apiKey: '  ' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });

  it('describes itself', () => {
    const source = sourceWith(scripted(company).fetch);
    expect(source.id).toBe('peoplehr');
    expect(source.displayName).toBe('People HR');
    expect(source.capabilities).toEqual({ webhooks: true, getEmployee: true, incremental: false });
  });
});

describe('createPeopleHrSource: the transport', () => {
  it('POSTs JSON to /Employee with APIKey and Action in the body and a browser-like User-Agent', async () => {
    const { fetch, requests } = scripted(company);
    const result = await sourceWith(fetch).verify();
    expect(result).toEqual({ ok: true, companyName: 'Northwind Trading Ltd', companyId: '13246' });
    const [request] = requests;
    expect(request?.url).toBe('https://api.peoplehr.net/Employee');
    expect(request?.body).toEqual({ APIKey: 'secret-key-1234', Action: 'GetCompanyInformation' });
    expect(request?.headers.get('user-agent')).toMatch(/^Mozilla\/5\.0 /);
    expect(request?.headers.get('authorization')).toBeNull();
  });

  it('maps "Invalid API Key." (HTTP 200, isError true) to AUTH_INVALID_CREDENTIALS without the key', async () => {
    const error = await rejection(sourceWith(scripted(invalidKey).fetch).verify());
    expect(error.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Invalid API Key.');
    expect(JSON.stringify(error)).not.toContain('secret-key-1234');
    expect(error.message).not.toContain('secret-key-1234');
  });

  it('maps a rate-limit message to RATE_LIMITED, retryable, and retries it', async () => {
    const once = await rejection(sourceWith(scripted(rateLimit).fetch).fetchSnapshot());
    expect(once.code).toBe('RATE_LIMITED');
    expect(once.retryable).toBe(true);

    const { fetch, requests } = scripted(rateLimit, all);
    const snapshot = await sourceWith(fetch, { retry: { limit: 2, baseDelayMs: 1 } }).fetchSnapshot();
    expect(requests).toHaveLength(2);
    expect(snapshot.employees).toHaveLength(4);
  });

  it('maps a missing permission to AUTH_PERMISSION_DENIED naming the permissions to tick', async () => {
    const { source, apiKey, fake } = fakeAndSource();
    fake.revokeApiKey(apiKey);
    fake.addApiKey({ key: apiKey, permissions: ['GetCompanyInformation'] });
    await expect(source.verify()).resolves.toMatchObject({ ok: true });
    const error = await rejection(source.fetchSnapshot());
    expect(error.code).toBe('AUTH_PERMISSION_DENIED');
    expect(error.message).toContain('Get All Employee Detail');
  });

  it('reads "No records found." as an empty, complete roster, with or without isError', async () => {
    for (const body of [noRecords, { ...noRecords, isError: true, Result: null }]) {
      const snapshot = await sourceWith(scripted(body).fetch).fetchSnapshot();
      expect(snapshot).toMatchObject({ source: 'peoplehr', complete: true, employees: [], issues: [] });
    }
  });

  it('refuses an envelope without a boolean isError, and an unknown error, as INVALID_RESPONSE', async () => {
    const missing = await rejection(
      sourceWith(scripted({ Status: 0, Message: 'ok', Result: [] }).fetch).fetchSnapshot(),
    );
    expect(missing.code).toBe('INVALID_RESPONSE');
    const unknown = await rejection(
      sourceWith(scripted({ isError: true, Status: 3, Message: 'Something odd.' }).fetch).fetchSnapshot(),
    );
    expect(unknown.code).toBe('INVALID_RESPONSE');
    expect(unknown.message).toContain('Something odd.');
    const notList = await rejection(
      sourceWith(scripted({ isError: false, Status: 0, Message: 'ok', Result: 'x' }).fetch).fetchSnapshot(),
    );
    expect(notList.code).toBe('INVALID_RESPONSE');
  });

  it('reports a CDN refusal (HTML 403) as CONFIG_INVALID', async () => {
    const { source } = fakeAndSource({ userAgent: 'node' });
    const error = await rejection(source.verify());
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/User-Agent/);
  });
});

describe('createPeopleHrSource: reading people', () => {
  it('reads the fixture roster: valid people, skipped people as issues, managers as unique keys', async () => {
    const { fetch, requests } = scripted(all);
    const snapshot = await sourceWith(fetch).fetchSnapshot();
    expect(requests[0]?.body).toEqual({
      APIKey: 'secret-key-1234',
      Action: 'GetAllEmployeeDetail',
      IncludeLeavers: true,
    });
    expect(snapshot.complete).toBe(true);
    expect(snapshot.employees.map((e) => [e.employeeNumber, e.employmentStatus])).toEqual([
      ['PW1', 'active'],
      ['PW2', 'active'],
      ['PW3', 'terminated'],
      ['S20', 'active'],
    ]);
    const pw1 = snapshot.employees[0]?.id;
    expect(pw1).toBe('0b0c7a4e-8f5e-4b52-9d0f-5a3c2b1e6f01');
    expect(snapshot.employees.slice(1).map((e) => e.managerId)).toEqual([pw1, pw1, pw1]);
    expect(snapshot.issues.map((i) => [i.code, i.field, i.message.slice(0, 12)])).toEqual([
      ['EMPLOYEE_MISSING_REQUIRED_FIELD', 'lastName', 'Employee PW5'],
      ['EMPLOYEE_MISSING_REQUIRED_FIELD', 'workEmail', 'Employee PW6'],
    ]);
  });

  it('still names a manager who was skipped, by unique key (the plan engine reports it)', async () => {
    const result = (all.Result as Record<string, unknown>[]).map((r) =>
      (r.EmployeeId as { DisplayValue: string }).DisplayValue === 'PW1'
        ? { ...r, EmailId: { DisplayValue: '' } }
        : r,
    );
    const snapshot = await sourceWith(scripted({ ...all, Result: result }).fetch).fetchSnapshot();
    expect(snapshot.employees.find((e) => e.employeeNumber === 'PW2')?.managerId).toBe(
      '0b0c7a4e-8f5e-4b52-9d0f-5a3c2b1e6f01',
    );
  });

  it('warns MANAGER_NOT_FOUND for a manager People HR does not have', async () => {
    const result = [{ ...(byId.Result as object), ReportsToEmployeeId: { DisplayValue: 'GONE1' } }];
    const snapshot = await sourceWith(scripted({ ...all, Result: result }).fetch).fetchSnapshot();
    expect(snapshot.employees[0]?.managerId).toBeUndefined();
    expect(snapshot.issues.map((i) => i.code)).toEqual(['MANAGER_NOT_FOUND']);
  });

  it('skips both records that share a unique key with EMPLOYEE_DUPLICATE_ID', async () => {
    const twin = { ...(byId.Result as object), EmployeeId: { DisplayValue: 'PW99' } };
    const snapshot = await sourceWith(
      scripted({ ...all, Result: [byId.Result, twin] }).fetch,
    ).fetchSnapshot();
    expect(snapshot.employees).toEqual([]);
    expect(snapshot.issues.map((i) => i.code)).toEqual(['EMPLOYEE_DUPLICATE_ID', 'EMPLOYEE_DUPLICATE_ID']);
  });

  it('streams the same read with employees(), keeps raw payloads on request, and reports progress', async () => {
    const counts: number[] = [];
    const records = [];
    for await (const record of sourceWith(scripted(all).fetch).employees({
      includeRaw: true,
      onRecord: (n) => counts.push(n),
    })) {
      records.push(record);
    }
    expect(records.map((r) => r.type)).toEqual([
      'issue',
      'issue',
      'employee',
      'employee',
      'employee',
      'employee',
    ]);
    expect(records.every((r) => 'raw' in r && r.raw !== undefined)).toBe(true);
    expect(counts).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads one person by EmployeeId, resolving the manager with one more look-up when it must', async () => {
    const { source, fake } = fakeAndSource();
    const record = await source.getEmployeeByEmployeeId('PW2');
    expect(record?.type === 'employee' && record.employee.managerId).toBe(fake.uniqueKeyOf('PW1'));
    expect(fake.actions).toEqual(['GetEmployeeDetailById', 'GetEmployeeDetailById']);
    expect(fake.calls.map((c) => c.body.EmployeeId)).toEqual(['PW2', 'PW1']);
    fake.clearCalls();
    await source.getEmployeeByEmployeeId('PW4'); // PW4 reports to PW2, now known
    expect(fake.actions).toEqual(['GetEmployeeDetailById']);
    expect(await source.getEmployeeByEmployeeId('NOPE')).toBeUndefined();
  });

  it('reads one person by unique key: a full read when the key is unknown, by id after, and after a rename', async () => {
    const { source, fake } = fakeAndSource();
    const key = fake.uniqueKeyOf('PW2') as string;
    const first = await source.getEmployee(key);
    expect(first?.type === 'employee' && first.employee.employeeNumber).toBe('PW2');
    expect(fake.actions).toEqual(['GetAllEmployeeDetail']);

    fake.clearCalls();
    await source.getEmployee(key);
    expect(fake.actions).toEqual(['GetEmployeeDetailById']);

    fake.renameEmployeeId('PW2', 'PW200');
    fake.clearCalls();
    const renamed = await source.getEmployee(key);
    expect(renamed?.type === 'employee' && renamed.employee.employeeNumber).toBe('PW200');
    expect(fake.actions).toEqual(['GetEmployeeDetailById', 'GetAllEmployeeDetail']);

    fake.deleteEmployee('PW200');
    expect(await source.getEmployee(key)).toBeUndefined();
  });

  it('never sends a write action, whatever it is asked to do', async () => {
    const { source, fake } = fakeAndSource();
    await source.verify();
    await source.fetchSnapshot();
    await source.getEmployee(fake.uniqueKeyOf('PW3') as string);
    await source.getEmployeeByEmployeeId('S20');
    await source.listUniqueKeys();
    expect(fake.actions.length).toBeGreaterThan(4);
    for (const action of fake.actions) expect(PEOPLEHR_READ_ACTIONS).toContain(action);
  });

  it('reads the fake’s leavers (IncludeLeavers) so they can be archived', async () => {
    const { source } = fakeAndSource();
    const snapshot = await source.fetchSnapshot();
    expect(snapshot.employees.find((e) => e.employeeNumber === 'PW3')?.employmentStatus).toBe('terminated');
    expect(snapshot.employees).toHaveLength(5);
  });
});

describe('key replacement', () => {
  it('a revoked key fails with AUTH_INVALID_CREDENTIALS; a new source with the new key syncs in full', async () => {
    const { source: old, fake, apiKey } = fakeAndSource();
    expect((await old.fetchSnapshot()).employees).toHaveLength(5);
    fake.revokeApiKey(apiKey);
    expect((await rejection(old.verify())).code).toBe('AUTH_INVALID_CREDENTIALS');
    expect((await rejection(old.fetchSnapshot())).code).toBe('AUTH_INVALID_CREDENTIALS');

    const newKey = freshKey();
    fake.addApiKey(newKey);
    const replacement = createPeopleHrSource({ apiKey: newKey, fetch: fake.fetch, now: NOW });
    await expect(replacement.verify()).resolves.toMatchObject({
      ok: true,
      companyName: 'Northwind Trading Ltd',
    });
    const snapshot = await replacement.fetchSnapshot();
    expect(snapshot.complete).toBe(true);
    expect(snapshot.employees).toHaveLength(5);
    expect(fake.calls.filter((c) => c.apiKey === newKey).map((c) => c.outcome)).toEqual(['ok', 'ok']);
    // The new key has its own budget; the old key's is not reused.
    expect(replacement.rateBudget).not.toBe(old.rateBudget);
  });
});

describe('the shared rate budget', () => {
  it('is one budget per API key and base URL, shared by every source built with it', () => {
    const key = freshKey();
    const a = createPeopleHrSource({ apiKey: key });
    const b = createPeopleHrSource({ apiKey: key });
    expect(a.rateBudget).toBe(b.rateBudget);
    expect(a.rateBudget).toBe(sharedPeopleHrRateBudget('https://api.peoplehr.net/', key));
    expect(createPeopleHrSource({ apiKey: freshKey() }).rateBudget).not.toBe(a.rateBudget);
    expect(createPeopleHrSource({ apiKey: key, baseUrl: 'https://proxy.test' }).rateBudget).not.toBe(
      a.rateBudget,
    );
    expect(a.rateBudget).toMatchObject({ limit: 30, windowMs: 60_000 });
  });

  it('takes a budget the host passes instead', () => {
    const budget = createPeopleHrRateBudget({ callsPerMinute: 20 });
    expect(createPeopleHrSource({ apiKey: freshKey(), rateBudget: budget }).rateBudget).toBe(budget);
  });
});

describe('the EmployeeId directory', () => {
  const person = (employeeId: string, uniqueKey: string, reportsTo = '') => ({
    EmployeeId: { DisplayValue: employeeId },
    FirstName: { DisplayValue: 'Pat' },
    LastName: { DisplayValue: uniqueKey },
    EmailId: { DisplayValue: `${uniqueKey}@example.com` },
    ReportsToEmployeeId: { DisplayValue: reportsTo },
    LeavingDate: '',
    UniqueKey: uniqueKey,
  });
  const envelope = (result: unknown[]) => ({ isError: false, Status: 0, Message: 'ok', Result: result });

  it('follows EmployeeIds swapped between two people from one read to the next', async () => {
    // First read: A is PW1, B is PW2 (reporting to PW1). Second read: the ids are swapped, B now reports to PW2.
    const { fetch } = scripted(
      envelope([person('PW1', 'key-a'), person('PW2', 'key-b', 'PW1')]),
      envelope([person('PW2', 'key-a'), person('PW1', 'key-b', 'PW2')]),
    );
    const source = sourceWith(fetch);
    await source.fetchSnapshot();
    expect(source.uniqueKeyOf('PW1')).toBe('key-a');
    const second = await source.fetchSnapshot();
    expect(source.uniqueKeyOf('PW1')).toBe('key-b');
    expect(source.uniqueKeyOf('PW2')).toBe('key-a');
    expect(second.employees.find((e) => e.id === 'key-b')?.managerId).toBe('key-a');
  });

  it('learns a large roster in linear time (a directory scan per record was quadratic)', async () => {
    const roster = (n: number) => envelope(Array.from({ length: n }, (_, i) => person(`PW${i}`, `key-${i}`)));
    const timeRead = async (n: number) => {
      const source = sourceWith(scripted(roster(n)).fetch);
      const started = performance.now();
      const snapshot = await source.fetchSnapshot();
      expect(snapshot.employees).toHaveLength(n);
      return performance.now() - started;
    };
    await timeRead(2_000); // warm-up
    const small = await timeRead(10_000);
    const large = await timeRead(80_000);
    // Linear: 4x to 6x measured. The quadratic scan measured 28x.
    expect(large / small).toBeLessThan(15);
  }, 60_000);
});
