/**
 * The People HR webhook receiver: a Fetch-API handler that authenticates a delivery by the secret in its URL, reads
 * the event whatever its encoding, acknowledges at once, and re-reads the person in the background.
 *
 * @module
 */
import { createRedactor, createSafeLogger, HrSyncError, type Logger } from '@hrsync/core';
import type { PeopleHrChange } from './peoplehr-change.ts';
import type { PeopleHrSource } from './peoplehr-source.ts';
import {
  PEOPLEHR_PERSON_EVENT_IDS,
  type PeopleHrPersonEventId,
  type PeopleHrWebhookEvent,
  PeopleHrWebhookEventSchema,
} from './peoplehr-wire.ts';

/**
 * What the handler did with a delivery, reported to `onEvent`.
 *
 * @example
 * ```ts
 * createPeopleHrWebhookHandler({ secret, source, onChange, onEvent: (event, outcome: PeopleHrDeliveryOutcome) => metrics.count(outcome) });
 * ```
 */
export type PeopleHrDeliveryOutcome = 'accepted' | 'ignored' | 'duplicate';

/**
 * Options of {@link createPeopleHrWebhookHandler}.
 *
 * @example
 * ```ts
 * const options: PeopleHrWebhookHandlerOptions = { secret, source, onChange: (change) => queue.add(change) };
 * const handler = createPeopleHrWebhookHandler(options);
 * ```
 */
export interface PeopleHrWebhookHandlerOptions {
  /**
   * The secret the webhook URL carries (see {@link createPeopleHrWebhookUrl}). Several are accepted while a new URL
   * replaces an old one; remove the old secret to invalidate the old URL.
   */
  secret: string | readonly string[];
  /** The source that re-reads people; its rate budget is the one the handler spends. */
  source: PeopleHrSource;
  /**
   * Receives each person's change after the re-read, in the background (the delivery was acknowledged already).
   * Feed it to `planPeopleHrChange()` for a one-person plan. A rejection is reported to `onError`.
   */
  onChange: (change: PeopleHrChange) => void | Promise<void>;
  /** Called when a re-read or `onChange` fails; the event is dropped (the next scheduled sync catches up). */
  onError?: ((error: unknown, events: readonly PeopleHrWebhookEvent[]) => void) | undefined;
  /** Called for every authenticated, readable delivery, with what the handler did with it. */
  onEvent?: ((event: PeopleHrWebhookEvent, outcome: PeopleHrDeliveryOutcome) => void) | undefined;
  /** The query parameter holding the secret; default `'secret'`. */
  secretParam?: string | undefined;
  /** Largest body accepted, in bytes; default 16 KiB (People HR events are a few hundred bytes). Larger → 413. */
  maxBodyBytes?: number | undefined;
  /** How long an identical delivery is recognised as a duplicate, in ms; default 10 minutes. */
  dedupeWindowMs?: number | undefined;
  /** People re-read at once; default 2. Every read also waits for the source's rate budget. */
  concurrency?: number | undefined;
  /** Where to log; nothing by default. The secret is redacted. */
  logger?: Logger | undefined;
}

/**
 * A Fetch-API handler for People HR's webhook: `(request) => Promise<Response>`, usable as is in Hono, Next.js route
 * handlers and anything else that speaks `Request`/`Response` (and in `node:http`, Express or Fastify through a
 * few lines of conversion). It also tells when the background work is done.
 *
 * @example
 * ```ts
 * const handler: PeopleHrWebhookHandler = createPeopleHrWebhookHandler({ secret, source, onChange });
 * const response = await handler(request); // 200 at once
 * await handler.idle(); // the re-reads are done
 * ```
 */
