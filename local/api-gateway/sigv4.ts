import { SignatureV4 } from '@smithy/signature-v4';
import { LOCAL_CREDENTIALS } from '../aws-names';
import type { GatewayErrorType } from './gateway-responses';
import { NodeSha256 } from '../../scripts/lib/node-sha256';

/**
 * AWS_IAM authorization of the local API: the request must carry a Signature Version 4 made with the local
 * runner's credentials (`local` / `local`) for service `execute-api` and the stack's region. The signature is
 * recomputed from the request as received and compared, so a client that signs wrongly fails here as it would
 * on AWS. (Who may call what, i.e. IAM policies, is not emulated: the local identity may call every method.)
 */

export interface ReceivedRequest {
  readonly method: string;
  /** The path as sent, without the query string. */
  readonly path: string;
  readonly query: Record<string, string>;
  /** Lower-case names. */
  readonly headers: Record<string, string>;
  readonly body: string;
}

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly type: GatewayErrorType; readonly message?: string };

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;
const MAX_SKEW_MS = 15 * 60 * 1000;

export async function verifySignature(request: ReceivedRequest, region: string, now = new Date()): Promise<SignatureCheck> {
  const authorization = request.headers.authorization;
  const amzDate = request.headers['x-amz-date'];
  if (!authorization || !amzDate) return { ok: false, type: 'MISSING_AUTHENTICATION_TOKEN' };
  const match = AUTHORIZATION.exec(authorization);
  if (!match) {
    return { ok: false, type: 'MISSING_AUTHENTICATION_TOKEN', message: `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=${authorization}` };
  }
  const [, accessKeyId, , signedRegion, service, signedHeaders] = match;
  if (accessKeyId !== LOCAL_CREDENTIALS.accessKeyId) {
    return { ok: false, type: 'INVALID_SIGNATURE', message: `The security token included in the request is invalid: sign local requests with the local credentials (access key '${LOCAL_CREDENTIALS.accessKeyId}').` };
  }
  if (signedRegion !== region || service !== 'execute-api') {
    return { ok: false, type: 'INVALID_SIGNATURE', message: `Credential should be scoped to a valid region and service: expected ${region}/execute-api, got ${signedRegion}/${service}.` };
  }
  const date = parseAmzDate(amzDate);
  if (!date || Math.abs(now.getTime() - date.getTime()) > MAX_SKEW_MS) return { ok: false, type: 'INVALID_SIGNATURE', message: 'Signature expired or X-Amz-Date is not valid.' };

  const names = signedHeaders.split(';');
  const headers = Object.fromEntries(names.filter((h) => h !== 'x-amz-date').map((h) => [h, request.headers[h] ?? '']));
  const signer = new SignatureV4({ service: 'execute-api', region, credentials: { ...LOCAL_CREDENTIALS }, sha256: NodeSha256 });
  const [hostname, port] = (request.headers.host ?? '').split(':');
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname,
      ...(port && { port: Number(port) }),
      path: request.path,
      query: request.query,
      headers,
      ...(request.body !== '' && { body: request.body }),
    },
    { signingDate: date },
  );
  return signed.headers.authorization === authorization ? { ok: true } : { ok: false, type: 'INVALID_SIGNATURE' };
}

/** `20240101T120000Z` → Date. */
function parseAmzDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : undefined;
}
