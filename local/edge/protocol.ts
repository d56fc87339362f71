import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/**
 * Which AWS service a request to the edge is for. Every SDK and the CLI sign with SigV4, whose credential scope
 * (`Credential=<key>/<date>/<region>/<service>/aws4_request`, in the Authorization header or, for a presigned
 * URL, the X-Amz-Credential query parameter) names the service's signing name; that decides. An unsigned
 * request is told by its wire protocol: the X-Amz-Target prefix of AWS JSON, the Lambda REST path, an SNS
 * Query action; anything else is S3 (REST, path-style).
 */

/** The signing names the edge serves, as they appear in a credential scope. */
export const SERVED_SERVICES = { states: 'Step Functions', dynamodb: 'DynamoDB', s3: 'S3', sns: 'SNS', lambda: 'Lambda (Invoke)' } as const;
export type ServedService = keyof typeof SERVED_SERVICES;

export const LAMBDA_INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;

export interface RequestSignals {
  readonly headers: IncomingHttpHeaders;
  /** The request target as sent: path and query. */
  readonly url: string;
}

/** The service named by the SigV4 credential scope, or undefined for an unsigned request. */
export function scopeService({ headers, url }: RequestSignals): string | undefined {
  const authorization = String(headers.authorization ?? '');
  const fromHeader = /Credential=[^/,\s]+\/\d{8}\/[^/,\s]+\/([^/,\s]+)\/aws4_request/.exec(authorization);
  if (fromHeader) return fromHeader[1];
  const query = url.includes('?') ? new URLSearchParams(url.slice(url.indexOf('?') + 1)) : undefined;
  const credential = query?.get('X-Amz-Credential');
  return credential ? credential.split('/')[3] : undefined;
}

/** The service without a credential scope: by target header, path or content type. */
export function protocolService({ headers, url }: RequestSignals): ServedService {
  const target = String(headers['x-amz-target'] ?? '');
  if (target.startsWith('AWSStepFunctions.')) return 'states';
  if (target.startsWith('DynamoDB_20120810.')) return 'dynamodb';
  const pathname = url.split('?')[0];
  if (LAMBDA_INVOKE_PATH.test(pathname)) return 'lambda';
  if (String(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') && pathname === '/') return 'sns';
  return 's3';
}

/** Whether the caller speaks AWS JSON (errors as `{"__type", "message"}`) rather than XML. */
export function speaksJson(headers: IncomingHttpHeaders): boolean {
  return headers['x-amz-target'] !== undefined || String(headers['content-type'] ?? '').startsWith('application/x-amz-json');
}

/** `Step Functions (states), DynamoDB (dynamodb), …`, for messages. */
export function servedList(): string {
  return Object.entries(SERVED_SERVICES)
    .map(([name, title]) => `${title} (${name})`)
    .join(', ');
}

/** An error in the caller's protocol: AWS JSON (`__type`, `message`) or XML (`<Error><Code>`); the edge's and the functions' door's own. */
export function protocolError(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string): void {
  if (speaksJson(req.headers)) {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': code }).end(JSON.stringify({ __type: code, message }));
    return;
  }
  const escaped = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  res
    .writeHead(status, { 'content-type': 'text/xml' })
    .end(`<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${escaped}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`);
}
