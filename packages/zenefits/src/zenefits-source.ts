import {
  type CallOptions,
  type CommonAdapterOptions,
  collectSnapshot,
  type FetchOptions,
  type HrSource,
  HrSyncError,
  type OrgUnit,
  type SourceRecord,
  type SyncIssue,
  type VerifyResult,
} from '@hrsync/core';
import { createHttpClient, type HttpClient, type MapError, paginateNextUrl } from '@hrsync/core/http';
import {
  indexZenefitsEmployments,
  mapZenefitsDepartment,
  mapZenefitsEmployee,
  mapZenefitsLocation,
  orgUnitNames,
  type ZenefitsOrgUnitResult,
} from './map-zenefits-employee.ts';
import {
  ZENEFITS_DEFAULT_BASE_URL,
  ZENEFITS_PAGE_SIZE,
  ZENEFITS_RECOMMENDED_SCOPES,
  ZENEFITS_REQUIRED_SCOPES,
  ZENEFITS_SOURCE,
} from './zenefits-info.ts';
import {
  refId,
  type ZenefitsEmployment,
  ZenefitsEnvelopeSchema,
  type ZenefitsListPage,
  ZenefitsListPageSchema,
  ZenefitsMeResponseSchema,
} from './zenefits-wire.ts';

/**
 * Options of {@link createZenefitsSource}: the API token, and the options every adapter takes.
 *
 * @example
 * ```ts
 * const options: ZenefitsSourceOptions = { token: process.env.ZENEFITS_TOKEN!, timeoutMs: 20_000, concurrency: 2 };
 * ```
 */
export interface ZenefitsSourceOptions extends CommonAdapterOptions {
  /**
   * A TriNet Zenefits REST API token (Company Profile → Custom Integrations → REST API Access → Add Token), or an
   * OAuth access token of a partner app: both are sent as `Authorization: Bearer <token>`. Never logged, never in an
   * error.
   */
  token: string;
  /** Records per page of each list, 1 to 100; default 100 (Zenefits' maximum; its own default is 20). */
  pageSize?: number | undefined;
}

/** What an admin ticks in Zenefits for each scope, for messages. */
const SCOPE_LABELS: Readonly<Record<string, string>> = {
  people: 'People',
  departments: 'Departments',
  locations: 'Locations',
  employments: 'Employments',
  'people.work_email': 'Work email',
  'people.manager': 'Manager',
  'people.department': 'Person’s Department',
  'people.location': 'Person’s Location',
  'people.status': 'Status',
};

const LIST_SCOPES: Readonly<Record<string, string>> = {
  '/core/people': 'people',
  '/core/departments': 'departments',
  '/core/locations': 'locations',
  '/core/employments': 'employments',
};

function describeScopes(scopes: readonly string[]): string {
  return scopes.map((scope) => `${scope} (${SCOPE_LABELS[scope] ?? scope})`).join(', ');
}

function configError(message: string): HrSyncError {
  return new HrSyncError(`TriNet Zenefits: ${message}`, {
    code: 'CONFIG_INVALID',
    source: ZENEFITS_SOURCE.id,
  });
}

// The token is pasted by an admin: surrounding white space is dropped, anything else is refused, never echoed.
function readToken(value: unknown): string {
  if (typeof value !== 'string') {
    throw configError('token is required (a REST API token from Company Profile → Custom Integrations).');
  }
  const token = value.trim();
  if (token === '') throw configError('token is empty.');
  if (/\s/.test(token)) {
    throw configError('token contains white space; copy it again from TriNet Zenefits (without "Bearer").');
  }
  return token;
}

// The vendor's own words from an error body, kept short: `error` may be a string or an object ([?]).
function vendorWords(json: unknown): string | undefined {
  const envelope = ZenefitsEnvelopeSchema.safeParse(json);
  if (!envelope.success) return undefined;
  const { error } = envelope.data;
  if (error === null || error === undefined || error === '') return undefined;
  const text = typeof error === 'string' ? error : JSON.stringify(error);
  return text.slice(0, 200);
}

