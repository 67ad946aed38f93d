import {
  type Employee,
  type EmployeeField,
  type HrSource,
  HrSyncError,
  type Logger,
  redactText,
  runSync,
  type SyncIssue,
} from '@hrsync/core';
import { createFetch, type FetchHandler } from '../faults/create-fetch.ts';
import {
  type FaultyHandler,
  type RequestRecord,
  type ScriptedFault,
  withFaults,
} from '../faults/with-faults.ts';
import { createMemoryDestination } from '../memory-destination.ts';
import { generateRoster, type Roster, type RosterDefects } from '../roster/generate-roster.ts';
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
 * What the suite gives your fake vendor: the roster to serve and a page size.
 *
 * @example
 * ```ts
 * const createFake = ({ roster, pageSize }: SourceFakeContext) =>
 *   createAcmeFake({ employees: roster.employees, apiKey: 'good-key', pageSize }).handler;
 * ```
 */
export interface SourceFakeContext {
  /** The people (and departments and locations) to serve, from `generateRoster()`. */
  roster: Roster;
  /**
   * Records per page to serve, where the vendor lets the fake choose, so that reads cross page boundaries. A
   * vendor with fixed pages (or none) ignores it.
   */
  pageSize: number;
}

/**
 * What the suite gives your source factory.
 *
 * @example
 * ```ts
 * const createSource = ({ fetch, credentials, logger }: SourceContext) =>
 *   createAcmeSource({ apiKey: credentials === 'valid' ? 'good-key' : 'wrong-key', fetch, logger });
 * ```
 */
export interface SourceContext {
  /** A `fetch` that reaches your fake (with the faults the check injects). Pass it as the adapter's `fetch`. */
  fetch: typeof fetch;
  /**
   * Which credentials to build the source with: `valid` ones your fake accepts, or `invalid` ones it rejects
   * (well-formed, so that the factory accepts them, but wrong).
   */
  credentials: 'valid' | 'invalid';
  /** The suite's logger; pass it as the adapter's `logger` so that its lines are scanned for credentials. */
  logger: Logger;
}

/**
 * Options of the source conformance suite.
 *
 * @example
 * ```ts
 * const options: SourceConformanceOptions = {
 *   name: 'acme',
 *   createFake: ({ roster, pageSize }) => createAcmeFake({ employees: roster.employees, apiKey: 'good-key', pageSize }).handler,
 *   createSource: ({ fetch, credentials, logger }) =>
 *     createAcmeSource({ apiKey: credentials === 'valid' ? 'good-key' : 'wrong-key', fetch, logger }),
 *   secrets: ['good-key', 'wrong-key'],
 *   malformed: { missingNames: 2, invalidEmails: 1, invalidPhones: 1 },
 * };
 * describeSourceConformance(options);
 * ```
 */
export interface SourceConformanceOptions {
  /** The adapter's name, for test titles. */
  name: string;
  /** Builds your fake vendor (a Fetch-API handler) serving the given roster. Called afresh for every scenario. */
  createFake(context: SourceFakeContext): FetchHandler;
  /** Builds the source under test against the given `fetch`, credentials and logger. */
  createSource(context: SourceContext): HrSource | Promise<HrSource>;
  /** Every credential value (of both the valid and the invalid set): none may appear in an error or a log line. */
  secrets: readonly string[];
  /** People in the roster; default 120. */
  rosterSize?: number | undefined;
  /** Page size asked of the fake; default 25. */
  pageSize?: number | undefined;
  /** Roster seed; default 1. */
  seed?: number | undefined;
  /**
   * Broken records the fake serves for the malformed-records check; default `{ missingNames: 2, invalidEmails: 1 }`.
   * Add `invalidPhones` or `invalidDates` when the vendor has those fields.
   */
  malformed?: RosterDefects | undefined;
  /** Fields of every person compared with the roster after a read; default first name, last name, work email. */
  compareFields?: readonly EmployeeField[] | undefined;
  /** Checks to skip, each with the reason (shown as the skipped test's title). */
  skip?: Partial<Record<SourceCheckName, string>> | undefined;
}

