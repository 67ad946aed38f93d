import { HrSyncError, type Logger } from '@hrsync/core';
import { createFetch, withFaults } from '@hrsync/testkit';
import { describe, expect, it } from 'vitest';
import {
  createFranklyDestination,
  createMemoryFranklyStateStore,
  type FranklyStateStore,
} from '../src/index.ts';
import { createFranklyFake, type FranklyFakeOptions } from '../src/testing/index.ts';
import { employee, planOf } from './fixtures/plan.ts';
import { NOW } from './fixtures/roster.ts';

const ada = employee('1', 'Ada', { workPhone: '+14155552671', organization: { id: 'O', name: 'Acme' } });
const bob = employee('2', 'Bob', { workPhone: '+14155552672' });
const cy = employee('3', 'Cy');

function setup(fakeOptions: FranklyFakeOptions = {}, stateStore?: FranklyStateStore) {
  const fake = createFranklyFake(fakeOptions);
  const store = stateStore ?? createMemoryFranklyStateStore();
  const lines: string[] = [];
  const logger: Logger = {
    debug: (m, f) => lines.push(`${m} ${JSON.stringify(f)}`),
    info: (m, f) => lines.push(`${m} ${JSON.stringify(f)}`),
    warn: (m, f) => lines.push(`${m} ${JSON.stringify(f)}`),
    error: (m, f) => lines.push(`${m} ${JSON.stringify(f)}`),
  };
  const destination = createFranklyDestination({
    token: fake.token,
    fetch: fake.fetch,
    stateStore: store,
    logger,
    now: () => NOW,
    retry: { limit: 0 },
  });
  return { fake, store, destination, lines };
}

