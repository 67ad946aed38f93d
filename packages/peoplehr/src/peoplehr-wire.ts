/**
 * Zod schemas of what People HR (Access PeopleHR) sends on the wire, quirks included (see `vendor-apis.md` §2).
 *
 * What is verified and what is inferred:
 * - **[V]** Every call is a JSON POST to `/Employee` with `APIKey` and `Action` in the body; the answer is an
 *   envelope `{ isError, Status, Message, Result }` whose flag is `isError` with a **lower-case i**; errors come back
 *   as **HTTP 200** with `isError: true`; an empty answer says `"No records found."` and may lack `Result`.
 * - **[V]** Every employee field is an object `{ DisplayValue, FieldHistory... }`, except `LeavingDate`,
 *   `ReasonForLeaving`, `UniqueKey` and a few others, which are plain strings. Empty values are `""`, never `null`.
 * - **[I]** The exact texts of the invalid-key and rate-limit errors, and all numeric `Status` codes of failures.
 *
 * Two levels of strictness, as in every hrsync adapter: the **envelope is strict** (an answer without a boolean
 * `isError` is an invalid response, never a guess) and **records are loose** (each is checked alone with
 * `safeParse`, unknown keys are kept, so one odd person becomes one issue and the rest still sync).
 *
 * @module
 */
import { z } from 'zod';

/**
 * A People HR field: `{ "DisplayValue": "Cormac", "FieldHistory": [] }`. The value is a string in every fixture seen;
 * numbers and `null` are accepted too so that one odd value never rejects the whole person. History arrays are kept
 * as sent (loose) and never read.
 *
 * @example
 * ```ts
 * PeopleHrFieldSchema.parse({ DisplayValue: 'Head Office', FieldHistoryForEffectiveDate: [] });
 * ```
 */
export const PeopleHrFieldSchema = z
  .object({
    DisplayValue: z.union([z.string(), z.number(), z.boolean()]).nullish(),
  })
  .loose();
/**
 * A People HR field.
 *
 * @example
 * ```ts
 * const field: PeopleHrField = { DisplayValue: 'Head Office' };
 * ```
 */
export type PeopleHrField = z.infer<typeof PeopleHrFieldSchema>;

const field = PeopleHrFieldSchema.nullish();
const plain = z.union([z.string(), z.number()]).nullish();

/**
 * `ContactDetail`: phone numbers and the personal email, each a `{ DisplayValue }` field.
 *
 * @example
 * ```ts
 * PeopleHrContactDetailSchema.parse({ WorkPhoneNumber: { DisplayValue: '020 7946 0958', FieldHistory: [] } });
 * ```
 */
export const PeopleHrContactDetailSchema = z
  .object({
    Address: field,
    WorkPhoneNumber: field,
    PersonalPhoneNumber: field,
    PersonalEmail: field,
    Mobile: field,
  })
  .loose();
/**
 * `ContactDetail`.
 *
 * @example
 * ```ts
 * const contact: PeopleHrContactDetail = { WorkPhoneNumber: { DisplayValue: '020 7946 0958' } };
 * ```
 */
export type PeopleHrContactDetail = z.infer<typeof PeopleHrContactDetailSchema>;

/**
 * One employee as `GetAllEmployeeDetail` (in `Result[]`) and `GetEmployeeDetailById` (as `Result`) send it. Only the
 * fields hrsync reads are named; the rest (bank details, right to work, history arrays, API columns...) are kept as
 * sent and never read. `LeavingDate`, `ReasonForLeaving` and `UniqueKey` are plain strings, not `{ DisplayValue }`.
 *
 * @example
 * ```ts
 * const person = PeopleHrEmployeeSchema.safeParse(record);
 * if (person.success) person.data.FirstName?.DisplayValue; // 'Cormac'
 * ```
 */
export const PeopleHrEmployeeSchema = z
  .object({
    /** The human-facing id (`PW2`); admins can rename it (`UpdateEmployeeId`). */
    EmployeeId: field,
    /** A salutation (`Mr`, `Dr`), not the job title: that is `JobRole`. */
    Title: field,
    FirstName: field,
    LastName: field,
    OtherName: field,
    /** The preferred name. */
    KnownAs: field,
    /** The work email. */
    EmailId: field,
    StartDate: field,
    DateOfBirth: field,
    /** The position. */
    JobRole: field,
    Company: field,
    Location: field,
    Department: field,
    /** The manager's full name, for display. */
    ReportsTo: field,
    /** The manager's `EmployeeId` (not their `UniqueKey`). */
    ReportsToEmployeeId: field,
    ReportsToEmailAddress: field,
    EmploymentType: field,
    /** `"1"` for an active person in every fixture seen; its meaning is undocumented, so it is not read. */
    EmployeeStatus: field,
    ContactDetail: PeopleHrContactDetailSchema.nullish(),
    /** A plain string (`"2024-05-31"` or `""`), unlike almost every other field. */
    LeavingDate: plain,
    /** A plain string. */
    ReasonForLeaving: plain,
    /** The stable id (a GUID); survives a rename of `EmployeeId`. A plain string. */
    UniqueKey: plain,
  })
  .loose();
/**
 * One People HR employee as the wire carries it.
 *
 * @example
 * ```ts
 * const person: PeopleHrEmployee = PeopleHrEmployeeSchema.parse(record);
 * person.LeavingDate; // '2024-05-31' or ''
 * ```
 */
export type PeopleHrEmployee = z.infer<typeof PeopleHrEmployeeSchema>;

