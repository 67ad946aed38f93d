import type { SourceInfo } from '@hrsync/core';

/**
 * The TriNet Zenefits source as issues and errors name it: id `'zenefits'`, display name `'TriNet Zenefits'` (used
 * in fix texts, such as "In TriNet Zenefits, ensure every location has a name.").
 *
 * @example
 * ```ts
 * createIssue('LOCATION_MISSING_NAME', ZENEFITS_SOURCE, { message: 'Location 367177 has no name.' });
 * ```
 */
export const ZENEFITS_SOURCE: SourceInfo = Object.freeze({ id: 'zenefits', displayName: 'TriNet Zenefits' });

/**
 * The Zenefits core API origin; every path (`/core/me`, `/core/people`, ...) hangs under it.
 *
 * @example
 * ```ts
 * new URL('/core/me', ZENEFITS_DEFAULT_BASE_URL).href; // 'https://api.zenefits.com/core/me'
 * ```
 */
export const ZENEFITS_DEFAULT_BASE_URL = 'https://api.zenefits.com';

/**
 * Records per page asked for: Zenefits' maximum `limit` (its default is 20).
 *
 * @example
 * ```ts
 * `/core/people?limit=${ZENEFITS_PAGE_SIZE}`; // '/core/people?limit=100'
 * ```
 */
export const ZENEFITS_PAGE_SIZE = 100;

/**
 * The scopes (token permissions) the sync cannot work without, as `/core/me` lists them. Names follow the scope
 * strings integrators document (`people`, `people.work_email`, ...), which is secondary evidence ([S]).
 *
 * @example
 * ```ts
 * const missing = ZENEFITS_REQUIRED_SCOPES.filter((scope) => !me.scopes.includes(scope));
 * ```
 */
export const ZENEFITS_REQUIRED_SCOPES = Object.freeze([
  'people',
  'departments',
  'locations',
  'employments',
  'people.work_email',
  'people.manager',
] as const);

/**
 * Scopes the sync reads better with: without them a person's department, location or status is not sent, so the
 * sync runs but drops those fields (a missing status skips the person). `verify()` logs a warning when one is
 * missing instead of failing, because the exact scope strings are not confirmed.
 *
 * @example
 * ```ts
 * ZENEFITS_RECOMMENDED_SCOPES.includes('people.status'); // true
 * ```
 */
export const ZENEFITS_RECOMMENDED_SCOPES = Object.freeze([
  'people.department',
  'people.location',
  'people.status',
] as const);
