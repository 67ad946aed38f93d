/**
 * The one catalog of codes. Every issue and every error hrsync reports carries one of these codes; the docs table
 * (`docs/codes.md`) is generated from this file, never written by hand.
 *
 * @module
 */

/**
 * `issue`: a problem with one record (it is skipped or synced with a field dropped). `error`: the whole call failed.
 *
 * @example
 * ```ts
 * const kind: CodeKind = CODE_CATALOG.RATE_LIMITED.kind; // 'error'
 * ```
 */
export type CodeKind = 'issue' | 'error';

/**
 * `error` means the record was skipped (or the call failed); `warning` means it synced with a field dropped.
 *
 * @example
 * ```ts
 * const severity: CodeSeverity = CODE_CATALOG.EMPLOYEE_INVALID_PHONE.severity; // 'warning'
 * ```
 */
export type CodeSeverity = 'error' | 'warning';

/**
 * What a code is about.
 *
 * @example
 * ```ts
 * const entity: CodeEntity = CODE_CATALOG.MANAGER_CYCLE.entity; // 'manager'
 * ```
 */
export type CodeEntity =
  | 'employee'
  | 'department'
  | 'location'
  | 'manager'
  | 'host'
  | 'sync'
  | 'auth'
  | 'http'
  | 'config'
  | 'webhook'
  | 'unknown';

/**
 * One entry of the catalog.
 *
 * @example
 * ```ts
 * const definition: CodeDefinition = CODE_CATALOG.EMPLOYEE_DUPLICATE_EMAIL;
 * console.log(definition.description, formatFix('EMPLOYEE_DUPLICATE_EMAIL', 'TriNet'));
 * ```
 */
export interface CodeDefinition {
  /** Whether the code describes one record (`issue`) or a failed call (`error`). */
  readonly kind: CodeKind;
  /** Default severity. */
  readonly severity: CodeSeverity;
  /** What the code is about. */
  readonly entity: CodeEntity;
  /** One line: what happened. */
  readonly description: string;
  /** What an admin should do, with `{source}` standing for the vendor's display name (for example "TriNet"). */
  readonly fix: string;
  /** For errors: whether trying the same call again later may succeed. */
  readonly retryable?: boolean;
}

/**
 * Every code hrsync can report, with its kind, severity, description and fix template.
 *
 * @example
 * ```ts
 * import { CODE_CATALOG } from '@hrsync/core';
 * CODE_CATALOG.EMPLOYEE_DUPLICATE_EMAIL.severity; // 'error'
 * ```
 */