/**
 * Creates the TriNet Zenefits source: reads a company's people, departments, locations and employments from the
 * Zenefits core API (`https://api.zenefits.com`) with a Bearer token.
 *
 * - The token is checked here (`CONFIG_INVALID`, never echoing it) and registered for redaction.
 * - `verify()` reads `/core/me`: a rejected token → `AUTH_INVALID_CREDENTIALS`; an uninstalled app, or a token
 *   without the scopes the sync needs (`people`, `departments`, `locations`, `employments`, `people.work_email`,
 *   `people.manager`) → `AUTH_PERMISSION_DENIED` naming the missing ones. Missing `people.department`,
 *   `people.location` or `people.status` only logs a warning (those scope names are not confirmed).
 * - `employees()` reads `/core/departments`, `/core/locations`, `/core/employments` and the first page of
 *   `/core/people?limit=100` at once (within the concurrency cap), then follows `data.next_url` until it is `null`,
 *   only on the same origin as `baseUrl`: a `next_url` elsewhere is never requested, so the token never leaves.
 *   A record that cannot sync becomes an issue record; a people page that fails after the first ends the read with
 *   an `incomplete` record (nobody is archived from it); a failure before that throws.
 * - Every request is retried on 408/429/5xx and network errors, honouring `Retry-After` (Zenefits documents no
 *   rate limit; see the README).
 *
 * @example
 * ```ts
 * import { planSync } from '@hrsync/core';
 * import { createZenefitsSource } from '@hrsync/zenefits';
 *
 * const source = createZenefitsSource({ token: process.env.ZENEFITS_TOKEN! });
 * await source.verify();
 * const snapshot = await source.fetchSnapshot();
 * const plan = planSync({ snapshot, current: await loadMyUsers(), sourceName: source.displayName });
 * ```
 */
