import {
  type CommonAdapterOptions,
  collectSnapshot,
  type HrSource,
  HrSyncError,
  type SourceRecord,
} from '@hrsync/core';
import { createHttpClient, paginateNextUrl } from '@hrsync/core/http';
import { AcmeEmployeeResponseSchema, AcmeEmployeesPageSchema, AcmeMeSchema } from './acme-wire.ts';
import { ACME_SOURCE, mapAcmeEmployee } from './map-acme-employee.ts';

/** Acme People's API origin. */
export const ACME_DEFAULT_BASE_URL = 'https://api.acme-people.example';

/**
 * Options of {@link createAcmeSource}: the API key an Acme People admin creates, plus what every hrsync adapter
 * accepts (`baseUrl`, `fetch`, `timeoutMs`, `retry`, `concurrency`, `logger`).
 *
 * @example
 * ```ts
 * const options: AcmeSourceOptions = { apiKey: process.env.ACME_API_KEY!, pageSize: 100, timeoutMs: 10_000 };
 * ```
 */
export interface AcmeSourceOptions extends CommonAdapterOptions {
  /** The API key (Acme People → Settings → API keys). */
  apiKey: string;
  /** People per page, 1 to 100; default 50. */
  pageSize?: number | undefined;
}

/**
 * Creates the Acme People source. The key is checked here (`CONFIG_INVALID`, never echoing it) and redacted from
 * every error and log line; nothing is sent until `verify()` or a read.
 *
 * @example
 * ```ts
 * const source = createAcmeSource({ apiKey: process.env.ACME_API_KEY! });
 * await source.verify(); // throws AUTH_INVALID_CREDENTIALS for a wrong key
 * const snapshot = await source.fetchSnapshot();
 * ```
 */
export function createAcmeSource(options: AcmeSourceOptions): HrSource {
  const apiKey = typeof options.apiKey === 'string' ? options.apiKey.trim() : '';
  if (apiKey === '') {
    throw new HrSyncError('Acme People: apiKey is required', {
      code: 'CONFIG_INVALID',
      source: ACME_SOURCE.id,
    });
  }
  const pageSize = options.pageSize ?? 50;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    throw new HrSyncError('Acme People: pageSize must be a whole number from 1 to 100', {
      code: 'CONFIG_INVALID',
      source: ACME_SOURCE.id,
    });
  }

  // One client per source instance: it owns retries (with Retry-After), the timeout, the concurrency cap, the
  // mapping of every failure to an HrSyncError, and redaction of the key.
  const client = createHttpClient({
    ...options,
    source: ACME_SOURCE,
    defaultBaseUrl: ACME_DEFAULT_BASE_URL,
    secrets: [apiKey],
    headers: { 'x-api-key': apiKey },
  });

  // Acme People's cursor becomes the next page's URL, under the client's base URL; paginateNextUrl() refuses to
  // follow it to another origin and stops on a cursor it has seen before.
  const nextPageUrl = (cursor: string | null) =>
    cursor === null
      ? null
      : `${client.baseUrl}/v1/employees?${new URLSearchParams({ limit: String(pageSize), cursor })}`;

  const source: HrSource = {
    id: ACME_SOURCE.id,
    displayName: ACME_SOURCE.displayName,
    capabilities: { webhooks: false, getEmployee: true, incremental: false },

    async verify(call) {
      const { company } = await client.getJson('/v1/me', { schema: AcmeMeSchema, signal: call?.signal });
      return { ok: true, companyId: company.id, companyName: company.name };
    },

    fetchSnapshot: (fetchOptions) => collectSnapshot(source, fetchOptions),

    async *employees(fetchOptions) {
      const signal = fetchOptions?.signal;
      const pages = paginateNextUrl({
        client,
        firstUrl: '/v1/employees',
        searchParams: { limit: pageSize },
        schema: AcmeEmployeesPageSchema,
        getItems: (page) => page.employees,
        getNextUrl: (page) => nextPageUrl(page.next_cursor),
        signal,
      });
      let read = 0;
      try {
        for await (const wire of pages) {
          read++;
          yield* withRaw(mapAcmeEmployee(wire), wire, fetchOptions?.includeRaw);
        }
      } catch (error) {
        // Before the first record, a failure is the whole answer (a wrong key, a missing permission): throw it.
        // After, the roster is partial: say so, and the plan engine will archive nobody from this read.
        if (read === 0 || signal?.aborted || !HrSyncError.is(error)) throw error;
        yield { type: 'incomplete', error };
      }
    },

    async getEmployee(id, call) {
      try {
        const { employee } = await client.getJson(`/v1/employees/${encodeURIComponent(id)}`, {
          schema: AcmeEmployeeResponseSchema,
          signal: call?.signal,
        });
        return mapAcmeEmployee(employee)[0];
      } catch (error) {
        if (HrSyncError.is(error) && error.status === 404) return undefined;
        throw error;
      }
    },
  };
  return source;
}

/** Keeps the vendor's record on each mapped record when the caller asked for it (never logged). */
function withRaw(records: SourceRecord[], raw: unknown, includeRaw: boolean | undefined): SourceRecord[] {
  if (!includeRaw) return records;
  return records.map((record) =>
    record.type === 'employee' || record.type === 'issue' ? { ...record, raw } : record,
  );
}
