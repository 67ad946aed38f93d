import type { OrgUnit } from '../model/employee.ts';
import { createIssue, type SourceInfo, type SyncIssue } from '../model/issue.ts';
import { compareStrings } from './compare.ts';

const LIST_LIMIT = 5;

/**
 * Lists ids for a message: sorted, at most a few, with the count of the rest.
 *
 * @internal
 */
export function listIds(ids: readonly string[]): string {
  const sorted = [...ids].sort(compareStrings);
  const shown = sorted.slice(0, LIST_LIMIT).join(', ');
  return sorted.length > LIST_LIMIT ? `${shown} and ${sorted.length - LIST_LIMIT} more` : shown;
}

/**
 * Checks the source's departments or locations: a unit without a name, and units sharing the exact same name (one
 * issue per unit involved). These are warnings: they never block people.
 *
 * @internal
 */
export function checkOrgUnits(
  units: readonly OrgUnit[] | undefined,
  kind: 'department' | 'location',
  source: SourceInfo,
  issues: SyncIssue[],
): void {
  if (units === undefined || units.length === 0) return;
  const missingCode = kind === 'department' ? 'DEPARTMENT_MISSING_NAME' : 'LOCATION_MISSING_NAME';
  const duplicateCode = kind === 'department' ? 'DEPARTMENT_DUPLICATE_NAME' : 'LOCATION_DUPLICATE_NAME';
  const byName = new Map<string, string[]>();
  for (const unit of units) {
    const name = unit.name;
    if (name === undefined || name.trim() === '') {
      issues.push(
        createIssue(missingCode, source, {
          entity: kind,
          recordId: unit.id,
          field: 'name',
          message: `The ${kind} ${unit.id} has no name.`,
        }),
      );
      continue;
    }
    const ids = byName.get(name);
    if (ids === undefined) byName.set(name, [unit.id]);
    else ids.push(unit.id);
  }
  for (const [name, ids] of byName) {
    if (ids.length < 2) continue;
    const list = listIds(ids);
    for (const id of ids) {
      issues.push(
        createIssue(duplicateCode, source, {
          entity: kind,
          recordId: id,
          field: 'name',
          message: `${ids.length} ${kind}s are named “${name}”: ${list}.`,
        }),
      );
    }
  }
}
