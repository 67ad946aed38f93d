// Hostile deliveries to the People HR webhook handler: bad secrets, huge bodies, wrong content types, malformed and
// prototype-polluting events, replays and bursts. Every delivery gets a 2xx or 4xx answer (never a throw, never a
// 5xx, never the secret back), only valid new person events reach onChange, and the one-person plans they make,
// applied to a host holding the whole company, never archive anyone who is still in People HR.
import { type CurrentRecord, HrSyncError, runSync } from '@hrsync/core';
import {
  createPeopleHrRateBudget,
  createPeopleHrSource,
  createPeopleHrWebhookHandler,
  type PeopleHrChange,
  type PeopleHrWebhookHandler,
  planPeopleHrChange,
} from '@hrsync/peoplehr';
import { createPeopleHrFake, type PeopleHrFake } from '@hrsync/peoplehr/testing';
import { createFetch, createMemoryDestination, type MemoryDestination } from '@hrsync/testkit';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createLeakSink,
  PEOPLEHR_API_KEY,
  PEOPLEHR_WEBHOOK_SECRET,
  PEOPLEHR_WRONG_WEBHOOK_SECRET,
} from '../src/credentials.ts';
import { prototypeChanges, restorePrototypes, snapshotPrototypes } from '../src/prototype-guard.ts';

const sink = createLeakSink();
const BASE = 'https://host.example/hooks/peoplehr';
const URL_OK = `${BASE}?secret=${encodeURIComponent(PEOPLEHR_WEBHOOK_SECRET)}`;
const DELIVERY_LIMIT_MS = 5_000;
let deliveries = 0;

afterAll(() => {
  console.log(`webhook corpus: ${deliveries} hostile deliveries`);
  sink.assertClean();
});

interface Setup {
  fake: PeopleHrFake;
  handler: PeopleHrWebhookHandler;
  host: MemoryDestination;
  changes: PeopleHrChange[];
  errors: unknown[];
  archivedBefore: Set<string>;
}

async function setup(options: { latencyMs?: number } = {}): Promise<Setup> {
  const fake = createPeopleHrFake({ apiKeys: [PEOPLEHR_API_KEY], callsPerMinute: Number.POSITIVE_INFINITY });
  const logger = sink.logger('webhook source');
  const source = createPeopleHrSource({
    apiKey: PEOPLEHR_API_KEY,
    // Latency, when asked for, makes re-reads overlap with later deliveries, as over a real network.
    fetch: createFetch(async (request) => {
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      return fake.handler(request);
    }),
    logger,
    rateBudget: createPeopleHrRateBudget({ callsPerMinute: 1_000_000 }),
    retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 5 },
  });
  // The host holds the whole company, from a full sync.
  const host = createMemoryDestination();
  sink.json('webhook initial sync', await runSync({ source, destination: host, logger }));
  const changes: PeopleHrChange[] = [];
  const errors: unknown[] = [];
  const handler = createPeopleHrWebhookHandler({
    secret: PEOPLEHR_WEBHOOK_SECRET,
    source,
    logger: sink.logger('webhook handler'),
    onChange: async (change) => {
      changes.push(change);
      sink.json('webhook change', change);
      const plan = planPeopleHrChange(change, await host.loadCurrent());
      sink.json('webhook plan', plan);
      if (!plan.blocked) await host.apply(plan);
    },
    onError: (error) => {
      errors.push(error);
      sink.error('webhook onError', error);
    },
  });
  const archivedBefore = new Set(
    host
      .users()
      .filter((u) => u.archived === true)
      .map((u) => u.hostId),
  );
  return { fake, handler, host, changes, errors, archivedBefore };
}

/** Delivers a request; the answer must come in time, never throw, never be a 5xx, never carry the secret. */
async function deliver(
  s: Setup,
  request: Request,
): Promise<{ status: number; text: string; problems: string[] }> {
  deliveries++;
  const problems: string[] = [];
  const before = snapshotPrototypes();
  let status = 0;
  let text = '';
  try {
    const response = await Promise.race([
      s.handler(request),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('no answer in time')), DELIVERY_LIMIT_MS).unref(),
      ),
    ]);
    status = response.status;
    text = await response.text();
    sink.text('webhook response', text);
    response.headers.forEach((value) => {
      sink.text('webhook response header', value);
    });
  } catch (error) {
    problems.push(`the handler threw or hung: ${String(error)}`);
  }
  if (status >= 500) problems.push(`answered ${status}`);
  const pollution = prototypeChanges(before);
  if (pollution.length > 0) {
    restorePrototypes(before);
    problems.push(`prototype pollution: ${pollution.join(', ')}`);
  }
  return { status, text, problems };
}

