import { HrSyncError, type Logger } from '@hrsync/core';
import { vi } from 'vitest';

/**
 * Thrown by a conformance check that found the adapter breaking the contract. The message says what was expected,
 * what happened, and where to look.
 *
 * @example
 * ```ts
 * const error = await sourceChecks.readsEveryPersonOnce.run(options).catch((e: unknown) => e);
 * if (error instanceof ConformanceError) console.log(error.check, error.message);
 * ```
 */
export class ConformanceError extends Error {
  /** The check that failed. */
  readonly check: string;

  constructor(check: string, message: string) {
    super(`[${check}] ${message}`);
    this.name = 'ConformanceError';
    this.check = check;
  }
}

/**
 * One conformance check: a title for the test list, and the function that throws a {@link ConformanceError}.
 *
 * @example
 * ```ts
 * const check: ConformanceCheck<SourceConformanceOptions> = sourceChecks.honoursRetryAfter;
 * it(check.title, () => check.run(options));
 * ```
 */
export interface ConformanceCheck<Options> {
  /** What the check proves, as a test title. */
  readonly title: string;
  /** Runs the check against an adapter; resolves when it holds, rejects with a {@link ConformanceError} when not. */
  run(options: Options): Promise<void>;
}

// Captured before any test can fake them: the driver needs a real turn of the event loop between fake-time steps.
const realSetImmediate = globalThis.setImmediate;

const FAKED = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] as const;

/** Runs `body` with fake timers (timeouts, intervals and `Date`), restoring real timers after. */
export async function withFakeClock<T>(body: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: [...FAKED], now: Date.UTC(2025, 0, 1, 9) });
  try {
    return await body();
  } finally {
    vi.useRealTimers();
  }
}

/** The outcome of {@link drive}: a value, an error, or still pending when the budget of fake time ran out. */
export type Driven<T> =
  | { state: 'fulfilled'; value: T }
  | { state: 'rejected'; error: unknown }
  | { state: 'pending' };

/**
 * Moves fake time forward in small steps, with a real turn of the event loop between steps, until the promise
 * settles or `maxMs` of fake time have passed. Retry waits and latency then pass in fake time: nothing really sleeps.
 */
export async function drive<T>(promise: Promise<T>, maxMs = 15 * 60_000, stepMs = 25): Promise<Driven<T>> {
  let result: Driven<T> = { state: 'pending' };
  promise.then(
    (value) => {
      result = { state: 'fulfilled', value };
    },
    (error: unknown) => {
      result = { state: 'rejected', error };
    },
  );
  let elapsed = 0;
  for (;;) {
    await new Promise<void>((resolve) => realSetImmediate(resolve));
    if (result.state !== 'pending' || elapsed >= maxMs) return result;
    await vi.advanceTimersByTimeAsync(stepMs);
    elapsed += stepMs;
  }
}

/** Like {@link drive}, but resolves with the value or rejects with the error; fails the check if it never settles. */
export async function settle<T>(
  check: string,
  what: string,
  promise: Promise<T>,
  maxMs?: number,
): Promise<T> {
  const result = await drive(promise, maxMs);
  if (result.state === 'fulfilled') return result.value;
  if (result.state === 'rejected') throw result.error;
  throw new ConformanceError(
    check,
    `${what} never settled (waited ${Math.round((maxMs ?? 900_000) / 1000)} s of fake time)`,
  );
}

/** Collects what an adapter emits during a check (log lines, errors, issue texts) to scan it for secrets. */
export interface Probe {
  /** Pass it as the adapter's logger. */
  readonly logger: Logger;
  /** Log lines, as text. */
  readonly lines: string[];
  /** Remember an error (its message, stack, `toJSON()` and causes are scanned). */
  error(error: unknown): void;
  /** Remember some other output (issue texts, results). */
  output(value: unknown): void;
  /** Throws a {@link ConformanceError} when any secret appears in what was collected. */
  assertNoSecrets(check: string): void;
}

/** Creates a {@link Probe} that looks for the given secrets (and their URL-encoded forms). */
export function createProbe(secrets: readonly string[]): Probe {
  const lines: string[] = [];
  const texts: { where: string; text: string }[] = [];
  const write =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      const line = `${level} ${message}${fields === undefined ? '' : ` ${stringify(fields)}`}`;
      lines.push(line);
      texts.push({ where: `a ${level} log line`, text: line });
    };
  return {
    logger: { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') },
    lines,
    error(error) {
      for (const text of errorTexts(error)) texts.push({ where: 'an error', text });
    },
    output(value) {
      texts.push({ where: 'the output', text: stringify(value) });
    },
    assertNoSecrets(check) {
      const needles = secrets
        .filter((s) => s.length >= 4)
        .flatMap((s) => [s, encodeURIComponent(s)])
        .filter((s, i, all) => all.indexOf(s) === i);
      for (const { where, text } of texts) {
        for (const needle of needles) {
          if (text.includes(needle)) {
            const at = text.indexOf(needle);
            const excerpt = text.slice(Math.max(0, at - 60), at).replaceAll('\n', ' ');
            throw new ConformanceError(
              check,
              `a credential appeared in ${where}: "…${excerpt}[SECRET]…". Redact credentials (createRedactor with the secrets, or the HTTP client's secrets option) in every error, toJSON() and log line.`,
            );
          }
        }
      }
    },
  };
}

/** Every text an error can show: message, stack, String(), JSON, toJSON(), details and the cause chain. */
export function errorTexts(error: unknown, depth = 0): string[] {
  if (error === null || error === undefined || depth > 6) return [];
  const out: string[] = [];
  try {
    out.push(String(error));
  } catch {
    // An error whose toString throws shows nothing there.
  }
  if (typeof error === 'object') {
    const e = error as {
      message?: unknown;
      stack?: unknown;
      cause?: unknown;
      toJSON?: unknown;
      details?: unknown;
    };
    if (typeof e.message === 'string') out.push(e.message);
    if (typeof e.stack === 'string') out.push(e.stack);
    out.push(stringify(error));
    if (HrSyncError.is(error)) out.push(stringify(error.toJSON()));
    if (e.details !== undefined) out.push(stringify(e.details));
    out.push(...errorTexts(e.cause, depth + 1));
  }
  return out;
}

/** JSON that never throws, shows errors' messages and stacks, and marks cycles. */
export function stringify(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(value, (_key, v: unknown) => {
        if (typeof v === 'bigint') return String(v);
        if (v instanceof Error) return { name: v.name, message: v.message, stack: v.stack, cause: v.cause };
        if (v instanceof Headers) return Object.fromEntries(v.entries());
        if (typeof v === 'object' && v !== null) {
          if (seen.has(v)) return '[Circular]';
          seen.add(v);
        }
        return v;
      }) ?? String(value)
    );
  } catch {
    return String(value);
  }
}

/** A short description of a thrown value for check messages. */
export function describeThrown(error: unknown): string {
  if (HrSyncError.is(error)) return `HrSyncError ${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
