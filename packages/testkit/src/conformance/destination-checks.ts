import {
  type ApplyResult,
  type CurrentRecord,
  type Employee,
  type EmployeeField,
  type HrDestination,
  HrSyncError,
  type Logger,
  planSync,
  type SourceSnapshot,
  type SyncPlan,
} from '@hrsync/core';
import { createFetch, type FetchHandler } from '../faults/create-fetch.ts';
import { type FaultyHandler, type ScriptedFault, withFaults } from '../faults/with-faults.ts';
import type { SeedUser } from '../memory-destination.ts';
import { generateRoster, type Roster } from '../roster/generate-roster.ts';
import { driveUntil, expectPreAbortedRejects, expectPromptAbort, expectResolves } from './expectations.ts';
import {
  type ConformanceCheck,
  ConformanceError,
  createProbe,
  describeThrown,
  drive,
  type Probe,
  withFakeClock,
} from './harness.ts';

/**
 * What the suite gives your fake destination (or your destination itself, when it calls no vendor).
 *
 * @example
 * ```ts
 * const createFake = ({ users, rejectWorkEmails }: DestinationFakeContext) =>
 *   createAcmeDirectoryFake({ users, rejectWorkEmails, token: 'good-token' });
 * ```
 */
export interface DestinationFakeContext {
  /** The users the destination holds at the start (with `sourceId` when already linked). */
  users: readonly SeedUser[];
  /** Writes of people with these work emails must fail the way the destination really refuses a record. */
  rejectWorkEmails: readonly string[];
}

/**
 * What the suite gives your destination factory.
 *
 * @example
 * ```ts
 * const createDestination = ({ fetch, credentials, logger }: DestinationContext) =>
 *   createAcmeDestination({ token: credentials === 'valid' ? 'good-token' : 'bad-token', fetch, logger });
 * ```
 */
export interface DestinationContext extends DestinationFakeContext {
  /** A `fetch` that reaches your fake (with the faults the check injects); pass it as the adapter's `fetch`. */
  fetch: typeof fetch;
  /** `valid` credentials your fake accepts, or `invalid` (well-formed but wrong) ones it rejects. */
  credentials: 'valid' | 'invalid';
  /** The suite's logger; pass it as the adapter's `logger` so that its lines are scanned for credentials. */
  logger: Logger;
}

/**
 * Options of the destination conformance suite.
 *
 * @example
 * ```ts
 * const options: DestinationConformanceOptions = {
 *   name: 'my-app users table',
 *   createDestination: ({ users, rejectWorkEmails }) => createUsersDestination({ users, rejectWorkEmails }),
 *   fields: ['firstName', 'lastName', 'workEmail', 'title'],
 * };
 * describeDestinationConformance(options);
 * ```
 */
export interface DestinationConformanceOptions {
  /** The adapter's name, for test titles. */
  name: string;
  /**
   * Builds your fake vendor (a Fetch-API handler) holding the given users and refusing the given people. Leave it
   * out for a destination that calls no vendor (a host's own database): it then receives the users itself.
   */
  createFake?: ((context: DestinationFakeContext) => FetchHandler) | undefined;
  /** Builds the destination under test. */
  createDestination(context: DestinationContext): HrDestination | Promise<HrDestination>;
  /** Every credential value: none may appear in an error or a log line. */
  secrets?: readonly string[] | undefined;
  /**
   * The employee fields the destination stores and gives back from `loadCurrent()`; default first name, last name
   * and work email. The suite plans with these fields, so nothing else is compared.
   */
  fields?: readonly EmployeeField[] | undefined;
  /** People in the roster of the round-trip check; default 12. */
  rosterSize?: number | undefined;
  /** Roster seed; default 1. */
  seed?: number | undefined;
  /** Checks to skip, each with the reason (shown as the skipped test's title). */
  skip?: Partial<Record<DestinationCheckName, string>> | undefined;
}

/**
 * The checks of the destination conformance suite.
 *
 * @example
 * ```ts
 * const skip: Partial<Record<DestinationCheckName, string>> = {
 *   abortRejectsPromptly: 'the vendor call is a single request that cannot be interrupted',
 * };
 * ```
 */
export type DestinationCheckName =
  | 'loadCurrentRoundTrips'
  | 'appliesEveryOperation'
  | 'failureDoesNotStopOthers'
  | 'abortRejectsPromptly'
  | 'invalidCredentialsRejected'
  | 'noCredentialLeaks';

