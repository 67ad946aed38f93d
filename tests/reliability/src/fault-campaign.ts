/**
 * The fault campaign: many syncs of one source adapter against its fake, each with faults injected at random
 * (seeded, so every run is reproducible), each compared with the fault-free result.
 *
 * Setup, per adapter: a generated roster R0 is synced fault-free into an empty host (the memory destination), giving
 * the host state H0. The roster then changes into R1 (joiners, edits, people removed, people terminated), and a
 * fault-free sync of R1 into a copy of H0 gives the reference plan P and host state H1: a small plan that creates,
 * updates and archives a known handful of people. Each run syncs R1 into a fresh copy of H0 through the faults, and
 * must end in exactly one of:
 *
 * - **recovered**: a complete read whose plan deep-equals P, leaving the host equal to H1;
 * - **failed cleanly**: `runSync` rejects with an `HrSyncError` that is retryable (or `AUTH_INVALID_CREDENTIALS`
 *   when a 401 was injected), and the host is untouched (H0);
 * - **incomplete**: the read says `complete: false`; no archive is applied, and every operation the plan does hold
 *   is one of P's, identical.
 *
 * Anything else is a wrong plan (a plan other than P from a complete read, a host other than H1, a partial plan
 * contradicting P, a host changed by a failed sync) or an unclean failure (an untyped error, a non-retryable code);
 * every person archived in a run but not in H1 is a wrongful archive.
 *
 * Faults are scripted by request (path and query), not by arrival order, so concurrency cannot change which request
 * gets which fault: the same seed injects the same faults.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  type CurrentRecord,
  type Employee,
  HrSyncError,
  type RetryOptions,
  runSync,
  type SyncPlan,
  type SyncReport,
} from '@hrsync/core';
import {
  createMemoryDestination,
  createRandom,
  type Fault,
  type FetchHandler,
  generateRoster,
  type Random,
  type Roster,
  type ScriptedFault,
  withFaults,
} from '@hrsync/testkit';
import { type AdapterUnderTest, type FakeRoster, sourceOn } from './adapters.ts';
import type { LeakSink } from './credentials.ts';

/** Options of {@link runFaultCampaign}. */
export interface FaultCampaignOptions {
  /** Number of faulty syncs. */
  runs: number;
  /** People in the roster. */
  size: number;
  /** The campaign's seed: run `i` uses `seed * 100_003 + i`. */
  seed: number;
  /** Where every error, log line, plan and report goes to be scanned for credentials. */
  sink: LeakSink;
  /** The adapter's per-request timeout in ms; injected timeouts wait longer than this. Default 150. */
  timeoutMs?: number | undefined;
  /** Called after each run (progress, debugging). */
  onRun?: ((run: FaultRunResult) => void) | undefined;
}

/** How one run ended. */
export type FaultRunOutcome =
  | 'recovered'
  | 'failed-cleanly'
  | 'incomplete'
  | 'wrong-plan'
  | 'unclean-failure';

/** One run of the campaign. */
export interface FaultRunResult {
  run: number;
  seed: number;
  outcome: FaultRunOutcome;
  /** Faults injected, by label (`503`, `429+retry-after`, `timeout`, `token-expired`, ...). */
  faults: Record<string, number>;
  /** People archived in this run that the fault-free sync does not archive. */
  wrongfulArchives: number;
  /** Why the run counts as wrong or unclean. */
  problem?: string | undefined;
  /** The error's code, when the sync failed. */
  code?: string | undefined;
}

