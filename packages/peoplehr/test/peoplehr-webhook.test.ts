import { createFetch, withFaults } from '@hrsync/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type PeopleHrChange, planPeopleHrChange } from '../src/peoplehr-change.ts';
import { createPeopleHrSource, type PeopleHrSourceOptions } from '../src/peoplehr-source.ts';
import {
  createPeopleHrWebhookHandler,
  createPeopleHrWebhookUrl,
  type PeopleHrWebhookHandlerOptions,
  parsePeopleHrEventBody,
} from '../src/peoplehr-webhook.ts';
import type { PeopleHrWebhookEvent } from '../src/peoplehr-wire.ts';
import {
  createPeopleHrFake,
  type PeopleHrFakeEvent,
  type PeopleHrWebhookFormat,
} from '../src/testing/index.ts';

const SECRET = 'webhook-secret-0123456789abcdef';
const URL_OK = `https://host.example/hooks/peoplehr?secret=${SECRET}`;
let keyCounter = 0;

function setup(
  options: Partial<PeopleHrWebhookHandlerOptions> = {},
  sourceOptions: Partial<PeopleHrSourceOptions> = {},
) {
  const apiKey = `wh-key-${Date.now()}-${++keyCounter}`;
  const fake = createPeopleHrFake({ apiKeys: [apiKey] });
  const source = createPeopleHrSource({ apiKey, fetch: fake.fetch, ...sourceOptions });
  const changes: PeopleHrChange[] = [];
  const errors: unknown[] = [];
  const outcomes: [number, string][] = [];
  const handler = createPeopleHrWebhookHandler({
    secret: SECRET,
    source,
    onChange: (change) => {
      changes.push(change);
    },
    onError: (error) => errors.push(error),
    onEvent: (event, outcome) => outcomes.push([event.ActionId, outcome]),
    ...options,
  });
  const toHandler = (async (input: string | URL | Request, init?: RequestInit) =>
    handler(new Request(input, init))) as typeof fetch;
  const deliver = (event: PeopleHrFakeEvent, format: PeopleHrWebhookFormat = 'json', url: string = URL_OK) =>
    fake.sendWebhook(url, event, { format, fetch: toHandler });
  return { apiKey, fake, source, handler, changes, errors, outcomes, deliver };
}

const post = (
  body: NonNullable<RequestInit['body']> | null,
  headers: Record<string, string> = {},
  url = URL_OK,
) =>
  new Request(url, {
    method: 'POST',
    body,
    headers,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  });

afterEach(() => {
  vi.useRealTimers();
});

