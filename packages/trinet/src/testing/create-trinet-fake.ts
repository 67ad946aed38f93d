import type { Employee, OrgUnit } from '@hrsync/core';
import { sleep } from '@hrsync/core/http';
import {
  renderTrinetDepartment,
  renderTrinetEmployee,
  renderTrinetLocation,
  type TrinetView,
} from './render-trinet-employee.ts';

/** A Fetch-API request handler: what msw, `node:http` adapters and `fetch` replacements plug into.
 *
 * @example
 * ```ts
 * const handler: FetchHandler = createTrinetFake().handler;
 * const response = await handler(new Request('https://api.trinet.com/v1/company/ABC/locations'));
 * ```
 */
export type FetchHandler = (request: Request) => Promise<Response>;

/** The scopes TriNet grants API credentials (help.merge.dev).
 *
 * @example
 * ```ts
 * const scopes: TrinetScope[] = ['basic-read', 'hr-admin-read'];
 * createTrinetFake({ scopes });
 * ```
 */
export type TrinetScope = 'basic-read' | 'hr-admin-read' | 'hr-pay-read' | 'hr-personal-read';

/** The data routes of the fake, for per-route scope requirements.
 *
 * @example
 * ```ts
 * createTrinetFake({ routeScopes: { employees: 'hr-personal-read' } satisfies Partial<Record<TrinetFakeRoute, string>> });
 * ```
 */
export type TrinetFakeRoute = 'employees' | 'departments' | 'locations' | 'org-details';

/** One request the fake answered, for tests and benchmarks.
 *
 * @example
 * ```ts
 * const pages = fake.requests.filter((r: TrinetFakeRequest) => r.path.endsWith('/employees')).map((r) => r.query.offset);
 * ```
 */
export interface TrinetFakeRequest {
  method: string;
  /** The path, without the query (`/v1/company/ABC/employees`). */
  path: string;
  /** The query parameters (`{ offset: '101', viewType: 'All' }`). */
  query: Record<string, string>;
  /** When the request arrived, in the fake's clock (epoch ms). */
  time: number;
  /** The status it answered. */
  status: number;
}

/** Options of {@link createTrinetFake}. Every option has a default, so `createTrinetFake()` serves an empty company.
 *
 * @example
 * ```ts
 * const options: TrinetFakeOptions = { companyId: 'CJ6', employees: roster.employees, latencyMs: 50, tokenLifetimeSeconds: 60 };
 * const fake = createTrinetFake(options);
 * ```
 */
export interface TrinetFakeOptions {
  /** The company the credentials are for; default `'ABC'`. Any other company id in a path is a 404. */
  companyId?: string | undefined;
  /** Default `'fake-client-id'`. */
  clientId?: string | undefined;
  /** Default `'fake-client-secret'`. */
  clientSecret?: string | undefined;
  /** `companyName` of org-details; default `'Acme Robotics'`. */
  companyName?: string | undefined;
  /** `legalName` of org-details; default the company name with `, Inc.`. */
  legalName?: string | undefined;
  /** The scopes the credentials carry; default `['basic-read', 'hr-admin-read']`. */
  scopes?: readonly string[] | undefined;
  /**
   * The scope each route needs ([I]: TriNet does not say which scope covers which endpoint); default `basic-read`
   * for org-details, departments and locations, `hr-admin-read` for employees.
   */
  routeScopes?: Partial<Record<TrinetFakeRoute, string>> | undefined;
  /** The people to serve, in canonical form (for example `generateRoster(...).employees`), in this order. */
  employees?: readonly Employee[] | undefined;
  /**
   * Wire records served as they are after the canonical people: for bad-input tests (a record whose `names` is not
   * a list, an unknown status code).
   */
  rawEmployees?: readonly unknown[] | undefined;
  /** Departments; default the distinct departments of the people. */
  departments?: readonly OrgUnit[] | undefined;
  /** Locations; default the distinct locations of the people. */
  locations?: readonly OrgUnit[] | undefined;
  /**
   * The view the employees list renders: `'auto'` (default) follows the request, `viewType=All` giving the all view
   * and anything else the basic view, as TriNet does; `'basic'` or `'all'` force one.
   */
  view?: TrinetView | 'auto' | undefined;
  /** Records per page; default 100, TriNet's fixed page size. */
  pageSize?: number | undefined;
  /** Include `data.employeesTotal` in pages (the CluedIn model has it; Apideck says TriNet omits it); default true. */
  employeesTotal?: boolean | undefined;
  /** Token lifetime in seconds (`expires_in`); default 3599, as in TriNet's sample. */
  tokenLifetimeSeconds?: number | undefined;
  /** Added delay per request in ms, or a function of the request; default none. */
  latencyMs?: number | ((request: Request) => number) | undefined;
  /** The fake's clock, epoch ms; default `Date.now`. */
  now?: (() => number) | undefined;
}