/**
 * The checks of the source conformance suite.
 *
 * @example
 * ```ts
 * const skip: Partial<Record<SourceCheckName, string>> = {
 *   honoursRetryAfter: 'the vendor answers a single request; rate limits are enforced client-side',
 * };
 * ```
 */
export type SourceCheckName =
  | 'describesItself'
  | 'verifyAcceptsValidCredentials'
  | 'verifyRejectsInvalidCredentials'
  | 'readsEveryPersonOnce'
  | 'honoursRetryAfter'
  | 'retriesTransientFailures'
  | 'garbledPagesNeverPassAsEmpty'
  | 'permanentFailureArchivesNobody'
  | 'abortRejectsPromptly'
  | 'malformedRecordsBecomeIssues'
  | 'noCredentialLeaks';

const RETRY_AFTER_S = 5;

interface Setup {
  roster: Roster;
  handler: FaultyHandler;
  probe: Probe;
  source: HrSource;
}

interface SetupInit {
  credentials?: 'valid' | 'invalid';
  roster?: Roster;
  script?: ScriptedFault[];
  wrap?: (handler: FetchHandler) => FetchHandler;
  probe?: Probe;
}

function cleanRoster(options: SourceConformanceOptions): Roster {
  return generateRoster({ seed: options.seed ?? 1, size: options.rosterSize ?? 120 });
}

async function setup(check: string, options: SourceConformanceOptions, init: SetupInit = {}): Promise<Setup> {
  const roster = init.roster ?? cleanRoster(options);
  const fake = options.createFake({ roster, pageSize: options.pageSize ?? 25 });
  const handler = withFaults(init.wrap ? init.wrap(fake) : fake, { script: init.script ?? [] });
  const probe = init.probe ?? createProbe(options.secrets);
  const credentials = init.credentials ?? 'valid';
  let source: HrSource;
  try {
    source = await options.createSource({ fetch: createFetch(handler), credentials, logger: probe.logger });
  } catch (error) {
    probe.error(error);
    probe.assertNoSecrets(check);
    throw new ConformanceError(
      check,
      `createSource() threw with ${credentials} credentials: ${describeThrown(error)}. The factory must accept well-formed credentials and only fail when calling the vendor.`,
    );
  }
  return { roster, handler, probe, source };
}

interface ReadResult {
  employees: Employee[];
  /** Issue records and the warnings attached to employees. */
  issues: SyncIssue[];
  incomplete: boolean;
}

async function readAll(source: HrSource, signal?: AbortSignal): Promise<ReadResult> {
  const result: ReadResult = { employees: [], issues: [], incomplete: false };
  for await (const record of source.employees(signal ? { signal } : {})) {
    if (record.type === 'employee') {
      result.employees.push(record.employee);
      result.issues.push(...record.issues);
    } else if (record.type === 'issue') result.issues.push(record.issue);
    else if (record.type === 'incomplete') result.incomplete = true;
  }
  return result;
}

/** Reads to the end; a rejection fails the check with the error described. */
async function mustRead(check: string, s: Setup, what: string): Promise<ReadResult> {
  const result = await expectResolves(s.probe, check, what, () => readAll(s.source), `${what} failed`);
  s.probe.output(result.issues);
  return result;
}

/** Fails when the ids read are not exactly the expected ones, each once. */
function assertEveryoneOnce(
  check: string,
  expected: readonly string[],
  read: readonly Employee[],
  what: string,
): void {
  const counts = new Map<string, number>();
  for (const e of read) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
  const twice = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  const wanted = new Set(expected);
  const missing = expected.filter((id) => !counts.has(id));
  const extra = [...counts.keys()].filter((id) => !wanted.has(id));
  const problems: string[] = [];
  if (missing.length) problems.push(`${missing.length} missing (${list(missing)})`);
  if (twice.length) problems.push(`${twice.length} read more than once (${list(twice)})`);
  if (extra.length) problems.push(`${extra.length} not in the roster (${list(extra)})`);
  if (problems.length) {
    throw new ConformanceError(
      check,
      `${what}: expected each of ${expected.length} people exactly once, but ${problems.join('; ')}.`,
    );
  }
}

