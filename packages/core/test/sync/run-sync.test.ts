import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  collectSnapshot,
  createIssue,
  HrSyncError,
  type Logger,
  runSync,
  type SourceRecord,
  type SyncProgress,
} from '../../src/index.ts';
import {
  createListSource,
  createMemoryDestination,
  employeeRecord,
  linked,
  people,
  person,
} from './helpers.ts';

const SECRET = 'sk_live_9f8e7d6c5b4a';

function capturingLogger() {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const write =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      lines.push(fields === undefined ? { level, message } : { level, message, fields });
    };
  const logger: Logger = {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  };
  return { logger, lines, text: () => JSON.stringify(lines) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('collectSnapshot', () => {
  it('gathers employees, issues, departments and locations, counting records as they arrive', async () => {
    const issue = createIssue(
      'EMPLOYEE_INVALID_EMAIL',
      { id: 'listhr', displayName: 'List HR' },
      {
        recordId: 'E009',
        message: 'bad email',
      },
    );
    const warning = createIssue(
      'EMPLOYEE_INVALID_PHONE',
      { id: 'listhr', displayName: 'List HR' },
      {
        recordId: 'E001',
        message: 'bad phone',
      },
    );
    const records: SourceRecord[] = [
      { type: 'department', unit: { id: 'D1', name: 'Sales' } },
      { type: 'location', unit: { id: 'L1', name: 'London' } },
      { type: 'employee', employee: person(1), issues: [warning] },
      employeeRecord(person(2)),
      { type: 'issue', issue },
    ];
    const counts: number[] = [];
    const snapshot = await collectSnapshot(createListSource(records), {
      onRecord: (n) => counts.push(n),
      now: () => new Date('2025-03-01T10:00:00Z'),
    });
    expect(snapshot).toEqual({
      source: 'listhr',
      fetchedAt: '2025-03-01T10:00:00.000Z',
      complete: true,
      employees: [person(1), person(2)],
      issues: [warning, issue],
      departments: [{ id: 'D1', name: 'Sales' }],
      locations: [{ id: 'L1', name: 'London' }],
    });
    expect(counts).toEqual([1, 2, 3, 4, 5]);
  });

  it('marks the snapshot incomplete when the source says the read stopped early', async () => {
    const error = new HrSyncError('page 3 failed', { code: 'UPSTREAM_UNAVAILABLE', source: 'listhr' });
    const snapshot = await collectSnapshot(
      createListSource([employeeRecord(person(1)), { type: 'incomplete', error }]),
    );
    expect(snapshot.complete).toBe(false);
    expect(snapshot.employees).toHaveLength(1);
    expect(snapshot).not.toHaveProperty('departments');
  });

  it('rethrows an HrSyncError from the read and wraps anything else as SYNC_INCOMPLETE_SOURCE', async () => {
    const typed = new HrSyncError('rate limited', { code: 'RATE_LIMITED', source: 'listhr' });
    await expect(
      collectSnapshot(createListSource(people(3).map(employeeRecord), { throwError: typed, throwAfter: 2 })),
    ).rejects.toBe(typed);

    const bug = new TypeError(`Cannot read properties of undefined (reading 'trim') token=${SECRET}`);
    const error = await collectSnapshot(
      createListSource(people(3).map(employeeRecord), { throwError: bug, throwAfter: 2 }),
    ).catch((e: unknown) => e);
    expect(HrSyncError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: 'SYNC_INCOMPLETE_SOURCE', retryable: false, source: 'listhr' });
    expect((error as HrSyncError).details).toEqual({ recordsRead: 2 });
    expect((error as HrSyncError).cause?.message).toContain("reading 'trim'");
    expect(JSON.stringify((error as HrSyncError).toJSON())).not.toContain(SECRET);
  });
});

