// The bad-input corpus (src/corpus.ts) against every source adapter: each bad record is spliced between good people
// in the fake's first roster answer, each broken answer replaces it whole. Every case must end in issues or a typed
// error, within a time limit, without polluting a prototype, and without losing any good person.
import { isDeepStrictEqual } from 'node:util';
import {
  type CurrentRecord,
  EmployeeSchema,
  HrSyncError,
  planSync,
  runSync,
  SyncIssueSchema,
  type SyncReport,
} from '@hrsync/core';
import { createFetch, createMemoryDestination, generateRoster } from '@hrsync/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_CASES, type AnswerCase, RECORD_CASES, type RecordCase } from '../src/corpus.ts';
import { createLeakSink } from '../src/credentials.ts';
import { prototypeChanges, restorePrototypes, snapshotPrototypes } from '../src/prototype-guard.ts';
import { spliceRoster, WIRE_KITS, type WireKit, type WireRecord } from '../src/wire-kits.ts';

const sink = createLeakSink();
const roster = generateRoster({ seed: 11, size: 30 });
const NOW = new Date(`${roster.now}T12:00:00Z`);
const RETRY = { limit: 2, baseDelayMs: 1, maxDelayMs: 5 };
// A case that takes longer has hung: runSync is aborted and the case fails.
const CASE_LIMIT_MS = 15_000;
const BIG_PAGE = 100_000;
// Issue messages are shown to admins and logged: a record's huge value must not be copied into them whole.
const MAX_ISSUE_MESSAGE = 2_000;

const counts = { records: 0, answers: 0, bigPages: 0 };
afterAll(() => {
  console.log(
    `bad-input corpus: ${counts.records} record cases, ${counts.answers} answer cases, ${counts.bigPages} pages of ${BIG_PAGE.toLocaleString('en')} people; ${sink.scanned.items} texts (${(sink.scanned.chars / 1e6).toFixed(1)} M chars) scanned for credentials`,
  );
  sink.assertClean();
});

type HostUser = Omit<CurrentRecord, 'hostId'>;
const byId = (users: readonly CurrentRecord[]) =>
  new Map(
    users.map(({ hostId: _hostId, ...user }): [string, HostUser] => [user.sourceId ?? `?${_hostId}`, user]),
  );

interface CaseResult {
  report?: SyncReport | undefined;
  error?: unknown;
  users: CurrentRecord[];
  problems: string[];
}

async function runCase(
  kit: WireKit,
  name: string,
  handler: (request: Request) => Promise<Response>,
  users: readonly CurrentRecord[] = [],
): Promise<CaseResult> {
  const before = snapshotPrototypes();
  const logger = sink.logger(`${kit.adapter.id} ${name}`);
  const destination = createMemoryDestination({ users });
  const source = kit.adapter.createSource({
    fetch: createFetch(handler),
    logger,
    retry: RETRY,
    timeoutMs: 10_000,
    now: NOW,
  });
  const problems: string[] = [];
  let report: SyncReport | undefined;
  let error: unknown;
  const started = performance.now();
  try {
    report = await runSync({
      source,
      destination,
      now: NOW,
      logger,
      signal: AbortSignal.timeout(CASE_LIMIT_MS),
    });
  } catch (caught) {
    error = caught;
  }
  const ms = performance.now() - started;
  const pollution = prototypeChanges(before);
  if (pollution.length > 0) {
    restorePrototypes(before);
    problems.push(`prototype pollution: ${pollution.join(', ')}`);
  }
  if (error !== undefined) {
    sink.error(`${kit.adapter.id} ${name}: error`, error);
    if (!HrSyncError.is(error)) problems.push(`crashed or hung (${ms.toFixed(0)} ms): ${String(error)}`);
  }
  if (report !== undefined) {
    sink.json(`${kit.adapter.id} ${name}: report`, report);
    for (const create of report.plan.creates) {
      const parsed = EmployeeSchema.safeParse(create.employee);
      if (!parsed.success)
        problems.push(`created an employee that breaks the model: ${parsed.error.issues[0]?.message}`);
    }
    for (const issue of report.issues) {
      if (!SyncIssueSchema.safeParse(issue).success)
        problems.push(`an issue breaks the issue schema (${issue.code})`);
      if (issue.message.length > MAX_ISSUE_MESSAGE)
        problems.push(`issue ${issue.code} has a ${issue.message.length}-character message`);
    }
  }
  if (ms > CASE_LIMIT_MS) problems.push(`took ${ms.toFixed(0)} ms`);
  return { report, error, users: destination.users(), problems };
}

