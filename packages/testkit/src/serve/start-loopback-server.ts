import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FetchHandler } from '../faults/create-fetch.ts';

/**
 * Options of {@link startLoopbackServer}.
 *
 * @example
 * ```ts
 * const options: LoopbackServerOptions = { port: 8787 }; // default: any free port on 127.0.0.1
 * const server = await startLoopbackServer(fake.handler, options);
 * ```
 */
export interface LoopbackServerOptions {
  /** The port; default `0` (any free port). */
  port?: number | undefined;
  /** The address to listen on; default `'127.0.0.1'` (never reachable from another machine). */
  host?: string | undefined;
}

/**
 * A running loopback server.
 *
 * @example
 * ```ts
 * const server: LoopbackServer = await startLoopbackServer(fake.handler);
 * try {
 *   await createTrinetSource({ ...credentials, baseUrl: server.url }).fetchSnapshot();
 * } finally {
 *   await server.close();
 * }
 * ```
 */
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
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'transfer-encoding') headers[name] = value;
  });
  // The whole body is read before the head goes out, so a body that fails midway (an injected truncation with
  // `mode: 'error'`) throws here and the caller drops the connection, as a vendor that dies mid-answer would.
  const body = response.body ? new Uint8Array(await response.arrayBuffer()) : undefined;
  headers['content-length'] = String(body?.byteLength ?? 0);
  out.writeHead(response.status, response.statusText, headers);
  out.end(body);
}

/**
 * Serves a Fetch-API handler (a fake vendor, optionally wrapped in {@link withFaults}) over `node:http` on
 * loopback, for demos, benchmarks and tests that need a real socket. A handler that throws (an injected dropped
 * connection) closes the socket without an answer, so the client's `fetch` fails as it would against a real
 * vendor; a client that goes away aborts the request's signal.
 *
 * @example
 * ```ts
 * const server = await startLoopbackServer(withFaults(fake, { seed: 1, rate: 0.05 }));
 * const source = createAcmeSource({ apiKey, baseUrl: server.url });
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
        await send(await handler(request), out);
      } catch {
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
