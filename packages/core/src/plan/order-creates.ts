import type { Employee } from '../model/employee.ts';
import { compareStrings } from './compare.ts';

/**
 * Orders the people to create so that a manager comes before the people who report to them: breadth first from the
 * roots (people whose manager is not created by this plan), roots and each manager's reports by id. Iterative, so
 * deep chains are fine; deterministic whatever the input order.
 *
 * @param creates indices into `employees` of the people to create
 * @param manager each person's manager index after the checks, or -1
 * @internal
 */
export function orderCreates(
  employees: readonly Employee[],
  creates: number[],
  manager: Int32Array,
): number[] {
  if (creates.length < 2) return creates;
  creates.sort((a, b) => compareStrings(employees[a]!.id, employees[b]!.id));
  const isCreate = new Set(creates);
  const reports = new Map<number, number[]>();
  const order: number[] = [];
  for (const c of creates) {
    const m = manager[c]!;
    if (m !== -1 && isCreate.has(m)) {
      const list = reports.get(m);
      if (list === undefined) reports.set(m, [c]);
      else list.push(c);
    } else {
      order.push(c);
    }
  }
  for (let head = 0; head < order.length; head++) {
    const list = reports.get(order[head]!);
    if (list !== undefined) for (const r of list) order.push(r);
  }
  return order;
}
