import {
  FRANKLY_ORGANIZATION_METHOD,
  FRANKLY_ORGANIZATION_PATH,
  type FranklyOrganization,
  FranklyOrganizationSchema,
  type FranklyRole,
  type FranklyUser,
  type FranklyValidation,
  readFranklyToken,
} from '../frankly-wire.ts';

/**
 * A Fetch-API handler: what the fake is. Plug it into msw, `node:http`, or the testkit's `withFaults`.
 *
 * @example
 * ```ts
 * const handler: FetchHandler = withFaults(createFranklyFake().handler, { rate: 0.1 });
 * ```
 */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * A user inside the fake &frankly company.
 *
 * @example
 * ```ts
 * const managed = fake.users().filter((user: FranklyFakeUser) => user.managed);
 * ```
 */
export interface FranklyFakeUser {
  /** The fake's own id (`u1`, `u2`, …). */
  id: string;
  /** The caller's id; only managed users have one. */
  externalId?: string | undefined;
  /** First name. */
  firstName: string;
  /** Last name. */
  lastName: string;
  /** Email, lower-cased. */
  email: string;
  /** Phone number, as sent. */
  phone?: string | undefined;
  /** IANA time zone name. */
  timezone?: string | undefined;
  /** `Administrator` or `User`. */
  role: FranklyRole;
  /** Group `externalId`s (managed users) or fake group ids (hand-made users). */
  memberOf: string[];
  /** True when the user came through the API; false when an admin created it by hand in the app. */
  managed: boolean;
}

/**
 * A group inside the fake &frankly company.
 *
 * @example
 * ```ts
 * const handMade = fake.groups().filter((group: FranklyFakeGroup) => !group.managed);
 * ```
 */
export interface FranklyFakeGroup {
  /** The fake's own id (`g1`, …). */
  id: string;
  /** The caller's id; only managed groups have one. */
  externalId?: string | undefined;
  /** The group's name. */
  name: string;
  /** The group's description. */
  description: string;
  /** True when the group came through the API. */
  managed: boolean;
}

/**
 * A user created by hand in the app, to seed the fake with.
 *
 * @example
 * ```ts
 * const seed: FranklyHandMadeUserSeed = { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com', phone: '+14155550100' };
 * ```
 */
export interface FranklyHandMadeUserSeed {
  /** First name. */
  firstName: string;
  /** Last name. */
  lastName: string;
  /** Email (stored lower-cased). */
  email: string;
  /** Phone number; it counts as taken for `validateNoPhoneDuplicates`. */
  phone?: string | undefined;
  /** Default `User`. */
  role?: FranklyRole | undefined;
}

/**
 * A group created by hand in the app, to seed the fake with.
 *
 * @example
 * ```ts
 * const seed: FranklyHandMadeGroupSeed = { name: 'Leadership', description: 'Created by hand' };
 * ```
 */
export interface FranklyHandMadeGroupSeed {
  /** The group's name. */
  name: string;
  /** The group's description; default empty. */
  description?: string | undefined;
}

/**
 * One request the fake answered. The token is never recorded.
 *
 * @example
 * ```ts
 * const unauthorized = fake.requests.filter((request: FranklyFakeRequest) => !request.authorized);
 * ```
 */
export interface FranklyFakeRequest {
  /** The HTTP method. */
  method: string;
  /** The URL path. */
  path: string;
  /** The HTTP status answered. */
  status: number;
  /** Whether the request carried the right token. */
  authorized: boolean;
  /** The parsed JSON body, when there was one. */
  body?: unknown;
}

/**
 * One per-user rejection, as the fake answers it (the guessed wire format).
 *
 * @example
 * ```ts
 * const rejection: FranklyFakeRejection = {
 *   externalId: '42', validation: 'validateNoPhoneDuplicates', field: 'phone', message: 'Phone number is already registered to another user',
 * };
 * ```
 */
export interface FranklyFakeRejection {
  /** The rejected user. */
  externalId: string;
  /** The validator that failed. */
  validation: FranklyValidation;
  /** The field at fault. */
  field: 'phone' | 'email';
  /** A human-readable reason. */
  message: string;
}

/**
 * Options of {@link createFranklyFake}.
 *
 * @example
 * ```ts
 * const options: FranklyFakeOptions = { token: 'test-token', otherCompanyEmails: ['taken@example.com'], rejectionMode: 'all-or-nothing' };
 * ```
 */
