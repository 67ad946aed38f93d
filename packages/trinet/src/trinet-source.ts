import {
  type CallOptions,
  type CommonAdapterOptions,
  collectSnapshot,
  type FetchOptions,
  type HrSource,
  HrSyncError,
  type SourceRecord,
  type VerifyResult,
} from '@hrsync/core';
import {
  createHttpClient,
  createTokenCache,
  type HttpClient,
  type MapError,
  paginateOffset,
  withTokenRefresh,
} from '@hrsync/core/http';
import type { ZodType } from 'zod';
import { mapTrinetDepartment, mapTrinetEmployee, mapTrinetLocation } from './map-trinet-employee.ts';
import { TRINET_DEFAULT_BASE_URL, TRINET_PAGE_SIZE, TRINET_SOURCE } from './trinet-info.ts';
import {
  describeTrinetError,
  type TrinetEmployeesPage,
  TrinetEmployeesPageSchema,
  TrinetFaultSchema,
  TrinetListSchema,
  TrinetOAuthErrorSchema,
  TrinetOrgDetailsResponseSchema,
  TrinetTokenResponseSchema,
} from './trinet-wire.ts';

/**
 * Options of {@link createTrinetSource}: the three credentials from TriNet's Integration Center, and the usual ones.
 *
 * @example
 * ```ts
 * const options: TrinetSourceOptions = {
 *   companyId: 'CJ6',
 *   clientId: process.env.TRINET_CLIENT_ID!,
 *   clientSecret: process.env.TRINET_CLIENT_SECRET!,
 *   concurrency: 4,
 * };
 * ```
 */
export interface TrinetSourceOptions extends CommonAdapterOptions {
  /** The TriNet Company ID (often three characters, such as `'CJ6'`). */
  companyId: string;
  /** The Client ID shown by TriNet's Integration Center ("API key"). */
  clientId: string;
  /** The Client Secret shown by TriNet's Integration Center ("API secret"). Never logged, never in an error. */
  clientSecret: string;
  /**
   * Employee pages requested ahead of the one being read; default `2 * concurrency - 1`. Offsets are known in
   * advance (1, 101, 201, …), so pages are asked for before they are needed; the concurrency cap still bounds the
   * requests in flight, and pages found to lie past the end are cancelled (those not yet sent are never sent).
   */
  readAhead?: number | undefined;
}

const COMPANY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const DEFAULT_CONCURRENCY = 4;

function configError(message: string): HrSyncError {
  return new HrSyncError(`TriNet: ${message}`, { code: 'CONFIG_INVALID', source: TRINET_SOURCE.id });
}

// Credentials are pasted by admins: surrounding white space is dropped, anything else is refused, never echoed.
function credential(value: unknown, name: string): string {
  if (typeof value !== 'string')
    throw configError(`${name} is required (a string from TriNet's Integration Center).`);
  const trimmed = value.trim();
  if (trimmed === '') throw configError(`${name} is empty.`);
  if (/[\s:]/.test(trimmed))
    throw configError(`${name} contains a space or a colon; copy it again from TriNet.`);
  return trimmed;
}

/**
 * Keeps read-ahead from asking for pages past the end. TriNet's `employeesTotal`, when a page carries it, is used
 * as a hint only: a page within it is requested freely; a page past it waits until an earlier page is known to say
 * `hasMore` (and is never sent if the walk ends first). Without the hint, read-ahead is not held back.
 */
