import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailKey, sameCustom, sameRef, sameRefs } from '../../src/plan/compare.ts';

describe('plan comparisons', () => {
  it('emailKey is trim + lower-case, whatever the string', () => {
    const chars = fc.constantFrom(
      'a',
      'Z',
      ' ',
      '\t',
      '\u00a0',
      '\ufeff',
      'É',
      'İ',
      'ß',
      '@',
      '.',
      '😀',
      'Ω',
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: chars })), (s) => {
        expect(emailKey(s)).toBe(s.trim().toLowerCase());
      }),
      { numRuns: 500 },
    );
  });

  it('compares org references and lists of them by value', () => {
    expect(sameRef({ id: 'D1', name: 'R&D' }, { name: 'R&D', id: 'D1' })).toBe(true);
    expect(sameRef({ name: 'R&D' }, { name: 'R&D', id: undefined })).toBe(true);
    expect(sameRef({ name: 'R&D' }, { name: 'R&D', id: 'D1' })).toBe(false);
    expect(sameRef(undefined, null)).toBe(true);
    expect(sameRef({ name: 'R&D' }, undefined)).toBe(false);
    expect(sameRefs([], undefined)).toBe(true);
    expect(sameRefs([{ name: 'A' }], [{ name: 'A' }])).toBe(true);
    expect(sameRefs([{ name: 'A' }, { name: 'B' }], [{ name: 'B' }, { name: 'A' }])).toBe(false);
    expect(sameRefs('A', ['A'])).toBe(false);
  });

  it('compares custom values by key, a missing key and an absent value alike', () => {
    expect(sameCustom({ a: 1, b: null }, { b: null, a: 1 })).toBe(true);
    expect(sameCustom({ a: 1, b: null }, { a: 1 })).toBe(true);
    expect(sameCustom({}, undefined)).toBe(true);
    expect(sameCustom({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameCustom({ a: 1 }, { a: 1, c: false })).toBe(false);
    expect(sameCustom('x', {})).toBe(false);
  });
});
