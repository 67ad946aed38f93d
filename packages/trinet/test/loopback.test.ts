import type { Employee } from '@hrsync/core';
import { type LoopbackServer, startLoopbackServer, withFaults } from '@hrsync/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createTrinetSource } from '../src/index.ts';
import { createTrinetFake } from '../src/testing/index.ts';

const roster: Employee[] = Array.from({ length: 230 }, (_, i) => ({
  id: String(i + 1).padStart(8, '0'),
  firstName: `First${i}`,
  lastName: `Last${i}`,
  workEmail: `p${i}@example.com`,
  employmentStatus: 'active',
}));

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the fake over node:http (testkit startLoopbackServer)', () => {
  it('serves the fake over node:http, POST bodies included', async () => {
    const fake = createTrinetFake({ employees: roster });
    server = await startLoopbackServer(fake.handler);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const source = createTrinetSource({
      ...fake.credentials,
      companyId: fake.companyId,
      baseUrl: server.url,
    });
    const snapshot = await source.fetchSnapshot();
    expect(snapshot).toMatchObject({ complete: true });
    expect(snapshot.employees).toHaveLength(230);

    const form = await fetch(`${server.url}/oauth/accesstoken`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${fake.credentials.clientId}&client_secret=${fake.credentials.clientSecret}`,
    });
    expect(form.status).toBe(200);
    expect(await form.json()).toMatchObject({ expires_in: '3599' });
  });

  it('turns a handler that throws into a dropped connection, which the adapter retries', async () => {
    const fake = createTrinetFake({ employees: roster });
    const handler = withFaults(fake.handler, {
      script: [{ path: /employees\?offset=101/, times: 1, fault: { type: 'disconnect' } }],
    });
    server = await startLoopbackServer(handler);
    const source = createTrinetSource({
      ...fake.credentials,
      companyId: fake.companyId,
      baseUrl: server.url,
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
    });
    const snapshot = await source.fetchSnapshot();
    expect(snapshot.employees).toHaveLength(230);
    expect(handler.counts()).toEqual({ disconnect: 1 });
  });
});
