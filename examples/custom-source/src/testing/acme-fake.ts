import type { Employee, EmploymentStatus, EmploymentType } from '@hrsync/core';
import type { AcmeEmployee } from '../acme-wire.ts';

/**
 * A Fetch-API request handler: what a fake vendor is. It plugs into `fetch` (see {@link AcmeFake.fetch}), into msw,
 * and into `node:http` on loopback (`startLoopbackServer()` from `@hrsync/testkit`).
 *
 * @example
 * ```ts
 * const handler: FetchHandler = createAcmeFake({ employees }).handler;
 * const response = await handler(new Request('https://api.acme-people.example/v1/me'));
 * ```
 */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * Options of {@link createAcmeFake}.
 *
 * @example
 * ```ts
 * const options: AcmeFakeOptions = { employees: generateRoster({ seed: 1, size: 60 }).employees, pageSize: 25 };
 * ```
 */
export interface AcmeFakeOptions {
  /** The people to serve, canonical (from `generateRoster()`), rendered in Acme People's wire format. */
  employees: readonly Employee[];
  /** The one API key the fake accepts; default `'acme-test-key'`. */
  apiKey?: string | undefined;
  /** People per page when the request asks for none; default 50. A request's `limit` wins, up to 100. */
  pageSize?: number | undefined;
}

/**
 * A fake Acme People API.
 *
 * @example
 * ```ts
 * const fake: AcmeFake = createAcmeFake({ employees });
 * const source = createAcmeSource({ apiKey: fake.apiKey, fetch: fake.fetch });
 * ```
 */
export interface AcmeFake {
  /** The Fetch-API handler. */
  handler: FetchHandler;
  /** The handler as a `fetch`, to pass as the source's `fetch` option. */
  fetch: typeof fetch;
  /** The key the fake accepts. */
  apiKey: string;
  /** Every request received, as `METHOD /path?query`. */
  requests: string[];
}

const WIRE_STATUS: Record<EmploymentStatus, string> = {
  active: 'active',
  leave: 'on_leave',
  pending: 'onboarding',
  terminated: 'offboarded',
};
const WIRE_CONTRACT: Record<EmploymentType, string> = {
  full_time: 'FULL_TIME',
  part_time: 'PART_TIME',
  contractor: 'CONTRACTOR',
  temporary: 'TEMP',
  intern: 'INTERN',
  other: 'OTHER',
};

/**
 * Renders a canonical employee the way Acme People sends it: empty values become `null`. A record with a planted
 * defect (an empty name, an invalid email) is served as it is, which is what the adapter must cope with.
 *
 * @example
 * ```ts
 * renderAcmeEmployee(roster.employees[0]); // { id: 'E00001', first_name: 'Ada', status: 'active', … }
 * ```
 */
export function renderAcmeEmployee(e: Employee): AcmeEmployee {
  const orNull = (value: string | undefined) => (value === undefined || value === '' ? null : value);
  const unit = (ref: Employee['department']) => (ref ? { id: ref.id ?? null, name: orNull(ref.name) } : null);
  return {
    id: e.id,
    employee_number: orNull(e.employeeNumber),
    first_name: orNull(e.firstName),
    last_name: orNull(e.lastName),
    nickname: orNull(e.preferredName),
    email: orNull(e.workEmail),
    phone: orNull(e.workPhone),
    job_title: orNull(e.title),
    department: unit(e.department),
    office: unit(e.location),
    manager_id: orNull(e.managerId),
    status: WIRE_STATUS[e.employmentStatus] ?? e.employmentStatus,
    contract: e.employmentType ? WIRE_CONTRACT[e.employmentType] : null,
    start_date: orNull(e.startDate),
    end_date: orNull(e.endDate),
  };
}

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const error = (status: number, code: string, message: string) => json(status, { error: { code, message } });

// The cursor is opaque to clients: here, the offset of the next record, base64url-encoded.
const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');
const decodeCursor = (cursor: string): number | undefined => {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
};

/**
 * Creates a fake Acme People API serving the given people: `GET /v1/me`, `GET /v1/employees` with cursor pages,
 * `GET /v1/employees/{id}`, the `X-Api-Key` header (401 without the right key), and 404 for anything else. It
 * answers on any origin, so it serves the source's default base URL through `fetch` and a loopback server alike.
 *
 * @example
 * ```ts
 * const fake = createAcmeFake({ employees: generateRoster({ seed: 1, size: 120 }).employees, pageSize: 25 });
 * const source = createAcmeSource({ apiKey: fake.apiKey, fetch: fake.fetch });
 * (await source.fetchSnapshot()).employees.length; // 120
 * fake.requests; // ['GET /v1/employees?limit=50', 'GET /v1/employees?limit=50&cursor=…', …]
 * ```
 */
export function createAcmeFake(options: AcmeFakeOptions): AcmeFake {
  const apiKey = options.apiKey ?? 'acme-test-key';
  const people = options.employees.map(renderAcmeEmployee);
  const requests: string[] = [];

  const handler: FetchHandler = async (request) => {
    const url = new URL(request.url);
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    if (request.headers.get('x-api-key') !== apiKey) {
      return error(401, 'invalid_api_key', 'The API key is missing or not valid.');
    }
    if (request.method !== 'GET') return error(405, 'method_not_allowed', 'Acme People is read-only here.');

    if (url.pathname === '/v1/me') {
      return json(200, { company: { id: 'cmp_1', name: 'Acme Example Inc.' } });
    }
    if (url.pathname === '/v1/employees') {
      const limit = Number(url.searchParams.get('limit') ?? options.pageSize ?? 50);
      const cursor = url.searchParams.get('cursor');
      const offset = cursor === null ? 0 : decodeCursor(cursor);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100 || offset === undefined) {
        return error(400, 'invalid_request', 'limit must be 1 to 100 and cursor one this API returned.');
      }
      const end = offset + limit;
      return json(200, {
        employees: people.slice(offset, end),
        next_cursor: end < people.length ? encodeCursor(end) : null,
      });
    }
    const one = /^\/v1\/employees\/([^/]+)$/.exec(url.pathname);
    if (one) {
      const person = people.find((p) => p.id === decodeURIComponent(one[1] ?? ''));
      return person ? json(200, { employee: person }) : error(404, 'not_found', 'No such employee.');
    }
    return error(404, 'not_found', `No route ${url.pathname}.`);
  };

  return {
    handler,
    fetch: (input, init) => handler(new Request(input, init)),
    apiKey,
    requests,
  };
}