export const CODE_CATALOG = {
  LOCATION_MISSING_NAME: {
    kind: 'issue',
    severity: 'warning',
    entity: 'location',
    description: 'A location has no name, so people in it sync without a location.',
    fix: 'In {source}, ensure every location has a name.',
  },
  LOCATION_DUPLICATE_NAME: {
    kind: 'issue',
    severity: 'warning',
    entity: 'location',
    description: 'Two or more locations share the exact same name, so they cannot be told apart.',
    fix: 'In {source}, ensure none of your locations share the exact same name.',
  },
  DEPARTMENT_MISSING_NAME: {
    kind: 'issue',
    severity: 'warning',
    entity: 'department',
    description: 'A department has no name, so people in it sync without a department.',
    fix: 'In {source}, ensure every department has a name.',
  },
  DEPARTMENT_DUPLICATE_NAME: {
    kind: 'issue',
    severity: 'warning',
    entity: 'department',
    description: 'Two or more departments share the exact same name, so they cannot be told apart.',
    fix: 'In {source}, ensure none of your departments share the exact same name.',
  },
  EMPLOYEE_INVALID_EMAIL: {
    kind: 'issue',
    severity: 'error',
    entity: 'employee',
    description: 'The work email address is not a valid email address; the person is skipped.',
    fix: 'In {source}, ensure the employee has a valid work email address.',
  },
  EMPLOYEE_INVALID_NAME: {
    kind: 'issue',
    severity: 'error',
    entity: 'employee',
    description: 'The first or last name is missing or unusable; the person is skipped.',
    fix: 'In {source}, ensure the employee has both a first name and a last name.',
  },
  EMPLOYEE_MISSING_REQUIRED_FIELD: {
    kind: 'issue',
    severity: 'error',
    entity: 'employee',
    description:
      'A required field (id, first name, last name or work email) is empty; the person is skipped.',
    fix: 'In {source}, fill in the employee’s first name, last name and work email address.',
  },
  EMPLOYEE_DUPLICATE_EMAIL: {
    kind: 'issue',
    severity: 'error',
    entity: 'employee',
    description:
      'Two people share a work email address, or the address already belongs to another user; the people involved are skipped.',
    fix: 'In {source}, ensure none of your employees share the exact same work email address.',
  },
  EMPLOYEE_DUPLICATE_ID: {
    kind: 'issue',
    severity: 'error',
    entity: 'employee',
    description: 'Two records carry the same employee id; both are skipped rather than one picked at random.',
    fix: 'In {source}, ensure every employee has a unique employee id, then sync again.',
  },
  EMPLOYEE_INVALID_PHONE: {
    kind: 'issue',
    severity: 'warning',
    entity: 'employee',
    description:
      'The phone number is not a valid phone number; it is left out and the rest of the person syncs.',
    fix: 'In {source}, correct the employee’s phone number (include the country code) or leave it blank.',
  },
  EMPLOYEE_DUPLICATE_PHONE: {
    kind: 'issue',
    severity: 'warning',
    entity: 'employee',
    description: 'The phone number is already registered to another user; it is left out.',
    fix: 'In {source}, ensure no two employees share the same phone number.',
  },
  EMPLOYEE_EMAIL_IN_OTHER_COMPANY: {
    kind: 'issue',
    severity: 'error',
    entity: 'employee',
    description:
      'The email address already belongs to a user of another company in the destination; the person is skipped.',
    fix: 'In {source}, give the employee a work email address that is not used by another company, or ask the destination’s support to release it.',
  },
  EMPLOYEE_INVALID_DATE: {
    kind: 'issue',
    severity: 'warning',
    entity: 'employee',
    description: 'A date (start or end date) is not a real calendar date; it is left out.',
    fix: 'In {source}, correct the employee’s start and leaving dates.',
  },
  EMPLOYEE_UNKNOWN_STATUS: {
    kind: 'issue',
    severity: 'error',
    entity: 'employee',
    description:
      'The employment status is not one hrsync knows; the person is skipped rather than guessed active or gone.',
    fix: 'In {source}, check the employee’s employment status; if it is correct, report the value to the hrsync maintainers.',
  },
  MANAGER_NOT_FOUND: {
    kind: 'issue',
    severity: 'warning',
    entity: 'manager',
    description: 'The manager is not among the people synced; the person syncs without a manager.',
    fix: 'In {source}, ensure the employee’s manager is an active employee with a valid profile.',
  },
  MANAGER_CYCLE: {
    kind: 'issue',
    severity: 'warning',
    entity: 'manager',
    description:
      'Managers form a loop (A reports to B who reports to A); the people in the loop sync without a manager.',
    fix: 'In {source}, correct the reporting lines so that no one ends up reporting to themselves through others.',
  },
  MANAGER_SELF: {
    kind: 'issue',
    severity: 'warning',
    entity: 'manager',
    description: 'The person is listed as their own manager; they sync without a manager.',
    fix: 'In {source}, set the employee’s manager to someone other than themselves.',
  },
  HOST_DUPLICATE_LINK: {
    kind: 'issue',
    severity: 'error',
    entity: 'host',
    description:
      'Two host users claim the same person (same source id or same email); the person is skipped until one is unlinked.',
    fix: 'In your app, ensure only one user is linked to this {source} employee.',
  },
  APPLY_FAILED: {
    kind: 'issue',
    severity: 'error',
    entity: 'host',
    description: 'The destination rejected one operation of the plan; the others were applied.',
    fix: 'Check the message, correct the record in {source} or in the destination, and sync again.',
  },
  UNKNOWN: {
    kind: 'issue',
    severity: 'error',
    entity: 'unknown',
    description: 'Something else went wrong with this record; the message keeps the vendor’s own words.',
    fix: 'Check the message and the record in {source}; if it persists, contact support with the message.',
  },
  AUTH_INVALID_CREDENTIALS: {
    kind: 'error',
    severity: 'error',
    entity: 'auth',
    retryable: false,
    description: 'The credentials were rejected.',
    fix: 'Generate new credentials in {source} and enter them again.',
  },
  AUTH_PERMISSION_DENIED: {
    kind: 'error',
    severity: 'error',
    entity: 'auth',
    retryable: false,
    description: 'The credentials work but lack a permission the sync needs.',
    fix: 'In {source}, grant the integration the permissions listed in the message, then verify again.',
  },
  RATE_LIMITED: {
    kind: 'error',
    severity: 'error',
    entity: 'http',
    retryable: true,
    description: 'The vendor refused the call because too many calls were made; it can be retried later.',
    fix: 'Wait a few minutes and sync again; if it keeps happening, sync less often or ask {source} for a higher limit.',
  },
  UPSTREAM_UNAVAILABLE: {
    kind: 'error',
    severity: 'error',
    entity: 'http',
    retryable: true,
    description: 'The vendor answered with a server error.',
    fix: '{source} is having trouble; sync again later.',
  },
  TIMEOUT: {
    kind: 'error',
    severity: 'error',
    entity: 'http',
    retryable: true,
    description: 'The vendor did not answer in time.',
    fix: '{source} is slow to answer; sync again later.',
  },
  NETWORK: {
    kind: 'error',
    severity: 'error',
    entity: 'http',
    retryable: true,
    description: 'The connection to the vendor failed.',
    fix: 'Check the network connection to {source} and sync again.',
  },
  INVALID_RESPONSE: {
    kind: 'error',
    severity: 'error',
    entity: 'http',
    retryable: true,
    description: 'The vendor answered with something that is not what its API documents.',
    fix: '{source} answered unexpectedly; sync again later, and if it persists report the message to the hrsync maintainers.',
  },
  CONFIG_INVALID: {
    kind: 'error',
    severity: 'error',
    entity: 'config',
    retryable: false,
    description:
      'The options given are incomplete or wrong (for example an empty key, or an unknown company).',
    fix: 'Check the {source} settings entered for this integration.',
  },
  SYNC_INCOMPLETE_SOURCE: {
    kind: 'error',
    severity: 'error',
    entity: 'sync',
    retryable: true,
    description: 'The roster was not read completely, so nobody may be archived from it.',
    fix: 'Sync again; the people missing from the partial read are kept until a complete read from {source}.',
  },
  SYNC_ARCHIVE_THRESHOLD_EXCEEDED: {
    kind: 'error',
    severity: 'error',
    entity: 'sync',
    retryable: false,
    description: 'The plan would archive more people than the safety threshold allows.',
    fix: 'Check in {source} that these people really left; if so, apply the plan with mass archiving allowed.',
  },
  WEBHOOK_UNAUTHORIZED: {
    kind: 'error',
    severity: 'error',
    entity: 'webhook',
    retryable: false,
    description: 'A webhook call did not carry the right secret.',
    fix: 'Copy the webhook URL from your app into {source} again.',
  },
  WEBHOOK_INVALID_PAYLOAD: {
    kind: 'error',
    severity: 'error',
    entity: 'webhook',
    retryable: false,
    description: 'A webhook call carried a body that could not be read.',
    fix: 'Check the webhook settings in {source}; the event was ignored.',
  },
} as const satisfies Record<string, CodeDefinition>;

