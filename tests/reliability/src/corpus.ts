/**
 * The bad-input corpus: malformed and hostile vendor records, each spliced between good people into a fake's real
 * roster response (see `wire-kits.ts`), and malformed roster answers as a whole. Each case says what a correct source
 * makes of it: an issue (the record is skipped or a field dropped, with a code), an employee (hostile but valid
 * data that must sync as it is), either, or a typed error (the answer as a whole is unusable).
 */
import type { WireField, WireKit, WireRecord } from './wire-kits.ts';

/** What a correct sync makes of a case. */
export type CorpusExpectation =
  /** At least one issue names the bad record; the bad record is not created as it is. */
  | 'issue'
  /** The bad record syncs as an employee. */
  | 'employee'
  /** An issue or an employee: the case only checks that nothing else breaks. */
  | 'either'
  /** The read fails with a typed `HrSyncError` (and nothing is written). */
  | 'error';

/** A record-level case: one or more bad records spliced between good people. */
export interface RecordCase {
  name: string;
  /** A category for the report. */
  group: string;
  expect: CorpusExpectation;
  /**
   * Builds the bad record from a clone of a good one, already given a fresh id (`X<n>`) and email: set what the case
   * is about. Return a string for a record that is not an object at all (raw JSON text).
   */
  build(record: WireRecord, kit: WireKit, good: readonly WireRecord[]): WireRecord | string;
  /** Good people this case may legitimately take down with it (the twin of a duplicate), by index in the page. */
  affects?: readonly number[] | undefined;
  /** Checks the employee the bad record became, when it became one (name kept, phone normalised...). */
  check?: ((employee: Record<string, unknown>) => string | undefined) | undefined;
  /** Only for these adapters. */
  only?: readonly WireKit['adapter']['id'][] | undefined;
}

/** An answer-level case: the whole first roster answer is replaced. */
export interface AnswerCase {
  name: string;
  group: string;
  expect: 'error' | 'empty-or-error';
  body: string | Uint8Array;
  contentType?: string | undefined;
}

const MB = 1024 * 1024;
const huge = (size: number, unit = 'a') => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/** Parses JSON text so `__proto__` stays an own key, as a vendor's body would arrive. */
const own = (json: string): WireRecord => JSON.parse(json) as WireRecord;

const set = (field: WireField, value: unknown) => (record: WireRecord, kit: WireKit) => {
  kit.set(record, field, value);
  return record;
};

// The name must come through as it was sent (compared in NFC: a decomposed "é" is the same name).
const nameIs =
  (first: string, last?: string) =>
  (employee: Record<string, unknown>): string | undefined => {
    const want = first.normalize('NFC').trim();
    const nfc = (value: unknown) => (typeof value === 'string' ? value.normalize('NFC') : value);
    if (nfc(employee.firstName) !== want)
      return `firstName ${JSON.stringify(employee.firstName)}, expected ${JSON.stringify(want)}`;
    if (last !== undefined && nfc(employee.lastName) !== last.normalize('NFC').trim())
      return `lastName ${JSON.stringify(employee.lastName)}`;
    return undefined;
  };

