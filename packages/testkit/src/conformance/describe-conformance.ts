import { describe, it } from 'vitest';
import {
  type DestinationCheckName,
  type DestinationConformanceOptions,
  destinationChecks,
} from './destination-checks.ts';
import { type SourceCheckName, type SourceConformanceOptions, sourceChecks } from './source-checks.ts';

// Checks run in fake time, so real time is spent only on the adapter's own work; this leaves room for slow CI.
const CHECK_TIMEOUT_MS = 120_000;

/**
 * Registers the source conformance suite in vitest: one test per check of {@link sourceChecks}. Call it at the top
 * level of a test file. You supply your fake vendor (a Fetch-API handler serving a roster from `generateRoster()`),
 * a factory that builds your source against a `fetch`, valid or invalid credentials and a logger, and the
 * credential values to scan for. Retry and latency waits run on vitest's fake timers: nothing really sleeps.
 *
 * @example
 * ```ts
 * import { describeSourceConformance } from '@hrsync/testkit';
 * import { createAcmeSource } from '../src/index.ts';
 * import { createAcmeFake } from '../src/testing/index.ts';
 *
 * describeSourceConformance({
 *   name: 'acme',
 *   createFake: ({ roster, pageSize }) => createAcmeFake({ employees: roster.employees, apiKey: 'good-key', pageSize }),
 *   createSource: ({ fetch, credentials, logger }) =>
 *     createAcmeSource({ apiKey: credentials === 'valid' ? 'good-key' : 'wrong-key', fetch, logger }),
 *   secrets: ['good-key', 'wrong-key'],
 * });
 * ```
 */
export function describeSourceConformance(options: SourceConformanceOptions): void {
  describe(`${options.name}: source conformance`, () => {
    for (const [name, check] of Object.entries(sourceChecks) as [
      SourceCheckName,
      (typeof sourceChecks)[SourceCheckName],
    ][]) {
      const reason = options.skip?.[name];
      if (reason !== undefined) it.skip(`${check.title} (skipped: ${reason})`, () => {});
      else it(check.title, { timeout: CHECK_TIMEOUT_MS }, () => check.run(options));
    }
  });
}

/**
 * Registers the destination conformance suite in vitest: one test per check of {@link destinationChecks}. For a
 * destination that calls a vendor, supply its fake (seeded with users, refusing given people) and the credentials;
 * for a host's own database, leave `createFake` out and seed the destination from the context instead (the
 * credential checks are then skipped).
 *
 * @example
 * ```ts
 * import { describeDestinationConformance } from '@hrsync/testkit';
 *
 * describeDestinationConformance({
 *   name: 'acme',
 *   createFake: ({ users, rejectWorkEmails }) => createAcmeFake({ users, rejectWorkEmails, token: 'good-token' }).handler,
 *   createDestination: ({ fetch, credentials, logger }) =>
 *     createAcmeDestination({ token: credentials === 'valid' ? 'good-token' : 'bad-token', fetch, logger }),
 *   secrets: ['good-token', 'bad-token'],
 *   fields: ['firstName', 'lastName', 'workEmail', 'title'],
 * });
 * ```
 */
export function describeDestinationConformance(options: DestinationConformanceOptions): void {
  const noVendor = 'the destination calls no vendor (no createFake)';
  const automatic: Partial<Record<DestinationCheckName, string>> = options.createFake
    ? {}
    : { invalidCredentialsRejected: noVendor, noCredentialLeaks: noVendor };
  describe(`${options.name}: destination conformance`, () => {
    for (const [name, check] of Object.entries(destinationChecks) as [
      DestinationCheckName,
      (typeof destinationChecks)[DestinationCheckName],
    ][]) {
      const reason = options.skip?.[name] ?? automatic[name];
      if (reason !== undefined) it.skip(`${check.title} (skipped: ${reason})`, () => {});
      else it(check.title, { timeout: CHECK_TIMEOUT_MS }, () => check.run(options));
    }
  });
}
