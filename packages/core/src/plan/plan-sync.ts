import type { Employee } from '../model/employee.ts';
import { createIssue, type SourceInfo, type SyncIssue } from '../model/issue.ts';
import type { CurrentRecord } from '../model/snapshot.ts';
import { assignBuckets, type Buckets, type PlanState, withoutManager } from './assign.ts';
import { compareStrings, emailKey } from './compare.ts';
import { fieldMask } from './diff.ts';
import {
  BY_EMAIL,
  BY_NUMBER,
  DUP_EMAIL,
  DUP_ID,
  EMAIL_TAKEN,
  HOST_DUP,
  LEAVER,
  NO_HOST,
  SKIPPED,
} from './flags.ts';
import { matchUnlinked } from './match-unlinked.ts';
import { orderCreates } from './order-creates.ts';
import { checkOrgUnits, listIds } from './org-checks.ts';
import { blockFor, summarize } from './plan-outcome.ts';
import { findMissing, indexHosts, readSnapshot } from './read-passes.ts';
import { defaultSourceName } from './source-name.ts';
import type { MatchStrategy, PlanCreate, PlanInput, SyncPlan } from './types.ts';

/**
 * Works out what to do to bring the host's users in step with a source's roster: who to create, update, archive,
 * reactivate and link, and which records to skip with an issue. It reads nothing and writes nothing.
 *
 * Matching: a host user whose `sourceId` is the employee's id is theirs (a link, once made, always comes first);
 * otherwise, for host users not linked yet, the strategies of `match` after `sourceId` are tried in order (work
 * email, compared trimmed and lower-cased; employee number only when asked). A first-time match adds a `link`, and
 * the person is then compared like any other.
 *
 * Never a silent pick: an id or a work email shared by several records of the snapshot, two host users claiming one
 * person, one host user claimed by several people, or a new person whose email a host user will still hold after
 * the plan, each skips the people involved with an error issue. Skipped people are never archived. Manager problems and
 * department or location names are warnings: the person syncs, without the broken manager line.
 *
 * Leavers: `terminated` people and those whose `endDate` is before the UTC date of `now` are archived (a future end
 * date is not a leaver yet); linked host users whose source id is missing from a complete snapshot are archived as
 * `missing_from_source`. Unlinked host users that match nobody are left alone. A plan that would archive anyone from
 * an incomplete snapshot is blocked (`SYNC_INCOMPLETE_SOURCE`), and so is one above the archive limits
 * (`SYNC_ARCHIVE_THRESHOLD_EXCEEDED`) unless `safety.allowMassArchive` is set; a blocked plan lists what it would
 * do but must not be applied.
 *
 * Pure and deterministic: the same input in any order gives a deep-equal plan. Linear in the number of people
 * (sorting the plan's own lists aside).
 *
 * @example
 * ```ts
 * import { planSync } from '@hrsync/core';
 *
 * const plan = planSync({
 *   snapshot: {
 *     source: 'trinet',
 *     fetchedAt: '2025-01-31T09:00:00.000Z',
 *     complete: true,
 *     employees: [
 *       { id: 'E1', firstName: 'Ada', lastName: 'Lovelace', workEmail: 'ada@example.com', employmentStatus: 'active' },
 *       { id: 'E2', firstName: 'Alan', lastName: 'Turing', workEmail: 'alan@example.com', employmentStatus: 'active', managerId: 'E1' },
 *     ],
 *     issues: [],
 *   },
 *   current: [{ hostId: 'u1', workEmail: 'ADA@example.com', firstName: 'Ada', lastName: 'Byron' }],
 *   sourceName: 'TriNet',
 *   fields: ['firstName', 'lastName', 'workEmail', 'managerId'],
 * });
 * plan.links; // [{ type: 'link', hostId: 'u1', sourceId: 'E1', matchedBy: 'workEmail' }]
 * plan.updates[0]?.changes; // [{ field: 'lastName', before: 'Byron', after: 'Lovelace' }]
 * plan.creates.map((c) => c.employee.id); // ['E2']
 * if (!plan.blocked) {
 *   // apply it: links, then updates and reactivations (they may free an email a newcomer takes), then creates
 *   // in their order, then archives
 * }
 * ```
 */