/** Fields to change on a person of the fake; `undefined` removes the field (a manager who left, a cleared title).
 *
 * @example
 * ```ts
 * const patch: EmployeePatch = { title: 'Head of Sales', managerId: undefined };
 * fake.updateEmployee('00001234', patch);
 * ```
 */
export type EmployeePatch = { [K in keyof Employee]?: Employee[K] | undefined };

/** A mutable fake TriNet: its handler, its request log and ways to change the roster mid-test.
 *
 * @example
 * ```ts
 * const fake: TrinetFake = createTrinetFake({ employees });
 * fake.removeEmployee(employees[0].id); // a leaver
 * fake.expireTokens(); // the next call gets a 401 and must refresh
 * ```
 */
export interface TrinetFake {
  /** The Fetch-API handler: plug it into msw, `node:http`, or use {@link TrinetFake.fetch}. */
  readonly handler: FetchHandler;
  /** A `fetch` replacement that answers every URL with the handler (pass it as the adapter's `fetch` option). */
  readonly fetch: typeof fetch;
  /** The company id it serves. */
  readonly companyId: string;
  /** The credentials it accepts. */
  readonly credentials: { readonly clientId: string; readonly clientSecret: string };
  /** Every request answered so far, oldest first. */
  readonly requests: readonly TrinetFakeRequest[];
  /** Requests in flight now, and the most seen at once since the last {@link TrinetFake.resetStats}. */
  readonly stats: { readonly inFlight: number; readonly maxInFlight: number; readonly tokensIssued: number };
  /** Clears the request log and the counters. */
  resetStats(): void;
  /** Makes every token issued so far expired (the next call with one gets TriNet's "Access Token expired" 401). */
  expireTokens(): void;
  /** Replaces the scopes the credentials carry (tokens issued later carry them; earlier ones keep theirs). */
  setScopes(scopes: readonly string[]): void;
  /** The people served now, canonical ones as given (raw wire records are not included). */
  employees(): Employee[];
  /** Adds a person at the end of the list (a joiner). */
  addEmployee(employee: Employee): void;
  /** Adds a raw wire record at the end of the list. */
  addRawEmployee(record: unknown): void;
  /** Removes a person (canonical or raw) by employee id; true when one was removed. */
  removeEmployee(id: string): boolean;
  /** Changes fields of a canonical person (a field set to `undefined` is removed); true when found. */
  updateEmployee(id: string, patch: EmployeePatch): boolean;
  /** Replaces the departments listed by `/departments`. */
  setDepartments(units: readonly OrgUnit[]): void;
  /** Replaces the locations listed by `/locations`. */
  setLocations(units: readonly OrgUnit[]): void;
}

type Entry = { type: 'employee'; employee: Employee } | { type: 'raw'; record: unknown };

const JSON_HEADERS = { 'content-type': 'application/json' };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

let requestCounter = 0;
function envelope(data: unknown, status = 200, text = 'OK', message = 'Success') {
  requestCounter = (requestCounter + 1) % 1_000_000_000;
  return {
    _requestId: `rrt-fake-${requestCounter}`,
    _statusCode: String(status),
    _statusText: text,
    _statusMessage: message,
    data,
  };
}

// Apigee gateway faults, as vendor-apis.md §1.4 expects them ([I]).
function fault(status: number, faultstring: string, errorcode: string): Response {
  return json(status, { fault: { faultstring, detail: { errorcode } } });
}

// Apigee OAuth policy errors from the token endpoint ([I]: the stock Apigee shape).
function oauthError(status: number, code: string, error: string): Response {
  return json(status, { ErrorCode: code, Error: error });
}

