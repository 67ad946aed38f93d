/**
 * `@hrsync/core`: the canonical employee model, the catalog of codes, `HrSyncError` and redaction, the plan engine,
 * the sync runner and the adapter contracts. The HTTP toolkit adapters use is the `@hrsync/core/http` subpath.
 *
 * @packageDocumentation
 */

export * from './adapter/index.ts';
export {
  CODE_CATALOG,
  CODES,
  type CodeDefinition,
  type CodeEntity,
  type CodeKind,
  type CodeSeverity,
  type ErrorCode,
  formatFix,
  type HrSyncCode,
  type IssueCode,
  isHrSyncCode,
} from './codes/catalog.ts';
export {
  HrSyncError,
  type HrSyncErrorJSON,
  type HrSyncErrorOptions,
  type SanitizedCauseJSON,
  sanitizeCause,
} from './errors/hr-sync-error.ts';
export {
  createRedactor,
  isSecretKey,
  REDACTED,
  type Redactor,
  redactText,
  redactValue,
} from './errors/redact.ts';
export { createSafeLogger, type Logger, type LogLevel, type SafeLogger } from './log/logger.ts';
export {
  CustomValueSchema,
  EMPLOYEE_FIELDS,
  type Employee,
  type EmployeeField,
  EmployeeSchema,
  type EmploymentStatus,
  EmploymentStatusSchema,
  type EmploymentType,
  EmploymentTypeSchema,
  IsoDateSchema,
  isIsoDate,
  type OrgRef,
  OrgRefSchema,
  type OrgUnit,
  OrgUnitSchema,
} from './model/employee.ts';
export {
  createIssue,
  type IssueEntity,
  IssueEntitySchema,
  type IssueInit,
  type SourceInfo,
  type SyncIssue,
  SyncIssueSchema,
} from './model/issue.ts';
export {
  type DateResult,
  isValidEmail,
  normalizeDate,
  normalizeEmail,
  normalizeName,
  normalizePhone,
  type PhoneRegion,
  type PhoneResult,
} from './model/normalize.ts';
export {
  type CurrentRecord,
  CurrentRecordSchema,
  type SourceSnapshot,
  SourceSnapshotSchema,
} from './model/snapshot.ts';
export {
  type RawEmployee,
  type RawOrgRef,
  type ToEmployeeOptions,
  type ToEmployeeResult,
  toEmployee,
} from './model/to-employee.ts';
export * from './plan/index.ts';
export * from './schedule/index.ts';
export * from './sync/index.ts';
