/**
 * `@hrsync/peoplehr`: the People HR (Access PeopleHR) source for hrsync, its webhook handler, and the one-person
 * plan a webhook event makes. The fake People HR for tests is the `@hrsync/peoplehr/testing` subpath.
 *
 * @packageDocumentation
 */

export {
  type PeopleHrChange,
  type PeopleHrChangeBase,
  type PlanPeopleHrChangeOptions,
  planPeopleHrChange,
} from './peoplehr-change.ts';
export {
  PEOPLEHR_CALLS_PER_MINUTE,
  PEOPLEHR_DEFAULT_BASE_URL,
  PEOPLEHR_SOURCE,
  PEOPLEHR_USER_AGENT,
} from './peoplehr-info.ts';
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
export {
  type CreatePeopleHrWebhookUrlOptions,
  createPeopleHrWebhookHandler,
  createPeopleHrWebhookUrl,
  isPeopleHrPersonEvent,
  type PeopleHrDeliveryOutcome,
  type PeopleHrWebhookHandler,
  type PeopleHrWebhookHandlerOptions,
  parsePeopleHrEventBody,
} from './peoplehr-webhook.ts';
export {
  PEOPLEHR_PERSON_EVENT_IDS,
  PEOPLEHR_PERSON_EVENT_NAMES,
  type PeopleHrPersonEventId,
  type PeopleHrWebhookEvent,
  PeopleHrWebhookEventSchema,
} from './peoplehr-wire.ts';
