import type { Employee } from '../model/employee.ts';
import type { SyncIssue } from '../model/issue.ts';
import type { CurrentRecord } from '../model/snapshot.ts';
import type { Changes } from './assign.ts';
import {
  BATCH,
  FIELD,
  HOST_FIELDS,
  HOST_ROW,
  LINE,
  PERSON_FIELDS,
  PERSON_ROW,
  readHost,
  readPerson,
  touch,
  touched,
} from './columns.ts';
import { emailKey } from './compare.ts';
import { diffRows } from './diff.ts';
import { DUP_EMAIL, DUP_ID, END_PASSED, NO_HOST, TERMINATED } from './flags.ts';
import { hashEmail, hashString, NOT_NORMALISED, StringIndex } from './string-index.ts';

// Each pass is a function of its own: V8 then optimises its loop as a whole function and keeps that code, where a
// loop inside one long function is compiled on the fly (on-stack replacement) and thrown away again at the first
// cold line after it, on every call.

const WORK_EMAIL = PERSON_FIELDS + FIELD.workEmail;
const STATUS = PERSON_FIELDS + FIELD.employmentStatus;
const END_DATE = PERSON_FIELDS + FIELD.endDate;
const MANAGER_ID = PERSON_FIELDS + FIELD.managerId;

/** The host's users by link. @internal */
export interface HostIndex {
  /** Host user index by source id (the first one, when several users share it). */
  bySourceId: StringIndex;
  /** 1 for each archived host user. */
  archived: Uint8Array;
  /** Source ids more than one host user is linked to, with all those users. */
  linkedTwice: Map<string, number[]> | undefined;
  /** Host users without a source id. */
  unlinked: number[];
  /** Active (not archived) linked host users. */
  activeCount: number;
}

/**
 * Indexes the host's users by source id, reading only `sourceId` and `archived` of each: the users are read in full
 * later, next to their person, while the person's values are at hand.
 *
 * @internal
 */
export function indexHosts(hosts: readonly CurrentRecord[]): HostIndex {
  const m = hosts.length;
  // Each user's source id, read once here: the index then compares keys with an array read, not a property load
  // on records of many shapes.
  const sourceIds = new Array<unknown>(m).fill(undefined);
  const bySourceId = new StringIndex(m, (j) => sourceIds[j]);
  const archived = new Uint8Array(m);
  let linkedTwice: Map<string, number[]> | undefined;
  const unlinked: number[] = [];
  let activeCount = 0;
  for (let j = 0; j < m; j++) {
    const h = hosts[j]!;
    sourceIds[j] = h.sourceId;
    if (h.archived === true) archived[j] = 1;
  }
  // The source ids in batches, as readSnapshot reads people: touched, hashed, their table slots read, then added.
  const hashes = new Int32Array(BATCH);
  let seen = 0;
  for (let start = 0; start < m; start += BATCH) {
    const count = Math.min(BATCH, m - start);
    for (let k = 0; k < count; k++) seen += touch(sourceIds[start + k]);
    for (let k = 0; k < count; k++) {
      const sid = sourceIds[start + k];
      hashes[k] = typeof sid === 'string' ? hashString(sid) : 0;
    }
    for (let k = 0; k < count; k++) seen += bySourceId.peek(hashes[k]!);
    for (let k = 0; k < count; k++) {
      const j = start + k;
      const sid = sourceIds[j];
      if (typeof sid !== 'string' || sid === '') {
        unlinked.push(j);
        continue;
      }
      if (archived[j] === 0) activeCount++;
      const first = bySourceId.addHashed(sid, hashes[k]!, j);
      if (first >= 0) {
        linkedTwice ??= new Map();
        const list = linkedTwice.get(sid);
        if (list === undefined) linkedTwice.set(sid, [first, j]);
        else list.push(j);
      }
    }
  }
  touched.sum = seen;
  return { bySourceId, archived, linkedTwice, unlinked, activeCount };
}

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
  /** Each person's linked host user, or `NO_HOST`. */
  hostOf: Int32Array;
  /** 1 for each linked host user whose person the snapshot lists. */
  claimed: Uint8Array;
  /** Each linked person's changes, compared while reading (see {@link Changes}). */
  changesOf: Changes[];
}

/**
 * Reads every employee once: indexes ids and email keys (finding duplicates), flags leavers (terminated, or an end
 * date before `today`), keeps each person's id and manager id, finds their linked host user and compares the two,
 * field by field in `mask`, while the person's values are at hand.
 *
 * People are read in batches of `BATCH`, step by step across the batch, and before a step uses values it first
 * touches them for the whole batch. A record's values (its strings and objects) are each somewhere else in memory,
 * so most first reads of one are a cache miss; made one after another, with a person's work between them, those
 * misses are waited for one at a time, and were most of the plan's time. Touched in a short run for many people,
 * the processor waits for them together. A few values of each record are touched, not all: that brings the record's
 * memory in, and touching every value cost more than it saved.
 *
 * @internal
 */
