/**
 * The fake Acme People API, for tests and demos: `import { createAcmeFake } from '@hrsync/example-custom-source/testing'`.
 *
 * @packageDocumentation
 */

export {
  type AcmeFake,
  type AcmeFakeOptions,
  createAcmeFake,
  type FetchHandler,
  renderAcmeEmployee,
} from './acme-fake.ts';
