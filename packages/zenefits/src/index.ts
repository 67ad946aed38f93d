/**
 * `@hrsync/zenefits`: the TriNet Zenefits (TriNet HR Platform) core API as an hrsync source. See the package README
 * for the token permissions an admin ticks in Zenefits, the options and the codes it reports;
 * `@hrsync/zenefits/testing` holds a fake Zenefits.
 *
 * @packageDocumentation
 */

export { createZenefitsSource, type ZenefitsSourceOptions } from './zenefits-source.ts';
