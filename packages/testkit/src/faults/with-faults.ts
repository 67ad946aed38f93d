import { sleep } from '@hrsync/core/http';
import { createRandom } from '../random.ts';
import type { FetchHandler } from './create-fetch.ts';

/**
 * Wait `ms` (on `setTimeout`, so fake timers control it), then answer normally.
 *
 * @example
 * ```ts
 * withFaults(fake, { script: [{ from: 0, fault: { type: 'latency', ms: 2_000 } satisfies LatencyFault }] });
 * ```
 */
export interface LatencyFault {
  /** Discriminant. */
  type: 'latency';
  /** The delay in ms. */
  ms: number;
}

/**
 * Answer with this HTTP status instead of the real answer.
 *
 * @example
 * ```ts
 * const rateLimited: StatusFault = { type: 'status', status: 429, retryAfter: 5 };
 * withFaults(fake, { script: [{ at: 1, fault: rateLimited }] });
 * ```
 */
export interface StatusFault {
  /** Discriminant. */
  type: 'status';
  /** 429, 500, 502, 503, 504, 401, ... */
  status: number;
  /** A `Retry-After` header: seconds, or an HTTP date string. */
  retryAfter?: number | string | undefined;
  /** The body; default a small JSON error. */
  body?: string | undefined;
  /** More response headers. */
  headers?: Record<string, string> | undefined;
}

/**
 * Reject the way `fetch` does when the connection drops (`TypeError: fetch failed`).
 *
 * @example
 * ```ts
 * withFaults(fake, { script: [{ at: 2, fault: { type: 'disconnect' } satisfies DisconnectFault }] });
 * ```
 */
export interface DisconnectFault {
  /** Discriminant. */
  type: 'disconnect';
}

/**
 * Answer with the real response cut short.
 *
 * @example
 * ```ts
 * const cut: TruncateFault = { type: 'truncate', ratio: 0.3, mode: 'error' };
 * withFaults(fake, { script: [{ path: /cursor=/, times: 1, fault: cut }] });
 * ```
 */
export interface TruncateFault {
  /** Discriminant. */
  type: 'truncate';
  /** Share of the body kept; default `0.5`. */
  ratio?: number | undefined;
  /** `cut` (default): the body ends early, so it is not valid JSON; `error`: reading the body fails midway. */
  mode?: 'cut' | 'error' | undefined;
}

/**
 * Answer `200` with a body that is not valid JSON.
 *
 * @example
 * ```ts
 * withFaults(fake, { script: [{ at: 1, fault: { type: 'malformed', body: '<html>' } satisfies MalformedFault }] });
 * ```
 */
export interface MalformedFault {
  /** Discriminant. */
  type: 'malformed';
  /** The body; default a JSON document cut off in the middle of a record. */
  body?: string | undefined;
}

/**
 * One fault to inject into a request.
 *
 * @example
 * ```ts
 * const faults: Fault[] = [{ type: 'status', status: 503 }, { type: 'latency', ms: 500 }, { type: 'disconnect' }];
 * withFaults(fake, { script: faults.map((fault, at) => ({ at, fault })) });
 * ```
 */
export type Fault = LatencyFault | StatusFault | DisconnectFault | TruncateFault | MalformedFault;

/**
 * The kinds of fault {@link withFaults} draws at random.
 *
 * @example
 * ```ts
 * const kinds: FaultKind[] = ['rate-limit', 'server-error', 'disconnect'];
 * withFaults(fake, { seed: 7, rate: 0.1, faults: kinds });
 * ```
 */
export type FaultKind =
  | 'latency'
  | 'rate-limit'
  | 'rate-limit-no-retry-after'
  | 'server-error'
  | 'disconnect'
  | 'truncate'
  | 'malformed';

/**
 * Every {@link FaultKind}: the default set {@link withFaults} draws from.
 *
 * @example
 * ```ts
 * withFaults(fake, { rate: 0.05, faults: FAULT_KINDS.filter((k) => k !== 'latency') });
 * ```
 */