function list(ids: readonly string[]): string {
  return ids.length > 5 ? `${ids.slice(0, 5).join(', ')}, …` : ids.join(', ');
}

function where(record: RequestRecord): string {
  return `${record.method} ${redactText(new URL(record.url).pathname)}`;
}

/** The number of requests a clean read makes, and the request index that faults target (the second, if any). */
async function learnRequests(
  check: string,
  options: SourceConformanceOptions,
): Promise<{ count: number; target: number }> {
  const s = await setup(check, options);
  await mustRead(check, s, 'a clean read (before injecting faults)');
  const count = s.handler.requests.length;
  if (count === 0)
    throw new ConformanceError(
      check,
      'a read made no request through the fetch it was given: pass context.fetch to the adapter.',
    );
  return { count, target: count >= 2 ? 1 : 0 };
}

function retriedAfter(
  requests: readonly RequestRecord[],
  injected: RequestRecord,
): RequestRecord | undefined {
  return requests.find(
    (r) => r.index > injected.index && r.method === injected.method && r.url === injected.url,
  );
}

function linkedUsers(roster: Roster) {
  return roster.employees.map((e) => {
    const { id, ...fields } = e;
    return { ...fields, sourceId: id, archived: e.employmentStatus === 'terminated' };
  });
}

const describesItself: ConformanceCheck<SourceConformanceOptions> = {
  title: 'has an id, a display name and capabilities',
  async run(options) {
    const check = 'describesItself';
    await withFakeClock(async () => {
      const { source } = await setup(check, options);
      if (typeof source.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(source.id)) {
        throw new ConformanceError(
          check,
          `id must be a lower-case slug ('trinet'), got ${JSON.stringify(source.id)}.`,
        );
      }
      if (typeof source.displayName !== 'string' || source.displayName.trim() === '') {
        throw new ConformanceError(
          check,
          'displayName must name the vendor as admins know it (it is used in fix texts).',
        );
      }
      const caps = source.capabilities as unknown as Record<string, unknown> | undefined;
      for (const key of ['webhooks', 'getEmployee', 'incremental']) {
        if (typeof caps?.[key] !== 'boolean')
          throw new ConformanceError(check, `capabilities.${key} must be a boolean.`);
      }
      if (source.capabilities.getEmployee && typeof source.getEmployee !== 'function') {
        throw new ConformanceError(check, 'capabilities.getEmployee is true but getEmployee() is missing.');
      }
    });
  },
};

const verifyAcceptsValidCredentials: ConformanceCheck<SourceConformanceOptions> = {
  title: 'verify() resolves with valid credentials',
  async run(options) {
    const check = 'verifyAcceptsValidCredentials';
    await withFakeClock(async () => {
      const s = await setup(check, options);
      const result: unknown = await expectResolves(
        s.probe,
        check,
        'verify()',
        () => s.source.verify(),
        'verify() with valid credentials rejected',
      );
      s.probe.output(result);
      if ((result as { ok?: unknown } | undefined)?.ok !== true) {
        throw new ConformanceError(
          check,
          `verify() must resolve with { ok: true, ... }, got ${JSON.stringify(result)}.`,
        );
      }
      s.probe.assertNoSecrets(check);
    });
  },
};

