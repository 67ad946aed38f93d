import { describeSourceConformance } from '@hrsync/testkit';
import { createTrinetSource } from '../src/index.ts';
import { createTrinetFake } from '../src/testing/index.ts';

const CLIENT_ID = 'trinet-conformance-client-id';
const VALID_SECRET = 'trinet-conformance-valid-secret';
const INVALID_SECRET = 'trinet-conformance-wrong-secret';

describeSourceConformance({
  name: 'trinet',
  // TriNet's pages are fixed at 100 records, so the suite's page size is ignored; 250 people make three pages.
  rosterSize: 250,
  createFake: ({ roster }) =>
    createTrinetFake({
      clientId: CLIENT_ID,
      clientSecret: VALID_SECRET,
      employees: roster.employees,
      departments: roster.departments,
      locations: roster.locations,
    }).handler,
  createSource: ({ fetch, credentials, logger }) =>
    createTrinetSource({
      companyId: 'ABC',
      clientId: CLIENT_ID,
      clientSecret: credentials === 'valid' ? VALID_SECRET : INVALID_SECRET,
      fetch,
      logger,
    }),
  secrets: [VALID_SECRET, INVALID_SECRET],
  malformed: { missingNames: 2, invalidEmails: 2, invalidPhones: 1, invalidDates: 1 },
  // Everything TriNet carries. Not compared: personal email, teams, organization, time zone and custom fields,
  // which the employees list does not hold.
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