describe('authentication', () => {
  it.each([
    ['a wrong secret', 'https://host.example/hooks/peoplehr?secret=nope'],
    ['a secret one character short', `https://host.example/hooks/peoplehr?secret=${SECRET.slice(0, -1)}`],
    ['no secret', 'https://host.example/hooks/peoplehr'],
    ['an empty secret', 'https://host.example/hooks/peoplehr?secret='],
  ])('answers %s with a bare 401 and does nothing', async (_, url) => {
    const { deliver, fake, changes, handler } = setup();
    const response = await deliver({ ActionId: 1, EmployeeId: 'PW2' }, 'json', url);
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('');
    await handler.idle();
    expect(fake.calls).toEqual([]);
    expect(changes).toEqual([]);
  });

  it('accepts any of several secrets while a URL is being replaced, and drops the old one after', async () => {
    const oldUrl = createPeopleHrWebhookUrl('https://host.example/hooks/peoplehr');
    const newUrl = createPeopleHrWebhookUrl('https://host.example/hooks/peoplehr');
    expect(newUrl.secret).not.toBe(oldUrl.secret);
    const both = setup({ secret: [oldUrl.secret, newUrl.secret] });
    expect((await both.deliver({ ActionId: 4, EmployeeId: 'PW2' }, 'json', oldUrl.url)).status).toBe(200);
    expect((await both.deliver({ ActionId: 4, EmployeeId: 'PW2' }, 'json', newUrl.url)).status).toBe(200);
    const rotated = setup({ secret: newUrl.secret });
    expect((await rotated.deliver({ ActionId: 4, EmployeeId: 'PW2' }, 'json', oldUrl.url)).status).toBe(401);
    expect((await rotated.deliver({ ActionId: 4, EmployeeId: 'PW2' }, 'json', newUrl.url)).status).toBe(200);
  });

  it('refuses to start without a secret', () => {
    expect(() => setup({ secret: '' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('answers a GET with the right secret with 405', async () => {
    const { handler } = setup();
    expect((await handler(new Request(URL_OK))).status).toBe(405);
  });
});

describe('createPeopleHrWebhookUrl', () => {
  it('adds a fresh 256-bit base64url secret to the base URL, keeping its query', () => {
    const { url, secret } = createPeopleHrWebhookUrl('https://app.example/hooks/peoplehr/acme?x=1');
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new URL(url).searchParams.get('secret')).toBe(secret);
    expect(new URL(url).searchParams.get('x')).toBe('1');
    expect(createPeopleHrWebhookUrl('https://a.example/').secret).not.toBe(secret);
  });
});

describe('person events', () => {
  it('New Starter Added (1): acknowledges at once, re-reads by id, hands over the new person', async () => {
    const { fake, deliver, handler, changes, source } = setup();
    const event = fake.addEmployee({
      employeeId: 'PW21',
      firstName: 'Ada',
      lastName: 'Byron',
      email: 'Ada@Northwind.example',
      jobRole: 'Analyst',
      reportsTo: 'PW2',
      startDate: '2024-09-02',
    });
    const response = await deliver(event);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, status: 'accepted' });
    await handler.idle();
    expect(handler.pending).toBe(0);
    expect(changes).toHaveLength(1);
    const change = changes[0];
    expect(change?.type).toBe('upsert');
    if (change?.type !== 'upsert') return;
    expect(change.employee).toMatchObject({
      id: fake.uniqueKeyOf('PW21'),
      employeeNumber: 'PW21',
      workEmail: 'ada@northwind.example',
      managerId: fake.uniqueKeyOf('PW2'),
      employmentStatus: 'active',
    });
    expect(change.events).toEqual([{ ActionId: 1, Action: 'New Starter Added', EmployeeId: 'PW21' }]);
    expect(fake.actions.every((a) => a === 'GetEmployeeDetailById')).toBe(true);
    expect(source.uniqueKeyOf('PW21')).toBe(fake.uniqueKeyOf('PW21'));
  });

  it('Employee Detail Updated (2): re-reads, and never trusts the event’s values', async () => {
    const { fake, deliver, handler, changes } = setup();
    const event = fake.updateEmployee('PW4', { jobRole: 'Staff Engineer' });
    await deliver({ ...event, NewValue: 'Something else entirely' });
    await handler.idle();
    expect(changes[0]?.type === 'upsert' && changes[0].employee.title).toBe('Staff Engineer');
  });

  it('Marked Leaver (3): the person comes back terminated, and the one-person plan archives only them', async () => {
    const { fake, deliver, handler, changes } = setup();
    const key = fake.uniqueKeyOf('PW4') as string;
    await deliver(fake.markLeaver('PW4', { leavingDate: '2024-01-31' }));
    await handler.idle();
    const change = changes[0] as PeopleHrChange;
    expect(change.type === 'upsert' && change.employee.employmentStatus).toBe('terminated');
    const current = [
      { hostId: 'u4', sourceId: key, workEmail: 'seun.adeyemi@northwind.example' },
      {
        hostId: 'u1',
        sourceId: fake.uniqueKeyOf('PW1') as string,
        workEmail: 'armen.tamzarian@northwind.example',
      },
    ];
    const plan = planPeopleHrChange(change, current);
    expect(plan.archives).toEqual([{ type: 'archive', hostId: 'u4', sourceId: key, reason: 'terminated' }]);
  });

  it('Employee Deleted (18) of a known person: confirmed gone with one full read, removed by unique key', async () => {
    const { fake, deliver, handler, changes, source } = setup();
    await source.fetchSnapshot(); // a scheduled sync ran before: the source knows PW4's key
    const key = fake.uniqueKeyOf('PW4');
    fake.clearCalls();
    await deliver(fake.deleteEmployee('PW4'));
    await handler.idle();
    expect(changes).toEqual([
      {
        type: 'remove',
        employeeNumber: 'PW4',
        sourceId: key,
        events: [{ ActionId: 18, Action: 'Employee Deleted', EmployeeId: 'PW4' }],
      },
    ]);
    expect(fake.actions).toEqual(['GetAllEmployeeDetail']);
  });

  it('Employee Deleted (18) of a person never seen: removed by employee number among keys that are gone', async () => {
    const { fake, deliver, handler, changes } = setup();
    const key = fake.uniqueKeyOf('PW4') as string;
    await deliver(fake.deleteEmployee('PW4'));
    await handler.idle();
    const change = changes[0] as PeopleHrChange;
    expect(change.type).toBe('remove');
    if (change.type !== 'remove') return;
    expect(change.sourceId).toBeUndefined();
    expect(change.presentSourceIds).toHaveLength(4);
    expect(change.presentSourceIds).not.toContain(key);
    const plan = planPeopleHrChange(change, [
      { hostId: 'u4', sourceId: key, employeeNumber: 'PW4' },
      { hostId: 'u2', sourceId: fake.uniqueKeyOf('PW2') as string, employeeNumber: 'PW2' },
    ]);
    expect(plan.archives.map((a) => a.hostId)).toEqual(['u4']);
  });

  it('a person not found under an id that was renamed is an update, never a removal', async () => {
    const { fake, deliver, handler, changes, source } = setup();
    await source.fetchSnapshot();
    fake.renameEmployeeId('PW4', 'PW400');
    await deliver({ ActionId: 2, EmployeeId: 'PW4', FieldName: 'Known As', NewValue: 'x' }); // stale id
    await handler.idle();
    expect(changes[0]?.type).toBe('upsert');
    expect(changes[0]?.type === 'upsert' && changes[0].employee.employeeNumber).toBe('PW400');
  });

  it('a person who cannot sync (no work email) becomes a skip with the issue', async () => {
    const { fake, deliver, handler, changes } = setup();
    const event = fake.updateEmployee('PW4', { email: '' });
    await deliver(event);
    await handler.idle();
    expect(changes[0]).toMatchObject({
      type: 'skip',
      employeeNumber: 'PW4',
      sourceId: fake.uniqueKeyOf('PW4'),
      issues: [{ code: 'EMPLOYEE_MISSING_REQUIRED_FIELD', field: 'workEmail' }],
    });
  });

  it.each([4, 10, 21, 31, 54])('acknowledges and ignores event %i', async (actionId) => {
    const { deliver, handler, changes, fake, outcomes } = setup();
    const response = await deliver({ ActionId: actionId, Action: 'Holiday Requested', EmployeeId: 'PW2' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, status: 'ignored' });
    await handler.idle();
    expect(changes).toEqual([]);
    expect(fake.calls).toEqual([]);
    expect(outcomes).toEqual([[actionId, 'ignored']]);
  });

  it.each(['form', 'text'] as const)('reads a %s body like JSON', async (format) => {
    const { fake, deliver, handler, changes } = setup();
    await deliver(fake.markLeaver('PW2', { leavingDate: '2024-01-31' }), format);
    await handler.idle();
    expect(changes[0]).toMatchObject({
      type: 'upsert',
      employeeNumber: 'PW2',
      events: [{ ActionId: 3, Action: 'Marked Leaver', EmployeeId: 'PW2' }],
    });
  });

  it('reports a failed re-read (a revoked key) to onError and carries on', async () => {
    const { fake, deliver, handler, changes, errors, apiKey } = setup();
    fake.revokeApiKey(apiKey);
    await deliver({ ActionId: 2, EmployeeId: 'PW2' });
    await handler.idle();
    expect(changes).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ code: 'AUTH_INVALID_CREDENTIALS' })]);
  });

  it('reports a failing onChange to onError', async () => {
    const errors: unknown[] = [];
    const { deliver, handler } = setup({
      onChange: () => Promise.reject(new Error('db down')),
      onError: (error) => errors.push(error),
    });
    await deliver({ ActionId: 2, EmployeeId: 'PW2' });
    await handler.idle();
    expect(errors).toEqual([new Error('db down')]);
  });
});

