import { describe, expect, it } from 'vitest';
import type { FranklyGroup, FranklyUser } from '../src/index.ts';
import { createFranklyFake } from '../src/testing/index.ts';

const URL_ = 'https://org.api.andfrankly.com/v1/organization';

function user(externalId: string, extra: Partial<FranklyUser> = {}): FranklyUser {
  return {
    externalId,
    firstName: `F${externalId}`,
    lastName: 'L',
    email: `u${externalId}@acme.test`,
    role: 'User',
    accessInfo: { memberOf: ['department:D1'] },
    ...extra,
  };
}
const D1: FranklyGroup = { externalId: 'department:D1', name: 'Engineering', description: 'd' };

async function post(fake: ReturnType<typeof createFranklyFake>, body: unknown, token = fake.token) {
  const response = await fake.handler(
    new Request(URL_, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('createFranklyFake', () => {
  it('applies full state: creates, updates and removes managed users and groups', async () => {
    const fake = createFranklyFake();
    expect(await post(fake, { users: [user('1'), user('2')], groups: [D1] })).toMatchObject({
      status: 200,
      body: {
        users: { created: 2, updated: 0, removed: 0, unchanged: 0, rejected: 0 },
        groups: { created: 1, updated: 0, removed: 0, unchanged: 0 },
        errors: [],
      },
    });
    const renamed = { ...D1, name: 'R&D' };
    expect(await post(fake, { users: [user('2', { lastName: 'New' })], groups: [renamed] })).toMatchObject({
      body: { users: { created: 0, updated: 1, removed: 1, unchanged: 0 }, groups: { updated: 1 } },
    });
    expect(fake.users().map((u) => [u.externalId, u.lastName])).toEqual([['2', 'New']]);
    expect(fake.groups().map((g) => g.name)).toEqual(['R&D']);
    expect(fake.received).toHaveLength(2);
  });

  it('leaves hand-made users and groups alone, even when the push is empty', async () => {
    const fake = createFranklyFake({
      handMadeUsers: [
        { firstName: 'Grace', lastName: 'Hopper', email: 'Grace@acme.test', phone: '+14155550100' },
      ],
      handMadeGroups: [{ name: 'Leadership', description: 'by hand' }],
    });
    await post(fake, { users: [user('1')], groups: [D1] });
    await post(fake, { users: [], groups: [] });
    expect(fake.users()).toEqual([
      {
        id: 'u1',
        firstName: 'Grace',
        lastName: 'Hopper',
        email: 'grace@acme.test',
        phone: '+14155550100',
        role: 'User',
        memberOf: [],
        managed: false,
      },
    ]);
    expect(fake.groups()).toEqual([{ id: 'g1', name: 'Leadership', description: 'by hand', managed: false }]);
  });

  it.each([
    ['an invalid phone', user('1', { phone: '0701234567' }), 'validateThatPhoneNumberIsCorrect', 'phone'],
    [
      'a phone of a hand-made user',
      user('1', { phone: '+14155550100' }),
      'validateNoPhoneDuplicates',
      'phone',
    ],
    [
      'an email of another company',
      user('1', { email: 'taken@other.test' }),
      'validateDuplicateMailInAnotherCompany',
      'email',
    ],
  ])('rejects %s and applies the rest', async (_name, bad, validation, field) => {
    const fake = createFranklyFake({
      handMadeUsers: [{ firstName: 'G', lastName: 'H', email: 'g@acme.test', phone: '+14155550100' }],
      otherCompanyEmails: ['Taken@other.test'],
    });
    const { status, body } = await post(fake, { users: [bad, user('2')], groups: [D1] });
    expect(status).toBe(200);
    expect(body.errors).toEqual([{ externalId: '1', validation, field, message: expect.any(String) }]);
    expect(
      fake
        .users()
        .filter((u) => u.managed)
        .map((u) => u.externalId),
    ).toEqual(['2']);
  });

  it('rejects a phone already given to an earlier user of the same push', async () => {
    const fake = createFranklyFake();
    const { body } = await post(fake, {
      users: [user('1', { phone: '+46701234567' }), user('2', { phone: '+46701234567' })],
      groups: [D1],
    });
    expect(body.errors).toMatchObject([{ externalId: '2', validation: 'validateNoPhoneDuplicates' }]);
  });

  it('keeps a rejected existing user as it was', async () => {
    const fake = createFranklyFake();
    await post(fake, { users: [user('1')], groups: [D1] });
    fake.addOtherCompanyEmail('moved@other.test');
    await post(fake, { users: [user('1', { email: 'moved@other.test' })], groups: [D1] });
    expect(fake.user('1')?.email).toBe('u1@acme.test');
  });

  it('applies nothing in all-or-nothing mode when a user is rejected', async () => {
    const fake = createFranklyFake({ rejectionMode: 'all-or-nothing', otherCompanyEmails: ['u1@acme.test'] });
    const { status, body } = await post(fake, { users: [user('1'), user('2')], groups: [D1] });
    expect(status).toBe(422);
    expect(body.errors).toMatchObject([{ externalId: '1' }]);
    expect(fake.users()).toEqual([]);
    expect(fake.groups()).toEqual([]);
  });

  it.each([
    ['a wrong token', { users: [], groups: [] }, 'nope-nope', 401],
    ['a body that is not JSON', '{', undefined, 400],
    ['a body that is not an organization', { people: [] }, undefined, 400],
    ['a member of an undefined group', { users: [user('1')], groups: [] }, undefined, 400],
    ['a duplicate externalId', { users: [user('1'), user('1')], groups: [D1] }, undefined, 400],
  ])('answers %s with an error and changes nothing', async (_name, body, token, status) => {
    const fake = createFranklyFake();
    expect((await post(fake, body, token)).status).toBe(status);
    expect(fake.users()).toEqual([]);
    expect(fake.received).toEqual([]);
  });

  it('answers 404 and 405 off the endpoint', async () => {
    const fake = createFranklyFake();
    const auth = { authorization: `Bearer ${fake.token}` };
    expect((await fake.handler(new Request('https://x.test/v1/users', { headers: auth }))).status).toBe(404);
    expect((await fake.handler(new Request(URL_, { headers: auth }))).status).toBe(405);
  });

  it('records requests without the token', async () => {
    const fake = createFranklyFake({ token: 'secret-token-9876' });
    await post(fake, { users: [], groups: [] });
    await post(fake, { users: [], groups: [] }, 'bad-token-1234');
    expect(fake.requests).toEqual([
      {
        method: 'POST',
        path: '/v1/organization',
        status: 200,
        authorized: true,
        body: { users: [], groups: [] },
      },
      { method: 'POST', path: '/v1/organization', status: 401, authorized: false },
    ]);
    expect(JSON.stringify(fake.requests)).not.toMatch(/secret-token|bad-token/);
  });
});
