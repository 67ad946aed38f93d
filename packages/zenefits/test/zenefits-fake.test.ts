import type { Employee } from '@hrsync/core';
import { describe, expect, it } from 'vitest';
import {
  indexZenefitsEmployments,
  mapZenefitsDepartment,
  mapZenefitsEmployee,
  orgUnitNames,
} from '../src/map-zenefits-employee.ts';
import { createZenefitsFake } from '../src/testing/index.ts';
import { ZenefitsListPageSchema, ZenefitsMeResponseSchema } from '../src/zenefits-wire.ts';
import employmentsFixture from './fixtures/employments.json' with { type: 'json' };
import error401 from './fixtures/error-401.json' with { type: 'json' };
import meFixture from './fixtures/me.json' with { type: 'json' };
import page1 from './fixtures/people-page-1.json' with { type: 'json' };

const ada: Employee = {
  id: '100',
  employeeNumber: '7',
  firstName: 'Ada',
  lastName: 'Lovelace',
  preferredName: 'Countess',
  workEmail: 'ada@example.com',
  personalEmail: 'ada@home.example',
  workPhone: '+14155552671',
  title: 'Analyst',
  department: { id: '10', name: 'Engineering' },
  location: { id: '20', name: 'London' },
  employmentStatus: 'active',
  employmentType: 'part_time',
  startDate: '2020-02-03',
};
const charles: Employee = {
  id: '101',
  firstName: 'Charles',
  lastName: 'Babbage',
  workEmail: 'charles@example.com',
  managerId: '100',
  employmentStatus: 'terminated',
  employmentType: 'contractor',
  startDate: '2019-01-01',
  endDate: '2024-05-31',
};
const grace: Employee = {
  id: '102',
  firstName: 'Grace',
  lastName: 'Hopper',
  workEmail: 'grace@example.com',
  managerId: '100',
  department: { id: '10', name: 'Engineering' },
  employmentStatus: 'pending',
  employmentType: 'intern',
  startDate: '2027-02-01',
};

const auth = (token = 'fake-zenefits-token') => ({ headers: { authorization: `Bearer ${token}` } });