export const FAULT_KINDS: readonly FaultKind[] = [
  'latency',
  'rate-limit',
  'rate-limit-no-retry-after',
  'server-error',
  'disconnect',
  'truncate',
  'malformed',
];

/**
 * A fault for the requests that match: by index (`at`: 0-based, in arrival order; `from`: this index and every later
 * one), by path, by method, at most `times` times. A rule with no condition matches every request.
 *
 * @example
 * ```ts
 * const script: ScriptedFault[] = [
 *   { at: 1, fault: { type: 'status', status: 429, retryAfter: 2 } }, // the second request
 *   { path: '/v1/people', method: 'GET', times: 2, fault: { type: 'status', status: 503 } },
 *   { from: 10, fault: { type: 'latency', ms: 1_000 } }, // the eleventh request and every later one
 * ];
 * ```
 */
export interface ScriptedFault {
  /** The request index, or indexes, it applies to. */
  at?: number | readonly number[] | undefined;
  /** It applies to this request index and every later one. */
  from?: number | undefined;
  /** The URL path: a string matches the path exactly; a RegExp is tested against path and query. */
  path?: string | RegExp | undefined;
  /** The HTTP method, any case. */
  method?: string | undefined;
  /** How many matching requests it applies to; default: all of them. */
  times?: number | undefined;
  /** What to inject. */
  fault: Fault;
}

/**
 * A fault kind with its weight in the random draw.
 *
 * @example
 * ```ts
 * const mostlyLatency: WeightedFaultKind[] = [{ kind: 'latency', weight: 8 }, { kind: 'server-error', weight: 1 }];
 * withFaults(fake, { rate: 0.2, faults: mostlyLatency });
 * ```
 */
export interface WeightedFaultKind {
  /** The kind. */
  kind: FaultKind;
  /** Its relative weight (default weight of a bare kind: 1). */
  weight: number;
}

/**
 * Options of {@link withFaults}.
 *
 * @example
 * ```ts
 * const options: WithFaultsOptions = {
 *   seed: 1,
 *   rate: 0.1,
 *   faults: ['rate-limit', 'server-error'],
 *   script: [{ at: 0, fault: { type: 'status', status: 503 } }],
 * };
 * const handler = withFaults(fake, options);
 * ```
 */
export interface WithFaultsOptions {
  /** Seed of the random draws; default `1`. The same seed and the same request order inject the same faults. */
  seed?: number | undefined;
  /** Share of requests (0 to 1) that get a random fault; default `0` (only the script). */
  rate?: number | undefined;
  /** The kinds to draw from, optionally weighted; default every kind, equally. */
  faults?: readonly (FaultKind | WeightedFaultKind)[] | undefined;
  /** Scripted faults, tried in order before the random draw; the first that matches is injected. */
  script?: readonly ScriptedFault[] | undefined;
  /** Range of random latency in ms; default `[50, 500]`. */
  latencyMs?: readonly [number, number] | undefined;
  /** Range of random `Retry-After` seconds; default `[1, 5]`. */
  retryAfterSeconds?: readonly [number, number] | undefined;
  /** Statuses a random server error picks from; default `[500, 502, 503, 504]`. */
  serverErrorStatuses?: readonly number[] | undefined;
  /** Only requests it accepts can get a random fault (scripted faults ignore it); default: all. */
  eligible?: ((request: Request) => boolean) | undefined;
  /** The clock stamped on each request; default `Date.now` (fake timers control it). */
  now?: (() => number) | undefined;
}

/**
 * A request a {@link FaultyHandler} saw.
 *
 * @example
 * ```ts
 * const faulted: RequestRecord[] = handler.requests.filter((r) => r.fault !== undefined);
 * console.log(faulted.map((r) => `${r.index} ${r.method} ${r.label}`));
 * ```
 */
