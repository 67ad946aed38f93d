/**
 * Zod schemas of what the TriNet (PEO) API sends on the wire, quirks included (see `vendor-apis.md` §1).
 *
 * Two levels of strictness, on purpose:
 * - **Envelopes are strict.** `data.hasMore` decides whether the roster was read completely, and a complete read is
 *   what lets the plan engine archive leavers, so an envelope without a boolean `hasMore` is an invalid response,
 *   never a guess.
 * - **Records are loose.** A list carries its records as `unknown[]`; each record is checked on its own with
 *   `safeParse`, so one malformed person becomes one issue and the rest of the page still syncs. Unknown keys are
 *   kept (`.loose()`), every documented field is optional and may be `null` (TriNet sends `null` for empty values).
 *
 * @module
 */
import { z } from 'zod';

// TriNet's docs show strings for numbers (`"expires_in": "3599"`); a few values may come either way.
const stringOrNumber = z.union([z.string(), z.number()]);
const optionalText = z.string().nullish();
const optionalId = stringOrNumber.nullish();

/**
 * The client-credentials token response: the stock Apigee Edge OAuth body, where **every value is a string**,
 * `expires_in` included (`"3599"`). Only `access_token` and `expires_in` are needed; the rest is kept as sent.
 *
 * @example
 * ```ts
 * const token = TrinetTokenResponseSchema.parse(await response.json());
 * const lifetimeMs = Number(token.expires_in) * 1000;
 * ```
 */
export const TrinetTokenResponseSchema = z
  .object({
    access_token: z.string().min(1),
    /** Seconds, as a string of digits (`"3599"`); a number is accepted too. */
    expires_in: z.union([z.string().regex(/^\s*\d+\s*$/), z.number().nonnegative()]),
    /** `"BearerToken"` in TriNet's sample. */
    token_type: z.string().optional(),
    /** Epoch milliseconds as a string (`"1578602271626"`). */
    issued_at: z.string().optional(),
    /** Space-separated scopes (`"basic-read read"`). */
    scope: z.string().optional(),
    client_id: z.string().optional(),
    application_name: z.string().optional(),
    organization_name: z.string().optional(),
    'developer.email': z.string().optional(),
    api_product_list: z.string().optional(),
    api_product_list_json: z.array(z.string()).optional(),
    refresh_token_expires_in: z.string().optional(),
    refresh_count: z.string().optional(),
    /** `"approved"`. */
    status: z.string().optional(),
  })
  .loose();
/** The client-credentials token response.
 *
 * @example
 * ```ts
 * const token: TrinetTokenResponse = { access_token: 'l0jHlkiVl7ZecLjkVHLphdcZ7ZMF', expires_in: '3599' };
 * ```
 */
export type TrinetTokenResponse = z.infer<typeof TrinetTokenResponseSchema>;

/**
 * The fields TriNet puts around every answer (`_requestId`, `_statusCode`, `_statusText`, `_statusMessage`). They
 * are informational: the HTTP status is what counts.
 */
const envelopeFields = {
  _requestId: optionalText,
  _statusCode: optionalId,
  _statusText: optionalText,
  _statusMessage: optionalText,
};

/**
 * One page of `GET /v1/company/{companyId}/employees?offset=N`. Strict where it matters: `data.hasMore` must be a
 * boolean. `employeeData` is `unknown[]` (each record is checked alone with {@link TrinetEmployeeSchema});
 * `null` is read as an empty page. `employeesTotal` may be missing or unreliable: never depend on it.
 *
 * @example
 * ```ts
 * const page = TrinetEmployeesPageSchema.parse(body);
 * for (const record of page.data.employeeData) {
 *   const employee = TrinetEmployeeSchema.safeParse(record);
 * }
 * if (page.data.hasMore) offset += 100;
 * ```
 */
