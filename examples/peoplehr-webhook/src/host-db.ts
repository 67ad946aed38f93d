import type { ApplyResult, CurrentRecord, HrDestination, OperationOutcome, SyncPlan } from '@hrsync/core';

/** One user of the host app, as this example keeps them (in memory). */
export type HostUser = CurrentRecord;

/**
 * The host app's own users: a tiny in-memory database that applies hrsync plans. A real app writes the same five
 * kinds of operation to its own tables.
 */
export interface HostDb extends HrDestination {
  users(): readonly HostUser[];
}

export function createHostDb(initial: readonly HostUser[] = []): HostDb {
  const users = new Map<string, HostUser>(initial.map((u) => [u.hostId, { ...u }]));
  let next = users.size + 1;
  const bySource = (sourceId: string) => [...users.values()].find((u) => u.sourceId === sourceId);

  return {
    id: 'example-host',
    displayName: 'Example app',
    users: () => [...users.values()],
    async loadCurrent() {
      return [...users.values()].map((u) => ({ ...u }));
    },
    async apply(plan: SyncPlan): Promise<ApplyResult> {
      const outcomes: OperationOutcome[] = [];
      for (const link of plan.links) {
        const user = users.get(link.hostId);
        if (user) user.sourceId = link.sourceId;
        outcomes.push({ type: 'link', ok: true, hostId: link.hostId, sourceId: link.sourceId });
      }
      for (const { employee } of plan.creates) {
        const hostId = `u${next++}`;
        const { id, ...fields } = employee;
        users.set(hostId, { ...fields, hostId, sourceId: id });
        outcomes.push({ type: 'create', ok: true, hostId, sourceId: id });
      }
      for (const op of [...plan.updates, ...plan.reactivations]) {
        const user = users.get(op.hostId);
        if (user) {
          for (const change of op.changes) {
            if (change.after === undefined) delete (user as Record<string, unknown>)[change.field];
            else (user as Record<string, unknown>)[change.field] = change.after;
          }
          if (op.type === 'reactivate') user.archived = false;
        }
        outcomes.push({ type: op.type, ok: true, hostId: op.hostId, sourceId: op.sourceId });
      }
      for (const archive of plan.archives) {
        const user = users.get(archive.hostId) ?? (archive.sourceId ? bySource(archive.sourceId) : undefined);
        if (user) user.archived = true;
        outcomes.push({ type: 'archive', ok: true, hostId: archive.hostId, sourceId: archive.sourceId });
      }
      return { outcomes };
    },
  };
}