describe.each(WIRE_KITS)('bad input: $adapter.id', (kit) => {
  let good: WireRecord[] = [];
  let clean: Map<string, HostUser>;
  let cleanUsers: CurrentRecord[];
  let cleanIssues = 0;

  beforeAll(async () => {
    const fake = kit.adapter.createFake(roster);
    const handler = spliceRoster(kit, fake.handler, { insert: () => [] }, (list) => {
      good = structuredClone(list) as WireRecord[];
    });
    const result = await runCase(kit, 'clean', handler);
    expect(result.problems).toEqual([]);
    expect(result.error).toBeUndefined();
    cleanUsers = result.users;
    clean = byId(cleanUsers);
    cleanIssues = result.report?.issues.length ?? 0;
    expect(good.length).toBeGreaterThan(10);
    expect(clean.size).toBeGreaterThan(10);
  });

  const recordCases = RECORD_CASES.filter((c) => c.only === undefined || c.only.includes(kit.adapter.id));
  it.each(recordCases.map((c, i) => [`${c.group}: ${c.name}`, c, i] as const))(
    '%s',
    async (_, kase: RecordCase, n) => {
      counts.records++;
      const fake = kit.adapter.createFake(roster);
      let built: unknown;
      const make = (list: readonly unknown[]) => {
        const template = structuredClone(list[5]) as WireRecord;
        kit.set(template, 'id', `X${n}`);
        kit.set(template, 'employeeNumber', `9${String(n).padStart(4, '0')}`);
        kit.set(template, 'workEmail', `x${n}@example.com`);
        const result = kase.build(template, kit, list as WireRecord[]);
        return typeof result === 'string' ? JSON.parse(result) : result;
      };
      const handler = spliceRoster(kit, fake.handler, {
        insert: (list) => {
          built ??= make(list);
          return [{ at: 3, record: built }];
        },
      });
      const { report, error, users, problems } = await runCase(kit, kase.name, handler);
      if (error !== undefined) problems.push(`a bad record failed the whole read: ${String(error)}`);
      if (report !== undefined) {
        if (!report.complete) problems.push('a bad record made the read incomplete');
        const host = byId(users);
        // The twin of a duplicate is skipped with it, and the people it manages sync without that manager line.
        const affected = new Set((kase.affects ?? []).map((i) => kit.idOf(good[i] as WireRecord)));
        for (const [id, user] of clean) {
          if (affected.has(id)) continue;
          const now = host.get(id);
          if (now === undefined) problems.push(`good person ${id} was lost`);
          else if (affected.has(user.managerId)) {
            const { managerId: _was, ...rest } = user;
            const { managerId: _now, ...restNow } = now;
            if (!isDeepStrictEqual(restNow, rest)) problems.push(`good person ${id} was changed`);
          } else if (!isDeepStrictEqual(now, user)) problems.push(`good person ${id} was changed`);
        }
        const added = [...host.entries()].filter(([id]) => !clean.has(id));
        const issues = report.issues.length - cleanIssues;
        if (kase.expect === 'issue') {
          if (added.length > 0)
            problems.push(`expected an issue, but ${added.map(([id]) => id)} was created`);
          if (issues <= 0) problems.push('expected an issue, got none');
        } else if (kase.expect === 'employee') {
          if (added.length !== 1) problems.push(`expected one new employee, got ${added.length}`);
        } else if (added.length > 1) problems.push(`one bad record became ${added.length} people`);
        else if (added.length === 0 && issues <= 0) problems.push('the bad record vanished without an issue');
        const [, employee] = added[0] ?? [];
        if (employee !== undefined) {
          const complaint = kase.check?.(employee as Record<string, unknown>);
          if (complaint !== undefined) problems.push(complaint);
        }
      }
      expect(problems).toEqual([]);
    },
    CASE_LIMIT_MS + 5_000,
  );

  it.each(ANSWER_CASES.map((c) => [`${c.group}: ${c.name}`, c] as const))(
    '%s',
    async (_, kase: AnswerCase) => {
      counts.answers++;
      const fake = kit.adapter.createFake(roster);
      const handler = spliceRoster(kit, fake.handler, {
        body: kase.body,
        contentType: kase.contentType,
      });
      // The host already holds everyone: a broken answer read as an empty roster would archive them.
      const { report, error, users, problems } = await runCase(kit, kase.name, handler, cleanUsers);
      if (report !== undefined) {
        if (kase.expect === 'error') problems.push('a broken answer passed for a roster');
        if (report.plan.archives.length > 0 && !report.plan.blocked)
          problems.push(`a broken answer would archive ${report.plan.archives.length} people`);
      } else if (!HrSyncError.is(error)) problems.push('no typed error');
      if (!isDeepStrictEqual(byId(users), clean)) problems.push('the host changed');
      expect(problems).toEqual([]);
    },
    CASE_LIMIT_MS + 5_000,
  );

  it(`reads a page of ${BIG_PAGE.toLocaleString('en')} people (past the vendor's page size) in time`, async () => {
    counts.bigPages++;
    const fake = kit.adapter.createFake(roster);
    const handler = spliceRoster(kit, fake.handler, {
      replaceList: () => Array.from({ length: BIG_PAGE }, (_, i) => kit.minimal(i)),
    });
    const logger = sink.logger(`${kit.adapter.id} big page`);
    const source = kit.adapter.createSource({
      fetch: createFetch(handler),
      logger,
      retry: RETRY,
      timeoutMs: 30_000,
      now: NOW,
    });
    const started = performance.now();
    const snapshot = await source.fetchSnapshot({ signal: AbortSignal.timeout(40_000) });
    const plan = planSync({ snapshot, current: [], now: NOW });
    const ms = performance.now() - started;
    sink.json(`${kit.adapter.id} big page issues`, snapshot.issues.slice(0, 100));
    expect(snapshot.complete).toBe(true);
    expect(snapshot.employees).toHaveLength(BIG_PAGE);
    expect(plan.creates).toHaveLength(BIG_PAGE);
    expect(ms).toBeLessThan(40_000);
  }, 60_000);
});