/** Record-level cases, run against every adapter (some only where the vendor can carry them). */
export const RECORD_CASES: readonly RecordCase[] = [
  // Wrong types.
  { group: 'wrong types', name: 'record is a string', expect: 'issue', build: () => '"just a string"' },
  { group: 'wrong types', name: 'record is a number', expect: 'issue', build: () => '42' },
  { group: 'wrong types', name: 'record is null', expect: 'issue', build: () => 'null' },
  { group: 'wrong types', name: 'record is an array', expect: 'issue', build: () => '[{"id":"X1"}]' },
  { group: 'wrong types', name: 'record is true', expect: 'issue', build: () => 'true' },
  { group: 'wrong types', name: 'id is an object', expect: 'issue', build: set('id', { value: 'X1' }) },
  { group: 'wrong types', name: 'id is an array', expect: 'issue', build: set('id', ['X1']) },
  { group: 'wrong types', name: 'id is a boolean', expect: 'issue', build: set('id', true) },
  { group: 'wrong types', name: 'id is a number', expect: 'either', build: set('id', 918_273) },
  { group: 'wrong types', name: 'first name is a number', expect: 'either', build: set('firstName', 7) },
  {
    group: 'wrong types',
    name: 'first name is an object',
    expect: 'issue',
    build: set('firstName', { a: 1 }),
  },
  {
    group: 'wrong types',
    name: 'email is an array',
    expect: 'issue',
    build: set('workEmail', ['a@example.com']),
  },
  { group: 'wrong types', name: 'email is a number', expect: 'issue', build: set('workEmail', 12_345) },
  {
    group: 'wrong types',
    name: 'phone is an object',
    expect: 'either',
    build: set('workPhone', { n: '+1' }),
  },
  { group: 'wrong types', name: 'title is an array', expect: 'either', build: set('title', ['a', 'b']) },
  {
    group: 'wrong types',
    name: 'manager id is an object',
    expect: 'either',
    build: set('managerId', { id: 1 }),
  },
  {
    group: 'wrong types',
    name: 'status is a number',
    expect: 'either',
    build: (r, kit) => {
      kit.status.write(r, 12);
      return r;
    },
  },
  {
    group: 'wrong types',
    name: 'status is unknown',
    expect: 'either',
    build: (r, kit) => {
      kit.status.write(r, kit.status.unknown);
      return r;
    },
  },
  // Missing fields.
  { group: 'missing fields', name: 'empty object', expect: 'issue', build: () => ({}) },
  { group: 'missing fields', name: 'no id', expect: 'issue', build: set('id', undefined) },
  { group: 'missing fields', name: 'no first name', expect: 'issue', build: set('firstName', undefined) },
  { group: 'missing fields', name: 'no last name', expect: 'issue', build: set('lastName', undefined) },
  { group: 'missing fields', name: 'no work email', expect: 'issue', build: set('workEmail', undefined) },
  { group: 'missing fields', name: 'empty id', expect: 'issue', build: set('id', '') },
  { group: 'missing fields', name: 'blank names', expect: 'issue', build: set('firstName', '   ') },
  // Nulls where objects are expected: every object-valued part of the vendor's record, one at a time.
  {
    group: 'nulls',
    name: 'every object part null',
    expect: 'either',
    build: (r, kit) => {
      for (const path of kit.objectPaths) nullAt(r, path);
      return r;
    },
  },
  ...['0', '1', '2', '3', '4', '5'].map(
    (i): RecordCase => ({
      group: 'nulls',
      name: `object part #${i} null`,
      expect: 'either',
      build: (r, kit) => {
        const path = kit.objectPaths[Number(i)];
        if (path !== undefined) nullAt(r, path);
        return r;
      },
    }),
  ),
  ...['0', '1', '2', '3'].map(
    (i): RecordCase => ({
      group: 'nulls',
      name: `object part #${i} a string`,
      expect: 'either',
      build: (r, kit) => {
        const path = kit.objectPaths[Number(i)];
        if (path !== undefined) nullAt(r, path, 'surprise');
        return r;
      },
    }),
  ),
  { group: 'nulls', name: 'id null', expect: 'issue', build: set('id', null) },
  { group: 'nulls', name: 'email null', expect: 'issue', build: set('workEmail', null) },
  { group: 'nulls', name: 'names null', expect: 'issue', build: set('firstName', null) },
  // Huge strings.
  { group: 'huge strings', name: '1 MB first name', expect: 'either', build: set('firstName', huge(MB)) },
  {
    group: 'huge strings',
    name: '2 MB title',
    expect: 'either',
    build: set('title', huge(2 * MB, 'Title ')),
  },
  {
    group: 'huge strings',
    name: '1 MB email',
    expect: 'issue',
    build: set('workEmail', `${huge(MB)}@example.com`),
  },
  {
    group: 'huge strings',
    name: '1 MB phone',
    expect: 'either',
    build: set('workPhone', huge(MB, '1234567890')),
  },
  { group: 'huge strings', name: '1 MB id', expect: 'either', build: set('id', huge(MB, 'X')) },
  {
    group: 'huge strings',
    name: 'deeply nested extra field',
    expect: 'either',
    build: (r) => {
      let nested: unknown = 'bottom';
      for (let i = 0; i < 2_000; i++) nested = { deeper: nested };
      r.extraNested = nested;
      return r;
    },
  },
  {
    group: 'huge strings',
    name: '20,000 extra keys',
    expect: 'either',
    build: (r) => {
      for (let i = 0; i < 20_000; i++) r[`custom_${i}`] = i;
      return r;
    },
  },
  // Prototype pollution attempts.
  {
    group: 'prototype keys',
    name: '__proto__ key on the record',
    expect: 'either',
    build: (r) => ({
      ...own('{"__proto__": {"polluted": "record"}}'),
      ...r,
      ...own('{"__proto__": {"polluted": "x"}}'),
    }),
  },
  {
    group: 'prototype keys',
    name: 'constructor.prototype key on the record',
    expect: 'either',
    build: (r) => Object.assign(r, own('{"constructor": {"prototype": {"polluted": "ctor"}}}')),
  },
  {
    group: 'prototype keys',
    name: '__proto__ inside every object part',
    expect: 'either',
    build: (r, kit) => {
      for (const path of kit.objectPaths) {
        const target = at(r, path);
        if (target && typeof target === 'object' && !Array.isArray(target)) {
          Object.assign(
            target,
            own(
              '{"__proto__": {"polluted": "nested"}, "constructor": {"prototype": {"polluted": "nested"}}}',
            ),
          );
        }
      }
      return r;
    },
  },
  {
    group: 'prototype keys',
    name: '__proto__ as a value of every field',
    expect: 'either',
    build: (r, kit) => {
      for (const field of ['title', 'workPhone', 'managerId'] as const)
        kit.set(r, field, own('{"__proto__": {"polluted": "value"}}'));
      return r;
    },
  },
  { group: 'prototype keys', name: 'id "__proto__"', expect: 'either', build: set('id', '__proto__') },
  { group: 'prototype keys', name: 'id "constructor"', expect: 'either', build: set('id', 'constructor') },
  {
    group: 'prototype keys',
    name: 'id "hasOwnProperty"',
    expect: 'either',
    build: set('id', 'hasOwnProperty'),
  },
  {
    group: 'prototype keys',
    name: 'manager "__proto__"',
    expect: 'either',
    build: set('managerId', '__proto__'),
  },
  {
    group: 'prototype keys',
    name: 'email "__proto__@example.com"',
    expect: 'either',
    build: set('workEmail', '__proto__@example.com'),
  },
  // Dates.
  ...[
    '2023-02-30',
    '2023-13-01',
    '0000-00-00',
    'not a date',
    '31/12/2023',
    '2023-1-5',
    '99999-01-01',
    '',
  ].map(
    (value): RecordCase => ({
      group: 'invalid dates',
      name: `start date ${JSON.stringify(value)}`,
      expect: 'either',
      build: set('startDate', value),
    }),
  ),
  {
    group: 'invalid dates',
    name: 'start date a number',
    expect: 'either',
    build: set('startDate', 20_230_101),
  },
  {
    group: 'invalid dates',
    name: 'end date "2023-02-30"',
    expect: 'either',
    build: set('endDate', '2023-02-30'),
  },
  {
    group: 'invalid dates',
    name: 'end date "yesterday"',
    expect: 'either',
    build: set('endDate', 'yesterday'),
  },
  // Emails.
  ...[
    'no-at-sign',
    'a@b',
    '@example.com',
    'x@example..com',
    'a b@example.com',
    'x@',
    'x@exa mple.com',
    '<script>@x.com',
  ].map(
    (value): RecordCase => ({
      group: 'invalid emails',
      name: `email ${JSON.stringify(value)}`,
      expect: 'issue',
      build: set('workEmail', value),
    }),
  ),
  {
    group: 'invalid emails',
    name: 'email with spaces and capitals (valid once normalised)',
    expect: 'employee',
    build: set('workEmail', '  Mixed.Case@Example.COM '),
    check: (e) =>
      e.workEmail === 'mixed.case@example.com' ? undefined : `workEmail ${JSON.stringify(e.workEmail)}`,
  },
  // Phones.
  ...['12345', 'call reception', '+1 (555) 0100 ext 7', '٠١٢٣٤٥٦٧٨٩', '+00000000000000000000', '☎'].map(
    (value): RecordCase => ({
      group: 'invalid phones',
      name: `phone ${JSON.stringify(value)}`,
      expect: 'either',
      build: set('workPhone', value),
      check: (e) =>
        e.workPhone === undefined || /^\+[1-9]\d{6,14}$/.test(String(e.workPhone))
          ? undefined
          : `workPhone ${JSON.stringify(e.workPhone)} is not E.164`,
    }),
  ),
  // Unicode names: valid, and must sync as they are.
  ...(
    [
      ['Zoë', 'Ñúñez-Åström'],
      ['李', '小龍'],
      ['محمد', 'عبد الله'],
      ['Ольга', 'Кузнецова'],
      ['José', "O'Brien"],
      ['e\u0301milie', 'Dupont'],
      ['Anne-Marie', 'Smith 👩‍💻'],
    ] as const
  ).map(
    ([first, last]): RecordCase => ({
      group: 'unicode names',
      name: `name ${first} ${last}`,
      expect: 'employee',
      build: (r, kit) => {
        kit.set(r, 'firstName', first);
        kit.set(r, 'lastName', last);
        return r;
      },
      check: nameIs(first, last),
    }),
  ),
  {
    group: 'unicode names',
    name: 'name of zero-width characters only',
    expect: 'issue',
    build: set('firstName', '\u200b\u200c\u200d'),
  },
  {
    group: 'unicode names',
    name: 'name with a NUL byte',
    expect: 'either',
    build: set('firstName', 'Ada\u0000'),
  },
  {
    group: 'unicode names',
    name: 'lone surrogate in name',
    expect: 'either',
    build: set('lastName', 'Bad\ud800Surrogate'),
  },
  // Duplicates: the record takes the id or email of the first good person; both are then skipped.
  {
    group: 'duplicate ids',
    name: 'same id as another person',
    expect: 'issue',
    affects: [0],
    build: (r, kit, good) => {
      kit.set(r, 'id', kit.idOf(good[0] as WireRecord));
      return r;
    },
  },
  {
    group: 'duplicate ids',
    name: 'same work email as another person',
    expect: 'issue',
    affects: [0],
    build: (r, kit, good) => {
      const other = good[0] as WireRecord;
      kit.set(r, 'workEmail', kit.emailOf(other));
      return r;
    },
  },
  {
    group: 'duplicate ids',
    name: 'same record twice',
    expect: 'issue',
    affects: [1],
    build: (_r, _kit, good) => structuredClone(good[1] as WireRecord),
  },
];

