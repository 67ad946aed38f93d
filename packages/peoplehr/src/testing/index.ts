/**
 * `@hrsync/peoplehr/testing`: a fake People HR for host apps' tests and demos. It serves the real wire format
 * (JSON over POST, HTTP 200 errors with a lower-case `isError`, `{ DisplayValue }` fields, 30 calls a minute per key)
 * and sends People HR-style webhook events.
 *
 * @packageDocumentation
 */

export { DEFAULT_FAKE_PEOPLE, type PeopleHrFakePerson } from './fake-people.ts';
export {
  type CreatePeopleHrFakeOptions,
  createPeopleHrFake,
  FAKE_INVALID_KEY_MESSAGE,
  FAKE_PERMISSION_MESSAGE,
  FAKE_RATE_LIMIT_MESSAGE,
  type PeopleHrFake,
  type PeopleHrFakeCall,
  type PeopleHrFakeEvent,
  type PeopleHrFakeKey,
  type PeopleHrWebhookFormat,
  type SendWebhookOptions,
} from './peoplehr-fake.ts';
