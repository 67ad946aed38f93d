import type { Employee } from '@hrsync/core';
import { todayIn } from '../map-peoplehr-employee.ts';
import {
  PEOPLEHR_CALLS_PER_MINUTE,
  PEOPLEHR_DEFAULT_BASE_URL,
  PEOPLEHR_DEFAULT_TIME_ZONE,
} from '../peoplehr-info.ts';
import { PEOPLEHR_PERSON_EVENT_NAMES, type PeopleHrPersonEventId } from '../peoplehr-wire.ts';
import {
  DEFAULT_FAKE_PEOPLE,
  type PeopleHrFakePerson,
  peopleFromRoster,
  renderPerson,
  type StoredPerson,
  storePerson,
} from './fake-people.ts';

/**
 * An API key the fake accepts, with the actions it is allowed (default: every action).
 *
 * @example
 * ```ts
 * createPeopleHrFake({ apiKeys: [{ key: 'read-company-only', permissions: ['GetCompanyInformation'] }] });
 * ```
 */
export interface PeopleHrFakeKey {
  key: string;
  /** Actions the key may call (`'GetAllEmployeeDetail'`, ...); default every action. */
  permissions?: readonly string[] | undefined;
}

/**
 * Options of {@link createPeopleHrFake}.
 *
 * @example
 * ```ts
 * const fake = createPeopleHrFake({ apiKeys: ['k'], roster: generateRoster({ seed: 1, size: 50 }).employees, callsPerMinute: 30 });
 * ```
 */
export interface CreatePeopleHrFakeOptions {
  /** Keys the fake accepts; default `['test-api-key']`. */
  apiKeys?: readonly (string | PeopleHrFakeKey)[] | undefined;
  /** The people, in People HR's terms; default a small company of five (one past, one future leaver). */
  people?: readonly PeopleHrFakePerson[] | undefined;
  /**
   * A canonical roster to serve instead (for example `generateRoster({ seed, size }).employees` from
   * `@hrsync/testkit`): `id` → `UniqueKey`, `employeeNumber` → `EmployeeId`, `managerId` → `ReportsToEmployeeId`.
   */
  roster?: readonly Employee[] | undefined;
  /** `GetCompanyInformation`'s answer; default Northwind Trading Ltd. */
  company?: { CompanyId?: number; SubDomain?: string; CompanyName?: string } | undefined;
  /** Calls allowed per key in any 60 s; default 30 (People HR's documented limit). `Infinity` turns it off. */
  callsPerMinute?: number | undefined;
  /**
   * Answer 403 (an HTML page, like a CDN) to requests without a browser-like `User-Agent` (one starting with
   * `Mozilla/`); default `true`, as People HR's CDN blocks some default agents ([S]).
   */
  requireBrowserUserAgent?: boolean | undefined;
  /** The clock, epoch ms; default `Date.now` (so fake timers control it). Drives the rate limit and "today". */
  now?: (() => number) | undefined;
  /** The base URL reported as {@link PeopleHrFake.baseUrl}; default People HR's. Requests to any host are served. */
  baseUrl?: string | undefined;
}

/**
 * One call the fake received.
 *
 * @example
 * ```ts
 * const [first]: readonly PeopleHrFakeCall[] = fake.calls;
 * first?.action; // 'GetCompanyInformation'
 * ```
 */
export interface PeopleHrFakeCall {
  /** The `Action` of the body (`''` when there was none). */
  action: string;
  /** The `APIKey` of the body (`''` when there was none). */
  apiKey: string;
  /** When it arrived, by the fake's clock (epoch ms). */
  at: number;
  /** How the fake answered. */
  outcome:
    | 'ok'
    | 'no-records'
    | 'invalid-key'
    | 'permission-denied'
    | 'rate-limited'
    | 'blocked-user-agent'
    | 'bad-request'
    | 'unsupported';
  /** The `User-Agent` header. */
  userAgent: string;
  /** The request body as parsed (the key included: this is a fake). */
  body: Record<string, unknown>;
}

