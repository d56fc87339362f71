import { localSecretOf } from '../aws-names';
import { verifySigV4, type ReceivedRequest } from '../sigv4/verify';
import type { GatewayErrorType } from './gateway-responses';

/**
 * AWS_IAM authorization of the local API: Signature Version 4 (local/sigv4/verify.ts, the one verifier of every
 * local endpoint) checked the way API Gateway checks it: the SHA-256 of the body as received, whether or not an
 * `x-amz-content-sha256` header is there (so a changed body never passes), scope service `execute-api`, the API's
 * region, 5 minutes of clock skew. Any signer that follows the specification is accepted: curl's `--aws-sigv4`, the
 * SDK's SignatureV4, botocore's SigV4Auth (the AWS CLI's), with or without a session token.
 *
 * What is refused is refused with API Gateway's own status and message: an unknown access key, a wrong secret,
 * another region or service in the credential scope, a date more than 5 minutes off, a changed body. Who may
 * call what (IAM policies) is not evaluated: the local identity may call every method.
 */

export type { ReceivedRequest } from '../sigv4/verify';

/**
 * The key pair the REST API documented first (still accepted, with every pair in ACCEPTED_CREDENTIALS). A session
 * token is accepted with it, whatever its value: there is no STS locally to issue or check one.
 */
export const LOCAL_API_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** The service name in the credential scope of requests to API Gateway. */
export const SIGNING_SERVICE = 'execute-api';

/** How far a request's date may be from the server's clock, before or after ("… - 5 min." in AWS's message). */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly type: GatewayErrorType; readonly message?: string };

export function verifySignature(request: ReceivedRequest, region: string, now = new Date()): SignatureCheck {
  const verdict = verifySigV4(request, { region, service: SIGNING_SERVICE, secretOf: localSecretOf, maxSkewMs: MAX_CLOCK_SKEW_MS, payload: 'body' }, now);
  if (verdict.ok) return { ok: true };
  switch (verdict.refusal) {
    case 'missing':
      return { ok: false, type: 'MISSING_AUTHENTICATION_TOKEN' };
    case 'sigv2':
      // Not a SigV4 signature at all: answered as the unsigned request it is to API Gateway, with the reason.
      return { ok: false, type: 'MISSING_AUTHENTICATION_TOKEN', message: verdict.message };
    case 'malformed':
      // API Gateway answers an Authorization header it cannot read as a missing token, with its reasons.
      return { ok: false, type: verdict.message.includes('Authorization=') ? 'MISSING_AUTHENTICATION_TOKEN' : 'INVALID_SIGNATURE', message: verdict.message };
    case 'mismatch':
      // As API Gateway does, say what the request should have been signed as, so a client can find its mistake.
      return {
        ok: false,
        type: 'INVALID_SIGNATURE',
        message: `${verdict.message}\n\nThe Canonical String for this request should have been\n'${verdict.canonicalRequest}'\n\nThe String-to-Sign should have been\n'${verdict.stringToSign}'\n`,
      };
    default:
      return { ok: false, type: 'INVALID_SIGNATURE', message: verdict.message };
  }
}
