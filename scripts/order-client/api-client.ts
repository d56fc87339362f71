import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { SignatureV4 } from '@smithy/signature-v4';
import type { OrderRequest } from '../../lambdas/orders/order';
import { NodeSha256 } from '../lib/node-sha256';

/**
 * A small client of the Skip the Line API. It signs requests the way the deployed API requires: SigV4 for
 * AWS_IAM (the default credential chain: environment, profile, SSO, instance role), an `x-api-key` header for
 * API_KEY, or nothing (the local API with authorization off).
 */

export type ApiAuth =
  | { readonly kind: 'iam'; readonly region: string; readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } }
  | { readonly kind: 'api-key'; readonly apiKey: string }
  | { readonly kind: 'none' };

export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** The region of an `https://<id>.execute-api.<region>.amazonaws.com/...` URL, if it is one. */
export function regionOfApiUrl(url: string): string | undefined {
  return /^https:\/\/[a-z0-9]+\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\//.exec(url)?.[1];
}

/**
 * What is wrong with an API base URL (`http(s)://<host>/<stage>`), as the end of a sentence, or undefined when
 * it is one.
 */
export function apiBaseUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `'${url}' is not a URL. Use the stack's ApiUrl output, e.g. https://abc123.execute-api.us-east-1.amazonaws.com/prod.`;
  }
  if (!/^https?:\/\/[^/?#]+\/[A-Za-z0-9_-]+\/?$/.test(url) || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    return `'${url}' is not an API base URL (http or https, a host, then the stage and nothing after it). Use the stack's ApiUrl output, e.g. https://abc123.execute-api.us-east-1.amazonaws.com/prod.`;
  }
  return undefined;
}

export class OrderApiClient {
  private readonly signer?: SignatureV4;

  constructor(
    private readonly baseUrl: string,
    private readonly auth: ApiAuth,
  ) {
    const problem = apiBaseUrlProblem(baseUrl);
    if (problem) throw new Error(problem);
    if (auth.kind === 'iam') {
      this.signer = new SignatureV4({
        service: 'execute-api',
        region: auth.region,
        credentials: auth.credentials ?? fromNodeProviderChain(),
        sha256: NodeSha256,
      });
    }
  }

  placeOrder(order: OrderRequest | string): Promise<ApiAnswer> {
    return this.call('POST', '/order', {}, typeof order === 'string' ? order : JSON.stringify(order));
  }

  getOrder(accountid: string, vendorid: string): Promise<ApiAnswer> {
    return this.call('GET', '/order', { accountid, vendorid });
  }

  /** DELETE /order; with `orderdate`, only the order placed at that date is collected (409 when another is active). */
  collectOrder(accountid: string, vendorid: string, orderdate?: string): Promise<ApiAnswer> {
    return this.call('DELETE', '/order', { accountid, vendorid, ...(orderdate !== undefined && { orderdate }) });
  }

  invoiceUrl(objectKey: string): Promise<ApiAnswer> {
    return this.call('GET', '/invoice', { objectKey });
  }

  /** Sends one request; answers with the status and the parsed JSON body (or the text when it is not JSON). */
  async call(method: string, path: string, query: Record<string, string>, body?: string): Promise<ApiAnswer> {
    const url = new URL(`${this.baseUrl.replace(/\/$/, '')}${path}`);
    // Sent encoded exactly as SigV4 signs it (RFC 3986, space as %20): URLSearchParams would send '+' for a space,
    // and the signature of `2022-06-01 10:00:00` would no longer match.
    url.search = Object.entries(query)
      .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
      .join('&');
    let headers: Record<string, string> = { host: url.host, ...(body !== undefined && { 'content-type': 'application/json' }) };
    if (this.auth.kind === 'api-key') headers['x-api-key'] = this.auth.apiKey;
    if (this.signer) {
      const signed = await this.signer.sign({
        method,
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port && { port: Number(url.port) }),
        path: url.pathname,
        query,
        headers,
        ...(body !== undefined && { body }),
      });
      headers = signed.headers;
    }
    const { host: _host, ...sendHeaders } = headers;
    const response = await fetch(url, { method, headers: sendHeaders, ...(body !== undefined && { body }) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, body: parsed };
  }
}

/** Percent-encodes all but RFC 3986's unreserved characters, as SigV4's canonical query string does. */
function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
