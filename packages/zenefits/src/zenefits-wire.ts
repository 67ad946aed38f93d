/**
 * Zod schemas of what the TriNet Zenefits core API sends on the wire, quirks included (see `vendor-apis.md` §3).
 *
 * Two levels of strictness, on purpose:
 * - **Envelopes are strict.** `data.next_url` decides whether a list was read to the end, and a complete read is
 *   what lets the plan engine archive leavers, so a list envelope without `data.data` as an array and `data.next_url`
 *   as a string or `null` is an invalid response, never a guess.
 * - **Records are lenient.** A list carries its records as `unknown[]`; each record is checked on its own with
 *   `safeParse`, so one malformed person becomes one issue and the rest of the page still syncs. Unknown keys are
 *   kept (`.loose()`), every documented field is optional and may be `null`.
 *
 * References (`manager`, `department`, `location`, `company`, `person`) are `{ object, url, ref_object }` objects
 * whose `url` is `null` when there is none; the referenced id is the last path segment of `url`. With
 * `?includes=manager` Zenefits replaces a ref with the full object, so a ref may also carry an `id`.
 *
 * @module
 */
import { z } from 'zod';

// Ids are strings in every captured response ("9386674"); a number is accepted and read as its decimal string.
const idValue = z.union([z.string(), z.number()]).transform((value) => String(value));
const optionalText = z.string().nullish();
const optionalId = idValue.nullish();

/**
 * A reference to another object: `{ object: '/meta/ref/detail', url, ref_object }`. `url` is `null` when the
 * reference is empty (a person without a manager). An expanded ref (`?includes=`) carries the object's own fields,
 * `id` among them.
 *
 * @example
 * ```ts
 * const ref = ZenefitsRefSchema.parse({
 *   url: 'https://api.zenefits.com/core/people/9386671',
 *   object: '/meta/ref/detail',
 *   ref_object: '/core/people',
 * });
 * ```
 */
export const ZenefitsRefSchema = z
  .object({
    object: optionalText,
    url: optionalText,
    ref_object: optionalText,
    /** Present only on an expanded ref. */
    id: optionalId,
    /** Present only on an expanded department or location ref. */
    name: optionalText,
  })
  .loose();
/** A reference to another object. */
export type ZenefitsRef = z.infer<typeof ZenefitsRefSchema>;

// A ref field is an object, but a record is read leniently: a ref of the wrong shape counts as no ref, so one odd
// field never costs the whole person.
const refField = ZenefitsRefSchema.nullish().catch(null);

/**
 * The outer envelope every answer has: `{ data, error, object: '/meta/response', status }`. On success `error` is
 * `null`; on failure `data` is `null` and `error` says why (its exact shape is unknown, so it is kept as sent).
 *
 * @example
 * ```ts
 * const body = ZenefitsEnvelopeSchema.parse(await response.json());
 * if (body.error !== null && body.error !== undefined) throw new Error(String(body.error));
 * ```
 */
export const ZenefitsEnvelopeSchema = z
  .object({
    data: z.unknown(),
    error: z.unknown(),
    object: optionalText,
    status: z.number().nullish(),
  })
  .loose();
/** The outer envelope of every answer. */
export type ZenefitsEnvelope = z.infer<typeof ZenefitsEnvelopeSchema>;

/**
 * One page of a list (`/core/people`, `/core/departments`, `/core/locations`, `/core/employments`):
 * `{ data: { data: [...], next_url, object: '/meta/list', url }, error: null, object, status }`. Strict where it
 * matters: `data.data` is an array and `data.next_url` is present, a URL or `null` (the last page). Records are
 * `unknown[]`, each checked alone.
 *
 * @example
 * ```ts
 * const page = ZenefitsListPageSchema.parse(body);
 * for (const record of page.data.data) ZenefitsPersonSchema.safeParse(record);
 * const next = page.data.next_url; // null on the last page
 * ```
 */
export const ZenefitsListPageSchema = z
  .object({
    data: z
      .object({
        data: z.array(z.unknown()),
        next_url: z.string().nullable(),
        object: optionalText,
        url: optionalText,
      })
      .loose(),
    error: z.unknown(),
    object: optionalText,
    status: z.number().nullish(),
  })
  .loose();
/** One page of a list. */
export type ZenefitsListPage = z.infer<typeof ZenefitsListPageSchema>;

/**
 * `GET /core/me`: who the token belongs to and what it may read. `scopes` lists the granted permissions;
 * `uninstalled` is true once the company removed the app, and then `company` and `person` are `null`.
 *
 * @example
 * ```ts
 * const me = ZenefitsMeResponseSchema.parse(body).data;
 * if (me.uninstalled) throw new Error('uninstalled');
 * ```
 */
export const ZenefitsMeResponseSchema = z
  .object({
    data: z
      .object({
        scopes: z.array(z.string()).nullish(),
        object: optionalText,
        url: optionalText,
        company: refField,
        person: refField,
        /** A timestamp, as sent. */
        expires: z.unknown().optional(),
        uninstalled: z.boolean().nullish(),
      })
      .loose(),
    error: z.unknown(),
    object: optionalText,
    status: z.number().nullish(),
  })
  .loose();