export function planSync(input: PlanInput): SyncPlan {
  const snapshot = input.snapshot;
  const source: SourceInfo = {
    id: snapshot.source,
    displayName: input.sourceName ?? defaultSourceName(snapshot.source),
  };
  const today = (input.now ?? new Date()).toISOString().slice(0, 10);
  const mask = fieldMask(input.fields);
  const strategies = secondaryStrategies(input.match);
  const employees = snapshot.employees;
  const n = employees.length;
  const hosts: readonly CurrentRecord[] = Array.isArray(input.current)
    ? input.current
    : Array.from(input.current);
  const issues: SyncIssue[] = [];

  checkOrgUnits(snapshot.departments, 'department', source, issues);
  checkOrgUnits(snapshot.locations, 'location', source, issues);

  // 1. The host's users by link, then the snapshot: every record read once; every id and every work email once;
  // leavers; each linked person compared with their host user.
  const hostIndex = indexHosts(hosts);
  const read = readSnapshot(employees, today, hosts, hostIndex, mask);
  const { lines, flags, idIndex, emailIndex, hostOf, claimed, changesOf } = read;
  const { unlinked } = hostIndex;
  const hostArchived = hostIndex.archived;
  let activeCount = hostIndex.activeCount;
  if (read.duplicates) reportSourceDuplicates(employees, flags, source, issues);

  // 2. Several host users linked to one person: the person is skipped, and none of those users is missing.
  if (hostIndex.linkedTwice !== undefined) {
    for (const [sid, list] of hostIndex.linkedTwice) {
      const p = idIndex.get(sid);
      if (p < 0) continue;
      for (const j of list) claimed[j] = 1;
      if ((flags[p]! & (DUP_ID | DUP_EMAIL)) !== 0) continue;
      flags[p]! |= HOST_DUP;
      issues.push(
        createIssue('HOST_DUPLICATE_LINK', source, {
          recordId: sid,
          field: 'id',
          message: `Host users ${listIds(list.map((j) => hosts[j]!.hostId))} are all linked to ${sid}; ${sid} is skipped until only one is.`,
        }),
      );
    }
  }
  const missing = findMissing(hosts, hostIndex, claimed, snapshot.issues);

  // 3. First-time matches of the users not linked yet, strategy by strategy.
  const matchedBy = new Uint8Array(n);
  if (unlinked.length > 0 && strategies.length > 0) {
    matchUnlinked(
      employees,
      hosts,
      unlinked,
      strategies,
      emailIndex,
      flags,
      hostOf,
      matchedBy,
      source,
      issues,
    );
  }

  // 4. Newcomers: people who sync and have no host user yet.
  let newcomerEmails: Map<string, number> | undefined;
  for (let p = 0; p < n; p++) {
    if ((flags[p]! & (SKIPPED | LEAVER)) !== 0 || hostOf[p] !== NO_HOST) continue;
    newcomerEmails ??= new Map();
    newcomerEmails.set(emailKey(employees[p]!.workEmail), p);
  }

  // 5. The manager graph, then each person into one bucket. A newcomer whose email a host user keeps is skipped,
  // which can change who is a valid manager: then the buckets are worked out again (rare).
  const state: PlanState = {
    employees,
    hosts,
    lines,
    hostArchived,
    changesOf,
    flags,
    hostOf,
    matchedBy,
    idIndex,
    mask,
    source,
  };
  let buckets: Buckets = assignBuckets(state, newcomerEmails);
  if (buckets.owners !== undefined) {
    reportTakenEmails(employees, hosts, buckets.owners, flags, source, issues);
    buckets = assignBuckets(state, undefined);
  }
  for (const issue of buckets.managerIssues) issues.push(issue);
  const { updates, archives, reactivations, links, unchanged, dropped } = buckets;
  activeCount += buckets.newlyLinkedActive;
  for (const j of missing) {
    const h = hosts[j]!;
    archives.push({
      type: 'archive',
      hostId: h.hostId,
      sourceId: h.sourceId!,
      reason: 'missing_from_source',
    });
  }

  const creates: PlanCreate[] = orderCreates(employees, buckets.creates, buckets.manager).map((p) => ({
    type: 'create',
    employee: withoutManager(employees[p]!, dropped[p] === 1),
  }));
  updates.sort(byHostId);
  archives.sort(byHostId);
  reactivations.sort(byHostId);
  links.sort(byHostId);
  issues.sort(compareIssues);

  const allIssues = snapshot.issues.length === 0 ? issues : [...snapshot.issues, ...issues];
  const plan: SyncPlan = {
    source: snapshot.source,
    creates,
    updates,
    archives,
    reactivations,
    links,
    unchanged,
    issues: allIssues,
    summary: summarize(creates, updates, archives, reactivations, links, unchanged, allIssues),
  };
  const blocked = blockFor(archives, activeCount, snapshot.complete, input.safety, source);
  if (blocked !== undefined) plan.blocked = blocked;
  return plan;
}