const DEFAULT_FIELDS: readonly EmployeeField[] = ['firstName', 'lastName', 'workEmail'];
const SOURCE = { id: 'conformance', displayName: 'Conformance HR' };

interface Setup {
  destination: HrDestination;
  handler: FaultyHandler | undefined;
  probe: Probe;
}

interface SetupInit {
  users?: readonly SeedUser[];
  rejectWorkEmails?: readonly string[];
  credentials?: 'valid' | 'invalid';
  script?: ScriptedFault[];
  wrap?: (handler: FetchHandler) => FetchHandler;
  probe?: Probe;
}

const noFake: typeof fetch = async () => {
  throw new TypeError('this destination was declared without a fake (createFake), so it must not call fetch');
};

async function setup(
  check: string,
  options: DestinationConformanceOptions,
  init: SetupInit = {},
): Promise<Setup> {
  const users = init.users ?? [];
  const rejectWorkEmails = init.rejectWorkEmails ?? [];
  const probe = init.probe ?? createProbe(options.secrets ?? []);
  let handler: FaultyHandler | undefined;
  if (options.createFake) {
    const fake = options.createFake({ users, rejectWorkEmails });
    handler = withFaults(init.wrap ? init.wrap(fake) : fake, { script: init.script ?? [] });
  }
  const credentials = init.credentials ?? 'valid';
  try {
    const destination = await options.createDestination({
      users,
      rejectWorkEmails,
      fetch: handler ? createFetch(handler) : noFake,
      credentials,
      logger: probe.logger,
    });
    return { destination, handler, probe };
  } catch (error) {
    probe.error(error);
    probe.assertNoSecrets(check);
    throw new ConformanceError(
      check,
      `createDestination() threw with ${credentials} credentials: ${describeThrown(error)}.`,
    );
  }
}

function activeRoster(options: DestinationConformanceOptions, size: number): Roster {
  return generateRoster({
    seed: options.seed ?? 1,
    size,
    statusWeights: { active: 1, leave: 0, pending: 0, terminated: 0 },
  });
}

function snapshotOf(employees: readonly Employee[]): SourceSnapshot {
  return {
    source: SOURCE.id,
    fetchedAt: '2025-01-01T09:00:00.000Z',
    complete: true,
    employees: [...employees],
    issues: [],
  };
}

function plan(
  options: DestinationConformanceOptions,
  employees: readonly Employee[],
  current: readonly CurrentRecord[],
): SyncPlan {
  return planSync({
    snapshot: snapshotOf(employees),
    current,
    fields: options.fields ?? DEFAULT_FIELDS,
    now: new Date('2025-01-01T09:00:00Z'),
    sourceName: SOURCE.displayName,
    safety: { allowMassArchive: true },
  });
}

function seedOf(
  options: DestinationConformanceOptions,
  employee: Employee,
  extra: Partial<SeedUser> = {},
): SeedUser {
  const user: Record<string, unknown> = { sourceId: employee.id };
  for (const field of new Set<EmployeeField>([
    ...(options.fields ?? DEFAULT_FIELDS),
    'firstName',
    'lastName',
    'workEmail',
  ])) {
    if (field !== 'id' && employee[field] !== undefined) user[field] = structuredClone(employee[field]);
  }
  return { ...(user as SeedUser), ...extra };
}

async function call<T>(check: string, s: Setup, what: string, promise: Promise<T>): Promise<T> {
  const value = await expectResolves(s.probe, check, what, () => promise, `${what} failed`);
  s.probe.output(value);
  return value;
}

function operationCount(p: SyncPlan): number {
  return p.creates.length + p.updates.length + p.archives.length + p.reactivations.length + p.links.length;
}

function assertAllApplied(check: string, p: SyncPlan, result: ApplyResult): void {
  const failed = result.outcomes.filter((o) => !o.ok);
  if (failed.length > 0) {
    const first = failed[0] as { type: string; sourceId?: string; message?: string };
    throw new ConformanceError(
      check,
      `${failed.length} operations failed, first: ${first.type} ${first.sourceId ?? ''}: ${first.message ?? ''}`,
    );
  }
  if (result.outcomes.length !== operationCount(p)) {
    throw new ConformanceError(
      check,
      `apply() reported ${result.outcomes.length} outcomes for ${operationCount(p)} operations; report one per operation.`,
    );
  }
}

