import type { DatabaseSync } from 'node:sqlite';
import type {
  ApplyOptions,
  CurrentRecord,
  Employee,
  EmployeeField,
  HrDestination,
  OperationOutcome,
  SyncPlan,
} from '@hrsync/core';
import { type ExistingUser, hostId } from './roster.ts';

/**
 * The fields this host keeps in step with TriNet: the attributes the product shows (first and last name, email,
 * manager, department, site and role). Pass them to `runSync({ fields })` so that nothing else is compared.
 */
export const SYNCED_FIELDS = [
  'firstName',
  'lastName',
  'workEmail',
  'title',
  'department',
  'location',
  'managerId',
] as const satisfies readonly EmployeeField[];

/** A row of the host app's `users` table. */
export interface UserRow {
  host_id: string;
  /** The TriNet employee id, once a sync has linked the user; null before. */
  source_id: string | null;
  email: string;
  first_name: string;
  last_name: string;
  title: string | null;
  department_id: string | null;
  department: string | null;
  location_id: string | null;
  location: string | null;
  /** The manager's `host_id`: the host's own ids, as any foreign key in its database. */
  manager_host_id: string | null;
  archived: 0 | 1;
}

/** Creates the host app's `users` table, as an app would have it before it ever heard of hrsync. */
export function createUsersTable(db: DatabaseSync, users: readonly ExistingUser[] = []): void {
  db.exec(`
    CREATE TABLE users (
      host_id         TEXT PRIMARY KEY,
      source_id       TEXT UNIQUE,
      email           TEXT NOT NULL UNIQUE COLLATE NOCASE,
      first_name      TEXT NOT NULL,
      last_name       TEXT NOT NULL,
      title           TEXT,
      department_id   TEXT,
      department      TEXT,
      location_id     TEXT,
      location        TEXT,
      manager_host_id TEXT REFERENCES users (host_id),
      archived        INTEGER NOT NULL DEFAULT 0
    )
  `);
  const insert = db.prepare(
    'INSERT INTO users (host_id, email, first_name, last_name, title) VALUES (?, ?, ?, ?, ?)',
  );
  for (const u of users) insert.run(u.hostId, u.email, u.firstName, u.lastName, u.title);
}

/** Every row of the `users` table, by host id. */
export function listUsers(db: DatabaseSync): UserRow[] {
  return db.prepare('SELECT * FROM users ORDER BY host_id').all() as unknown as UserRow[];
}

/**
 * The host's `users` table as an hrsync destination: what a host app writes once, over its own database.
 *
 * - `loadCurrent()` gives every user as hrsync should see it: `sourceId` once linked, the synced fields, the
 *   manager as the manager's TriNet id (the host stores its own id; the join translates it back).
 * - `apply(plan)` writes links, then updates and reactivations, then creates (managers first, as the plan orders
 *   them), then archives, in one transaction. A row the database refuses (a unique email) becomes an `ok: false`
 *   outcome, and the other operations go on. Manager references are resolved at the end, when every row exists.
 */
