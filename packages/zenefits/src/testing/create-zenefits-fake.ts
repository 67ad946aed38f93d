import type { Employee, OrgUnit } from '@hrsync/core';
import { sleep } from '@hrsync/core/http';
import {
  renderZenefitsDepartment,
  renderZenefitsEmployment,
  renderZenefitsLocation,
  renderZenefitsPerson,
  renderZenefitsRef,
} from './render-zenefits-person.ts';

/**
 * A Fetch-API request handler: what msw, `node:http` adapters and `fetch` replacements plug into.
 *
 * @example
 * ```ts
 * const handler: FetchHandler = createZenefitsFake().handler;
 * const response = await handler(new Request('https://api.zenefits.com/core/me'));
 * ```
 */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * The lists the fake serves, for per-list scope requirements.
 *
 * @example
 * ```ts
 * createZenefitsFake({ nextUrlOrigin: 'https://elsewhere.example', nextUrlOriginLists: ['people'] satisfies ZenefitsFakeList[] });
 * ```
 */
export type ZenefitsFakeList = 'people' | 'departments' | 'locations' | 'employments';

/**
 * Every scope the fake grants by default: the ones integrators list for a REST API token with People, Companies,
 * Departments, Locations, Employments, Person's Department, Person's Location, Manager, Status and Work email ticked.
 *
 * @example
 * ```ts
 * createZenefitsFake({ scopes: ZENEFITS_FAKE_DEFAULT_SCOPES.filter((s) => s !== 'people.manager') });
 * ```
 */
export const ZENEFITS_FAKE_DEFAULT_SCOPES: readonly string[] = Object.freeze([
  'platform',
  'people',
  'companies',
  'departments',
  'locations',
  'employments',
  'people.department',
  'people.location',
  'people.manager',
  'people.status',
  'people.work_email',
]);

/**
 * One request the fake saw, for tests and benchmarks. The token itself is never recorded.
 *
 * @example
 * ```ts
 * fake.requests.filter((r: ZenefitsFakeRequest) => r.origin !== fake.baseUrl); // [] when no token left home
 * ```
 */
export interface ZenefitsFakeRequest {
  /** The HTTP method. */
  method: string;
  /** The origin the request was sent to: a request to another origin than the fake's is logged and refused. */
  origin: string;
  /** The path, without the query (`/core/people`). */
  path: string;
  /** The query parameters (`{ limit: '100', starting_after: '9386690' }`). */
  query: Record<string, string>;
  /** Whether the request carried an `Authorization` header at all. */
  hasAuthorization: boolean;
  /** Whether it carried the fake's own token (`Bearer <token>`). */
  hasToken: boolean;
  /** When the request arrived, in the fake's clock (epoch ms). */
  time: number;
  /** The status it answered (0 while in flight, or when the handler threw). */
  status: number;
}

/**
 * Options of {@link createZenefitsFake}. Every option has a default, so `createZenefitsFake()` serves an empty company.
 *
 * @example
 * ```ts
 * const options: ZenefitsFakeOptions = { employees: roster.employees, scopes: ['people'], defaultLimit: 10 };
 * ```
 */
