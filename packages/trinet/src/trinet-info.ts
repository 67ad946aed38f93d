import type { SourceInfo } from '@hrsync/core';

/**
 * The TriNet source as issues and errors name it: id `'trinet'`, display name `'TriNet'` (used in fix texts, such as
 * "In TriNet, ensure every location has a name.").
 *
 * @example
 * ```ts
 * createIssue('LOCATION_MISSING_NAME', TRINET_SOURCE, { message: 'Location SF1 has no name.' });
 * ```
 */
export const TRINET_SOURCE: SourceInfo = Object.freeze({ id: 'trinet', displayName: 'TriNet' });

/**
 * TriNet's API origin; every path (`/oauth/accesstoken`, `/v1/...`) hangs under it.
 *
 * @example
 * ```ts
 * new URL('/v1/manage-company/ABC/org-details', TRINET_DEFAULT_BASE_URL);
 * ```
 */
export const TRINET_DEFAULT_BASE_URL = 'https://api.trinet.com';

/**
 * Records per page of the employees list: fixed by TriNet ([I]: no `limit` parameter has been seen).
 *
 * @example
 * ```ts
 * const nextOffset = offset + TRINET_PAGE_SIZE; // 1, 101, 201, …
 * ```
 */
export const TRINET_PAGE_SIZE = 100;
