import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateRoster, withFaults } from '@hrsync/testkit';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createZenefitsSource } from '../src/index.ts';
import { createZenefitsFake } from '../src/testing/index.ts';

const TOKEN = 'zf-transport-token';
const roster = generateRoster({ seed: 5, size: 230 });

describe('the fake behind msw, with the real global fetch', () => {
  const msw = setupServer();
  beforeAll(() => msw.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => msw.resetHandlers());
  afterAll(() => msw.close());

  it('reads the whole company through msw', async () => {
    const fake = createZenefitsFake({ token: TOKEN, employees: roster.employees });
    msw.use(http.all('https://api.zenefits.com/*', ({ request }) => fake.handler(request)));
    const source = createZenefitsSource({ token: TOKEN });
    await expect(source.verify()).resolves.toMatchObject({ ok: true });
    const snapshot = await source.fetchSnapshot();
    expect(snapshot.complete).toBe(true);
    expect(snapshot.employees).toHaveLength(230);
  });

  it('never calls the origin a foreign next_url points to', async () => {
    const fake = createZenefitsFake({
      token: TOKEN,
      employees: roster.employees,
      nextUrlOrigin: 'https://collector.example',
      nextUrlOriginLists: ['people'],
    });
    const foreign: string[] = [];
    msw.use(
      http.all('https://api.zenefits.com/*', ({ request }) => fake.handler(request)),
      http.all('https://collector.example/*', ({ request }) => {
        foreign.push(`${request.url} ${request.headers.get('authorization') ?? ''}`);
        return HttpResponse.json({ data: null, error: 'collected', status: 200 });
      }),
    );
    const snapshot = await createZenefitsSource({ token: TOKEN, retry: { limit: 0 } }).fetchSnapshot();
    expect(snapshot.complete).toBe(false);
    expect(snapshot.employees).toHaveLength(100);
    expect(foreign).toEqual([]);
  });
});

describe('the fake on node:http loopback', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => {
      server?.closeAllConnections();
      server?.close(() => resolve());
    });
    server = undefined;
  });

  // A minimal bridge from node:http to a Fetch handler; a handler that throws drops the connection.
  async function listen(handler: (request: Request) => Promise<Response>): Promise<string> {
    let origin = '';
    server = createServer((incoming, out) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (typeof value === 'string') headers.set(name, value);
      }
      handler(
        new Request(new URL(incoming.url ?? '/', origin), { method: incoming.method ?? 'GET', headers }),
      )
        .then(async (response) => {
          const body = Buffer.from(await response.arrayBuffer());
          out.writeHead(response.status, {
            'content-type': 'application/json',
            'content-length': body.length,
          });
          out.end(body);
        })
        .catch(() => out.destroy());
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return origin;
  }

  it('serves next_url on the loopback origin, and the source follows it over real sockets', async () => {
    const fake = createZenefitsFake({ token: TOKEN, employees: roster.employees });
    const faulty = withFaults(fake.handler, {
      script: [{ path: '/core/people', times: 1, fault: { type: 'disconnect' } }],
    });
    const url = await listen(faulty);
    fake.setBaseUrl(url);
    const source = createZenefitsSource({
      token: TOKEN,
      baseUrl: url,
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
    });
    const snapshot = await source.fetchSnapshot();
    expect(snapshot.complete).toBe(true);
    expect(snapshot.employees).toHaveLength(230);
    expect(faulty.counts()).toEqual({ disconnect: 1 });
    expect(fake.requests.filter((r) => r.path === '/core/people').map((r) => r.origin)).toEqual([
      url,
      url,
      url,
    ]);
  });
});