const verifyRejectsInvalidCredentials: ConformanceCheck<SourceConformanceOptions> = {
  title: 'verify() throws AUTH_INVALID_CREDENTIALS with invalid credentials, and a read with them fails',
  async run(options) {
    const check = 'verifyRejectsInvalidCredentials';
    await withFakeClock(async () => {
      const s = await setup(check, options, { credentials: 'invalid' });
      const verified = await drive(s.source.verify());
      if (verified.state === 'pending')
        throw new ConformanceError(check, 'verify() with invalid credentials never settled.');
      if (verified.state === 'fulfilled') {
        throw new ConformanceError(
          check,
          'verify() resolved with invalid credentials; it must throw AUTH_INVALID_CREDENTIALS.',
        );
      }
      s.probe.error(verified.error);
      const error = verified.error;
      if (!HrSyncError.is(error) || error.code !== 'AUTH_INVALID_CREDENTIALS') {
        throw new ConformanceError(
          check,
          `verify() with invalid credentials must throw an HrSyncError with code AUTH_INVALID_CREDENTIALS, got ${describeThrown(error)}.`,
        );
      }
      if (error.retryable)
        throw new ConformanceError(check, 'AUTH_INVALID_CREDENTIALS must not be retryable.');

      // A read with bad credentials must fail: an empty roster taken as complete would archive the whole company.
      const snapshot = await drive(s.source.fetchSnapshot());
      if (snapshot.state === 'pending')
        throw new ConformanceError(check, 'fetchSnapshot() with invalid credentials never settled.');
      if (snapshot.state === 'rejected') s.probe.error(snapshot.error);
      else if (snapshot.value.complete) {
        throw new ConformanceError(
          check,
          `fetchSnapshot() with invalid credentials resolved as complete with ${snapshot.value.employees.length} people; it must throw (or at least be incomplete).`,
        );
      }
      s.probe.assertNoSecrets(check);
    });
  },
};

const readsEveryPersonOnce: ConformanceCheck<SourceConformanceOptions> = {
  title: 'reads every person exactly once across pages, and fetchSnapshot() agrees',
  async run(options) {
    const check = 'readsEveryPersonOnce';
    await withFakeClock(async () => {
      const s = await setup(check, options);
      const ids = s.roster.employees.map((e) => e.id);
      const read = await mustRead(check, s, 'employees()');
      if (read.incomplete) throw new ConformanceError(check, 'a clean read ended with an incomplete record.');
      assertEveryoneOnce(check, ids, read.employees, 'employees()');
      const byId = new Map(s.roster.employees.map((e) => [e.id, e]));
      const fields = options.compareFields ?? ['firstName', 'lastName', 'workEmail'];
      for (const employee of read.employees) {
        const expected = byId.get(employee.id) as Employee;
        for (const field of fields) {
          const got = JSON.stringify(employee[field]);
          const want = JSON.stringify(expected[field]);
          if (got !== want) {
            throw new ConformanceError(
              check,
              `${employee.id}.${field} was read as ${got}, but the fake serves ${want}.`,
            );
          }
        }
      }

      const snapshot = await expectResolves(
        s.probe,
        check,
        'fetchSnapshot()',
        () => s.source.fetchSnapshot(),
        'fetchSnapshot() failed on a clean roster',
      );
      if (!snapshot.complete)
        throw new ConformanceError(check, 'fetchSnapshot() of a clean roster is not complete.');
      if (snapshot.source !== s.source.id) {
        throw new ConformanceError(
          check,
          `snapshot.source must be the source id '${s.source.id}', got '${snapshot.source}'.`,
        );
      }
      assertEveryoneOnce(check, ids, snapshot.employees, 'fetchSnapshot()');
      s.probe.assertNoSecrets(check);
    });
  },
};

const honoursRetryAfter: ConformanceCheck<SourceConformanceOptions> = {
  title: `retries a 429, waiting as long as Retry-After asks (${RETRY_AFTER_S} s, in fake time)`,
  async run(options) {
    const check = 'honoursRetryAfter';
    await withFakeClock(async () => {
      const { target } = await learnRequests(check, options);
      const s = await setup(check, options, {
        script: [
          { at: target, fault: { type: 'status', status: 429, retryAfter: RETRY_AFTER_S } },
          { at: target + 3, fault: { type: 'status', status: 429 } },
        ],
      });
      const read = await mustRead(check, s, `a read with a 429 (Retry-After: ${RETRY_AFTER_S})`);
      assertEveryoneOnce(
        check,
        s.roster.employees.map((e) => e.id),
        read.employees,
        'the read after a 429',
      );
      for (const injected of s.handler.injected) {
        const retry = retriedAfter(s.handler.requests, injected);
        if (!retry)
          throw new ConformanceError(check, `the 429 answer to ${where(injected)} was not retried.`);
        const waited = retry.at - injected.at;
        if (
          injected.fault?.type === 'status' &&
          injected.fault.retryAfter !== undefined &&
          waited < RETRY_AFTER_S * 1000
        ) {
          throw new ConformanceError(
            check,
            `${where(injected)} was retried after ${waited} ms, but Retry-After asked for ${RETRY_AFTER_S * 1000} ms.`,
          );
        }
      }
      s.probe.assertNoSecrets(check);
    });
  },
};