describe('runSync', () => {
  it('plans without writing anything in a dry run', async () => {
    const source = createListSource(people(3).map(employeeRecord));
    const destination = createMemoryDestination();
    const report = await runSync({ source, destination, dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.complete).toBe(true);
    expect(report.plan.creates).toHaveLength(3);
    expect(report.applied).toBeUndefined();
    expect(destination.applyCalls).toBe(0);
    expect(destination.users.size).toBe(0);
    expect(report).toMatchObject({ source: 'listhr', destination: 'memory' });
  });

  it('applies the plan, and a second sync of the same roster finds nothing to do', async () => {
    const roster = people(5);
    roster[1] = person(2, { managerId: 'E001' });
    const source = createListSource(roster.map(employeeRecord));
    const destination = createMemoryDestination();
    const report = await runSync({ source, destination });
    expect(report.dryRun).toBe(false);
    expect(report.applied?.outcomes).toHaveLength(5);
    expect(report.applied?.outcomes.every((o) => o.ok)).toBe(true);
    expect([...destination.users.values()].map((u) => u.sourceId).sort()).toEqual(roster.map((e) => e.id));
    expect(report.issues).toEqual([]);
    expect(report.timings.fetchMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(report.timings.finishedAt)).toBeGreaterThanOrEqual(
      Date.parse(report.timings.startedAt),
    );

    const again = await runSync({ source, destination });
    expect(again.plan.summary).toMatchObject({ creates: 0, updates: 0, archives: 0, unchanged: 5 });
    expect(again.applied).toEqual({ outcomes: [] });
    expect(destination.applyCalls).toBe(1);
  });

  it('passes now, fields, match and safety to the plan', async () => {
    const source = createListSource([
      employeeRecord(person(1, { title: 'CEO' })),
      employeeRecord(person(2, { endDate: '2025-01-10' })),
    ]);
    const destination = createMemoryDestination([
      linked([person(1)])[0]!,
      { ...linked([person(2)])[0]!, hostId: 'h2' },
    ]);
    const before = await runSync({
      source,
      destination,
      dryRun: true,
      now: new Date('2025-01-05T00:00:00Z'),
      fields: ['firstName', 'lastName', 'workEmail'],
      safety: { allowMassArchive: true },
    });
    expect(before.plan.updates).toEqual([]);
    expect(before.plan.archives).toEqual([]);
    const after = await runSync({
      source,
      destination,
      dryRun: true,
      now: new Date('2025-01-20T00:00:00Z'),
      safety: { allowMassArchive: true },
    });
    expect(after.plan.updates.map((u) => u.changes.map((c) => c.field))).toEqual([['title']]);
    expect(after.plan.archives).toMatchObject([{ hostId: 'h2', reason: 'end_date_passed' }]);

    const unlinked = createMemoryDestination([{ hostId: 'u1', workEmail: 'p1@example.com' }]);
    const byEmail = await runSync({ source, destination: unlinked, dryRun: true });
    expect(byEmail.plan.links).toMatchObject([{ hostId: 'u1', sourceId: 'E001', matchedBy: 'workEmail' }]);
    const idOnly = await runSync({ source, destination: unlinked, dryRun: true, match: ['sourceId'] });
    expect(idOnly.plan.links).toEqual([]);
  });

  it('does not apply a blocked plan, and applies it once mass archiving is allowed', async () => {
    const everyone = people(10);
    const source = createListSource(everyone.slice(0, 5).map(employeeRecord));
    const destination = createMemoryDestination(linked(everyone));
    const report = await runSync({ source, destination });
    expect(report.plan.blocked?.code).toBe('SYNC_ARCHIVE_THRESHOLD_EXCEEDED');
    expect(report.dryRun).toBe(true);
    expect(report.applied).toBeUndefined();
    expect(destination.applyCalls).toBe(0);

    const allowed = await runSync({ source, destination, safety: { allowMassArchive: true } });
    expect(allowed.plan.blocked).toBeUndefined();
    expect([...destination.users.values()].filter((u) => u.archived).length).toBe(5);
  });

  it('archives nobody after an incomplete read', async () => {
    const everyone = people(10);
    const error = new HrSyncError('page 2 failed', { code: 'UPSTREAM_UNAVAILABLE', source: 'listhr' });
    const source = createListSource([
      ...everyone.slice(0, 9).map(employeeRecord),
      { type: 'incomplete', error },
    ]);
    const destination = createMemoryDestination(linked(everyone));
    const report = await runSync({ source, destination, safety: { allowMassArchive: true } });
    expect(report.complete).toBe(false);
    expect(report.plan.archives.length === 0 || report.plan.blocked?.code === 'SYNC_INCOMPLETE_SOURCE').toBe(
      true,
    );
    expect(report.applied?.outcomes.some((o) => o.type === 'archive') ?? false).toBe(false);
    expect([...destination.users.values()].some((u) => u.archived)).toBe(false);
  });

  it('still applies joiners and changes from an incomplete read when it archives nobody', async () => {
    const error = new HrSyncError('page 2 failed', { code: 'UPSTREAM_UNAVAILABLE', source: 'listhr' });
    const source = createListSource([employeeRecord(person(1)), { type: 'incomplete', error }]);
    const destination = createMemoryDestination();
    const report = await runSync({ source, destination });
    expect(report.complete).toBe(false);
    expect(report.plan.blocked).toBeUndefined();
    expect(destination.users.size).toBe(1);
  });

  it('rejects with the typed error when the read throws, before loading or writing anything', async () => {
    const typed = new HrSyncError('bad key', { code: 'AUTH_INVALID_CREDENTIALS', source: 'listhr' });
    const source = createListSource(people(4).map(employeeRecord), { throwError: typed, throwAfter: 2 });
    const destination = createMemoryDestination(linked(people(4)));
    await expect(runSync({ source, destination })).rejects.toBe(typed);
    expect(destination.loadCalls).toBe(0);
    expect(destination.applyCalls).toBe(0);

    const crash = createListSource(people(4).map(employeeRecord), {
      throwError: new Error('boom'),
      throwAfter: 1,
    });
    await expect(runSync({ source: crash, destination })).rejects.toMatchObject({
      code: 'SYNC_INCOMPLETE_SOURCE',
    });
    expect([...destination.users.values()].some((u) => u.archived)).toBe(false);
  });

  it('turns rejected operations into issues and applies the others', async () => {
    const source = createListSource(people(4).map(employeeRecord));
    const destination = createMemoryDestination();
    destination.reject.set('E002', {
      message: `phone taken (Authorization: Bearer ${SECRET})`,
      code: 'EMPLOYEE_DUPLICATE_PHONE',
    });
    destination.reject.set('E003', { message: 'database says no' });
    const report = await runSync({ source, destination });
    expect(report.applied?.outcomes.filter((o) => o.ok).map((o) => o.sourceId)).toEqual(['E001', 'E004']);
    expect([...destination.users.values()].map((u) => u.sourceId)).toEqual(['E001', 'E004']);
    expect(report.issues).toHaveLength(2);
    const [phone, failed] = report.issues;
    expect(phone).toMatchObject({
      code: 'EMPLOYEE_DUPLICATE_PHONE',
      recordId: 'E002',
      source: 'listhr',
      fix: 'In List HR, ensure no two employees share the same phone number.',
    });
    expect(phone?.message).toContain('Memory DB could not create E002');
    expect(phone?.message).not.toContain(SECRET);
    expect(failed).toMatchObject({ code: 'APPLY_FAILED', recordId: 'E003', severity: 'error' });
    expect(failed?.message).toContain('database says no');
  });

  it('does not repeat a rejection the destination already explained with its own issue', async () => {
    const source = createListSource(people(3).map(employeeRecord));
    const memory = createMemoryDestination();
    memory.reject.set('E002', { message: 'phone taken', code: 'EMPLOYEE_DUPLICATE_PHONE' });
    memory.reject.set('E003', { message: 'database says no' });
    const ownIssue = createIssue(
      'EMPLOYEE_DUPLICATE_PHONE',
      { id: 'listhr', displayName: 'List HR' },
      { recordId: 'E002', message: 'Memory DB: the phone of E002 belongs to another user' },
    );
    const destination = {
      id: memory.id,
      loadCurrent: memory.loadCurrent.bind(memory),
      apply: async (...args: Parameters<typeof memory.apply>) => ({
        ...(await memory.apply(...args)),
        issues: [ownIssue],
      }),
    };
    const report = await runSync({ source, destination });
    expect(report.issues.map((i) => `${i.code}:${i.recordId}`).sort()).toEqual([
      'APPLY_FAILED:E003',
      'EMPLOYEE_DUPLICATE_PHONE:E002',
    ]);
    expect(report.issues).toContain(ownIssue);
  });

  it('uses APPLY_FAILED when a destination names a code that is not an issue code', async () => {
    const source = createListSource([employeeRecord(person(1))]);
    const destination = createMemoryDestination();
    destination.reject.set('E001', { message: 'nope', code: 'TIMEOUT' as never });
    const report = await runSync({ source, destination });
    expect(report.issues.map((i) => i.code)).toEqual(['APPLY_FAILED']);
  });

  it('keeps the issues of the read, the plan and the apply, each once', async () => {
    const issue = createIssue(
      'EMPLOYEE_INVALID_EMAIL',
      { id: 'listhr', displayName: 'List HR' },
      {
        recordId: 'E009',
        message: 'bad email',
      },
    );
    const source = createListSource([
      employeeRecord(person(1)),
      employeeRecord(person(2, { workEmail: 'p1@example.com' })),
      employeeRecord(person(3)),
      { type: 'issue', issue },
    ]);
    const destination = createMemoryDestination();
    destination.reject.set('E003', { message: 'no' });
    const report = await runSync({ source, destination });
    expect(report.issues.map((i) => i.code).sort()).toEqual([
      'APPLY_FAILED',
      'EMPLOYEE_DUPLICATE_EMAIL',
      'EMPLOYEE_DUPLICATE_EMAIL',
      'EMPLOYEE_INVALID_EMAIL',
    ]);
  });

  it('rethrows when apply() itself throws, after logging it redacted', async () => {
    const source = createListSource(people(2).map(employeeRecord));
    const destination = createMemoryDestination();
    const failure = new Error(`connection refused ?api_key=${SECRET}`);
    destination.throwOnApply = failure;
    const { logger, lines, text } = capturingLogger();
    await expect(runSync({ source, destination, logger })).rejects.toBe(failure);
    expect(lines.some((l) => l.level === 'error' && l.message.includes('applying the plan failed'))).toBe(
      true,
    );
    expect(text()).not.toContain(SECRET);
  });

  it('rethrows when loadCurrent() throws, and writes nothing', async () => {
    const source = createListSource(people(2).map(employeeRecord));
    const destination = createMemoryDestination();
    const failure = new HrSyncError('db down', { code: 'UPSTREAM_UNAVAILABLE', source: 'memory' });
    destination.loadCurrent = async () => {
      throw failure;
    };
    await expect(runSync({ source, destination })).rejects.toBe(failure);
    expect(destination.applyCalls).toBe(0);
  });

  it('reports progress by phase, with growing counts, throttled during the read', async () => {
    const source = createListSource(people(450).map(employeeRecord));
    const destination = createMemoryDestination();
    const events: SyncProgress[] = [];
    await runSync({ source, destination, onProgress: (p) => events.push({ ...p }) });
    const phases = events.map((e) => e.phase);
    expect(phases.indexOf('plan')).toBeGreaterThan(phases.lastIndexOf('fetch'));
    expect(phases.indexOf('apply')).toBeGreaterThan(phases.lastIndexOf('plan'));
    const fetch = events.filter((e) => e.phase === 'fetch').map((e) => e.done);
    expect(fetch[0]).toBe(1);
    expect(fetch.at(-1)).toBe(450);
    expect(fetch.length).toBeLessThanOrEqual(10);
    expect([...fetch].sort((a, b) => a - b)).toEqual(fetch);
    expect(events.filter((e) => e.phase === 'plan')).toEqual([
      { phase: 'plan', done: 0, total: 450 },
      { phase: 'plan', done: 450, total: 450 },
    ]);
    const apply = events.filter((e) => e.phase === 'apply');
    expect(apply[0]).toEqual({ phase: 'apply', done: 0, total: 450 });
    expect(apply.at(-1)).toEqual({ phase: 'apply', done: 450, total: 450 });
  });

  it('reports the final apply count itself when the destination does not, and survives a throwing onProgress', async () => {
    const source = createListSource(people(3).map(employeeRecord));
    const destination = createMemoryDestination();
    const apply = destination.apply;
    destination.apply = (plan) => apply(plan);
    const events: SyncProgress[] = [];
    const { logger, lines } = capturingLogger();
    const report = await runSync({
      source,
      destination,
      logger,
      onProgress: (p) => {
        events.push({ ...p });
        throw new Error('progress bar broke');
      },
    });
    expect(report.applied?.outcomes).toHaveLength(3);
    expect(events.filter((e) => e.phase === 'apply').at(-1)).toEqual({ phase: 'apply', done: 3, total: 3 });
    expect(lines.filter((l) => l.message.includes('onProgress threw'))).toHaveLength(1);
  });

  it('reports a fetch count of zero for an empty roster', async () => {
    const events: SyncProgress[] = [];
    await runSync({
      source: createListSource([]),
      destination: createMemoryDestination(),
      onProgress: (p) => events.push({ ...p }),
    });
    expect(events[0]).toEqual({ phase: 'fetch', done: 0 });
  });

  it('rejects at once with an already-aborted signal, touching nothing', async () => {
    const source = createListSource(people(2).map(employeeRecord));
    const destination = createMemoryDestination();
    const reason = new Error('cancelled by the host');
    await expect(runSync({ source, destination, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(source.reads).toBe(0);
    expect(destination.loadCalls).toBe(0);
  });

  it('stops mid-read when aborted, passes the signal down, and writes nothing', async () => {
    const source = createListSource(people(50).map(employeeRecord), { slow: true });
    const destination = createMemoryDestination();
    const controller = new AbortController();
    const pending = runSync({
      source,
      destination,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'fetch' && p.done >= 1) controller.abort();
      },
    });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(source.signals[0]).toBe(controller.signal);
    expect(destination.loadCalls).toBe(0);
    expect(destination.applyCalls).toBe(0);
  });

  it('does not apply when aborted while loading the host users, and passes the signal to apply', async () => {
    const source = createListSource(people(2).map(employeeRecord));
    const destination = createMemoryDestination();
    const controller = new AbortController();
    const load = destination.loadCurrent;
    destination.loadCurrent = async (options) => {
      const current = await load(options);
      controller.abort();
      return current;
    };
    await expect(runSync({ source, destination, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(destination.applyCalls).toBe(0);

    const second = new AbortController();
    await runSync({ source, destination: createMemoryDestination(), signal: second.signal });
    const plain = createMemoryDestination();
    await runSync({ source, destination: plain, signal: second.signal });
    expect(plain.lastSignal).toBe(second.signal);
  });

  it('logs nothing by default', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => {}),
    );
    const destination = createMemoryDestination();
    destination.reject.set('E001', { message: 'no' });
    await runSync({ source: createListSource(people(2).map(employeeRecord)), destination });
    destination.throwOnApply = new Error('x');
    await expect(
      runSync({ source: createListSource(people(3).map(employeeRecord)), destination }),
    ).rejects.toThrow('x');
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('logs counts and codes through the host logger, never a secret or a person', async () => {
    const typed = new HrSyncError(`401 from /v1/people?token=${SECRET}`, {
      code: 'AUTH_INVALID_CREDENTIALS',
      source: 'listhr',
    });
    const { logger, lines, text } = capturingLogger();
    const destination = createMemoryDestination();
    destination.reject.set('E002', { message: `rejected, key=${SECRET}` });
    await runSync({ source: createListSource(people(3).map(employeeRecord)), destination, logger });
    await expect(
      runSync({
        source: createListSource(people(3).map(employeeRecord), { throwError: typed, throwAfter: 1 }),
        destination,
        logger,
      }),
    ).rejects.toBe(typed);
    expect(lines.map((l) => l.message)).toEqual(
      expect.arrayContaining([
        'hrsync: sync started',
        'hrsync: source read',
        'hrsync: plan ready',
        'hrsync: plan applied',
        'hrsync: sync finished',
        'hrsync: the source read failed',
      ]),
    );
    expect(lines.find((l) => l.message === 'hrsync: plan applied')?.fields).toMatchObject({
      operations: 3,
      failed: 1,
    });
    expect(text()).not.toContain(SECRET);
    expect(text()).not.toContain('p1@example.com');
    expect(text()).toContain('AUTH_INVALID_CREDENTIALS');
  });
});
