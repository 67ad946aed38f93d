import type { Employee } from '../model/employee.ts';
import type { SourceInfo, SyncIssue } from '../model/issue.ts';
import type { CurrentRecord } from '../model/snapshot.ts';
import { HOST_ROW, LINE, PERSON_ROW, readHost, readPerson } from './columns.ts';
import { emailKey } from './compare.ts';
import { diffRows, WORK_EMAIL_BIT } from './diff.ts';
import { LEAVER, NO_HOST, SKIPPED, TERMINATED } from './flags.ts';
import { checkManagers } from './manager-graph.ts';
import type { StringIndex } from './string-index.ts';
import type { FieldChange, PlanArchive, PlanLink, PlanReactivation, PlanUpdate } from './types.ts';

// Indexed by BY_EMAIL / BY_NUMBER.
const MATCHED_BY = [undefined, 'workEmail', 'employeeNumber'] as const;

/**
 * A person's changes against their host user: `undefined` until worked out, `null` when there are none.
 *
 * @internal
 */
export type Changes = FieldChange[] | null | undefined;

/** What the plan engine knows once records are read and matched. @internal */
export interface PlanState {
  employees: readonly Employee[];
  hosts: readonly CurrentRecord[];
  /** Each person's id and manager id (see `columns.ts`). */
  lines: readonly unknown[];
  /** 1 for each archived host user. */
  hostArchived: Uint8Array;
  /** Each linked person's changes, worked out while reading the host users (see {@link Changes}). */
  changesOf: readonly Changes[];
  /** Per-person flags (see `flags.ts`). */
  flags: Uint8Array;
  /** Each person's host user, or `NO_HOST`. */
  hostOf: Int32Array;
  /** How a first-time match was made (0: by source id, or none). */
  matchedBy: Uint8Array;
  idIndex: StringIndex;
  /** The fields to compare. */
  mask: number;
  source: SourceInfo;
}

/** Each person in a bucket. @internal */
export interface Buckets {
  manager: Int32Array;
  dropped: Uint8Array;
  /** People to create, unordered. */
  creates: number[];
  updates: PlanUpdate[];
  archives: PlanArchive[];
  reactivations: PlanReactivation[];
  links: PlanLink[];
  unchanged: number;
  /** Active host users this plan links for the first time. */
  newlyLinkedActive: number;
  /** What the manager graph reported. */
  managerIssues: SyncIssue[];
  /**
   * With `newcomerEmails`: for each newcomer, the host users that will still hold their email once the plan is
   * applied.
   */
  owners: Map<number, number[]> | undefined;
}

/**
 * Checks the manager graph, then puts each person in one bucket: create, update, reactivate, archive, unchanged (or
 * nothing, for a leaver the host never had). Skipped people are in none.
 *
 * With `newcomerEmails` (newcomers by email key), it also finds the host users that would keep a newcomer's email:
 * every host user except those matched to a person who syncs, whose email then becomes that person's, which no
 * newcomer shares. So the common case costs no string work at all.
 *
 * @internal
 */
export function assignBuckets(
  state: PlanState,
  newcomerEmails: ReadonlyMap<string, number> | undefined,
): Buckets {
  const { employees, hosts, lines, hostArchived, changesOf, flags, hostOf, matchedBy, mask } = state;
  const n = employees.length;
  const managerIssues: SyncIssue[] = [];
  const graph = checkManagers(lines, flags, SKIPPED | LEAVER, state.idIndex, state.source, managerIssues);
  const dropped = graph.dropped;
  const emailMoves = (mask & WORK_EMAIL_BIT) !== 0;
  const cleared = newcomerEmails === undefined ? undefined : new Uint8Array(hosts.length);
  let hostRow: unknown[] | undefined;
  let personRow: unknown[] | undefined;

  const creates: number[] = [];
  const updates: PlanUpdate[] = [];
  const archives: PlanArchive[] = [];
  const reactivations: PlanReactivation[] = [];
  const links: PlanLink[] = [];
  let unchanged = 0;
  let newlyLinkedActive = 0;
  for (let p = 0, base = 0; p < n; p++, base += LINE) {
    const f = flags[p]!;
    if ((f & SKIPPED) !== 0) continue;
    const j = hostOf[p]!;
    if (j === NO_HOST) {
      if ((f & LEAVER) === 0) creates.push(p);
      continue;
    }
    const archived = hostArchived[j] === 1;
    const by = matchedBy[p]!;
    if (by !== 0) {
      const sourceId = lines[base] as string;
      links.push({ type: 'link', hostId: hosts[j]!.hostId, sourceId, matchedBy: MATCHED_BY[by]! });
      if (!archived) newlyLinkedActive++;
    }
    if ((f & LEAVER) !== 0) {
      if (archived) unchanged++;
      else {
        archives.push({
          type: 'archive',
          hostId: hosts[j]!.hostId,
          sourceId: lines[base] as string,
          reason: (f & TERMINATED) !== 0 ? 'terminated' : 'end_date_passed',
        });
      }
      continue;
    }
    if (cleared !== undefined && emailMoves) cleared[j] = 1;
    const drop = dropped[p] === 1;
    let changes = drop ? undefined : changesOf[p];
    if (changes === undefined) {
      // Not compared yet (a first-time match), or compared before its manager line was dropped.
      hostRow ??= new Array<unknown>(HOST_ROW).fill(undefined);
      personRow ??= new Array<unknown>(PERSON_ROW).fill(undefined);
      readHost(hosts[j]!, hostRow, 0);
      readPerson(employees[p]!, personRow, 0);
      changes = diffRows(personRow, 0, hostRow, 0, mask, drop) ?? null;
    }
    if (archived) {
      const e = employees[p]!;
      reactivations.push({
        type: 'reactivate',
        hostId: hosts[j]!.hostId,
        sourceId: e.id,
        employee: withoutManager(e, drop),
        changes: changes ?? [],
      });
    } else if (changes === null) unchanged++;
    else {
      const e = employees[p]!;
      updates.push({
        type: 'update',
        hostId: hosts[j]!.hostId,
        sourceId: e.id,
        employee: withoutManager(e, drop),
        changes,
      });
    }
  }

  let owners: Map<number, number[]> | undefined;
  if (newcomerEmails !== undefined && cleared !== undefined) {
    for (let j = 0; j < cleared.length; j++) {
      if (cleared[j] === 1) continue;
      const workEmail = hosts[j]!.workEmail;
      if (typeof workEmail !== 'string') continue;
      const p = newcomerEmails.get(emailKey(workEmail));
      if (p === undefined) continue;
      owners ??= new Map();
      const list = owners.get(p);
      if (list === undefined) owners.set(p, [j]);
      else list.push(j);
    }
  }
  return {
    manager: graph.manager,
    dropped,
    creates,
    updates,
    archives,
    reactivations,
    links,
    unchanged,
    newlyLinkedActive,
    managerIssues,
    owners,
  };
}

/**
 * The employee as the plan writes it: without `managerId` when the manager line was dropped.
 *
 * @internal
 */
export function withoutManager(e: Employee, drop: boolean): Employee {
  if (!drop || e.managerId === undefined) return e;
  const { managerId: _dropped, ...rest } = e;
  return rest;
}
