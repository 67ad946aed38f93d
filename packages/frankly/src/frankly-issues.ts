import { createIssue, type IssueCode, type IssueInit, type SourceInfo, type SyncIssue } from '@hrsync/core';

/**
 * Fix texts for what &frankly refuses, in &frankly's own terms. Each names the SOURCE (`{source}`, such as TriNet):
 * the data is corrected there, since the next export would overwrite an edit made in &frankly.
 */
const FRANKLY_FIXES: Partial<Record<IssueCode, string>> = {
  EMPLOYEE_INVALID_PHONE:
    'In {source}, correct the employee’s work phone number, with its country code (such as +46 70 123 45 67), or leave it blank: &frankly only accepts a correctly formatted phone number.',
  EMPLOYEE_DUPLICATE_PHONE:
    'In {source}, ensure no two employees share the same work phone number: &frankly registers a phone number to one user only, users added by hand in &frankly included.',
  EMPLOYEE_DUPLICATE_EMAIL:
    'In {source}, ensure none of your employees share the exact same work email address: &frankly identifies users by email.',
  EMPLOYEE_EMAIL_IN_OTHER_COMPANY:
    'In {source}, give the employee a work email address that no other &frankly company uses, or ask &frankly support to release the address.',
};

/**
 * Builds a {@link SyncIssue} about a person sent to &frankly: the catalog's severity, a &frankly fix text naming the
 * source where the data must be fixed, and `source` set to the source's id (the record id is the source's).
 *
 * @internal
 */
export function createFranklyIssue(code: IssueCode, source: SourceInfo, init: IssueInit): SyncIssue {
  const issue = createIssue(code, source, { entity: 'employee', ...init });
  const fix = FRANKLY_FIXES[code];
  if (fix !== undefined) issue.fix = fix.replaceAll('{source}', source.displayName);
  return issue;
}