function assertNothingLeft(check: string, p: SyncPlan, what: string): void {
  const left = operationCount(p);
  if (left === 0) return;
  const update = p.updates[0];
  const detail = update
    ? ` (first: ${update.sourceId} ${update.changes.map((c) => `${c.field}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`).join(', ')})`
    : '';
  throw new ConformanceError(
    check,
    `${what}, planning again still finds work: ${p.creates.length} creates, ${p.updates.length} updates, ${p.archives.length} archives, ${p.reactivations.length} reactivations, ${p.links.length} links${detail}. loadCurrent() must give back what apply() wrote.`,
  );
}

function findLinked(current: readonly CurrentRecord[], sourceId: string): CurrentRecord[] {
  return current.filter((u) => u.sourceId === sourceId);
}

const loadCurrentRoundTrips: ConformanceCheck<DestinationConformanceOptions> = {
  title: 'loadCurrent() gives back what apply() created: planning again finds nothing to do',
  async run(options) {
    const check = 'loadCurrentRoundTrips';
    await withFakeClock(async () => {
      const roster = activeRoster(options, options.rosterSize ?? 12);
      const s = await setup(check, options);
      const before = await call(
        check,
        s,
        'loadCurrent() of an empty destination',
        s.destination.loadCurrent(),
      );
      if (before.length !== 0)
        throw new ConformanceError(
          check,
          `an empty destination's loadCurrent() returned ${before.length} users.`,
        );
      const p = plan(options, roster.employees, before);
      const result = await call(check, s, 'apply()', s.destination.apply(p));
      assertAllApplied(check, p, result);
      for (const outcome of result.outcomes) {
        if (typeof outcome.hostId !== 'string' || outcome.hostId === '') {
          throw new ConformanceError(check, `the create outcome of ${outcome.sourceId} has no hostId.`);
        }
      }
      const after = await call(check, s, 'loadCurrent() after apply()', s.destination.loadCurrent());
      for (const employee of roster.employees) {
        const found = findLinked(after, employee.id);
        if (found.length !== 1) {
          throw new ConformanceError(
            check,
            `after creating ${employee.id}, loadCurrent() lists ${found.length} users linked to it (sourceId).`,
          );
        }
        const user = found[0] as CurrentRecord;
        if (user.archived) throw new ConformanceError(check, `${employee.id} was created archived.`);
        for (const field of options.fields ?? DEFAULT_FIELDS) {
          const got = JSON.stringify((user as Record<string, unknown>)[field]);
          const want = JSON.stringify(employee[field]);
          if (got !== want)
            throw new ConformanceError(
              check,
              `${employee.id}.${field} came back as ${got}, but ${want} was written.`,
            );
        }
      }
      assertNothingLeft(check, plan(options, roster.employees, after), 'after applying the creates');
      s.probe.assertNoSecrets(check);
    });
  },
};

