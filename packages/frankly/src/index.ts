/**
 * `@hrsync/frankly`: the hrsync destination for the &frankly Organization API. It pushes a company's people and
 * their groups (organization, office, department, teams, employment type) to &frankly, full-state, with pre-flight
 * validation and &frankly's rejections mapped to hrsync codes. The fake &frankly for tests is `@hrsync/frankly/testing`.
 *
 * @packageDocumentation
 */

export {
  type BuildFranklyOrganizationOptions,
  buildFranklyOrganization,
  describeFranklyGroup,
  type FranklyBuild,
  type FranklyExclusion,
  type FranklyExclusionReason,
  type FranklyGroupKind,
  franklyGroupId,
} from './build-frankly-organization.ts';
export { createFranklyDestination, type FranklyDestinationOptions } from './frankly-destination.ts';
export {
  createMemoryFranklyStateStore,
  type FranklyState,
  type FranklyStatePerson,
  FranklyStateSchema,
  type FranklyStateStore,
} from './frankly-state.ts';
export type {
  FranklyAccessInfo,
  FranklyGroup,
  FranklyOrganization,
  FranklyRole,
  FranklyUser,
  FranklyValidation,
} from './frankly-wire.ts';