export const TrinetEmployeesPageSchema = z
  .object({
    ...envelopeFields,
    data: z
      .object({
        employeesTotal: stringOrNumber.nullish(),
        hasMore: z.boolean(),
        employeeData: z
          .array(z.unknown())
          .nullable()
          .transform((records) => records ?? []),
      })
      .loose(),
  })
  .loose();
/** One page of the employees list.
 *
 * @example
 * ```ts
 * const page: TrinetEmployeesPage = TrinetEmployeesPageSchema.parse(body);
 * if (page.data.hasMore) offset += 100;
 * ```
 */
export type TrinetEmployeesPage = z.infer<typeof TrinetEmployeesPageSchema>;

/**
 * One entry of `names[]`. `nameType` is `PRI` (primary, legal) or `PRF` (preferred); ChartHop compares against
 * lower case and Sapling sends upper case, so compare case-insensitively.
 *
 * @example
 * ```ts
 * TrinetNameSchema.parse({ nameType: 'PRI', firstName: 'Ada', lastName: 'Lovelace', middleName: null });
 * ```
 */
export const TrinetNameSchema = z
  .object({
    nameType: optionalText,
    firstName: optionalText,
    lastName: optionalText,
    middleName: optionalText,
    suffix: optionalText,
    formOfAddress: optionalText,
    nameFormat: optionalText,
    personTitle: optionalText,
    effectiveDate: optionalText,
    uniqueId: optionalId,
    reasonChangeCode: optionalText,
  })
  .loose();
/** One entry of `names[]`.
 *
 * @example
 * ```ts
 * const name: TrinetName = { nameType: 'PRF', firstName: 'Gracie', lastName: 'Hopper' };
 * ```
 */
export type TrinetName = z.infer<typeof TrinetNameSchema>;

/** `employmentInfo.department` (all view).
 *
 * @example
 * ```ts
 * TrinetDepartmentRefSchema.parse({ deptId: '100', deptName: 'Engineering' });
 * ```
 */
export const TrinetDepartmentRefSchema = z.object({ deptId: optionalId, deptName: optionalText }).loose();
/** `employmentInfo.location` (all view); TriNet's doc template misspells it `locationtId`, real data does not.
 *
 * @example
 * ```ts
 * TrinetLocationRefSchema.parse({ locationId: 'SF1', locationName: 'San Francisco', headquarter: 'Y' });
 * ```
 */
export const TrinetLocationRefSchema = z
  .object({
    locationId: optionalId,
    locationName: optionalText,
    headquarter: z.unknown().optional(),
    phone: optionalText,
    shortDesc: optionalText,
    officeHours: optionalText,
    effectiveDate: optionalText,
  })
  .loose();
/** `employmentInfo.supervisor` (all view): the manager.
 *
 * @example
 * ```ts
 * TrinetSupervisorRefSchema.parse({ supervisorId: '00000001', supervisorName: 'Grace Hopper' });
 * ```
 */
export const TrinetSupervisorRefSchema = z
  .object({ supervisorId: optionalId, supervisorName: optionalText })
  .loose();

// Fields both views carry (as far as TriNet's templates and public clients show).
const commonEmploymentFields = {
  effectiveDate: optionalText,
  serviceDate: optionalText,
  employmentStatus: optionalText,
  employeeType: optionalText,
  businessTitle: optionalText,
  jobCode: optionalText,
  flsaCode: optionalText,
  payGroup: optionalText,
  workEmail: optionalText,
  workPhone: optionalId,
  eventCode: optionalText,
  eventDesc: optionalText,
  reasonCode: optionalText,
  reasonDesc: optionalText,
};

/**
 * `employmentInfo` in the **basic** view (the default): flat ids and names of the supervisor, department and
 * location, `temporaryIndicator`, `standardhours`, `groupA`/`groupB`.
 *
 * @example
 * ```ts
 * TrinetEmploymentInfoBasicSchema.parse({ supervisorId: '00000001', departmentId: '100', locationId: 'SF1' });
 * ```
 */
