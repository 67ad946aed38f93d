import { z } from 'zod';
import { CODE_CATALOG, formatFix, type IssueCode, isHrSyncCode } from '../codes/catalog.ts';

/**
 * What an issue is about.
 *
 * @example
 * ```ts
 * IssueEntitySchema.options; // ['employee', 'department', 'location', 'manager', 'host', 'sync']
 * ```
 */
export const IssueEntitySchema = z.enum(['employee', 'department', 'location', 'manager', 'host', 'sync']);
/**
 * What an issue is about.
 *
 * @example
 * ```ts
 * const managerIssues = report.issues.filter((i) => i.entity === ('manager' satisfies IssueEntity));
 * ```
 */
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

/**
 * A record that could not be synced, or synced with a field dropped.
 *
 * @example
 * ```ts
 * for (const issue of report.issues satisfies SyncIssue[]) {
 *   // 'EMPLOYEE_DUPLICATE_EMAIL 00001234 In TriNet, ensure none of your employees share the exact same work email address.'
 *   console.log(issue.code, issue.recordId, issue.fix);
 * }
 * ```
 */
export type SyncIssue = z.infer<typeof SyncIssueSchema>;

/**
 * The source an issue names: its id and the display name used in fix texts.
 *
 * @example
 * ```ts
 * const ACME: SourceInfo = { id: 'acme', displayName: 'Acme People' };
 * createIssue('EMPLOYEE_INVALID_EMAIL', ACME, { recordId: '42', message: '"ada@" is not an email address.' });
 * ```
 */
export interface SourceInfo {
  /** `'trinet'` */
  readonly id: string;
  /** `'TriNet'` */
  readonly displayName: string;
}

/**
 * What {@link createIssue} needs besides the code and the source.
 *
 * @example
 * ```ts
 * const init: IssueInit = { recordId: '42', field: 'workPhone', message: 'The work phone "123" is not a number.' };
 * createIssue('EMPLOYEE_INVALID_PHONE', source, init); // severity 'warning', from the catalog
 * ```
 */
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