/** Answer-level cases: the first roster answer replaced whole. */
export const ANSWER_CASES: readonly AnswerCase[] = [
  { group: 'broken answers', name: 'body is JSON null', expect: 'error', body: 'null' },
  { group: 'broken answers', name: 'body is an empty object', expect: 'empty-or-error', body: '{}' },
  { group: 'broken answers', name: 'body is an array', expect: 'error', body: '[1,2,3]' },
  { group: 'broken answers', name: 'body is a JSON string', expect: 'error', body: '"ok"' },
  { group: 'broken answers', name: 'body is empty', expect: 'error', body: '' },
  {
    group: 'broken answers',
    name: 'body is truncated JSON',
    expect: 'error',
    body: '{"data": {"data": [{"id": "1"',
  },
  {
    group: 'broken answers',
    name: 'body is HTML with a JSON content type',
    expect: 'error',
    body: '<html><body>Service Unavailable</body></html>',
  },
  {
    group: 'broken answers',
    name: 'body is HTML',
    expect: 'error',
    body: '<html><body>Login</body></html>',
    contentType: 'text/html',
  },
  {
    group: 'broken answers',
    name: 'the list is a string',
    expect: 'error',
    body: '{"data": {"employeeData": "x", "data": "x", "hasMore": false, "next_url": null}, "Result": "x", "isError": false}',
  },
  {
    group: 'broken answers',
    name: 'the list is an object',
    expect: 'error',
    body: '{"data": {"employeeData": {"0": {}}, "data": {"0": {}}, "hasMore": false, "next_url": null}, "Result": {"0": {}}, "isError": false}',
  },
  {
    group: 'broken answers',
    name: '__proto__ envelope',
    expect: 'empty-or-error',
    body: '{"__proto__": {"polluted": "envelope"}, "constructor": {"prototype": {"polluted": "envelope"}}}',
  },
  {
    group: 'broken answers',
    name: 'invalid UTF-8',
    expect: 'error',
    body: new Uint8Array([0x7b, 0x22, 0x64, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]),
  },
];

function at(record: WireRecord, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function nullAt(record: WireRecord, path: string, value: unknown = null): void {
  const keys = path.split('.');
  const parent = keys.length === 1 ? record : at(record, keys.slice(0, -1).join('.'));
  if (parent !== null && typeof parent === 'object')
    (parent as Record<string, unknown>)[keys.at(-1) as string] = value;
}
