import { createRateBudget, type RateBudget } from '@hrsync/core/http';
import { PEOPLEHR_CALLS_PER_MINUTE } from './peoplehr-info.ts';

/**
 * Options of {@link createPeopleHrRateBudget}.
 *
 * @example
 * ```ts
 * const budget = createPeopleHrRateBudget({ callsPerMinute: 20 });
 * ```
 */
export interface PeopleHrRateBudgetOptions {
  /** Calls allowed per minute; default 30, People HR's documented limit. Lower it to leave room for other tools. */
  callsPerMinute?: number | undefined;
  /** Monotonic clock in ms; default `performance.now()`. */
  now?: (() => number) | undefined;
}

/**
 * Creates a rate budget of People HR's 30 calls a minute, to pass as `rateBudget` to every source (and so every
 * webhook handler) that must share one quota. People HR counts its limit **per IP address**: a host syncing many
 * People HR companies from one server should give all their sources the same budget.
 *
 * @example
 * ```ts
 * const budget = createPeopleHrRateBudget();
 * const acme = createPeopleHrSource({ apiKey: acmeKey, rateBudget: budget });
 * const globex = createPeopleHrSource({ apiKey: globexKey, rateBudget: budget }); // 30 a minute between them
 * ```
 */
export function createPeopleHrRateBudget(options: PeopleHrRateBudgetOptions = {}): RateBudget {
  return createRateBudget({
    limit: options.callsPerMinute ?? PEOPLEHR_CALLS_PER_MINUTE,
    windowMs: 60_000,
    ...(options.now ? { now: options.now } : {}),
  });
}

interface Entry {
  weak: WeakRef<RateBudget>;
  /** Held while the budget may still have calls in its window, so that it is never replaced by a fresh one then. */
  strong: RateBudget | undefined;
  lastUsed: number;
}

// One budget per (base URL, API key), shared by every source built with that key in this process: the source a
// scheduled sync creates and the one a webhook handler holds spend the same 30 a minute. Keyed by a hash, so the
// registry never holds a key. An entry is held strongly for two windows after its last use (a replacement then
// could double the rate) and weakly after that (any source still holding it keeps it alive and shared; once none
// does, a fresh budget is equivalent, its window being long empty).
const registry = new Map<string, Entry>();
const HOLD_MS = 2 * 60_000;

/**
 * The process-wide budget for an API key at a base URL: the default `rateBudget` of every People HR source, so
 * that every source built with the same key (and the webhook handlers using them) share one 30-a-minute budget.
 *
 * @example
 * ```ts
 * const a = sharedPeopleHrRateBudget('https://api.peoplehr.net', apiKey);
 * const b = sharedPeopleHrRateBudget('https://api.peoplehr.net', apiKey);
 * a === b; // true
 * ```
 */
export function sharedPeopleHrRateBudget(baseUrl: string, apiKey: string): RateBudget {
  const t = Date.now();
  for (const [id, entry] of registry) {
    if (entry.strong && t - entry.lastUsed > HOLD_MS) entry.strong = undefined;
    if (!entry.strong && entry.weak.deref() === undefined) registry.delete(id);
  }
  const id = `${baseUrl.replace(/\/+$/, '')}\n${hashKey(apiKey)}`;
  const existing = registry.get(id);
  const alive = existing?.strong ?? existing?.weak.deref();
  if (existing && alive) {
    existing.strong = alive;
    existing.lastUsed = t;
    return alive;
  }
  const inner = createPeopleHrRateBudget();
  const budget: RateBudget = {
    limit: inner.limit,
    windowMs: inner.windowMs,
    acquire: (signal) => {
      const entry = registry.get(id);
      if (entry && entry.weak.deref() === budget) {
        entry.strong = budget;
        entry.lastUsed = Date.now();
      }
      return inner.acquire(signal);
    },
  };
  registry.set(id, { weak: new WeakRef(budget), strong: budget, lastUsed: t });
  return budget;
}

// FNV-1a over the key, twice with different offsets: 64 bits, enough to tell keys apart in one process. Not a
// secret-keeping hash: it only keeps raw keys out of a long-lived map.
function hashKey(key: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return `${a.toString(16)}${b.toString(16)}`;
}
