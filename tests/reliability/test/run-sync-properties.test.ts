// Property tests of runSync over generated rosters (testkit's generateRoster) and random sequences of changes:
// - a second sync with nothing changed in between applies nothing;
// - after every change, the host matches what the source says: every current person once, linked, not archived,
//   field for field; everyone else the host knows archived.
// Once with an in-memory source (fast, 150 runs), once through each adapter's fake (100 runs, round robin).
import { isDeepStrictEqual } from 'node:util';
import {
  type CurrentRecord,
  EMPLOYEE_FIELDS,
  type Employee,
  type HrSource,
  runSync,
  type SyncReport,
} from '@hrsync/core';
import { createMemoryDestination, generateRoster } from '@hrsync/testkit';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { SOURCE_ADAPTERS, sourceOn } from '../src/adapters.ts';
import { createLeakSink } from '../src/credentials.ts';
import {
  applyChange,
  type ChangingRoster,
  createArraySource,
  type RosterChange,
  recordingSource,
} from '../src/roster-changes.ts';

const sink = createLeakSink();
afterAll(() => sink.assertClean());

const changeArb: fc.Arbitrary<RosterChange> = fc.record({
  kind: fc.constantFrom('join', 'leave', 'terminate', 'edit', 'email', 'rehire', 'manager'),
  pick: fc.nat({ max: 1_000 }),
  value: fc.nat({ max: 100_000 }),
});

/** What the syncs of a property did, summed: proof that every kind of operation was exercised. */
const seen = { creates: 0, updates: 0, archives: 0, reactivations: 0, links: 0 };
const count = (report: SyncReport) => {
  seen.creates += report.plan.creates.length;
  seen.updates += report.plan.updates.length;
  seen.archives += report.plan.archives.length;
  seen.reactivations += report.plan.reactivations.length;
  seen.links += report.plan.links.length;
};

const operations = (report: SyncReport) =>
  report.plan.creates.length +
  report.plan.updates.length +
  report.plan.archives.length +
  report.plan.reactivations.length +
  report.plan.links.length;

/** How the host differs from what the source said (empty when it matches). */
function mismatches(
  users: readonly CurrentRecord[],
  employees: readonly Employee[],
  today: string,
): string[] {
  const out: string[] = [];
  const leaver = (e: Employee) =>
    e.employmentStatus === 'terminated' || (e.endDate !== undefined && e.endDate < today);
  const current = new Map(employees.filter((e) => !leaver(e)).map((e) => [e.id, e]));
  const bySource = new Map<string, CurrentRecord[]>();
  for (const user of users) {
    if (user.sourceId === undefined) out.push(`${user.hostId} is not linked`);
    else bySource.set(user.sourceId, [...(bySource.get(user.sourceId) ?? []), user]);
  }
  for (const [id, e] of current) {
    const [user, ...more] = bySource.get(id) ?? [];
    if (!user) {
      out.push(`${id} is missing from the host`);
      continue;
    }
    if (more.length > 0) out.push(`${id} is in the host ${more.length + 1} times`);
    if (user.archived === true) out.push(`${id} is archived but current`);
    for (const field of EMPLOYEE_FIELDS) {
      if (field === 'id') continue;
      // A manager who is not current cannot be synced: the line is dropped (with an issue).
      const expected = field === 'managerId' && !current.has(e.managerId ?? '') ? undefined : e[field];
      const actual = (user as Record<string, unknown>)[field];
      // Emails are compared as the plan engine matches them: case and surrounding space do not count.
      const same =
        field === 'workEmail'
          ? String(actual).trim().toLowerCase() === String(expected).trim().toLowerCase()
          : isDeepStrictEqual(actual, expected);
      if (!same)
        out.push(`${id}.${field}: host ${JSON.stringify(actual)}, source ${JSON.stringify(expected)}`);
    }
  }
  for (const [id, list] of bySource) {
    if (current.has(id)) continue;
    for (const user of list) if (user.archived !== true) out.push(`${id} left but is not archived`);
  }
  return out;
}

