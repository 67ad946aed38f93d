/**
 * Redaction: the one helper every part of hrsync uses before a string or an object can reach an error message,
 * `toJSON()`, a `cause`, a log line or a report.
 *
 * Two layers: known secret values (the credentials an adapter was given) are replaced wherever they appear, and
 * well-known shapes (an `Authorization` header, `Bearer`/`Basic` tokens, secret query parameters, secret-looking
 * object keys) are replaced even when the value is not known in advance.
 *
 * @module
 */

/**
 * What redacted text shows in place of a secret.
 *
 * @example
 * ```ts
 * redactText('Authorization: Bearer abc123'); // `Authorization: Bearer ${REDACTED}`
 * ```
 */
export const REDACTED = '[REDACTED]';

const SECRET_KEY =
  /^(?:authorization|proxy-authorization|cookie|set-cookie|x-api-key|api[-_]?key|apikey|access[-_]?token|refresh[-_]?token|id[-_]?token|token|client[-_]?secret|secret|password|passwd|pwd|private[-_]?key|signature[-_]?token|credentials?)$/i;

// Query or form parameters whose value is a secret, e.g. `?access_token=…`, `client_secret=…`.
const SECRET_PARAM =
  /([?&;\s"']|^)((?:access[-_]?token|refresh[-_]?token|id[-_]?token|token|api[-_]?key|apikey|client[-_]?secret|secret|password|passwd|signature|sig|key)=)([^&\s"'#;]+)/gi;
// `Authorization: Bearer abc`, `Bearer abc`, `Basic abc`, `Token abc`.
const AUTH_SCHEME = /\b(Bearer|Basic|Token|Digest)(\s+)([A-Za-z0-9._~+/=-]{4,})/g;
// `"APIKey":"…"`, `'client_secret': '…'`, `password=…` inside JSON-ish or log text.
const SECRET_JSON_PAIR =
  /(["']?)(authorization|api[-_]?key|apikey|access[-_]?token|refresh[-_]?token|client[-_]?secret|secret|password|passwd|token)\1(\s*[:=]\s*)(["'])((?:\\.|(?!\4).){1,4096})\4/gi;

/**
 * Tells whether an object key names a secret (`authorization`, `apiKey`, `client_secret`, `password`, …).
 *
 * @example
 * ```ts
 * isSecretKey('APIKey'); // true
 * isSecretKey('firstName'); // false
 * ```
 */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * Removes secrets from text and objects. Create one per adapter instance with the credentials it holds.
 *
 * @example
 * ```ts
 * const redactor: Redactor = createRedactor([apiKey]);
 * redactor.addSecret(accessToken); // learnt later, from a token endpoint
 * logger.warn(redactor.text(message), redactor.value(fields) as Record<string, unknown>);
 * ```
 */
export interface Redactor {
  /** Redacts a string: known secrets, auth headers, secret query parameters and secret-looking JSON pairs. */
  text(value: string): string;
  /**
   * Returns a deep copy of a value with secrets redacted: secret-looking keys are replaced whole, strings are
   * redacted with {@link Redactor.text}. Cycles, class instances and huge values are handled without throwing.
   */
  value(value: unknown): unknown;
  /** Adds a secret value learnt later (an access token received from a token endpoint). */
  addSecret(secret: string | undefined): void;
}

const MIN_SECRET_LENGTH = 4;
const MAX_DEPTH = 8;
const MAX_KEYS = 200;

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Creates a {@link Redactor} that knows the given secret values. Very short values (under 4 characters) are not
 * treated as secrets, since replacing them would mangle ordinary text.
 *
 * @example
 * ```ts
 * const redactor = createRedactor(['s3cr3t-key']);
 * redactor.text('call failed: key s3cr3t-key, Authorization: Bearer abc.def');
 * // 'call failed: key [REDACTED], Authorization: Bearer [REDACTED]'
 * ```
 */
export function createRedactor(secrets: Iterable<string | undefined> = []): Redactor {
  const known = new Set<string>();
  let pattern: RegExp | undefined;

  const rebuild = () => {
    const sorted = [...known].sort((a, b) => b.length - a.length);
    pattern = sorted.length ? new RegExp(sorted.map(escapeRegExp).join('|'), 'g') : undefined;
  };

  const addSecret = (secret: string | undefined) => {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH || known.has(secret)) return;
    known.add(secret);
    // Secrets also travel encoded: base64 in a Basic header, percent-encoded in a URL or form body.
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) known.add(encoded);
    rebuild();
  };
  for (const secret of secrets) addSecret(secret);

  const text = (input: string): string => {
    let out = pattern ? input.replace(pattern, REDACTED) : input;
    out = out
      .replace(AUTH_SCHEME, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`)
      .replace(SECRET_PARAM, (_m, lead: string, name: string) => `${lead}${name}${REDACTED}`)
      .replace(
        SECRET_JSON_PAIR,
        (_m, q: string, key: string, sep: string, vq: string) => `${q}${key}${q}${sep}${vq}${REDACTED}${vq}`,
      );
    return out;
  };

  const value = (input: unknown): unknown => redactDeep(input, text, 0, new WeakSet());

  return { text, value, addSecret };
}

function redactDeep(
  input: unknown,
  text: (s: string) => string,
  depth: number,
  seen: WeakSet<object>,
): unknown {
  if (typeof input === 'string') return text(input);
  if (input === null || typeof input !== 'object') {
    return typeof input === 'function' || typeof input === 'symbol' ? undefined : input;
  }
  if (seen.has(input)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(input);
  if (input instanceof Error) {
    return { name: input.name, message: text(input.message) };
  }
  if (input instanceof Date) return input.toISOString();
  if (input instanceof URL) return text(input.href);
  if (typeof Headers !== 'undefined' && input instanceof Headers) {
    const out: Record<string, string> = {};
    input.forEach((v, k) => {
      out[k] = isSecretKey(k) ? REDACTED : text(v);
    });
    return out;
  }
  if (Array.isArray(input)) {
    return input.slice(0, MAX_KEYS).map((item) => redactDeep(item, text, depth + 1, seen));
  }
  const out: Record<string, unknown> = {};
  let count = 0;
  for (const key of Object.keys(input)) {
    if (count++ >= MAX_KEYS) break;
    // Never copy keys that could pollute a prototype when the result is merged elsewhere.
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const item = (input as Record<string, unknown>)[key];
    out[key] =
      isSecretKey(key) && item != null && item !== '' ? REDACTED : redactDeep(item, text, depth + 1, seen);
  }
  return out;
}

const patternsOnly = createRedactor();

/**
 * Redacts well-known secret shapes from text when the secret values themselves are not known (an `Authorization`
 * header, `Bearer` tokens, `?access_token=` and friends, `"APIKey": "…"` pairs).
 *
 * @example
 * ```ts
 * redactText('GET /x?access_token=abc123 failed'); // 'GET /x?access_token=[REDACTED] failed'
 * ```
 */
export function redactText(value: string): string {
  return patternsOnly.text(value);
}

/**
 * Deep-redacts a value using only well-known secret shapes and secret-looking keys.
 *
 * @example
 * ```ts
 * redactValue({ headers: { Authorization: 'Bearer abc' }, name: 'Ada' });
 * // { headers: { Authorization: '[REDACTED]' }, name: 'Ada' }
 * ```
 */
export function redactValue(value: unknown): unknown {
  return patternsOnly.value(value);
}
