import { HrSyncError, type SourceRecord } from '@hrsync/core';
import { createFetch, generateRoster, withFaults } from '@hrsync/testkit';
import { describe, expect, it } from 'vitest';
import { createAcmeSource } from '../src/index.ts';
import { createAcmeFake } from '../src/testing/index.ts';

const roster = generateRoster({ seed: 3, size: 30 });

describe('createAcmeSource', () => {
  it('refuses an empty key without calling Acme People', () => {
    expect(() => createAcmeSource({ apiKey: '  ' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });

  it('verifies the key and names the company', async () => {
    const fake = createAcmeFake({ employees: roster.employees });
    const source = createAcmeSource({ apiKey: fake.apiKey, fetch: fake.fetch });
    await expect(source.verify()).resolves.toEqual({
      ok: true,
      companyId: 'cmp_1',
      companyName: 'Acme Example Inc.',
    });
  });

  it('reads every page by following the cursor', async () => {
    const fake = createAcmeFake({ employees: roster.employees });
    const source = createAcmeSource({ apiKey: fake.apiKey, fetch: fake.fetch, pageSize: 10 });
    const snapshot = await source.fetchSnapshot();
    expect(snapshot.complete).toBe(true);
    expect(snapshot.employees.map((e) => e.id)).toEqual(roster.employees.map((e) => e.id));
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[1]).toMatch(/^GET \/v1\/employees\?limit=10&cursor=/);
  });

  it('reads one person, and undefined for an id Acme People does not know', async () => {
    const fake = createAcmeFake({ employees: roster.employees });
    const source = createAcmeSource({ apiKey: fake.apiKey, fetch: fake.fetch });
    const first = roster.employees[0]!;
    const record = await source.getEmployee?.(first.id);
    expect(record).toMatchObject({
      type: 'employee',
      employee: { id: first.id, workEmail: first.workEmail },
    });
    await expect(source.getEmployee?.('nobody')).resolves.toBeUndefined();
  });

  it('ends a read that fails after the first page with an incomplete record, not a short roster', async () => {
    const fake = createAcmeFake({ employees: roster.employees });
    // Every request from the second on fails with 403, which is not retried.
    const handler = withFaults(fake.handler, {
      script: [{ from: 1, fault: { type: 'status', status: 403 } }],
    });
    const source = createAcmeSource({ apiKey: fake.apiKey, fetch: createFetch(handler), pageSize: 10 });
    const records: SourceRecord[] = [];
    for await (const record of source.employees()) records.push(record);
    expect(records.filter((r) => r.type === 'employee')).toHaveLength(10);
    const last = records.at(-1);
    expect(last?.type).toBe('incomplete');
    if (last?.type === 'incomplete') expect(last.error.code).toBe('AUTH_PERMISSION_DENIED');
  });

  it('throws a failure of the first page: a wrong key is an error, never an empty roster', async () => {
    const fake = createAcmeFake({ employees: roster.employees });
    const source = createAcmeSource({ apiKey: 'wrong', fetch: fake.fetch });
    const error = await source.fetchSnapshot().catch((e: unknown) => e);
    expect(HrSyncError.is(error) && error.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(JSON.stringify(HrSyncError.is(error) ? error.toJSON() : error)).not.toContain(fake.apiKey);
  });
});
