/**
 * `@hrsync/trinet`: the TriNet (PEO) API as an hrsync source. See the package README for the credentials an admin
 * requests from TriNet, the options and the codes it reports; `@hrsync/trinet/testing` holds a fake TriNet.
 *
 * @packageDocumentation
 */

export { createTrinetSource, type TrinetSourceOptions } from './trinet-source.ts';
