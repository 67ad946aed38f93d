// The reference source: a small, correct adapter for the made-up RefHR API, written the way DESIGN.md asks
// (one HTTP client from @hrsync/core/http, next-URL pagination, pure mapping through toEmployee), plus switches
// that break it on purpose so that tests can prove the conformance suite catches each broken behaviour.
import {
  type CommonAdapterOptions,
  collectSnapshot,
  createRedactor,
  type FetchOptions,
  type HrSource,
  HrSyncError,
  type SourceRecord,
  toEmployee,
} from '@hrsync/core';
import { createHttpClient, paginateNextUrl } from '@hrsync/core/http';
import { REFHR_BASE_URL } from './refhr-fake.ts';

/** Deliberate defects, each of which a conformance check must catch. */
export interface RefhrSourceFlaws {
  /** Skips the records of the second page. */
  dropSecondPage?: boolean;
  /** A page that fails ends the read quietly, as if it were the last. */
  swallowPageErrors?: boolean;
  /** Puts the API key in the message of a failed verify(), unredacted. */
  leakKeyInErrors?: boolean;
  /** Never retries (so a 429 fails the read). */
  noRetries?: boolean;
  /** Never passes the caller's signal on. */
  ignoreAbort?: boolean;
  /** Maps names with `.trim()` and crashes on a missing one. */
  crashOnMalformed?: boolean;
  /** Reads a 401 on the people list as an empty roster. */
  emptyOnAuthError?: boolean;
  /** Retries a 429 itself after 100 ms, whatever Retry-After says. */
  impatient?: boolean;
}

export interface RefhrSourceOptions extends CommonAdapterOptions {
  apiKey: string;
  pageSize?: number;
  flaws?: RefhrSourceFlaws;
}

const INFO = { id: 'refhr', displayName: 'RefHR' } as const;
const STATUS: Record<string, string> = {
  active: 'active',
  on_leave: 'leave',
  pending: 'pending',
  terminated: 'terminated',
};

interface PeoplePage {
  data: unknown[];
  next: string | null;
}

function isPage(value: unknown): value is PeoplePage {
  const page = value as PeoplePage | null;
  return (
    typeof page === 'object' &&
    page !== null &&
    Array.isArray(page.data) &&
    (page.next === null || typeof page.next === 'string')
  );
}

/** Maps one wire person (pure). */
export function mapRefhrPerson(wire: unknown, crashOnMalformed = false): SourceRecord[] {
  if (typeof wire !== 'object' || wire === null) {
    return [
      {
        type: 'issue',
        issue: {
          code: 'UNKNOWN',
          severity: 'error',
          source: INFO.id,
          entity: 'employee',
          message: 'RefHR sent a person that is not an object.',
          fix: 'Check the record in RefHR.',
        },
      },
    ];
  }
  const p = wire as Record<string, unknown>;
  const ref = (value: unknown) =>
    typeof value === 'object' && value !== null ? (value as { id?: unknown; name?: unknown }) : undefined;
  const result = toEmployee(
    {
      id: p.id,
      employeeNumber: p.employee_number,
      firstName: crashOnMalformed ? (p.given_name as string).trim() : p.given_name,
      lastName: crashOnMalformed ? (p.family_name as string).trim() : p.family_name,
      workEmail: p.email,
      workPhone: p.phone,
      title: p.job_title,
      department: ref(p.department),
      location: ref(p.site),
      managerId: p.manager_id,
      employmentStatus: STATUS[String(p.status)] ?? p.status,
      startDate: p.hired_on,
      endDate: p.left_on,
    },
    { source: INFO, phoneRegion: 'US' },
  );
  if (result.ok) return [{ type: 'employee', employee: result.employee, issues: result.issues }];
  return result.issues.map((issue) => ({ type: 'issue', issue }));
}

// The flaw behind `impatient`: a fetch wrapper that retries 429s after a fixed 100 ms.
function impatientFetch(inner: typeof fetch): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    for (let attempt = 0; ; attempt++) {
      const request = input instanceof Request ? input.clone() : input;
      const response = await inner(request, init);
      if (response.status !== 429 || attempt >= 3) return response;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }) as typeof fetch;
}

/** Creates the reference RefHR source. */
export function createRefhrSource(options: RefhrSourceOptions): HrSource {
  const { apiKey, flaws = {} } = options;
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new HrSyncError('RefHR: apiKey is required', { code: 'CONFIG_INVALID', source: INFO.id });
  }
  const client = createHttpClient({
    ...options,
    source: INFO,
    defaultBaseUrl: REFHR_BASE_URL,
    secrets: [apiKey],
    authorization: () => `Bearer ${apiKey}`,
    retry: flaws.noRetries ? { limit: 0 } : options.retry,
    ...(flaws.impatient ? { fetch: impatientFetch(options.fetch ?? globalThis.fetch) } : {}),
  });
  const pass = (signal: AbortSignal | undefined) => (flaws.ignoreAbort ? undefined : signal);

  const source: HrSource = {
    id: INFO.id,
    displayName: INFO.displayName,
    capabilities: { webhooks: false, getEmployee: false, incremental: false },
    async verify(call) {
      try {
        const body = await client.getJson<{ account?: { id?: string; name?: string } }>('/v1/account', {
          signal: pass(call?.signal),
        });
        return {
          ok: true,
          ...(body.account?.id ? { companyId: body.account.id } : {}),
          ...(body.account?.name ? { companyName: body.account.name } : {}),
        };
      } catch (error) {
        if (flaws.leakKeyInErrors && HrSyncError.is(error)) {
          // The flaw: a message built with the key and a redactor that was never told about it.
          throw new HrSyncError(`RefHR rejected the API key ${apiKey}`, {
            code: error.code,
            source: INFO.id,
            redactor: createRedactor(),
          });
        }
        throw error;
      }
    },
    fetchSnapshot: (fetchOptions?: FetchOptions) => collectSnapshot(source, fetchOptions),
    async *employees(fetchOptions?: FetchOptions) {
      const signal = pass(fetchOptions?.signal);
      let page = 0;
      const people = paginateNextUrl<unknown, unknown>({
        client,
        firstUrl: '/v1/people',
        searchParams: { limit: options.pageSize ?? 25 },
        getItems: (body) => {
          if (!isPage(body)) {
            throw new HrSyncError('RefHR: a people page has an unexpected shape', {
              code: 'INVALID_RESPONSE',
              source: INFO.id,
              retryable: false,
            });
          }
          page++;
          return body.data;
        },
        getNextUrl: (body) => (body as PeoplePage).next,
        signal,
      });
      try {
        for await (const wire of people) {
          if (flaws.dropSecondPage && page === 2) continue;
          yield* mapRefhrPerson(wire, flaws.crashOnMalformed);
        }
      } catch (error) {
        if (flaws.swallowPageErrors && !signal?.aborted) return;
        if (flaws.emptyOnAuthError && HrSyncError.is(error) && error.code === 'AUTH_INVALID_CREDENTIALS')
          return;
        throw error;
      }
    },
  };
  return source;
}
