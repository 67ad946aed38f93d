/**
 * `@hrsync/trinet/testing`: a fake TriNet API for tests, demos and benchmarks, as a Fetch-API handler.
 *
 * @packageDocumentation
 */

export {
  createTrinetFake,
  type EmployeePatch,
  type FetchHandler,
  type TrinetFake,
  type TrinetFakeOptions,
  type TrinetFakeRequest,
  type TrinetFakeRoute,
  type TrinetScope,
} from './create-trinet-fake.ts';
export {
  type RenderTrinetEmployeeOptions,
  renderTrinetDepartment,
  renderTrinetEmployee,
  renderTrinetLocation,
  type TrinetView,
} from './render-trinet-employee.ts';
