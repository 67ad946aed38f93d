import type { Employee } from '../model/employee.ts';
import { createIssue, type SourceInfo, type SyncIssue } from '../model/issue.ts';
import type { CurrentRecord } from '../model/snapshot.ts';
import { emailKey } from './compare.ts';
import { BY_EMAIL, HOST_DUP, NO_HOST, SEVERAL, SKIPPED } from './flags.ts';
import { listIds } from './org-checks.ts';
import type { StringIndex } from './string-index.ts';

const FREE = 0;
const TAKEN = 1;
const WITHHELD = 2;

/**
 * Matches host users not linked yet to the people left without a host user, one strategy at a time in the
 * caller's order (`BY_EMAIL`, `BY_NUMBER`). At each level, a person with several candidate host users, or a host user
 * several people point at, is never a pick: those people are skipped with `HOST_DUPLICATE_LINK`, and the host users
 * involved are withheld from the later levels, so applying the plan and planning again gives the same answer.
 *
 * @param unlinked indices of the host users without a source id
 * @param hostOf each person's host user index, filled in here for the matches
 * @param matchedBy the strategy each match was made by, filled in here
 * @internal
 */
export function matchUnlinked(
  employees: readonly Employee[],
  hosts: readonly CurrentRecord[],
  unlinked: readonly number[],
  strategies: readonly number[],
  emailIndex: StringIndex,
  flags: Uint8Array,
  hostOf: Int32Array,
  matchedBy: Uint8Array,
  source: SourceInfo,
  issues: SyncIssue[],
): void {
  const n = employees.length;
  const state = new Uint8Array(hosts.length);
  const claimants = new Int32Array(hosts.length);
  const candidate = new Int32Array(n).fill(NO_HOST);
  let numberIndex: Map<string, number | number[]> | undefined;

  for (const strategy of strategies) {
    const byEmail = strategy === BY_EMAIL;
    const touched: number[] = [];
    let several: Map<number, number[]> | undefined;
    const claim = (p: number, j: number): void => {
      if ((flags[p]! & SKIPPED) !== 0 || hostOf[p] !== NO_HOST) return;
      claimants[j]!++;
      const prev = candidate[p]!;
      if (prev === NO_HOST) {
        candidate[p] = j;
        touched.push(p);
        return;
      }
      several ??= new Map();
      if (prev === SEVERAL) several.get(p)!.push(j);
      else several.set(p, [prev, j]);
      candidate[p] = SEVERAL;
    };

    for (const j of unlinked) {
      if (state[j] !== FREE) continue;
      const h = hosts[j]!;
      if (byEmail) {
        if (typeof h.workEmail !== 'string') continue;
        const p = emailIndex.get(emailKey(h.workEmail));
        if (p >= 0) claim(p, j);
      } else {
        if (typeof h.employeeNumber !== 'string') continue;
        numberIndex ??= indexNumbers(employees);
        const found = numberIndex.get(h.employeeNumber);
        if (found === undefined) continue;
        if (typeof found === 'number') claim(found, j);
        else for (const p of found) claim(p, j);
      }
    }

    let contested: Map<number, number[]> | undefined;
    for (const p of touched) {
      const j = candidate[p]!;
      const e = employees[p]!;
      if (j === SEVERAL) {
        const list = several!.get(p)!;
        for (const k of list) state[k] = WITHHELD;
        flags[p]! |= HOST_DUP;
        const what = byEmail
          ? `the work email ${emailKey(e.workEmail)}`
          : `the employee number ${e.employeeNumber}`;
        issues.push(
          createIssue('HOST_DUPLICATE_LINK', source, {
            recordId: e.id,
            field: byEmail ? 'workEmail' : 'employeeNumber',
            message: `Host users ${listIds(list.map((k) => hosts[k]!.hostId))} share ${what} and none is linked to ${e.id} yet; ${e.id} is skipped until only one has it.`,
          }),
        );
      } else if (claimants[j]! > 1) {
        contested ??= new Map();
        const people = contested.get(j);
        if (people === undefined) contested.set(j, [p]);
        else people.push(p);
      } else {
        hostOf[p] = j;
        matchedBy[p] = strategy;
        state[j] = TAKEN;
      }
    }
    if (contested !== undefined) {
      for (const [j, people] of contested) {
        state[j] = WITHHELD;
        const ids = listIds(people.map((p) => employees[p]!.id));
        for (const p of people) {
          flags[p]! |= HOST_DUP;
          issues.push(
            createIssue('HOST_DUPLICATE_LINK', source, {
              recordId: employees[p]!.id,
              field: byEmail ? 'workEmail' : 'employeeNumber',
              message: `Host user ${hosts[j]!.hostId} matches ${claimants[j]} people by ${byEmail ? 'work email' : 'employee number'} (${ids}); each is skipped until the host user is linked to one.`,
            }),
          );
        }
      }
    }
    for (const p of touched) candidate[p] = NO_HOST;
    for (const j of unlinked) claimants[j] = 0;
  }
}

/** Employee numbers of the snapshot: a person's index, or every index when several people share the number. */
function indexNumbers(employees: readonly Employee[]): Map<string, number | number[]> {
  const index = new Map<string, number | number[]>();
  for (let p = 0; p < employees.length; p++) {
    const num = employees[p]!.employeeNumber;
    if (num === undefined) continue;
    const prev = index.get(num);
    if (prev === undefined) index.set(num, p);
    else if (typeof prev === 'number') index.set(num, [prev, p]);
    else prev.push(p);
  }
  return index;
}