export interface PeopleHrWebhookHandler {
  (request: Request): Promise<Response>;
  /** Resolves once every accepted event has been re-read and handed to `onChange` (or `onError`). */
  idle(): Promise<void>;
  /** People with accepted events not finished yet (queued or being re-read). */
  readonly pending: number;
  /** Stops accepting deliveries (503), aborts the re-reads in flight, and waits for the rest to settle. */
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 16 * 1024;
const DEFAULT_DEDUPE_MS = 10 * 60_000;
const MAX_REMEMBERED = 10_000;
const CANONICAL_KEYS = ['ActionId', 'Action', 'EmployeeId', 'FieldName', 'NewValue', 'OldValue', 'Reason'];
const PERSON_EVENTS = new Set<number>(PEOPLEHR_PERSON_EVENT_IDS);

const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * Creates the People HR webhook handler. People HR signs nothing, so the URL carries a random secret, compared in
 * constant time; a wrong or missing secret gets a bare 401. Each delivery is read as JSON, form-encoded or
 * `key:value` text (People HR does not document its encoding), within a size limit, and acknowledged at once:
 *
 * | delivery | answer |
 * | --- | --- |
 * | wrong or missing secret | 401, empty |
 * | not a POST | 405 |
 * | body over `maxBodyBytes` | 413 |
 * | unreadable, no `ActionId`, or a person event without `EmployeeId` | 400 `WEBHOOK_INVALID_PAYLOAD` |
 * | New Starter Added (1), Employee Detail Updated (2), Marked Leaver (3), Employee Deleted (18) | 200, re-read queued |
 * | the same event again within `dedupeWindowMs` | 200, nothing more |
 * | any other event (holidays, absences, ...) | 200, ignored |
 *
 * In the background each person is re-read by `EmployeeId` (never trusting the event's content), through the
 * source, so every call spends the source's rate budget: a burst of events queues instead of tripping People HR's
 * 30-a-minute limit. Events for a person still queued are coalesced into one re-read. A person People HR no longer
 * has is confirmed gone with one full read (so a renamed `EmployeeId` is never taken for a deletion), and becomes a
 * `remove` change for that person only. `onChange` gets each {@link PeopleHrChange}; `planPeopleHrChange()` turns it
 * into a one-person plan.
 *
 * @example
 * ```ts
 * import { createPeopleHrSource, createPeopleHrWebhookHandler, planPeopleHrChange } from '@hrsync/peoplehr';
 *
 * const source = createPeopleHrSource({ apiKey });
 * const handler = createPeopleHrWebhookHandler({
 *   secret: company.peopleHrWebhookSecret,
 *   source,
 *   async onChange(change) {
 *     const plan = planPeopleHrChange(change, await loadCurrent(company));
 *     if (!plan.blocked) await applyPlan(company, plan);
 *   },
 *   onError: (error) => logger.warn('people hr webhook', { error }),
 * });
 * // Next.js: export const POST = handler;   Hono: app.post('/hooks/peoplehr', (c) => handler(c.req.raw));
 * ```
 */
export function createPeopleHrWebhookHandler(options: PeopleHrWebhookHandlerOptions): PeopleHrWebhookHandler {
  const secrets = (typeof options.secret === 'string' ? [options.secret] : [...options.secret]).filter(
    (s) => typeof s === 'string' && s.length > 0,
  );
  if (secrets.length === 0) {
    throw new HrSyncError('The People HR webhook handler needs a secret', {
      code: 'CONFIG_INVALID',
      source: 'peoplehr',
    });
  }
  const { source } = options;
  const secretParam = options.secretParam ?? 'secret';
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const dedupeMs = options.dedupeWindowMs ?? DEFAULT_DEDUPE_MS;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 2));
  const logger = createSafeLogger(options.logger, createRedactor(secrets));
  const secretDigests = Promise.all(secrets.map(digest));

  // Deliveries seen recently: canonical event text → when it stops counting as a duplicate.
  const seen = new Map<string, number>();
  // People waiting for a re-read, by EmployeeId, in arrival order; people being re-read.
  const queue = new Map<string, PeopleHrWebhookEvent[]>();
  const running = new Set<string>();
  let active = 0;
  let closed = false;
  const controller = new AbortController();
  let waiters: (() => void)[] = [];

  const settleIfIdle = () => {
    if (queue.size === 0 && active === 0) {
      const done = waiters;
      waiters = [];
      for (const resolve of done) resolve();
    }
  };

  const report = (error: unknown, events: readonly PeopleHrWebhookEvent[]) => {
    logger.warn('people hr webhook: event dropped', {
      employeeId: events[0]?.EmployeeId,
      code: HrSyncError.is(error) ? error.code : 'UNKNOWN',
    });
    try {
      options.onError?.(error, events);
    } catch {
      // A broken hook must not stop the queue.
    }
  };

  const pump = () => {
    while (active < concurrency && !controller.signal.aborted) {
      // The first queued person not being re-read right now (a second read of the same person waits its turn).
      const next = [...queue.keys()].find((id) => !running.has(id));
      if (next === undefined) break;
      const events = queue.get(next) as PeopleHrWebhookEvent[];
      queue.delete(next);
      running.add(next);
      active++;
      void (async () => {
        try {
          const change = await resolveChange(next, events);
          await options.onChange(change);
        } catch (error) {
          if (!controller.signal.aborted) report(error, events);
        } finally {
          running.delete(next);
          active--;
          pump();
          settleIfIdle();
        }
      })();
    }
    if (controller.signal.aborted) queue.clear();
    settleIfIdle();
  };

