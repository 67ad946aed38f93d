/**
 * `@hrsync/frankly/testing`: a fake &frankly Organization API for tests, demos and benchmarks, as a Fetch-API
 * handler. It speaks the wire format guessed in `@hrsync/frankly` (see its README) and applies &frankly's full-state
 * semantics and validations.
 *
 * @packageDocumentation
 */

export type { FranklyValidation } from '../frankly-wire.ts';
export {
  createFranklyFake,
  type FetchHandler,
  type FranklyFake,
  type FranklyFakeCounts,
  type FranklyFakeGroup,
  type FranklyFakeOptions,
  type FranklyFakeRejection,
  type FranklyFakeRequest,
  type FranklyFakeUser,
  type FranklyHandMadeGroupSeed,
  type FranklyHandMadeUserSeed,
} from './create-frankly-fake.ts';