describe('createFranklyDestination: options', () => {
  it.each(['', '   ', 'two words'])('rejects the token %j with CONFIG_INVALID', (token) => {
    expect(() => createFranklyDestination({ token })).toThrowError(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });

  it('is the frankly destination', () => {
    const destination = createFranklyDestination({ token: 'tok_1234' });
    expect([destination.id, destination.displayName]).toEqual(['frankly', '&frankly']);
  });
});

describe('createFranklyDestination: pushing', () => {
  it('creates the people as managed users, with their groups, and remembers them', async () => {
    const { fake, destination, store } = setup();
    expect(await destination.loadCurrent()).toEqual([]);

    const result = await destination.apply(planOf({ creates: [ada, bob, cy] }));

    expect(result.outcomes).toEqual([
      { type: 'create', ok: true, hostId: '1', sourceId: '1' },
      { type: 'create', ok: true, hostId: '2', sourceId: '2' },
      { type: 'create', ok: true, hostId: '3', sourceId: '3' },
    ]);
    expect(result.issues).toEqual([]);
    expect(fake.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['POST', '/v1/organization', 200],
    ]);
    expect(fake.users().map((u) => [u.externalId, u.email, u.managed])).toEqual([
      ['1', 'ada@acme.test', true],
      ['2', 'bob@acme.test', true],
      ['3', 'cy@acme.test', true],
    ]);
    expect(fake.user('1')?.memberOf).toEqual(['organization:O', 'department:D1']);
    expect(fake.groups().map((g) => g.name)).toEqual(['Engineering', 'Acme']);

    const current = await destination.loadCurrent();
    expect(current.map((c) => [c.hostId, c.sourceId, c.workEmail, c.archived])).toEqual([
      ['1', '1', 'ada@acme.test', false],
      ['2', '2', 'bob@acme.test', false],
      ['3', '3', 'cy@acme.test', false],
    ]);
    expect(current[0]).toMatchObject({
      firstName: 'Ada',
      workPhone: '+14155552671',
      organization: { id: 'O' },
    });
    expect((await store.load())?.organization.users).toHaveLength(3);
  });

  it('updates, archives and reactivates through full-state pushes', async () => {
    const { fake, destination } = setup();
    await destination.apply(planOf({ creates: [ada, bob, cy] }));

    // A department renamed in the source: everyone in it changes.
    const rnd = { id: 'D1', name: 'R&D' };
    const result = await destination.apply(
      planOf({
        updates: [
          { ...ada, department: rnd },
          { ...bob, lastName: 'Renamed', department: rnd },
        ],
        archives: [['3', 'terminated']],
      }),
    );
    expect(result.outcomes.every((o) => o.ok)).toBe(true);
    expect(fake.users().map((u) => [u.externalId, u.lastName])).toEqual([
      ['1', 'Test'],
      ['2', 'Renamed'],
    ]);
    expect(fake.groups().find((g) => g.externalId === 'department:D1')?.name).toBe('R&D');
    expect((await destination.loadCurrent()).map((c) => [c.hostId, c.archived])).toEqual([
      ['1', false],
      ['2', false],
      ['3', true],
    ]);
    // The last push is the full state: both remaining users, not just the changed one.
    expect(fake.received.at(-1)?.users.map((u) => u.externalId)).toEqual(['1', '2']);

    await destination.apply(planOf({ reactivations: [cy] }));
    expect(fake.users().map((u) => u.externalId)).toEqual(['1', '2', '3']);
    expect((await destination.loadCurrent()).find((c) => c.hostId === '3')?.archived).toBe(false);
  });

  it('leaves out people past their end date, and stores them as archived', async () => {
    const { fake, destination } = setup();
    const leaving = employee('4', 'Dee', { endDate: '2025-06-14' });
    const staying = employee('5', 'Eve', { endDate: '2025-07-01' });
    const result = await destination.apply(planOf({ creates: [ada, leaving, staying] }));
    expect(result.outcomes.every((o) => o.ok)).toBe(true);
    expect(fake.users().map((u) => u.externalId)).toEqual(['1', '5']);
    expect((await destination.loadCurrent()).map((c) => [c.hostId, c.archived])).toEqual([
      ['1', false],
      ['4', true],
      ['5', false],
    ]);
  });

  it('leaves hand-made users and groups alone', async () => {
    const { fake, destination } = setup({
      handMadeUsers: [
        { firstName: 'Grace', lastName: 'Hopper', email: 'grace@acme.test', role: 'Administrator' },
      ],
      handMadeGroups: [{ name: 'Leadership' }],
    });
    const handMade = fake.users().filter((u) => !u.managed);
    const handMadeGroups = fake.groups().filter((g) => !g.managed);

    await destination.apply(planOf({ creates: [ada, bob] }));
    await destination.apply(
      planOf({
        archives: [
          ['1', 'terminated'],
          ['2', 'missing_from_source'],
        ],
      }),
    );

    expect(fake.received.at(-1)).toEqual({ users: [], groups: [] });
    expect(fake.users()).toEqual(handMade);
    expect(fake.groups()).toEqual(handMadeGroups);
  });

  it('a link ties a managed user to the source id and keeps its externalId in &frankly', async () => {
    const store = createMemoryFranklyStateStore({
      version: 1,
      source: 'trinet',
      savedAt: '2025-01-01T00:00:00.000Z',
      people: [{ hostId: 'legacy-7', employee: { ...ada, id: 'legacy-7' }, archived: false }],
      organization: { users: [], groups: [] },
    });
    const { fake, destination } = setup({}, store);
    expect((await destination.loadCurrent())[0]).toMatchObject({
      hostId: 'legacy-7',
      workEmail: 'ada@acme.test',
    });
    expect((await destination.loadCurrent())[0]?.sourceId).toBeUndefined();

    const plan = planOf({ updates: [ada] });
    plan.links.push({ type: 'link', hostId: 'legacy-7', sourceId: '1', matchedBy: 'workEmail' });
    plan.updates[0]!.hostId = 'legacy-7';
    const result = await destination.apply(plan);

    expect(result.outcomes).toEqual([
      { type: 'link', ok: true, hostId: 'legacy-7', sourceId: '1' },
      { type: 'update', ok: true, hostId: 'legacy-7', sourceId: '1' },
    ]);
    expect(fake.users().map((u) => u.externalId)).toEqual(['legacy-7']);
    expect((await destination.loadCurrent())[0]).toMatchObject({ hostId: 'legacy-7', sourceId: '1' });
  });

  it('issues about a linked user name the source id, not the externalId', async () => {
    const store = createMemoryFranklyStateStore({
      version: 1,
      source: 'trinet',
      savedAt: '2025-01-01T00:00:00.000Z',
      people: [{ hostId: 'legacy-7', sourceId: '1', employee: ada, archived: false }],
      organization: { users: [], groups: [] },
    });
    const { destination } = setup({ otherCompanyEmails: ['ada@acme.test'] }, store);
    const result = await destination.apply(planOf());
    expect(result.issues).toMatchObject([{ code: 'EMPLOYEE_EMAIL_IN_OTHER_COMPANY', recordId: '1' }]);
  });

  it('refuses a blocked plan without calling &frankly', async () => {
    const { fake, destination } = setup();
    const plan = {
      ...planOf({ archives: [['1', 'missing_from_source']] }),
      blocked: {
        code: 'SYNC_ARCHIVE_THRESHOLD_EXCEEDED' as const,
        message: 'would archive 1 of 1',
        archiveCount: 1,
        activeCount: 1,
      },
    };
    await expect(destination.apply(plan)).rejects.toMatchObject({ code: 'SYNC_ARCHIVE_THRESHOLD_EXCEEDED' });
    expect(fake.requests).toEqual([]);
  });
});