function createPageGate() {
  let hint: number | undefined;
  // The highest offset whose page said more pages follow: the page after it is needed.
  let confirmed = 0;
  const waiters = new Set<{ offset: number; release: () => void }>();
  const open = (offset: number) =>
    hint === undefined || offset <= hint || offset - TRINET_PAGE_SIZE <= confirmed;
  return {
    note(offset: number, page: TrinetEmployeesPage): void {
      const total = Number(page.data.employeesTotal ?? Number.NaN);
      if (Number.isFinite(total)) hint = Math.max(hint ?? 0, total);
      if (page.data.hasMore) confirmed = Math.max(confirmed, offset);
      for (const waiter of waiters) if (open(waiter.offset)) waiter.release();
    },
    wait(offset: number, signal: AbortSignal): Promise<void> {
      if (open(offset)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          waiters.delete(waiter);
          reject(signal.reason);
        };
        const waiter = {
          offset,
          release: () => {
            waiters.delete(waiter);
            signal.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        if (signal.aborted) {
          onAbort();
          return;
        }
        waiters.add(waiter);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}

// One turn of the event loop (I/O included), not just of the microtask queue.
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}

function encodeBasic(clientId: string, clientSecret: string): string {
  const bytes = new TextEncoder().encode(`${clientId}:${clientSecret}`);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Creates the TriNet (PEO) source: reads a company's employees, departments and locations from the TriNet API
 * (`https://api.trinet.com`) with the client-credentials flow.
 *
 * - Credentials are checked here (`CONFIG_INVALID`, naming the option, never its value) and registered for
 *   redaction, with every token received.
 * - The token (`GET /oauth/accesstoken?grant_type=client_credentials` with HTTP Basic) is cached per instance,
 *   refreshed a minute before it expires, shared by concurrent calls, and on a 401 refreshed once and the call
 *   replayed once.
 * - `verify()` reads `/v1/manage-company/{companyId}/org-details`: bad credentials → `AUTH_INVALID_CREDENTIALS`,
 *   a missing scope → `AUTH_PERMISSION_DENIED`, an unknown company → `CONFIG_INVALID`.
 * - `employees()` reads departments and locations, then `/v1/company/{companyId}/employees?offset=1&viewType=All`
 *   and the next pages (`offset` + 100 while `data.hasMore`), requesting pages ahead within the concurrency cap.
 *   A record that cannot sync becomes an issue record; a page that fails after the first one ends the read with an
 *   `incomplete` record (nobody is archived from it).
 * - Every request is retried on 408/429/5xx and network errors, honouring `Retry-After` (TriNet documents no quota;
 *   see the README).
 *
 * @example
 * ```ts
 * import { planSync } from '@hrsync/core';
 * import { createTrinetSource } from '@hrsync/trinet';
 *
 * const source = createTrinetSource({
 *   companyId: process.env.TRINET_COMPANY_ID!,
 *   clientId: process.env.TRINET_CLIENT_ID!,
 *   clientSecret: process.env.TRINET_CLIENT_SECRET!,
 * });
 * await source.verify();
 * const snapshot = await source.fetchSnapshot();
 * const plan = planSync({ snapshot, current: await loadMyUsers() });
 * ```
 */
export function createTrinetSource(options: TrinetSourceOptions): HrSource {
  if (options === null || typeof options !== 'object') throw configError('options are required.');
  const companyIdInput: unknown = options.companyId;
  if (typeof companyIdInput !== 'string' || companyIdInput.trim() === '') {
    throw configError('companyId is required (the Company ID from TriNet’s Integration Center).');
  }
  const companyId = companyIdInput.trim();
  if (!COMPANY_ID.test(companyId)) {
    throw configError('companyId may only hold letters, digits, ".", "_" and "-" (for example "CJ6").');
  }
  const clientId = credential(options.clientId, 'clientId');
  const clientSecret = credential(options.clientSecret, 'clientSecret');
  const basic = `Basic ${encodeBasic(clientId, clientSecret)}`;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  // Twice the cap: pages then wait in the client's queue, so a slot freed by an answer is refilled at once, whatever
  // the mapping is doing. Pages queued past the end are dropped unsent; at most about `concurrency` are sent.
  const readAhead = options.readAhead ?? Math.max(0, 2 * concurrency - 1);
  if (!Number.isInteger(readAhead) || readAhead < 0)
    throw configError('readAhead must be a whole number ≥ 0.');

  const company = encodeURIComponent(companyId);
  const mapError: MapError = ({ status, json, path, createError }) => {
    if (status < 400) return undefined;
    const words = describeTrinetError(json);
    const said = words ? ` (TriNet says: ${words})` : '';
    if (path.startsWith('/oauth/')) {
      const oauth = TrinetOAuthErrorSchema.safeParse(json);
      if (status === 401 || (status === 400 && oauth.success && oauth.data.ErrorCode === 'invalid_client')) {
        return createError(
          'AUTH_INVALID_CREDENTIALS',
          `TriNet refused the Client ID and Client Secret${said}. Generate new credentials in TriNet's Integration Center.`,
        );
      }
      return undefined;
    }
    if (status === 401) {
      return createError('AUTH_INVALID_CREDENTIALS', `TriNet refused the access token${said}.`);
    }
    if (status === 403) {
      return createError(
        'AUTH_PERMISSION_DENIED',
        `TriNet denied access${said}. The integration needs read access (the basic-read and hr-admin-read scopes) to company "${companyId}".`,
      );
    }
    if (status === 404) {
      const fault = TrinetFaultSchema.safeParse(json);
      if (fault.success && /ApplicationNotFound/i.test(fault.data.fault.detail?.errorcode ?? '')) {
        return createError('CONFIG_INVALID', `there is no TriNet API at this address${said}; check baseUrl.`);
      }
      return createError(
        'CONFIG_INVALID',
        `TriNet does not know company "${companyId}", or these credentials are not for it${said}. Check the Company ID in TriNet's Integration Center.`,
      );
    }
    if (status === 429) {
      return createError('RATE_LIMITED', `TriNet's quota was exceeded${said}.`, { retryable: true });
    }
    return undefined;
  };

  const client: HttpClient = createHttpClient({
    ...options,
    concurrency,
    source: TRINET_SOURCE,
    defaultBaseUrl: TRINET_DEFAULT_BASE_URL,
    secrets: [clientSecret, clientId, basic.slice('Basic '.length)],
    mapError,
  });
  const log = client.logger;
  let grantedScopes: string[] | undefined;

  const tokens = createTokenCache({
    source: TRINET_SOURCE.id,
    redactor: client.redactor,
    fetchToken: async () => {
      const body = await client.request('/oauth/accesstoken', {
        searchParams: { grant_type: 'client_credentials' },
        auth: () => basic,
        schema: TrinetTokenResponseSchema,
      });
      grantedScopes = body.scope?.split(/\s+/).filter(Boolean);
      log.debug('trinet token issued', { expiresIn: body.expires_in, scopes: grantedScopes });
      return { token: body.access_token, expiresInMs: Number(String(body.expires_in).trim()) * 1000 };
    },
  });

  // Every data call: a cached token, and on a 401 one refresh and one replay.
  const read = <T>(
    path: string,
    schema: ZodType<T>,
    signal: AbortSignal | undefined,
    searchParams?: Record<string, string | number>,
  ): Promise<T> =>
    withTokenRefresh(
      tokens,
      (token) =>
        client.request(path, {
          schema,
          signal,
          auth: () => `Bearer ${token}`,
          ...(searchParams ? { searchParams } : {}),
        }),
      { signal },
    );

  const readPage = (offset: number, signal: AbortSignal | undefined): Promise<TrinetEmployeesPage> =>
    read(`/v1/company/${company}/employees`, TrinetEmployeesPageSchema, signal, { offset, viewType: 'All' });

  async function* employees(fetchOptions: FetchOptions = {}): AsyncGenerator<SourceRecord, void, undefined> {
    const { signal, includeRaw } = fetchOptions;
    signal?.throwIfAborted();
    // Cancels requests still in flight when the read ends early (a failure, or the caller stopping).
    const walk = new AbortController();
    const walkSignal = signal ? AbortSignal.any([signal, walk.signal]) : walk.signal;
    const started = performance.now();
    let people = 0;
    try {
      const lists = Promise.all([
        read(`/v1/company/${company}/departments`, TrinetListSchema, walkSignal),
        read(`/v1/company/${company}/locations`, TrinetListSchema, walkSignal),
      ]);
      // The first page goes out with the lists: it alone says whether more pages follow.
      const firstPage = readPage(1, walkSignal);
      firstPage.catch(() => {});
      const [departmentList, locationList] = await lists;

      const departmentNames = new Map<string, string>();
      for (const record of departmentList.data) {
        const result = mapTrinetDepartment(record);
        if (!result.ok) {
          yield { type: 'issue', issue: result.issue };
          continue;
        }
        if (result.unit.name !== undefined) departmentNames.set(result.unit.id, result.unit.name);
        yield { type: 'department', unit: result.unit };
      }
      const locationNames = new Map<string, string>();
      for (const record of locationList.data) {
        const result = mapTrinetLocation(record);
        if (!result.ok) {
          yield { type: 'issue', issue: result.issue };
          continue;
        }
        if (result.unit.name !== undefined) locationNames.set(result.unit.id, result.unit.name);
        yield { type: 'location', unit: result.unit };
      }

      // Hires appear in TriNet on their hire date (Central time); a UTC day is close enough to tell pending people.
      const today = new Date().toISOString().slice(0, 10);
      const toRecord = (record: unknown, position: number): SourceRecord[] => {
        people++;
        fetchOptions.onRecord?.(people);
        const result = mapTrinetEmployee(record, {
          departments: departmentNames,
          locations: locationNames,
          recordId: `#${position}`,
          today,
        });
        const raw = includeRaw ? { raw: record } : {};
        if (result.ok)
          return [{ type: 'employee', employee: result.employee, issues: result.issues, ...raw }];
        return result.issues.map((issue): SourceRecord => ({ type: 'issue', issue, ...raw }));
      };

      const first = await firstPage;
      const totals = new Set<unknown>([first.data.employeesTotal]);
      const more = first.data.hasMore && first.data.employeeData.length > 0;
      const gate = createPageGate();
      gate.note(1, first);
      let last: { offset: number; page: TrinetEmployeesPage } | undefined;
      // Started before page 1 is mapped, so that the next pages are on the wire meanwhile.
      const rest = more
        ? paginateOffset({
            firstOffset: 1 + TRINET_PAGE_SIZE,
            pageSize: TRINET_PAGE_SIZE,
            readAhead,
            signal: walkSignal,
            fetchPage: async (offset, pageSignal) => {
              await gate.wait(offset, pageSignal);
              const page = await readPage(offset, pageSignal);
              gate.note(offset, page);
              return { offset, page };
            },
            hasMore: ({ page }) => page.data.hasMore,
            getItems: (entry) => {
              last = entry;
              totals.add(entry.page.data.employeesTotal);
              return entry.page.data.employeeData.map((record, i) => ({
                record,
                position: entry.offset + i,
                pageStart: i === 0,
              }));
            },
          })
        : undefined;
      const firstStep = rest?.next();
      firstStep?.catch(() => {});
      await yieldToEventLoop();
      for (const [i, record] of first.data.employeeData.entries()) yield* toRecord(record, 1 + i);
      if (!rest || !firstStep) {
        if (first.data.hasMore) yield emptyPageClaimingMore(1);
        return;
      }

      try {
        for (let step = await firstStep; !step.done; step = await rest.next()) {
          const { record, position, pageStart } = step.value;
          // Mapping a page is CPU work in one run of microtasks; letting the event loop turn first puts the page
          // requested ahead on the wire before it, instead of after.
          if (pageStart) await yieldToEventLoop();
          yield* toRecord(record, position);
        }
      } catch (error) {
        if (signal?.aborted || !HrSyncError.is(error)) throw error;
        log.warn('trinet roster read stopped early', { code: error.code, employeesRead: people });
        yield { type: 'incomplete', error };
        return;
      }
      if (last?.page.data.hasMore && last.page.data.employeeData.length === 0) {
        yield emptyPageClaimingMore(last.offset);
        return;
      }
      // employeesTotal is not reliable enough to judge completeness by (Apideck says TriNet omits it); a mismatch
      // is only logged, for whoever investigates a roster that looks short.
      totals.delete(undefined);
      totals.delete(null);
      if (totals.size > 1 || (totals.size === 1 && Number([...totals][0]) !== people)) {
        log.warn('trinet employeesTotal does not match the records read', {
          employeesRead: people,
          totals: [...totals],
        });
      }
    } finally {
      walk.abort(new DOMException('The TriNet read ended', 'AbortError'));
      log.info('trinet roster read', { employeesRead: people, ms: Math.round(performance.now() - started) });
    }
  }

  function emptyPageClaimingMore(offset: number): SourceRecord {
    const error = new HrSyncError(
      `TriNet answered an empty page at offset ${offset} that says more pages follow; the roster may be incomplete.`,
      { code: 'INVALID_RESPONSE', source: TRINET_SOURCE.id, retryable: true, details: { offset } },
    );
    log.warn('trinet empty page with hasMore', { offset });
    return { type: 'incomplete', error };
  }

  const source: HrSource = {
    id: TRINET_SOURCE.id,
    displayName: TRINET_SOURCE.displayName,
    capabilities: Object.freeze({ webhooks: false, getEmployee: false, incremental: false }),
    async verify(callOptions: CallOptions = {}): Promise<VerifyResult> {
      const details = await read(
        `/v1/manage-company/${company}/org-details`,
        TrinetOrgDetailsResponseSchema,
        callOptions.signal,
      );
      const result: VerifyResult = {
        ok: true,
        companyId: details.companyId ? String(details.companyId) : companyId,
      };
      const name = details.companyName ?? details.legalName;
      if (name) result.companyName = name;
      if (grantedScopes) result.scopes = [...grantedScopes];
      log.info('trinet credentials verified', { companyId });
      return result;
    },
    employees: (fetchOptions) => employees(fetchOptions),
    fetchSnapshot: (fetchOptions) => collectSnapshot(source, fetchOptions),
  };
  return source;
}
