/**
 * One person's change, as a People HR webhook event turns out after the re-read, and the one-person plan it makes.
 *
 * @module
 */
import {
  type CurrentRecord,
  type Employee,
  type EmployeeField,
  type MatchStrategy,
  type PlanSummary,
  planSync,
  type SourceSnapshot,
  type SyncIssue,
  type SyncPlan,
} from '@hrsync/core';
import { PEOPLEHR_SOURCE } from './peoplehr-info.ts';
import type { PeopleHrWebhookEvent } from './peoplehr-wire.ts';

/**
 * What every {@link PeopleHrChange} carries: the person's People HR id and the events it answers.
 *
 * @example
 * ```ts
 * const base: PeopleHrChangeBase = { employeeNumber: 'PW21', events: [{ ActionId: 1, EmployeeId: 'PW21' }] };
 * ```
 */
export interface PeopleHrChangeBase {
  /** The People HR `EmployeeId` the event named (`PW21`). */
  employeeNumber: string;
  /** The events this change answers (several when deliveries for the same person were coalesced), oldest first. */
  events: PeopleHrWebhookEvent[];
}

/**
 * What a person event turned out to mean, after the handler re-read the person from People HR:
 *
 * - `upsert`: People HR has the person; `employee` is how they are now (a leaver has `employmentStatus:
 *   'terminated'`), ready for a one-person plan;
 * - `remove`: People HR no longer has the person (Employee Deleted, or not found), confirmed by a full read so that
 *   a renamed `EmployeeId` is never mistaken for a deletion. `sourceId` is their `UniqueKey` when it was known;
 *   otherwise `presentSourceIds` lists every key People HR still has, so that only a host user linked to a key that
 *   is gone can be archived;
 * - `skip`: People HR has the person but their record cannot sync (no work email...): `issues` say why. Nothing is
 *   archived for it, as in a full sync.
 *
 * @example
 * ```ts
 * async function onChange(change: PeopleHrChange) {
 *   if (change.type === 'skip') return report(change.issues);
 *   const plan = planPeopleHrChange(change, await loadMyUsers());
 *   if (!plan.blocked) await applyPlan(plan);
 * }
 * ```
 */
export type PeopleHrChange =
  | (PeopleHrChangeBase & { type: 'upsert'; employee: Employee; issues: SyncIssue[] })
  | (PeopleHrChangeBase & {
      type: 'remove';
      sourceId?: string | undefined;
      presentSourceIds?: readonly string[] | undefined;
    })
  | (PeopleHrChangeBase & { type: 'skip'; sourceId?: string | undefined; issues: SyncIssue[] });

/**
 * Options of {@link planPeopleHrChange}: the same as `planSync()`'s, minus the snapshot and the safety limits.
 *
 * @example
 * ```ts
 * planPeopleHrChange(change, current, { fields: ['firstName', 'lastName', 'workEmail', 'title'], match: ['sourceId', 'workEmail'] });
 * ```
 */
export interface PlanPeopleHrChangeOptions {
  /** Reference time for end dates; default now. */
  now?: Date | undefined;
  /** The fields the host keeps in sync; default all. */
  fields?: readonly EmployeeField[] | undefined;
  /** Match order; default `['sourceId', 'workEmail']`. */
  match?: readonly MatchStrategy[] | undefined;
}

const normEmail = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : undefined);
const linked = (h: CurrentRecord) => h.sourceId !== undefined && h.sourceId !== '';

/**
 * Plans one People HR change against the host's users, with `planSync()` from `@hrsync/core`, touching **only the
 * person the event named**: it can create, update, link, reactivate or archive that one person, and nobody else.
 *
 * How it stays targeted:
 * - only the host users that can be this person are planned (linked to their `UniqueKey`; not linked yet and
 *   matching their work email, or employee number when `match` asks for it); every other host user is left out, so
 *   none can be archived as "missing";
 * - host users linked to someone else but holding the same work email are planned as present (so a clash is the
 *   same `EMPLOYEE_DUPLICATE_EMAIL` a full sync reports), and never touched;
 * - the person's manager, when the host has them, is added as context so the manager line is kept, and nothing is
 *   planned for them;
 * - the archive limit is exactly one person: a plan that would archive more is blocked
 *   (`SYNC_ARCHIVE_THRESHOLD_EXCEEDED`).
 *
 * @example
 * ```ts
 * const handler = createPeopleHrWebhookHandler({
 *   secret,
 *   source,
 *   async onChange(change) {
 *     const plan = planPeopleHrChange(change, await db.usersAsCurrentRecords());
 *     if (!plan.blocked) await db.apply(plan); // at most one person created, updated, linked or archived
 *   },
 * });
 * ```
 */
