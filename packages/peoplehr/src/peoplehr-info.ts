import type { SourceInfo } from '@hrsync/core';

/**
 * The People HR source as issues and errors name it: id `'peoplehr'`, display name `'People HR'` (used in fix texts,
 * such as "In People HR, fill in the employee’s first name, last name and work email address.").
 *
 * @example
 * ```ts
 * createIssue('MANAGER_NOT_FOUND', PEOPLEHR_SOURCE, { recordId: 'PW2', message: 'PW9 is not in People HR.' });
 * ```
 */
export const PEOPLEHR_SOURCE: SourceInfo = Object.freeze({ id: 'peoplehr', displayName: 'People HR' });

/** People HR's API origin; every call is a POST to `/Employee` under it. */
export const PEOPLEHR_DEFAULT_BASE_URL = 'https://api.peoplehr.net';

/** People HR's documented limit: 30 calls a minute (per IP address in its words; hrsync budgets per API key too). */
export const PEOPLEHR_CALLS_PER_MINUTE = 30;

/**
 * The User-Agent hrsync sends. People HR sits behind a CDN that blocks some default agents ([S]: two independent
 * clients set a browser-like agent for that reason), so the string starts like a browser's and then names hrsync.
 */
export const PEOPLEHR_USER_AGENT = 'Mozilla/5.0 (compatible; hrsync-peoplehr/0.x)';

/** The time zone People HR's dates are read in (a UK product): a leaving date is "past" once it is over in London. */
export const PEOPLEHR_DEFAULT_TIME_ZONE = 'Europe/London';