const retriesTransientFailures: ConformanceCheck<SourceConformanceOptions> = {
  title: 'retries 5xx answers and dropped connections, and still reads everyone',
  async run(options) {
    const check = 'retriesTransientFailures';
    await withFakeClock(async () => {
      const { target } = await learnRequests(check, options);
      const s = await setup(check, options, {
        script: [
          { at: target, fault: { type: 'status', status: 503 } },
          { at: target + 2, fault: { type: 'disconnect' } },
          { at: target + 4, fault: { type: 'status', status: 500 } },
          { at: target + 6, fault: { type: 'status', status: 502 } },
        ],
      });
      const read = await mustRead(check, s, 'a read with 5xx answers and a dropped connection');
      if (read.incomplete)
        throw new ConformanceError(check, 'a read whose failures were all retryable ended incomplete.');
      assertEveryoneOnce(
        check,
        s.roster.employees.map((e) => e.id),
        read.employees,
        'the read after transient failures',
      );
      for (const injected of s.handler.injected) {
        if (!retriedAfter(s.handler.requests, injected)) {
          throw new ConformanceError(
            check,
            `the ${injected.label} failure of ${where(injected)} was not retried.`,
          );
        }
      }
      s.probe.assertNoSecrets(check);
    });
  },
};

const garbledPagesNeverPassAsEmpty: ConformanceCheck<SourceConformanceOptions> = {
  title: 'a malformed or truncated page is retried or fails the read, never taken as an empty page',
  async run(options) {
    const check = 'garbledPagesNeverPassAsEmpty';
    await withFakeClock(async () => {
      const { target } = await learnRequests(check, options);
      const s = await setup(check, options, {
        script: [
          { at: target, fault: { type: 'malformed' } },
          { at: target + 2, fault: { type: 'truncate' } },
        ],
      });
      const result = await drive(readAll(s.source));
      if (result.state === 'pending') throw new ConformanceError(check, 'the read never settled.');
      if (result.state === 'rejected') s.probe.error(result.error);
      else if (!result.value.incomplete) {
        assertEveryoneOnce(
          check,
          s.roster.employees.map((e) => e.id),
          result.value.employees,
          'a read with a malformed and a truncated page that claims to be complete',
        );
      }
      s.probe.assertNoSecrets(check);
    });
  },
};