async function getJson(fake: ReturnType<typeof createZenefitsFake>, url: string, init: RequestInit = auth()) {
  const response = await fake.fetch(url, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('createZenefitsFake', () => {
  it('answers a bad or missing token with the 401 envelope of the fixture', async () => {
    const fake = createZenefitsFake({ employees: [ada] });
    expect(await getJson(fake, 'https://api.zenefits.com/core/people', auth('nope'))).toEqual({
      status: 401,
      body: error401,
    });
    expect((await getJson(fake, 'https://api.zenefits.com/core/me', { headers: {} })).status).toBe(401);
    expect(fake.requests.map((r) => [r.hasAuthorization, r.hasToken])).toEqual([
      [true, false],
      [false, false],
    ]);
  });

  it('serves /core/me in the shape of the fixture, and null company and person once uninstalled', async () => {
    const fake = createZenefitsFake({ employees: [ada] });
    const { body } = await getJson(fake, 'https://api.zenefits.com/core/me');
    const me = ZenefitsMeResponseSchema.parse(body);
    expect(Object.keys(body).sort()).toEqual(Object.keys(meFixture).sort());
    expect(Object.keys(me.data).sort()).toEqual(Object.keys(meFixture.data).sort());
    expect(me.data).toMatchObject({
      uninstalled: false,
      person: { url: 'https://api.zenefits.com/core/people/100' },
    });
    expect(me.data.scopes).toContain('people.work_email');

    fake.setUninstalled(true);
    const after = ZenefitsMeResponseSchema.parse(
      (await getJson(fake, 'https://api.zenefits.com/core/me')).body,
    );
    expect(after.data).toMatchObject({ uninstalled: true, company: null, person: null });
    expect((await getJson(fake, 'https://api.zenefits.com/core/people')).status).toBe(401);
  });

  it('renders people with the same keys as the captured real person', async () => {
    const fake = createZenefitsFake({ employees: [ada] });
    const { body } = await getJson(fake, 'https://api.zenefits.com/core/people');
    const page = ZenefitsListPageSchema.parse(body);
    const captured = page1.data.data[1] as Record<string, unknown>;
    expect(Object.keys(page.data.data[0] as object).sort()).toEqual(Object.keys(captured).sort());
    expect(Object.keys(body).sort()).toEqual(Object.keys(page1).sort());
    expect(page.data.data[0]).toMatchObject({ work_phone: '(415) 555-2671', status: 'active' });
  });

  it('renders employments with the keys of the fixture', async () => {
    const fake = createZenefitsFake({ employees: [ada] });
    const page = ZenefitsListPageSchema.parse(
      (await getJson(fake, 'https://api.zenefits.com/core/employments')).body,
    );
    expect(Object.keys(page.data.data[0] as object).sort()).toEqual(
      Object.keys(employmentsFixture.data.data[0] as object).sort(),
    );
  });

  it('pages with limit and starting_after, next_url absolute on its origin and null at the end', async () => {
    const fake = createZenefitsFake({ employees: [ada, charles, grace] });
    const first = ZenefitsListPageSchema.parse(
      (await getJson(fake, 'https://api.zenefits.com/core/people?limit=2')).body,
    );
    expect(first.data.data.map((p) => (p as { id: string }).id)).toEqual(['100', '101']);
    expect(first.data.next_url).toBe('https://api.zenefits.com/core/people?limit=2&starting_after=101');
    const second = ZenefitsListPageSchema.parse((await getJson(fake, first.data.next_url ?? '')).body);
    expect(second.data.data.map((p) => (p as { id: string }).id)).toEqual(['102']);
    expect(second.data.next_url).toBeNull();
  });

  it('defaults limit to 20, caps it at 100 and refuses a bad limit or cursor', async () => {
    const many = Array.from({ length: 130 }, (_, i) => ({ ...ada, id: String(1000 + i) }));
    const fake = createZenefitsFake({ employees: many });
    const byDefault = ZenefitsListPageSchema.parse(
      (await getJson(fake, 'https://api.zenefits.com/core/people')).body,
    );
    expect(byDefault.data.data).toHaveLength(20);
    const capped = ZenefitsListPageSchema.parse(
      (await getJson(fake, 'https://api.zenefits.com/core/people?limit=500')).body,
    );
    expect(capped.data.data).toHaveLength(100);
    expect(capped.data.next_url).toContain('limit=100&starting_after=1099');
    expect((await getJson(fake, 'https://api.zenefits.com/core/people?limit=0')).status).toBe(400);
    expect((await getJson(fake, 'https://api.zenefits.com/core/people?starting_after=nobody')).body).toEqual({
      data: null,
      error: 'Invalid starting_after: nobody',
      status: 400,
    });
  });

  it('can emit a next_url on another origin, and refuses requests to other origins (logged)', async () => {
    const fake = createZenefitsFake({ employees: [ada, charles], nextUrlOrigin: 'https://evil.example' });
    const page = ZenefitsListPageSchema.parse(
      (await getJson(fake, 'https://api.zenefits.com/core/people?limit=1')).body,
    );
    expect(page.data.next_url).toBe('https://evil.example/core/people?limit=1&starting_after=100');
    expect((await getJson(fake, page.data.next_url ?? '')).status).toBe(421);
    expect(fake.requests.at(-1)).toMatchObject({ origin: 'https://evil.example', hasToken: true });
  });

  it('enforces list scopes (403) and hides fields whose scope is missing', async () => {
    const fake = createZenefitsFake({ employees: [charles], scopes: ['people'] });
    expect((await getJson(fake, 'https://api.zenefits.com/core/departments')).status).toBe(403);
    expect((await getJson(fake, 'https://api.zenefits.com/core/employments')).body).toMatchObject({
      data: null,
      status: 403,
    });
    const page = ZenefitsListPageSchema.parse(
      (await getJson(fake, 'https://api.zenefits.com/core/people')).body,
    );
    expect(page.data.data[0]).toMatchObject({ work_email: null, status: null, manager: { url: null } });
  });

  it('serves one person and their employments, and 404s an unknown path or person', async () => {
    const fake = createZenefitsFake({
      employees: [ada],
      rawEmployments: [
        { id: '1', person: { url: 'https://api.zenefits.com/core/people/100' }, hire_date: '2010-01-01' },
        { id: '2', person: { url: 'https://api.zenefits.com/core/people/999' }, hire_date: '2011-01-01' },
      ],
    });
    const one = await getJson(fake, 'https://api.zenefits.com/core/people/100');
    expect(one.body).toMatchObject({ data: { id: '100', first_name: 'Ada' }, error: null, status: 200 });
    const list = ZenefitsListPageSchema.parse(
      (await getJson(fake, 'https://api.zenefits.com/core/people/100/employments')).body,
    );
    expect(list.data.data).toHaveLength(2);
    expect((await getJson(fake, 'https://api.zenefits.com/core/people/404')).status).toBe(404);
    expect((await getJson(fake, 'https://api.zenefits.com/core/nothing')).status).toBe(404);
    expect(
      (await fake.fetch('https://api.zenefits.com/core/people', { ...auth(), method: 'POST' })).status,
    ).toBe(405);
  });

  it('round-trips canonical employees through the wire format and the mapping', async () => {
    const fake = createZenefitsFake({ employees: [ada, charles, grace] });
    const people = ZenefitsListPageSchema.parse(
      (await getJson(fake, 'https://api.zenefits.com/core/people?limit=100')).body,
    ).data.data;
    const departments = ZenefitsListPageSchema.parse(
      (await getJson(fake, 'https://api.zenefits.com/core/departments')).body,
    ).data.data;
    const locations = ZenefitsListPageSchema.parse(
      (await getJson(fake, 'https://api.zenefits.com/core/locations')).body,
    ).data.data;
    const employments = ZenefitsListPageSchema.parse(
      (await getJson(fake, 'https://api.zenefits.com/core/employments')).body,
    ).data.data;
    const unitNames = (records: unknown[]) =>
      orgUnitNames(
        records.flatMap((record) => {
          const result = mapZenefitsDepartment(record);
          return result.ok ? [result.unit] : [];
        }),
      );
    const options = {
      departments: unitNames(departments),
      locations: unitNames(locations),
      employments: indexZenefitsEmployments(employments).byPerson,
    };
    const mapped = people.map((p) => mapZenefitsEmployee(p, options));
    expect(mapped.map((r) => (r.ok ? r.employee : r.issues))).toEqual([ada, charles, grace]);
  });

  it('changes mid-test: joiners, leavers, edits, units and scopes', async () => {
    const fake = createZenefitsFake({ employees: [ada] });
    fake.addEmployee(charles);
    fake.addRawPerson({ id: 'raw-1', first_name: 'Raw' });
    expect(fake.updateEmployee('100', { title: 'Lead' })).toBe(true);
    expect(fake.updateEmployee('nobody', { title: 'x' })).toBe(false);
    expect(fake.removeEmployee('101')).toBe(true);
    expect(fake.removeEmployee('101')).toBe(false);
    fake.setDepartments([{ id: '10', name: 'R&D' }]);
    fake.setLocations([]);
    const people = ZenefitsListPageSchema.parse(
      (await getJson(fake, 'https://api.zenefits.com/core/people')).body,
    );
    expect(people.data.data.map((p) => (p as { id: string }).id)).toEqual(['100', 'raw-1']);
    expect(people.data.data[0]).toMatchObject({ title: 'Lead' });
    const depts = ZenefitsListPageSchema.parse(
      (await getJson(fake, 'https://api.zenefits.com/core/departments')).body,
    );
    expect(depts.data.data).toMatchObject([{ id: '10', name: 'R&D' }]);
    expect(fake.employees().map((e) => e.id)).toEqual(['100']);
    fake.setScopes([]);
    expect((await getJson(fake, 'https://api.zenefits.com/core/people')).status).toBe(403);
    fake.resetStats();
    expect(fake.requests).toHaveLength(0);
  });

  it('adds latency and honours an aborted request', async () => {
    const fake = createZenefitsFake({ latencyMs: 10_000 });
    const controller = new AbortController();
    const pending = fake.fetch('https://api.zenefits.com/core/me', { ...auth(), signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