describe('createFranklyDestination: pre-flight', () => {
  it('reports an invalid phone as a warning and sends the person without it', async () => {
    const { fake, destination } = setup();
    const result = await destination.apply(planOf({ creates: [{ ...cy, workPhone: '12345' }] }));
    expect(result.outcomes[0]).toMatchObject({ ok: true });
    expect(result.issues).toMatchObject([
      { code: 'EMPLOYEE_INVALID_PHONE', severity: 'warning', recordId: '3' },
    ]);
    expect(fake.user('3')?.phone).toBeUndefined();
  });

  it('undoes a change that would give an existing user’s email to a newcomer', async () => {
    const { fake, destination } = setup();
    await destination.apply(planOf({ creates: [ada] }));
    const impostor = employee('9', 'Zed', { workEmail: 'ada@acme.test' });
    const result = await destination.apply(planOf({ creates: [impostor] }));
    expect(result.outcomes).toEqual([
      expect.objectContaining({ type: 'create', ok: false, hostId: '9', code: 'EMPLOYEE_DUPLICATE_EMAIL' }),
    ]);
    expect(result.issues).toMatchObject([
      { code: 'EMPLOYEE_DUPLICATE_EMAIL', recordId: '9', severity: 'error' },
    ]);
    expect(fake.users().map((u) => u.externalId)).toEqual(['1']);
    expect((await destination.loadCurrent()).map((c) => c.hostId)).toEqual(['1']);
  });

  it('keeps an existing user as they were when their update takes another user’s email', async () => {
    const { fake, destination } = setup();
    await destination.apply(planOf({ creates: [ada, bob] }));
    const result = await destination.apply(planOf({ updates: [{ ...bob, workEmail: 'ada@acme.test' }] }));
    expect(result.outcomes).toMatchObject([{ type: 'update', ok: false, code: 'EMPLOYEE_DUPLICATE_EMAIL' }]);
    expect(fake.user('2')?.email).toBe('bob@acme.test');
    expect((await destination.loadCurrent()).find((c) => c.hostId === '2')?.workEmail).toBe('bob@acme.test');
  });
});