/**
 * Every code in the catalog.
 *
 * @example
 * ```ts
 * const helpPages: Partial<Record<HrSyncCode, string>> = { EMPLOYEE_DUPLICATE_EMAIL: '/help/duplicate-emails' };
 * ```
 */
export type HrSyncCode = keyof typeof CODE_CATALOG;

/**
 * Codes for per-record problems, carried by {@link SyncIssue}.
 *
 * @example
 * ```ts
 * const skipped: IssueCode[] = report.issues.filter((i) => i.severity === 'error').map((i) => i.code);
 * ```
 */
export type IssueCode = {
  [C in HrSyncCode]: (typeof CODE_CATALOG)[C]['kind'] extends 'issue' ? C : never;
}[HrSyncCode];

/**
 * Codes for failed calls, carried by {@link HrSyncError}.
 *
 * @example
 * ```ts
 * const askTheAdmin: ErrorCode[] = ['AUTH_INVALID_CREDENTIALS', 'AUTH_PERMISSION_DENIED', 'CONFIG_INVALID'];
 * if (HrSyncError.is(error) && askTheAdmin.includes(error.code)) notifyAdmins(error.message);
 * ```
 */
export type ErrorCode = {
  [C in HrSyncCode]: (typeof CODE_CATALOG)[C]['kind'] extends 'error' ? C : never;
}[HrSyncCode];

/**
 * All codes, in catalog order.
 *
 * @example
 * ```ts
 * for (const code of CODES) console.log(code, CODE_CATALOG[code].kind);
 * ```
 */
export const CODES = Object.keys(CODE_CATALOG) as HrSyncCode[];

/**
 * Tells whether a string is a code of the catalog.
 *
 * @example
 * ```ts
 * isHrSyncCode('MANAGER_CYCLE'); // true
 * ```
 */
export function isHrSyncCode(value: unknown): value is HrSyncCode {
  return typeof value === 'string' && Object.hasOwn(CODE_CATALOG, value);
}

/**
 * The fix text of a code for a given source, in the source's own name.
 *
 * @example
 * ```ts
 * formatFix('EMPLOYEE_DUPLICATE_EMAIL', 'TriNet');
 * // 'In TriNet, ensure none of your employees share the exact same work email address.'
 * ```
 */
export function formatFix(code: HrSyncCode, sourceName: string): string {
  return CODE_CATALOG[code].fix.replaceAll('{source}', sourceName);
}