describe('bad deliveries', () => {
  it.each([
    ['an empty body', null, {}],
    ['broken JSON', '{"ActionId": 1,', { 'content-type': 'application/json' }],
    ['JSON without ActionId', '{"EmployeeId":"PW2"}', { 'content-type': 'application/json' }],
    ['a JSON array', '[{"ActionId":1}]', { 'content-type': 'application/json' }],
    [
      'a non-numeric ActionId',
      '{"ActionId":"one","EmployeeId":"PW2"}',
      { 'content-type': 'application/json' },
    ],
    ['a person event without EmployeeId', '{"ActionId":1}', { 'content-type': 'application/json' }],
    ['text that says nothing', 'hello there', { 'content-type': 'text/plain' }],
    ['bytes that are not UTF-8', new Uint8Array([0xff, 0xfe, 0x41]), { 'content-type': 'text/plain' }],
  ])('answers %s with 400 WEBHOOK_INVALID_PAYLOAD', async (_, body, headers) => {
    const { handler, fake } = setup();
    const response = await handler(post(body as NonNullable<RequestInit['body']> | null, headers));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ ok: false, code: 'WEBHOOK_INVALID_PAYLOAD' });
    await handler.idle();
    expect(fake.calls).toEqual([]);
  });

  it('answers an oversized body with 413, by its declared length or as it streams', async () => {
    const { handler, fake } = setup({ maxBodyBytes: 1024 });
    const big = JSON.stringify({ ActionId: 1, EmployeeId: 'PW2', Reason: 'x'.repeat(2000) });
    expect((await handler(post(big, { 'content-type': 'application/json' }))).status).toBe(413);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 512;
        controller.enqueue(new Uint8Array(512).fill(0x20));
        if (sent > 1_000_000) controller.close();
      },
    });
    expect((await handler(post(stream, { 'content-type': 'application/json' }))).status).toBe(413);
    expect(sent).toBeLessThan(10_000); // it stopped reading early
    expect(fake.calls).toEqual([]);
  });
});

