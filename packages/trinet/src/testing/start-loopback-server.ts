import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FetchHandler } from './create-trinet-fake.ts';

/** Options of {@link startLoopbackServer}. */
export interface LoopbackServerOptions {
  /** The port; default `0` (any free port). */
  port?: number | undefined;
  /** The address to listen on; default `'127.0.0.1'` (never reachable from another machine). */
  host?: string | undefined;
}

/** A running loopback server. */
export interface LoopbackServer {
  /** The origin to use as an adapter's `baseUrl` (`http://127.0.0.1:54321`). */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

async function toRequest(incoming: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = incoming.method ?? 'GET';
  let body: Uint8Array | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Uint8Array[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Uint8Array);
    body = new Uint8Array(Buffer.concat(chunks));
  }
  return new Request(new URL(incoming.url ?? '/', origin), {
    method,
    headers,
    signal,
    ...(body !== undefined && body.byteLength > 0 ? { body } : {}),
  });
}

async function send(response: Response, out: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name === 'content-length' || name === 'transfer-encoding') return;
    headers[name] = value;
  });
  // Read whole before the head goes out: one write per answer. A body that fails midway (an injected truncation)
  // throws here, and the caller drops the connection.
  const body = response.body ? new Uint8Array(await response.arrayBuffer()) : undefined;
  headers['content-length'] = String(body?.byteLength ?? 0);
  out.writeHead(response.status, response.statusText, headers);
  out.end(body);
}

/**
 * Serves a Fetch-API handler (a fake vendor such as `createTrinetFake().handler`, optionally wrapped in the
 * testkit's `withFaults`) over `node:http` on loopback, for demos and benchmarks that need a real socket. A handler
 * that throws (an injected dropped connection) closes the socket without an answer; a client that disconnects aborts
 * the request's signal.
 *
 * It is vendor-neutral and belongs with the testkit; it lives here until the testkit ships one.
 *
 * @example
 * ```ts
 * const fake = createTrinetFake({ employees: roster.employees, latencyMs: 50 });
 * const server = await startLoopbackServer(fake.handler);
 * const source = createTrinetSource({ ...fake.credentials, companyId: fake.companyId, baseUrl: server.url });
 * await source.fetchSnapshot();
 * await server.close();
 * ```
 */
export async function startLoopbackServer(
  handler: FetchHandler,
  options: LoopbackServerOptions = {},
): Promise<LoopbackServer> {
  const host = options.host ?? '127.0.0.1';
  let origin = '';
  const server = createServer((incoming, out) => {
    const controller = new AbortController();
    out.on('close', () => {
      if (!out.writableFinished) controller.abort(new DOMException('The client went away', 'AbortError'));
    });
    void (async () => {
      try {
        const request = await toRequest(incoming, origin, controller.signal);
        const response = await handler(request);
        await send(response, out);
      } catch {
        // A handler that throws is a dropped connection, as fetch would see it from a real vendor.
        out.destroy();
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: origin,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