export function readSnapshot(
  employees: readonly Employee[],
  today: string,
  hosts: readonly CurrentRecord[],
  hostIndex: HostIndex,
  mask: number,
): SnapshotRead {
  const n = employees.length;
  const rows = new Array<unknown>(BATCH * PERSON_ROW).fill(undefined);
  const hostRows = new Array<unknown>(BATCH * HOST_ROW).fill(undefined);
  // Per person of the batch: id hash, email key and its hash, the host user to compare with (or NO_HOST).
  const idHashes = new Int32Array(BATCH);
  const emails = new Array<string>(BATCH).fill('');
  const emailHashes = new Int32Array(BATCH);
  const compareWith = new Int32Array(BATCH);
  const lines = new Array<unknown>(n * LINE).fill(undefined);
  const flags = new Uint8Array(n);
  const idIndex = new StringIndex(n, (p) => employees[p]!.id);
  const emailIndex = new StringIndex(n, (p) => emailKey(employees[p]!.workEmail));
  const hostOf = new Int32Array(n).fill(NO_HOST);
  const claimed = new Uint8Array(hosts.length);
  const changesOf = new Array<Changes>(n);
  const { bySourceId, linkedTwice } = hostIndex;
  let duplicates = false;
  let seen = 0;
  for (let start = 0; start < n; start += BATCH) {
    const count = Math.min(BATCH, n - start);
    for (let k = 0; k < count; k++) readPerson(employees[start + k]!, rows, k * PERSON_ROW);
    // The ids and emails: touched, hashed, then the slots of the three tables they go to, all across the batch.
    for (let base = 0; base < count * PERSON_ROW; base += PERSON_ROW) {
      seen += touch(rows[base]) + touch(rows[base + WORK_EMAIL]);
    }
    for (let k = 0; k < count; k++) {
      const base = k * PERSON_ROW;
      idHashes[k] = hashString(rows[base] as string);
      let email = rows[base + WORK_EMAIL] as string;
      let emailHash = hashEmail(email);
      if (emailHash === NOT_NORMALISED) {
        email = emailKey(email);
        emailHash = hashString(email);
      }
      emails[k] = email;
      emailHashes[k] = emailHash;
    }
    for (let k = 0; k < count; k++) {
      const idHash = idHashes[k]!;
      seen += idIndex.peek(idHash) + bySourceId.peek(idHash) + emailIndex.peek(emailHashes[k]!);
    }
    for (let k = 0; k < count; k++) {
      const p = start + k;
      const base = k * PERSON_ROW;
      compareWith[k] = NO_HOST;
      const id = rows[base] as string;
      const idHash = idHashes[k]!;
      if (idIndex.addHashed(id, idHash, p) >= 0) duplicates = true;
      if (emailIndex.addHashed(emails[k]!, emailHashes[k]!, p) >= 0) duplicates = true;
      const endDate = rows[base + END_DATE];
      let leaver = true;
      if (rows[base + STATUS] === 'terminated') flags[p] = TERMINATED;
      else if (typeof endDate === 'string' && endDate < today) flags[p] = END_PASSED;
      else leaver = false;
      lines[p * LINE] = id;
      lines[p * LINE + 1] = rows[base + MANAGER_ID];
      const j = bySourceId.getHashed(id, idHash);
      if (j < 0) continue;
      hostOf[p] = j;
      claimed[j] = 1;
      if (leaver || linkedTwice?.has(id)) continue;
      compareWith[k] = j;
      readHost(hosts[j]!, hostRows, k * HOST_ROW);
    }
    // The values compared next: a few spread over each record, on both sides (the person's email is in already).
    for (let k = 0; k < count; k++) {
      if (compareWith[k] === NO_HOST) continue;
      const person = k * PERSON_ROW + PERSON_FIELDS;
      const host = k * HOST_ROW + HOST_FIELDS;
      seen +=
        touch(rows[person + FIELD.lastName]) +
        touch(rows[person + FIELD.title]) +
        touch(rows[person + FIELD.department]) +
        touch(rows[person + FIELD.startDate]) +
        touch(hostRows[host + FIELD.lastName]) +
        touch(hostRows[host + FIELD.workEmail]) +
        touch(hostRows[host + FIELD.title]) +
        touch(hostRows[host + FIELD.department]) +
        touch(hostRows[host + FIELD.startDate]);
    }
    for (let k = 0; k < count; k++) {
      if (compareWith[k] === NO_HOST) continue;
      changesOf[start + k] = diffRows(rows, k * PERSON_ROW, hostRows, k * HOST_ROW, mask, false) ?? null;
    }
  }
  if (duplicates) flagDuplicates(employees, flags);
  touched.sum = seen;
  return { lines, flags, idIndex, emailIndex, duplicates, hostOf, claimed, changesOf };
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

/**
 * Active linked host users whose person the snapshot does not list, not even as a record it could not read (an
 * issue with that id): the leavers a complete read reveals.
 *
 * @internal
 */
export function findMissing(
  hosts: readonly CurrentRecord[],
  hostIndex: HostIndex,
  claimed: Uint8Array,
  snapshotIssues: readonly SyncIssue[],
): number[] {
  const missing: number[] = [];
  let present: Set<string> | undefined;
  for (let j = 0; j < hosts.length; j++) {
    if (claimed[j] === 1 || hostIndex.archived[j] === 1) continue;
    const sid = hosts[j]!.sourceId;
    if (typeof sid !== 'string' || sid === '') continue;
    present ??= listedInIssues(snapshotIssues);
    if (!present.has(sid)) missing.push(j);
  }
  return missing;
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