describe('createFranklyDestination: &frankly rejections', () => {
  it.each([
    {
      name: 'validateThatPhoneNumberIsCorrect',
      fake: { isValidPhone: (phone: string) => phone !== '+14155552671' } satisfies FranklyFakeOptions,
      person: ada,
      code: 'EMPLOYEE_INVALID_PHONE',
      field: 'workPhone',
    },
    {
      name: 'validateNoPhoneDuplicates (a hand-made user has the number)',
      fake: {
        handMadeUsers: [{ firstName: 'G', lastName: 'H', email: 'g@acme.test', phone: '+14155552671' }],
      } satisfies FranklyFakeOptions,
      person: ada,
      code: 'EMPLOYEE_DUPLICATE_PHONE',
      field: 'workPhone',
    },
    {
      name: 'validateDuplicateMailInAnotherCompany',
      fake: { otherCompanyEmails: ['ADA@acme.test'] } satisfies FranklyFakeOptions,
      person: ada,
      code: 'EMPLOYEE_EMAIL_IN_OTHER_COMPANY',
      field: 'workEmail',
    },
  ])(
    '$name → $code on the person; the others are applied',
    async ({ fake: fakeOptions, person, code, field }) => {
      const { fake, destination } = setup(fakeOptions);
      const result = await destination.apply(planOf({ creates: [person, bob] }));

      expect(result.outcomes).toEqual([
        expect.objectContaining({ type: 'create', ok: false, hostId: person.id, sourceId: person.id, code }),
        { type: 'create', ok: true, hostId: '2', sourceId: '2' },
      ]);
      const issue = result.issues?.find((i) => i.code === code);
      expect(issue).toMatchObject({ severity: 'error', source: 'trinet', recordId: person.id, field });
      expect(issue?.message).toContain('&frankly rejected');
      expect(issue?.fix).toMatch(/^In TriNet, .*&frankly/);
      expect(fake.user(person.id)).toBeUndefined();
      // Not created, so not remembered: the next sync tries again.
      expect((await destination.loadCurrent()).map((c) => c.hostId)).toEqual(['2']);
    },
  );

  it('keeps a rejected update as &frankly last had it', async () => {
    const { fake, destination } = setup();
    await destination.apply(planOf({ creates: [ada, bob] }));
    fake.addOtherCompanyEmail('bob.new@acme.test');
    const result = await destination.apply(planOf({ updates: [{ ...bob, workEmail: 'bob.new@acme.test' }] }));
    expect(result.outcomes).toMatchObject([
      { ok: false, code: 'EMPLOYEE_EMAIL_IN_OTHER_COMPANY', hostId: '2' },
    ]);
    expect(fake.user('2')?.email).toBe('bob@acme.test');
    expect((await destination.loadCurrent()).find((c) => c.hostId === '2')?.workEmail).toBe('bob@acme.test');
  });

  it('when &frankly refuses the whole export, fails every operation and saves nothing', async () => {
    const { fake, destination, store } = setup({
      rejectionMode: 'all-or-nothing',
      otherCompanyEmails: ['ada@acme.test'],
    });
    const result = await destination.apply(planOf({ creates: [ada, bob] }));
    expect(fake.requests.map((r) => r.status)).toEqual([422]);
    expect(result.outcomes).toMatchObject([
      { ok: false, hostId: '1', code: 'EMPLOYEE_EMAIL_IN_OTHER_COMPANY' },
      { ok: false, hostId: '2', code: 'APPLY_FAILED' },
    ]);
    expect(result.issues).toMatchObject([{ code: 'EMPLOYEE_EMAIL_IN_OTHER_COMPANY', recordId: '1' }]);
    expect(await store.load()).toBeUndefined();
    expect(fake.users()).toEqual([]);
  });
});