export interface FranklyFakeOptions {
  /** The API token it accepts; default `'frankly-fake-token'`. */
  token?: string | undefined;
  /** Users created by hand in the app: the API never changes or removes them, but their phones count as taken. */
  handMadeUsers?: readonly FranklyHandMadeUserSeed[] | undefined;
  /** Groups created by hand in the app: the API never changes or removes them. */
  handMadeGroups?: readonly FranklyHandMadeGroupSeed[] | undefined;
  /** Emails that already belong to users of other &frankly companies (`validateDuplicateMailInAnotherCompany`). */
  otherCompanyEmails?: Iterable<string> | undefined;
  /**
   * How rejections are answered: `'partial'` (default; the guess) answers 200, applies every other user and lists
   * the rejected ones under `errors`; `'all-or-nothing'` answers 422 with the same list and applies nothing (the
   * other plausible behaviour, which the destination also handles).
   */
  rejectionMode?: 'partial' | 'all-or-nothing' | undefined;
  /**
   * The phone check behind `validateThatPhoneNumberIsCorrect`; default: E.164 (`+` and 7 to 15 digits). A stricter
   * rule simulates &frankly refusing a number the pre-flight check accepted.
   */
  isValidPhone?: ((phone: string) => boolean) | undefined;
}

/**
 * Counts of what one push changed.
 *
 * @example
 * ```ts
 * const body = (await response.json()) as { users: FranklyFakeCounts };
 * body.users.created; // 3
 * ```
 */
export interface FranklyFakeCounts {
  /** Managed users created. */
  created: number;
  /** Managed users changed. */
  updated: number;
  /** Managed users removed (not in the push). */
  removed: number;
  /** Managed users sent as they were. */
  unchanged: number;
  /** Users rejected by a validation. */
  rejected: number;
}

/**
 * A fake &frankly company behind the Organization API.
 *
 * @example
 * ```ts
 * const fake: FranklyFake = createFranklyFake();
 * const destination = createFranklyDestination({ token: fake.token, fetch: fake.fetch });
 * ```
 */
export interface FranklyFake {
  /** The Fetch-API handler. */
  readonly handler: FetchHandler;
  /** A `fetch` replacement that answers every URL with the handler (pass it as the destination's `fetch` option). */
  readonly fetch: typeof fetch;
  /** The token it accepts. */
  readonly token: string;
  /** Every request answered so far, oldest first. */
  readonly requests: readonly FranklyFakeRequest[];
  /** Every push body it processed (auth passed, body valid, every user rejected or not), oldest first. */
  readonly received: readonly FranklyOrganization[];
  /** Every user in the company now, hand-made ones included. */
  users(): FranklyFakeUser[];
  /** Every group in the company now, hand-made ones included. */
  groups(): FranklyFakeGroup[];
  /** The managed user with this `externalId`, if any. */
  user(externalId: string): FranklyFakeUser | undefined;
  /** Adds a user by hand (as an admin would in the app). */
  addHandMadeUser(seed: FranklyHandMadeUserSeed): FranklyFakeUser;
  /** Adds an email that belongs to another &frankly company. */
  addOtherCompanyEmail(email: string): void;
}

const E164 = /^\+[1-9]\d{6,14}$/;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/**
 * Creates a fake &frankly Organization API for tests and demos, in the wire format guessed in `frankly-wire.ts`:
 *
 * - `POST /v1/organization` with `Authorization: Bearer <token>` (anything else: 401);
 * - full-state semantics: managed users and groups (those that came through the API, matched by `externalId`)
 *   are created, updated and removed to match the body; hand-made ones are never touched;
 * - the three validations &frankly is known for, per user: a phone not in E.164
 *   (`validateThatPhoneNumberIsCorrect`), a phone another user already has, hand-made users and earlier users of
 *   the same body included (`validateNoPhoneDuplicates`), an email of another company
 *   (`validateDuplicateMailInAnotherCompany`); a rejected user is not applied (a new one is not created, an existing
 *   one stays as it was);
 * - 200 with `{ users, groups, errors }` counts and rejections (or 422 in `all-or-nothing` mode);
 * - 400 for a body that is not a valid organization (or names a group it does not define), 404/405 elsewhere.
 *
 * Wrap {@link FranklyFake.handler} with the testkit's `withFaults()` for latency, 429, 5xx and dropped connections.
 *
 * @example
 * ```ts
 * const fake = createFranklyFake({
 *   handMadeUsers: [{ firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com', phone: '+14155550100' }],
 *   otherCompanyEmails: ['taken@example.com'],
 * });
 * const destination = createFranklyDestination({ token: fake.token, fetch: fake.fetch });
 * await destination.apply(plan);
 * fake.users().filter((u) => u.managed).length;
 * ```
 */
