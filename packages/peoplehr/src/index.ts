/**
 * `@hrsync/peoplehr`: the People HR (Access PeopleHR) source for hrsync, and its webhook handler. The fake People HR
 * for tests is the `@hrsync/peoplehr/testing` subpath.
 *
 * @packageDocumentation
 */

export {
  createPeopleHrRateBudget,
  type PeopleHrRateBudgetOptions,
  sharedPeopleHrRateBudget,
} from './peoplehr-rate-budget.ts';
export {
  createPeopleHrSource,
  type PeopleHrLookup,
  type PeopleHrSource,
  type PeopleHrSourceOptions,
} from './peoplehr-source.ts';
