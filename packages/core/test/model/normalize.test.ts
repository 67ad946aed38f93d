import { describe, expect, it } from 'vitest';
import {
  isValidEmail,
  normalizeDate,
  normalizeEmail,
  normalizeName,
  normalizePhone,
} from '../../src/index.ts';

describe('normalizeName', () => {
  it.each([
    ['  Ada  ', 'Ada'],
    ['Ada   King\tLovelace', 'Ada King Lovelace'],
    ['   ', undefined],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
    [{ name: 'x' }, undefined],
    [42, '42'],
    ['Zoë\u0000', 'Zoë'],
    ['  李  小龍 ', '李 小龍'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });
});

describe('normalizeEmail / isValidEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
    expect(normalizeEmail('')).toBeUndefined();
    expect(normalizeEmail(7)).toBeUndefined();
  });
  it.each([
    ['ada@example.com', true],
    ['a.b+c@sub.example.co.uk', true],
    ['ada@', false],
    ['@example.com', false],
    ['ada example@example.com', false],
    ['ada@@example.com', false],
    [`${'a'.repeat(250)}@example.com`, false],
  ])('%s valid: %s', (input, expected) => {
    expect(isValidEmail(input)).toBe(expected);
  });
});

describe('normalizeDate', () => {
  it.each([
    ['2021-03-01', '2021-03-01'],
    ['2021-03-01T00:00:00.000Z', '2021-03-01'],
    ['2021-03-01T23:30:00-08:00', '2021-03-01'],
    ['2021-03-01 10:00:00', '2021-03-01'],
    ['03/01/2021', '2021-03-01'],
    ['3/1/2021', '2021-03-01'],
    ['2024-02-29', '2024-02-29'],
    ['', undefined],
    ['   ', undefined],
    [null, undefined],
    [undefined, undefined],
  ])('%j → %j', (input, expected) => {
    expect(normalizeDate(input)).toEqual({ ok: true, value: expected });
  });
  it('reads Date objects and epoch milliseconds', () => {
    expect(normalizeDate(new Date(Date.UTC(2020, 0, 31)))).toEqual({ ok: true, value: '2020-01-31' });
    expect(normalizeDate(Date.UTC(2019, 11, 1))).toEqual({ ok: true, value: '2019-12-01' });
  });
  it.each([
    '2023-02-29',
    '2021-13-01',
    '2021-00-10',
    'yesterday',
    '2021/03/01',
    '13/13/2021',
    NaN,
    {},
    new Date('x'),
  ])('rejects %j', (input) => {
    expect(normalizeDate(input).ok).toBe(false);
  });
});

describe('normalizePhone', () => {
  it('formats national numbers with the default region', () => {
    expect(normalizePhone('(415) 555-2671', 'US')).toEqual({ ok: true, value: '+14155552671' });
    expect(normalizePhone('020 7946 0958', 'GB')).toEqual({ ok: true, value: '+442079460958' });
  });
  it('keeps international numbers whatever the region', () => {
    expect(normalizePhone('+44 20 7946 0958', 'US')).toEqual({ ok: true, value: '+442079460958' });
  });
  it('treats empty as absent', () => {
    expect(normalizePhone('', 'US')).toEqual({ ok: true, value: undefined });
    expect(normalizePhone(null, 'US')).toEqual({ ok: true, value: undefined });
  });
  it.each(['12', '555-0100', 'call me', '+1 000 000 0000', 'x'.repeat(100)])('rejects %s', (input) => {
    expect(normalizePhone(input, 'US').ok).toBe(false);
  });
});
