import { SignatureV4 } from '@smithy/signature-v4';
import { LOCAL_CREDENTIALS } from '../../../local';
import { NodeSha256 } from '../../../scripts/lib/node-sha256';

export interface SignedAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

/**
 * A request signed as an SDK v3 client signs it (`@smithy/signature-v4`, the local credentials), sent with fetch:
 * for services whose client is not installed here (Lambda: @aws-sdk/client-lambda is not a dependency) and for
 * services the edge does not serve.
 */
export async function signedFetch(service: string, url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<SignedAnswer> {
  const target = new URL(url);
  const method = init.method ?? 'POST';
  const signer = new SignatureV4({ service, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, sha256: NodeSha256 });
  const signed = await signer.sign({
    method,
    protocol: target.protocol,
    hostname: target.hostname,
    port: Number(target.port),
    path: target.pathname,
    query: Object.fromEntries(target.searchParams),
    headers: { host: target.host, ...init.headers },
    ...(init.body !== undefined && { body: init.body }),
  });
  const { host: _host, ...headers } = signed.headers;
  const response = await fetch(target, { method, headers, ...(init.body !== undefined && { body: init.body }) });
  return { status: response.status, headers: response.headers, body: await response.text() };
}
