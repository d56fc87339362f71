import { request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * Passing a request on to one stack's emulator unchanged: same method, request target, headers (Host included,
 * so that a signature over it still verifies, as s3rver checks it) and body bytes. Hop-by-hop headers and
 * `Expect` (never signed by the SDKs) stay behind: the edge has answered them already.
 */

export interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const NOT_FORWARDED = new Set(['connection', 'keep-alive', 'expect', 'proxy-connection', 'transfer-encoding', 'upgrade']);

function forwardedHeaders(headers: IncomingHttpHeaders, body: Buffer | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !NOT_FORWARDED.has(name)) out[name] = value;
  if (body !== undefined) out['content-length'] = String(body.length);
  return out;
}

/** Sends a buffered request to `endpoint` (at `path`, by default the request's own target) and reads the whole answer. */
export function forwardBuffered(endpoint: string, req: IncomingMessage, body: Buffer, path = req.url): Promise<Answer> {
  const target = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path, headers: forwardedHeaders(req.headers, body) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

/**
 * Streams a request to `endpoint` (at `path`, by default the request's own target) and its answer back (S3:
 * objects can be large). `body` replaces the request's body and headers (a decoded aws-chunked upload). `replace`
 * may answer something else for the emulator's status (the emulator's answer is then dropped unread).
 */
export function forwardStreaming(
  endpoint: string,
  req: IncomingMessage,
  res: ServerResponse,
  path = req.url,
  body?: { readonly stream: NodeJS.ReadableStream; readonly headers: IncomingHttpHeaders },
  replace?: (status: number) => Promise<Answer | undefined>,
): Promise<void> {
  const target = new URL(endpoint);
  const headers = forwardedHeaders(body?.headers ?? req.headers, undefined);
  // The body goes on as it came: with its length, or chunked when the client sent it so.
  if (req.headers['transfer-encoding'] && !body) headers['transfer-encoding'] = req.headers['transfer-encoding'];
  return new Promise((resolve, reject) => {
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path, headers }, (answer) => {
      void (async () => {
        const other = replace ? await replace(answer.statusCode ?? 502) : undefined;
        if (other) {
          answer.resume();
          sendAnswer(res, other);
          return resolve();
        }
        res.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
        answer.pipe(res);
        answer.on('end', resolve);
        answer.on('error', reject);
      })().catch(reject);
    });
    upstream.on('error', reject);
    (body?.stream ?? req).pipe(upstream);
  });
}

/** Writes a buffered answer back to the client. */
export function sendAnswer(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, { ...withoutHopByHop(answer.headers), 'content-length': String(answer.body.length) });
  res.end(answer.body);
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!NOT_FORWARDED.has(name)) out[name] = value;
  return out;
}