/**
 * A webhook event as People HR describes it: flat key/value pairs. `Action` defaults to People HR's name for the
 * `ActionId` when {@link PeopleHrFake.sendWebhook} sends it.
 *
 * @example
 * ```ts
 * const event: PeopleHrFakeEvent = fake.markLeaver('PW2');
 * await fake.sendWebhook(url, event);
 * ```
 */
export interface PeopleHrFakeEvent {
  ActionId: number;
  Action?: string | undefined;
  EmployeeId?: string | undefined;
  FieldName?: string | undefined;
  NewValue?: string | undefined;
  OldValue?: string | undefined;
  Reason?: string | undefined;
  [key: string]: string | number | undefined;
}

/**
 * How {@link PeopleHrFake.sendWebhook} encodes an event: People HR does not document it ([?]).
 *
 * @example
 * ```ts
 * const format: PeopleHrWebhookFormat = 'text';
 * await fake.sendWebhook(url, { ActionId: 1, EmployeeId: 'PW21' }, { format });
 * ```
 */
export type PeopleHrWebhookFormat = 'json' | 'form' | 'text';

/**
 * Options of {@link PeopleHrFake.sendWebhook}.
 *
 * @example
 * ```ts
 * await fake.sendWebhook(url, event, { format: 'form', fetch: createFetch(handler) });
 * ```
 */
export interface SendWebhookOptions {
  /** `json` (default), `form` (`application/x-www-form-urlencoded`) or `text` (`ActionId:1, Action:…`). */
  format?: PeopleHrWebhookFormat | undefined;
  /** The Fetch used to deliver it; default `globalThis.fetch`. Pass a handler-backed fetch for in-process tests. */
  fetch?: typeof fetch | undefined;
  /** Extra headers. */
  headers?: Record<string, string> | undefined;
  /** Cancels the delivery. */
  signal?: AbortSignal | undefined;
}

/**
 * A fake People HR: a Fetch-API handler serving the JSON-over-POST API at `/Employee`, with People HR's quirks
 * (HTTP 200 errors with a lower-case `isError`, `"No records found."`, `{ DisplayValue }` fields, a 30-a-minute limit
 * per key), plus the methods a test or a demo needs to change people and send webhook events.
 *
 * @example
 * ```ts
 * const fake: PeopleHrFake = createPeopleHrFake();
 * const source = createPeopleHrSource({ apiKey: 'test-api-key', fetch: fake.fetch });
 * await source.fetchSnapshot();
 * fake.actions; // ['GetAllEmployeeDetail']
 * ```
 */
export interface PeopleHrFake {
  /** The Fetch-API handler: plug it into msw, `node:http`, or `fetch` below. */
  readonly handler: (request: Request) => Promise<Response>;
  /** A `fetch` that sends every request to {@link PeopleHrFake.handler}, whatever its host. */
  readonly fetch: typeof fetch;
  /** The base URL to give a source (any host works with {@link PeopleHrFake.fetch}). */
  readonly baseUrl: string;
  /** Every call received, in order. */
  readonly calls: readonly PeopleHrFakeCall[];
  /** The `Action` of every call received, in order: proves which actions a client sent. */
  readonly actions: readonly string[];
  /** Forgets the recorded calls (and the rate-limit windows). */
  clearCalls(): void;
  /** The person with this `EmployeeId` as the API would send it, or `undefined`. */
  employee(employeeId: string): Record<string, unknown> | undefined;
  /** The `UniqueKey` of the person with this `EmployeeId`. */
  uniqueKeyOf(employeeId: string): string | undefined;
  /** Adds a person; returns the "New Starter Added" event People HR would send. */
  addEmployee(person: PeopleHrFakePerson): PeopleHrFakeEvent;
  /** Changes a person; returns the "Employee Detail Updated" event for the first field changed. */
  updateEmployee(
    employeeId: string,
    changes: Partial<Omit<PeopleHrFakePerson, 'employeeId'>>,
  ): PeopleHrFakeEvent;
  /** Marks a person as a leaver on `leavingDate` (default yesterday); returns the "Marked Leaver" event. */
  markLeaver(employeeId: string, options?: { leavingDate?: string; reason?: string }): PeopleHrFakeEvent;
  /** Deletes a person; returns the "Employee Deleted" event. */
  deleteEmployee(employeeId: string): PeopleHrFakeEvent;
  /** Renames an `EmployeeId` (People HR's `UpdateEmployeeId`): the `UniqueKey` stays. */
  renameEmployeeId(employeeId: string, newEmployeeId: string): PeopleHrFakeEvent;
  /** Accepts a new API key. */
  addApiKey(key: string | PeopleHrFakeKey): void;
  /** Revokes an API key: its next call answers "Invalid API Key.". */
  revokeApiKey(key: string): void;
  /** POSTs a People HR-style webhook event to a URL (JSON by default); resolves with the receiver's response. */
  sendWebhook(url: string | URL, event: PeopleHrFakeEvent, options?: SendWebhookOptions): Promise<Response>;
}