export function createUsersDestination(db: DatabaseSync): HrDestination {
  const nextHostId = () => {
    const row = db.prepare('SELECT MAX(host_id) AS last FROM users').get() as { last: string | null };
    return hostId(row.last === null ? 1 : Number(row.last.slice(1)) + 1);
  };
  return {
    id: 'quickstart-app',
    displayName: 'the quickstart app',
    async loadCurrent() {
      const rows = db
        .prepare(
          `SELECT u.*, m.source_id AS manager_source_id
             FROM users u LEFT JOIN users m ON m.host_id = u.manager_host_id
            ORDER BY u.host_id`,
        )
        .all() as unknown as (UserRow & { manager_source_id: string | null })[];
      return rows.map(
        (r): CurrentRecord => ({
          hostId: r.host_id,
          ...(r.source_id ? { sourceId: r.source_id } : {}),
          workEmail: r.email,
          firstName: r.first_name,
          lastName: r.last_name,
          ...(r.title ? { title: r.title } : {}),
          ...(r.department ? { department: unit(r.department_id, r.department) } : {}),
          ...(r.location ? { location: unit(r.location_id, r.location) } : {}),
          ...(r.manager_source_id ? { managerId: r.manager_source_id } : {}),
          archived: r.archived === 1,
        }),
      );
    },
    async apply(plan: SyncPlan, options: ApplyOptions = {}) {
      options.signal?.throwIfAborted();
      const outcomes: OperationOutcome[] = [];
      const total =
        plan.links.length +
        plan.updates.length +
        plan.reactivations.length +
        plan.creates.length +
        plan.archives.length;
      // Who reports to whom, by TriNet id, set once every row of this plan is written.
      const managers = new Map<string, string | null>();
      const attempt = (
        type: OperationOutcome['type'],
        ids: { sourceId?: string | undefined; hostId?: string | undefined },
        write: () => string | undefined,
      ) => {
        try {
          const written = write() ?? ids.hostId;
          outcomes.push({ type, ok: true, ...ids, ...(written ? { hostId: written } : {}) });
        } catch (error) {
          // One refused row never stops the others: runSync() turns the outcome into an issue for the admin.
          outcomes.push({ type, ok: false, ...ids, message: sqliteMessage(error) });
        }
        options.onOperation?.(outcomes.length, total);
      };
      const fields = (e: Employee) => [
        e.workEmail,
        e.firstName,
        e.lastName,
        e.title ?? null,
        e.department?.id ?? null,
        e.department?.name ?? null,
        e.location?.id ?? null,
        e.location?.name ?? null,
      ];

      const link = db.prepare('UPDATE users SET source_id = ? WHERE host_id = ?');
      const update = db.prepare(
        `UPDATE users SET email = ?, first_name = ?, last_name = ?, title = ?, department_id = ?, department = ?,
                          location_id = ?, location = ?, archived = 0
          WHERE host_id = ?`,
      );
      const insert = db.prepare(
        `INSERT INTO users (email, first_name, last_name, title, department_id, department, location_id, location,
                            host_id, source_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const archive = db.prepare('UPDATE users SET archived = 1 WHERE host_id = ?');
      const setManager = db.prepare(
        'UPDATE users SET manager_host_id = (SELECT host_id FROM users WHERE source_id = ?) WHERE source_id = ?',
      );

      db.exec('BEGIN');
      try {
        for (const op of plan.links) {
          attempt('link', { sourceId: op.sourceId, hostId: op.hostId }, () => {
            expectOneRow(link.run(op.sourceId, op.hostId), op.hostId);
            return undefined;
          });
        }
        for (const op of [...plan.updates, ...plan.reactivations]) {
          attempt(op.type, { sourceId: op.sourceId, hostId: op.hostId }, () => {
            expectOneRow(update.run(...fields(op.employee), op.hostId), op.hostId);
            managers.set(op.sourceId, op.employee.managerId ?? null);
            return undefined;
          });
        }
        for (const { employee } of plan.creates) {
          attempt('create', { sourceId: employee.id }, () => {
            const id = nextHostId();
            insert.run(...fields(employee), id, employee.id);
            managers.set(employee.id, employee.managerId ?? null);
            return id;
          });
        }
        for (const op of plan.archives) {
          attempt('archive', { hostId: op.hostId, sourceId: op.sourceId }, () => {
            expectOneRow(archive.run(op.hostId), op.hostId);
            return undefined;
          });
        }
        for (const [sourceId, managerId] of managers) setManager.run(managerId, sourceId);
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
      return { outcomes };
    },
  };
}

function unit(id: string | null, name: string): { id?: string; name: string } {
  return id === null ? { name } : { id, name };
}

function expectOneRow(result: { changes: number | bigint }, id: string): void {
  if (Number(result.changes) !== 1) throw new Error(`no user ${id} in the users table`);
}

function sqliteMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/UNIQUE constraint failed: users\.email/.test(message))
    return 'another user of the app already has this email';
  return message;
}
