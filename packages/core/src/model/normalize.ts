import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { isIsoDate } from './employee.ts';

/**
 * An ISO 3166-1 alpha-2 region used to read national phone numbers (`'US'`, `'GB'`).
 *
 * @example
 * ```ts
 * const region: PhoneRegion = 'GB';
 * normalizePhone('020 7946 0958', region); // { ok: true, value: '+442079460958' }
 * ```
 */
export type PhoneRegion = CountryCode;

const WHITESPACE = /\s+/g;
const CONTROL = /\p{Cc}/gu;

/**
 * Trims a name and folds inner runs of white space; empty, non-string or whitespace-only values become `undefined`.
 *
 * @example
 * ```ts
 * normalizeName('  Ada   Lovelace '); // 'Ada Lovelace'
 * normalizeName('   '); // undefined
 * ```
 */
export function normalizeName(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const out = String(value).replace(CONTROL, ' ').replace(WHITESPACE, ' ').trim();
  return out === '' ? undefined : out;
}

/**
 * Trims and lower-cases an email; empty values become `undefined`. It does not validate: see {@link isValidEmail}.
 *
 * @example
 * ```ts
 * normalizeEmail('  Ada@Example.COM '); // 'ada@example.com'
 * ```
 */
export function normalizeEmail(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const out = value.trim().toLowerCase();
  return out === '' ? undefined : out;
}

const EmailSchema = z.email();

/**
 * Tells whether a (normalised) string is a valid email address.
 *
 * @example
 * ```ts
 * isValidEmail('ada@example.com'); // true
 * isValidEmail('ada@'); // false
 * ```
 */
export function isValidEmail(value: string): boolean {
  return value.length <= 254 && EmailSchema.safeParse(value).success;
}

const DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * The result of {@link normalizeDate}: a date, nothing (the field was empty), or an invalid value.
 *
 * @example
 * ```ts
 * const date: DateResult = normalizeDate('2023-02-30');
 * if (!date.ok) console.log(`${date.raw} is not a date`); // becomes an EMPLOYEE_INVALID_DATE warning
 * ```
 */
export type DateResult = { ok: true; value: string | undefined } | { ok: false; raw: string };

/**
 * Reads a date into `YYYY-MM-DD`. Accepts `YYYY-MM-DD`, an ISO date-time (its calendar date is kept as written,
 * without time-zone shifting), `MM/DD/YYYY`, a `Date`, and epoch milliseconds. Empty values are `{ ok: true, value:
 * undefined }`; anything else that is not a real date is `{ ok: false }`.
 *
 * @example
 * ```ts
 * normalizeDate('2021-03-01T00:00:00.000Z'); // { ok: true, value: '2021-03-01' }
 * normalizeDate(''); // { ok: true, value: undefined }
 * normalizeDate('2021-02-30'); // { ok: false, raw: '2021-02-30' }
 * ```
 */
export function normalizeDate(value: unknown): DateResult {
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? { ok: false, raw: 'Invalid Date' }
      : { ok: true, value: value.toISOString().slice(0, 10) };
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, raw: String(value) };
    const d = new Date(value);
    return Number.isNaN(d.getTime())
      ? { ok: false, raw: String(value) }
      : { ok: true, value: d.toISOString().slice(0, 10) };
  }
  if (typeof value !== 'string') return { ok: false, raw: typeof value };
  const text = value.trim();
  if (text === '') return { ok: true, value: undefined };
  const iso = DATE_PREFIX.exec(text);
  if (iso?.[1] && isIsoDate(iso[1])) return { ok: true, value: iso[1] };
  const us = US_DATE.exec(text);
  if (us) {
    const candidate = `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`;
    if (isIsoDate(candidate)) return { ok: true, value: candidate };
  }
  return { ok: false, raw: text.slice(0, 64) };
}

/**
 * The result of {@link normalizePhone}.
 *
 * @example
 * ```ts
 * const phone: PhoneResult = normalizePhone('call reception', 'US'); // { ok: false, raw: 'call reception' }
 * ```
 */
export type PhoneResult = { ok: true; value: string | undefined } | { ok: false; raw: string };

/**
 * Reads a phone number into E.164, using `defaultRegion` for national numbers. Empty values are
 * `{ ok: true, value: undefined }`; a number that cannot be made valid is `{ ok: false }`.
 *
 * @example
 * ```ts
 * normalizePhone('(415) 555-2671', 'US'); // { ok: true, value: '+14155552671' }
 * normalizePhone('020 7946 0958', 'GB'); // { ok: true, value: '+442079460958' }
 * normalizePhone('12', 'US'); // { ok: false, raw: '12' }
 * ```
 */
export function normalizePhone(value: unknown, defaultRegion: PhoneRegion): PhoneResult {
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (typeof value !== 'string' && typeof value !== 'number') return { ok: false, raw: typeof value };
  const text = String(value).trim();
  if (text === '') return { ok: true, value: undefined };
  if (text.length > 40) return { ok: false, raw: `${text.slice(0, 40)}…` };
  try {
    const parsed = parsePhoneNumberFromString(text, defaultRegion);
    if (parsed?.isValid()) return { ok: true, value: parsed.number };
  } catch {
    // libphonenumber throws on some inputs; an unparseable number is simply invalid.
  }
  return { ok: false, raw: text };
}