export interface RequestRecord {
  /** 0-based, in arrival order. */
  index: number;
  /** The HTTP method. */
  method: string;
  /** The full URL (it may hold credentials in its query: do not print it as it is). */
  url: string;
  /** When it arrived, by the handler's clock. */
  at: number;
  /** The fault injected, if any. */
  fault?: Fault | undefined;
  /** A short label of the fault for tables: `latency`, `429`, `429+retry-after`, `503`, `disconnect`, ... */
  label?: string | undefined;
}

/**
 * A handler with faults, which records every request it saw and every fault it injected.
 *
 * @example
 * ```ts
 * const handler: FaultyHandler = withFaults(fake, { rate: 0.1, seed: 3 });
 * await createSource({ fetch: createFetch(handler) }).fetchSnapshot();
 * handler.counts(); // { '503': 2, disconnect: 1 }
 * handler.reset();
 * ```
 */
export interface FaultyHandler extends FetchHandler {
  /** Every request, in arrival order. */
  readonly requests: readonly RequestRecord[];
  /** The requests that got a fault. */
  readonly injected: readonly RequestRecord[];
  /** Faults injected so far, by label (`{ '503': 2, latency: 5 }`). */
  counts(): Record<string, number>;
  /** Forgets the records and restarts the script's counters and the random sequence. */
  reset(): void;
}

/**
 * Wraps any Fetch-API handler (a fake vendor) so that requests fail the ways real networks and vendors do: latency,
 * 429 with or without `Retry-After`, 500/502/503/504, dropped connections, truncated and malformed bodies. Faults
 * come from a script (exact requests, by index, path or method) and/or at random at a given rate, reproducibly from a
 * seed. Everything injected is recorded, for assertions and campaign tables.
 *
 * @example
 * ```ts
 * const handler = withFaults(fake, {
 *   seed: 1,
 *   rate: 0.1,
 *   faults: ['rate-limit', 'server-error', { kind: 'disconnect', weight: 0.5 }],
 *   script: [{ at: 1, fault: { type: 'status', status: 429, retryAfter: 5 } }],
 * });
 * const source = createPeopleHrSource({ apiKey, fetch: createFetch(handler) });
 * await source.fetchSnapshot();
 * handler.counts(); // { '429+retry-after': 1, '503': 2, disconnect: 1 }
 * ```
 */
export function withFaults(handler: FetchHandler, options: WithFaultsOptions = {}): FaultyHandler {
  const seed = options.seed ?? 1;
  const rate = options.rate ?? 0;
  const kinds = (options.faults ?? FAULT_KINDS).map((f) =>
    typeof f === 'string' ? { kind: f, weight: 1 } : f,
  );
  const [latencyMin, latencyMax] = options.latencyMs ?? [50, 500];
  const [retryMin, retryMax] = options.retryAfterSeconds ?? [1, 5];
  const serverStatuses = options.serverErrorStatuses ?? [500, 502, 503, 504];
  const script = options.script ?? [];
  const now = options.now ?? (() => Date.now());

  let random = createRandom(seed);
  let used = script.map(() => 0);
  const requests: RequestRecord[] = [];
  const injected: RequestRecord[] = [];

  const draw = (): Fault => {
    const kind = random.weighted(
      kinds.map((k) => k.kind),
      kinds.map((k) => k.weight),
    );
    switch (kind) {
      case 'latency':
        return { type: 'latency', ms: random.int(latencyMin, latencyMax) };
      case 'rate-limit':
        return { type: 'status', status: 429, retryAfter: random.int(retryMin, retryMax) };
      case 'rate-limit-no-retry-after':
        return { type: 'status', status: 429 };
      case 'server-error':
        return { type: 'status', status: random.pick(serverStatuses) };
      case 'disconnect':
        return { type: 'disconnect' };
      case 'truncate':
        return { type: 'truncate' };
      case 'malformed':
        return { type: 'malformed' };
    }
  };

  const pickFault = (request: Request, index: number): Fault | undefined => {
    const url = new URL(request.url);
    for (let i = 0; i < script.length; i++) {
      const rule = script[i] as ScriptedFault;
      if (rule.times !== undefined && (used[i] ?? 0) >= rule.times) continue;
      if (!matches(rule, request.method, url, index)) continue;
      used[i] = (used[i] ?? 0) + 1;
      return rule.fault;
    }
    if (rate > 0 && kinds.length > 0) {
      // Draw for every request so that the sequence depends only on the request order.
      const roll = random.next();
      if (roll < rate && (options.eligible?.(request) ?? true)) return draw();
    }
    return undefined;
  };

  const faulty = (async (request: Request): Promise<Response> => {
    const index = requests.length;
    const record: RequestRecord = { index, method: request.method, url: request.url, at: now() };
    requests.push(record);
    const fault = pickFault(request, index);
    if (fault === undefined) return handler(request);
    record.fault = fault;
    record.label = labelOf(fault);
    injected.push(record);
    return inject(fault, request, handler);
  }) as FaultyHandler;

  Object.defineProperties(faulty, {
    requests: { get: () => requests, enumerable: true },
    injected: { get: () => injected, enumerable: true },
  });
  faulty.counts = () => {
    const out: Record<string, number> = {};
    for (const r of injected) if (r.label) out[r.label] = (out[r.label] ?? 0) + 1;
    return out;
  };
  faulty.reset = () => {
    requests.length = 0;
    injected.length = 0;
    used = script.map(() => 0);
    random = createRandom(seed);
  };
  return faulty;
}

