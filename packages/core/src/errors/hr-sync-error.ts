import { CODE_CATALOG, type ErrorCode } from '../codes/catalog.ts';
import { createRedactor, type Redactor, redactText } from './redact.ts';

const BRAND = Symbol.for('@hrsync/core/HrSyncError');

/**
 * Options of the {@link HrSyncError} constructor.
 *
 * @example
 * ```ts
 * throw new HrSyncError('Acme People: apiKey is required', { code: 'CONFIG_INVALID', source: 'acme' });
 * ```
 */
export interface HrSyncErrorOptions {
  /** The code of the failure, from the catalog. */
  code: ErrorCode;
  /** The source or destination id that failed (`'trinet'`), or `'hrsync'` for the library itself. */
  source: string;
  /** The HTTP status, when the failure was an HTTP answer. */
  status?: number | undefined;
  /** Whether trying again later may succeed; defaults to the catalog's value for the code. */
  retryable?: boolean | undefined;
  /** What caused it. It is stored redacted: a sanitized copy, never the raw object holding request headers. */
  cause?: unknown;
  /** Extra facts safe to log (figures, field names); redacted as well. */
  details?: Record<string, unknown> | undefined;
  /** A redactor that knows the credentials involved; patterns are always applied. */
  redactor?: Redactor | undefined;
}

/**
 * The JSON form of an {@link HrSyncError}, safe to log.
 *
 * @example
 * ```ts
 * const json: HrSyncErrorJSON = error.toJSON();
 * // { name: 'HrSyncError', code: 'RATE_LIMITED', source: 'trinet', status: 429, retryable: true, message: '…' }
 * ```
 */
export interface HrSyncErrorJSON {
  name: 'HrSyncError';
  code: ErrorCode;
  source: string;
  status?: number;
  retryable: boolean;
  message: string;
  details?: Record<string, unknown>;
  cause?: SanitizedCauseJSON;
}

/**
 * A cause in JSON form: name, message and its own cause, all redacted.
 *
 * @example
 * ```ts
 * const cause: SanitizedCauseJSON | undefined = error.toJSON().cause;
 * // { name: 'TypeError', message: 'fetch failed', cause: { name: 'Error', message: 'connect ECONNREFUSED' } }
 * ```
 */
export interface SanitizedCauseJSON {
  name: string;
  message: string;
  cause?: SanitizedCauseJSON;
}

const MAX_CAUSE_DEPTH = 5;

/**
 * Copies an error (or any thrown value) into a plain `Error` whose message, stack and cause chain are redacted.
 * Raw errors from HTTP clients hold the request, headers included; this copy holds none of that.
 *
 * @example
 * ```ts
 * const safe = sanitizeCause(new Error('401 for https://x.test/?token=abc'));
 * safe.message; // '401 for https://x.test/?token=[REDACTED]'
 * ```
 */
export function sanitizeCause(cause: unknown, redactor?: Redactor, depth = 0): Error | undefined {
  if (cause === undefined || cause === null) return undefined;
  const text = redactor ? redactor.text : redactText;
  if (HrSyncError.is(cause)) return cause;
  let name = 'Error';
  let message: string;
  let inner: unknown;
  if (cause instanceof Error || (typeof cause === 'object' && cause !== null && 'message' in cause)) {
    const err = cause as { name?: unknown; message?: unknown; cause?: unknown; code?: unknown };
    name = typeof err.name === 'string' ? err.name : 'Error';
    message = typeof err.message === 'string' ? err.message : String(err.message);
    if (typeof err.code === 'string' && !message.includes(err.code)) message = `${message} (${err.code})`;
    inner = err.cause;
  } else {
    message = typeof cause === 'string' ? cause : safeString(cause);
  }
  const copy = new Error(text(message));
  copy.name = name;
  copy.stack = `${name}: ${copy.message}`;
  if (inner !== undefined && depth < MAX_CAUSE_DEPTH) {
    const sanitized = sanitizeCause(inner, redactor, depth + 1);
    if (sanitized)
      Object.defineProperty(copy, 'cause', { value: sanitized, enumerable: false, writable: true });
  }
  return copy;
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'object'
      ? (JSON.stringify(value)?.slice(0, 500) ?? String(value))
      : String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function causeToJSON(cause: unknown, depth = 0): SanitizedCauseJSON | undefined {
  if (!(cause instanceof Error) || depth > MAX_CAUSE_DEPTH) return undefined;
  if (HrSyncError.is(cause)) {
    const json = cause.toJSON();
    return {
      name: json.name,
      message: `${json.code}: ${json.message}`,
      ...(json.cause ? { cause: json.cause } : {}),
    };
  }
  const inner = causeToJSON(cause.cause, depth + 1);
  return { name: cause.name, message: redactText(cause.message), ...(inner ? { cause: inner } : {}) };
}

/**
 * The one error type hrsync throws. Its `code` says what failed, `retryable` whether trying again later may help,
 * and its message, `cause` chain and `toJSON()` never carry a credential.
 *
 * @example
 * ```ts
 * try {
 *   await source.verify();
 * } catch (error) {
 *   if (HrSyncError.is(error) && error.code === 'AUTH_INVALID_CREDENTIALS') {
 *     // ask the admin for new credentials
 *   }
 *   logger.error(JSON.stringify(error)); // safe: toJSON() is redacted
 * }
 * ```
 */
export class HrSyncError extends Error {
  /** The code of the failure, from the catalog. */
  readonly code: ErrorCode;
  /** The source or destination that failed. */
  readonly source: string;
  /** The HTTP status, when there was one. */
  readonly status: number | undefined;
  /** Whether trying again later may succeed. */
  readonly retryable: boolean;
  /** Extra facts, redacted. */
  readonly details: Record<string, unknown> | undefined;
  declare readonly cause: Error | undefined;

  constructor(message: string, options: HrSyncErrorOptions) {
    const redactor = options.redactor ?? createRedactor();
    super(redactor.text(message));
    this.name = 'HrSyncError';
    this.code = options.code;
    this.source = options.source;
    this.status = options.status;
    this.retryable = options.retryable ?? CODE_CATALOG[options.code].retryable ?? false;
    this.details = options.details ? (redactor.value(options.details) as Record<string, unknown>) : undefined;
    const cause = sanitizeCause(options.cause, redactor);
    Object.defineProperty(this, 'cause', {
      value: cause,
      enumerable: false,
      writable: false,
      configurable: true,
    });
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
    if (this.stack) this.stack = redactor.text(this.stack);
  }

  /**
   * Tells whether a value is an `HrSyncError`, also across realms and duplicate copies of `@hrsync/core`
   * (where `instanceof` fails).
   *
   * @example
   * ```ts
   * HrSyncError.is(new HrSyncError('x', { code: 'TIMEOUT', source: 'trinet' })); // true
   * ```
   */
  static is(value: unknown): value is HrSyncError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** A plain object safe to log: code, source, status, retryable, message, details and the redacted cause chain. */
  toJSON(): HrSyncErrorJSON {
    const cause = causeToJSON(this.cause);
    return {
      name: 'HrSyncError',
      code: this.code,
      source: this.source,
      ...(this.status !== undefined ? { status: this.status } : {}),
      retryable: this.retryable,
      message: redactText(this.message),
      ...(this.details ? { details: this.details } : {}),
      ...(cause ? { cause } : {}),
    };
  }
}