const WRITE_ACTIONS = new Set([
  'CreateNewEmployee',
  'UpdateEmployeeDetail',
  'UpdateEmployeeId',
  'MarkAsLeaverById',
  'AddEmployeeImage',
]);
const READ_ACTIONS = new Set([
  'GetAllEmployeeDetail',
  'GetEmployeeDetailById',
  'GetCompanyInformation',
  'CheckAuthentication',
]);

/**
 * [V] "Invalid API Key." is the user-visible text; that it is the API's own `Message` is [S].
 *
 * @example
 * ```ts
 * expect(await response.json()).toMatchObject({ isError: true, Message: FAKE_INVALID_KEY_MESSAGE });
 * ```
 */
export const FAKE_INVALID_KEY_MESSAGE = 'Invalid API Key.';
/**
 * [I] People HR's over-limit text is undocumented ("an exception message will be returned").
 *
 * @example
 * ```ts
 * expect(fake.calls.at(-1)?.outcome).toBe('rate-limited'); // answered with FAKE_RATE_LIMIT_MESSAGE
 * ```
 */
export const FAKE_RATE_LIMIT_MESSAGE = 'API call limit exceeded. You can make up to 30 calls per minute.';
/**
 * [I] The text for a key that lacks the permission for an action.
 *
 * @example
 * ```ts
 * createPeopleHrFake({ apiKeys: [{ key: 'k', permissions: [] }] }); // every action answers FAKE_PERMISSION_MESSAGE
 * ```
 */
export const FAKE_PERMISSION_MESSAGE = 'You do not have permission to access this API.';

const OK_MESSAGE = 'The request processed successfully.';
const WINDOW_MS = 60_000;

/**
 * Creates a fake People HR. It serves `POST /Employee` like the real API (see `vendor-apis.md` §2): the `APIKey`
 * and `Action` travel in the JSON body; every answer is HTTP 200 with `{ isError, Status, Message, Result }`,
 * errors included ("Invalid API Key.", a rate-limit message after 30 calls a minute per key); an empty answer is
 * `"No records found."` without a `Result`; leavers are served only with `IncludeLeavers`; write actions are
 * recorded and refused. Requests without a browser-like `User-Agent` get a CDN-style 403.
 *
 * Fault injection composes from outside: wrap the handler with `withFaults()` from `@hrsync/testkit`.
 *
 * @example
 * ```ts
 * import { createPeopleHrFake } from '@hrsync/peoplehr/testing';
 * import { createPeopleHrSource } from '@hrsync/peoplehr';
 *
 * const fake = createPeopleHrFake({ apiKeys: ['key-1'] });
 * const source = createPeopleHrSource({ apiKey: 'key-1', fetch: fake.fetch });
 * const snapshot = await source.fetchSnapshot();
 * fake.actions; // ['GetAllEmployeeDetail']
 *
 * const event = fake.markLeaver('PW2', { leavingDate: '2024-05-31' });
 * await fake.sendWebhook('http://127.0.0.1:3000/peoplehr/webhook?secret=…', event);
 * ```
 */