describe('createFranklyDestination: failures', () => {
  it('a wrong token throws AUTH_INVALID_CREDENTIALS, saves nothing, and never shows the token', async () => {
    const fake = createFranklyFake({ token: 'right-token-1234' });
    const store = createMemoryFranklyStateStore();
    const lines: string[] = [];
    const log = (m: string, f?: Record<string, unknown>) => lines.push(`${m} ${JSON.stringify(f)}`);
    const secret = 'wrong-token-5678';
    const destination = createFranklyDestination({
      token: secret,
      fetch: fake.fetch,
      stateStore: store,
      logger: { debug: log, info: log, warn: log, error: log },
    });
    const error = await destination.apply(planOf({ creates: [ada] })).catch((e: unknown) => e);
    expect(HrSyncError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', source: 'frankly', status: 401 });
    const everything = [
      String(error),
      (error as Error).stack,
      JSON.stringify(error),
      JSON.stringify((error as HrSyncError).details),
      ...lines,
      JSON.stringify(fake.requests),
    ].join('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(everything).not.toContain(secret);
    expect(await store.load()).toBeUndefined();
  });

  it('sends the token in the guessed header', async () => {
    const seen: (string | null)[] = [];
    const fake = createFranklyFake({ token: 'tok_abcdef' });
    const destination = createFranklyDestination({
      token: 'tok_abcdef',
      fetch: (async (input: string | URL | Request, init?: RequestInit) => {
        const request = new Request(input, init);
        seen.push(request.headers.get('authorization'));
        return fake.handler(request);
      }) as typeof fetch,
    });
    await destination.apply(planOf({ creates: [ada] }));
    expect(seen).toEqual(['Bearer tok_abcdef']);
  });

  it('retries a 503 and a dropped connection, then saves once &frankly accepted the push', async () => {
    const fake = createFranklyFake();
    const handler = withFaults(fake.handler, {
      script: [
        { at: 0, fault: { type: 'status', status: 503 } },
        { at: 1, fault: { type: 'disconnect' } },
      ],
    });
    const store = createMemoryFranklyStateStore();
    const destination = createFranklyDestination({
      token: fake.token,
      fetch: createFetch(handler),
      stateStore: store,
      retry: { limit: 3, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const result = await destination.apply(planOf({ creates: [ada] }));
    expect(result.outcomes).toMatchObject([{ ok: true }]);
    expect(handler.counts()).toEqual({ '503': 1, disconnect: 1 });
    expect((await store.load())?.people).toHaveLength(1);
  });

  it('a push that keeps failing throws and leaves the saved state as it was', async () => {
    const fake = createFranklyFake();
    const store = createMemoryFranklyStateStore();
    const make = (fetchImpl: typeof fetch) =>
      createFranklyDestination({
        token: fake.token,
        fetch: fetchImpl,
        stateStore: store,
        retry: { limit: 0 },
      });
    await make(fake.fetch).apply(planOf({ creates: [ada] }));
    const saved = await store.load();

    const failing = withFaults(fake.handler, { script: [{ fault: { type: 'status', status: 500 } }] });
    await expect(make(createFetch(failing)).apply(planOf({ creates: [bob] }))).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    });
    const malformed = withFaults(fake.handler, { script: [{ fault: { type: 'malformed' } }] });
    await expect(make(createFetch(malformed)).apply(planOf({ creates: [bob] }))).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
    });
    expect(await store.load()).toEqual(saved);
  });

  it('a 2xx body outside the guessed format counts as accepted, with a warning in the log', async () => {
    const store = createMemoryFranklyStateStore();
    const lines: string[] = [];
    const destination = createFranklyDestination({
      token: 'tok_1234',
      stateStore: store,
      logger: { warn: (m) => lines.push(m) },
      fetch: (async () => Response.json({ status: 'done' })) as unknown as typeof fetch,
    });
    const result = await destination.apply(planOf({ creates: [ada] }));
    expect(result.outcomes).toMatchObject([{ ok: true }]);
    expect(lines.some((l) => l.includes('not in the expected format'))).toBe(true);
    expect((await store.load())?.people).toHaveLength(1);
  });

  it('an unreadable saved state is CONFIG_INVALID', async () => {
    const store: FranklyStateStore = { load: async () => ({ version: 99 }) as never, save: async () => {} };
    const destination = createFranklyDestination({ token: 'tok_1234', stateStore: store });
    await expect(destination.loadCurrent()).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('an aborted signal stops before anything is sent', async () => {
    const { fake, destination } = setup();
    const controller = new AbortController();
    controller.abort();
    await expect(
      destination.apply(planOf({ creates: [ada] }), { signal: controller.signal }),
    ).rejects.toThrow();
    expect(fake.requests).toEqual([]);
  });

  it('concurrent applies run one after the other', async () => {
    const { fake, destination } = setup();
    await Promise.all([
      destination.apply(planOf({ creates: [ada] })),
      destination.apply(planOf({ creates: [bob] })),
    ]);
    expect(fake.received.map((r) => r.users.map((u) => u.externalId))).toEqual([['1'], ['1', '2']]);
  });
});
