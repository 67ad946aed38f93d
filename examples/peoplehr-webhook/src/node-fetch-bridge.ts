import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Turns a `node:http` request into a Fetch `Request`, streaming the body (so the handler's size limit applies
 * before anything is buffered). Express and Fastify hand over the same `IncomingMessage` (`req.raw` in Fastify).
 */
export function toFetchRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    ...(hasBody
      ? { body: ReadableStream.from(req) as ReadableStream<Uint8Array>, duplex: 'half' as const }
      : {}),
  });
}

/** Writes a Fetch `Response` back through `node:http`. */
export async function sendFetchResponse(response: Response, res: ServerResponse): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}
