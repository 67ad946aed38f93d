import { randomUUID } from 'node:crypto';
import type {
  ApplyOptions,
  ApplyResult,
  CurrentRecord,
  Employee,
  HrDestination,
  OperationOutcome,
  SyncPlan,
} from '@hrsync/core';
import type { Redis } from 'ioredis';

/** The Redis key of a company's users table (a hash: host id → the user as JSON). */
export const hostUsersKey = (companyId: string) => `host:company:${companyId}:users`;

function toRecord(hostId: string, employee: Employee, archived: boolean | undefined): CurrentRecord {
  const { id, ...fields } = employee;
  // The link lives here, on the host's own user: `sourceId` is all hrsync needs to match them next time.
  return { ...fields, hostId, sourceId: id, ...(archived ? { archived } : {}) };
}

/**
 * The host's own users table, one per company, kept in Redis so that any worker can sync any company: this is what
 * "hrsync is stateless between runs" means. Each user carries `sourceId`, the link to the HR system's person, and
 * the next sync reads it back through `loadCurrent()`. A real host writes its SQL table here instead.
 */
export function createRedisHostDestination(redis: Redis, companyId: string): HrDestination {
  const key = hostUsersKey(companyId);
  return {
    id: 'host-db',
    displayName: 'the host database',
    async loadCurrent() {
      const rows = await redis.hvals(key);
      return rows.map((row) => JSON.parse(row) as CurrentRecord);
    },
    async apply(plan: SyncPlan, options?: ApplyOptions): Promise<ApplyResult> {
      options?.signal?.throwIfAborted();
      const touched = [
        ...plan.links.map((l) => l.hostId),
        ...plan.updates.map((u) => u.hostId),
        ...plan.reactivations.map((r) => r.hostId),
        ...plan.archives.map((a) => a.hostId),
      ];
      const existing = new Map<string, CurrentRecord>();
      if (touched.length > 0) {
        const rows = await redis.hmget(key, ...touched);
        rows.forEach((row, i) => {
          if (row !== null) existing.set(touched[i] as string, JSON.parse(row) as CurrentRecord);
        });
      }
      const writes = new Map<string, CurrentRecord>();
      const outcomes: OperationOutcome[] = [];
      const total =
        plan.links.length +
        plan.creates.length +
        plan.updates.length +
        plan.reactivations.length +
        plan.archives.length;
      const done = (outcome: OperationOutcome) => {
        outcomes.push(outcome);
        options?.onOperation?.(outcomes.length, total);
      };
      const current = (hostId: string) => writes.get(hostId) ?? existing.get(hostId);

      for (const link of plan.links) {
        const user = current(link.hostId);
        if (!user) {
          done({ type: 'link', ok: false, hostId: link.hostId, message: 'no such user' });
          continue;
        }
        writes.set(link.hostId, { ...user, sourceId: link.sourceId });
        done({ type: 'link', ok: true, hostId: link.hostId, sourceId: link.sourceId });
      }
      for (const { employee } of plan.creates) {
        const hostId = `u_${randomUUID()}`;
        writes.set(hostId, toRecord(hostId, employee, undefined));
        done({ type: 'create', ok: true, hostId, sourceId: employee.id });
      }
      for (const change of [...plan.updates, ...plan.reactivations]) {
        const user = current(change.hostId);
        const archived = change.type === 'reactivate' ? false : user?.archived;
        writes.set(change.hostId, toRecord(change.hostId, change.employee, archived));
        done({ type: change.type, ok: true, hostId: change.hostId, sourceId: change.sourceId });
      }
      for (const archive of plan.archives) {
        const user = current(archive.hostId);
        if (!user) {
          done({ type: 'archive', ok: false, hostId: archive.hostId, message: 'no such user' });
          continue;
        }
        writes.set(archive.hostId, { ...user, archived: true });
        done({ type: 'archive', ok: true, hostId: archive.hostId, sourceId: archive.sourceId });
      }

      // One write per 500 users: a large company's first sync does not block Redis for the other workers.
      const entries = [...writes].map(([hostId, user]) => [hostId, JSON.stringify(user)] as const);
      for (let i = 0; i < entries.length; i += 500) {
        options?.signal?.throwIfAborted();
        await redis.hset(key, Object.fromEntries(entries.slice(i, i + 500)));
      }
      return { outcomes };
    },
  };
}
