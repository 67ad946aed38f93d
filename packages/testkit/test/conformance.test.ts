import { runSync } from '@hrsync/core';
import { describe, expect, it } from 'vitest';
import {
  ConformanceError,
  createFetch,
  createMemoryDestination,
  type DestinationCheckName,
  type DestinationConformanceOptions,
  describeDestinationConformance,
  describeSourceConformance,
  destinationChecks,
  generateRoster,
  type SourceCheckName,
  type SourceConformanceOptions,
  sourceChecks,
  withFaults,
} from '../src/index.ts';
import { createRefhrDestination, type RefhrDestinationFlaws } from './reference/refhr-destination.ts';
import { createRefhrDirectoryFake, createRefhrFake } from './reference/refhr-fake.ts';
import { createRefhrSource, type RefhrSourceFlaws } from './reference/refhr-source.ts';

const GOOD_KEY = 'refhr_key_good_5f1c9a7e33';
const BAD_KEY = 'refhr_key_wrong_0b8d2c4a91';
const GOOD_TOKEN = 'dir_token_good_77aa13bc';
const BAD_TOKEN = 'dir_token_wrong_19cd44ef';

function sourceOptions(flaws: RefhrSourceFlaws = {}): SourceConformanceOptions {
  return {
    name: 'refhr (reference source)',
    createFake: ({ roster, pageSize }) =>
      createRefhrFake({ apiKey: GOOD_KEY, employees: roster.employees, pageSize }),
    createSource: ({ fetch, credentials, logger }) =>
      createRefhrSource({ apiKey: credentials === 'valid' ? GOOD_KEY : BAD_KEY, fetch, logger, flaws }),
    secrets: [GOOD_KEY, BAD_KEY],
    malformed: { missingNames: 2, invalidEmails: 2, invalidPhones: 1, invalidDates: 1 },
    compareFields: [
      'employeeNumber',
      'firstName',
      'lastName',
      'workEmail',
      'workPhone',
      'title',
      'department',
      'location',
      'managerId',
      'employmentStatus',
      'startDate',
      'endDate',
    ],
  };
}

function destinationOptions(flaws: RefhrDestinationFlaws = {}): DestinationConformanceOptions {
  return {
    name: 'refhr directory (reference destination)',
    createFake: ({ users, rejectWorkEmails }) =>
      createRefhrDirectoryFake({ token: GOOD_TOKEN, users, rejectWorkEmails }),
    createDestination: ({ fetch, credentials, logger }) =>
      createRefhrDestination({
        token: credentials === 'valid' ? GOOD_TOKEN : BAD_TOKEN,
        fetch,
        logger,
        flaws,
      }),
    secrets: [GOOD_TOKEN, BAD_TOKEN],
    fields: ['firstName', 'lastName', 'workEmail', 'title'],
  };
}

describeSourceConformance(sourceOptions());
describeDestinationConformance(destinationOptions());
describeDestinationConformance({
  name: 'memory (a destination that calls no vendor)',
  createDestination: ({ users, rejectWorkEmails }) => createMemoryDestination({ users, rejectWorkEmails }),
  fields: ['firstName', 'lastName', 'workEmail', 'title', 'department', 'managerId'],
});

