import { describeSourceConformance } from '@hrsync/testkit';
import { createPeopleHrRateBudget, createPeopleHrSource } from '../src/index.ts';
import { createPeopleHrFake } from '../src/testing/index.ts';

const VALID = 'phr-conformance-valid-key';
const INVALID = 'phr-conformance-wrong-key';

describeSourceConformance({
  name: 'peoplehr',
  // People HR has no pages: the whole roster is one answer, so the page size is ignored.
  createFake: ({ roster }) => createPeopleHrFake({ apiKeys: [VALID], roster: roster.employees }).handler,
  createSource: ({ fetch, credentials, logger }) =>
    createPeopleHrSource({
      apiKey: credentials === 'valid' ? VALID : INVALID,
      fetch,
      logger,
      // A budget per scenario: the process-wide one would carry calls over from one scenario's fake clock to the next.
      rateBudget: createPeopleHrRateBudget(),
    }),
  secrets: [VALID, INVALID],
  malformed: { missingNames: 2, invalidEmails: 1, invalidPhones: 1, invalidDates: 1 },
  // What People HR can carry: no department or location ids, no employment type, and no "pending" or "on leave"
  // status (so employmentStatus is not compared: People HR knows active people and leavers).
  compareFields: [
    'employeeNumber',
    'firstName',
    'lastName',
    'preferredName',
    'workEmail',
    'workPhone',
    'title',
    'managerId',
    'startDate',
    'endDate',
  ],
});
