import { afterEach, describe, expect, it } from 'vitest';
import { type FetchHandler, type LoopbackServer, startLoopbackServer, withFaults } from '../src/index.ts';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: FetchHandler): Promise<LoopbackServer> {
  const server = await startLoopbackServer(handler);
  servers.push(server);
  return server;
}

const echo: FetchHandler = async (request) =>
  Response.json(
    {
      method: request.method,
      path: new URL(request.url).pathname,
      body: await request.text(),
      auth: request.headers.get('authorization'),
    },
    { status: 201, headers: { 'x-fake': 'yes' } },
  );

describe('startLoopbackServer', () => {
  it('serves a handler on a real loopback socket: method, path, headers, body and status', async () => {
    const server = await serve(echo);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/v1/people?x=1`, {
      method: 'POST',
      headers: { authorization: 'Bearer t' },
      body: '{"a":1}',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-fake')).toBe('yes');
    expect(await response.json()).toEqual({
      method: 'POST',
      path: '/v1/people',
      body: '{"a":1}',
      auth: 'Bearer t',
    });
  });

  it('drops the connection when the handler throws or the body fails midway, as a dying vendor would', async () => {
    const server = await serve(
      withFaults(echo, {
        script: [
          { at: 0, fault: { type: 'disconnect' } },
          { at: 1, fault: { type: 'truncate', mode: 'error' } },
        ],
      }),
    );
    await expect(fetch(`${server.url}/a`)).rejects.toThrow(TypeError);
    await expect(fetch(`${server.url}/b`)).rejects.toThrow(TypeError);
    expect((await fetch(`${server.url}/c`)).status).toBe(201);
  });

  it('aborts the request signal when the client goes away', async () => {
    let seen: AbortSignal | undefined;
    const hang: FetchHandler = (request) => {
      seen = request.signal;
      return new Promise<Response>(() => {});
    };
    const server = await serve(hang);
    const controller = new AbortController();
    const pending = fetch(`${server.url}/slow`, { signal: controller.signal });
    while (!seen) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    while (!seen.aborted) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(seen.aborted).toBe(true);
  });
});