const permanentFailureArchivesNobody: ConformanceCheck<SourceConformanceOptions> = {
  title: 'a permanent failure mid-read makes the read fail or incomplete, and runSync() archives nobody',
  async run(options) {
    const check = 'permanentFailureArchivesNobody';
    await withFakeClock(async () => {
      const { count } = await learnRequests(check, options);
      const from = count >= 2 ? Math.max(1, Math.floor(count / 2)) : 0;
      const script: ScriptedFault[] = [{ from, fault: { type: 'status', status: 503 } }];

      const s = await setup(check, options, { script });
      const snapshot = await drive(s.source.fetchSnapshot());
      if (snapshot.state === 'pending') throw new ConformanceError(check, 'fetchSnapshot() never settled.');
      if (snapshot.state === 'rejected') s.probe.error(snapshot.error);
      else if (snapshot.value.complete) {
        assertEveryoneOnce(
          check,
          s.roster.employees.map((e) => e.id),
          snapshot.value.employees,
          `fetchSnapshot() with every request from #${from} failing (503), yet complete`,
        );
      }

      const again = await setup(check, options, { script, probe: s.probe });
      const users = linkedUsers(again.roster);
      const destination = createMemoryDestination({ users });
      const sync = await drive(
        runSync({
          source: again.source,
          destination,
          now: new Date(again.roster.now),
          safety: { allowMassArchive: true },
          logger: again.probe.logger,
        }),
      );
      if (sync.state === 'pending') throw new ConformanceError(check, 'runSync() never settled.');
      if (sync.state === 'rejected') again.probe.error(sync.error);
      const archived = destination
        .users()
        .filter((u) => u.archived && !users.find((x) => x.sourceId === u.sourceId)?.archived);
      if (archived.length > 0) {
        throw new ConformanceError(
          check,
          `after a permanent failure mid-read, runSync() archived ${archived.length} people (${list(archived.map((u) => u.sourceId ?? u.hostId))}). A read that cannot finish must throw or yield an 'incomplete' record.`,
        );
      }
      s.probe.assertNoSecrets(check);
    });
  },
};

const abortRejectsPromptly: ConformanceCheck<SourceConformanceOptions> = {
  title: 'an aborted signal rejects promptly: before the call, and mid-read',
  async run(options) {
    const check = 'abortRejectsPromptly';
    await withFakeClock(async () => {
      const s = await setup(check, options);
      await expectPreAbortedRejects(s.probe, check, [
        ['verify()', () => s.source.verify({ signal: AbortSignal.abort() })],
        ['fetchSnapshot()', () => s.source.fetchSnapshot({ signal: AbortSignal.abort() })],
        ['employees()', () => readAll(s.source, AbortSignal.abort())],
      ]);

      const { target } = await learnRequests(check, options);
      const slow = await setup(check, options, {
        script: [{ from: target, fault: { type: 'latency', ms: 120_000 } }],
        probe: s.probe,
      });
      const controller = new AbortController();
      const reading = readAll(slow.source, controller.signal);
      // Wait until a slow request is in flight, then abort.
      const state = await driveUntil(reading, () => slow.handler.requests.length > target);
      if (state.state !== 'pending')
        throw new ConformanceError(check, 'the read settled before the slow request could be aborted.');
      if (slow.handler.requests.length <= target)
        throw new ConformanceError(check, 'the read never reached the slow request.');
      await expectPromptAbort(s.probe, check, controller, reading, {
        pending:
          'the read did not reject within 1 s of the abort; pass the signal to every request and wait.',
        fulfilled: 'the read resolved although it was aborted mid-read.',
      });
      s.probe.assertNoSecrets(check);
    });
  },
};

const malformedRecordsBecomeIssues: ConformanceCheck<SourceConformanceOptions> = {
  title: 'malformed records become issues with the right code while everyone else is read',
  async run(options) {
    const check = 'malformedRecordsBecomeIssues';
    await withFakeClock(async () => {
      const roster = generateRoster({
        seed: options.seed ?? 1,
        size: options.rosterSize ?? 120,
        defects: options.malformed ?? { missingNames: 2, invalidEmails: 1 },
      });
      const s = await setup(check, options, { roster });
      const read = await mustRead(check, s, 'a read with malformed records');
      if (read.incomplete)
        throw new ConformanceError(check, 'a read with malformed records ended incomplete.');
      const mapping = roster.defects.filter((d) => d.detectedBy === 'mapping' && d.unitIds === undefined);
      const skipped = new Set(mapping.filter((d) => d.effect === 'skipped').flatMap((d) => d.employeeIds));
      const expected = roster.employees.map((e) => e.id).filter((id) => !skipped.has(id));
      assertEveryoneOnce(check, expected, read.employees, 'a read with malformed records');
      for (const defect of mapping) {
        for (const id of defect.employeeIds) {
          const found = read.issues.find((i) => i.recordId === id && defect.codes.includes(i.code));
          if (!found) {
            const seen = read.issues.filter((i) => i.recordId === id).map((i) => i.code);
            throw new ConformanceError(
              check,
              `${id} was served with a ${defect.kind} defect (field ${defect.field}); expected an issue with recordId '${id}' and code ${defect.codes.join(' or ')}, got ${seen.length ? seen.join(', ') : 'none'}.`,
            );
          }
          if (found.severity !== (defect.effect === 'skipped' ? 'error' : 'warning')) {
            throw new ConformanceError(
              check,
              `the ${found.code} issue of ${id} should have severity '${defect.effect === 'skipped' ? 'error' : 'warning'}'.`,
            );
          }
          if (!found.fix.includes(s.source.displayName)) {
            throw new ConformanceError(
              check,
              `the fix text of ${found.code} should name the vendor ('${s.source.displayName}'): "${found.fix}".`,
            );
          }
          if (defect.effect === 'field-dropped' && defect.field !== undefined) {
            const person = read.employees.find((e) => e.id === id);
            if (person && person[defect.field] !== undefined) {
              throw new ConformanceError(
                check,
                `${id}.${defect.field} is invalid and should have been dropped, got ${JSON.stringify(person[defect.field])}.`,
              );
            }
          }
        }
      }
      s.probe.assertNoSecrets(check);
    });
  },
};

