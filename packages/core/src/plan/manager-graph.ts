import { createIssue, type SourceInfo, type SyncIssue } from '../model/issue.ts';
import { LINE } from './columns.ts';
import type { StringIndex } from './string-index.ts';

/** The manager line of every person after the checks. @internal */
export interface ManagerGraph {
  /** Index of each person's manager in the snapshot, or -1 (none, or dropped). */
  manager: Int32Array;
  /** 1 where the person's `managerId` was dropped because of an issue. */
  dropped: Uint8Array;
}

/**
 * Checks the manager graph (`lines`: each person's id and manager id) of the people who sync (those whose
 * `flags[i] & excluded` is 0): a manager who is not among them
 * (`MANAGER_NOT_FOUND`), a self-manager (`MANAGER_SELF`) and loops (`MANAGER_CYCLE`, one issue per person in the
 * loop). Each is a warning: the person syncs without a manager. Iterative and linear: every person is walked once,
 * so a million-deep chain neither recurses nor goes quadratic.
 *
 * @internal
 */
export function checkManagers(
  lines: readonly unknown[],
  flags: Uint8Array,
  excluded: number,
  idIndex: StringIndex,
  source: SourceInfo,
  issues: SyncIssue[],
): ManagerGraph {
  const n = lines.length / LINE;
  const manager = new Int32Array(n).fill(-1);
  const dropped = new Uint8Array(n);

  for (let i = 0; i < n; i++) {
    if ((flags[i]! & excluded) !== 0) continue;
    const managerId = lines[i * LINE + 1];
    if (typeof managerId !== 'string') continue;
    const id = lines[i * LINE] as string;
    if (managerId === id) {
      dropped[i] = 1;
      issues.push(
        createIssue('MANAGER_SELF', source, {
          recordId: id,
          field: 'managerId',
          message: `${id} is listed as their own manager; they sync without a manager.`,
        }),
      );
      continue;
    }
    const m = idIndex.get(managerId);
    if (m < 0 || (flags[m]! & excluded) !== 0) {
      dropped[i] = 1;
      issues.push(
        createIssue('MANAGER_NOT_FOUND', source, {
          recordId: id,
          field: 'managerId',
          message: `The manager ${managerId} of ${id} is not among the people synced; ${id} syncs without a manager.`,
        }),
      );
      continue;
    }
    manager[i] = m;
  }

  // Each person has at most one manager, so the graph is a functional graph: walk each unvisited chain, stamping
  // nodes with the walk's number; meeting our own stamp means a loop, meeting an older stamp means a known chain.
  const stamp = new Int32Array(n);
  const DONE = -1;
  for (let start = 0; start < n; start++) {
    if (stamp[start] !== 0 || manager[start] === -1) continue;
    const mark = start + 1;
    let cur = start;
    while (cur !== -1 && stamp[cur] === 0) {
      stamp[cur] = mark;
      cur = manager[cur]!;
    }
    if (cur !== -1 && stamp[cur] === mark) {
      let length = 0;
      let c = cur;
      do {
        length++;
        c = manager[c]!;
      } while (c !== cur);
      c = cur;
      do {
        const next = manager[c]!;
        const id = lines[c * LINE] as string;
        issues.push(
          createIssue('MANAGER_CYCLE', source, {
            recordId: id,
            field: 'managerId',
            message: `${id} reports to ${lines[next * LINE] as string} in a loop of ${length} people; ${id} syncs without a manager.`,
          }),
        );
        dropped[c] = 1;
        c = next;
      } while (c !== cur);
    }
    cur = start;
    while (cur !== -1 && stamp[cur] === mark) {
      stamp[cur] = DONE;
      cur = manager[cur]!;
    }
  }
  for (let i = 0; i < n; i++) if (dropped[i] === 1) manager[i] = -1;
  return { manager, dropped };
}
