import type { Employee } from '../model/employee.ts';
import { createIssue, type SourceInfo, type SyncIssue } from '../model/issue.ts';
import type { CurrentRecord } from '../model/snapshot.ts';
import { compareStrings, emailKey } from './compare.ts';
import { diffEmployee, fieldMask, WORK_EMAIL_BIT } from './diff.ts';
import {
  BY_EMAIL,
  BY_NUMBER,
  DUP_EMAIL,
  DUP_ID,
  EMAIL_TAKEN,
  END_PASSED,
  HOST_DUP,
  LEAVER,
  NO_HOST,
  SKIPPED,
  TERMINATED,
} from './flags.ts';
import { checkManagers } from './manager-graph.ts';
import { matchUnlinked } from './match-unlinked.ts';
import { orderCreates } from './order-creates.ts';
import { checkOrgUnits, listIds } from './org-checks.ts';
import { defaultSourceName } from './source-name.ts';
import type {
  MatchStrategy,
  PlanArchive,
  PlanBlock,
  PlanCreate,
  PlanInput,
  PlanLink,
  PlanReactivation,
  PlanSummary,
  PlanUpdate,
  SyncPlan,
} from './types.ts';

const DEFAULT_MAX_ARCHIVE_RATIO = 0.2;

// Indexed by BY_EMAIL / BY_NUMBER.
const MATCHED_BY = [undefined, 'workEmail', 'employeeNumber'] as const;

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
  const m = hosts.length;
  const issues: SyncIssue[] = [];

  checkOrgUnits(snapshot.departments, 'department', source, issues);
  checkOrgUnits(snapshot.locations, 'location', source, issues);

  // 1. The snapshot itself: every id and every work email once.
  const flags = new Uint8Array(n);
  const idIndex = new Map<string, number>();
  const emailIndex = new Map<string, number>();
  let duplicates = false;
  for (let i = 0; i < n; i++) {
    const e = employees[i]!;
    const first = idIndex.get(e.id);
    if (first === undefined) idIndex.set(e.id, i);
    else {
      flags[first]! |= DUP_ID;
      flags[i]! |= DUP_ID;
      duplicates = true;
    }
    const email = emailKey(e.workEmail);
    const firstWithEmail = emailIndex.get(email);
    if (firstWithEmail === undefined) emailIndex.set(email, i);
    else {
      flags[firstWithEmail]! |= DUP_EMAIL;
      flags[i]! |= DUP_EMAIL;
      duplicates = true;
    }
  }
  if (duplicates) reportSourceDuplicates(employees, flags, source, issues);

  // 2. The host's users: links by source id, leavers missing from the source, and the users not linked yet.
  const hostOf = new Int32Array(n).fill(NO_HOST);
  let linkedTwice: Map<number, number[]> | undefined;
  let present: Set<string> | undefined;
  const missing: number[] = [];
  const unlinked: number[] = [];
  let activeCount = 0;
  for (let j = 0; j < m; j++) {
    const h = hosts[j]!;
    const sid = h.sourceId;
    if (sid === undefined || sid === '') {
      unlinked.push(j);
      continue;
    }
    if (h.archived !== true) activeCount++;
    const p = idIndex.get(sid);
    if (p !== undefined) {
      const prev = hostOf[p]!;
      if (prev === NO_HOST) hostOf[p] = j;
      else {
        linkedTwice ??= new Map();
        const list = linkedTwice.get(p);
        if (list === undefined) linkedTwice.set(p, [prev, j]);
        else list.push(j);
      }
    } else if (h.archived !== true) {
      present ??= listedInIssues(snapshot.issues);
      if (!present.has(sid)) missing.push(j);
    }
  }
  if (linkedTwice !== undefined) {
    for (const [p, list] of linkedTwice) {
      if ((flags[p]! & (DUP_ID | DUP_EMAIL)) !== 0) continue;
      flags[p]! |= HOST_DUP;
      const id = employees[p]!.id;
      issues.push(
        createIssue('HOST_DUPLICATE_LINK', source, {
          recordId: id,
          field: 'id',
          message: `Host users ${listIds(list.map((j) => hosts[j]!.hostId))} are all linked to ${id}; ${id} is skipped until only one is.`,
        }),
      );
    }
  }

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

  // 4. Leavers, and people who would be created while a host user already has their email.
  const newcomers: number[] = [];
  for (let p = 0; p < n; p++) {
    const f = flags[p]!;
    if ((f & SKIPPED) !== 0) continue;
    const e = employees[p]!;
    if (e.employmentStatus === 'terminated') flags[p] = f | TERMINATED;
    else if (e.endDate !== undefined && e.endDate < today) flags[p] = f | END_PASSED;
    else if (hostOf[p] === NO_HOST) newcomers.push(p);
  }
  if (newcomers.length > 0) {
    findTakenEmails(
      employees,
      hosts,
      hostOf,
      newcomers,
      flags,
      (mask & WORK_EMAIL_BIT) !== 0,
      source,
      issues,
    );
  }

  // 5. The manager graph, among the people who sync.
  const graph = checkManagers(employees, flags, SKIPPED | LEAVER, idIndex, source, issues);
  const dropped = graph.dropped;

  // 6. Each person into one bucket.
  const createIndices: number[] = [];
  const updates: PlanUpdate[] = [];
  const archives: PlanArchive[] = [];
  const reactivations: PlanReactivation[] = [];
  const links: PlanLink[] = [];
  let unchanged = 0;
  for (let p = 0; p < n; p++) {
    const f = flags[p]!;
    if ((f & SKIPPED) !== 0) continue;
    const j = hostOf[p]!;
    if (j === NO_HOST) {
      if ((f & LEAVER) === 0) createIndices.push(p);
      continue;
    }
    const e = employees[p]!;
    const h = hosts[j]!;
    const by = matchedBy[p]!;
    if (by !== 0) {
      links.push({ type: 'link', hostId: h.hostId, sourceId: e.id, matchedBy: MATCHED_BY[by]! });
      if (h.archived !== true) activeCount++;
    }
    const drop = dropped[p] === 1;
    if (h.archived === true) {
      if ((f & LEAVER) !== 0) unchanged++;
      else {
        reactivations.push({
          type: 'reactivate',
          hostId: h.hostId,
          sourceId: e.id,
          employee: withoutManager(e, drop),
          changes: diffEmployee(e, h, mask, drop) ?? [],
        });
      }
    } else if ((f & LEAVER) !== 0) {
      archives.push({
        type: 'archive',
        hostId: h.hostId,
        sourceId: e.id,
        reason: (f & TERMINATED) !== 0 ? 'terminated' : 'end_date_passed',
      });
    } else {
      const changes = diffEmployee(e, h, mask, drop);
      if (changes === undefined) unchanged++;
      else
        updates.push({
          type: 'update',
          hostId: h.hostId,
          sourceId: e.id,
          employee: withoutManager(e, drop),
          changes,
        });
    }
  }
  for (const j of missing) {
    const h = hosts[j]!;
    archives.push({
      type: 'archive',
      hostId: h.hostId,
      sourceId: h.sourceId!,
      reason: 'missing_from_source',
    });
  }

  const creates: PlanCreate[] = orderCreates(employees, createIndices, graph.manager).map((p) => ({
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

/** Ids the source listed but could not turn into employees: those people are still there, never missing. */
function listedInIssues(issues: readonly SyncIssue[]): Set<string> {
  const ids = new Set<string>();
  for (const issue of issues) {
    if (issue.recordId !== undefined && (issue.entity === 'employee' || issue.entity === 'manager')) {
      ids.add(issue.recordId);
    }
  }
  return ids;
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
    if (f === 0) continue;
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
    if (f === 0) continue;
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

/**
 * Flags the newcomers whose work email a host user will still hold once the plan is applied (a user linked to
 * someone else, or not linked and not matched to them): creating them would give two users one email. A host user
 * whose own person moves to another email in this plan frees it (updates go before creates). One scan of the host's
 * users against the few newcomers' emails.
 */
function findTakenEmails(
  employees: readonly Employee[],
  hosts: readonly CurrentRecord[],
  hostOf: Int32Array,
  newcomers: readonly number[],
  flags: Uint8Array,
  emailSynced: boolean,
  source: SourceInfo,
  issues: SyncIssue[],
): void {
  const byEmail = new Map<string, number>();
  for (const p of newcomers) byEmail.set(emailKey(employees[p]!.workEmail), p);
  let owners: Map<number, CurrentRecord[]> | undefined;
  let personOf: Int32Array | undefined;
  for (let j = 0; j < hosts.length; j++) {
    const h = hosts[j]!;
    const workEmail = h.workEmail;
    if (typeof workEmail !== 'string') continue;
    const key = emailKey(workEmail);
    const p = byEmail.get(key);
    if (p === undefined) continue;
    if (emailSynced) {
      personOf ??= personOfHost(hostOf, hosts.length);
      const q = personOf[j]!;
      const moves =
        q !== NO_HOST && (flags[q]! & (SKIPPED | LEAVER)) === 0 && emailKey(employees[q]!.workEmail) !== key;
      if (moves) continue;
    }
    owners ??= new Map();
    const list = owners.get(p);
    if (list === undefined) owners.set(p, [h]);
    else list.push(h);
  }
  if (owners === undefined) return;
  for (const [p, list] of owners) {
    flags[p]! |= EMAIL_TAKEN;
    const e = employees[p]!;
    const who = listIds(list.map((h) => (h.sourceId ? `${h.hostId} (linked to ${h.sourceId})` : h.hostId)));
    issues.push(
      createIssue('EMPLOYEE_DUPLICATE_EMAIL', source, {
        recordId: e.id,
        field: 'workEmail',
        message: `${emailKey(e.workEmail)} already belongs to host user ${who}, who is not ${e.id}; ${e.id} is not created.`,
      }),
    );
  }
}

/** For each host user, the person matched to it, or -1. */
function personOfHost(hostOf: Int32Array, m: number): Int32Array {
  const out = new Int32Array(m).fill(NO_HOST);
  for (let p = 0; p < hostOf.length; p++) {
    const j = hostOf[p]!;
    if (j !== NO_HOST) out[j] = p;
  }
  return out;
}

/** The employee as the plan writes it: without `managerId` when the manager line was dropped. */
function withoutManager(e: Employee, drop: boolean): Employee {
  if (!drop || e.managerId === undefined) return e;
  const { managerId: _dropped, ...rest } = e;
  return rest;
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

function summarize(
  creates: readonly PlanCreate[],
  updates: readonly PlanUpdate[],
  archives: readonly PlanArchive[],
  reactivations: readonly PlanReactivation[],
  links: readonly PlanLink[],
  unchanged: number,
  issues: readonly SyncIssue[],
): PlanSummary {
  const byCode: PlanSummary['byCode'] = {};
  for (const issue of issues) byCode[issue.code] = (byCode[issue.code] ?? 0) + 1;
  return {
    creates: creates.length,
    updates: updates.length,
    archives: archives.length,
    reactivations: reactivations.length,
    links: links.length,
    unchanged,
    issues: issues.length,
    byCode,
  };
}

function blockFor(
  archives: readonly PlanArchive[],
  activeCount: number,
  complete: boolean,
  safety: PlanInput['safety'],
  source: SourceInfo,
): PlanBlock | undefined {
  const archiveCount = archives.length;
  if (archiveCount === 0) return undefined;
  if (!complete) {
    let missing = 0;
    for (const a of archives) if (a.reason === 'missing_from_source') missing++;
    return {
      code: 'SYNC_INCOMPLETE_SOURCE',
      message: `The read from ${source.displayName} was incomplete and the plan would archive ${archiveCount} people (${missing} of them only because they were not read); it must not be applied.`,
      archiveCount,
      activeCount,
    };
  }
  if (safety?.allowMassArchive === true) return undefined;
  const maxArchiveRatio = safety?.maxArchiveRatio ?? DEFAULT_MAX_ARCHIVE_RATIO;
  const maxArchiveCount = safety?.maxArchiveCount;
  const overRatio = archiveCount > maxArchiveRatio * activeCount;
  const overCount = maxArchiveCount !== undefined && archiveCount > maxArchiveCount;
  if (!overRatio && !overCount) return undefined;
  const limits = [`${round(maxArchiveRatio * 100)}% of ${activeCount} active people`];
  if (maxArchiveCount !== undefined) limits.push(`${maxArchiveCount} people`);
  const block: PlanBlock = {
    code: 'SYNC_ARCHIVE_THRESHOLD_EXCEEDED',
    message: `The plan would archive ${archiveCount} people (${round(activeCount === 0 ? 100 : (archiveCount / activeCount) * 100)}% of ${activeCount} active), above the limit of ${limits.join(' or ')}; check the leavers in ${source.displayName}, then allow mass archiving to apply it.`,
    archiveCount,
    activeCount,
    maxArchiveRatio,
  };
  if (maxArchiveCount !== undefined) block.maxArchiveCount = maxArchiveCount;
  return block;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