/** The answer of `/core/me`. */
export type ZenefitsMeResponse = z.infer<typeof ZenefitsMeResponseSchema>;

/**
 * One person of `/core/people`, as captured from a real response (abridged in `vendor-apis.md` §3.4). Start and
 * termination dates are not here: they live on the person's employments. `status` has been seen as `"active"` and as
 * `null` (an admin-only account); the full set of values is not confirmed.
 *
 * @example
 * ```ts
 * const parsed = ZenefitsPersonSchema.safeParse(record);
 * if (parsed.success) parsed.data.work_email;
 * ```
 */
export const ZenefitsPersonSchema = z
  .object({
    id: idValue,
    object: optionalText,
    url: optionalText,
    first_name: optionalText,
    middle_name: optionalText,
    last_name: optionalText,
    preferred_name: optionalText,
    work_email: optionalText,
    personal_email: optionalText,
    work_phone: optionalText,
    personal_phone: optionalText,
    status: optionalText,
    /** `"regular"`, `"admin"`, ... */
    type: optionalText,
    title: optionalText,
    employee_number: optionalId,
    is_admin: z.boolean().nullish().catch(null),
    manager: refField,
    department: refField,
    location: refField,
    company: refField,
    employments: refField,
    subordinates: refField,
  })
  .loose();
/** One person. */
export type ZenefitsPerson = z.infer<typeof ZenefitsPersonSchema>;

/**
 * One employment of `/core/employments`: a period of work of one person (a rehire has several). Start and
 * termination dates live here. `is_active` has been typed both as a boolean and as a string, so both are read.
 *
 * @example
 * ```ts
 * const employment = ZenefitsEmploymentSchema.parse({
 *   id: '771', person: { url: 'https://api.zenefits.com/core/people/9386674', object: '/meta/ref/detail' },
 *   hire_date: '2019-04-01', termination_date: null, employment_type: 'full_time',
 * });
 * ```
 */
export const ZenefitsEmploymentSchema = z
  .object({
    id: idValue,
    object: optionalText,
    url: optionalText,
    person: refField,
    hire_date: optionalText,
    termination_date: optionalText,
    termination_type: optionalText,
    employment_type: optionalText,
    /** "Full Time", "Part Time", "Intern", "Company Paid Temp", "Independent Contractor", ... */
    employment_sub_type: optionalText,
    is_active: z.union([z.boolean(), z.string()]).nullish().catch(null),
    comp_type: optionalText,
  })
  .loose();
/** One employment. */
export type ZenefitsEmployment = z.infer<typeof ZenefitsEmploymentSchema>;

/**
 * One department of `/core/departments`. The name may be missing (that is an issue, not a crash).
 *
 * @example
 * ```ts
 * ZenefitsDepartmentSchema.parse({ id: '219736', name: 'Engineering', object: '/core/departments' });
 * ```
 */
export const ZenefitsDepartmentSchema = z
  .object({
    id: idValue,
    object: optionalText,
    url: optionalText,
    name: optionalText,
    company: refField,
    people: refField,
    labor_group: refField,
  })
  .loose();
/** One department. */
export type ZenefitsDepartment = z.infer<typeof ZenefitsDepartmentSchema>;

/**
 * One location (site, office) of `/core/locations`. The name may be missing (that is an issue, not a crash).
 *
 * @example
 * ```ts
 * ZenefitsLocationSchema.parse({ id: '367177', name: 'Houston', city: 'Houston', state: 'TX', country: 'US' });
 * ```
 */
export const ZenefitsLocationSchema = z
  .object({
    id: idValue,
    object: optionalText,
    url: optionalText,
    name: optionalText,
    street1: optionalText,
    street2: optionalText,
    city: optionalText,
    state: optionalText,
    zip: optionalText,
    country: optionalText,
    phone: optionalText,
    company: refField,
    people: refField,
  })
  .loose();
/** One location. */
export type ZenefitsLocation = z.infer<typeof ZenefitsLocationSchema>;

/**
 * The id a reference points at: its own `id` when it was expanded, else the last path segment of its `url`.
 * `undefined` for a missing ref or a ref whose `url` is `null` (Zenefits' way of saying "none").
 *
 * @example
 * ```ts
 * refId({ url: 'https://api.zenefits.com/core/people/9386671', object: '/meta/ref/detail' }); // '9386671'
 * refId({ url: null, object: '/meta/ref/detail' }); // undefined
 * ```
 */
export function refId(ref: ZenefitsRef | null | undefined): string | undefined {
  if (ref === null || ref === undefined) return undefined;
  if (ref.id !== null && ref.id !== undefined && ref.id.trim() !== '') return ref.id.trim();
  const url = ref.url?.trim();
  if (!url) return undefined;
  try {
    const path = new URL(url, 'http://ref.invalid').pathname;
    const segment = path
      .split('/')
      .filter((part) => part !== '')
      .at(-1);
    if (segment === undefined) return undefined;
    const id = decodeURIComponent(segment).trim();
    return id === '' ? undefined : id;
  } catch {
    // An unparsable URL or a malformed escape: no usable id.
    return undefined;
  }
}