export const TrinetEmploymentInfoBasicSchema = z
  .object({
    ...commonEmploymentFields,
    supervisorId: optionalId,
    supervisorName: optionalText,
    departmentId: optionalId,
    locationId: optionalId,
    temporaryIndicator: z.union([z.string(), z.boolean()]).nullish(),
    standardhours: optionalId,
    groupA: optionalText,
    groupB: optionalText,
  })
  .loose();

/**
 * `employmentInfo` in the **all** view (`viewType=All`): nested `department`, `location` and `supervisor`,
 * `terminationDate` (null while employed), `regularTemporary`, `customGroupA`/`customGroupB`.
 *
 * @example
 * ```ts
 * TrinetEmploymentInfoAllSchema.parse({
 *   department: { deptId: '100', deptName: 'Engineering' },
 *   supervisor: { supervisorId: '00000001', supervisorName: 'Grace Hopper' },
 *   terminationDate: null,
 * });
 * ```
 */
export const TrinetEmploymentInfoAllSchema = z
  .object({
    ...commonEmploymentFields,
    terminationDate: optionalText,
    regularTemporary: optionalText,
    standardHours: optionalId,
    customGroupA: optionalText,
    customGroupB: optionalText,
    workersCompCode: z.object({ code: optionalText, state: optionalText }).loose().nullish(),
    department: TrinetDepartmentRefSchema.nullish(),
    location: TrinetLocationRefSchema.nullish(),
    supervisor: TrinetSupervisorRefSchema.nullish(),
  })
  .loose();

/**
 * `employmentInfo` as it is read: either view. The two shapes share no conflicting key (the basic view has flat
 * `supervisorId`/`departmentId`/`locationId`, the all view nested objects), so one schema accepts both, and a record
 * carrying both (a proxy that merged views) is read too.
 *
 * @example
 * ```ts
 * const info = TrinetEmploymentInfoSchema.parse(record.employmentInfo);
 * const managerId = info.supervisor?.supervisorId ?? info.supervisorId;
 * ```
 */
export const TrinetEmploymentInfoSchema = TrinetEmploymentInfoBasicSchema.extend(
  TrinetEmploymentInfoAllSchema.shape,
).loose();
/** `employmentInfo` in either view.
 *
 * @example
 * ```ts
 * const info: TrinetEmploymentInfo = { employmentStatus: 'A', supervisorId: '00000001' };
 * ```
 */
export type TrinetEmploymentInfo = z.infer<typeof TrinetEmploymentInfoSchema>;

/**
 * One person of `data.employeeData`. Checked per record: a record that fails becomes an `UNKNOWN` issue, and the
 * missing names, email or status of a record that passes become their own issue codes in the mapping.
 *
 * @example
 * ```ts
 * const parsed = TrinetEmployeeSchema.safeParse(record);
 * if (parsed.success) parsed.data.employmentInfo?.workEmail;
 * ```
 */
export const TrinetEmployeeSchema = z
  .object({
    employeeId: optionalId,
    /** The human-facing employee number ("Employee ID" in EasyLlama's mapping). */
    alternateId: optionalId,
    names: z.array(TrinetNameSchema).nullish(),
    employmentInfo: TrinetEmploymentInfoSchema.nullish(),
    employeePhoto: z
      .object({ photoId: optionalId, mimeType: optionalText, uri: optionalText })
      .loose()
      .nullish(),
    homeAddress: z.record(z.string(), z.unknown()).nullish(),
    bioInfo: z.record(z.string(), z.unknown()).nullish(),
    payInfo: z.record(z.string(), z.unknown()).nullish(),
  })
  .loose();
/** One person of the employees list.
 *
 * @example
 * ```ts
 * const record: TrinetEmployee = { employeeId: '00001234', names: [{ nameType: 'PRI', firstName: 'Ada', lastName: 'Lovelace' }] };
 * ```
 */