/** The campaign's figures for one adapter: one row of the table. */
export interface FaultCampaignRow {
  adapter: string;
  runs: number;
  size: number;
  faultsInjected: number;
  recovered: number;
  failedCleanly: number;
  incomplete: number;
  wrongPlans: number;
  wrongfulArchives: number;
  uncleanFailures: number;
  /**
   * Manager lines an incomplete read's plan cleared because the manager was on a page that was not read (allowed:
   * the plan engine cannot tell a missing manager from an unread one; the next complete read restores them).
   */
  managerLinesDropped: number;
  /** Of those, the ones written to the host (an incomplete read whose plan was not blocked, so it was applied). */
  managerLinesCleared: number;
  /** Faults injected, by label, over all runs. */
  faultsByLabel: Record<string, number>;
  /** Clean failures by error code. */
  failuresByCode: Record<string, number>;
  /** The first problems found (empty when the adapter passed). */
  problems: string[];
  /** Wall time of the whole campaign for this adapter. */
  ms: number;
}

const RETRY: RetryOptions = { limit: 3, baseDelayMs: 2, maxDelayMs: 40 };

/** The reference state of a campaign: rosters, host states and the fault-free plan. */
export interface CampaignBaseline {
  roster: Roster;
  /** The changed roster every run reads. */
  after: FakeRoster;
  now: Date;
  /** The host after the first, fault-free sync of the original roster. */
  h0: CurrentRecord[];
  /** The fault-free plan of the changed roster against h0. */
  plan: SyncPlan;
  /** The host after applying it. */
  h1: CurrentRecord[];
  /** Every employee of a fault-free read of the changed roster, by id: what a person read under faults must be. */
  truth: Map<string, Employee>;
  /** Every request (path and query) of a fault-free read: the targets of scripted faults. */
  requestKeys: string[];
}

const keyOf = (request: Request) => {
  const url = new URL(request.url);
  return `${url.pathname}${url.search}`;
};

/** A deep copy through JSON: drops `undefined` fields so plans compare by content. */
export function plain<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * The roster change the runs read: five joiners, five title edits and, with `leavers`, three people removed and two
 * terminated. Removed and terminated people manage nobody, so the reference plan stays small and exact. Without
 * leavers the reference plan archives nobody, so the plan of an incomplete read is not blocked but applied: what it
 * writes is then checked too.
 */
