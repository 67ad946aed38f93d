import type { FetchOptions, HrSource } from '../adapter/types.ts';
import { HrSyncError } from '../errors/hr-sync-error.ts';
import type { Employee, OrgUnit } from '../model/employee.ts';
import type { SyncIssue } from '../model/issue.ts';
import type { SourceSnapshot } from '../model/snapshot.ts';

/**
 * Options of {@link collectSnapshot}: those of the read, plus a clock for `fetchedAt`.
 *
 * @example
 * ```ts
 * const options: CollectSnapshotOptions = { signal, now: () => new Date('2025-01-01T00:00:00Z') };
 * const snapshot = await collectSnapshot(source, options);
 * ```
 */
export interface CollectSnapshotOptions extends FetchOptions {
  /** The clock stamped as `fetchedAt` when the read ends; default `new Date()`. */
  now?: (() => Date) | undefined;
}

/**
 * Reads `source.employees()` to the end and gathers it into a {@link SourceSnapshot}: employees, the issues of
 * records that could not become employees (and warnings of those that did), departments and locations. An
 * `incomplete` record makes the snapshot `complete: false`, so the plan engine archives nobody from it.
 *
 * An adapter can implement `fetchSnapshot()` with it: `fetchSnapshot: (options) => collectSnapshot(source, options)`.
 *
 * Failures: an aborted signal rejects with the signal's reason, between any two records. An `HrSyncError` thrown by
 * the read is rethrown as it is (its code says why: `AUTH_INVALID_CREDENTIALS`, `RATE_LIMITED`, ...); anything else
 * thrown (an adapter bug) is wrapped in an `HrSyncError` with code `SYNC_INCOMPLETE_SOURCE`, not retryable, with the
 * number of records read in `details`. Either way no partial snapshot escapes as if it were whole.
 *
 * @example
 * ```ts
 * const snapshot = await collectSnapshot(source, { signal, onRecord: (count) => bar.update(count) });
 * if (!snapshot.complete) logger.warn('partial read: nobody will be archived');
 * ```
 */
export async function collectSnapshot(
  source: Pick<HrSource, 'id' | 'employees'> & { readonly displayName?: string },
  options: CollectSnapshotOptions = {},
): Promise<SourceSnapshot> {
  const { signal, onRecord } = options;
  throwIfAborted(signal);
  const employees: Employee[] = [];
  const issues: SyncIssue[] = [];
  const departments: OrgUnit[] = [];
  const locations: OrgUnit[] = [];
  let complete = true;
  let count = 0;
  try {
    const records = source.employees({
      ...(signal !== undefined ? { signal } : {}),
      ...(options.includeRaw !== undefined ? { includeRaw: options.includeRaw } : {}),
    });
    for await (const record of records) {
      throwIfAborted(signal);
      switch (record.type) {
        case 'employee':
          employees.push(record.employee);
          for (const issue of record.issues) issues.push(issue);
          break;
        case 'issue':
          issues.push(record.issue);
          break;
        case 'department':
          departments.push(record.unit);
          break;
        case 'location':
          locations.push(record.unit);
          break;
        case 'incomplete':
          complete = false;
          break;
      }
      count++;
      onRecord?.(count);
    }
  } catch (error) {
    if (signal?.aborted) throw abortReason(signal);
    if (HrSyncError.is(error)) throw error;
    const name = source.displayName ?? source.id;
    throw new HrSyncError(`${name}: the roster read failed after ${count} records`, {
      code: 'SYNC_INCOMPLETE_SOURCE',
      source: source.id,
      retryable: false,
      cause: error,
      details: { recordsRead: count },
    });
  }
  throwIfAborted(signal);
  const snapshot: SourceSnapshot = {
    source: source.id,
    fetchedAt: (options.now?.() ?? new Date()).toISOString(),
    complete,
    employees,
    issues,
  };
  if (departments.length > 0) snapshot.departments = departments;
  if (locations.length > 0) snapshot.locations = locations;
  return snapshot;
}

/** The reason of an aborted signal, or a standard `AbortError`. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Throws the signal's reason when it has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}