describe('duplicates and bursts', () => {
  it('treats a repeated delivery as a duplicate within the window, and as new after it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { deliver, handler, fake, outcomes, changes } = setup({ dedupeWindowMs: 60_000 });
    const event = {
      ActionId: 2,
      Action: 'Employee Detail Updated',
      EmployeeId: 'PW2',
      FieldName: 'Job Role',
    };
    expect(await (await deliver(event)).json()).toEqual({ ok: true, status: 'accepted' });
    await handler.idle();
    expect(await (await deliver(event, 'form')).json()).toEqual({ ok: true, status: 'duplicate' });
    await handler.idle();
    expect(changes).toHaveLength(1);
    vi.setSystemTime(Date.now() + 61_000);
    expect(await (await deliver(event)).json()).toEqual({ ok: true, status: 'accepted' });
    await handler.idle();
    expect(changes).toHaveLength(2);
    expect(outcomes.map(([, o]) => o)).toEqual(['accepted', 'duplicate', 'accepted']);
    expect(fake.actions.filter((a) => a === 'GetEmployeeDetailById').length).toBeGreaterThanOrEqual(2);
  });

  it('coalesces events for a person still queued into one re-read', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const changes: PeopleHrChange[] = [];
    const { deliver, handler, fake } = setup({
      concurrency: 1,
      // The first person's hand-over waits, so the others stay queued meanwhile.
      onChange: async (change) => {
        changes.push(change);
        if (change.employeeNumber === 'PW1') await held;
      },
    });
    await deliver({ ActionId: 2, EmployeeId: 'PW1', FieldName: 'a' }); // starts at once
    await deliver({ ActionId: 2, EmployeeId: 'PW4', FieldName: 'b' }); // queued
    await deliver({ ActionId: 2, EmployeeId: 'PW4', FieldName: 'c' }); // joins it
    expect(handler.pending).toBe(2);
    release();
    await handler.idle();
    expect(changes.map((c) => [c.employeeNumber, c.events.length])).toEqual([
      ['PW1', 1],
      ['PW4', 2],
    ]);
    expect(fake.calls.filter((c) => c.body.EmployeeId === 'PW4')).toHaveLength(1);
  });

  it('a burst of 100 events makes at most 30 calls in any minute, and every event is handled', async () => {
    vi.useFakeTimers();
    const apiKey = `burst-${Date.now()}`;
    const fake = createPeopleHrFake({ apiKeys: [apiKey], people: [] });
    fake.addEmployee({ employeeId: 'BOSS', firstName: 'Big', lastName: 'Boss', email: 'boss@x.example' });
    const events: PeopleHrFakeEvent[] = [];
    for (let i = 0; i < 100; i++) {
      events.push(
        fake.addEmployee({
          employeeId: `N${i}`,
          firstName: 'New',
          lastName: `Starter${i}`,
          email: `n${i}@x.example`,
          reportsTo: 'BOSS',
        }),
      );
    }
    // Two sources with the same key, as a host has them: one for scheduled syncs, one behind the webhook.
    const scheduled = createPeopleHrSource({ apiKey, fetch: fake.fetch });
    const forWebhooks = createPeopleHrSource({ apiKey, fetch: fake.fetch });
    expect(forWebhooks.rateBudget).toBe(scheduled.rateBudget);
    const changes: PeopleHrChange[] = [];
    const errors: unknown[] = [];
    const handler = createPeopleHrWebhookHandler({
      secret: SECRET,
      source: forWebhooks,
      concurrency: 4,
      onChange: (change) => {
        changes.push(change);
      },
      onError: (error) => errors.push(error),
    });
    const toHandler = (async (input: string | URL | Request, init?: RequestInit) =>
      handler(new Request(input, init))) as typeof fetch;

    const started = Date.now();
    const acks = await Promise.all(
      events.map((event) => fake.sendWebhook(URL_OK, event, { fetch: toHandler })),
    );
    expect(acks.every((r) => r.status === 200)).toBe(true);
    expect(Date.now() - started).toBe(0); // acknowledged without waiting for any re-read
    const snapshot = scheduled.fetchSnapshot(); // a scheduled sync in the middle of the burst
    let snapshotDone = false;
    void snapshot.then(() => {
      snapshotDone = true;
    });
    for (let i = 0; i < 600 && (handler.pending > 0 || !snapshotDone); i++)
      await vi.advanceTimersByTimeAsync(1000);

    expect(errors).toEqual([]);
    expect(changes).toHaveLength(100);
    expect((await snapshot).employees).toHaveLength(101);
    const times = fake.calls.map((c) => c.at).sort((a, b) => a - b);
    expect(times.length).toBeGreaterThanOrEqual(102); // 100 people, their manager once, the full read
    let busiest = 0;
    for (let i = 0; i < times.length; i++) {
      let j = i;
      while (j < times.length && (times[j] as number) - (times[i] as number) < 60_000) j++;
      busiest = Math.max(busiest, j - i);
    }
    expect(busiest).toBeLessThanOrEqual(30);
    expect(busiest).toBe(30); // the budget is used, not wasted
    expect(fake.calls.filter((c) => c.outcome === 'rate-limited')).toEqual([]);
  });
});

