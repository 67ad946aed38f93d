/**
 * `@hrsync/testkit`: what an adapter author (ours or a host's) tests with. The conformance suites
 * ({@link describeSourceConformance}, {@link describeDestinationConformance}) check in vitest that an adapter keeps the
 * `HrSource`/`HrDestination` contract; {@link generateRoster} makes seeded, reproducible rosters with planted defects
 * for fakes to serve; {@link withFaults} and {@link createFetch} put a fake vendor's Fetch-API handler behind the
 * failures real networks and vendors produce, and {@link startLoopbackServer} serves it on a real socket.
 *
 * @packageDocumentation
 */

export {
  describeDestinationConformance,
  describeSourceConformance,
} from './conformance/describe-conformance.ts';
export {
  type DestinationCheckName,
  type DestinationConformanceOptions,
  type DestinationContext,
  type DestinationFakeContext,
  destinationChecks,
} from './conformance/destination-checks.ts';
export {
  type ConformanceCheck,
  ConformanceError,
} from './conformance/harness.ts';
export {
  type SourceCheckName,
  type SourceConformanceOptions,
  type SourceContext,
  type SourceFakeContext,
  sourceChecks,
} from './conformance/source-checks.ts';
export { createFetch, type FetchHandler } from './faults/create-fetch.ts';
export {
  type DisconnectFault,
  FAULT_KINDS,
  type Fault,
  type FaultKind,
  type FaultyHandler,
  type LatencyFault,
  type MalformedFault,
  type RequestRecord,
  type ScriptedFault,
  type StatusFault,
  type TruncateFault,
  type WeightedFaultKind,
  type WithFaultsOptions,
  withFaults,
} from './faults/with-faults.ts';
export {
  createMemoryDestination,
  type MemoryDestination,
  type MemoryDestinationOptions,
  type SeedUser,
  type SeedUserId,
} from './memory-destination.ts';
export { createRandom, type Random } from './random.ts';
export {
  type GenerateRosterOptions,
  generateRoster,
  type PlantedDefect,
  type Roster,
  type RosterDefectKind,
  type RosterDefects,
} from './roster/generate-roster.ts';
export {
  type LoopbackServer,
  type LoopbackServerOptions,
  startLoopbackServer,
} from './serve/start-loopback-server.ts';