/** The strategies tried after the source id, in the caller's order. */
function secondaryStrategies(match: readonly MatchStrategy[] | undefined): number[] {
  if (match === undefined) return [BY_EMAIL];
  const out: number[] = [];
  for (const strategy of match) {
    const code = strategy === 'workEmail' ? BY_EMAIL : strategy === 'employeeNumber' ? BY_NUMBER : 0;
    if (code !== 0 && !out.includes(code)) out.push(code);
  }
  return out;
}

function reportSourceDuplicates(
  employees: readonly Employee[],
  flags: Uint8Array,
  source: SourceInfo,
  issues: SyncIssue[],
): void {
  const idCounts = new Map<string, number>();
  const emailGroups = new Map<string, string[]>();
  for (let p = 0; p < employees.length; p++) {
    const f = flags[p]!;
    if ((f & (DUP_ID | DUP_EMAIL)) === 0) continue;
    const e = employees[p]!;
    if ((f & DUP_ID) !== 0) idCounts.set(e.id, (idCounts.get(e.id) ?? 0) + 1);
    if ((f & DUP_EMAIL) !== 0) {
      const key = emailKey(e.workEmail);
      const group = emailGroups.get(key);
      if (group === undefined) emailGroups.set(key, [e.id]);
      else group.push(e.id);
    }
  }
  for (let p = 0; p < employees.length; p++) {
    const f = flags[p]!;
    if ((f & (DUP_ID | DUP_EMAIL)) === 0) continue;
    const e = employees[p]!;
    if ((f & DUP_ID) !== 0) {
      issues.push(
        createIssue('EMPLOYEE_DUPLICATE_ID', source, {
          recordId: e.id,
          field: 'id',
          message: `The employee id ${e.id} appears ${idCounts.get(e.id)} times; every record with it is skipped.`,
        }),
      );
    } else {
      const key = emailKey(e.workEmail);
      const group = emailGroups.get(key)!;
      issues.push(
        createIssue('EMPLOYEE_DUPLICATE_EMAIL', source, {
          recordId: e.id,
          field: 'workEmail',
          message: `${key} is the work email of ${group.length} records (${listIds(group)}); each is skipped.`,
        }),
      );
    }
  }
}

/** Skips the newcomers whose email a host user keeps, with an `EMPLOYEE_DUPLICATE_EMAIL` issue each. */
function reportTakenEmails(
  employees: readonly Employee[],
  hosts: readonly CurrentRecord[],
  owners: ReadonlyMap<number, number[]>,
  flags: Uint8Array,
  source: SourceInfo,
  issues: SyncIssue[],
): void {
  for (const [p, list] of owners) {
    flags[p]! |= EMAIL_TAKEN;
    const e = employees[p]!;
    const who = listIds(
      list.map((j) => {
        const h = hosts[j]!;
        return h.sourceId ? `${h.hostId} (linked to ${h.sourceId})` : h.hostId;
      }),
    );
    issues.push(
      createIssue('EMPLOYEE_DUPLICATE_EMAIL', source, {
        recordId: e.id,
        field: 'workEmail',
        message: `${emailKey(e.workEmail)} already belongs to host user ${who}, who is not ${e.id}; ${e.id} is not created.`,
      }),
    );
  }
}

function byHostId(a: { hostId: string }, b: { hostId: string }): number {
  return compareStrings(a.hostId, b.hostId);
}

function compareIssues(a: SyncIssue, b: SyncIssue): number {
  return (
    compareStrings(a.recordId ?? '', b.recordId ?? '') ||
    compareStrings(a.code, b.code) ||
    compareStrings(a.entity, b.entity) ||
    compareStrings(a.field ?? '', b.field ?? '') ||
    compareStrings(a.message, b.message)
  );
}
