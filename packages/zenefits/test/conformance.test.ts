import { describeSourceConformance } from '@hrsync/testkit';
import { createZenefitsSource } from '../src/index.ts';
import { createZenefitsFake } from '../src/testing/index.ts';

const VALID = 'zf-conformance-valid-token';
const INVALID = 'zf-conformance-wrong-token';
const PAGE_SIZE = 25;

describeSourceConformance({
  name: 'zenefits',
  createFake: ({ roster }) =>
    createZenefitsFake({
      token: VALID,
      employees: roster.employees,
      departments: roster.departments,
      locations: roster.locations,
    }).handler,
  // The source asks for pages of 25 so that the 120 people of the suite cross page boundaries.
  createSource: ({ fetch, credentials, logger }) =>
    createZenefitsSource({
      token: credentials === 'valid' ? VALID : INVALID,
      fetch,
      logger,
      pageSize: PAGE_SIZE,
    }),
  secrets: [VALID, INVALID],
  pageSize: PAGE_SIZE,
  malformed: { missingNames: 2, invalidEmails: 1, invalidPhones: 1, invalidDates: 1 },
  compareFields: [
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
    'employeeNumber',
  ],
});
