import { randomUUID } from 'node:crypto';
import {
  type CurrentRecord,
  type HrDestination,
  type HrSource,
  type OperationOutcome,
  runSync,
  type SyncPlan,
  type SyncReport,
} from '@hrsync/core';

/** A row of the host app's own users table. */
export interface UserRow {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  title: string | null;
  /** The link to the HR system's employee id; empty until the first sync matches the user. */
  hrisId: string | null;
  active: boolean;
}

/** The host's users table as an hrsync destination. A real app does the same over its database. */
export function createUsersDestination(table: Map<string, UserRow>): HrDestination {
  const row = (id: string): UserRow => {
    const found = table.get(id);
    if (!found) throw new Error(`no user ${id}`);
    return found;
  };
  return {
    id: 'my-app',
    async loadCurrent() {
      return [...table.values()].map(
        (r): CurrentRecord => ({
          hostId: r.id,
          ...(r.hrisId ? { sourceId: r.hrisId } : {}),
          workEmail: r.email,
          firstName: r.firstName,
          lastName: r.lastName,
          ...(r.title ? { title: r.title } : {}),
          archived: !r.active,
        }),
      );
    },
    async apply(plan: SyncPlan) {
      const outcomes: OperationOutcome[] = [];
      const attempt = (
        type: OperationOutcome['type'],
        ids: { sourceId?: string; hostId?: string },
        write: () => string | undefined,
      ) => {
        try {
          const hostId = write() ?? ids.hostId;
          outcomes.push({ type, ok: true, ...ids, ...(hostId ? { hostId } : {}) });
        } catch (error) {
          // One refused row never stops the others: report it, and runSync() turns it into an issue.
          outcomes.push({
            type,
            ok: false,
            ...ids,
            message: error instanceof Error ? error.message : String(error),
          });
        }
      };
      for (const link of plan.links) {
        attempt('link', { sourceId: link.sourceId, hostId: link.hostId }, () => {
          row(link.hostId).hrisId = link.sourceId;
          return undefined;
        });
      }
      for (const { employee } of plan.creates) {
        attempt('create', { sourceId: employee.id }, () => {
          if ([...table.values()].some((r) => r.email === employee.workEmail))
            throw new Error('email already in use');
          const id = randomUUID();
          table.set(id, {
            id,
            email: employee.workEmail,
            firstName: employee.firstName,
            lastName: employee.lastName,
            title: employee.title ?? null,
            hrisId: employee.id,
            active: true,
          });
          return id;
        });
      }
      for (const change of [...plan.updates, ...plan.reactivations]) {
        attempt(change.type, { sourceId: change.sourceId, hostId: change.hostId }, () => {
          const target = row(change.hostId);
          const e = change.employee;
          Object.assign(target, { email: e.workEmail, firstName: e.firstName, lastName: e.lastName });
          target.title = e.title ?? null;
          if (change.type === 'reactivate') target.active = true;
          return undefined;
        });
      }
      for (const archive of plan.archives) {
        attempt(
          'archive',
          { hostId: archive.hostId, ...(archive.sourceId ? { sourceId: archive.sourceId } : {}) },
          () => {
            row(archive.hostId).active = false;
            return undefined;
          },
        );
      }
      return { outcomes };
    },
  };
}

/** The host's "Sync now" button: a dry run to show an admin, then the real sync if the plan is not blocked. */
export async function syncPeople(
  source: HrSource,
  table: Map<string, UserRow>,
): Promise<{ preview: SyncReport; report?: SyncReport }> {
  const destination = createUsersDestination(table);
  const fields = ['firstName', 'lastName', 'workEmail', 'title'] as const;
  const preview = await runSync({ source, destination, fields, dryRun: true });
  // Show preview.plan (creates, updates, archives, links) and preview.issues (code, fix) to the admin here.
  if (preview.plan.blocked) return { preview };
  const report = await runSync({ source, destination, fields });
  return { preview, report };
}
