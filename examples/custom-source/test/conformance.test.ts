import { describeSourceConformance } from '@hrsync/testkit';
import { createAcmeSource } from '../src/index.ts';
import { createAcmeFake } from '../src/testing/index.ts';

const GOOD_KEY = 'acme_live_3f9c1d7e2b';
const WRONG_KEY = 'acme_live_0000000000';

describeSourceConformance({
  name: 'acme (examples/custom-source)',
  createFake: ({ roster, pageSize }) =>
    createAcmeFake({ employees: roster.employees, apiKey: GOOD_KEY, pageSize }).handler,
  createSource: ({ fetch, credentials, logger }) =>
    createAcmeSource({ apiKey: credentials === 'valid' ? GOOD_KEY : WRONG_KEY, fetch, logger, pageSize: 25 }),
  secrets: [GOOD_KEY, WRONG_KEY],
  malformed: { missingNames: 2, invalidEmails: 1, invalidPhones: 1, invalidDates: 1 },
  compareFields: [
    'employeeNumber',
    'firstName',
    'lastName',
    'preferredName',
    'workEmail',
    'workPhone',
    'title',
    'department',
    'location',
    'managerId',
    'employmentStatus',
    'employmentType',
    'startDate',
    'endDate',
  ],
});
