/**
 * The &frankly Organization API on the wire: the one module that knows how a request and a response look.
 *
 * WHAT IS A GUESS. Verified ([V], from &frankly's docs and the AlexisHR/Simployer export docs): the endpoint
 * `https://org.api.andfrankly.com/v1/organization`, full-state semantics, an API token from Account → API Access,
 * the user field names (`externalId`, `firstName`, `lastName`, `email`, `phone`, `timezone`, `role`,
 * `accessInfo.memberOf`) and the validator names (`validateThatPhoneNumberIsCorrect`, `validateNoPhoneDuplicates`,
 * `validateDuplicateMailInAnotherCompany`). NOT public, so guessed here ([I]):
 * - the HTTP method (`POST`) and the auth header (`Authorization: Bearer <token>`): {@link franklyAuthorization};
 * - the body nesting: top-level `users` and `groups` arrays, groups as `{ externalId, name, description }`;
 * - the response: a JSON object whose `errors` array lists per-user rejections as
 *   `{ externalId, validation, message? }`; 2xx means the rest was applied, 400/409/422 with such a list means
 *   nothing was applied. The parser is lenient (unknown keys kept, a few likely aliases read) so a near miss still
 *   works; a 2xx body it cannot read counts as success with no rejections, and is logged.
 *
 * When &frankly's swagger.yml (app.andfrankly.com/api/org/swagger.yml) is checked, correct this file only: the
 * builder, the destination and the fake all go through it.
 *
 * @module
 */
import type { IssueCode, SourceInfo } from '@hrsync/core';
import { z } from 'zod';

/**
 * &frankly as issues and errors name it: id `'frankly'`, display name `'&frankly'`.
 *
 * @example
 * ```ts
 * FRANKLY_DESTINATION.displayName; // '&frankly'
 * ```
 */
export const FRANKLY_DESTINATION: SourceInfo = Object.freeze({ id: 'frankly', displayName: '&frankly' });

/** The Organization API origin ([V]). */
export const FRANKLY_DEFAULT_BASE_URL = 'https://org.api.andfrankly.com';

/** The full-state endpoint ([V] path; [I] method `POST`). */
export const FRANKLY_ORGANIZATION_PATH = '/v1/organization';

/** [I] The HTTP method of the full-state push. */
export const FRANKLY_ORGANIZATION_METHOD = 'POST';

/**
 * The `Authorization` header value for an API token. [I] The scheme is not public; `Bearer` is the guess.
 *
 * @example
 * ```ts
 * franklyAuthorization('tok_123'); // 'Bearer tok_123'
 * ```
 */
export function franklyAuthorization(token: string): string {
  return `Bearer ${token}`;
}

/**
 * Reads the token back from an `Authorization` header value (the fake uses it), or `undefined` when the header is
 * not in the guessed scheme.
 *
 * @example
 * ```ts
 * readFranklyToken('Bearer tok_123'); // 'tok_123'
 * readFranklyToken('Basic abc'); // undefined
 * ```
 */
