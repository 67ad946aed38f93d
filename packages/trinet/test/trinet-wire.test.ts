import { describe, expect, it } from 'vitest';
import {
  describeTrinetError,
  TrinetEmployeeSchema,
  TrinetEmployeesPageSchema,
  TrinetFaultSchema,
  TrinetListSchema,
  TrinetOrgDetailsResponseSchema,
  TrinetTokenResponseSchema,
} from '../src/trinet-wire.ts';
import basicView from './fixtures/employees-basic-view.json' with { type: 'json' };
import empty from './fixtures/employees-empty.json' with { type: 'json' };
import page1 from './fixtures/employees-page-1.json' with { type: 'json' };
import page2 from './fixtures/employees-page-2-last.json' with { type: 'json' };
import error401 from './fixtures/error-401.json' with { type: 'json' };
import error401Expired from './fixtures/error-401-expired.json' with { type: 'json' };
import error403 from './fixtures/error-403.json' with { type: 'json' };
import error404 from './fixtures/error-404.json' with { type: 'json' };
import error429 from './fixtures/error-429.json' with { type: 'json' };
import errorToken401 from './fixtures/error-token-401.json' with { type: 'json' };
import orgDetails from './fixtures/org-details.json' with { type: 'json' };
import token from './fixtures/token.json' with { type: 'json' };

describe('TrinetTokenResponseSchema', () => {
  it('reads the documented all-strings sample, expires_in included', () => {
    const parsed = TrinetTokenResponseSchema.parse(token);
    expect(parsed.expires_in).toBe('3599');
    expect(Number(parsed.expires_in)).toBe(3599);
    expect(parsed.token_type).toBe('BearerToken');
    expect(parsed['developer.email']).toBe('developer@trinet.com');
  });

  it.each([[{ ...token, access_token: '' }], [{ ...token, expires_in: 'soon' }], [{ expires_in: '3599' }]])(
    'rejects a token answer it cannot use (%#)',
    (body) => {
      expect(TrinetTokenResponseSchema.safeParse(body).success).toBe(false);
    },
  );

  it('accepts a numeric expires_in too', () => {
    expect(TrinetTokenResponseSchema.parse({ access_token: 'abcd', expires_in: 59 }).expires_in).toBe(59);
  });
});

describe('TrinetEmployeesPageSchema', () => {
  it.each([
    ['employees-page-1.json', page1, true, 100],
    ['employees-page-2-last.json', page2, false, 9],
    ['employees-empty.json', empty, false, 0],
    ['employees-basic-view.json', basicView, false, 3],
  ] as const)('%s: hasMore %s, %i records', (_name, body, hasMore, count) => {
    const parsed = TrinetEmployeesPageSchema.parse(body);
    expect(parsed.data.hasMore).toBe(hasMore);
    expect(parsed.data.employeeData).toHaveLength(count);
  });

  it('is strict about hasMore: without it, completeness cannot be known', () => {
    const body = structuredClone(empty) as { data: Record<string, unknown> };
    delete body.data.hasMore;
    expect(TrinetEmployeesPageSchema.safeParse(body).success).toBe(false);
    expect(
      TrinetEmployeesPageSchema.safeParse({ ...empty, data: { hasMore: 'false', employeeData: [] } }).success,
    ).toBe(false);
    expect(TrinetEmployeesPageSchema.safeParse({ data: null }).success).toBe(false);
    expect(TrinetEmployeesPageSchema.safeParse([]).success).toBe(false);
  });

  it('is loose about records: a malformed record does not fail the page', () => {
    const parsed = TrinetEmployeesPageSchema.parse(page2);
    const results = parsed.data.employeeData.map((r) => TrinetEmployeeSchema.safeParse(r).success);
    expect(results.filter((ok) => !ok)).toHaveLength(1);
  });

  it('reads a null employeeData as an empty page', () => {
    expect(
      TrinetEmployeesPageSchema.parse({ data: { hasMore: false, employeeData: null } }).data.employeeData,
    ).toEqual([]);
  });
});

describe('lists and company', () => {
  it('reads data[] of the departments/locations answers as unknown records', () => {
    expect(TrinetListSchema.parse({ _statusCode: '200', data: [{ deptId: '1' }, 7] }).data).toEqual([
      { deptId: '1' },
      7,
    ]);
    expect(TrinetListSchema.safeParse({ data: { deptId: '1' } }).success).toBe(false);
  });

  it('unwraps org-details from the envelope, and accepts a bare company', () => {
    expect(TrinetOrgDetailsResponseSchema.parse(orgDetails)).toMatchObject({
      companyId: 'ABC',
      companyName: 'Acme Robotics',
      legalName: 'Acme Robotics, Inc.',
    });
    expect(TrinetOrgDetailsResponseSchema.parse({ companyId: 'ABC', companyName: 'Acme' })).toMatchObject({
      companyName: 'Acme',
    });
  });
});

describe('error bodies', () => {
  it('reads the Apigee faults', () => {
    expect(TrinetFaultSchema.parse(error401).fault.detail?.errorcode).toBe(
      'keymanagement.service.invalid_access_token',
    );
  });

  it.each([
    [error401, 'Invalid access token (keymanagement.service.invalid_access_token)'],
    [error401Expired, 'Access Token expired (keymanagement.service.access_token_expired)'],
    [error403, 'Required scope(s) : hr-admin-read (steps.oauth.v2.InsufficientScope)'],
    [
      error429,
      'Rate limit quota violation. Quota limit  exceeded. Identifier : _default (policies.ratelimit.QuotaViolation)',
    ],
    [errorToken401, 'Client credentials are invalid (invalid_client)'],
    [error404, 'Company not found'],
    [{ fault: { faultstring: 'Gateway Timeout' } }, 'Gateway Timeout'],
    ['<html>502</html>', undefined],
    [{ message: 'x' }, undefined],
  ])('describeTrinetError(%j)', (body, text) => {
    expect(describeTrinetError(body)).toBe(text);
  });
});