describe('faults on the way to People HR', () => {
  it('retries a 503 and a dropped connection during a re-read, then hands the change over', async () => {
    vi.useFakeTimers();
    const apiKey = `faults-${Date.now()}`;
    const fake = createPeopleHrFake({ apiKeys: [apiKey] });
    const faulty = withFaults(fake.handler, {
      script: [
        { at: 0, fault: { type: 'status', status: 503 } },
        { at: 1, fault: { type: 'disconnect' } },
      ],
    });
    const source = createPeopleHrSource({ apiKey, fetch: createFetch(faulty) });
    const changes: PeopleHrChange[] = [];
    const errors: unknown[] = [];
    const handler = createPeopleHrWebhookHandler({
      secret: SECRET,
      source,
      onChange: (change) => {
        changes.push(change);
      },
      onError: (error) => errors.push(error),
    });
    const response = await handler(
      new Request(URL_OK, { method: 'POST', body: JSON.stringify({ ActionId: 2, EmployeeId: 'PW2' }) }),
    );
    expect(response.status).toBe(200);
    const idle = handler.idle();
    await vi.advanceTimersByTimeAsync(10_000);
    await idle;
    expect(errors).toEqual([]);
    expect(changes.map((c) => c.type)).toEqual(['upsert']);
    expect(faulty.counts()).toEqual({ '503': 1, disconnect: 1 });
  });
});