export type TrinetEmployee = z.infer<typeof TrinetEmployeeSchema>;

/**
 * The answer of `/departments` and `/locations`: the envelope with `data` as an array (Sapling reads it so).
 * Each unit is checked alone.
 *
 * @example
 * ```ts
 * const list = TrinetListSchema.parse(body);
 * const departments = list.data.map((d) => TrinetDepartmentSchema.safeParse(d));
 * ```
 */
export const TrinetListSchema = z
  .object({
    ...envelopeFields,
    data: z
      .array(z.unknown())
      .nullable()
      .transform((items) => items ?? []),
  })
  .loose();
/** A list answer.
 *
 * @example
 * ```ts
 * const list: TrinetList = TrinetListSchema.parse({ _statusCode: '200', data: [{ deptId: '100' }] });
 * ```
 */
export type TrinetList = z.infer<typeof TrinetListSchema>;

/**
 * A department of `/v1/company/{companyId}/departments`.
 *
 * @example
 * ```ts
 * TrinetDepartmentSchema.parse({ deptId: '100', deptName: 'Engineering' });
 * ```
 */
export const TrinetDepartmentSchema = TrinetDepartmentRefSchema;
/** A department.
 *
 * @example
 * ```ts
 * const department: TrinetDepartment = { deptId: '100', deptName: 'Engineering' };
 * ```
 */
export type TrinetDepartment = z.infer<typeof TrinetDepartmentSchema>;

/**
 * A location of `/v1/company/{companyId}/locations`.
 *
 * @example
 * ```ts
 * TrinetLocationSchema.parse({ locationId: 'SF1', locationName: 'San Francisco', headquarter: 'Y' });
 * ```
 */
export const TrinetLocationSchema = TrinetLocationRefSchema;
/** A location.
 *
 * @example
 * ```ts
 * const location: TrinetLocation = { locationId: 'SF1', locationName: 'San Francisco' };
 * ```
 */
export type TrinetLocation = z.infer<typeof TrinetLocationSchema>;

/**
 * The company of `/v1/manage-company/{companyId}/org-details`. The basic view carries `companyId`,
 * `parentClientId`, `companyName`, `legalName`, `liveDate`; the all view adds an address, `timezone`
 * (`ET|CT|MT|PT`) and `terminationDate`.
 *
 * @example
 * ```ts
 * TrinetOrgDetailsSchema.parse({ companyId: 'ABC', companyName: 'Acme', legalName: 'Acme, Inc.' });
 * ```
 */
export const TrinetOrgDetailsSchema = z
  .object({
    companyId: optionalId,
    parentClientId: optionalId,
    companyName: optionalText,
    legalName: optionalText,
    liveDate: optionalText,
    timezone: optionalText,
    terminationDate: optionalText,
  })
  .loose();
/** The company.
 *
 * @example
 * ```ts
 * const company: TrinetOrgDetails = { companyId: 'ABC', companyName: 'Acme Robotics' };
 * ```
 */
export type TrinetOrgDetails = z.infer<typeof TrinetOrgDetailsSchema>;

/**
 * The answer of `org-details`. [I] It is assumed to reuse the envelope (`{ _statusCode, ..., data: {...} }`) like the
 * lists; a bare company object is accepted as well.
 *
 * @example
 * ```ts
 * const company = TrinetOrgDetailsResponseSchema.parse(body); // the company, unwrapped
 * company.companyName;
 * ```
 */
export const TrinetOrgDetailsResponseSchema = z.union([
  z.object({ ...envelopeFields, data: TrinetOrgDetailsSchema }).transform((body) => body.data),
  TrinetOrgDetailsSchema,
]);

