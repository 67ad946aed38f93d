import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailKey } from '../../src/plan/compare.ts';
import { hashEmail, hashString, NOT_NORMALISED, StringIndex } from '../../src/plan/string-index.ts';

describe('StringIndex', () => {
  it('behaves like a Map that keeps the first value of each key', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('E1', 'e1', 'É', '')), {
          maxLength: 60,
        }),
        fc.array(fc.string({ maxLength: 4 })),
        (keys, probes) => {
          const index = new StringIndex(keys.length, (value) => keys[value]);
          const reference = new Map<string, number>();
          keys.forEach((key, value) => {
            const first = reference.get(key);
            expect(index.add(key, value)).toBe(first ?? -1);
            if (first === undefined) reference.set(key, value);
          });
          for (const key of [...keys, ...probes]) expect(index.get(key)).toBe(reference.get(key) ?? -1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('survives keys whose hashes collide in the table, and a full run of probes', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `E${String(i).padStart(8, '0')}`);
    const index = new StringIndex(keys.length, (value) => keys[value]);
    for (const [value, key] of keys.entries()) expect(index.add(key, value)).toBe(-1);
    for (const [value, key] of keys.entries()) expect(index.get(key)).toBe(value);
    expect(index.get('E99999999')).toBe(-1);
    expect(new Set(keys.map(hashString)).size).toBeGreaterThan(4990);
  });

  it('hashes an email only when it needs no trimming or lower-casing', () => {
    const chars = fc.constantFrom('a', 'z', 'A', 'Z', '0', '@', '.', ' ', '\t', 'é', 'İ', '~', '\u007f');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: chars })), (s) => {
        const hash = hashEmail(s);
        if (hash === NOT_NORMALISED) return;
        expect(hash).toBe(hashString(s));
        expect(emailKey(s)).toBe(s);
      }),
      { numRuns: 500 },
    );
    expect(hashEmail('ada@example.com')).toBe(hashString('ada@example.com'));
    expect(hashEmail('Ada@example.com')).toBe(NOT_NORMALISED);
    expect(hashEmail(' ada@example.com')).toBe(NOT_NORMALISED);
  });
});