describe('close', () => {
  it('stops accepting deliveries and settles', async () => {
    const { deliver, handler } = setup();
    await handler.close();
    expect((await deliver({ ActionId: 1, EmployeeId: 'PW2' })).status).toBe(503);
    await expect(handler.idle()).resolves.toBeUndefined();
  });
});

describe('parsePeopleHrEventBody', () => {
  it.each<[string, string, Record<string, unknown> | undefined]>([
    ['{"ActionId":1,"EmployeeId":"PW21"}', 'application/json', { ActionId: 1, EmployeeId: 'PW21' }],
    [
      'ActionId=1&EmployeeId=PW21',
      'application/x-www-form-urlencoded',
      { ActionId: '1', EmployeeId: 'PW21' },
    ],
    ['ActionId=1&EmployeeId=PW21', '', { ActionId: '1', EmployeeId: 'PW21' }],
    [
      'ActionId:2, Action:Employee Detail Updated, EmployeeId:PW1, FieldName:Other Name(s), NewValue:Am, OldValue:zz, Reason:Test',
      'text/plain',
      {
        ActionId: '2',
        Action: 'Employee Detail Updated',
        EmployeeId: 'PW1',
        FieldName: 'Other Name(s)',
        NewValue: 'Am',
        OldValue: 'zz',
        Reason: 'Test',
      },
    ],
    ['actionid: 18\nemployee_id: PW9', 'text/plain', { ActionId: '18', EmployeeId: 'PW9' }],
    ['{"ActionId":1,"EmployeeId":"PW21"}', 'text/plain', { ActionId: 1, EmployeeId: 'PW21' }],
    ['{"__proto__":{"x":1},"ActionId":1}', 'application/json', { ActionId: 1 }],
    ['', 'application/json', undefined],
    ['nothing here', 'text/plain', undefined],
  ])('%s (%s)', (body, contentType, expected) => {
    expect(parsePeopleHrEventBody(body, contentType)).toEqual(expected);
  });

  it('gives events the webhook schema accepts', () => {
    const fields = parsePeopleHrEventBody('ActionId:3, Action:Marked Leaver, EmployeeId:PW21', 'text/plain');
    const event: Partial<PeopleHrWebhookEvent> | undefined = fields;
    expect(event?.EmployeeId).toBe('PW21');
  });
});