export function createZenefitsSource(options: ZenefitsSourceOptions): HrSource {
  if (options === null || typeof options !== 'object') throw configError('options are required.');
  const token = readToken(options.token);
  const pageSize = options.pageSize ?? ZENEFITS_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > ZENEFITS_PAGE_SIZE) {
    throw configError(`pageSize must be a whole number from 1 to ${ZENEFITS_PAGE_SIZE}.`);
  }

  const mapError: MapError = ({ status, json, path, createError }) => {
    // A 2xx whose envelope still reports a failure is classified by the envelope's own status ([I]).
    const envelope = ZenefitsEnvelopeSchema.safeParse(json);
    const bodyStatus = envelope.success ? envelope.data.status : undefined;
    const failed =
      status >= 400 || (envelope.success && envelope.data.data === null && vendorWords(json) !== undefined);
    if (!failed) return undefined;
    const effective = status >= 400 ? status : (bodyStatus ?? status);
    const words = vendorWords(json);
    const said = words ? ` (TriNet Zenefits says: ${words})` : '';
    if (effective === 401) {
      return createError(
        'AUTH_INVALID_CREDENTIALS',
        `TriNet Zenefits refused the API token${said}. It may be wrong, revoked, or the app uninstalled; create a new token under Company Profile → Custom Integrations → REST API Access.`,
      );
    }
    if (effective === 403) {
      const pathname = path.split('?')[0] ?? path;
      const scope = LIST_SCOPES[pathname.replace(/\/+$/, '')];
      const needs = scope
        ? `the ${describeScopes([scope])} permission`
        : 'the permissions listed in the README';
      return createError(
        'AUTH_PERMISSION_DENIED',
        `TriNet Zenefits denied access${said}. The token needs ${needs}.`,
      );
    }
    if (status < 400) {
      return createError(
        'INVALID_RESPONSE',
        `TriNet Zenefits answered HTTP ${status} with an error${said}.`,
        {
          retryable: true,
        },
      );
    }
    return undefined;
  };

  const client: HttpClient = createHttpClient({
    ...options,
    source: ZENEFITS_SOURCE,
    defaultBaseUrl: ZENEFITS_DEFAULT_BASE_URL,
    secrets: [token],
    authorization: () => `Bearer ${token}`,
    mapError,
  });
  const log = client.logger;

  const walk = <T>(path: string, signal: AbortSignal | undefined) =>
    paginateNextUrl<ZenefitsListPage, T>({
      client,
      firstUrl: path,
      searchParams: { limit: pageSize },
      schema: ZenefitsListPageSchema,
      getItems: (page) => page.data.data as T[],
      getNextUrl: (page) => page.data.next_url,
      signal,
    });

  const readAll = async (path: string, signal: AbortSignal | undefined): Promise<unknown[]> => {
    const records: unknown[] = [];
    for await (const record of walk<unknown>(path, signal)) records.push(record);
    return records;
  };

  async function* employees(fetchOptions: FetchOptions = {}): AsyncGenerator<SourceRecord, void, undefined> {
    const { signal, includeRaw } = fetchOptions;
    signal?.throwIfAborted();
    // Cancels requests still in flight when the read ends early (a failure, or the caller stopping).
    const stop = new AbortController();
    const readSignal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
    const started = performance.now();
    let people = 0;
    const people$ = walk<unknown>('/core/people', readSignal)[Symbol.asyncIterator]();
    try {
      const lists = Promise.all([
        readAll('/core/departments', readSignal),
        readAll('/core/locations', readSignal),
        readAll('/core/employments', readSignal),
      ]);
      // The first page of people goes out with the lists, so four requests share the cap from the start.
      const firstPerson = people$.next();
      firstPerson.catch(() => {});
      const [departmentRecords, locationRecords, employmentRecords] = await lists;

      const units = function* (
        records: readonly unknown[],
        map: (record: unknown) => ZenefitsOrgUnitResult,
        type: 'department' | 'location',
        into: OrgUnit[],
      ): Generator<SourceRecord> {
        for (const record of records) {
          const result = map(record);
          if (!result.ok) {
            yield { type: 'issue', issue: result.issue };
            continue;
          }
          into.push(result.unit);
          yield { type, unit: result.unit };
        }
      };
      const departments: OrgUnit[] = [];
      const locations: OrgUnit[] = [];
      yield* units(departmentRecords, mapZenefitsDepartment, 'department', departments);
      yield* units(locationRecords, mapZenefitsLocation, 'location', locations);
      const employments = indexZenefitsEmployments(employmentRecords);
      for (const issue of employments.issues) yield { type: 'issue', issue };

      const context = {
        departments: orgUnitNames(departments),
        locations: orgUnitNames(locations),
        employments: employments.byPerson as ReadonlyMap<string, readonly ZenefitsEmployment[]>,
      };
      const toRecords = (record: unknown): SourceRecord[] => {
        people++;
        fetchOptions.onRecord?.(people);
        const result = mapZenefitsEmployee(record, { ...context, recordId: `#${people}` });
        const raw = includeRaw ? { raw: record } : {};
        if (result.ok)
          return [{ type: 'employee', employee: result.employee, issues: result.issues, ...raw }];
        return result.issues.map((issue: SyncIssue): SourceRecord => ({ type: 'issue', issue, ...raw }));
      };

      // A failure of the first page throws (nothing was read); a later one ends the read as incomplete.
      let next = await firstPerson;
      while (!next.done) {
        yield* toRecords(next.value);
        try {
          next = await people$.next();
        } catch (error) {
          if (signal?.aborted || !HrSyncError.is(error)) throw error;
          log.warn('zenefits people read stopped early', { code: error.code, peopleRead: people });
          yield { type: 'incomplete', error };
          return;
        }
      }
    } finally {
      stop.abort(new DOMException('The TriNet Zenefits read ended', 'AbortError'));
      await people$.return?.().catch(() => {});
      log.info('zenefits roster read', { peopleRead: people, ms: Math.round(performance.now() - started) });
    }
  }

  const source: HrSource = {
    id: ZENEFITS_SOURCE.id,
    displayName: ZENEFITS_SOURCE.displayName,
    capabilities: Object.freeze({ webhooks: false, getEmployee: false, incremental: false }),
    async verify(callOptions: CallOptions = {}): Promise<VerifyResult> {
      const me = (
        await client.request('/core/me', { schema: ZenefitsMeResponseSchema, signal: callOptions.signal })
      ).data;
      const granted = me.scopes?.map((scope) => scope.trim().toLowerCase());
      const missing = granted ? ZENEFITS_REQUIRED_SCOPES.filter((scope) => !granted.includes(scope)) : [];
      if (me.uninstalled === true) {
        throw new HrSyncError(
          `TriNet Zenefits: the app was uninstalled from this company, so the token grants none of the permissions the sync needs: ${describeScopes(ZENEFITS_REQUIRED_SCOPES)}. Reinstall the app, or create a new REST API token with them ticked.`,
          {
            code: 'AUTH_PERMISSION_DENIED',
            source: ZENEFITS_SOURCE.id,
            details: { uninstalled: true, missingScopes: [...ZENEFITS_REQUIRED_SCOPES] },
            redactor: client.redactor,
          },
        );
      }
      if (missing.length > 0) {
        throw new HrSyncError(
          `TriNet Zenefits: the token lacks permissions the sync needs: ${describeScopes(missing)}. Edit the token (or create a new one) under Company Profile → Custom Integrations → REST API Access and tick them.`,
          {
            code: 'AUTH_PERMISSION_DENIED',
            source: ZENEFITS_SOURCE.id,
            details: { missingScopes: missing },
            redactor: client.redactor,
          },
        );
      }
      if (granted === undefined) {
        log.warn('zenefits /core/me listed no scopes; permissions were not checked');
      } else {
        const weak = ZENEFITS_RECOMMENDED_SCOPES.filter((scope) => !granted.includes(scope));
        if (weak.length > 0) {
          log.warn('zenefits token lacks recommended scopes; those fields will be empty', { scopes: weak });
        }
      }
      const result: VerifyResult = { ok: true };
      const companyId = refId(me.company);
      if (companyId !== undefined) result.companyId = companyId;
      if (me.scopes) result.scopes = [...me.scopes];
      log.info('zenefits token verified', { companyId });
      return result;
    },
    employees: (fetchOptions) => employees(fetchOptions),
    fetchSnapshot: (fetchOptions) => collectSnapshot(source, fetchOptions),
  };
  return source;
}