/**
 * The envelope of every answer, strict on the one field that decides everything: `isError`, a boolean, spelled with
 * a lower-case i ([V]: case-sensitive clients read `isError`; People HR's own OpenAPI says `IsError`, so that
 * spelling is accepted as a fallback). `Status` is an int (0 on success); `Result` is an array, an object, `null`
 * or missing depending on the action and on whether anything was found.
 *
 * @example
 * ```ts
 * const envelope = PeopleHrEnvelopeSchema.parse({ isError: false, Status: 0, Message: 'OK', Result: [] });
 * if (envelope.isError) throw new Error(envelope.Message);
 * ```
 */
export const PeopleHrEnvelopeSchema = z.preprocess(
  (value) => {
    if (value && typeof value === 'object' && !('isError' in value) && 'IsError' in value) {
      const { IsError, ...rest } = value as Record<string, unknown>;
      return { ...rest, isError: IsError };
    }
    return value;
  },
  z
    .object({
      isError: z.boolean(),
      Status: z.union([z.number(), z.string()]).nullish(),
      Message: z.string().nullish(),
      Result: z.unknown().optional(),
    })
    .loose(),
);
/**
 * The envelope of every People HR answer.
 *
 * @example
 * ```ts
 * const envelope: PeopleHrEnvelope = PeopleHrEnvelopeSchema.parse(body);
 * if (envelope.isError) console.log(envelope.Message);
 * ```
 */
export type PeopleHrEnvelope = z.infer<typeof PeopleHrEnvelopeSchema>;

/**
 * `Result` of `GetCompanyInformation` ([V] Deskpro fixture: `{ CompanyId, SubDomain, CompanyName }`).
 *
 * @example
 * ```ts
 * const company = PeopleHrCompanyInformationSchema.parse(envelope.Result);
 * company.CompanyName; // 'Deskpro'
 * ```
 */
export const PeopleHrCompanyInformationSchema = z
  .object({
    CompanyId: plain,
    SubDomain: plain,
    CompanyName: plain,
  })
  .loose();
/**
 * `Result` of `GetCompanyInformation`.
 *
 * @example
 * ```ts
 * const company: PeopleHrCompanyInformation = PeopleHrCompanyInformationSchema.parse(envelope.Result);
 * ```
 */
export type PeopleHrCompanyInformation = z.infer<typeof PeopleHrCompanyInformationSchema>;

/**
 * The actions hrsync sends. All three only read: hrsync never changes People HR, and a test proves it.
 *
 * @example
 * ```ts
 * PEOPLEHR_READ_ACTIONS.includes('GetAllEmployeeDetail'); // true
 * ```
 */
export const PEOPLEHR_READ_ACTIONS = [
  'GetCompanyInformation',
  'GetAllEmployeeDetail',
  'GetEmployeeDetailById',
] as const;
/**
 * An action hrsync sends.
 *
 * @example
 * ```ts
 * const action: PeopleHrReadAction = 'GetEmployeeDetailById';
 * ```
 */
export type PeopleHrReadAction = (typeof PEOPLEHR_READ_ACTIONS)[number];

/**
 * The webhook event ids that change who works where: New Starter Added (1), Employee Detail Updated (2), Marked
 * Leaver (3) and Employee Deleted (18). Every other id (holidays, sickness, logbooks...) is acknowledged and ignored.
 *
 * @example
 * ```ts
 * PEOPLEHR_PERSON_EVENT_IDS.includes(18); // true
 * ```
 */
export const PEOPLEHR_PERSON_EVENT_IDS = [1, 2, 3, 18] as const;
/**
 * An event id that names a person whose record changed.
 *
 * @example
 * ```ts
 * const leaver: PeopleHrPersonEventId = 3;
 * ```
 */
export type PeopleHrPersonEventId = (typeof PEOPLEHR_PERSON_EVENT_IDS)[number];

const numeric = z.union([
  z.number().int(),
  z
    .string()
    .trim()
    .regex(/^\d{1,4}$/)
    .transform(Number),
]);

/**
 * A webhook event, after its body (JSON, form-encoded or `key:value` text) was read into key/value pairs. People HR
 * documents the keys ([V]: `ActionId`, `Action`, `EmployeeId`, and for updates `FieldName`, `NewValue`, `OldValue`,
 * `Reason`), not the wire format ([?]); `ActionId` may arrive as a number or a string of digits.
 *
 * @example
 * ```ts
 * PeopleHrWebhookEventSchema.parse({ ActionId: '1', Action: 'New Starter Added', EmployeeId: 'PW21' });
 * // { ActionId: 1, Action: 'New Starter Added', EmployeeId: 'PW21' }
 * ```
 */
export const PeopleHrWebhookEventSchema = z
  .object({
    ActionId: numeric,
    Action: z.string().optional(),
    EmployeeId: z
      .union([z.string(), z.number()])
      .transform((v) => String(v).trim())
      .optional(),
    FieldName: z.string().optional(),
    NewValue: z.string().optional(),
    OldValue: z.string().optional(),
    Reason: z.string().optional(),
  })
  .loose();
/**
 * A People HR webhook event.
 *
 * @example
 * ```ts
 * const event: PeopleHrWebhookEvent = { ActionId: 18, Action: 'Employee Deleted', EmployeeId: 'PW21' };
 * ```
 */
export type PeopleHrWebhookEvent = z.infer<typeof PeopleHrWebhookEventSchema>;

/**
 * The names People HR gives the person events ([V] its webhook description), by `ActionId`.
 *
 * @example
 * ```ts
 * PEOPLEHR_PERSON_EVENT_NAMES[3]; // 'Marked Leaver'
 * ```
 */
export const PEOPLEHR_PERSON_EVENT_NAMES: Readonly<Record<PeopleHrPersonEventId, string>> = Object.freeze({
  1: 'New Starter Added',
  2: 'Employee Detail Updated',
  3: 'Marked Leaver',
  18: 'Employee Deleted',
});