const appliesEveryOperation: ConformanceCheck<DestinationConformanceOptions> = {
  title: 'applies creates, updates, archives, reactivations and links',
  async run(options) {
    const check = 'appliesEveryOperation';
    await withFakeClock(async () => {
      const people = activeRoster(options, 6).employees;
      const [changed, rehired, unlinked, joiner, same1, same2] = people as [
        Employee,
        Employee,
        Employee,
        Employee,
        Employee,
        Employee,
      ];
      const leaver = generateRoster({ seed: (options.seed ?? 1) + 1, size: 1, domain: 'leavers.example.com' })
        .employees[0] as Employee;
      const fields = options.fields ?? DEFAULT_FIELDS;
      const stale = (['lastName', 'firstName', 'title'] as const).find((f) => fields.includes(f));
      if (stale === undefined) {
        throw new ConformanceError(
          check,
          'fields must include lastName, firstName or title, so that an update can be planned.',
        );
      }
      const users: SeedUser[] = [
        seedOf(options, changed, { [stale]: `${changed[stale] ?? 'Old'}-Old` }),
        seedOf(options, rehired, { archived: true }),
        (() => {
          const { sourceId: _unlinked, ...rest } = seedOf(options, unlinked);
          return rest;
        })(),
        seedOf(options, same1),
        seedOf(options, same2),
        seedOf(options, { ...leaver, id: 'GONE-1' }),
      ];
      const s = await setup(check, options, { users });
      const current = await call(check, s, 'loadCurrent()', s.destination.loadCurrent());
      if (current.length !== users.length) {
        throw new ConformanceError(
          check,
          `the destination was seeded with ${users.length} users but loadCurrent() lists ${current.length}.`,
        );
      }
      const p = plan(options, people, current);
      const kinds = {
        creates: p.creates.map((c) => c.employee.id),
        updates: p.updates.map((u) => u.sourceId),
        archives: p.archives.map((a) => a.sourceId),
        reactivations: p.reactivations.map((r) => r.sourceId),
        links: p.links.map((l) => l.sourceId),
      };
      const expected = {
        creates: [joiner.id],
        updates: [changed.id],
        archives: ['GONE-1'],
        reactivations: [rehired.id],
        links: [unlinked.id],
      };
      if (JSON.stringify(kinds) !== JSON.stringify(expected)) {
        throw new ConformanceError(
          check,
          `loadCurrent() does not reflect the seeded users: the plan is ${JSON.stringify(kinds)}, expected ${JSON.stringify(expected)}. Check that seeded sourceId, archived and fields come back.`,
        );
      }
      const result = await call(check, s, 'apply()', s.destination.apply(p));
      assertAllApplied(check, p, result);
      const after = await call(check, s, 'loadCurrent() after apply()', s.destination.loadCurrent());
      const one = (id: string) => findLinked(after, id)[0];
      if (one(changed.id)?.[stale] !== changed[stale])
        throw new ConformanceError(check, `the update of ${changed.id}'s ${stale} did not stick.`);
      if (!one(rehired.id) || one(rehired.id)?.archived)
        throw new ConformanceError(check, `${rehired.id} was not reactivated.`);
      if (!one(unlinked.id))
        throw new ConformanceError(
          check,
          `the link of ${unlinked.id} (matched by email) did not stick: no user has its sourceId.`,
        );
      if (!one(joiner.id)) throw new ConformanceError(check, `${joiner.id} was not created.`);
      if (one('GONE-1')?.archived !== true)
        throw new ConformanceError(check, 'the leaver GONE-1 was not archived.');
      assertNothingLeft(check, plan(options, people, after), 'after applying every kind of operation');
      s.probe.assertNoSecrets(check);
    });
  },
};

const failureDoesNotStopOthers: ConformanceCheck<DestinationConformanceOptions> = {
  title: 'a failing operation is reported and does not stop the others',
  async run(options) {
    const check = 'failureDoesNotStopOthers';
    await withFakeClock(async () => {
      const people = activeRoster(options, 6).employees;
      const p = plan(options, people, []);
      const victim = p.creates[1]?.employee as Employee;
      const s = await setup(check, options, { rejectWorkEmails: [victim.workEmail] });
      const result = await call(check, s, 'apply() with one refused person', s.destination.apply(p));
      if (result.outcomes.length !== p.creates.length) {
        throw new ConformanceError(
          check,
          `apply() reported ${result.outcomes.length} outcomes for ${p.creates.length} creates; after one failure it must go on and report every operation.`,
        );
      }
      const failed = result.outcomes.filter((o) => !o.ok);
      if (failed.length !== 1 || failed[0]?.sourceId !== victim.id) {
        throw new ConformanceError(
          check,
          `expected exactly one failed outcome, for ${victim.id}; got ${failed.length} (${failed.map((o) => o.sourceId).join(', ')}).`,
        );
      }
      const message = (failed[0] as { message?: unknown }).message;
      if (typeof message !== 'string' || message.trim() === '') {
        throw new ConformanceError(check, 'a failed outcome must carry a message saying why.');
      }
      const after = await call(check, s, 'loadCurrent()', s.destination.loadCurrent());
      for (const employee of people) {
        const found = findLinked(after, employee.id).length;
        if (employee.id === victim.id ? found !== 0 : found !== 1) {
          throw new ConformanceError(check, `after apply(), ${employee.id} is linked to ${found} users.`);
        }
      }
      s.probe.assertNoSecrets(check);
    });
  },
};

