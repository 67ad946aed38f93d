// A fake of "RefHR", a made-up vendor used only to prove the conformance suites: an HR API with Bearer keys and
// cursor pages of people, and a user directory with Token auth that the reference destination writes to.
import type { Employee, EmploymentStatus } from '@hrsync/core';
import type { FetchHandler, SeedUser } from '../../src/index.ts';

/** The origin both fakes answer on. */
export const REFHR_BASE_URL = 'https://api.refhr.test';

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const WIRE_STATUS: Record<EmploymentStatus, string> = {
  active: 'active',
  leave: 'on_leave',
  pending: 'pending',
  terminated: 'terminated',
};

/** One person as RefHR sends it: empty canonical fields become `null`. */
export function renderRefhrPerson(e: Employee): Record<string, unknown> {
  const orNull = (value: string | undefined) => (value === undefined || value === '' ? null : value);
  return {
    id: e.id,
    employee_number: orNull(e.employeeNumber),
    given_name: orNull(e.firstName),
    family_name: orNull(e.lastName),
    email: orNull(e.workEmail),
    phone: orNull(e.workPhone),
    job_title: orNull(e.title),
    department: e.department ? { id: e.department.id ?? null, name: orNull(e.department.name) } : null,
    site: e.location ? { id: e.location.id ?? null, name: orNull(e.location.name) } : null,
    manager_id: orNull(e.managerId),
    status: WIRE_STATUS[e.employmentStatus] ?? e.employmentStatus,
    hired_on: orNull(e.startDate),
    left_on: orNull(e.endDate),
  };
}

/** Options of {@link createRefhrFake}. */
export interface RefhrFakeOptions {
  apiKey: string;
  employees: readonly Employee[];
  /** Default page size; `limit` may ask for another, up to 100. */
  pageSize?: number;
}

/** The RefHR people API: `GET /v1/account`, `GET /v1/people?limit=&cursor=`. */
export function createRefhrFake(options: RefhrFakeOptions): FetchHandler {
  const people = options.employees.map(renderRefhrPerson);
  return async (request) => {
    const url = new URL(request.url);
    if (url.origin !== REFHR_BASE_URL)
      return json(404, { error: { code: 'not_found', message: 'unknown host' } });
    if (request.headers.get('authorization') !== `Bearer ${options.apiKey}`) {
      return json(401, { error: { code: 'invalid_api_key', message: 'The API key is not valid.' } });
    }
    if (request.method === 'GET' && url.pathname === '/v1/account') {
      return json(200, { account: { id: 'acct_1', name: 'Example Corp' } });
    }
    if (request.method === 'GET' && url.pathname === '/v1/people') {
      const limit = Math.min(100, Number(url.searchParams.get('limit') ?? options.pageSize ?? 25));
      const cursor = Number(url.searchParams.get('cursor') ?? 0);
      if (!Number.isInteger(cursor) || cursor < 0 || !(limit > 0)) {
        return json(400, { error: { code: 'bad_request', message: 'bad cursor or limit' } });
      }
      const data = people.slice(cursor, cursor + limit);
      const end = cursor + limit >= people.length;
      return json(200, { data, next: end ? null : `/v1/people?limit=${limit}&cursor=${cursor + limit}` });
    }
    return json(404, { error: { code: 'not_found', message: `no route ${request.method} ${url.pathname}` } });
  };
}

/** A user of the RefHR directory, as the destination side sends it. */
export interface RefhrUser {
  id: string;
  external_id: string | null;
  email: string;
  first_name: string;
  last_name: string;
  title: string | null;
  active: boolean;
}

/** Options of {@link createRefhrDirectoryFake}. */
export interface RefhrDirectoryFakeOptions {
  token: string;
  users?: readonly SeedUser[];
  rejectWorkEmails?: readonly string[];
  pageSize?: number;
}

/**
 * The RefHR user directory: `GET /v1/users?page=`, `POST /v1/users`, `PATCH /v1/users/:id`, with `Token` auth. A
 * write of a refused email answers 422; an email already taken answers 409.
 */
export function createRefhrDirectoryFake(options: RefhrDirectoryFakeOptions): FetchHandler {
  const users = new Map<string, RefhrUser>();
  let next = 1;
  for (const seed of options.users ?? []) {
    const id = `usr_${next++}`;
    users.set(id, {
      id,
      external_id: seed.sourceId ?? null,
      email: seed.workEmail ?? `${id}@example.com`,
      first_name: seed.firstName ?? '',
      last_name: seed.lastName ?? '',
      title: seed.title ?? null,
      active: seed.archived !== true,
    });
  }
  const refused = new Set((options.rejectWorkEmails ?? []).map((e) => e.toLowerCase()));
  const pageSize = options.pageSize ?? 5;
  const emailTaken = (email: string, except?: string) =>
    [...users.values()].some((u) => u.id !== except && u.email.toLowerCase() === email.toLowerCase());

  return async (request) => {
    const url = new URL(request.url);
    if (request.headers.get('authorization') !== `Token ${options.token}`) {
      return json(401, { error: { message: 'invalid token' } });
    }
    if (request.method === 'GET' && url.pathname === '/v1/users') {
      const page = Number(url.searchParams.get('page') ?? 1);
      const all = [...users.values()];
      const slice = all.slice((page - 1) * pageSize, page * pageSize);
      return json(200, { users: slice, next_page: page * pageSize < all.length ? page + 1 : null });
    }
    if (request.method === 'POST' && url.pathname === '/v1/users') {
      const body = (await request.json()) as Partial<RefhrUser>;
      const email = String(body.email ?? '');
      if (refused.has(email.toLowerCase()))
        return json(422, { error: { message: `email ${email} is blocked` } });
      if (emailTaken(email)) return json(409, { error: { message: `email ${email} is taken` } });
      const id = `usr_${next++}`;
      const user: RefhrUser = {
        id,
        external_id: body.external_id ?? null,
        email,
        first_name: String(body.first_name ?? ''),
        last_name: String(body.last_name ?? ''),
        title: body.title ?? null,
        active: body.active ?? true,
      };
      users.set(id, user);
      return json(201, { user });
    }
    const match = /^\/v1\/users\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'PATCH' && match) {
      const user = users.get(decodeURIComponent(match[1] ?? ''));
      if (!user) return json(404, { error: { message: 'no such user' } });
      const body = (await request.json()) as Partial<RefhrUser>;
      const email = body.email ?? user.email;
      if (refused.has(email.toLowerCase()))
        return json(422, { error: { message: `email ${email} is blocked` } });
      if (emailTaken(email, user.id)) return json(409, { error: { message: `email ${email} is taken` } });
      Object.assign(user, body, { id: user.id });
      return json(200, { user });
    }
    return json(404, { error: { message: `no route ${request.method} ${url.pathname}` } });
  };
}
