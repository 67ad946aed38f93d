import { z } from 'zod';
import { CODE_CATALOG, formatFix, type IssueCode, isHrSyncCode } from '../codes/catalog.ts';

/** What an issue is about. */
export const IssueEntitySchema = z.enum(['employee', 'department', 'location', 'manager', 'host', 'sync']);
/** What an issue is about. */
export type IssueEntity = z.infer<typeof IssueEntitySchema>;

/**
 * A record that could not be synced (`severity: 'error'`: skipped) or synced with a field dropped (`'warning'`),
 * with a code from the catalog and a fix in the source's own words.
 *
 * @example
 * ```ts
 * const issue: SyncIssue = {
 *   code: 'EMPLOYEE_DUPLICATE_EMAIL',
 *   severity: 'error',
 *   source: 'trinet',
 *   entity: 'employee',
 *   recordId: '00001234',
 *   field: 'workEmail',
 *   message: 'ada@example.com is also the work email of 00001235',
 *   fix: 'In TriNet, ensure none of your employees share the exact same work email address.',
 * };
 * ```
 */
export const SyncIssueSchema = z.object({
  code: z.string().refine(isHrSyncCode, { message: 'unknown code' }) as unknown as z.ZodType<IssueCode>,
  severity: z.enum(['error', 'warning']),
  /** The source id (`'trinet'`). */
  source: z.string(),
  entity: IssueEntitySchema,
  /** The id of the record in the source (or the host id for host-side issues). */
  recordId: z.string().optional(),
  field: z.string().optional(),
  message: z.string(),
  fix: z.string(),
});

/** A record that could not be synced, or synced with a field dropped. */
export type SyncIssue = z.infer<typeof SyncIssueSchema>;

/** The source an issue names: its id and the display name used in fix texts. */
export interface SourceInfo {
  /** `'trinet'` */
  readonly id: string;
  /** `'TriNet'` */
  readonly displayName: string;
}

/** What {@link createIssue} needs besides the code and the source. */
export interface IssueInit {
  message: string;
  entity?: IssueEntity | undefined;
  recordId?: string | undefined;
  field?: string | undefined;
  severity?: 'error' | 'warning' | undefined;
}

/**
 * Builds a {@link SyncIssue} with the catalog's severity and fix text for the given source.
 *
 * @example
 * ```ts
 * createIssue('MANAGER_SELF', { id: 'trinet', displayName: 'TriNet' }, {
 *   recordId: '42',
 *   field: 'managerId',
 *   message: '42 is listed as their own manager',
 * });
 * ```
 */
export function createIssue(code: IssueCode, source: SourceInfo, init: IssueInit): SyncIssue {
  const def = CODE_CATALOG[code];
  const entity = init.entity ?? defaultEntity(def.entity);
  const issue: SyncIssue = {
    code,
    severity: init.severity ?? def.severity,
    source: source.id,
    entity,
    message: init.message,
    fix: formatFix(code, source.displayName),
  };
  if (init.recordId !== undefined) issue.recordId = init.recordId;
  if (init.field !== undefined) issue.field = init.field;
  return issue;
}

function defaultEntity(entity: string): IssueEntity {
  return (IssueEntitySchema.options as readonly string[]).includes(entity)
    ? (entity as IssueEntity)
    : 'employee';
}