export function planPeopleHrChange(
  change: PeopleHrChange,
  current: Iterable<CurrentRecord>,
  options: PlanPeopleHrChangeOptions = {},
): SyncPlan {
  const hosts = Array.isArray(current) ? (current as CurrentRecord[]) : [...current];
  const match = options.match ?? ['sourceId', 'workEmail'];
  // Source ids planned only as context: nothing is ever planned for them.
  const context = new Set<string>();
  const employees: Employee[] = [];
  const issues: SyncIssue[] = [];
  let selected: CurrentRecord[] = [];

  if (change.type === 'skip') {
    return emptyPlan(change.issues);
  }
  if (change.type === 'upsert') {
    const e = change.employee;
    const email = normEmail(e.workEmail);
    employees.push(e);
    issues.push(...change.issues);
    for (const h of hosts) {
      if (h.sourceId === e.id) {
        selected.push(h);
      } else if (!linked(h)) {
        const byEmail =
          match.includes('workEmail') && email !== undefined && normEmail(h.workEmail) === email;
        const byNumber =
          match.includes('employeeNumber') &&
          e.employeeNumber !== undefined &&
          h.employeeNumber === e.employeeNumber;
        if (byEmail || byNumber) selected.push(h);
      } else if (email !== undefined && normEmail(h.workEmail) === email) {
        // Linked to someone else, same email: present (listed in the snapshot's issues), never archived or changed.
        selected.push(h);
        const sourceId = h.sourceId as string;
        context.add(sourceId);
        issues.push({
          code: 'UNKNOWN',
          severity: 'warning',
          source: PEOPLEHR_SOURCE.id,
          entity: 'employee',
          recordId: sourceId,
          message: 'context',
          fix: '',
        });
      }
    }
    // The manager, when the host has them: a stand-in keeps the manager line valid; it is never planned.
    const managerId = e.managerId;
    if (managerId !== undefined && managerId !== e.id && hosts.some((h) => h.sourceId === managerId)) {
      context.add(managerId);
      employees.push({
        id: managerId,
        firstName: 'Manager',
        lastName: 'Context',
        workEmail: `context+${employees.length}@hrsync.invalid`,
        employmentStatus: 'active',
      });
    }
  } else {
    const present = change.presentSourceIds ? new Set(change.presentSourceIds) : undefined;
    selected =
      change.sourceId !== undefined
        ? hosts.filter((h) => h.sourceId === change.sourceId)
        : hosts.filter(
            (h) =>
              linked(h) &&
              h.employeeNumber === change.employeeNumber &&
              present !== undefined &&
              !present.has(h.sourceId as string),
          );
  }

  const snapshot: SourceSnapshot = {
    source: PEOPLEHR_SOURCE.id,
    fetchedAt: new Date().toISOString(),
    // The fragment is complete for the people it covers: the host users selected are exactly those people's.
    complete: true,
    employees,
    issues,
  };
  const plan = planSync({
    snapshot,
    current: selected,
    sourceName: PEOPLEHR_SOURCE.displayName,
    safety: { maxArchiveCount: 1, maxArchiveRatio: 1 },
    ...(options.now ? { now: options.now } : {}),
    ...(options.fields ? { fields: options.fields } : {}),
    match,
  });
  if (context.size === 0) return plan;
  const keep = (sourceId: string | undefined) => sourceId === undefined || !context.has(sourceId);
  const filtered: SyncPlan = {
    ...plan,
    creates: plan.creates.filter((c) => keep(c.employee.id)),
    updates: plan.updates.filter((u) => keep(u.sourceId)),
    archives: plan.archives.filter((a) => keep(a.sourceId)),
    reactivations: plan.reactivations.filter((r) => keep(r.sourceId)),
    links: plan.links.filter((l) => keep(l.sourceId)),
    issues: plan.issues.filter((i) => keep(i.recordId)),
  };
  filtered.summary = summarize(filtered);
  return filtered;
}

function emptyPlan(issues: SyncIssue[]): SyncPlan {
  const plan: SyncPlan = {
    source: PEOPLEHR_SOURCE.id,
    creates: [],
    updates: [],
    archives: [],
    reactivations: [],
    links: [],
    unchanged: 0,
    issues: [...issues],
    summary: {} as PlanSummary,
  };
  plan.summary = summarize(plan);
  return plan;
}

function summarize(plan: SyncPlan): PlanSummary {
  const byCode: PlanSummary['byCode'] = {};
  for (const issue of plan.issues) byCode[issue.code] = (byCode[issue.code] ?? 0) + 1;
  return {
    creates: plan.creates.length,
    updates: plan.updates.length,
    archives: plan.archives.length,
    reactivations: plan.reactivations.length,
    links: plan.links.length,
    unchanged: plan.unchanged,
    issues: plan.issues.length,
    byCode,
  };
}
