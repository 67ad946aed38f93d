import type {
  ApplyOptions,
  ApplyResult,
  CallOptions,
  CurrentRecord,
  HrDestination,
  OperationOutcome,
  SyncPlan,
} from '@hrsync/core';

/**
 * A host user to start a destination with: a `CurrentRecord` whose `hostId` may be left to the destination.
 *
 * @example
 * ```ts
 * const users: SeedUser[] = [
 *   { workEmail: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }, // not linked yet: matched by email
 *   { hostId: 'u9', sourceId: 'E00002', workEmail: 'alan@example.com', archived: true },
 * ];
 * createMemoryDestination({ users });
 * ```
 */
export type SeedUser = Omit<CurrentRecord, 'hostId'> & SeedUserId;

/**
 * The optional host id of a {@link SeedUser}.
 *
 * @example
 * ```ts
 * const seed: SeedUserId = { hostId: 'u42' }; // left out, the destination assigns u1, u2, …
 * ```
 */
export interface SeedUserId {
  /** The host's id for the user; default one the destination assigns. */
  hostId?: string | undefined;
}

/**
 * Options of {@link createMemoryDestination}.
 *
 * @example
 * ```ts
 * const options: MemoryDestinationOptions = {
 *   id: 'my-app',
 *   users: [{ workEmail: 'ada@example.com' }],
 *   rejectWorkEmails: ['blocked@example.com'], // these operations come back ok: false
 * };
 * const destination = createMemoryDestination(options);
 * ```
 */
export interface MemoryDestinationOptions {
  /** Default `'memory'`. */
  id?: string | undefined;
  /** Default `'Memory'`. */
  displayName?: string | undefined;
  /** The users it starts with; those without a `hostId` get `u1`, `u2`, ... */
  users?: readonly SeedUser[] | undefined;
  /** Operations on people with these work emails fail (outcome `ok: false`), as a real destination might refuse them. */
  rejectWorkEmails?: readonly string[] | undefined;
}

/**
 * An in-memory `HrDestination`, with a view of what it holds.
 *
 * @example
 * ```ts
 * const destination: MemoryDestination = createMemoryDestination();
 * await runSync({ source, destination });
 * expect(destination.users().filter((u) => !u.archived)).toHaveLength(120);
 * expect(destination.applied).toHaveLength(1);
 * ```
 */
export interface MemoryDestination extends HrDestination {
  /** Copies of the users it holds now, in insertion order. */
  users(): CurrentRecord[];
  /** The plans applied so far. */
  readonly applied: readonly SyncPlan[];
}

/**
 * Creates an in-memory host table that implements `HrDestination`: links, creates (in plan order), updates,
 * reactivations and archives, one outcome per operation, rejected operations reported and the rest applied, the
 * signal checked before every operation. Use it in tests of a source or of a sync pipeline; it also shows the
 * shape of a host's own destination.
 *
 * @example
 * ```ts
 * const destination = createMemoryDestination({ users: [{ workEmail: 'ada@example.com', firstName: 'Ada' }] });
 * const report = await runSync({ source, destination });
 * destination.users(); // the host table after the sync
 * ```
 */
export function createMemoryDestination(options: MemoryDestinationOptions = {}): MemoryDestination {
  const table = new Map<string, CurrentRecord>();
  let nextId = 1;
  const newId = () => {
    while (table.has(`u${nextId}`)) nextId++;
    return `u${nextId++}`;
  };
  for (const seed of options.users ?? []) {
    const hostId = seed.hostId ?? newId();
    table.set(hostId, { ...structuredClone(seed), hostId });
  }
  const rejected = new Set((options.rejectWorkEmails ?? []).map((e) => e.trim().toLowerCase()));
  const applied: SyncPlan[] = [];
  const isRejected = (email: string | undefined) =>
    email !== undefined && rejected.has(email.trim().toLowerCase());

  return {
    id: options.id ?? 'memory',
    displayName: options.displayName ?? 'Memory',
    applied,
    users: () => [...table.values()].map((u) => structuredClone(u)),
    async loadCurrent(call?: CallOptions) {
      call?.signal?.throwIfAborted();
      return [...table.values()].map((u) => structuredClone(u));
    },
    async apply(plan: SyncPlan, call?: ApplyOptions): Promise<ApplyResult> {
      const signal = call?.signal;
      signal?.throwIfAborted();
      applied.push(plan);
      const total =
        plan.links.length +
        plan.creates.length +
        plan.updates.length +
        plan.reactivations.length +
        plan.archives.length;
      const outcomes: OperationOutcome[] = [];
      const record = (outcome: OperationOutcome) => {
        outcomes.push(outcome);
        call?.onOperation?.(outcomes.length, total);
      };
      const refuse = (
        type: OperationOutcome['type'],
        sourceId: string | undefined,
        hostId: string | undefined,
      ) =>
        record({
          type,
          ok: false,
          ...(sourceId !== undefined ? { sourceId } : {}),
          ...(hostId !== undefined ? { hostId } : {}),
          message: 'the destination refused this person',
        });

      for (const link of plan.links) {
        signal?.throwIfAborted();
        const user = table.get(link.hostId);
        if (!user || isRejected(user.workEmail)) refuse('link', link.sourceId, link.hostId);
        else {
          user.sourceId = link.sourceId;
          record({ type: 'link', ok: true, sourceId: link.sourceId, hostId: link.hostId });
        }
      }
      for (const { employee } of plan.creates) {
        signal?.throwIfAborted();
        if (isRejected(employee.workEmail)) {
          refuse('create', employee.id, undefined);
          continue;
        }
        const hostId = newId();
        const { id, ...fields } = structuredClone(employee);
        table.set(hostId, { ...fields, hostId, sourceId: id });
        record({ type: 'create', ok: true, sourceId: id, hostId });
      }
      for (const change of [...plan.updates, ...plan.reactivations]) {
        signal?.throwIfAborted();
        const user = table.get(change.hostId);
        if (!user || isRejected(change.employee.workEmail)) {
          refuse(change.type, change.sourceId, change.hostId);
          continue;
        }
        const fields = user as Record<string, unknown>;
        for (const { field, after } of change.changes) {
          if (after === undefined) delete fields[field];
          else fields[field] = structuredClone(after);
        }
        if (change.type === 'reactivate') user.archived = false;
        record({ type: change.type, ok: true, sourceId: change.sourceId, hostId: change.hostId });
      }
      for (const archive of plan.archives) {
        signal?.throwIfAborted();
        const user = table.get(archive.hostId);
        if (!user || isRejected(user.workEmail)) refuse('archive', archive.sourceId, archive.hostId);
        else {
          user.archived = true;
          record({
            type: 'archive',
            ok: true,
            hostId: archive.hostId,
            ...(archive.sourceId !== undefined ? { sourceId: archive.sourceId } : {}),
          });
        }
      }
      return { outcomes };
    },
  };
}