describe('the source suite fails a broken source', () => {
  const cases: [keyof RefhrSourceFlaws, SourceCheckName, RegExp][] = [
    ['dropSecondPage', 'readsEveryPersonOnce', /25 missing/],
    ['swallowPageErrors', 'permanentFailureArchivesNobody', /yet complete|archived/],
    ['leakKeyInErrors', 'verifyRejectsInvalidCredentials', /credential appeared in an error/],
    ['leakKeyInErrors', 'noCredentialLeaks', /credential appeared in an error/],
    ['noRetries', 'honoursRetryAfter', /RATE_LIMITED/],
    ['noRetries', 'retriesTransientFailures', /UPSTREAM_UNAVAILABLE/],
    ['impatient', 'honoursRetryAfter', /retried after 100 ms, but Retry-After asked for 5000 ms/],
    ['ignoreAbort', 'abortRejectsPromptly', /already-aborted signal resolved/],
    ['crashOnMalformed', 'malformedRecordsBecomeIssues', /SYNC_INCOMPLETE_SOURCE|TypeError/],
    ['emptyOnAuthError', 'verifyRejectsInvalidCredentials', /resolved as complete with 0 people/],
  ];
  for (const [flaw, check, message] of cases) {
    it(`${check} catches ${flaw}`, async () => {
      const error = await sourceChecks[check].run(sourceOptions({ [flaw]: true })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConformanceError);
      expect((error as ConformanceError).check).toBe(check);
      expect((error as Error).message).toMatch(message);
    });
  }

  it('abortRejectsPromptly catches a source that ignores the signal only mid-read', async () => {
    // Honours an already-aborted signal, but never passes it on to requests.
    const options = sourceOptions({ ignoreAbort: true });
    const error = await sourceChecks.abortRejectsPromptly
      .run({
        ...options,
        createSource: async (context) => {
          const source = await options.createSource(context);
          const employees = source.employees.bind(source);
          return {
            ...source,
            verify: (call) =>
              call?.signal?.aborted ? Promise.reject(call.signal.reason) : source.verify(call),
            fetchSnapshot: (call) =>
              call?.signal?.aborted ? Promise.reject(call.signal.reason) : source.fetchSnapshot(call),
            async *employees(call) {
              call?.signal?.throwIfAborted();
              yield* employees(call);
            },
          };
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConformanceError);
    expect((error as Error).message).toMatch(/did not reject within 1 s of the abort/);
  });

  it('describesItself catches a source without a display name', async () => {
    const options = sourceOptions();
    const error = await sourceChecks.describesItself
      .run({
        ...options,
        createSource: async (c) => ({ ...(await options.createSource(c)), displayName: '' }),
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConformanceError);
  });

  it('verifyAcceptsValidCredentials catches a source whose fake refuses it', async () => {
    const options = sourceOptions();
    const error = await sourceChecks.verifyAcceptsValidCredentials
      .run({
        ...options,
        createFake: (c) => createRefhrFake({ apiKey: 'another-key', employees: c.roster.employees }),
      })
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/rejected: HrSyncError AUTH_INVALID_CREDENTIALS/);
  });
});

describe('the destination suite fails a broken destination', () => {
  const cases: [keyof RefhrDestinationFlaws, DestinationCheckName, RegExp][] = [
    ['stopAtFirstFailure', 'failureDoesNotStopOthers', /must go on and report every operation/],
    ['ignoreAbort', 'abortRejectsPromptly', /already-aborted signal resolved/],
    ['forgetLinks', 'loadCurrentRoundTrips', /lists 0 users linked to it/],
    ['forgetLinks', 'appliesEveryOperation', /does not reflect the seeded users/],
    ['leakTokenInOutcomes', 'failureDoesNotStopOthers', /credential appeared in the output/],
    ['leakTokenInOutcomes', 'noCredentialLeaks', /credential appeared/],
  ];
  for (const [flaw, check, message] of cases) {
    it(`${check} catches ${flaw}`, async () => {
      const error = await destinationChecks[check]
        .run(destinationOptions({ [flaw]: true }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConformanceError);
      expect((error as Error).message).toMatch(message);
    });
  }

  it('invalidCredentialsRejected catches a destination that reads an empty directory on a 401', async () => {
    const options = destinationOptions();
    const error = await destinationChecks.invalidCredentialsRejected
      .run({
        ...options,
        createDestination: async (context) => {
          const destination = await options.createDestination(context);
          return { ...destination, loadCurrent: (call) => destination.loadCurrent(call).catch(() => []) };
        },
      })
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/resolved with invalid credentials/);
  });

  it('abortRejectsPromptly catches a destination that ignores the signal only mid-way', async () => {
    const options = destinationOptions({ ignoreAbort: true });
    const error = await destinationChecks.abortRejectsPromptly
      .run({
        ...options,
        createDestination: async (context) => {
          const destination = await options.createDestination(context);
          return {
            ...destination,
            loadCurrent: (call) =>
              call?.signal?.aborted ? Promise.reject(call.signal.reason) : destination.loadCurrent(call),
            apply: (plan, call) =>
              call?.signal?.aborted ? Promise.reject(call.signal.reason) : destination.apply(plan, call),
          };
        },
      })
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/did not reject within 1 s of the abort/);
  });
});

describe('the reference adapters end to end', () => {
  it('sync a roster with defects through runSync under random faults, reproducibly', async () => {
    const roster = generateRoster({ seed: 21, size: 60, defects: { missingNames: 1, duplicateEmails: 1 } });
    const handler = withFaults(
      createRefhrFake({ apiKey: GOOD_KEY, employees: roster.employees, pageSize: 10 }),
      {
        seed: 3,
        rate: 0.2,
        faults: ['server-error', 'disconnect', 'malformed'],
      },
    );
    const source = createRefhrSource({
      apiKey: GOOD_KEY,
      fetch: createFetch(handler),
      retry: { limit: 6, baseDelayMs: 1, maxDelayMs: 5 },
    });
    const destination = createMemoryDestination();
    const report = await runSync({ source, destination, now: new Date(roster.now) });
    expect(report.complete).toBe(true);

    // The same seed injects the same faults into the same requests.
    const again = withFaults(
      createRefhrFake({ apiKey: GOOD_KEY, employees: roster.employees, pageSize: 10 }),
      {
        seed: 3,
        rate: 0.2,
        faults: ['server-error', 'disconnect', 'malformed'],
      },
    );
    const second = createRefhrSource({
      apiKey: GOOD_KEY,
      fetch: createFetch(again),
      retry: { limit: 6, baseDelayMs: 1, maxDelayMs: 5 },
    });
    await runSync({ source: second, destination: createMemoryDestination(), now: new Date(roster.now) });
    expect(again.injected.map((r) => [r.index, r.label])).toEqual(
      handler.injected.map((r) => [r.index, r.label]),
    );
    expect(handler.injected.length).toBeGreaterThan(0);
    const created = new Set(destination.users().map((u) => u.sourceId));
    const skipped = new Set(roster.defects.flatMap((d) => d.employeeIds));
    for (const e of roster.employees) {
      const expected = !skipped.has(e.id) && e.employmentStatus !== 'terminated';
      expect(created.has(e.id), e.id).toBe(expected);
    }
    const codes = report.issues.map((i) => i.code).filter((c) => c !== 'MANAGER_NOT_FOUND');
    expect(codes.sort()).toEqual([
      'EMPLOYEE_DUPLICATE_EMAIL',
      'EMPLOYEE_DUPLICATE_EMAIL',
      'EMPLOYEE_MISSING_REQUIRED_FIELD',
    ]);
    // People who report to a skipped person sync without their manager line.
    const byId = new Map(roster.employees.map((e) => [e.id, e]));
    for (const issue of report.issues.filter((i) => i.code === 'MANAGER_NOT_FOUND')) {
      expect(skipped.has(byId.get(issue.recordId ?? '')?.managerId ?? '')).toBe(true);
    }
  });
});