const post = (body: RequestInit['body'], contentType: string | undefined, url = URL_OK, method = 'POST') =>
  new Request(url, {
    method,
    body,
    headers: contentType === undefined ? {} : { 'content-type': contentType },
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);

const json = (value: unknown) => post(JSON.stringify(value), 'application/json');

/** A body that streams `total` bytes in 64 KiB chunks, without a content-length. */
function streamOf(total: number): ReadableStream<Uint8Array> {
  let sent = 0;
  const chunk = new TextEncoder().encode(`{"ActionId":1,"EmployeeId":"PW2","Pad":"${'x'.repeat(65_000)}`);
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) controller.close();
      else {
        controller.enqueue(chunk);
        sent += chunk.byteLength;
      }
    },
  });
}

interface DeliveryCase {
  name: string;
  request: () => Request;
  /** Statuses accepted. */
  status: readonly number[];
  /** People re-read and planned because of it (0 for anything refused). */
  changes: number;
}

const wrongSecret = (secret: string) => `${BASE}?secret=${encodeURIComponent(secret)}`;
const event = { ActionId: 2, EmployeeId: 'PW2', FieldName: 'Job Role', NewValue: 'Lead', OldValue: 'Dev' };

const CASES: readonly DeliveryCase[] = [
  // Secrets.
  {
    name: 'wrong secret',
    request: () =>
      post(JSON.stringify(event), 'application/json', wrongSecret(PEOPLEHR_WRONG_WEBHOOK_SECRET)),
    status: [401],
    changes: 0,
  },
  {
    name: 'no secret',
    request: () => post(JSON.stringify(event), 'application/json', BASE),
    status: [401],
    changes: 0,
  },
  {
    name: 'empty secret',
    request: () => post(JSON.stringify(event), 'application/json', `${BASE}?secret=`),
    status: [401],
    changes: 0,
  },
  {
    name: 'secret one character short',
    request: () =>
      post(JSON.stringify(event), 'application/json', wrongSecret(PEOPLEHR_WEBHOOK_SECRET.slice(0, -1))),
    status: [401],
    changes: 0,
  },
  {
    name: 'secret with a character more',
    request: () =>
      post(JSON.stringify(event), 'application/json', wrongSecret(`${PEOPLEHR_WEBHOOK_SECRET}x`)),
    status: [401],
    changes: 0,
  },
  {
    name: 'secret in upper case',
    request: () =>
      post(JSON.stringify(event), 'application/json', wrongSecret(PEOPLEHR_WEBHOOK_SECRET.toUpperCase())),
    status: [401],
    changes: 0,
  },
  {
    name: 'secret in a header only',
    request: () =>
      new Request(BASE, {
        method: 'POST',
        body: JSON.stringify(event),
        headers: {
          'content-type': 'application/json',
          'x-secret': PEOPLEHR_WEBHOOK_SECRET,
          authorization: `Bearer ${PEOPLEHR_WEBHOOK_SECRET}`,
        },
      }),
    status: [401],
    changes: 0,
  },
  {
    name: 'secret under another parameter',
    request: () =>
      post(JSON.stringify(event), 'application/json', `${BASE}?token=${PEOPLEHR_WEBHOOK_SECRET}`),
    status: [401],
    changes: 0,
  },
  {
    name: 'wrong secret first, right one second',
    request: () =>
      post(
        JSON.stringify(event),
        'application/json',
        `${BASE}?secret=nope&secret=${PEOPLEHR_WEBHOOK_SECRET}`,
      ),
    status: [401],
    changes: 0,
  },
  {
    name: '1 MB secret',
    request: () => post(JSON.stringify(event), 'application/json', wrongSecret('s'.repeat(1 << 20))),
    status: [401],
    changes: 0,
  },
  {
    name: 'unicode secret',
    request: () => post(JSON.stringify(event), 'application/json', wrongSecret('sëcrét-🔑')),
    status: [401],
    changes: 0,
  },
  { name: 'right secret, GET', request: () => new Request(URL_OK), status: [405], changes: 0 },
  {
    name: 'right secret, PUT',
    request: () => post(JSON.stringify(event), 'application/json', URL_OK, 'PUT'),
    status: [405],
    changes: 0,
  },
  // Huge bodies.
  {
    name: '1 MB JSON body',
    request: () => json({ ...event, Pad: 'x'.repeat(1 << 20) }),
    status: [413],
    changes: 0,
  },
  {
    name: '50 MB streamed body without a length',
    request: () => post(streamOf(50 << 20), 'application/json'),
    status: [413],
    changes: 0,
  },
  {
    name: '10,000 keys',
    request: () => json(Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]))),
    status: [400, 413],
    changes: 0,
  },
  // Content types and encodings.
  { name: 'empty body', request: () => post(null, 'application/json'), status: [400], changes: 0 },
  { name: 'JSON null', request: () => post('null', 'application/json'), status: [400], changes: 0 },
  {
    name: 'JSON array',
    request: () => post('[{"ActionId":2,"EmployeeId":"PW2"}]', 'application/json'),
    status: [400],
    changes: 0,
  },
  { name: 'JSON number', request: () => post('42', 'application/json'), status: [400], changes: 0 },
  {
    name: 'truncated JSON',
    request: () => post('{"ActionId": 2, "EmployeeId": "PW', 'application/json'),
    status: [400],
    changes: 0,
  },
  {
    name: 'XML',
    request: () => post('<event><ActionId>2</ActionId></event>', 'application/xml'),
    status: [400],
    changes: 0,
  },
  {
    name: 'HTML',
    request: () => post('<html><body>hi</body></html>', 'text/html'),
    status: [400],
    changes: 0,
  },
  {
    name: 'multipart form',
    request: () => {
      const form = new FormData();
      form.set('ActionId', '2');
      form.set('EmployeeId', 'PW2');
      return new Request(URL_OK, { method: 'POST', body: form });
    },
    status: [200, 400],
    changes: 1,
  },
  {
    name: 'binary garbage',
    request: () => post(new Uint8Array([0, 159, 146, 150, 255, 254, 253]), 'application/octet-stream'),
    status: [400],
    changes: 0,
  },
  {
    name: 'invalid UTF-8 in JSON',
    request: () => post(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), 'application/json'),
    status: [400],
    changes: 0,
  },
  {
    name: 'JSON sent as text/plain',
    request: () => post(JSON.stringify(event), 'text/plain'),
    status: [200],
    changes: 1,
  },
  {
    name: 'no content type',
    request: () => post(JSON.stringify(event), undefined),
    status: [200],
    changes: 1,
  },
  // Hostile events.
  {
    name: '__proto__ key',
    request: () =>
      post('{"__proto__": {"polluted": "yes"}, "ActionId": 2, "EmployeeId": "PW3"}', 'application/json'),
    status: [200, 400],
    changes: 1,
  },
  {
    name: 'constructor.prototype key',
    request: () =>
      post(
        '{"constructor": {"prototype": {"polluted": "yes"}}, "ActionId": 2, "EmployeeId": "PW4"}',
        'application/json',
      ),
    status: [200, 400],
    changes: 1,
  },
  {
    name: '__proto__ in a form body',
    request: () =>
      post(
        '__proto__[polluted]=yes&ActionId=2&EmployeeId=PW5&constructor[prototype][polluted]=yes',
        'application/x-www-form-urlencoded',
      ),
    status: [200, 400],
    changes: 1,
  },
  {
    name: 'ActionId a string of digits',
    request: () => json({ ...event, ActionId: '2', EmployeeId: 'PW1' }),
    status: [200, 400],
    changes: 1,
  },
  {
    name: 'ActionId negative',
    request: () => json({ ...event, ActionId: -1 }),
    status: [200, 400],
    changes: 0,
  },
  {
    name: 'ActionId huge',
    request: () => json({ ...event, ActionId: 1e308 }),
    status: [200, 400],
    changes: 0,
  },
  {
    name: 'ActionId an object',
    request: () => json({ ...event, ActionId: { n: 2 } }),
    status: [400],
    changes: 0,
  },
  { name: 'EmployeeId missing', request: () => json({ ActionId: 2 }), status: [400], changes: 0 },
  {
    name: 'EmployeeId an object',
    request: () => json({ ActionId: 2, EmployeeId: { id: 'PW2' } }),
    status: [400],
    changes: 0,
  },
  {
    name: 'EmployeeId "__proto__"',
    request: () => json({ ActionId: 2, EmployeeId: '__proto__' }),
    status: [200, 400],
    changes: 1,
  },
  {
    name: 'EmployeeId "constructor"',
    request: () => json({ ActionId: 2, EmployeeId: 'constructor' }),
    status: [200, 400],
    changes: 1,
  },
  {
    name: 'EmployeeId of 10,000 characters',
    request: () => json({ ActionId: 2, EmployeeId: 'P'.repeat(10_000) }),
    status: [200, 400, 413],
    changes: 1,
  },
  {
    name: 'unknown person deleted',
    request: () => json({ ActionId: 18, EmployeeId: 'NOBODY-42' }),
    status: [200],
    changes: 1,
  },
  {
    name: 'unknown person marked leaver',
    request: () => json({ ActionId: 3, EmployeeId: 'NOBODY-43' }),
    status: [200],
    changes: 1,
  },
];