export function createPeopleHrFake(options: CreatePeopleHrFakeOptions = {}): PeopleHrFake {
  const now = options.now ?? (() => Date.now());
  const today = () => todayIn(new Date(now()), PEOPLEHR_DEFAULT_TIME_ZONE);
  const limit = options.callsPerMinute ?? PEOPLEHR_CALLS_PER_MINUTE;
  const requireUa = options.requireBrowserUserAgent ?? true;
  const company = {
    CompanyId: options.company?.CompanyId ?? 13246,
    SubDomain: options.company?.SubDomain ?? 'northwind',
    CompanyName: options.company?.CompanyName ?? 'Northwind Trading Ltd',
  };

  const keys = new Map<string, PeopleHrFakeKey>();
  const addApiKey = (key: string | PeopleHrFakeKey) => {
    const entry = typeof key === 'string' ? { key } : key;
    keys.set(entry.key, entry);
  };
  for (const key of options.apiKeys ?? ['test-api-key']) addApiKey(key);

  // People, in insertion order; looked up by EmployeeId (renames re-key the map).
  const people = new Map<string, StoredPerson>();
  const byKey = (uniqueKey: string) => [...people.values()].find((p) => p.uniqueKey === uniqueKey);
  const seed = () => {
    if (options.roster) {
      const { people: seeded, managers } = peopleFromRoster(options.roster, today());
      for (const person of seeded) people.set(person.employeeId, storePerson(person, company.CompanyName));
      for (const person of seeded) {
        const managerNumber = managers.get(person.uniqueKey ?? '');
        const stored = people.get(person.employeeId);
        const manager = managerNumber === undefined ? undefined : people.get(managerNumber);
        // A manager outside the roster stays named by a key nobody has, as a dangling People HR reference would.
        if (stored && managerNumber !== undefined)
          stored.managerKey = manager?.uniqueKey ?? `missing:${managerNumber}`;
      }
      return;
    }
    const seeded = options.people ?? DEFAULT_FAKE_PEOPLE;
    for (const person of seeded) people.set(person.employeeId, storePerson(person, company.CompanyName));
    for (const person of seeded) linkManager(person.employeeId, person.reportsTo);
  };
  const linkManager = (employeeId: string, reportsTo: string | undefined) => {
    const stored = people.get(employeeId);
    if (!stored || reportsTo === undefined) return;
    stored.managerKey = reportsTo === '' ? '' : (people.get(reportsTo)?.uniqueKey ?? `missing:${reportsTo}`);
  };
  const render = (person: StoredPerson) => {
    const manager = person.managerKey === '' ? undefined : byKey(person.managerKey);
    const wire = renderPerson(person, manager);
    // A manager missing from the company still shows their EmployeeId, as a stale reference would.
    if (!manager && person.managerKey.startsWith('missing:')) {
      wire.ReportsToEmployeeId = { DisplayValue: person.managerKey.slice('missing:'.length) };
    }
    return wire;
  };
  const isLeaver = (person: StoredPerson) => person.leavingDate !== '' && person.leavingDate < today();
  seed();

  let calls: PeopleHrFakeCall[] = [];
  const windows = new Map<string, number[]>();

  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
  const failure = (message: string, status: number) =>
    json({ isError: true, Status: status, Message: message, Result: null });
  const noRecords = () => json({ isError: false, Status: 0, Message: 'No records found.' });
  const success = (result: unknown) =>
    json({ isError: false, Status: 0, Message: OK_MESSAGE, Result: result });

  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    // [I] Real clients post to /Employee, one to /Employee/<Action>: the suffix is ignored. IIS paths ignore case.
    if (!/^\/employee(?:\/[^/]*)?\/?$/i.test(url.pathname)) {
      return new Response('<html><body><h1>404 - File or directory not found.</h1></body></html>', {
        status: 404,
        headers: { 'content-type': 'text/html' },
      });
    }
    if (request.method !== 'POST') {
      return json(
        { Message: `The requested resource does not support http method '${request.method}'.` },
        405,
      );
    }
    const userAgent = request.headers.get('user-agent') ?? '';
    let body: Record<string, unknown> = {};
    let readable = true;
    try {
      const parsed: unknown = JSON.parse(await request.text());
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        body = parsed as Record<string, unknown>;
      else readable = false;
    } catch {
      readable = false;
    }
    const action = typeof body.Action === 'string' ? body.Action : '';
    const apiKey = typeof body.APIKey === 'string' ? body.APIKey : '';
    const record = (outcome: PeopleHrFakeCall['outcome']) => {
      calls.push({ action, apiKey, at: now(), outcome, userAgent, body });
    };

    if (requireUa && !/^Mozilla\//.test(userAgent)) {
      record('blocked-user-agent');
      return new Response(
        '<html><head><title>Access Denied</title></head><body>Access Denied</body></html>',
        {
          status: 403,
          headers: { 'content-type': 'text/html' },
        },
      );
    }
    if (!readable) {
      record('bad-request');
      return failure('Invalid request.', 1);
    }
    const key = keys.get(apiKey);
    if (!key) {
      record('invalid-key');
      return failure(FAKE_INVALID_KEY_MESSAGE, 10);
    }
    // Sliding window per key: at most `limit` accepted calls in any 60 s.
    const t = now();
    const window = (windows.get(apiKey) ?? []).filter((at) => t - at < WINDOW_MS);
    windows.set(apiKey, window);
    if (window.length >= limit) {
      record('rate-limited');
      return failure(FAKE_RATE_LIMIT_MESSAGE, 14);
    }
    window.push(t);

    if (WRITE_ACTIONS.has(action) || !READ_ACTIONS.has(action)) {
      record('unsupported');
      return failure(
        WRITE_ACTIONS.has(action) ? 'This fake does not change people over the API.' : 'Invalid Action.',
        2,
      );
    }
    if (key.permissions && !key.permissions.includes(action)) {
      record('permission-denied');
      return failure(FAKE_PERMISSION_MESSAGE, 11);
    }
    switch (action) {
      case 'CheckAuthentication':
        record('ok');
        return success(true);
      case 'GetCompanyInformation':
        record('ok');
        return success(company);
      case 'GetAllEmployeeDetail': {
        // Clients send IncludeLeavers as a boolean or as the string "true" / "false".
        const includeLeavers =
          body.IncludeLeavers === true || String(body.IncludeLeavers).toLowerCase() === 'true';
        const list = [...people.values()].filter((p) => includeLeavers || !isLeaver(p));
        if (list.length === 0) {
          record('no-records');
          return noRecords();
        }
        record('ok');
        return success(list.map(render));
      }
      default: {
        const employeeId = String(body.EmployeeId ?? '').trim();
        const person = people.get(employeeId);
        if (!person) {
          record('no-records');
          return noRecords();
        }
        record('ok');
        return success(render(person));
      }
    }
  };

  const fetchLike = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.signal.aborted) throw request.signal.reason;
    return handler(request);
  }) as typeof fetch;

  const mustGet = (employeeId: string): StoredPerson => {
    const person = people.get(employeeId);
    if (!person) throw new Error(`The People HR fake has no employee ${employeeId}`);
    return person;
  };
  const event = (id: PeopleHrPersonEventId, employeeId: string, extra: Partial<PeopleHrFakeEvent> = {}) =>
    ({
      ActionId: id,
      Action: PEOPLEHR_PERSON_EVENT_NAMES[id],
      EmployeeId: employeeId,
      ...extra,
    }) as PeopleHrFakeEvent;

  const FIELD_LABELS: Record<string, string> = {
    firstName: 'First Name',
    lastName: 'Last Name',
    knownAs: 'Known As',
    email: 'Email Address',
    jobRole: 'Job Role',
    department: 'Department',
    location: 'Location',
    company: 'Company',
    reportsTo: 'Reports To',
    startDate: 'Start Date',
    leavingDate: 'Leaving Date',
    workPhone: 'Work Phone Number',
  };

  return {
    handler,
    fetch: fetchLike,
    baseUrl: options.baseUrl ?? PEOPLEHR_DEFAULT_BASE_URL,
    get calls() {
      return calls;
    },
    get actions() {
      return calls.map((c) => c.action);
    },
    clearCalls() {
      calls = [];
      windows.clear();
    },
    employee(employeeId) {
      const person = people.get(employeeId);
      return person ? render(person) : undefined;
    },
    uniqueKeyOf(employeeId) {
      return people.get(employeeId)?.uniqueKey;
    },
    addEmployee(person) {
      if (people.has(person.employeeId))
        throw new Error(`The People HR fake already has ${person.employeeId}`);
      people.set(person.employeeId, storePerson(person, company.CompanyName));
      linkManager(person.employeeId, person.reportsTo);
      return event(1, person.employeeId);
    },
    updateEmployee(employeeId, changes) {
      const person = mustGet(employeeId);
      let first: { name: string; oldValue: string; newValue: string } | undefined;
      for (const [name, value] of Object.entries(changes)) {
        if (value === undefined) continue;
        if (name === 'reportsTo') {
          const oldValue = person.managerKey === '' ? '' : (byKey(person.managerKey)?.employeeId ?? '');
          linkManager(employeeId, value);
          first ??= { name, oldValue, newValue: value };
          continue;
        }
        if (name === 'uniqueKey') throw new Error('A UniqueKey never changes');
        const field = name as keyof StoredPerson;
        const oldValue = person[field];
        person[field] = value;
        first ??= { name, oldValue, newValue: value };
      }
      return event(2, employeeId, {
        FieldName: FIELD_LABELS[first?.name ?? ''] ?? first?.name ?? '',
        NewValue: first?.newValue ?? '',
        OldValue: first?.oldValue ?? '',
        Reason: '',
      });
    },
    markLeaver(employeeId, leaver = {}) {
      const person = mustGet(employeeId);
      const yesterday = new Date(`${today()}T00:00:00Z`);
      yesterday.setUTCDate(yesterday.getUTCDate() - 1);
      person.leavingDate = leaver.leavingDate ?? yesterday.toISOString().slice(0, 10);
      person.reasonForLeaving = leaver.reason ?? 'Resignation';
      return event(3, employeeId);
    },
    deleteEmployee(employeeId) {
      mustGet(employeeId);
      people.delete(employeeId);
      return event(18, employeeId);
    },
    renameEmployeeId(employeeId, newEmployeeId) {
      const person = mustGet(employeeId);
      if (people.has(newEmployeeId)) throw new Error(`The People HR fake already has ${newEmployeeId}`);
      // Keep the insertion order: rebuild the map with the new key in place.
      const entries = [...people.entries()].map(
        ([id, p]) => [id === employeeId ? newEmployeeId : id, p] as [string, StoredPerson],
      );
      people.clear();
      for (const [id, p] of entries) people.set(id, p);
      person.employeeId = newEmployeeId;
      // [I] People HR's event for a renamed id is undocumented; an update naming the new id is the likeliest.
      return event(2, newEmployeeId, {
        FieldName: 'Employee Id',
        NewValue: newEmployeeId,
        OldValue: employeeId,
      });
    },
    addApiKey,
    revokeApiKey(key) {
      keys.delete(key);
    },
    async sendWebhook(url, payload, send = {}) {
      const full: PeopleHrFakeEvent = { ...payload };
      if (full.Action === undefined && full.ActionId in PEOPLEHR_PERSON_EVENT_NAMES) {
        full.Action = PEOPLEHR_PERSON_EVENT_NAMES[full.ActionId as PeopleHrPersonEventId];
      }
      const pairs = Object.entries(full).filter(
        (entry): entry is [string, string | number] => entry[1] !== undefined,
      );
      const format = send.format ?? 'json';
      const [contentType, body] =
        format === 'form'
          ? [
              'application/x-www-form-urlencoded',
              new URLSearchParams(pairs.map(([k, v]): [string, string] => [k, String(v)])).toString(),
            ]
          : format === 'text'
            ? ['text/plain; charset=utf-8', pairs.map(([k, v]) => `${k}:${v}`).join(', ')]
            : ['application/json', JSON.stringify(Object.fromEntries(pairs))];
      const doFetch = send.fetch ?? globalThis.fetch;
      return doFetch(url, {
        method: 'POST',
        headers: { 'content-type': contentType, ...send.headers },
        body,
        ...(send.signal ? { signal: send.signal } : {}),
      });
    },
  };
}