  const resolveChange = async (
    employeeNumber: string,
    events: PeopleHrWebhookEvent[],
  ): Promise<PeopleHrChange> => {
    const signal = controller.signal;
    const base = { employeeNumber, events };
    const fromRecord = (
      record: Awaited<ReturnType<PeopleHrSource['getEmployee']>>,
    ): PeopleHrChange | undefined => {
      if (record?.type === 'employee')
        return { ...base, type: 'upsert', employee: record.employee, issues: record.issues };
      if (record?.type === 'issue')
        return { ...base, type: 'skip', sourceId: record.issue.recordId, issues: [record.issue] };
      return undefined;
    };
    // A deletion needs no look-up by id (the person is gone): the confirming full read below answers it.
    if (!events.every((e) => e.ActionId === 18)) {
      const found = fromRecord(await source.getEmployeeByEmployeeId(employeeNumber, { signal }));
      if (found) return found;
    }
    // Gone, or renamed? Only a full read can tell (People HR cannot read by unique key).
    const knownKey = source.uniqueKeyOf(employeeNumber);
    const present = await source.listUniqueKeys({ signal });
    for (const [key, id] of present) {
      // Someone holds this EmployeeId now (re-created, or the delivery raced a change): that person is the news.
      if (id === employeeNumber) {
        const found = fromRecord(await source.getEmployee(key, { signal }));
        if (found) return found;
      }
    }
    if (knownKey !== undefined && present.has(knownKey)) {
      // The person is still there under another EmployeeId: an update, never a removal.
      const found = fromRecord(await source.getEmployee(knownKey, { signal }));
      if (found) return found;
    }
    return knownKey !== undefined
      ? { ...base, type: 'remove', sourceId: knownKey }
      : { ...base, type: 'remove', presentSourceIds: [...present.keys()] };
  };

  const accept = (event: PeopleHrWebhookEvent, employeeNumber: string) => {
    const list = queue.get(employeeNumber);
    if (list) list.push(event);
    else queue.set(employeeNumber, [event]);
    pump();
  };

  const isDuplicate = (event: PeopleHrWebhookEvent): boolean => {
    const t = Date.now();
    for (const [key, until] of seen) {
      if (until > t && seen.size <= MAX_REMEMBERED) break; // oldest first: the rest are newer
      seen.delete(key);
    }
    const key = JSON.stringify(Object.entries(event).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const until = seen.get(key);
    if (until !== undefined && until > t) return true;
    seen.delete(key);
    seen.set(key, t + dedupeMs);
    return false;
  };

  const handler = (async (request: Request): Promise<Response> => {
    if (closed) return new Response(null, { status: 503 });
    let provided: string | null = null;
    try {
      provided = new URL(request.url).searchParams.get(secretParam);
    } catch {
      provided = null;
    }
    if (!(await secretMatches(provided, await secretDigests))) {
      // No detail: a prober learns nothing about what was wrong.
      return new Response(null, { status: 401 });
    }
    if (request.method !== 'POST') return new Response(null, { status: 405, headers: { allow: 'POST' } });

    const text = await readLimited(request, maxBody);
    if (text === TOO_LARGE) return jsonResponse(413, { ok: false, code: 'WEBHOOK_INVALID_PAYLOAD' });
    const fields =
      text === undefined
        ? undefined
        : parsePeopleHrEventBody(text, request.headers.get('content-type') ?? '');
    const parsed = fields === undefined ? undefined : PeopleHrWebhookEventSchema.safeParse(fields);
    if (!parsed?.success) {
      logger.info('people hr webhook: unreadable delivery');
      return jsonResponse(400, { ok: false, code: 'WEBHOOK_INVALID_PAYLOAD' });
    }
    const event = parsed.data;
    const outcome = (value: PeopleHrDeliveryOutcome) => {
      try {
        options.onEvent?.(event, value);
      } catch {
        // A broken hook must not fail the delivery.
      }
      logger.debug('people hr webhook', { actionId: event.ActionId, outcome: value });
      return jsonResponse(200, { ok: true, status: value });
    };
    if (!PERSON_EVENTS.has(event.ActionId)) return outcome('ignored');
    const employeeNumber = event.EmployeeId;
    if (employeeNumber === undefined || employeeNumber === '') {
      return jsonResponse(400, { ok: false, code: 'WEBHOOK_INVALID_PAYLOAD' });
    }
    if (isDuplicate(event)) return outcome('duplicate');
    accept(event, employeeNumber);
    return outcome('accepted');
  }) as PeopleHrWebhookHandler;

  Object.defineProperties(handler, {
    pending: { get: () => active + queue.size },
    idle: {
      value: () =>
        new Promise<void>((resolve) => {
          waiters.push(resolve);
          settleIfIdle();
        }),
    },
    close: {
      value: async () => {
        closed = true;
        controller.abort(new DOMException('The People HR webhook handler was closed', 'AbortError'));
        queue.clear();
        await handler.idle();
      },
    },
  });
  return handler;
}

/**
 * Tells whether an event id names a person event (1, 2, 3 or 18).
 *
 * @example
 * ```ts
 * isPeopleHrPersonEvent(3); // true: Marked Leaver
 * isPeopleHrPersonEvent(4); // false: a holiday event
 * ```
 */
export function isPeopleHrPersonEvent(actionId: number): actionId is PeopleHrPersonEventId {
  return PERSON_EVENTS.has(actionId);
}

const TOO_LARGE = Symbol('too large');

async function readLimited(request: Request, max: number): Promise<string | undefined | typeof TOO_LARGE> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) return TOO_LARGE;
  if (!request.body) return undefined;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) {
        await reader.cancel().catch(() => {});
        return TOO_LARGE;
      }
      chunks.push(value);
    }
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Reads a delivery's body into key/value pairs, whatever People HR sent: JSON (`{"ActionId":1,...}`), a form
 * (`ActionId=1&...`), or the `key:value` list of its description (`ActionId:1, Action:New Starter Added, ...`, or
 * one pair a line). Keys are matched without regard to case (`employeeid` → `EmployeeId`). `undefined` when nothing
 * readable is there.
 *
 * @example
 * ```ts
 * parsePeopleHrEventBody('ActionId:3, Action:Marked Leaver, EmployeeId:PW21', 'text/plain');
 * // { ActionId: '3', Action: 'Marked Leaver', EmployeeId: 'PW21' }
 * ```
 */