export function changeRoster(roster: Roster, options: { leavers: boolean } = { leavers: true }): FakeRoster {
  const employees = structuredClone(roster.employees);
  const managers = new Set(employees.map((e) => e.managerId).filter((id) => id !== undefined));
  const planted = new Set(roster.defects.flatMap((d) => d.employeeIds));
  const plainActive = employees.filter(
    (e) =>
      e.employmentStatus === 'active' && !managers.has(e.id) && !planted.has(e.id) && e.endDate === undefined,
  );
  const edited = plainActive.slice(0, 5);
  const removed = options.leavers ? plainActive.slice(5, 8) : [];
  const terminated = options.leavers ? plainActive.slice(8, 10) : [];
  for (const person of edited) person.title = `Principal ${person.title ?? 'Engineer'}`;
  const day = new Date(`${roster.now}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 10);
  for (const person of terminated) {
    person.employmentStatus = 'terminated';
    person.endDate = day.toISOString().slice(0, 10);
  }
  const gone = new Set(removed.map((p) => p.id));
  const ceo = employees[0] as Employee;
  const template = plainActive[10] ?? ceo;
  const joiners: Employee[] = Array.from({ length: 5 }, (_, i) => {
    const joiner: Employee = {
      ...structuredClone(template),
      id: `J${String(i + 1).padStart(5, '0')}`,
      employeeNumber: String(90_000 + i),
      firstName: 'Joiner',
      lastName: `Number${String.fromCharCode(65 + i)}`,
      workEmail: `joiner.${i + 1}@example.com`,
      managerId: ceo.id,
      employmentStatus: 'active',
    };
    delete joiner.workPhone;
    delete joiner.preferredName;
    delete joiner.endDate;
    return joiner;
  });
  // Served in a shuffled order, as real vendors do not list managers first: a page that is not read then holds
  // managers of people who were read.
  return {
    employees: createRandom(roster.seed).shuffle([...employees.filter((e) => !gone.has(e.id)), ...joiners]),
    departments: roster.departments,
    locations: roster.locations,
  };
}

/** Builds the reference state for an adapter: H0, the fault-free plan, H1 and the request keys. */
export async function createBaseline(
  adapter: AdapterUnderTest,
  options: { size: number; seed: number; sink: LeakSink; leavers?: boolean | undefined },
): Promise<CampaignBaseline> {
  const roster = generateRoster({
    seed: options.seed,
    size: options.size,
    defects: { invalidPhones: 2, missingNames: 1, duplicateEmails: 1, futureLeavers: 2 },
  });
  const now = new Date(`${roster.now}T12:00:00Z`);
  const logger = options.sink.logger(`${adapter.id} baseline`);
  const first = createMemoryDestination();
  const initial = await runSync({
    source: sourceOn(adapter, adapter.createFake(roster).handler, { now, logger, retry: RETRY }),
    destination: first,
    now,
    logger,
  });
  options.sink.json(`${adapter.id} baseline initial report`, initial);
  const h0 = first.users();

  const after = changeRoster(roster, { leavers: options.leavers ?? true });
  const fake = adapter.createFake(after);
  const keys = new Set<string>();
  const recording: FetchHandler = (request) => {
    keys.add(keyOf(request));
    return fake.handler(request);
  };
  const reference = async (
    handler: FetchHandler,
  ): Promise<{ report: SyncReport; users: CurrentRecord[] }> => {
    const destination = createMemoryDestination({ users: h0 });
    const report = await runSync({
      source: sourceOn(adapter, handler, { now, logger, retry: RETRY }),
      destination,
      now,
      logger,
    });
    options.sink.json(`${adapter.id} baseline report`, report);
    return { report, users: destination.users() };
  };
  const a = await reference(recording);
  // The reference must be deterministic, or the campaign would see differences no fault caused.
  const b = await reference(adapter.createFake(after).handler);
  if (
    !isDeepStrictEqual(plain(a.report.plan), plain(b.report.plan)) ||
    !isDeepStrictEqual(a.users, b.users)
  ) {
    throw new Error(
      `${adapter.id}: two fault-free syncs gave different plans; the campaign cannot compare runs`,
    );
  }
  const snapshot = await sourceOn(adapter, adapter.createFake(after).handler, {
    now,
    logger,
  }).fetchSnapshot();
  const truth = new Map(snapshot.employees.map((e) => [e.id, e]));
  return { roster, after, now, h0, plan: a.report.plan, h1: a.users, truth, requestKeys: [...keys] };
}

/** A fault of the campaign's menu, drawn for one request. */
interface DrawnFault {
  label: string;
  fault: Fault;
}

function drawFault(random: Random, adapter: AdapterUnderTest, timeoutMs: number): DrawnFault {
  const menu: [number, () => DrawnFault][] = [
    // Retry-After within maxDelayMs: waited for, then retried.
    [3, () => ({ label: '429+retry-after', fault: { type: 'status', status: 429, retryAfter: 0.005 } })],
    // Retry-After beyond maxDelayMs: the client gives up at once with a retryable RATE_LIMITED.
    [1, () => ({ label: '429+long-retry-after', fault: { type: 'status', status: 429, retryAfter: 30 } })],
    [3, () => ({ label: '429', fault: { type: 'status', status: 429 } })],
    [
      6,
      () => {
        const status = random.pick([500, 502, 503, 504]);
        return { label: String(status), fault: { type: 'status', status } };
      },
    ],
    [3, () => ({ label: 'disconnect', fault: { type: 'disconnect' } })],
    [2, () => ({ label: 'timeout', fault: { type: 'latency', ms: timeoutMs + random.int(60, 120) } })],
    [1, () => ({ label: 'latency', fault: { type: 'latency', ms: random.int(1, 15) } })],
    [2, () => ({ label: 'truncate', fault: { type: 'truncate', ratio: random.next() * 0.9 } })],
    [1, () => ({ label: 'truncate-error', fault: { type: 'truncate', mode: 'error' } })],
    [2, () => ({ label: 'malformed', fault: { type: 'malformed' } })],
  ];
  if (adapter.id === 'peoplehr') {
    // People HR answers its own errors as HTTP 200 with isError: its rate-limit message.
    menu.push([
      2,
      () => ({
        label: 'vendor-rate-limit',
        fault: {
          type: 'status',
          status: 200,
          body: JSON.stringify({
            isError: true,
            Status: 14,
            Message: 'API call limit exceeded. You can make up to 30 calls per minute.',
            Result: null,
          }),
        },
      }),
    ]);
  }
  const pick = random.weighted(
    menu.map((_, i) => i),
    menu.map(([w]) => w),
  );
  return (menu[pick] as [number, () => DrawnFault])[1]();
}

/** The "expired credential mid-read" of vendors with static credentials: a 401, or People HR's own answer. */
function unauthorized(random: Random, adapter: AdapterUnderTest): DrawnFault {
  if (adapter.id === 'peoplehr' && random.chance(0.5)) {
    return {
      label: 'token-expired',
      fault: {
        type: 'status',
        status: 200,
        body: JSON.stringify({ isError: true, Status: 10, Message: 'Invalid API Key.', Result: null }),
      },
    };
  }
  return {
    label: 'token-expired',
    fault: { type: 'status', status: 401, body: JSON.stringify({ error: 'Unauthorized' }) },
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function planRun(
  random: Random,
  adapter: AdapterUnderTest,
  keys: readonly string[],
  timeoutMs: number,
): RunPlan {
  const script: ScriptedFault[] = [];
  const labels = new Map<ScriptedFault, string>();
  const targets = random.shuffle(keys).slice(0, random.int(1, Math.min(4, keys.length)));
  for (const key of targets) {
    const { label, fault } = drawFault(random, adapter, timeoutMs);
    // Mostly within the retry limit (recovered); sometimes past it (the request fails for good).
    const times = random.weighted([1, 2, 3, 6], [55, 22, 8, 15]);
    const rule: ScriptedFault = { path: new RegExp(`^${escapeRegExp(key)}$`), times, fault };
    script.push(rule);
    labels.set(rule, label);
  }
  const plan: RunPlan = { script, labels, unauthorized: false };
  if (random.chance(0.3)) {
    const dataKeys = keys.filter((k) => !k.startsWith('/oauth/'));
    const key = random.pick(dataKeys.length > 0 ? dataKeys : keys);
    if (adapter.tokenExpiry === 'expire-tokens') plan.expireAt = key;
    else {
      const { label, fault } = unauthorized(random, adapter);
      const rule: ScriptedFault = { path: new RegExp(`^${escapeRegExp(key)}$`), times: 1, fault };
      // First, so it wins over a fault drawn for the same request.
      script.unshift(rule);
      labels.set(rule, label);
      plan.unauthorized = true;
    }
  }
  return plan;
}

const archivedIds = (users: readonly CurrentRecord[]) =>
  new Set(users.filter((u) => u.archived === true).map((u) => u.hostId));

const withoutManager = (e: Employee | undefined) => {
  if (e === undefined) return undefined;
  const { managerId: _managerId, ...rest } = e;
  return plain(rest);
};

/**
 * Checks the plan of an incomplete read against the fault-free data. Each operation must carry exactly what a
 * fault-free read says of that person: a fault must never corrupt a record. What a partial read cannot know is
 * allowed: a manager on an unread page (the manager line is dropped), and a duplicate whose twin was not read (the
 * person is created or updated instead of skipped). Returns the contradictions, and counts the dropped manager lines.
 */
export function checkPartialPlan(
  partial: SyncPlan,
  truth: ReadonlyMap<string, Employee>,
): { contradictions: string[]; managerLinesDropped: number } {
  const out: string[] = [];
  let managerLinesDropped = 0;
  const sameAsTruth = (what: string, employee: Employee) => {
    const real = truth.get(employee.id);
    if (real === undefined) {
      out.push(`${what} ${employee.id}: nobody of that id in a fault-free read`);
      return;
    }
    if (!isDeepStrictEqual(withoutManager(employee), withoutManager(real))) {
      out.push(
        `${what} ${employee.id}: ${JSON.stringify(employee).slice(0, 200)} vs ${JSON.stringify(real).slice(0, 200)}`,
      );
    }
    if (employee.managerId !== undefined && employee.managerId !== real.managerId) {
      out.push(`${what} ${employee.id}: manager ${employee.managerId} vs ${real.managerId}`);
    }
  };
  for (const create of partial.creates) sameAsTruth('create', create.employee);
  for (const change of [...partial.updates, ...partial.reactivations]) {
    sameAsTruth(change.type, change.employee);
    const real = truth.get(change.sourceId);
    for (const { field, after } of change.changes) {
      const expected = real?.[field];
      if (field === 'managerId' && after === undefined && expected !== undefined) managerLinesDropped++;
      else if (!isDeepStrictEqual(plain(after), plain(expected))) {
        out.push(
          `${change.type} ${change.sourceId}: ${field} → ${JSON.stringify(after)}, read fault-free as ${JSON.stringify(expected)}`,
        );
      }
    }
  }
  for (const link of partial.links)
    if (!truth.has(link.sourceId))
      out.push(`link to ${link.sourceId}: nobody of that id in a fault-free read`);
  return { contradictions: out, managerLinesDropped };
}

/** Runs the campaign for one adapter and returns its row of the table. */
export async function runFaultCampaign(
  adapter: AdapterUnderTest,
  options: FaultCampaignOptions,
): Promise<FaultCampaignRow> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? 150;
  const { sink } = options;
  // Even runs read a roster with leavers (an incomplete read must block the plan), odd runs one without (the plan
  // of an incomplete read is applied, and must still archive nobody and write only what is true).
  const baselines = [
    await createBaseline(adapter, { size: options.size, seed: options.seed, sink, leavers: true }),
    await createBaseline(adapter, { size: options.size, seed: options.seed, sink, leavers: false }),
  ] as const;
  const row: FaultCampaignRow = {
    adapter: adapter.id,
    runs: 0,
    size: options.size,
    faultsInjected: 0,
    recovered: 0,
    failedCleanly: 0,
    incomplete: 0,
    wrongPlans: 0,
    wrongfulArchives: 0,
    uncleanFailures: 0,
    managerLinesDropped: 0,
    managerLinesCleared: 0,
    faultsByLabel: {},
    failuresByCode: {},
    problems: [],
    ms: 0,
  };

  for (let run = 0; run < options.runs; run++) {
    const seed = options.seed * 100_003 + run;
    const baseline = baselines[run % 2] as CampaignBaseline;
    const runPlan = planRun(createRandom(seed), adapter, baseline.requestKeys, timeoutMs);
    const result = await runFaulty(adapter, baseline, runPlan, { sink, timeoutMs, name: `run ${run}` });
    const { outcome, faults, problem, code } = result;
    row.runs++;
    for (const [label, n] of Object.entries(faults)) {
      row.faultsInjected += n;
      row.faultsByLabel[label] = (row.faultsByLabel[label] ?? 0) + n;
    }
    row.wrongfulArchives += result.wrongfulArchives;
    row.managerLinesDropped += result.managerLinesDropped;
    row.managerLinesCleared += result.managerLinesCleared;
    if (outcome === 'recovered') row.recovered++;
    else if (outcome === 'failed-cleanly') {
      row.failedCleanly++;
      if (code) row.failuresByCode[code] = (row.failuresByCode[code] ?? 0) + 1;
    } else if (outcome === 'incomplete') row.incomplete++;
    else if (outcome === 'wrong-plan') row.wrongPlans++;
    else row.uncleanFailures++;
    if (problem !== undefined && row.problems.length < 10) {
      row.problems.push(`run ${run} (seed ${seed}, faults ${JSON.stringify(faults)}): ${problem}`);
    }
    options.onRun?.({ run, seed, outcome, faults, wrongfulArchives: result.wrongfulArchives, problem, code });
  }
  row.ms = Math.round(performance.now() - started);
  return row;
}

/** The outcome of one faulty sync, checked against the fault-free reference. */
export interface FaultyRunResult {
  outcome: FaultRunOutcome;
  faults: Record<string, number>;
  wrongfulArchives: number;
  managerLinesDropped: number;
  managerLinesCleared: number;
  problem?: string | undefined;
  code?: string | undefined;
}

/** Faults to inject into one sync: scripted rules by request, and where TriNet's tokens expire. */
export interface RunPlan {
  script: ScriptedFault[];
  labels: Map<ScriptedFault, string>;
  /** Expire the fake's tokens when this request (path and query) first arrives. */
  expireAt?: string | undefined;
  /** A 401 was scripted (a clean failure may then be AUTH_INVALID_CREDENTIALS). */
  unauthorized: boolean;
}

/**
 * Runs one sync of the baseline's changed roster into a copy of its host H0 through the given faults, and checks
 * it: recovered (same plan and host as fault-free), failed cleanly, incomplete (no archive, nothing contradicting the
 * fault-free data), or a wrong plan or an unclean failure.
 */
export async function runFaulty(
  adapter: AdapterUnderTest,
  baseline: CampaignBaseline,
  runPlan: RunPlan,
  options: { sink: LeakSink; timeoutMs: number; name: string },
): Promise<FaultyRunResult> {
  const { sink, timeoutMs } = options;
  const where = `${adapter.id} ${options.name}`;
  const h0Archived = archivedIds(baseline.h0);
  const h1Archived = archivedIds(baseline.h1);
  const fake = adapter.createFake(baseline.after);
  const faulty = withFaults(fake.handler, { script: runPlan.script });
  let expired = false;
  const handler: FetchHandler = (request) => {
    if (!expired && runPlan.expireAt !== undefined && keyOf(request) === runPlan.expireAt) {
      expired = true;
      fake.expireTokens?.();
    }
    return faulty(request);
  };
  const logger = sink.logger(where);
  const destination = createMemoryDestination({ users: baseline.h0 });
  const source = sourceOn(adapter, handler, { now: baseline.now, logger, timeoutMs, retry: RETRY });

  let report: SyncReport | undefined;
  let failure: unknown;
  try {
    report = await runSync({ source, destination, now: baseline.now, logger });
  } catch (error) {
    failure = error;
  }

  const faults: Record<string, number> = {};
  for (const record of faulty.injected) {
    const rule = runPlan.script.find((r) => r.fault === record.fault);
    const label = (rule && runPlan.labels.get(rule)) ?? record.label ?? 'fault';
    faults[label] = (faults[label] ?? 0) + 1;
  }
  if (expired) faults['token-expired'] = (faults['token-expired'] ?? 0) + 1;

  const users = destination.users();
  const after = archivedIds(users);
  const result: FaultyRunResult = {
    outcome: 'recovered',
    faults,
    wrongfulArchives: [...after].filter((id) => !h1Archived.has(id)).length,
    managerLinesDropped: 0,
    managerLinesCleared: 0,
  };
  const wrong = (problem: string): FaultyRunResult => ({ ...result, outcome: 'wrong-plan', problem });
  if (report !== undefined) {
    sink.json(`${where} report`, report);
    if (report.complete) {
      if (!isDeepStrictEqual(plain(report.plan), plain(baseline.plan))) {
        return wrong(
          `complete read, different plan: ${JSON.stringify(report.plan.summary)} vs ${JSON.stringify(baseline.plan.summary)}`,
        );
      }
      if (!isDeepStrictEqual(users, baseline.h1))
        return wrong('complete read, same plan, but the host differs from the fault-free sync');
      return result;
    }
    const partial = checkPartialPlan(report.plan, baseline.truth);
    result.managerLinesDropped = partial.managerLinesDropped;
    // By source id: people created in this run get other host ids than in the fault-free sync.
    const h1 = new Map(baseline.h1.map((u) => [u.sourceId, u]));
    for (const user of users) {
      if (h1.get(user.sourceId)?.managerId !== undefined && user.managerId === undefined)
        result.managerLinesCleared++;
    }
    const archivesApplied = (report.applied?.outcomes ?? []).filter((o) => o.type === 'archive' && o.ok);
    const newlyArchived = [...after].filter((id) => !h0Archived.has(id));
    if (archivesApplied.length > 0 || newlyArchived.length > 0) {
      return wrong(
        `incomplete read, yet ${Math.max(archivesApplied.length, newlyArchived.length)} archive(s) applied`,
      );
    }
    if (partial.contradictions.length > 0) {
      return wrong(
        `incomplete read whose plan contradicts the fault-free one: ${partial.contradictions.slice(0, 3).join('; ')}`,
      );
    }
    return { ...result, outcome: 'incomplete' };
  }
  sink.error(`${where} error`, failure);
  const typed = HrSyncError.is(failure) ? failure : undefined;
  result.code = typed?.code;
  const expected =
    typed !== undefined &&
    (typed.retryable || (runPlan.unauthorized && typed.code === 'AUTH_INVALID_CREDENTIALS'));
  if (!isDeepStrictEqual(users, baseline.h0))
    return wrong(`the sync failed (${result.code ?? String(failure)}) but the host changed`);
  if (!expected) {
    return {
      ...result,
      outcome: 'unclean-failure',
      problem: typed
        ? `failed with non-retryable ${typed.code}: ${typed.message}`
        : `failed with an untyped error: ${String(failure)}`,
    };
  }
  return { ...result, outcome: 'failed-cleanly' };
}

/** A run plan of one scripted fault on the requests whose path and query match `path`. */
export function scriptedRun(path: RegExp, fault: Fault, label: string, times = 99): RunPlan {
  const rule: ScriptedFault = { path, times, fault };
  return {
    script: [rule],
    labels: new Map([[rule, label]]),
    unauthorized: fault.type === 'status' && fault.status === 401,
  };
}

/** The campaign table, as text. */
export function formatCampaignTable(rows: readonly FaultCampaignRow[]): string {
  const header = [
    'adapter',
    'runs',
    'people',
    'faults injected',
    'recovered',
    'failed cleanly',
    'incomplete',
    'wrong plans',
    'wrongful archives',
    'unclean failures',
    'manager lines dropped (partial plans)',
    'of them written',
    'seconds',
  ];
  const lines = rows.map((r) => [
    r.adapter,
    String(r.runs),
    String(r.size),
    String(r.faultsInjected),
    String(r.recovered),
    String(r.failedCleanly),
    String(r.incomplete),
    String(r.wrongPlans),
    String(r.wrongfulArchives),
    String(r.uncleanFailures),
    String(r.managerLinesDropped),
    String(r.managerLinesCleared),
    (r.ms / 1000).toFixed(1),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => (l[c] ?? '').length)));
  const format = (cells: string[]) =>
    `| ${cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |`;
  const out = [format(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...lines.map(format)];
  for (const r of rows) {
    const labels = Object.entries(r.faultsByLabel)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    const codes = Object.entries(r.failuresByCode)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    out.push(`${r.adapter}: faults: ${labels}${codes ? `; clean failures: ${codes}` : ''}`);
    for (const p of r.problems) out.push(`  ${r.adapter} PROBLEM ${p}`);
  }
  return out.join('\n');
}
