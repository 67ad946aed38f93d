import type { Employee } from '../model/employee.ts';
import type { SyncIssue } from '../model/issue.ts';
import type { CurrentRecord } from '../model/snapshot.ts';
import type { Changes } from './assign.ts';
import { FIELD, HOST_ROW, LINE, PERSON_FIELDS, PERSON_ROW, readHost, readPerson } from './columns.ts';
import { emailKey } from './compare.ts';
import { diffRows } from './diff.ts';
import { DUP_EMAIL, DUP_ID, END_PASSED, LEAVER, NO_HOST, TERMINATED } from './flags.ts';
import { StringIndex } from './string-index.ts';

// Each pass is a function of its own: V8 then optimises its loop as a whole function and keeps that code, where a
// loop inside one long function is compiled on the fly (on-stack replacement) and thrown away again at the first
// cold line after it, on every call.

const WORK_EMAIL = PERSON_FIELDS + FIELD.workEmail;
const STATUS = PERSON_FIELDS + FIELD.employmentStatus;
const END_DATE = PERSON_FIELDS + FIELD.endDate;
const MANAGER_ID = PERSON_FIELDS + FIELD.managerId;

/** What one read of the snapshot gives. @internal */
export interface SnapshotRead {
  /** Each person's id and manager id (`LINE` slots a person). */
  lines: unknown[];
  /** Per-person flags: leavers, duplicate ids and emails. */
  flags: Uint8Array;
  /** Person index by id (the first one, for a duplicated id). */
  idIndex: StringIndex;
  /** Person index by email key (the first one, for a duplicated email). */
  emailIndex: StringIndex;
  /** Whether any id or email appears twice (then `flags` carries `DUP_ID` / `DUP_EMAIL`). */
  duplicates: boolean;
}

/**
 * Reads every employee once: indexes ids and email keys (finding duplicates), flags leavers (terminated, or an end
 * date before `today`), and keeps each person's id and manager id.
 *
 * @internal
 */
export function readSnapshot(employees: readonly Employee[], today: string): SnapshotRead {
  const n = employees.length;
  const row = new Array<unknown>(PERSON_ROW).fill(undefined);
  const lines = new Array<unknown>(n * LINE).fill(undefined);
  const flags = new Uint8Array(n);
  const idIndex = new StringIndex(n);
  const emailIndex = new StringIndex(n);
  let duplicates = false;
  for (let p = 0; p < n; p++) {
    readPerson(employees[p]!, row, 0);
    const id = row[0] as string;
    const email = emailKey(row[WORK_EMAIL] as string);
    if (idIndex.add(id, p) >= 0) duplicates = true;
    if (emailIndex.add(email, p) >= 0) duplicates = true;
    const endDate = row[END_DATE];
    if (row[STATUS] === 'terminated') flags[p] = TERMINATED;
    else if (typeof endDate === 'string' && endDate < today) flags[p] = END_PASSED;
    lines[p * LINE] = id;
    lines[p * LINE + 1] = row[MANAGER_ID];
  }
  if (duplicates) flagDuplicates(employees, flags);
  return { lines, flags, idIndex, emailIndex, duplicates };
}

/** Flags every record whose id, or whose email key, another record shares. */
function flagDuplicates(employees: readonly Employee[], flags: Uint8Array): void {
  const idCount = new Map<string, number>();
  const emailCount = new Map<string, number>();
  for (const e of employees) {
    idCount.set(e.id, (idCount.get(e.id) ?? 0) + 1);
    const key = emailKey(e.workEmail);
    emailCount.set(key, (emailCount.get(key) ?? 0) + 1);
  }
  for (let p = 0; p < employees.length; p++) {
    const e = employees[p]!;
    if (idCount.get(e.id)! > 1) flags[p]! |= DUP_ID;
    if (emailCount.get(emailKey(e.workEmail))! > 1) flags[p]! |= DUP_EMAIL;
  }
}

/** What one read of the host's users gives. @internal */
export interface CurrentRead {
  /** Each person's linked host user, or `NO_HOST`. */
  hostOf: Int32Array;
  /** 1 for each archived host user. */
  hostArchived: Uint8Array;
  /** Each linked person's changes, compared while reading (see {@link Changes}). */
  changesOf: Changes[];
  /** People more than one host user is linked to, with those users. */
  linkedTwice: Map<number, number[]> | undefined;
  /** Active linked host users whose person the snapshot does not list. */
  missing: number[];
  /** Host users without a source id. */
  unlinked: number[];
  /** Active (not archived) linked host users. */
  activeCount: number;
}

/**
 * Reads every host user once: links by source id (a person two users claim is noted), active linked users whose
 * person is missing from the snapshot (and not listed in its issues either), users not linked yet. A linked user is
 * compared with their person right away, field by field in `mask`, while the user's values are at hand.
 *
 * @internal
 */
export function readCurrent(
  hosts: readonly CurrentRecord[],
  employees: readonly Employee[],
  read: SnapshotRead,
  snapshotIssues: readonly SyncIssue[],
  mask: number,
): CurrentRead {
  const { flags, idIndex } = read;
  const n = employees.length;
  const m = hosts.length;
  const hostRow = new Array<unknown>(HOST_ROW).fill(undefined);
  const personRow = new Array<unknown>(PERSON_ROW).fill(undefined);
  const hostArchived = new Uint8Array(m);
  const hostOf = new Int32Array(n).fill(NO_HOST);
  const changesOf = new Array<Changes>(n);
  let linkedTwice: Map<number, number[]> | undefined;
  let present: Set<string> | undefined;
  const missing: number[] = [];
  const unlinked: number[] = [];
  let activeCount = 0;
  for (let j = 0; j < m; j++) {
    readHost(hosts[j]!, hostRow, 0);
    const sid = hostRow[1];
    const archived = hostRow[2] === true;
    if (archived) hostArchived[j] = 1;
    if (typeof sid !== 'string' || sid === '') {
      unlinked.push(j);
      continue;
    }
    if (!archived) activeCount++;
    const p = idIndex.get(sid);
    if (p < 0) {
      if (!archived) {
        present ??= listedInIssues(snapshotIssues);
        if (!present.has(sid)) missing.push(j);
      }
    } else if (hostOf[p] === NO_HOST) {
      hostOf[p] = j;
      if ((flags[p]! & (DUP_ID | DUP_EMAIL | LEAVER)) === 0) {
        readPerson(employees[p]!, personRow, 0);
        changesOf[p] = diffRows(personRow, 0, hostRow, 0, mask, false) ?? null;
      }
    } else {
      linkedTwice ??= new Map();
      const list = linkedTwice.get(p);
      if (list === undefined) linkedTwice.set(p, [hostOf[p]!, j]);
      else list.push(j);
    }
  }
  return { hostOf, hostArchived, changesOf, linkedTwice, missing, unlinked, activeCount };
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