/**
 * An Apigee gateway fault ([I]: TriNet's gateway is Apigee, so a bad token or a quota violation is expected to look
 * like this): `{ "fault": { "faultstring": "...", "detail": { "errorcode": "keymanagement.service.invalid_access_token" } } }`.
 *
 * @example
 * ```ts
 * const fault = TrinetFaultSchema.safeParse(body);
 * if (fault.success) fault.data.fault.detail?.errorcode; // 'policies.ratelimit.QuotaViolation'
 * ```
 */
export const TrinetFaultSchema = z
  .object({
    fault: z
      .object({
        faultstring: z.string().optional(),
        detail: z.object({ errorcode: z.string().optional() }).loose().optional(),
      })
      .loose(),
  })
  .loose();
/** An Apigee gateway fault.
 *
 * @example
 * ```ts
 * const fault: TrinetFault = { fault: { faultstring: 'Invalid access token' } };
 * ```
 */
export type TrinetFault = z.infer<typeof TrinetFaultSchema>;

/**
 * An Apigee OAuth policy error from the token endpoint ([I]: the stock Apigee shape,
 * `{ "ErrorCode": "invalid_client", "Error": "ClientId is Invalid" }`).
 *
 * @example
 * ```ts
 * TrinetOAuthErrorSchema.parse({ ErrorCode: 'invalid_client', Error: 'ClientId is Invalid' });
 * ```
 */
export const TrinetOAuthErrorSchema = z
  .object({ ErrorCode: z.string(), Error: z.string().optional() })
  .loose();
/** An Apigee OAuth policy error.
 *
 * @example
 * ```ts
 * const error: TrinetOAuthError = { ErrorCode: 'invalid_client', Error: 'Client credentials are invalid' };
 * ```
 */
export type TrinetOAuthError = z.infer<typeof TrinetOAuthErrorSchema>;

/**
 * TriNet's own error envelope ([I]: the `_statusCode`/`_statusText`/`_statusMessage` fields of every answer suggest
 * errors reuse it): `{ "_statusCode": "404", "_statusText": "Not Found", "_statusMessage": "...", "data": null }`.
 *
 * @example
 * ```ts
 * const error = TrinetErrorEnvelopeSchema.safeParse(body);
 * if (error.success) error.data._statusMessage;
 * ```
 */
export const TrinetErrorEnvelopeSchema = z
  .object({
    _requestId: optionalText,
    _statusCode: stringOrNumber,
    _statusText: optionalText,
    _statusMessage: optionalText,
    data: z.unknown().optional(),
  })
  .loose();
/** TriNet's own error envelope.
 *
 * @example
 * ```ts
 * const error: TrinetErrorEnvelope = { _statusCode: '404', _statusMessage: 'Company not found' };
 * ```
 */
export type TrinetErrorEnvelope = z.infer<typeof TrinetErrorEnvelopeSchema>;

/**
 * Reads the vendor's own words out of an error body (a gateway fault, an OAuth error or TriNet's envelope), for an
 * error message. Returns `undefined` for a body of another shape.
 *
 * @example
 * ```ts
 * describeTrinetError({ fault: { faultstring: 'Invalid access token', detail: { errorcode: 'x.invalid_access_token' } } });
 * // 'Invalid access token (x.invalid_access_token)'
 * ```
 */
export function describeTrinetError(body: unknown): string | undefined {
  const fault = TrinetFaultSchema.safeParse(body);
  if (fault.success) {
    const { faultstring, detail } = fault.data.fault;
    const code = detail?.errorcode;
    if (faultstring && code) return `${faultstring} (${code})`;
    return faultstring ?? code;
  }
  const oauth = TrinetOAuthErrorSchema.safeParse(body);
  if (oauth.success)
    return oauth.data.Error ? `${oauth.data.Error} (${oauth.data.ErrorCode})` : oauth.data.ErrorCode;
  const envelope = TrinetErrorEnvelopeSchema.safeParse(body);
  if (envelope.success) {
    const { _statusMessage, _statusText } = envelope.data;
    return _statusMessage ?? _statusText ?? undefined;
  }
  return undefined;
}