/**
 * Runs a sequence of changes: after the first sync and after each change, sync, check the host against what the
 * source said, then sync again and check that nothing is applied.
 */
async function converges(
  roster: ChangingRoster,
  changes: readonly RosterChange[],
  makeSource: (people: readonly Employee[]) => HrSource,
): Promise<void> {
  const now = new Date(`${roster.now}T12:00:00Z`);
  // The host already knows a third of the company by email (unlinked, with stale fields): the first sync links them.
  const destination = createMemoryDestination({
    users: roster.people
      .filter((e, i) => i % 3 === 0 && e.employmentStatus !== 'terminated')
      .map((e) => ({ workEmail: e.workEmail.toUpperCase(), firstName: e.firstName, lastName: 'Before' })),
  });
  const log: string[] = ['first sync'];
  const logger = sink.logger('properties');
  const step = async () => {
    const { source, last } = recordingSource(makeSource(roster.people));
    // The properties are about convergence: the mass-archive guard is tested elsewhere.
    const options = { source, destination, now, logger, safety: { allowMassArchive: true } };
    const first = await runSync(options);
    sink.json('properties report', first);
    count(first);
    const said = last();
    if (!said?.complete) throw new Error(`the source read was incomplete after ${log.join(', ')}`);
    const wrong = mismatches(destination.users(), said.employees, roster.now);
    if (wrong.length > 0) throw new Error(`after ${log.join(', ')}: ${wrong.slice(0, 5).join('; ')}`);
    const second = await runSync(options);
    if (operations(second) > 0 || (second.applied?.outcomes.length ?? 0) > 0)
      throw new Error(
        `after ${log.join(', ')}, a second sync applied ${JSON.stringify(second.plan.summary)}`,
      );
  };
  await step();
  for (const change of changes) {
    log.push(applyChange(roster, change));
    await step();
  }
}

const startRoster = (seed: number, size: number): ChangingRoster => {
  const generated = generateRoster({ seed, size, statusWeights: { terminated: 0 } });
  return { people: structuredClone(generated.employees), gone: [], now: generated.now };
};

describe('runSync properties', () => {
  it('in-memory source: a resync applies nothing, and any sequence of changes converges the host', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 1_000_000 }),
        fc.integer({ min: 2, max: 30 }),
        fc.array(changeArb, { maxLength: 10 }),
        async (seed, size, changes) => {
          const roster = startRoster(seed, size);
          await converges(roster, changes, (people) => createArraySource(() => people));
        },
      ),
      { numRuns: 150 },
    );
    expect(seen.creates).toBeGreaterThan(0);
    expect(seen.updates).toBeGreaterThan(0);
    expect(seen.archives).toBeGreaterThan(0);
    expect(seen.reactivations).toBeGreaterThan(0);
    expect(seen.links).toBeGreaterThan(0);
  });

  it("through each adapter's fake (round robin): the same properties", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 1_000_000 }),
        fc.integer({ min: 2, max: 20 }),
        fc.array(changeArb, { maxLength: 5 }),
        async (seed, size, changes) => {
          const adapter = SOURCE_ADAPTERS[run++ % SOURCE_ADAPTERS.length]!;
          const roster = startRoster(seed, size);
          const now = new Date(`${roster.now}T12:00:00Z`);
          await converges(roster, changes, (people) =>
            sourceOn(adapter, adapter.createFake({ employees: people }).handler, { now }),
          );
        },
      ),
      { numRuns: 100 },
    );
  }, 60_000);

  it('the convergence check fails on a host that misses a person (it can fail)', () => {
    const roster = startRoster(1, 5);
    const users = roster.people.slice(1).map((e, i): CurrentRecord => {
      const { id, ...fields } = e;
      return { ...fields, hostId: `u${i}`, sourceId: id };
    });
    expect(mismatches(users, roster.people, roster.now)).toContain(
      `${roster.people[0]?.id} is missing from the host`,
    );
    const edited = users.map((u) => ({ ...u, title: 'Changed' }));
    expect(mismatches(edited, roster.people.slice(1), roster.now).length).toBeGreaterThan(0);
  });
});