const noCredentialLeaks: ConformanceCheck<SourceConformanceOptions> = {
  title: 'no credential appears in any error, toJSON() or log line, even when the vendor echoes it back',
  async run(options) {
    const check = 'noCredentialLeaks';
    await withFakeClock(async () => {
      const probe = createProbe(options.secrets);
      const attempt = async (promise: Promise<unknown>) => {
        const result = await drive(promise);
        if (result.state === 'rejected') probe.error(result.error);
        else if (result.state === 'fulfilled') probe.output(result.value);
      };
      // Bad credentials.
      const bad = await setup(check, options, { credentials: 'invalid', probe });
      await attempt(bad.source.verify());
      await attempt(bad.source.fetchSnapshot());
      // Credentials revoked mid-read, and a vendor (or a proxy) that echoes the request back in its error bodies.
      const { target } = await learnRequests(check, options);
      const echo =
        (status: number) =>
        (handler: FetchHandler): FetchHandler => {
          let seen = 0;
          return async (request) => {
            if (seen++ < target) return handler(request);
            const headers = Object.fromEntries(request.headers.entries());
            const body = JSON.stringify({ error: 'request rejected', url: request.url, headers });
            return new Response(body, { status, headers: { 'content-type': 'application/json' } });
          };
        };
      for (const status of [401, 403, 500, 400]) {
        const s = await setup(check, options, { wrap: echo(status), probe });
        await attempt(s.source.fetchSnapshot());
        await attempt(s.source.verify());
      }
      // Garbled answers throughout.
      const garbled = await setup(check, options, {
        script: [{ from: target, fault: { type: 'malformed' } }],
        probe,
      });
      await attempt(garbled.source.fetchSnapshot());
      probe.assertNoSecrets(check);
    });
  },
};

/**
 * The checks of {@link describeSourceConformance}, as plain async functions: each resolves when the source keeps
 * that part of the contract and rejects with a {@link ConformanceError} saying what broke. Call one directly to
 * test a single behaviour, or to prove that a broken adapter fails it.
 *
 * @example
 * ```ts
 * await expect(sourceChecks.honoursRetryAfter.run({ ...options, createSource: withoutRetries })).rejects.toThrow(
 *   ConformanceError,
 * );
 * ```
 */
export const sourceChecks: Readonly<Record<SourceCheckName, ConformanceCheck<SourceConformanceOptions>>> = {
  describesItself,
  verifyAcceptsValidCredentials,
  verifyRejectsInvalidCredentials,
  readsEveryPersonOnce,
  honoursRetryAfter,
  retriesTransientFailures,
  garbledPagesNeverPassAsEmpty,
  permanentFailureArchivesNobody,
  abortRejectsPromptly,
  malformedRecordsBecomeIssues,
  noCredentialLeaks,
};