function distinctUnits(people: readonly Employee[], field: 'department' | 'location'): OrgUnit[] {
  const seen = new Map<string, OrgUnit>();
  for (const person of people) {
    const ref = person[field];
    if (ref?.id !== undefined && !seen.has(ref.id)) {
      seen.set(ref.id, ref.name ? { id: ref.id, name: ref.name } : { id: ref.id });
    }
  }
  return [...seen.values()];
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// 28 characters like TriNet's sample token (`l0jHlkiVl7ZecLjkVHLphdcZ7ZMF`).
function randomToken(): string {
  const bytes = new Uint8Array(28);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => TOKEN_ALPHABET[b % TOKEN_ALPHABET.length]).join('');
}

function decodeBasic(header: string | null): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) return undefined;
  let decoded: string;
  try {
    decoded = new TextDecoder().decode(Uint8Array.from(atob(match[1]), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/**
 * A fake of the TriNet API as a Fetch-API handler, serving a roster in TriNet's wire format with TriNet's auth:
 *
 * - `GET` or `POST /oauth/accesstoken` with `grant_type=client_credentials` (query or form) and the credentials in
 *   an HTTP Basic header or as `client_id`/`client_secret` form fields → the all-strings Apigee token JSON
 *   (`"expires_in": "3599"`); bad credentials → 401 `{ ErrorCode: 'invalid_client', ... }`.
 * - `/v1/...` needs `Authorization: Bearer <token>`: a missing or unknown token is a 401 gateway fault
 *   (`keymanagement.service.invalid_access_token`), an expired one a 401 `access_token_expired` fault, a token
 *   without the route's scope a 403 `steps.oauth.v2.InsufficientScope` fault.
 * - A company id other than the fake's is a 404 in TriNet's envelope ([I]: TriNet's answer for an unknown company
 *   is not documented; 404 is what public clients treat as "not available").
 * - `GET /v1/company/{companyId}/employees?offset=N`: `N` is a 1-based record index, pages of 100, `data.hasMore`;
 *   `viewType=All` renders the all view. `/departments`, `/locations` list `data[]`;
 *   `GET /v1/manage-company/{companyId}/org-details` the company.
 *
 * The roster can change mid-test (joiners, leavers, edits), every request is logged, and `latencyMs` adds a delay.
 * For faults (429 with `Retry-After`, 5xx, dropped connections, malformed pages), wrap `fake.handler` with the
 * testkit's `withFaults`.
 *
 * @example
 * ```ts
 * import { generateRoster } from '@hrsync/testkit';
 * import { createTrinetSource } from '@hrsync/trinet';
 * import { createTrinetFake } from '@hrsync/trinet/testing';
 *
 * const roster = generateRoster({ seed: 1, size: 250 });
 * const fake = createTrinetFake({ employees: roster.employees, departments: roster.departments });
 * const source = createTrinetSource({ ...fake.credentials, companyId: fake.companyId, fetch: fake.fetch });
 * const snapshot = await source.fetchSnapshot();
 * fake.requests.length; // 1 token call, 3 pages of employees, departments, locations
 * ```
 */
export function createTrinetFake(options: TrinetFakeOptions = {}): TrinetFake {
  const companyId = options.companyId ?? 'ABC';
  const clientId = options.clientId ?? 'fake-client-id';
  const clientSecret = options.clientSecret ?? 'fake-client-secret';
  const companyName = options.companyName ?? 'Acme Robotics';
  const legalName = options.legalName ?? `${companyName}, Inc.`;
  const pageSize = options.pageSize ?? 100;
  const lifetime = options.tokenLifetimeSeconds ?? 3599;
  const now = options.now ?? Date.now;
  const routeScopes: Record<TrinetFakeRoute, string> = {
    'org-details': 'basic-read',
    departments: 'basic-read',
    locations: 'basic-read',
    employees: 'hr-admin-read',
    ...options.routeScopes,
  };
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new RangeError('createTrinetFake: pageSize must be >= 1');

  let scopes = [...(options.scopes ?? ['basic-read', 'hr-admin-read'])];
  const entries: Entry[] = [
    ...(options.employees ?? []).map(
      (employee): Entry => ({ type: 'employee', employee: structuredClone(employee) }),
    ),
    ...(options.rawEmployees ?? []).map(
      (record): Entry => ({ type: 'raw', record: structuredClone(record) }),
    ),
  ];
  let departments = options.departments?.map((u) => ({ ...u }));
  let locations = options.locations?.map((u) => ({ ...u }));
  const tokens = new Map<string, { expiresAt: number; scopes: string[] }>();
  const requests: TrinetFakeRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let tokensIssued = 0;

  const canonical = () => entries.flatMap((e) => (e.type === 'employee' ? [e.employee] : []));
  // Supervisor names by id, rebuilt only after a change: a page request must not cost O(company size).
  let names: Map<string, string> | undefined;
  const managerNames = (): Map<string, string> => {
    names ??= new Map(canonical().map((e) => [e.id, `${e.firstName} ${e.lastName}`]));
    return names;
  };
  const changed = () => {
    names = undefined;
  };
  const entryId = (entry: Entry): string | undefined => {
    if (entry.type === 'employee') return entry.employee.id;
    const id = (entry.record as { employeeId?: unknown } | null)?.employeeId;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
  };

  async function issueToken(request: Request, url: URL): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'POST') {
      return oauthError(405, 'invalid_request', `Method ${request.method} not allowed`);
    }
    let form = new URLSearchParams();
    if (request.method === 'POST') {
      const text = await request.text();
      form = new URLSearchParams(text);
    }
    const grantType = url.searchParams.get('grant_type') ?? form.get('grant_type');
    if (grantType === null) return oauthError(400, 'invalid_request', 'Required param : grant_type');
    if (grantType !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', `Unsupported grant type : ${grantType.slice(0, 40)}`);
    }
    const basic = decodeBasic(request.headers.get('authorization'));
    const id = basic?.id ?? form.get('client_id');
    const secret = basic?.secret ?? form.get('client_secret');
    if (!id) return oauthError(401, 'invalid_client', 'ClientId is Invalid');
    if (id !== clientId || secret !== clientSecret) {
      return oauthError(401, 'invalid_client', 'Client credentials are invalid');
    }
    const issuedAt = now();
    const accessToken = randomToken();
    tokens.set(accessToken, { expiresAt: issuedAt + lifetime * 1000, scopes: [...scopes] });
    tokensIssued++;
    return json(200, {
      refresh_token_expires_in: '0',
      api_product_list: '[trinet-product]',
      api_product_list_json: ['trinet-product'],
      organization_name: 'trinetapi',
      'developer.email': 'developer@trinet.com',
      token_type: 'BearerToken',
      issued_at: String(issuedAt),
      client_id: clientId,
      access_token: accessToken,
      application_name: '2df894e8-2946-4e2a-ae50-aeeaf9b903d0',
      scope: scopes.join(' '),
      expires_in: String(lifetime),
      refresh_count: '0',
      status: 'approved',
    });
  }

  function authorize(request: Request, route: TrinetFakeRoute): Response | undefined {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization')?.trim() ?? '');
    const token = match?.[1] ? tokens.get(match[1]) : undefined;
    if (!token) return fault(401, 'Invalid access token', 'keymanagement.service.invalid_access_token');
    if (now() >= token.expiresAt)
      return fault(401, 'Access Token expired', 'keymanagement.service.access_token_expired');
    const needed = routeScopes[route];
    if (!token.scopes.includes(needed))
      return fault(403, `Required scope(s) : ${needed}`, 'steps.oauth.v2.InsufficientScope');
    return undefined;
  }

  function employeesPage(url: URL): Response {
    const rawOffset = url.searchParams.get('offset') ?? '1';
    const offset = Number(rawOffset);
    if (!/^\d+$/.test(rawOffset) || offset < 1) {
      return json(400, envelope(null, 400, 'Bad Request', `Invalid offset: ${rawOffset.slice(0, 20)}`));
    }
    const requested = url.searchParams.get('viewType')?.toLowerCase() === 'all' ? 'all' : 'basic';
    const view: TrinetView = options.view === 'basic' || options.view === 'all' ? options.view : requested;
    const slice = entries.slice(offset - 1, offset - 1 + pageSize);
    const names = managerNames();
    const employeeData = slice.map((entry) =>
      entry.type === 'raw'
        ? entry.record
        : renderTrinetEmployee(entry.employee, {
            view,
            managerName:
              entry.employee.managerId === undefined ? undefined : names.get(entry.employee.managerId),
          }),
    );
    const data: Record<string, unknown> = {};
    if (options.employeesTotal !== false) data.employeesTotal = entries.length;
    data.hasMore = offset - 1 + pageSize < entries.length;
    data.employeeData = employeeData;
    return json(200, envelope(data));
  }

  async function route(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/oauth/accesstoken') return issueToken(request, url);
    const data =
      /^\/v1\/(company|manage-company)\/([^/]+)\/(employees|departments|locations|org-details)$/.exec(path);
    if (!data) {
      return fault(
        404,
        `Unable to identify proxy for host: api.trinet.com and url: ${path.slice(0, 100)}`,
        'messaging.adaptors.http.flow.ApplicationNotFound',
      );
    }
    const [, area, company, resource] = data as unknown as [string, string, string, TrinetFakeRoute];
    if ((area === 'manage-company') !== (resource === 'org-details')) {
      return fault(
        404,
        `Unable to identify proxy for host: api.trinet.com and url: ${path.slice(0, 100)}`,
        'messaging.adaptors.http.flow.ApplicationNotFound',
      );
    }
    const denied = authorize(request, resource);
    if (denied) return denied;
    if (request.method !== 'GET')
      return json(405, envelope(null, 405, 'Method Not Allowed', 'Method Not Allowed'));
    if (decodeURIComponent(company) !== companyId) {
      return json(404, envelope(null, 404, 'Not Found', 'Company not found'));
    }
    switch (resource) {
      case 'employees':
        return employeesPage(url);
      case 'departments':
        return json(
          200,
          envelope((departments ?? distinctUnits(canonical(), 'department')).map(renderTrinetDepartment)),
        );
      case 'locations':
        return json(
          200,
          envelope((locations ?? distinctUnits(canonical(), 'location')).map(renderTrinetLocation)),
        );
      case 'org-details':
        return json(
          200,
          envelope({ companyId, parentClientId: companyId, companyName, legalName, liveDate: '2015-01-01' }),
        );
    }
  }

  const handler: FetchHandler = async (request) => {
    const url = new URL(request.url);
    const record: TrinetFakeRequest = {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      time: now(),
      status: 0,
    };
    requests.push(record);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const latency =
        typeof options.latencyMs === 'function' ? options.latencyMs(request) : (options.latencyMs ?? 0);
      if (latency > 0) await sleep(latency, request.signal);
      const response = await route(request);
      record.status = response.status;
      return response;
    } finally {
      inFlight--;
    }
  };

  // Behaves like fetch where an adapter can tell: an aborted signal rejects at once with its reason, and the
  // response carries the request's URL.
  const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    request.signal.throwIfAborted();
    const response = await new Promise<Response>((resolve, reject) => {
      const onAbort = () => reject(request.signal.reason);
      request.signal.addEventListener('abort', onAbort, { once: true });
      handler(request)
        .then(resolve, reject)
        .finally(() => request.signal.removeEventListener('abort', onAbort));
    });
    if (!response.url) Object.defineProperty(response, 'url', { value: request.url, configurable: true });
    return response;
  }) as typeof fetch;

  return {
    handler,
    fetch: fakeFetch,
    companyId,
    credentials: Object.freeze({ clientId, clientSecret }),
    requests,
    get stats() {
      return { inFlight, maxInFlight, tokensIssued };
    },
    resetStats() {
      requests.length = 0;
      maxInFlight = inFlight;
      tokensIssued = 0;
    },
    expireTokens() {
      const at = now();
      for (const token of tokens.values()) token.expiresAt = Math.min(token.expiresAt, at);
    },
    setScopes(next) {
      scopes = [...next];
    },
    employees: () => canonical().map((e) => structuredClone(e)),
    addEmployee(employee) {
      changed();
      entries.push({ type: 'employee', employee: structuredClone(employee) });
    },
    addRawEmployee(record) {
      changed();
      entries.push({ type: 'raw', record: structuredClone(record) });
    },
    removeEmployee(id) {
      changed();
      const index = entries.findIndex((e) => entryId(e) === id);
      if (index < 0) return false;
      entries.splice(index, 1);
      return true;
    },
    updateEmployee(id, patch) {
      changed();
      const entry = entries.find(
        (e): e is Extract<Entry, { type: 'employee' }> => e.type === 'employee' && e.employee.id === id,
      );
      if (!entry) return false;
      const next: Record<string, unknown> = { ...entry.employee };
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) delete next[key];
        else next[key] = structuredClone(value);
      }
      entry.employee = next as Employee;
      return true;
    },
    setDepartments(units) {
      departments = units.map((u) => ({ ...u }));
    },
    setLocations(units) {
      locations = units.map((u) => ({ ...u }));
    },
  };
}