const abortRejectsPromptly: ConformanceCheck<DestinationConformanceOptions> = {
  title: 'an aborted signal rejects promptly and writes nothing',
  async run(options) {
    const check = 'abortRejectsPromptly';
    await withFakeClock(async () => {
      const people = activeRoster(options, 6).employees;
      const p = plan(options, people, []);
      const s = await setup(check, options);
      await expectPreAbortedRejects(s.probe, check, [
        ['loadCurrent()', () => s.destination.loadCurrent({ signal: AbortSignal.abort() })],
        ['apply()', () => s.destination.apply(p, { signal: AbortSignal.abort() })],
      ]);
      const after = await call(check, s, 'loadCurrent()', s.destination.loadCurrent());
      if (after.length !== 0)
        throw new ConformanceError(
          check,
          `an apply() aborted before it started wrote ${after.length} users.`,
        );

      if (options.createFake) {
        const slow = await setup(check, options, {
          script: [{ fault: { type: 'latency', ms: 120_000 } }],
          probe: s.probe,
        });
        const controller = new AbortController();
        const applying = slow.destination.apply(p, { signal: controller.signal });
        const state = await driveUntil(applying, () => (slow.handler?.requests.length ?? 0) !== 0);
        if (state.state === 'pending') {
          await expectPromptAbort(s.probe, check, controller, applying, {
            pending: 'apply() did not reject within 1 s of the abort; pass the signal to every request.',
            fulfilled: 'apply() resolved although it was aborted mid-way.',
          });
        }
      }
      s.probe.assertNoSecrets(check);
    });
  },
};

const invalidCredentialsRejected: ConformanceCheck<DestinationConformanceOptions> = {
  title: 'loadCurrent() throws AUTH_INVALID_CREDENTIALS with invalid credentials',
  async run(options) {
    const check = 'invalidCredentialsRejected';
    await withFakeClock(async () => {
      const s = await setup(check, options, { credentials: 'invalid' });
      const result = await drive(s.destination.loadCurrent());
      if (result.state === 'pending') throw new ConformanceError(check, 'loadCurrent() never settled.');
      if (result.state === 'fulfilled') {
        throw new ConformanceError(
          check,
          'loadCurrent() resolved with invalid credentials; an empty list would make every person a joiner.',
        );
      }
      s.probe.error(result.error);
      if (!HrSyncError.is(result.error) || result.error.code !== 'AUTH_INVALID_CREDENTIALS') {
        throw new ConformanceError(
          check,
          `expected an HrSyncError with code AUTH_INVALID_CREDENTIALS, got ${describeThrown(result.error)}.`,
        );
      }
      s.probe.assertNoSecrets(check);
    });
  },
};

const noCredentialLeaks: ConformanceCheck<DestinationConformanceOptions> = {
  title: 'no credential appears in any error, outcome, toJSON() or log line',
  async run(options) {
    const check = 'noCredentialLeaks';
    await withFakeClock(async () => {
      const probe = createProbe(options.secrets ?? []);
      const people = activeRoster(options, 4).employees;
      const p = plan(options, people, []);
      const attempt = async (promise: Promise<unknown>) => {
        const result = await drive(promise);
        if (result.state === 'rejected') probe.error(result.error);
        else if (result.state === 'fulfilled') probe.output(result.value);
      };
      const bad = await setup(check, options, { credentials: 'invalid', probe });
      await attempt(bad.destination.loadCurrent());
      await attempt(bad.destination.apply(p));
      const refused = await setup(check, options, { rejectWorkEmails: [people[0]?.workEmail ?? ''], probe });
      await attempt(refused.destination.apply(p));
      const echo =
        (status: number) =>
        (handler: FetchHandler): FetchHandler =>
        async (request) => {
          if (request.method === 'GET') return handler(request);
          const headers = Object.fromEntries(request.headers.entries());
          const body = JSON.stringify({ error: 'request rejected', url: request.url, headers });
          return new Response(body, { status, headers: { 'content-type': 'application/json' } });
        };
      for (const status of [400, 401, 422, 500]) {
        const s = await setup(check, options, { wrap: echo(status), probe });
        await attempt(s.destination.apply(p));
      }
      probe.assertNoSecrets(check);
    });
  },
};

/**
 * The checks of {@link describeDestinationConformance}, as plain async functions: each resolves when the
 * destination keeps that part of the contract and rejects with a {@link ConformanceError} saying what broke.
 *
 * @example
 * ```ts
 * await destinationChecks.failureDoesNotStopOthers.run(options);
 * ```
 */
export const destinationChecks: Readonly<
  Record<DestinationCheckName, ConformanceCheck<DestinationConformanceOptions>>
> = {
  loadCurrentRoundTrips,
  appliesEveryOperation,
  failureDoesNotStopOthers,
  abortRejectsPromptly,
  invalidCredentialsRejected,
  noCredentialLeaks,
};
