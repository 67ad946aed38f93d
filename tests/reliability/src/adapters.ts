/**
 * The source adapters under test, each with its fake, described once so that the campaign, the corpus and the
 * property tests run the same way against all of them. Adding an adapter to {@link SOURCE_ADAPTERS} puts it through
 * the whole suite.
 */
import type { Employee, HrSource, Logger, OrgUnit, RetryOptions } from '@hrsync/core';
import { createPeopleHrRateBudget, createPeopleHrSource } from '@hrsync/peoplehr';
import { createPeopleHrFake } from '@hrsync/peoplehr/testing';
import { createFetch, type FetchHandler } from '@hrsync/testkit';
import { createTrinetSource } from '@hrsync/trinet';
import { createTrinetFake } from '@hrsync/trinet/testing';
import { createZenefitsSource } from '@hrsync/zenefits';
import { createZenefitsFake } from '@hrsync/zenefits/testing';
import {
  PEOPLEHR_API_KEY,
  PEOPLEHR_WRONG_KEY,
  registerCredential,
  TRINET_CREDENTIALS,
  TRINET_WRONG_SECRET,
  ZENEFITS_TOKEN,
  ZENEFITS_WRONG_TOKEN,
} from './credentials.ts';

/** The ids of the source adapters under test. */
export type AdapterId = 'trinet' | 'zenefits' | 'peoplehr';

/** A roster in canonical form, as the fakes take it. */
export interface FakeRoster {
  employees: readonly Employee[];
  departments?: readonly OrgUnit[] | undefined;
  locations?: readonly OrgUnit[] | undefined;
}

/** A running fake vendor. */
export interface FakeVendor {
  /** The Fetch-API handler. */
  handler: FetchHandler;
  /**
   * Makes every credential issued so far expire now, where the vendor issues expiring tokens (TriNet). Vendors with
   * static credentials have none: their "expired token" is an injected 401.
   */
  expireTokens?: (() => void) | undefined;
}

/** Options of {@link AdapterUnderTest.createSource}. */
export interface TestSourceOptions {
  /** The fetch to call the fake with. */
  fetch: typeof fetch;
  /** Where the source logs. */
  logger?: Logger | undefined;
  /** Per-request timeout. */
  timeoutMs?: number | undefined;
  /** Per-request retries. */
  retry?: RetryOptions | undefined;
  /** Credentials the fake accepts, or well-formed wrong ones; default valid. */
  credentials?: 'valid' | 'invalid' | undefined;
  /** The day the source takes as today, where it has such an option (People HR's leaving dates). */
  now?: Date | undefined;
}

/** A source adapter, its fake, and what the suite needs to know about it. */
export interface AdapterUnderTest {
  id: AdapterId;
  /** Its display name, as fix texts carry it. */
  displayName: string;
  /** A fake serving the roster, with this suite's credentials. */
  createFake(roster: FakeRoster): FakeVendor;
  /** A source on the fake, with this suite's credentials. */
  createSource(options: TestSourceOptions): HrSource;
  /** Every credential value this adapter's source and fake use here. */
  secrets: readonly string[];
  /**
   * How an expired credential mid-read is simulated: `expire-tokens` (the fake expires its tokens: the source must
   * refresh and replay) or `status-401` (an injected 401 on a data request: the sync fails cleanly or is incomplete).
   */
  tokenExpiry: 'expire-tokens' | 'status-401';
}

/** Records every TriNet access token the fake issues, so the leak check looks for it too. */
function recordTokens(handler: FetchHandler): FetchHandler {
  return async (request) => {
    const response = await handler(request);
    if (new URL(request.url).pathname.startsWith('/oauth/') && response.ok) {
      const body = (await response.clone().json()) as { access_token?: unknown };
      if (typeof body.access_token === 'string') registerCredential(body.access_token);
    }
    return response;
  };
}

/** The TriNet (PEO) source. */
export const trinetAdapter: AdapterUnderTest = {
  id: 'trinet',
  displayName: 'TriNet',
  createFake(roster) {
    const fake = createTrinetFake({
      companyId: TRINET_CREDENTIALS.companyId,
      clientId: TRINET_CREDENTIALS.clientId,
      clientSecret: TRINET_CREDENTIALS.clientSecret,
      employees: roster.employees,
      departments: roster.departments,
      locations: roster.locations,
    });
    return { handler: recordTokens(fake.handler), expireTokens: () => fake.expireTokens() };
  },
  createSource: (options) =>
    createTrinetSource({
      companyId: TRINET_CREDENTIALS.companyId,
      clientId: TRINET_CREDENTIALS.clientId,
      clientSecret: options.credentials === 'invalid' ? TRINET_WRONG_SECRET : TRINET_CREDENTIALS.clientSecret,
      fetch: options.fetch,
      logger: options.logger,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
    }),
  secrets: [TRINET_CREDENTIALS.clientId, TRINET_CREDENTIALS.clientSecret, TRINET_WRONG_SECRET],
  tokenExpiry: 'expire-tokens',
};

/** The TriNet Zenefits source. */
export const zenefitsAdapter: AdapterUnderTest = {
  id: 'zenefits',
  displayName: 'TriNet Zenefits',
  createFake(roster) {
    const fake = createZenefitsFake({
      token: ZENEFITS_TOKEN,
      employees: roster.employees,
      departments: roster.departments,
      locations: roster.locations,
    });
    return { handler: fake.handler };
  },
  createSource: (options) =>
    createZenefitsSource({
      token: options.credentials === 'invalid' ? ZENEFITS_WRONG_TOKEN : ZENEFITS_TOKEN,
      fetch: options.fetch,
      logger: options.logger,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
    }),
  secrets: [ZENEFITS_TOKEN, ZENEFITS_WRONG_TOKEN],
  tokenExpiry: 'status-401',
};

/** The People HR source. */
export const peoplehrAdapter: AdapterUnderTest = {
  id: 'peoplehr',
  displayName: 'People HR',
  createFake(roster) {
    // No 30-a-minute limit here: the campaign makes hundreds of calls a minute on purpose.
    const fake = createPeopleHrFake({
      apiKeys: [PEOPLEHR_API_KEY],
      roster: roster.employees,
      callsPerMinute: Number.POSITIVE_INFINITY,
    });
    return { handler: fake.handler };
  },
  createSource: (options) =>
    createPeopleHrSource({
      apiKey: options.credentials === 'invalid' ? PEOPLEHR_WRONG_KEY : PEOPLEHR_API_KEY,
      fetch: options.fetch,
      logger: options.logger,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      // A budget per source, wide open: the process-wide one would throttle the campaign to 30 calls a minute.
      rateBudget: createPeopleHrRateBudget({ callsPerMinute: 1_000_000 }),
      ...(options.now !== undefined ? { now: () => options.now as Date } : {}),
    }),
  secrets: [PEOPLEHR_API_KEY, PEOPLEHR_WRONG_KEY],
  tokenExpiry: 'status-401',
};

/** Every source adapter of the repository. Add new ones here: the whole suite then covers them. */
export const SOURCE_ADAPTERS: readonly AdapterUnderTest[] = [trinetAdapter, zenefitsAdapter, peoplehrAdapter];

/** A source on a handler, through the testkit's in-process fetch. */
export function sourceOn(
  adapter: AdapterUnderTest,
  handler: FetchHandler,
  options: Omit<TestSourceOptions, 'fetch'> = {},
): HrSource {
  return adapter.createSource({ ...options, fetch: createFetch(handler) });
}
