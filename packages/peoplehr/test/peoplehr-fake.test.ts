import { describe, expect, it } from 'vitest';
import { PeopleHrEmployeeSchema, PeopleHrEnvelopeSchema } from '../src/peoplehr-wire.ts';
import { createPeopleHrFake, type PeopleHrFake } from '../src/testing/index.ts';
import byId from './fixtures/get-employee-by-id.json' with { type: 'json' };
import noRecords from './fixtures/no-records-found.json' with { type: 'json' };

const UA = 'Mozilla/5.0 (compatible; test)';

interface Body {
  isError: boolean;
  Status?: number;
  Message?: string;
  Result?: unknown;
}

async function call(fake: PeopleHrFake, body: unknown, init: { ua?: string | null; path?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.ua !== null) headers['user-agent'] = init.ua ?? UA;
  const response = await fake.handler(
    new Request(`https://api.peoplehr.net${init.path ?? '/Employee'}`, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
  return {
    status: response.status,
    text: await response.clone().text(),
    json: () => response.json() as Promise<Body>,
  };
}

const all = (fake: PeopleHrFake, extra: Record<string, unknown> = {}) =>
  call(fake, { APIKey: 'test-api-key', Action: 'GetAllEmployeeDetail', ...extra }).then((r) => r.json());

function numbers(body: { Result?: unknown }): string[] {
  return (body.Result as { EmployeeId: { DisplayValue: string } }[]).map((r) => r.EmployeeId.DisplayValue);
}

describe('createPeopleHrFake: the API', () => {
  it('answers an unknown key with HTTP 200 and a lower-case isError', async () => {
    const fake = createPeopleHrFake();
    const response = await call(fake, { APIKey: 'nope', Action: 'GetCompanyInformation' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      isError: true,
      Status: 10,
      Message: 'Invalid API Key.',
      Result: null,
    });
    expect(fake.calls[0]?.outcome).toBe('invalid-key');
  });

  it('serves company information', async () => {
    const fake = createPeopleHrFake();
    const body = await call(fake, { APIKey: 'test-api-key', Action: 'GetCompanyInformation' }).then((r) =>
      r.json(),
    );
    expect(body).toMatchObject({
      isError: false,
      Status: 0,
      Result: { CompanyId: 13246, SubDomain: 'northwind', CompanyName: 'Northwind Trading Ltd' },
    });
  });

  it('leaves past leavers out unless IncludeLeavers is true (boolean or string)', async () => {
    const fake = createPeopleHrFake({ now: () => Date.parse('2024-06-01T12:00:00Z') });
    expect(numbers(await all(fake))).toEqual(['PW1', 'PW2', 'S20', 'PW4']);
    expect(numbers(await all(fake, { IncludeLeavers: 'false' }))).toEqual(['PW1', 'PW2', 'S20', 'PW4']);
    expect(numbers(await all(fake, { IncludeLeavers: true }))).toEqual(['PW1', 'PW2', 'PW3', 'S20', 'PW4']);
    expect(numbers(await all(fake, { IncludeLeavers: 'true' }))).toHaveLength(5);
  });

  it('renders people with the fixture’s shape: DisplayValue objects, plain-string LeavingDate and UniqueKey', async () => {
    const fake = createPeopleHrFake();
    const body = await call(fake, {
      APIKey: 'test-api-key',
      Action: 'GetEmployeeDetailById',
      EmployeeId: 'PW2',
    }).then((r) => r.json());
    expect(PeopleHrEnvelopeSchema.parse(body).isError).toBe(false);
    const record = body.Result as Record<string, unknown>;
    expect(PeopleHrEmployeeSchema.safeParse(record).success).toBe(true);
    const fixture = byId.Result as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      expect(Object.hasOwn(fixture, key), key).toBe(true);
      expect(typeof value, key).toBe(typeof fixture[key]);
    }
    expect(record.LeavingDate).toBe('');
    expect(record.UniqueKey).toBe('24454418-4f5c-458d-91d8-394f9fc45eed');
    expect(record.ReportsToEmployeeId).toEqual({ DisplayValue: 'PW1' });
    expect(record.EmailId).toEqual({ DisplayValue: 'cormac.mccarthy@northwind.example', FieldHistory: [] });
  });

  it('answers "No records found." without a Result for an unknown id and an empty company', async () => {
    const fake = createPeopleHrFake();
    const body = await call(fake, {
      APIKey: 'test-api-key',
      Action: 'GetEmployeeDetailById',
      EmployeeId: 'X',
    }).then((r) => r.json());
    expect(body).toEqual(noRecords);
    expect(await all(createPeopleHrFake({ people: [] }))).toEqual(noRecords);
  });

  it('limits each key to 30 calls in any minute, with an HTTP 200 error', async () => {
    let t = 0;
    const fake = createPeopleHrFake({ now: () => t, apiKeys: ['test-api-key', 'other'] });
    for (let i = 0; i < 30; i++) {
      t = i * 1000;
      expect((await all(fake)).isError).toBe(false);
    }
    t = 59_000;
    const over = await call(fake, { APIKey: 'test-api-key', Action: 'GetAllEmployeeDetail' });
    expect(over.status).toBe(200);
    expect(await over.json()).toMatchObject({ isError: true, Message: expect.stringMatching(/limit/i) });
    // Another key has its own budget.
    expect(
      (await call(fake, { APIKey: 'other', Action: 'GetCompanyInformation' }).then((r) => r.json())).isError,
    ).toBe(false);
    t = 60_000; // the first call left the window
    expect((await all(fake)).isError).toBe(false);
    expect(fake.calls.filter((c) => c.outcome === 'rate-limited')).toHaveLength(1);
  });

  it('records and refuses write actions, and unknown actions', async () => {
    const fake = createPeopleHrFake();
    const write = await call(fake, { APIKey: 'test-api-key', Action: 'MarkAsLeaverById', EmployeeId: 'PW2' });
    expect((await write.json()).isError).toBe(true);
    await call(fake, { APIKey: 'test-api-key', Action: 'Nope' });
    expect(fake.actions).toEqual(['MarkAsLeaverById', 'Nope']);
    expect(fake.employee('PW2')?.LeavingDate).toBe('');
  });

  it('answers a key without a permission with an error', async () => {
    const fake = createPeopleHrFake({ apiKeys: [{ key: 'k', permissions: ['GetCompanyInformation'] }] });
    const body = await call(fake, { APIKey: 'k', Action: 'GetAllEmployeeDetail' }).then((r) => r.json());
    expect(body).toMatchObject({ isError: true, Message: expect.stringMatching(/permission/i) });
  });

  it('blocks requests without a browser-like User-Agent with a CDN 403', async () => {
    const fake = createPeopleHrFake();
    expect(
      (await call(fake, { APIKey: 'test-api-key', Action: 'GetCompanyInformation' }, { ua: null })).status,
    ).toBe(403);
    expect(
      (await call(fake, { APIKey: 'test-api-key', Action: 'GetCompanyInformation' }, { ua: 'node' })).status,
    ).toBe(403);
    const relaxed = createPeopleHrFake({ requireBrowserUserAgent: false });
    expect(
      (await call(relaxed, { APIKey: 'test-api-key', Action: 'GetCompanyInformation' }, { ua: null })).status,
    ).toBe(200);
  });

  it('serves /Employee with a path suffix, in any case; 404 elsewhere; a bad body is an HTTP 200 error', async () => {
    const fake = createPeopleHrFake();
    const suffix = await call(
      fake,
      { APIKey: 'test-api-key', Action: 'GetCompanyInformation' },
      { path: '/employee/X' },
    );
    expect((await suffix.json()).isError).toBe(false);
    expect((await call(fake, {}, { path: '/Holiday' })).status).toBe(404);
    const bad = await call(fake, '{not json');
    expect(bad.status).toBe(200);
    expect((await bad.json()).isError).toBe(true);
  });

  it('serves any host through fake.fetch', async () => {
    const fake = createPeopleHrFake();
    const response = await fake.fetch('https://elsewhere.test/Employee', {
      method: 'POST',
      headers: { 'user-agent': UA },
      body: JSON.stringify({ APIKey: 'test-api-key', Action: 'GetCompanyInformation' }),
    });
    expect(((await response.json()) as Body).isError).toBe(false);
  });
});

describe('createPeopleHrFake: changes and events', () => {
  it('adds, updates, marks leavers, renames and deletes, returning People HR’s events', async () => {
    const fake = createPeopleHrFake({ now: () => Date.parse('2024-06-01T12:00:00Z') });
    expect(
      fake.addEmployee({
        employeeId: 'PW21',
        firstName: 'Ada',
        lastName: 'Byron',
        email: 'ada@x.example',
        reportsTo: 'PW2',
      }),
    ).toEqual({ ActionId: 1, Action: 'New Starter Added', EmployeeId: 'PW21' });
    expect(fake.employee('PW21')?.ReportsToEmployeeId).toEqual({ DisplayValue: 'PW2' });

    expect(fake.updateEmployee('PW21', { knownAs: 'Am' })).toEqual({
      ActionId: 2,
      Action: 'Employee Detail Updated',
      EmployeeId: 'PW21',
      FieldName: 'Known As',
      NewValue: 'Am',
      OldValue: '',
      Reason: '',
    });
    expect(fake.markLeaver('PW21')).toEqual({ ActionId: 3, Action: 'Marked Leaver', EmployeeId: 'PW21' });
    expect(fake.employee('PW21')?.LeavingDate).toBe('2024-05-31');

    const key = fake.uniqueKeyOf('PW2');
    fake.renameEmployeeId('PW2', 'PW200');
    expect(fake.uniqueKeyOf('PW200')).toBe(key);
    expect(fake.employee('PW21')?.ReportsToEmployeeId).toEqual({ DisplayValue: 'PW200' });

    expect(fake.deleteEmployee('PW21')).toEqual({
      ActionId: 18,
      Action: 'Employee Deleted',
      EmployeeId: 'PW21',
    });
    expect(fake.employee('PW21')).toBeUndefined();
    expect(() => fake.deleteEmployee('PW21')).toThrow();
  });

  it('revokes and adds keys', async () => {
    const fake = createPeopleHrFake();
    fake.revokeApiKey('test-api-key');
    expect((await all(fake)).Message).toBe('Invalid API Key.');
    fake.addApiKey('new-key');
    const body = await call(fake, { APIKey: 'new-key', Action: 'GetCompanyInformation' }).then((r) =>
      r.json(),
    );
    expect(body.isError).toBe(false);
  });

  it.each([
    ['json', 'application/json', '{"ActionId":1,"EmployeeId":"PW21","Action":"New Starter Added"}'],
    ['form', 'application/x-www-form-urlencoded', 'ActionId=1&EmployeeId=PW21&Action=New+Starter+Added'],
    ['text', 'text/plain; charset=utf-8', 'ActionId:1, EmployeeId:PW21, Action:New Starter Added'],
  ] as const)('sends a webhook event as %s', async (format, contentType, body) => {
    const fake = createPeopleHrFake();
    const received: Request[] = [];
    const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      received.push(new Request(input, init));
      return new Response(null, { status: 202 });
    }) as typeof globalThis.fetch;
    const response = await fake.sendWebhook(
      'https://host.example/hooks/peoplehr?secret=s',
      { ActionId: 1, EmployeeId: 'PW21' },
      {
        format,
        fetch,
      },
    );
    expect(response.status).toBe(202);
    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.headers.get('content-type')).toBe(contentType);
    expect(await request?.text()).toBe(body);
  });
});