export function createFranklyFake(options: FranklyFakeOptions = {}): FranklyFake {
  const token = options.token ?? 'frankly-fake-token';
  const mode = options.rejectionMode ?? 'partial';
  const isValidPhone = options.isValidPhone ?? ((phone: string) => E164.test(phone));
  const otherCompanyEmails = new Set(
    [...(options.otherCompanyEmails ?? [])].map((e) => e.trim().toLowerCase()),
  );
  let nextUser = 1;
  let nextGroup = 1;
  const users: FranklyFakeUser[] = [];
  const groups: FranklyFakeGroup[] = [];
  const requests: FranklyFakeRequest[] = [];
  const received: FranklyOrganization[] = [];

  const addHandMadeUser = (seed: FranklyHandMadeUserSeed): FranklyFakeUser => {
    const user: FranklyFakeUser = {
      id: `u${nextUser++}`,
      firstName: seed.firstName,
      lastName: seed.lastName,
      email: seed.email.trim().toLowerCase(),
      ...(seed.phone !== undefined ? { phone: seed.phone } : {}),
      role: seed.role ?? 'User',
      memberOf: [],
      managed: false,
    };
    users.push(user);
    return structuredClone(user);
  };
  for (const seed of options.handMadeUsers ?? []) addHandMadeUser(seed);
  for (const seed of options.handMadeGroups ?? []) {
    groups.push({
      id: `g${nextGroup++}`,
      name: seed.name,
      description: seed.description ?? '',
      managed: false,
    });
  }

  const push = (body: FranklyOrganization) => {
    const handMadeGroupIds = new Set(groups.filter((g) => !g.managed).map((g) => g.id));
    const defined = new Set(body.groups.map((g) => g.externalId));
    for (const user of body.users) {
      for (const id of user.accessInfo.memberOf) {
        if (!defined.has(id) && !handMadeGroupIds.has(id)) {
          return json(400, { message: `User ${user.externalId} is a member of unknown group ${id}` });
        }
      }
    }
    const seenIds = new Set<string>();
    for (const user of body.users) {
      if (seenIds.has(user.externalId)) {
        return json(400, { message: `externalId ${user.externalId} appears twice` });
      }
      seenIds.add(user.externalId);
    }

    // Validations, in body order; phones already taken: hand-made users' and earlier accepted users'.
    const takenPhones = new Set(users.filter((u) => !u.managed && u.phone).map((u) => u.phone as string));
    const rejections: FranklyFakeRejection[] = [];
    const accepted: FranklyUser[] = [];
    for (const user of body.users) {
      const mine: FranklyFakeRejection[] = [];
      if (user.phone !== undefined && !isValidPhone(user.phone)) {
        mine.push({
          externalId: user.externalId,
          validation: 'validateThatPhoneNumberIsCorrect',
          field: 'phone',
          message: 'Phone number needs to be correctly formatted, or left blank',
        });
      } else if (user.phone !== undefined && takenPhones.has(user.phone)) {
        mine.push({
          externalId: user.externalId,
          validation: 'validateNoPhoneDuplicates',
          field: 'phone',
          message: 'Phone number is already registered to another user',
        });
      }
      if (otherCompanyEmails.has(user.email.trim().toLowerCase())) {
        mine.push({
          externalId: user.externalId,
          validation: 'validateDuplicateMailInAnotherCompany',
          field: 'email',
          message: 'Email address already exists in another company',
        });
      }
      if (mine.length > 0) rejections.push(...mine);
      else {
        accepted.push(user);
        if (user.phone !== undefined) takenPhones.add(user.phone);
      }
    }
    const rejectedIds = new Set(rejections.map((r) => r.externalId));
    if (mode === 'all-or-nothing' && rejections.length > 0) {
      return json(422, { message: 'Validation failed; nothing was applied', errors: rejections });
    }

    // Groups: upsert managed ones, remove managed ones not sent.
    const groupCounts = { created: 0, updated: 0, removed: 0, unchanged: 0 };
    for (const sent of body.groups) {
      const existing = groups.find((g) => g.managed && g.externalId === sent.externalId);
      if (!existing) {
        groups.push({ id: `g${nextGroup++}`, ...sent, managed: true });
        groupCounts.created++;
      } else if (existing.name !== sent.name || existing.description !== sent.description) {
        existing.name = sent.name;
        existing.description = sent.description;
        groupCounts.updated++;
      } else groupCounts.unchanged++;
    }
    for (let i = groups.length - 1; i >= 0; i--) {
      const group = groups[i]!;
      if (group.managed && !defined.has(group.externalId!)) {
        groups.splice(i, 1);
        groupCounts.removed++;
      }
    }

    // Users: upsert accepted ones; remove managed ones not sent (a rejected one stays as it was).
    const userCounts: FranklyFakeCounts = {
      created: 0,
      updated: 0,
      removed: 0,
      unchanged: 0,
      rejected: rejectedIds.size,
    };
    for (const sent of accepted) {
      const next: Omit<FranklyFakeUser, 'id'> = {
        externalId: sent.externalId,
        firstName: sent.firstName,
        lastName: sent.lastName,
        email: sent.email.trim().toLowerCase(),
        ...(sent.phone !== undefined ? { phone: sent.phone } : {}),
        ...(sent.timezone !== undefined ? { timezone: sent.timezone } : {}),
        role: sent.role,
        memberOf: [...sent.accessInfo.memberOf],
        managed: true,
      };
      const index = users.findIndex((u) => u.managed && u.externalId === sent.externalId);
      if (index === -1) {
        users.push({ id: `u${nextUser++}`, ...next });
        userCounts.created++;
      } else {
        const existing = users[index]!;
        const updated = { id: existing.id, ...next };
        if (JSON.stringify(updated) === JSON.stringify(existing)) userCounts.unchanged++;
        else {
          users[index] = updated;
          userCounts.updated++;
        }
      }
    }
    for (let i = users.length - 1; i >= 0; i--) {
      const user = users[i]!;
      if (user.managed && !seenIds.has(user.externalId!)) {
        users.splice(i, 1);
        userCounts.removed++;
      }
    }
    return json(200, { users: userCounts, groups: groupCounts, errors: rejections });
  };

  const handler: FetchHandler = async (request) => {
    const url = new URL(request.url);
    const path = url.pathname.replace(/\/+$/, '');
    const authorized = readFranklyToken(request.headers.get('authorization')) === token;
    const record: FranklyFakeRequest = { method: request.method, path, status: 0, authorized };
    requests.push(record);
    const answer = (response: Response) => {
      record.status = response.status;
      return response;
    };
    if (path !== FRANKLY_ORGANIZATION_PATH) return answer(json(404, { message: 'Not found' }));
    if (request.method !== FRANKLY_ORGANIZATION_METHOD) {
      return answer(json(405, { message: `Method ${request.method} not allowed` }));
    }
    if (!authorized) return answer(json(401, { message: 'Invalid or missing API token' }));
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return answer(json(400, { message: 'Body is not JSON' }));
    }
    record.body = body;
    const parsed = FranklyOrganizationSchema.safeParse(body);
    if (!parsed.success) {
      return answer(
        json(400, {
          message: 'Body is not a valid organization',
          details: parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.')}: ${i.message}`),
        }),
      );
    }
    const response = push(parsed.data);
    if (response.status !== 400) received.push(structuredClone(parsed.data));
    return answer(response);
  };

  return {
    handler,
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      init?.signal?.throwIfAborted();
      return handler(new Request(input, init));
    }) as typeof fetch,
    token,
    requests,
    received,
    users: () => structuredClone(users),
    groups: () => structuredClone(groups),
    user: (externalId) => {
      const found = users.find((u) => u.managed && u.externalId === externalId);
      return found ? structuredClone(found) : undefined;
    },
    addHandMadeUser,
    addOtherCompanyEmail: (email) => {
      otherCompanyEmails.add(email.trim().toLowerCase());
    },
  };
}
