import type { Employee } from '@hrsync/core';
import { describeDestinationConformance, type SeedUser } from '@hrsync/testkit';
import { createFranklyDestination, createMemoryFranklyStateStore, type FranklyState } from '../src/index.ts';
import { createFranklyFake } from '../src/testing/index.ts';

const GOOD = 'frankly-good-token-1234';
const BAD = 'frankly-bad-token-5678';

/**
 * &frankly cannot be read, so the users the suite seeds are what this destination pushed before: its saved state.
 * A seed without a `sourceId` is a managed user not yet linked to the HR system (its `hostId` is its externalId).
 */
function stateOf(users: readonly SeedUser[]): FranklyState | undefined {
  if (users.length === 0) return undefined;
  return {
    version: 1,
    source: 'conformance',
    savedAt: '2025-01-01T00:00:00.000Z',
    people: users.map((seed, index) => {
      const { hostId: seededHostId, sourceId, archived, ...fields } = seed;
      const hostId = seededHostId ?? sourceId ?? `frankly-user-${index + 1}`;
      const employee = {
        ...fields,
        id: sourceId ?? hostId,
        employmentStatus: fields.employmentStatus ?? 'active',
      };
      return {
        hostId,
        ...(sourceId !== undefined ? { sourceId } : {}),
        employee: employee as Employee,
        archived: archived ?? false,
      };
    }),
    organization: { users: [], groups: [] },
  };
}

describeDestinationConformance({
  name: 'frankly',
  createFake: ({ rejectWorkEmails }) =>
    // A refused person is one whose email belongs to another &frankly company.
    createFranklyFake({ token: GOOD, otherCompanyEmails: rejectWorkEmails }).handler,
  createDestination: ({ users, fetch, credentials, logger }) =>
    createFranklyDestination({
      token: credentials === 'valid' ? GOOD : BAD,
      fetch,
      logger,
      stateStore: createMemoryFranklyStateStore(stateOf(users)),
    }),
  secrets: [GOOD, BAD],
  fields: [
    'firstName',
    'lastName',
    'workEmail',
    'workPhone',
    'title',
    'department',
    'location',
    'employmentType',
  ],
  skip: {
    invalidCredentialsRejected:
      '&frankly has no read endpoint, so loadCurrent() reads the saved state and calls nobody; a bad token fails apply() with AUTH_INVALID_CREDENTIALS and saves nothing (frankly-destination.test.ts)',
  },
});
