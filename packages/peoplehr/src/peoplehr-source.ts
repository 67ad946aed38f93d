import {
  type CallOptions,
  type CommonAdapterOptions,
  createIssue,
  type Employee,
  type FetchOptions,
  type HrSource,
  HrSyncError,
  type SourceRecord,
  type SourceSnapshot,
  type SyncIssue,
  type VerifyResult,
} from '@hrsync/core';
import { createHttpClient, type HttpClient, type MapError, type RateBudget } from '@hrsync/core/http';
import {
  mapPeopleHrEmployee,
  type PeopleHrMappedEmployee,
  peopleHrText,
  resolvePeopleHrManagers,
} from './map-peoplehr-employee.ts';
import {
  PEOPLEHR_DEFAULT_BASE_URL,
  PEOPLEHR_DEFAULT_TIME_ZONE,
  PEOPLEHR_SOURCE,
  PEOPLEHR_USER_AGENT,
} from './peoplehr-info.ts';
import { sharedPeopleHrRateBudget } from './peoplehr-rate-budget.ts';
import {
  PeopleHrCompanyInformationSchema,
  type PeopleHrEnvelope,
  PeopleHrEnvelopeSchema,
  type PeopleHrReadAction,
} from './peoplehr-wire.ts';

/**
 * Options of {@link createPeopleHrSource}: the API key and the options every adapter takes.
 *
 * @example
 * ```ts
 * const options: PeopleHrSourceOptions = { apiKey: process.env.PEOPLEHR_API_KEY!, timeoutMs: 60_000 };
 * const source = createPeopleHrSource(options);
 * ```
 */
export interface PeopleHrSourceOptions extends CommonAdapterOptions {
  /**
   * The API key an admin generated in People HR (Settings → API) with the Employee permissions "Get All Employee
   * Detail" and "Get Employee Detail By Id". It is never logged and never appears in an error.
   */
  apiKey: string;
  /**
   * The budget of calls this source spends; default the process-wide budget of this API key (30 a minute, shared
   * by every source built with the same key). Pass one budget to several sources to share it across keys: People
   * HR counts its limit per IP address. See `createPeopleHrRateBudget()`.
   */
  rateBudget?: RateBudget | undefined;
  /** The `User-Agent` sent; default a browser-like string (People HR's CDN blocks some default agents). */
  userAgent?: string | undefined;
  /** The reference time for leaving dates; default the current time. */
  now?: (() => Date) | undefined;
  /** The time zone a leaving date is "past" in; default `'Europe/London'`. */
  timeZone?: string | undefined;
}

/**
 * A People HR person looked up by People HR's `EmployeeId` (the id its webhook events carry): the record, or
 * `undefined` when People HR has no such person.
 *
 * @example
 * ```ts
 * const found: PeopleHrLookup = await source.getEmployeeByEmployeeId('PW21');
 * if (found?.type === 'employee') console.log(found.employee.id);
 * ```
 */
export type PeopleHrLookup = SourceRecord | undefined;

/**
 * The People HR source: an `HrSource` whose ids are People HR's `UniqueKey`s, plus the look-up by
 * `EmployeeId` that webhook events need.
 *
 * @example
 * ```ts
 * const source: PeopleHrSource = createPeopleHrSource({ apiKey });
 * const person = await source.getEmployeeByEmployeeId('PW21');
 * source.uniqueKeyOf('PW21'); // its UniqueKey, now known
 * ```
 */
export interface PeopleHrSource extends HrSource {
  readonly id: 'peoplehr';
  readonly displayName: 'People HR';
  /** One person by `UniqueKey` (`Employee.id`); `undefined` when People HR no longer has them. */
  getEmployee(id: string, options?: CallOptions): Promise<SourceRecord | undefined>;
  /** One person by People HR's `EmployeeId` (`PW21`, what webhook events name); `undefined` when unknown. */
  getEmployeeByEmployeeId(employeeId: string, options?: CallOptions): Promise<PeopleHrLookup>;
  /**
   * The `UniqueKey` of an `EmployeeId`, as last seen by this source (a full read or a look-up), or `undefined`.
   * Used to target a person whose record is gone (Employee Deleted).
   */
  uniqueKeyOf(employeeId: string): string | undefined;
  /**
   * Every `UniqueKey` in People HR, leavers included, from one full read (one call). Used to confirm that a person
   * is really gone before anyone is archived on a webhook.
   */
  listUniqueKeys(options?: CallOptions): Promise<ReadonlyMap<string, string>>;
  /** The budget this source spends: share it with anything else that calls People HR with the same key. */
  readonly rateBudget: RateBudget;
}

const NO_RECORDS = /no records? found/i;
const INVALID_KEY =
  /invalid api ?key|api ?key (?:is )?(?:invalid|not valid|expired|revoked|disabled)|unauthori[sz]ed|authenticat/i;
