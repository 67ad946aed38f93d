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

/**
 * People HR's API origin; every call is a POST to `/Employee` under it.
 *
 * @example
 * ```ts
 * createPeopleHrSource({ apiKey, baseUrl: PEOPLEHR_DEFAULT_BASE_URL }); // the same as leaving baseUrl out
 * ```
 */
export const PEOPLEHR_DEFAULT_BASE_URL = 'https://api.peoplehr.net';

/**
 * People HR's documented limit: 30 calls a minute (per IP address in its words; hrsync budgets per API key too).
 *
 * @example
 * ```ts
 * createPeopleHrRateBudget({ callsPerMinute: PEOPLEHR_CALLS_PER_MINUTE - 5 }); // leave room for another tool
 * ```
 */
export const PEOPLEHR_CALLS_PER_MINUTE = 30;

/**
 * The User-Agent hrsync sends. People HR sits behind a CDN that blocks some default agents ([S]: two independent
 * clients set a browser-like agent for that reason), so the string starts like a browser's and then names hrsync.
 *
 * @example
 * ```ts
 * createPeopleHrSource({ apiKey, userAgent: `${PEOPLEHR_USER_AGENT} my-app/2.1` });
 * ```
 */
export const PEOPLEHR_USER_AGENT = 'Mozilla/5.0 (compatible; hrsync-peoplehr/0.x)';

/**
 * The time zone People HR's dates are read in (a UK product): a leaving date is "past" once it is over in London.
 *
 * @example
 * ```ts
 * todayIn(new Date(), PEOPLEHR_DEFAULT_TIME_ZONE); // '2024-06-01'
 * ```
 */
export const PEOPLEHR_DEFAULT_TIME_ZONE = 'Europe/London';