export function readFranklyToken(header: string | null | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * A user's role in &frankly ([V]): `Administrator` for owners, `User` for everyone else.
 *
 * @example
 * ```ts
 * const roleOf = (employee: Employee): FranklyRole => (owners.has(employee.id) ? 'Administrator' : 'User');
 * ```
 */
export type FranklyRole = 'Administrator' | 'User';

/** The schema of {@link FranklyRole}. */
export const FranklyRoleSchema: z.ZodType<FranklyRole> = z.enum(['Administrator', 'User']);

/**
 * What a user may see in &frankly: the groups they belong to.
 *
 * @example
 * ```ts
 * const accessInfo: FranklyAccessInfo = { memberOf: ['organization:ORG1', 'department:D10'] };
 * ```
 */
export interface FranklyAccessInfo {
  /** The `externalId`s of the groups the user belongs to. */
  memberOf: string[];
}

/**
 * One user as sent to &frankly. Field names are [V]; `phone` is E.164 or absent ("correctly formatted, or left
 * blank").
 *
 * @example
 * ```ts
 * const user: FranklyUser = {
 *   externalId: '00001234', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com',
 *   role: 'User', accessInfo: { memberOf: ['department:D10'] },
 * };
 * ```
 */
export interface FranklyUser {
  /** The source's employee id; &frankly matches users on it. */
  externalId: string;
  /** Mandatory. */
  firstName: string;
  /** Mandatory. */
  lastName: string;
  /** The work email, lower-cased; mandatory. */
  email: string;
  /** E.164 (`+46701234567`), or absent. */
  phone?: string | undefined;
  /** IANA time zone name. */
  timezone?: string | undefined;
  /** `Administrator` or `User`. */
  role: FranklyRole;
  /** The user's groups. */
  accessInfo: FranklyAccessInfo;
}

/** The schema of {@link FranklyUser}. */
export const FranklyUserSchema: z.ZodType<FranklyUser> = z.object({
  externalId: z.string().min(1),
  firstName: z.string().min(1),
  lastName: z.string().min(1),
  email: z.string().min(1),
  phone: z.string().min(1).optional(),
  timezone: z.string().min(1).optional(),
  role: FranklyRoleSchema,
  accessInfo: z.object({ memberOf: z.array(z.string().min(1)) }),
});

/**
 * One group as sent to &frankly. [I] The group object's field names are a guess (`externalId`, `name`,
 * `description`); no `parent` is sent, so the tree (if any) is built in &frankly's UI.
 *
 * @example
 * ```ts
 * const group: FranklyGroup = {
 *   externalId: 'department:D10',
 *   name: 'Engineering',
 *   description: 'Users belonging to the Engineering Department in TriNet',
 * };
 * ```
 */
export interface FranklyGroup {
  /** Stable id derived from the source's ids; &frankly matches groups on it. */
  externalId: string;
  /** The entity's name. */
  name: string;
  /** "Users belonging to the [Name] [Kind] in [source]". */
  description: string;
}

/** The schema of {@link FranklyGroup}. */
export const FranklyGroupSchema: z.ZodType<FranklyGroup> = z.object({
  externalId: z.string().min(1),
  name: z.string().min(1),
  description: z.string(),
});

/**
 * The full-state request body. [I] The nesting (top-level `users` and `groups`) is a guess.
 *
 * @example
 * ```ts
 * const body: FranklyOrganization = { users: [], groups: [] }; // removes every managed user and group
 * ```
 */
export interface FranklyOrganization {
  /** Every managed user. */
  users: FranklyUser[];
  /** Every managed group. */
  groups: FranklyGroup[];
}

/** The schema of {@link FranklyOrganization}. */
export const FranklyOrganizationSchema: z.ZodType<FranklyOrganization> = z.object({
  users: z.array(FranklyUserSchema),
  groups: z.array(FranklyGroupSchema),
});

/**
 * A validator &frankly is known to run on users ([V] names, from the AlexisHR export docs).
 *
 * @example
 * ```ts
 * const validation: FranklyValidation = 'validateNoPhoneDuplicates';
 * ```
 */
export type FranklyValidation =
  | 'validateThatPhoneNumberIsCorrect'
  | 'validateNoPhoneDuplicates'
  | 'validateDuplicateMailInAnotherCompany';

/**
 * The catalog code each known &frankly validator maps to; any other validator maps to `UNKNOWN` (its own words are
 * kept in the message).
 *
 * @example
 * ```ts
 * FRANKLY_VALIDATION_CODES.validateNoPhoneDuplicates; // 'EMPLOYEE_DUPLICATE_PHONE'
 * ```
 */
export const FRANKLY_VALIDATION_CODES: Readonly<Record<FranklyValidation, IssueCode>> = Object.freeze({
  validateThatPhoneNumberIsCorrect: 'EMPLOYEE_INVALID_PHONE',
  validateNoPhoneDuplicates: 'EMPLOYEE_DUPLICATE_PHONE',
  validateDuplicateMailInAnotherCompany: 'EMPLOYEE_EMAIL_IN_OTHER_COMPANY',
});

/**
 * [I] One per-user rejection in a response. `externalId` names the user; `validation` the validator that failed.
 * Likely aliases (`userExternalId`, `id`; `code`, `type`, `rule`; `error`) are read too.
 *
 * @example
 * ```ts
 * FranklyUserErrorSchema.parse({ externalId: '42', validation: 'validateNoPhoneDuplicates' });
 * ```
 */
export const FranklyUserErrorSchema = z
  .looseObject({
    externalId: z.string().optional(),
    userExternalId: z.string().optional(),
    id: z.union([z.string(), z.number()]).optional(),
    validation: z.string().optional(),
    code: z.string().optional(),
    type: z.string().optional(),
    rule: z.string().optional(),
    field: z.string().optional(),
    message: z.string().optional(),
    error: z.string().optional(),
  })
  .transform((raw) => {
    const externalId =
      raw.externalId ?? raw.userExternalId ?? (raw.id === undefined ? undefined : String(raw.id));
    const validation = raw.validation ?? raw.rule ?? raw.code ?? raw.type ?? 'unknown';
    const message = raw.message ?? raw.error;
    return {
      ...(externalId !== undefined ? { externalId } : {}),
      validation,
      ...(raw.field !== undefined ? { field: raw.field } : {}),
      ...(message !== undefined ? { message } : {}),
    };
  });
/** One per-user rejection, normalised. */
export type FranklyUserError = z.output<typeof FranklyUserErrorSchema>;

/** Counts &frankly may report per kind ([I]). */
export const FranklyCountsSchema = z.looseObject({
  created: z.number().optional(),
  updated: z.number().optional(),
  removed: z.number().optional(),
  unchanged: z.number().optional(),
  rejected: z.number().optional(),
});
/** Counts &frankly may report per kind. */
export type FranklyCounts = z.infer<typeof FranklyCountsSchema>;

/**
 * [I] The response body of the full-state push: optional counts and a list of per-user rejections under `errors`
 * (also read: `validationErrors`, `rejected`).
 *
 * @example
 * ```ts
 * const body: FranklyOrganizationResponse = {
 *   users: { created: 2, updated: 0, removed: 1, unchanged: 40, rejected: 1 },
 *   groups: { created: 1, updated: 0, removed: 0, unchanged: 6 },
 *   errors: [{ externalId: '42', validation: 'validateNoPhoneDuplicates', message: 'Phone already in use' }],
 * };
 * ```
 */
export const FranklyOrganizationResponseSchema = z.looseObject({
  users: FranklyCountsSchema.optional(),
  groups: FranklyCountsSchema.optional(),
  errors: z.array(FranklyUserErrorSchema).optional(),
  validationErrors: z.array(FranklyUserErrorSchema).optional(),
  rejected: z.array(FranklyUserErrorSchema).optional(),
});
/** The response body of the full-state push, as the guess has it. */
export type FranklyOrganizationResponse = z.input<typeof FranklyOrganizationResponseSchema>;

/** What {@link parseFranklyResponse} read from a response body. */
export interface ParsedFranklyResponse {
  /** False when the body did not match the guessed format at all (then `errors` is empty). */
  recognised: boolean;
  /** Per-user rejections. */
  errors: FranklyUserError[];
  /** Counts of users, when reported. */
  users?: FranklyCounts | undefined;
  /** Counts of groups, when reported. */
  groups?: FranklyCounts | undefined;
}

/**
 * Reads a response body of the full-state push (already JSON-parsed; `undefined` for an empty body) into per-user
 * rejections. It never throws: a body outside the guessed format is `recognised: false`.
 *
 * @example
 * ```ts
 * parseFranklyResponse({ errors: [{ externalId: '42', validation: 'validateNoPhoneDuplicates' }] }).errors;
 * // [{ externalId: '42', validation: 'validateNoPhoneDuplicates' }]
 * parseFranklyResponse(undefined); // { recognised: false, errors: [] }
 * ```
 */
export function parseFranklyResponse(body: unknown): ParsedFranklyResponse {
  // A bare array is read as the list of rejections.
  const input = Array.isArray(body) ? { errors: body } : body;
  if (input === null || typeof input !== 'object') return { recognised: false, errors: [] };
  // Each key is read on its own, so one unexpected key (say `users` as an echo of the users) does not hide the
  // rejections next to it.
  const record = input as Record<string, unknown>;
  const errors: FranklyUserError[] = [];
  let recognised = false;
  for (const key of ['errors', 'validationErrors', 'rejected'] as const) {
    if (record[key] === undefined) continue;
    const list = z.array(FranklyUserErrorSchema).safeParse(record[key]);
    if (list.success) {
      recognised = true;
      errors.push(...list.data);
    }
  }
  const users = FranklyCountsSchema.safeParse(record.users);
  const groups = FranklyCountsSchema.safeParse(record.groups);
  if (users.success || groups.success) recognised = true;
  return {
    recognised,
    errors,
    ...(users.success ? { users: users.data } : {}),
    ...(groups.success ? { groups: groups.data } : {}),
  };
}

/**
 * The catalog code of a &frankly validator name; `UNKNOWN` for any other.
 *
 * @example
 * ```ts
 * codeOfFranklyValidation('validateDuplicateMailInAnotherCompany'); // 'EMPLOYEE_EMAIL_IN_OTHER_COMPANY'
 * codeOfFranklyValidation('somethingElse'); // 'UNKNOWN'
 * ```
 */
export function codeOfFranklyValidation(validation: string): IssueCode {
  return Object.hasOwn(FRANKLY_VALIDATION_CODES, validation)
    ? FRANKLY_VALIDATION_CODES[validation as FranklyValidation]
    : 'UNKNOWN';
}