export interface ZenefitsFakeOptions {
  /** The API token it accepts as `Authorization: Bearer <token>`; default `'fake-zenefits-token'`. */
  token?: string | undefined;
  /** The origin it serves and builds URLs on; default `https://api.zenefits.com`. */
  baseUrl?: string | undefined;
  /** The company id of `/core/me` and of every `company` ref; default `'216397'`. */
  companyId?: string | undefined;
  /** The person the token belongs to (`/core/me`); default the first person served, else `'1'`. */
  personId?: string | undefined;
  /** The scopes `/core/me` lists and the fake enforces; default {@link ZENEFITS_FAKE_DEFAULT_SCOPES}. */
  scopes?: readonly string[] | undefined;
  /** Start uninstalled: `/core/me` says so (company and person `null`) and every other call is a 401. */
  uninstalled?: boolean | undefined;
  /** The people to serve, in canonical form (for example `generateRoster(...).employees`), in this order. */
  employees?: readonly Employee[] | undefined;
  /** Wire people served as they are after the canonical ones: for bad-input tests. */
  rawPeople?: readonly unknown[] | undefined;
  /** Departments; default the distinct departments of the people. */
  departments?: readonly OrgUnit[] | undefined;
  /** Locations; default the distinct locations of the people. */
  locations?: readonly OrgUnit[] | undefined;
  /** Wire departments served as they are after the others. */
  rawDepartments?: readonly unknown[] | undefined;
  /** Wire locations served as they are after the others. */
  rawLocations?: readonly unknown[] | undefined;
  /**
   * Wire employments served after the rendered ones (one per canonical person): for rehires with several
   * employments, or broken records.
   */
  rawEmployments?: readonly unknown[] | undefined;
  /** Records per page when the request has no `limit`; default 20, as Zenefits. `limit` is capped at 100. */
  defaultLimit?: number | undefined;
  /**
   * For the "credentials never leave" test: build every `next_url` on this origin instead of the fake's own (a
   * hostile or misconfigured API answering with a link elsewhere).
   */
  nextUrlOrigin?: string | undefined;
  /** The lists whose `next_url` uses `nextUrlOrigin`; default every list. */
  nextUrlOriginLists?: readonly ZenefitsFakeList[] | undefined;
  /** Added delay per request in ms, or a function of the request; default none. */
  latencyMs?: number | ((request: Request) => number) | undefined;
  /** The fake's clock, epoch ms; default `Date.now`. */
  now?: (() => number) | undefined;
}

/**
 * A mutable fake Zenefits: its handler, its request log and ways to change the company mid-test.
 *
 * @example
 * ```ts
 * const fake: ZenefitsFake = createZenefitsFake({ employees: roster.employees });
 * fake.removeEmployee(roster.employees[0]!.id); // a leaver disappears from the next read
 * ```
 */
export interface ZenefitsFake {
  /** The Fetch-API handler: plug it into msw, `node:http`, the testkit's `withFaults`, or use {@link ZenefitsFake.fetch}. */
  readonly handler: FetchHandler;
  /** A `fetch` replacement that answers every URL with the handler (pass it as the adapter's `fetch` option). */
  readonly fetch: typeof fetch;
  /** The token it accepts. */
  readonly token: string;
  /** The origin it serves (pass it as the adapter's `baseUrl` when it is not Zenefits' own). */
  readonly baseUrl: string;
  /** Every request seen so far, oldest first. */
  readonly requests: readonly ZenefitsFakeRequest[];
  /** Requests in flight now, and the most seen at once since the last {@link ZenefitsFake.resetStats}. */
  readonly stats: {
    /** Requests being answered now. */
    readonly inFlight: number;
    /** The most requests answered at once. */
    readonly maxInFlight: number;
  };
  /** Clears the request log and the counters. */
  resetStats(): void;
  /**
   * Moves the fake to another origin (the URL of a `node:http` loopback server it now sits behind): it answers
   * there, and builds `next_url`s and refs on it.
   */
  setBaseUrl(url: string): void;
  /** Replaces the scopes of the token. */
  setScopes(scopes: readonly string[]): void;
  /** Uninstalls (or reinstalls) the app: `/core/me` says `uninstalled: true` and data calls get a 401. */
  setUninstalled(uninstalled: boolean): void;
  /** The people served now, canonical ones as given (raw wire records are not included). */
  employees(): Employee[];
  /** Adds a person at the end of the list (a joiner), with one employment. */
  addEmployee(employee: Employee): void;
  /** Adds a raw wire person at the end of the list. */
  addRawPerson(record: unknown): void;
  /** Removes a person (canonical or raw) by id, with their rendered employment; true when one was removed. */
  removeEmployee(id: string): boolean;
  /** Changes fields of a canonical person (their employment follows); true when found. */
  updateEmployee(id: string, patch: Partial<Employee>): boolean;
  /** Replaces the departments listed by `/core/departments`. */
  setDepartments(units: readonly OrgUnit[]): void;
  /** Replaces the locations listed by `/core/locations`. */
  setLocations(units: readonly OrgUnit[]): void;
}

type PersonEntry =
  | { type: 'employee'; employee: Employee; employmentId: string }
  | { type: 'raw'; record: unknown };

const JSON_HEADERS = { 'content-type': 'application/json' };
const MAX_LIMIT = 100;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
}

// Success: the `/meta/response` envelope around the data.
function ok(data: unknown): Response {
  return json(200, { data, error: null, object: '/meta/response', status: 200 });
}