describe('People HR webhook: hostile deliveries', () => {
  let s: Setup;
  beforeEach(async () => {
    s = await setup();
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, kase) => {
    const { status, problems } = await deliver(s, kase.request());
    await s.handler.idle();
    if (!kase.status.includes(status))
      problems.push(`answered ${status}, expected ${kase.status.join(' or ')}`);
    // An accepted person event makes at most one change; a refused delivery makes none.
    const accepted = status === 200 && kase.changes > 0;
    if (!accepted && s.changes.length > 0)
      problems.push(`${s.changes.length} change(s) from a refused delivery`);
    if (accepted && s.changes.length > 1) problems.push(`${s.changes.length} changes from one delivery`);
    for (const error of s.errors)
      if (!HrSyncError.is(error)) problems.push(`untyped onError: ${String(error)}`);
    // Nobody People HR still has is archived because of a delivery.
    const archived = s.host.users().filter((u) => u.archived === true && !s.archivedBefore.has(u.hostId));
    if (archived.length > 0) problems.push(`archived ${archived.map((u) => u.sourceId).join(', ')}`);
    await s.handler.close();
    expect(problems).toEqual([]);
  });

  it('a replayed delivery is a duplicate: one re-read, whatever the number of replays', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const { status, text, problems } = await deliver(s, json(event));
      expect(problems).toEqual([]);
      statuses.push(status);
      if (i > 0) expect(JSON.parse(text)).toMatchObject({ status: 'duplicate' });
    }
    await s.handler.idle();
    expect(statuses.every((x) => x === 200)).toBe(true);
    expect(s.changes).toHaveLength(1);
    await s.handler.close();
  });

  it('a burst of 300 different events about one person is coalesced, in time, archiving nobody', async () => {
    await s.handler.close();
    s = await setup({ latencyMs: 20 });
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => deliver(s, json({ ...event, NewValue: `Role ${i}` }))),
    );
    for (const { status, problems } of answers) {
      expect(problems).toEqual([]);
      expect(status).toBe(200);
    }
    await s.handler.idle();
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(s.changes.length).toBeGreaterThanOrEqual(1);
    expect(s.changes.length).toBeLessThan(300);
    const archived = s.host.users().filter((u) => u.archived === true && !s.archivedBefore.has(u.hostId));
    expect(archived).toEqual([]);
    await s.handler.close();
  });

  it('a closed handler answers 503 and re-reads nothing', async () => {
    await s.handler.close();
    const { status } = await deliver(s, json(event));
    expect(status).toBe(503);
    expect(s.changes).toEqual([]);
  });
});

describe('People HR webhook: the deliveries that must work still work', () => {
  it('a real marked-leaver event archives exactly that person', async () => {
    const s = await setup();
    const active = s.host.users().find((u) => u.archived !== true && u.employeeNumber === 'PW2');
    expect(active).toBeDefined();
    const leaver = s.fake.markLeaver('PW2', { leavingDate: '2020-01-01' });
    const { status, problems } = await deliver(s, json(leaver));
    expect(problems).toEqual([]);
    expect(status).toBe(200);
    await s.handler.idle();
    const archived = s.host.users().filter((u) => u.archived === true && !s.archivedBefore.has(u.hostId));
    const key = s.fake.uniqueKeyOf('PW2');
    expect(archived.map((u: CurrentRecord) => u.sourceId)).toEqual([key]);
    await s.handler.close();
  });
});
