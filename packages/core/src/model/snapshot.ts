import { z } from 'zod';
import { EmployeeSchema, OrgUnitSchema } from './employee.ts';
import { SyncIssueSchema } from './issue.ts';

/**
 * What a source returns for a full read. `complete` is true only when every page was read: the plan engine never
 * infers leavers from an incomplete snapshot.
 *
 * @example
 * ```ts
 * const snapshot: SourceSnapshot = {
 *   source: 'trinet',
 *   fetchedAt: new Date().toISOString(),
 *   complete: true,
 *   employees: [],
 *   issues: [],
 * };
 * ```
 */
export const SourceSnapshotSchema = z.object({
  /** The source id (`'trinet'`). */
  source: z.string().min(1),
  /** When the read finished, ISO 8601. */
  fetchedAt: z.string(),
  /** True only when every page of the roster was read. */
  complete: z.boolean(),
  /** Every valid employee, each id once. */
  employees: z.array(EmployeeSchema),
  departments: z.array(OrgUnitSchema).optional(),
  locations: z.array(OrgUnitSchema).optional(),
  /** Records that could not become employees, and fields dropped. */
  issues: z.array(SyncIssueSchema),
});

/**
 * What a source returns for a full read.
 *
 * @example
 * ```ts
 * const snapshot: SourceSnapshot = await source.fetchSnapshot();
 * if (!snapshot.complete) console.warn('partial read: nobody will be archived');
 * ```
 */
export type SourceSnapshot = z.infer<typeof SourceSnapshotSchema>;

/**
 * The host's view of one of its users: its own id, the link to the source (`sourceId`, empty before the first
 * sync), whether it is archived, and whatever employee fields the host keeps.
 *
 * @example
 * ```ts
 * const current: CurrentRecord = { hostId: 'u_17', workEmail: 'ada@example.com', firstName: 'Ada' };
 * ```
 */
export const CurrentRecordSchema = EmployeeSchema.omit({ id: true })
  .partial()
  .extend({
    /** The host's own id for the user. */
    hostId: z.string().min(1),
    /** The link to `Employee.id`; empty before the first sync. */
    sourceId: z.string().min(1).optional(),
    /** True when the host has archived (deactivated) the user. */
    archived: z.boolean().optional(),
  });

/**
 * The host's view of one of its users.
 *
 * @example
 * ```ts
 * const current: CurrentRecord[] = users.map((u) => ({
 *   hostId: u.id,
 *   ...(u.hrisId ? { sourceId: u.hrisId } : {}),
 *   workEmail: u.email,
 *   archived: !u.active,
 * }));
 * ```
 */
export type CurrentRecord = z.infer<typeof CurrentRecordSchema>;