// Failure: `{"data":null,"error":…,"status":N}` (vendor-apis.md §7; the error's exact shape is [I]).
function fail(status: number, error: string): Response {
  return json(status, { data: null, error, status });
}

function idOf(record: unknown): string | undefined {
  const id = (record as { id?: unknown } | null)?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

function distinctUnits(people: readonly Employee[], field: 'department' | 'location'): OrgUnit[] {
  const seen = new Map<string, OrgUnit>();
  for (const person of people) {
    const ref = person[field];
    if (ref === undefined) continue;
    const id = ref.id ?? `${field === 'department' ? 'd' : 'l'}-${ref.name}`;
    if (!seen.has(id)) seen.set(id, ref.name ? { id, name: ref.name } : { id });
  }
  return [...seen.values()];
}

/**
 * A fake of the TriNet Zenefits core API as a Fetch-API handler, serving a company in Zenefits' wire format:
 *
 * - Every call needs `Authorization: Bearer <token>`; otherwise a 401 `{"data":null,"error":"Unauthorized",
 *   "status":401}`.
 * - `GET /core/me` → `{ scopes, object, url, company, person, expires, uninstalled }` in the `/meta/response`
 *   envelope; once uninstalled, `company` and `person` are `null` and every other call is a 401 ([I]).
 * - `GET /core/people`, `/core/departments`, `/core/locations`, `/core/employments`: lists in the
 *   `{ data: { data, next_url, object: '/meta/list', url } }` envelope, `limit` (default 20, capped at 100) and a
 *   `starting_after` cursor (the id of the last record of the previous page); `next_url` is absolute, on the fake's
 *   own origin (or `nextUrlOrigin`), and `null` on the last page. An unknown cursor is a 400 ([I]). A list needs
 *   its scope (`people`, `departments`, ...), else a 403 ([I]).
 * - `GET /core/people/{id}` → one person as `data`; `/core/people/{id}/employments` → that person's employments.
 * - Field scopes ([I]): without `people.work_email`, `people.manager`, `people.department`, `people.location` or
 *   `people.status`, that field is sent empty (`null`, or a ref whose `url` is `null`), as if Zenefits hid it.
 * - People are rendered with refs (`manager`, `department`, `location`: `{ url, object, ref_object }`, `url: null`
 *   for none) and one employment each (`hire_date`, `termination_date`, type and sub-type).
 * - A request to another origin than the fake's is logged (so a test can assert it never happened) and refused
 *   with a 421.
 *
 * The company can change mid-test (joiners, leavers, edits, scopes, uninstall), every request is logged (whether it
 * carried the token, never the token itself), and `latencyMs` adds a delay. For faults (429 with `Retry-After`,
 * 5xx, dropped connections, malformed pages), wrap `fake.handler` with the testkit's `withFaults`.
 *
 * @example
 * ```ts
 * import { generateRoster } from '@hrsync/testkit';
 * import { createZenefitsSource } from '@hrsync/zenefits';
 * import { createZenefitsFake } from '@hrsync/zenefits/testing';
 *
 * const roster = generateRoster({ seed: 1, size: 250 });
 * const fake = createZenefitsFake({ employees: roster.employees, departments: roster.departments });
 * const source = createZenefitsSource({ token: fake.token, fetch: fake.fetch });
 * const snapshot = await source.fetchSnapshot();
 * fake.requests.length; // 3 pages of people, departments, locations, 3 pages of employments
 * ```
 */
export function createZenefitsFake(options: ZenefitsFakeOptions = {}): ZenefitsFake {
  const token = options.token ?? 'fake-zenefits-token';
  let origin = new URL(options.baseUrl ?? 'https://api.zenefits.com').origin;
  const companyId = options.companyId ?? '216397';
  const defaultLimit = options.defaultLimit ?? 20;
  const now = options.now ?? Date.now;
  const foreignOrigin =
    options.nextUrlOrigin === undefined ? undefined : new URL(options.nextUrlOrigin).origin;
  if (!Number.isInteger(defaultLimit) || defaultLimit < 1) {
    throw new RangeError('createZenefitsFake: defaultLimit must be >= 1');
  }
  let render = { baseUrl: origin, companyId };

  let scopes = [...(options.scopes ?? ZENEFITS_FAKE_DEFAULT_SCOPES)];
  let uninstalled = options.uninstalled ?? false;
  let employmentCounter = 4_410_000;
  const nextEmploymentId = () => String(++employmentCounter);
  const people: PersonEntry[] = [
    ...(options.employees ?? []).map(
      (employee): PersonEntry => ({
        type: 'employee',
        employee: structuredClone(employee),
        employmentId: nextEmploymentId(),
      }),
    ),
    ...(options.rawPeople ?? []).map(
      (record): PersonEntry => ({ type: 'raw', record: structuredClone(record) }),
    ),
  ];
  let departments = options.departments?.map((u) => ({ ...u }));
  let locations = options.locations?.map((u) => ({ ...u }));
  const rawDepartments = [...(options.rawDepartments ?? [])];
  const rawLocations = [...(options.rawLocations ?? [])];
  const rawEmployments = [...(options.rawEmployments ?? [])];
  const requests: ZenefitsFakeRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;

  const canonical = () => people.flatMap((e) => (e.type === 'employee' ? [e.employee] : []));
  const entryId = (entry: PersonEntry) =>
    entry.type === 'employee' ? entry.employee.id : idOf(entry.record);
  const has = (scope: string) => scopes.includes(scope);
  const departmentUnits = () => departments ?? distinctUnits(canonical(), 'department');
  const locationUnits = () => locations ?? distinctUnits(canonical(), 'location');

  // A person's unit without an id is matched to a listed unit by name, as Zenefits only knows units by id.
  const unitIdByName = (units: readonly OrgUnit[], name: string | undefined) =>
    name === undefined ? undefined : units.find((u) => u.name === name)?.id;

  function renderPerson(entry: PersonEntry): unknown {
    if (entry.type === 'raw') return entry.record;
    const employee = entry.employee;
    const person = renderZenefitsPerson(employee, {
      ...render,
      departmentId: unitIdByName(departmentUnits(), employee.department?.name),
      locationId: unitIdByName(locationUnits(), employee.location?.name),
    });
    const none = (kind: 'people' | 'departments' | 'locations') => renderZenefitsRef(kind, undefined, render);
    return {
      ...person,
      work_email: has('people.work_email') ? person.work_email : null,
      status: has('people.status') ? person.status : null,
      manager: has('people.manager') ? person.manager : none('people'),
      department: has('people.department') ? person.department : none('departments'),
      location: has('people.location') ? person.location : none('locations'),
    };
  }

  function employmentsOf(personId?: string): unknown[] {
    const rendered = people.flatMap((entry) =>
      entry.type === 'employee' && (personId === undefined || entry.employee.id === personId)
        ? [renderZenefitsEmployment(entry.employee, entry.employmentId, render)]
        : [],
    );
    const raw = rawEmployments.filter((record) => {
      if (personId === undefined) return true;
      const url = (record as { person?: { url?: unknown } } | null)?.person?.url;
      return typeof url === 'string' && url.replace(/\/+$/, '').endsWith(`/core/people/${personId}`);
    });
    return [...rendered, ...raw];
  }

  const nextOriginOf = (path: string) => {
    const name = /^\/core\/(?:people\/[^/]+\/)?(people|departments|locations|employments)$/.exec(path)?.[1];
    const lists = options.nextUrlOriginLists;
    if (foreignOrigin === undefined) return origin;
    return lists === undefined || lists.includes(name as ZenefitsFakeList) ? foreignOrigin : origin;
  };

  function list(url: URL, path: string, records: readonly unknown[]): Response {
    const rawLimit = url.searchParams.get('limit');
    const parsed = rawLimit === null ? defaultLimit : Number(rawLimit);
    if (!Number.isInteger(parsed) || parsed < 1)
      return fail(400, `Invalid limit: ${String(rawLimit).slice(0, 20)}`);
    const limit = Math.min(parsed, MAX_LIMIT);
    const after = url.searchParams.get('starting_after');
    let start = 0;
    if (after !== null) {
      const index = records.findIndex((record) => idOf(record) === after);
      if (index < 0) return fail(400, `Invalid starting_after: ${after.slice(0, 40)}`);
      start = index + 1;
    }
    const page = records.slice(start, start + limit);
    const last = idOf(page.at(-1));
    const more = start + limit < records.length && last !== undefined;
    const next = new URL(path, nextOriginOf(path));
    next.searchParams.set('limit', String(limit));
    if (last !== undefined) next.searchParams.set('starting_after', last);
    return ok({
      data: page,
      next_url: more ? next.href : null,
      object: '/meta/list',
      url: `${origin}${path}`,
    });
  }

  const ownerId = () => options.personId ?? (people[0] ? entryId(people[0]) : undefined) ?? '1';

  function me(): Response {
    return ok({
      scopes: [...scopes],
      object: '/meta/me',
      url: `${origin}/core/me`,
      company: uninstalled ? null : renderZenefitsRef('companies', companyId, render),
      person: uninstalled ? null : renderZenefitsRef('people', ownerId(), render),
      expires: null,
      uninstalled,
    });
  }

  function route(request: Request, url: URL): Response {
    const path = url.pathname.replace(/\/+$/, '');
    if (request.headers.get('authorization')?.trim() !== `Bearer ${token}`) return fail(401, 'Unauthorized');
    if (request.method !== 'GET') return fail(405, `Method ${request.method} not allowed`);
    if (path === '/core/me') return me();
    if (uninstalled) return fail(401, 'Unauthorized: the application was uninstalled');
    const need = (scope: ZenefitsFakeList) =>
      has(scope) ? undefined : fail(403, `Forbidden: the token does not have the "${scope}" scope`);
    switch (path) {
      case '/core/people':
        return need('people') ?? list(url, path, people.map(renderPerson));
      case '/core/departments':
        return (
          need('departments') ??
          list(url, path, [
            ...departmentUnits().map((u) => renderZenefitsDepartment(u, render)),
            ...rawDepartments,
          ])
        );
      case '/core/locations':
        return (
          need('locations') ??
          list(url, path, [...locationUnits().map((u) => renderZenefitsLocation(u, render)), ...rawLocations])
        );
      case '/core/employments':
        return need('employments') ?? list(url, path, employmentsOf());
    }
    const person = /^\/core\/people\/([^/]+)(\/employments)?$/.exec(path);
    if (person?.[1] !== undefined) {
      const id = decodeURIComponent(person[1]);
      const entry = people.find((e) => entryId(e) === id);
      if (!entry) return fail(404, `Person ${id.slice(0, 40)} not found`);
      if (person[2]) return need('employments') ?? list(url, path, employmentsOf(id));
      return need('people') ?? ok(renderPerson(entry));
    }
    return fail(404, `Not found: ${path.slice(0, 100)}`);
  }

  const handler: FetchHandler = async (request) => {
    const url = new URL(request.url);
    const authorization = request.headers.get('authorization');
    const record: ZenefitsFakeRequest = {
      method: request.method,
      origin: url.origin,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      hasAuthorization: authorization !== null,
      hasToken: authorization?.includes(token) ?? false,
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
      const response =
        url.origin === origin ? route(request, url) : fail(421, `This fake serves ${origin} only`);
      record.status = response.status;
      return response;
    } finally {
      inFlight--;
    }
  };

  const fakeFetch = ((input: string | URL | Request, init?: RequestInit) =>
    handler(new Request(input, init))) as typeof fetch;

  return {
    handler,
    fetch: fakeFetch,
    token,
    get baseUrl() {
      return origin;
    },
    setBaseUrl(url) {
      origin = new URL(url).origin;
      render = { baseUrl: origin, companyId };
    },
    requests,
    get stats() {
      return { inFlight, maxInFlight };
    },
    resetStats() {
      requests.length = 0;
      maxInFlight = inFlight;
    },
    setScopes(next) {
      scopes = [...next];
    },
    setUninstalled(value) {
      uninstalled = value;
    },
    employees: () => canonical().map((e) => structuredClone(e)),
    addEmployee(employee) {
      people.push({
        type: 'employee',
        employee: structuredClone(employee),
        employmentId: nextEmploymentId(),
      });
    },
    addRawPerson(record) {
      people.push({ type: 'raw', record: structuredClone(record) });
    },
    removeEmployee(id) {
      const index = people.findIndex((e) => entryId(e) === id);
      if (index < 0) return false;
      people.splice(index, 1);
      return true;
    },
    updateEmployee(id, patch) {
      const entry = people.find(
        (e): e is Extract<PersonEntry, { type: 'employee' }> => e.type === 'employee' && e.employee.id === id,
      );
      if (!entry) return false;
      entry.employee = { ...entry.employee, ...structuredClone(patch) };
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
