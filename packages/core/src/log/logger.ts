import { createRedactor, type Redactor } from '../errors/redact.ts';

/**
 * Log level, from least to most severe.
 *
 * @example
 * ```ts
 * // Forward warnings and errors only.
 * const forwarded: LogLevel[] = ['warn', 'error'];
 * const logger: Logger = { warn: console.warn, error: console.error };
 * ```
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * The logger hrsync writes to: the `console` shape (`message`, then an object of fields). `console` itself fits, and
 * so does a pino or winston child wrapped in a line (`(msg, fields) => pino.info(fields, msg)`). Every method is
 * optional; hrsync logs nothing unless given a logger.
 *
 * @example
 * ```ts
 * const logger: Logger = { info: (message, fields) => console.info(message, fields) };
 * ```
 */
export interface Logger {
  /** Request-level detail: one line per HTTP call. */
  debug?(message: string, fields?: Record<string, unknown>): void;
  /** Progress of a sync: phases and counts. */
  info?(message: string, fields?: Record<string, unknown>): void;
  /** Something was retried or skipped. */
  warn?(message: string, fields?: Record<string, unknown>): void;
  /** A call or a sync failed. */
  error?(message: string, fields?: Record<string, unknown>): void;
}

/**
 * A logger with every method present, which redacts before writing.
 *
 * @example
 * ```ts
 * const log: SafeLogger = createSafeLogger(options.logger);
 * log.debug('page read', { count: 100 }); // a no-op when the host gave no logger
 * ```
 */
export type SafeLogger = Required<Logger>;

/**
 * Wraps a host's logger so that every message and field is redacted (known secrets and secret shapes) and a logger
 * that throws cannot break a sync. With no logger, it writes nothing.
 *
 * @example
 * ```ts
 * const log = createSafeLogger(console, createRedactor([apiKey]));
 * log.info('verify ok', { apiKey }); // apiKey shows as [REDACTED]
 * ```
 */
export function createSafeLogger(logger?: Logger, redactor: Redactor = createRedactor()): SafeLogger {
  const write = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    const method = logger?.[level];
    if (!method) return;
    try {
      const text = redactor.text(message);
      if (fields === undefined) method.call(logger, text);
      else method.call(logger, text, redactor.value(fields) as Record<string, unknown>);
    } catch {
      // A broken logger must never break a sync.
    }
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
