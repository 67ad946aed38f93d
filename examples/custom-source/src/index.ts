/**
 * An hrsync source for Acme People, a made-up HR API: the factory and its options, nothing else. The fake Acme
 * People API is the `./testing` subpath.
 *
 * @packageDocumentation
 */

export { type AcmeSourceOptions, createAcmeSource } from './acme-source.ts';
