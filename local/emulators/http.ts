import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Listens on 127.0.0.1 on a port the system picks, and answers with that port. Idle connections are kept until the
 * server closes (keepAliveTimeout 0; closeServer drops them): the runner's own clients (maxAttempts 1) reuse theirs,
 * and a server that drops one after Node's default 6 s idle can do it in the event loop turn in which a client sends
 * on it, which fails the call with ECONNRESET or "socket hang up" (__tests__/local/keep-alive.test.ts).
 */
export async function listenLocal(server: Server): Promise<number> {
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/**
 * Stops a server: no new connections, idle keep-alive sockets dropped, and a bounded wait for the rest, so a
 * client that forgot to hang up cannot keep the process alive.
 */
export async function closeServer(server: Server, timeoutMs = 5000): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, timeoutMs);
    timer.unref();
  });
  await Promise.race([closed, timeout]);
  clearTimeout(timer);
}

/** A request body's bytes (signatures are over bytes), or undefined when it is over `limit` bytes. */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Reads a request body as text, refusing bodies over `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<string> {
  const bytes = await readRawBody(req, limit);
  if (bytes === undefined) throw new Error(`request body over ${limit} bytes`);
  return bytes.toString('utf8');
}

export function endpointUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}
