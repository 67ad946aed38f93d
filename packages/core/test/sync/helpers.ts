import type {
  ApplyOptions,
  ApplyResult,
  CallOptions,
  CurrentRecord,
  Employee,
  FetchOptions,
  HrDestination,
  HrSource,
  OperationOutcome,
  SourceRecord,
  SyncIssue,
  SyncPlan,
} from '../../src/index.ts';
import { collectSnapshot } from '../../src/index.ts';

export function person(n: number, extra: Partial<Employee> = {}): Employee {
  const id = `E${String(n).padStart(3, '0')}`;
  return {
    id,
    firstName: `First${n}`,
    lastName: `Last${n}`,
    workEmail: `p${n}@example.com`,
    employmentStatus: 'active',
    ...extra,
  };
}

export function people(count: number, start = 1): Employee[] {
  return Array.from({ length: count }, (_, i) => person(start + i));
}

export function employeeRecord(employee: Employee): SourceRecord {
  return { type: 'employee', employee, issues: [] };
}

export interface ListSourceOptions {
  /** Throw this after yielding `throwAfter` records. */
  throwError?: unknown;
  throwAfter?: number;
  /** Await a macrotask between records (so aborts can land mid-read). */
  slow?: boolean;
}

export interface ListSource extends HrSource {
  reads: number;
  signals: (AbortSignal | undefined)[];
}

/** A source that yields the given records. */
export function createListSource(records: SourceRecord[], options: ListSourceOptions = {}): ListSource {
  const source: ListSource = {
    id: 'listhr',
    displayName: 'List HR',
    capabilities: { webhooks: false, getEmployee: false, incremental: false },
    reads: 0,
    signals: [],
    async verify() {
      return { ok: true };
    },
    fetchSnapshot(fetchOptions?: FetchOptions) {
      return collectSnapshot(source, fetchOptions);
    },
    async *employees(fetchOptions?: FetchOptions) {
      source.reads++;
      source.signals.push(fetchOptions?.signal);
      let i = 0;
      for (const record of records) {
        if (options.throwError !== undefined && i === options.throwAfter) throw options.throwError;
        if (options.slow) await new Promise((resolve) => setTimeout(resolve, 1));
        yield record;
        i++;
      }
      if (options.throwError !== undefined && i === options.throwAfter) throw options.throwError;
    },
  };
  return source;
}

export interface MemoryDestination extends HrDestination {
  users: Map<string, CurrentRecord>;
  applyCalls: number;
  loadCalls: number;
  /** Operations to reject: by source id or host id, with an optional code. */
  reject: Map<string, { message: string; code?: SyncIssue['code'] }>;
  throwOnApply?: unknown;
  lastSignal?: AbortSignal | undefined;
}

/** An in-memory host table. */
export function createMemoryDestination(initial: CurrentRecord[] = []): MemoryDestination {
  let next = initial.length + 1;
  const destination: MemoryDestination = {
    id: 'memory',
    displayName: 'Memory DB',
    users: new Map(initial.map((u) => [u.hostId, { ...u }])),
    applyCalls: 0,
    loadCalls: 0,
    reject: new Map(),
    async loadCurrent(options?: CallOptions) {
      destination.loadCalls++;
      options?.signal?.throwIfAborted();
      return [...destination.users.values()].map((u) => ({ ...u }));
    },
    async apply(plan: SyncPlan, options?: ApplyOptions): Promise<ApplyResult> {
      destination.applyCalls++;
      destination.lastSignal = options?.signal;
      if (destination.throwOnApply !== undefined) throw destination.throwOnApply;
      const outcomes: OperationOutcome[] = [];
      const total =
        plan.creates.length +
        plan.updates.length +
        plan.archives.length +
        plan.reactivations.length +
        plan.links.length;
      const done = (outcome: OperationOutcome) => {
        outcomes.push(outcome);
        options?.onOperation?.(outcomes.length, total);
      };
      const rejected = (
        type: OperationOutcome['type'],
        sourceId: string | undefined,
        hostId: string | undefined,
      ) => {
        const r = destination.reject.get(sourceId ?? '') ?? destination.reject.get(hostId ?? '');
        if (!r) return false;
        done({ type, ok: false, sourceId, hostId, message: r.message, ...(r.code ? { code: r.code } : {}) });
        return true;
      };
      for (const link of plan.links) {
        if (rejected('link', link.sourceId, link.hostId)) continue;
        const user = destination.users.get(link.hostId)!;
        user.sourceId = link.sourceId;
        done({ type: 'link', ok: true, sourceId: link.sourceId, hostId: link.hostId });
      }
      for (const create of plan.creates) {
        if (rejected('create', create.employee.id, undefined)) continue;
        const hostId = `h${next++}`;
        const { id, ...fields } = create.employee;
        destination.users.set(hostId, { hostId, sourceId: id, ...fields });
        done({ type: 'create', ok: true, sourceId: id, hostId });
      }
      for (const update of [...plan.updates, ...plan.reactivations]) {
        if (rejected(update.type, update.sourceId, update.hostId)) continue;
        const user = destination.users.get(update.hostId)!;
        for (const change of update.changes) {
          if (change.after === undefined) delete (user as Record<string, unknown>)[change.field];
          else (user as Record<string, unknown>)[change.field] = change.after;
        }
        if (update.type === 'reactivate') user.archived = false;
        done({ type: update.type, ok: true, sourceId: update.sourceId, hostId: update.hostId });
      }
      for (const archive of plan.archives) {
        if (rejected('archive', archive.sourceId, archive.hostId)) continue;
        destination.users.get(archive.hostId)!.archived = true;
        done({ type: 'archive', ok: true, sourceId: archive.sourceId, hostId: archive.hostId });
      }
      return { outcomes };
    },
  };
  return destination;
}

/** Host rows for people already synced (linked and equal). */
export function linked(employees: Employee[]): CurrentRecord[] {
  return employees.map((e, i) => {
    const { id, ...fields } = e;
    return { hostId: `h${i + 1}`, sourceId: id, ...fields };
  });
}