const RATE_LIMIT = /limit|too many|exceed|throttl|quota/i;
const PERMISSION = /permission|not allowed|access (?:is )?denied|not authori[sz]ed to/i;

/**
 * Classifies People HR's answers: errors arrive as HTTP 200 with `isError: true` and only a `Message` to tell them
 * apart ([I] the texts are matched loosely, since People HR documents none but "Invalid API Key."). A CDN page
 * (HTML 403) means the `User-Agent` was refused.
 */
const mapPeopleHrError: MapError = ({ status, json, text, createError }) => {
  if (status === 403 && json === undefined && /<html/i.test(text)) {
    return createError(
      'CONFIG_INVALID',
      'People HR’s CDN refused the request (HTTP 403 page); the User-Agent may be blocked',
    );
  }
  if (json === null || typeof json !== 'object') return undefined;
  const envelope = json as { isError?: unknown; IsError?: unknown; Message?: unknown };
  const isError = envelope.isError ?? envelope.IsError;
  if (isError !== true) return undefined;
  const message = typeof envelope.Message === 'string' ? envelope.Message.trim().slice(0, 300) : '';
  if (NO_RECORDS.test(message)) return undefined; // an empty answer, not a failure
  if (PERMISSION.test(message)) {
    return createError(
      'AUTH_PERMISSION_DENIED',
      `"${message}": the API key lacks a permission (it needs "Get All Employee Detail" and "Get Employee Detail By Id")`,
    );
  }
  if (INVALID_KEY.test(message)) return createError('AUTH_INVALID_CREDENTIALS', `"${message}"`);
  if (RATE_LIMIT.test(message)) return createError('RATE_LIMITED', `"${message}"`, { retryable: true });
  return createError('INVALID_RESPONSE', `People HR answered with an error: "${message || 'no message'}"`, {
    retryable: false,
  });
};

/**
 * Creates the People HR source. Every call is one JSON POST to `/Employee` with the key in the body; the whole
 * roster (leavers included, so that they can be archived) comes back in one answer, without pages. The source:
 *
 * - verifies the key with `GetCompanyInformation` (one cheap call);
 * - reads everyone with `GetAllEmployeeDetail` (`IncludeLeavers: true`), maps each person (skipping those without
 *   a first name, last name or work email, with an issue), and resolves each manager's `EmployeeId` to their
 *   `UniqueKey` across the whole roster;
 * - reads one person with `GetEmployeeDetailById`;
 * - never sends a write action;
 * - spends at most 30 calls a minute, from a budget shared with every other source (and webhook handler) built
 *   with the same key in the process.
 *
 * People HR's quirks are handled: errors as HTTP 200 with a lower-case `isError` (an invalid or revoked key →
 * `AUTH_INVALID_CREDENTIALS`; a rate-limit message → `RATE_LIMITED`, retryable; a missing permission →
 * `AUTH_PERMISSION_DENIED`), `"No records found."` as an empty roster, `{ DisplayValue }` fields, `""` as absent.
 *
 * @example
 * ```ts
 * import { createPeopleHrSource } from '@hrsync/peoplehr';
 * import { planSync } from '@hrsync/core';
 *
 * const source = createPeopleHrSource({ apiKey: process.env.PEOPLEHR_API_KEY! });
 * await source.verify(); // throws HrSyncError AUTH_INVALID_CREDENTIALS for a bad key
 * const snapshot = await source.fetchSnapshot();
 * const plan = planSync({ snapshot, current: await loadMyUsers() });
 * ```
 */
