import { describe, expect, it } from 'vitest';
import {
  codeOfFranklyValidation,
  franklyAuthorization,
  parseFranklyResponse,
  readFranklyToken,
} from '../src/frankly-wire.ts';

describe('parseFranklyResponse (the guessed response format)', () => {
  it.each([
    [
      'the guess: errors with externalId and validation',
      {
        users: { created: 1 },
        errors: [{ externalId: '1', validation: 'validateNoPhoneDuplicates', message: 'm' }],
      },
      [{ externalId: '1', validation: 'validateNoPhoneDuplicates', message: 'm' }],
    ],
    [
      'aliases: validationErrors, userExternalId, rule, error',
      { validationErrors: [{ userExternalId: '2', rule: 'validateThatPhoneNumberIsCorrect', error: 'bad' }] },
      [{ externalId: '2', validation: 'validateThatPhoneNumberIsCorrect', message: 'bad' }],
    ],
    [
      'a bare array, numeric id, code',
      [{ id: 3, code: 'validateDuplicateMailInAnotherCompany' }],
      [{ externalId: '3', validation: 'validateDuplicateMailInAnotherCompany' }],
    ],
    [
      'an error naming nobody',
      { errors: [{ message: 'oops' }] },
      [{ validation: 'unknown', message: 'oops' }],
    ],
    ['users echoed as a list next to errors', { users: [{ externalId: '1' }], errors: [] }, []],
  ])('%s', (_name, body, errors) => {
    const parsed = parseFranklyResponse(body);
    expect(parsed.recognised).toBe(true);
    expect(parsed.errors).toEqual(errors);
  });

  it.each([undefined, null, 'ok', 42, { status: 'done' }])(
    'does not recognise %j, and never throws',
    (body) => {
      expect(parseFranklyResponse(body)).toEqual({ recognised: false, errors: [] });
    },
  );
});

describe('validators and auth', () => {
  it.each([
    ['validateThatPhoneNumberIsCorrect', 'EMPLOYEE_INVALID_PHONE'],
    ['validateNoPhoneDuplicates', 'EMPLOYEE_DUPLICATE_PHONE'],
    ['validateDuplicateMailInAnotherCompany', 'EMPLOYEE_EMAIL_IN_OTHER_COMPANY'],
    ['validateSomethingNew', 'UNKNOWN'],
    ['toString', 'UNKNOWN'],
  ])('%s → %s', (validation, code) => {
    expect(codeOfFranklyValidation(validation)).toBe(code);
  });

  it('writes and reads the guessed Bearer header', () => {
    expect(franklyAuthorization('tok_1')).toBe('Bearer tok_1');
    expect(readFranklyToken('bearer tok_1')).toBe('tok_1');
    expect(readFranklyToken('Token tok_1')).toBeUndefined();
    expect(readFranklyToken(null)).toBeUndefined();
  });
});
