/**
 * `@hrsync/zenefits/testing`: a fake TriNet Zenefits core API for tests, demos and benchmarks, and the renderers
 * that turn canonical employees into Zenefits' wire records.
 *
 * @packageDocumentation
 */

export {
  createZenefitsFake,
  type FetchHandler,
  ZENEFITS_FAKE_DEFAULT_SCOPES,
  type ZenefitsFake,
  type ZenefitsFakeList,
  type ZenefitsFakeOptions,
  type ZenefitsFakeRequest,
} from './create-zenefits-fake.ts';
export {
  type RenderZenefitsOptions,
  type RenderZenefitsPersonOptions,
  renderZenefitsDepartment,
  renderZenefitsEmployment,
  renderZenefitsLocation,
  renderZenefitsPerson,
  renderZenefitsRef,
  type ZenefitsWireDepartment,
  type ZenefitsWireEmployment,
  type ZenefitsWireLocation,
  type ZenefitsWirePerson,
  type ZenefitsWireRef,
} from './render-zenefits-person.ts';