export function createPeopleHrSource(options: PeopleHrSourceOptions): PeopleHrSource {
  const apiKey = typeof options.apiKey === 'string' ? options.apiKey.trim() : '';
  if (apiKey === '') {
    throw new HrSyncError('People HR needs an API key (apiKey is empty)', {
      code: 'CONFIG_INVALID',
      source: PEOPLEHR_SOURCE.id,
    });
  }
  const baseUrl = options.baseUrl ?? PEOPLEHR_DEFAULT_BASE_URL;
  const rateBudget = options.rateBudget ?? sharedPeopleHrRateBudget(baseUrl, apiKey);
  const client: HttpClient = createHttpClient({
    baseUrl,
    defaultBaseUrl: PEOPLEHR_DEFAULT_BASE_URL,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    concurrency: options.concurrency,
    logger: options.logger,
    source: PEOPLEHR_SOURCE,
    secrets: [apiKey],
    userAgent: options.userAgent ?? PEOPLEHR_USER_AGENT,
    rateBudget,
    mapError: mapPeopleHrError,
  });
  const mapOptions = () => ({
    now: options.now?.() ?? new Date(),
    timeZone: options.timeZone ?? PEOPLEHR_DEFAULT_TIME_ZONE,
  });

  // EmployeeId → UniqueKey, as last seen. People HR names managers (and webhook events name people) by EmployeeId.
  const directory = new Map<string, string>();
  // Its inverse, UniqueKey → EmployeeId, so that learning a roster stays linear (a scan of the directory per
  // record made a 100k-person read take half a minute).
  const owners = new Map<string, string>();
  const learn = (records: readonly unknown[]) => {
    for (const record of records) {
      if (record === null || typeof record !== 'object') continue;
      const r = record as { EmployeeId?: unknown; UniqueKey?: unknown };
      const employeeId = peopleHrText(r.EmployeeId);
      const uniqueKey = peopleHrText(r.UniqueKey);
      if (employeeId === undefined || uniqueKey === undefined) continue;
      // A renamed EmployeeId leaves a stale entry pointing at the same key: drop it.
      const previousId = owners.get(uniqueKey);
      if (previousId !== undefined && previousId !== employeeId) directory.delete(previousId);
      // An EmployeeId now given to another person no longer names the key it had.
      const previousKey = directory.get(employeeId);
      if (previousKey !== undefined && previousKey !== uniqueKey) owners.delete(previousKey);
      directory.set(employeeId, uniqueKey);
      owners.set(uniqueKey, employeeId);
    }
  };

  const call = async (
    action: PeopleHrReadAction,
    extra: Record<string, unknown>,
    callOptions: CallOptions | undefined,
  ): Promise<PeopleHrEnvelope> => {
    client.logger.debug('people hr call', { action });
    return client.postJson(
      '/Employee',
      { APIKey: apiKey, Action: action, ...extra },
      { schema: PeopleHrEnvelopeSchema, signal: callOptions?.signal },
    );
  };

  const invalid = (message: string) =>
    new HrSyncError(`People HR: ${message}`, {
      code: 'INVALID_RESPONSE',
      source: PEOPLEHR_SOURCE.id,
      redactor: client.redactor,
    });

  // Result as a list: "No records found." (with or without isError, with or without Result) is an empty list.
  const listOf = (envelope: PeopleHrEnvelope): unknown[] => {
    if (NO_RECORDS.test(envelope.Message ?? '')) return [];
    if (Array.isArray(envelope.Result)) return envelope.Result;
    if (envelope.Result === undefined || envelope.Result === null) return [];
    throw invalid('GetAllEmployeeDetail answered with a Result that is not a list');
  };
  // Result as one record, or undefined when there is none.
  const oneOf = (envelope: PeopleHrEnvelope): unknown => {
    if (NO_RECORDS.test(envelope.Message ?? '')) return undefined;
    const result = Array.isArray(envelope.Result) ? envelope.Result[0] : envelope.Result;
    if (result === undefined || result === null) return undefined;
    if (typeof result !== 'object')
      throw invalid('GetEmployeeDetailById answered with a Result that is not a record');
    return result;
  };

  const readAll = async (callOptions: CallOptions | undefined): Promise<unknown[]> => {
    const records = listOf(await call('GetAllEmployeeDetail', { IncludeLeavers: true }, callOptions));
    learn(records);
    return records;
  };

  // The whole roster as records: each person once (a UniqueKey seen twice skips both), managers resolved.
  const toRecords = (raws: readonly unknown[], includeRaw: boolean): SourceRecord[] => {
    const settings = mapOptions();
    const mapped = raws.map((raw, index) => ({
      raw,
      result: mapPeopleHrEmployee(raw, { ...settings, index }),
    }));
    const counts = new Map<string, number>();
    for (const { result } of mapped)
      if (result.ok) counts.set(result.employee.id, (counts.get(result.employee.id) ?? 0) + 1);
    const out: SourceRecord[] = [];
    const valid: { raw: unknown; result: Extract<PeopleHrMappedEmployee, { ok: true }> }[] = [];
    for (const entry of mapped) {
      const { raw, result } = entry;
      const withRaw = includeRaw ? { raw } : {};
      if (!result.ok) {
        for (const issue of result.issues) out.push({ type: 'issue', issue, ...withRaw });
      } else if ((counts.get(result.employee.id) ?? 0) > 1) {
        out.push({
          type: 'issue',
          issue: createIssue('EMPLOYEE_DUPLICATE_ID', PEOPLEHR_SOURCE, {
            recordId: result.employee.id,
            field: 'id',
            message: `Employee ${result.employee.employeeNumber ?? '?'}: the unique key ${result.employee.id} belongs to more than one People HR record; none of them is synced.`,
          }),
          ...withRaw,
        });
      } else {
        valid.push({ raw, result });
      }
    }
    const resolved = resolvePeopleHrManagers(
      valid.map((v) => v.result),
      directory,
    );
    resolved.forEach(({ employee, issues }, i) => {
      out.push({ type: 'employee', employee, issues, ...(includeRaw ? { raw: valid[i]?.raw } : {}) });
    });
    return out;
  };

  // One person by EmployeeId, manager resolved (from the directory, else by one more look-up).
  const lookUp = async (
    employeeId: string,
    callOptions: CallOptions | undefined,
  ): Promise<PeopleHrLookup> => {
    const raw = oneOf(await call('GetEmployeeDetailById', { EmployeeId: employeeId }, callOptions));
    if (raw === undefined) return undefined;
    learn([raw]);
    const result = mapPeopleHrEmployee(raw, mapOptions());
    if (!result.ok) {
      // A record carries one issue: the first says why the person is skipped (a full read lists them all).
      const [issue] = result.issues;
      return issue ? { type: 'issue', issue } : undefined;
    }
    const manager = result.managerEmployeeId;
    if (manager !== undefined && !directory.has(manager)) {
      const managerRaw = oneOf(await call('GetEmployeeDetailById', { EmployeeId: manager }, callOptions));
      if (managerRaw !== undefined) learn([managerRaw]);
    }
    const [resolved] = resolvePeopleHrManagers([result], directory);
    return resolved ? { type: 'employee', employee: resolved.employee, issues: resolved.issues } : undefined;
  };

  async function* employees(fetchOptions: FetchOptions = {}): AsyncGenerator<SourceRecord> {
    const records = toRecords(await readAll(fetchOptions), fetchOptions.includeRaw === true);
    let count = 0;
    for (const record of records) {
      if (fetchOptions.signal?.aborted) throw fetchOptions.signal.reason;
      count++;
      try {
        fetchOptions.onRecord?.(count);
      } catch {
        // A broken progress hook must not break the read.
      }
      yield record;
    }
  }

  const source: PeopleHrSource = {
    id: 'peoplehr',
    displayName: 'People HR',
    capabilities: { webhooks: true, getEmployee: true, incremental: false },
    rateBudget,

    async verify(callOptions?: CallOptions): Promise<VerifyResult> {
      const envelope = await call('GetCompanyInformation', {}, callOptions);
      const company = PeopleHrCompanyInformationSchema.safeParse(envelope.Result);
      if (envelope.isError || !company.success) {
        throw invalid('GetCompanyInformation did not answer with the company’s information');
      }
      const companyName = peopleHrText(company.data.CompanyName);
      const companyId = peopleHrText(company.data.CompanyId);
      return {
        ok: true,
        ...(companyName === undefined ? {} : { companyName }),
        ...(companyId === undefined ? {} : { companyId }),
      };
    },

    employees,

    async fetchSnapshot(fetchOptions: FetchOptions = {}): Promise<SourceSnapshot> {
      const employeesOut: Employee[] = [];
      const issues: SyncIssue[] = [];
      for await (const record of employees(fetchOptions)) {
        if (record.type === 'employee') {
          employeesOut.push(record.employee);
          issues.push(...record.issues);
        } else if (record.type === 'issue') {
          issues.push(record.issue);
        }
      }
      return {
        source: PEOPLEHR_SOURCE.id,
        fetchedAt: new Date().toISOString(),
        // One answer holds everyone: a read that did not throw is complete.
        complete: true,
        employees: employeesOut,
        issues,
      };
    },

    async getEmployee(id: string, callOptions?: CallOptions): Promise<SourceRecord | undefined> {
      const known = owners.get(id);
      if (known !== undefined) {
        const record = await lookUp(known, callOptions);
        // The EmployeeId may have been renamed, or reused by someone else: only a matching key counts.
        if (record?.type === 'employee' && record.employee.id === id) return record;
        if (record?.type === 'issue' && record.issue.recordId === id) return record;
      }
      // Not known by key: People HR cannot read by UniqueKey, but the whole roster is one call.
      const records = toRecords(await readAll(callOptions), false);
      return records.find(
        (r) =>
          (r.type === 'employee' && r.employee.id === id) || (r.type === 'issue' && r.issue.recordId === id),
      );
    },

    getEmployeeByEmployeeId(employeeId: string, callOptions?: CallOptions): Promise<PeopleHrLookup> {
      const trimmed = employeeId.trim();
      if (trimmed === '') return Promise.resolve(undefined);
      return lookUp(trimmed, callOptions);
    },

    uniqueKeyOf(employeeId: string): string | undefined {
      return directory.get(employeeId);
    },

    async listUniqueKeys(callOptions?: CallOptions): Promise<ReadonlyMap<string, string>> {
      const records = await readAll(callOptions);
      const keys = new Map<string, string>();
      for (const record of records) {
        const r = (record ?? {}) as { EmployeeId?: unknown; UniqueKey?: unknown };
        const key = peopleHrText(r.UniqueKey);
        if (key !== undefined) keys.set(key, peopleHrText(r.EmployeeId) ?? '');
      }
      return keys;
    },
  };
  return source;
}