function matches(rule: ScriptedFault, method: string, url: URL, index: number): boolean {
  if (rule.at !== undefined) {
    const at = typeof rule.at === 'number' ? [rule.at] : rule.at;
    if (!at.includes(index)) return false;
  }
  if (rule.from !== undefined && index < rule.from) return false;
  if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.path !== undefined) {
    if (typeof rule.path === 'string') {
      if (url.pathname !== rule.path) return false;
    } else {
      rule.path.lastIndex = 0;
      if (!rule.path.test(url.pathname + url.search)) return false;
    }
  }
  return true;
}

function labelOf(fault: Fault): string {
  switch (fault.type) {
    case 'status':
      return fault.retryAfter !== undefined ? `${fault.status}+retry-after` : String(fault.status);
    default:
      return fault.type;
  }
}

async function inject(fault: Fault, request: Request, handler: FetchHandler): Promise<Response> {
  switch (fault.type) {
    case 'latency':
      await sleep(fault.ms, request.signal);
      return handler(request);
    case 'status': {
      const headers = new Headers(fault.headers);
      if (fault.retryAfter !== undefined) headers.set('retry-after', String(fault.retryAfter));
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      const body = fault.body ?? JSON.stringify({ error: statusText(fault.status) });
      return new Response(body, { status: fault.status, headers });
    }
    case 'disconnect':
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
      });
    case 'malformed':
      return new Response(fault.body ?? '{"data": [{"id": "1", "name": ', {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    case 'truncate': {
      const response = await handler(request);
      const text = await response.text();
      const cut = text.slice(0, Math.floor(text.length * (fault.ratio ?? 0.5)));
      const headers = new Headers(response.headers);
      headers.delete('content-length');
      const init = { status: response.status, statusText: response.statusText, headers };
      if (fault.mode !== 'error') return new Response(cut, init);
      const bytes = new TextEncoder().encode(cut);
      let sent = false;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent) controller.error(new TypeError('terminated'));
          else controller.enqueue(bytes);
          sent = true;
        },
      });
      return new Response(stream, init);
    }
  }
}

function statusText(status: number): string {
  if (status === 429) return 'Too Many Requests';
  if (status === 500) return 'Internal Server Error';
  if (status === 502) return 'Bad Gateway';
  if (status === 503) return 'Service Unavailable';
  if (status === 504) return 'Gateway Timeout';
  return `HTTP ${status}`;
}
