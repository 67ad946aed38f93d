import { describe, expect, it } from 'vitest';
import { createRedactor, isSecretKey, REDACTED, redactText, redactValue } from '../../src/index.ts';

const SECRET = 'sk_live_9f8e7d6c5b4a';

describe('createRedactor', () => {
  const r = createRedactor([SECRET, 'ab', undefined]);

  it('replaces known secrets anywhere in text, plain or percent-encoded', () => {
    expect(r.text(`key=${SECRET} and again ${SECRET}`)).not.toContain(SECRET);
    const withSpecial = createRedactor(['p@ss/word+1']);
    expect(withSpecial.text('x?password=p%40ss%2Fword%2B1')).not.toContain('p%40ss');
  });

  it('ignores very short values that would mangle text', () => {
    expect(r.text('about')).toBe('about');
  });

  it.each([
    ['Authorization: Bearer eyJhbGciOi.abc.def', 'eyJhbGciOi'],
    ['authorization: Basic dXNlcjpwYXNz', 'dXNlcjpwYXNz'],
    ['GET https://api.example.test/x?access_token=tok123&page=2', 'tok123'],
    ['POST body grant_type=client_credentials&client_secret=shh-123', 'shh-123'],
    ['{"APIKey":"pk-123456","Action":"GetAllEmployeeDetail"}', 'pk-123456'],
    ["{'password': 'hunter22'}", 'hunter22'],
    ['url?api_key=zzz999#frag', 'zzz999'],
  ])('redacts secret shapes in %s', (input, secret) => {
    const out = r.text(input);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });

  it('keeps ordinary text intact', () => {
    const text = 'GET /v1/company/ABC/employees?offset=101 failed with 503 after 3 attempts';
    expect(r.text(text)).toBe(text);
  });

  it('deep-redacts values: secret keys, nested strings, headers, errors and cycles', () => {
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    const value = {
      headers: new Headers({ Authorization: `Bearer ${SECRET}`, Accept: 'application/json' }),
      body: { APIKey: SECRET, Action: 'GetAllEmployeeDetail', nested: [{ client_secret: 'abc123' }] },
      note: `the key is ${SECRET}`,
      error: new Error(`failed with ${SECRET}`),
      cyclic,
      fn: () => 1,
    };
    const out = r.value(value);
    const json = JSON.stringify(out);
    expect(json).not.toContain(SECRET);
    expect(json).not.toContain('abc123');
    expect(out).toMatchObject({
      headers: { authorization: REDACTED, accept: 'application/json' },
      body: { APIKey: REDACTED, Action: 'GetAllEmployeeDetail' },
      cyclic: { name: 'x', self: '[Circular]' },
    });
  });

  it('drops prototype-polluting keys from copies', () => {
    const out = r.value(JSON.parse('{"__proto__":{"polluted":1},"a":1}')) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('learns secrets later (access tokens)', () => {
    const later = createRedactor();
    expect(later.text('token l0jHlkiVl7Ze')).toContain('l0jHlkiVl7Ze');
    later.addSecret('l0jHlkiVl7Ze');
    expect(later.text('token l0jHlkiVl7Ze')).not.toContain('l0jHlkiVl7Ze');
  });
});

describe('pattern-only helpers', () => {
  it('redactText and redactValue work without known secrets', () => {
    expect(redactText('x?token=abcdef')).toBe(`x?token=${REDACTED}`);
    expect(redactValue({ password: 'p', other: 'o' })).toEqual({ password: REDACTED, other: 'o' });
  });
  it.each(['Authorization', 'APIKey', 'api_key', 'client_secret', 'access_token', 'Password', 'x-api-key'])(
    '%s is a secret key',
    (key) => expect(isSecretKey(key)).toBe(true),
  );
  it.each(['firstName', 'tokenType', 'keyboard', 'EmployeeId'])('%s is not a secret key', (key) =>
    expect(isSecretKey(key)).toBe(false),
  );
});