export function parsePeopleHrEventBody(text: string, contentType = ''): Record<string, unknown> | undefined {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') return undefined;
  let pairs: [string, unknown][] | undefined;
  if (/json/i.test(contentType) || body.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(body);
      if (value && typeof value === 'object' && !Array.isArray(value)) pairs = Object.entries(value);
    } catch {
      // Not JSON after all: try the other forms.
    }
    if (pairs === undefined && /json/i.test(contentType)) return undefined;
  }
  if (pairs === undefined && (/x-www-form-urlencoded/i.test(contentType) || /^[\w%.+-]+=[^:]*$/.test(body))) {
    pairs = [...new URLSearchParams(body)];
  }
  if (pairs === undefined) {
    pairs = [];
    for (const part of body.split(/\r?\n|,\s*(?=[A-Za-z][\w ]{0,40}:)/)) {
      const colon = part.indexOf(':');
      if (colon <= 0) continue;
      pairs.push([part.slice(0, colon).trim(), part.slice(colon + 1).trim()]);
    }
  }
  if (pairs.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of pairs) {
    const canonical =
      CANONICAL_KEYS.find((k) => k.toLowerCase() === key.replace(/[\s_]/g, '').toLowerCase()) ?? key;
    if (canonical === '__proto__' || canonical === 'constructor' || canonical === 'prototype') continue;
    out[canonical] = value;
  }
  return out;
}

async function digest(value: string): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(value)));
}

// Compares digests of fixed length, byte by byte without an early exit: the time taken says nothing about how much
// of the secret was right, nor about its length.
async function secretMatches(provided: string | null, expected: readonly Uint8Array[]): Promise<boolean> {
  const candidate = await digest(provided ?? '');
  let matched = false;
  for (const digestOfSecret of expected) {
    let diff = provided === null || provided === '' ? 1 : 0;
    for (let i = 0; i < digestOfSecret.length; i++)
      diff |= (digestOfSecret[i] as number) ^ (candidate[i] as number);
    matched = matched || diff === 0;
  }
  return matched;
}

/**
 * Options of {@link createPeopleHrWebhookUrl}.
 *
 * @example
 * ```ts
 * createPeopleHrWebhookUrl('https://app.example.com/hooks/peoplehr', { secretParam: 'token' });
 * ```
 */
export interface CreatePeopleHrWebhookUrlOptions {
  /** The query parameter holding the secret; default `'secret'` (give the handler the same). */
  secretParam?: string | undefined;
  /** Random bytes in the secret; default 32 (256 bits). */
  bytes?: number | undefined;
}

/**
 * Builds a webhook URL for People HR with a fresh random secret (256 bits, base64url), for the admin to paste into
 * People HR (Settings → API). Store the secret and give it to the handler; creating a new URL and dropping the old
 * secret invalidates the old URL (for example when syncing is disabled and enabled again).
 *
 * @example
 * ```ts
 * const { url, secret } = createPeopleHrWebhookUrl(`https://app.example.com/hooks/peoplehr/${company.id}`);
 * await db.companies.update(company.id, { peopleHrWebhookSecret: secret });
 * // show `url` to the admin
 * ```
 */
export function createPeopleHrWebhookUrl(
  baseUrl: string | URL,
  options: CreatePeopleHrWebhookUrlOptions = {},
): { url: string; secret: string } {
  const url = new URL(baseUrl);
  const random = new Uint8Array(options.bytes ?? 32);
  globalThis.crypto.getRandomValues(random);
  const secret = btoa(String.fromCharCode(...random))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
  url.searchParams.set(options.secretParam ?? 'secret', secret);
  return { url: url.href, secret };
}
