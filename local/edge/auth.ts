import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { localSecretOf } from '../aws-names';
import { verifySigV4, type SigV4Refusal, type SigV4Verdict } from '../sigv4/verify';
import type { ServedService } from './protocol';

/**
 * The edge's authentication: every request to a served service must carry a SigV4 signature (Authorization header
 * or presigned query string) by one of the accepted key pairs (aws-names ACCEPTED_CREDENTIALS), scoped to the
 * stacks' region. A refusal is answered as that service answers it on AWS, in its own protocol:
 *
 * - Step Functions and DynamoDB (AWS JSON 1.0): HTTP 400 with `__type` MissingAuthenticationTokenException,
 *   IncompleteSignatureException, UnrecognizedClientException or InvalidSignatureException (also for a date
 *   more than 5 minutes off: "Signature expired: … - 5 min."); DynamoDB Developer Guide, "Error handling with
 *   DynamoDB", HTTP status code 400.
 * - Lambda (REST JSON): the same codes in `x-amzn-ErrorType`, HTTP 403.
 * - SNS (Query XML `<ErrorResponse>`): MissingAuthenticationToken, InvalidClientTokenId, SignatureDoesNotMatch (403),
 *   IncompleteSignature (400): the "Common Errors" of the SNS API Reference; 15 minutes of skew.
 * - S3 (REST XML `<Error>`): AccessDenied for an anonymous request or an expired presigned URL, InvalidAccessKeyId,
 *   SignatureDoesNotMatch, RequestTimeTooSkewed (15 minutes), all 403; AuthorizationHeaderMalformed /
 *   AuthorizationQueryParametersError (400) for a malformed signature or another region: S3 API Reference,
 *   "Error responses", list of error codes. A Signature Version 2 request (the AWS CLI v1's presigned URLs) gets
 *   InvalidRequest (400) "The authorization mechanism you have provided is not supported. Please use
 *   AWS4-HMAC-SHA256.", as a bucket made since June 2020 answers it.
 *
 * S3's payload is what `x-amz-content-sha256` declares (a hash, UNSIGNED-PAYLOAD, or STREAMING-…-PAYLOAD for
 * aws-chunked bodies): the seed signature over the headers is checked; the per-chunk signatures of a streamed body
 * are not, and a hash is not compared with the body (S3 would answer XAmzContentSHA256Mismatch).
 */

const SKEW_MS: Record<ServedService, number> = {
  states: 5 * 60_000,
  dynamodb: 5 * 60_000,
  lambda: 5 * 60_000,
  sns: 15 * 60_000,
  s3: 15 * 60_000,
};

export interface AuthInput {
  readonly service: ServedService;
  readonly region: string;
  readonly req: IncomingMessage;
  /** The buffered body (every service but S3). */
  readonly body?: Buffer;
  readonly now?: Date;
  /** The secret of an accepted access key id. @default the edge's pairs (aws-names ACCEPTED_CREDENTIALS) */
  readonly secretOf?: (accessKeyId: string) => string | undefined;
  /**
   * For temporary credentials: the session token a key must come with (X-Amz-Security-Token, header or presigned
   * query), undefined for a long-term key. A missing or other token is refused as an unknown key: "The security token
   * included in the request is invalid".
   */
  readonly sessionTokenOf?: (accessKeyId: string) => string | undefined;
}

/**
 * Checks the request's signature; answers the access key id it was signed with when it passes, or writes the
 * service's refusal and answers undefined.
 */
export function authenticate({ service, region, req, body, now = new Date(), secretOf = localSecretOf, sessionTokenOf }: AuthInput, res: ServerResponse): string | undefined {
  const [path, ...rest] = (req.url ?? '/').split('?');
  let verdict = verifySigV4(
    { method: req.method ?? 'GET', path, rawQuery: rest.join('?'), headers: req.headersDistinct, ...(body && { body }) },
    { region, secretOf, maxSkewMs: SKEW_MS[service], payload: service === 's3' ? 'header' : 'body' },
    now,
  );
  if (verdict.ok && sessionTokenOf) {
    const expected = sessionTokenOf(verdict.accessKeyId);
    const sent = req.headers['x-amz-security-token'] ?? new URLSearchParams(rest.join('?')).get('X-Amz-Security-Token') ?? undefined;
    if (expected !== undefined && sent !== expected) {
      verdict = { ok: false, refusal: 'unknown-key', message: 'The security token included in the request is invalid.', presigned: verdict.presigned, accessKeyId: verdict.accessKeyId };
    }
  }
  if (verdict.ok) return verdict.accessKeyId;
  if (service === 's3') s3Refusal(res, verdict, region, now);
  else if (service === 'sns') queryRefusal(res, verdict);
  else jsonRefusal(res, verdict, service === 'lambda' ? 403 : 400, service === 'lambda');
  return undefined;
}

type Refused = Extract<SigV4Verdict, { ok: false }>;

const JSON_CODES: Record<SigV4Refusal, string> = {
  missing: 'MissingAuthenticationTokenException',
  malformed: 'IncompleteSignatureException',
  sigv2: 'IncompleteSignatureException',
  scope: 'InvalidSignatureException',
  'unknown-key': 'UnrecognizedClientException',
  mismatch: 'InvalidSignatureException',
  skewed: 'InvalidSignatureException',
  expired: 'InvalidSignatureException',
};

function jsonRefusal(res: ServerResponse, verdict: Refused, status: number, restJson: boolean): void {
  const code = JSON_CODES[verdict.refusal];
  const message = verdict.refusal === 'mismatch' ? withCanonical(verdict) : verdict.message;
  const body = restJson ? { Type: 'User', message } : { __type: `com.amazon.coral.service#${code}`, message };
  res
    .writeHead(status, { 'content-type': restJson ? 'application/json' : 'application/x-amz-json-1.0', 'x-amzn-errortype': code, 'x-amzn-requestid': randomUUID() })
    .end(JSON.stringify(body));
}

const QUERY_CODES: Record<SigV4Refusal, [string, number]> = {
  missing: ['MissingAuthenticationToken', 403],
  malformed: ['IncompleteSignature', 400],
  sigv2: ['IncompleteSignature', 400],
  scope: ['SignatureDoesNotMatch', 403],
  'unknown-key': ['InvalidClientTokenId', 403],
  mismatch: ['SignatureDoesNotMatch', 403],
  skewed: ['SignatureDoesNotMatch', 403],
  expired: ['SignatureDoesNotMatch', 403],
};

function queryRefusal(res: ServerResponse, verdict: Refused): void {
  const [code, status] = QUERY_CODES[verdict.refusal];
  const message = verdict.refusal === 'mismatch' ? withCanonical(verdict) : verdict.message;
  const requestId = randomUUID();
  res
    .writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId })
    .end(
      `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    );
}

function s3Refusal(res: ServerResponse, verdict: Refused, region: string, now: Date): void {
  const fields: [string, string][] = [];
  let code: string;
  let status = 403;
  let message = verdict.message;
  switch (verdict.refusal) {
    case 'missing':
      [code, message] = ['AccessDenied', 'Access Denied'];
      break;
    case 'unknown-key':
      [code, message] = ['InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.'];
      fields.push(['AWSAccessKeyId', verdict.accessKeyId ?? '']);
      break;
    case 'mismatch':
      [code, message] = ['SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.'];
      fields.push(['AWSAccessKeyId', verdict.accessKeyId ?? ''], ['StringToSign', verdict.stringToSign ?? ''], ['CanonicalRequest', verdict.canonicalRequest ?? '']);
      break;
    case 'skewed':
      if (verdict.presigned) code = 'AccessDenied';
      else {
        [code, message] = ['RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.'];
        fields.push(['ServerTime', now.toISOString()], ['MaxAllowedSkewMilliseconds', String(SKEW_MS.s3)]);
      }
      break;
    case 'expired':
      code = 'AccessDenied';
      fields.push(['ServerTime', now.toISOString()]);
      break;
    case 'scope':
      status = 400;
      code = verdict.presigned ? 'AuthorizationQueryParametersError' : 'AuthorizationHeaderMalformed';
      message = `${verdict.presigned ? 'Error parsing the X-Amz-Credential parameter' : 'The authorization header is malformed'}; ${verdict.message.trim()} Expecting the region '${region}' and the service 's3'.`;
      fields.push(['Region', region]);
      break;
    case 'sigv2':
      // S3 buckets made after June 2020 take Signature Version 4 only; the answer is the one regions opened after
      // 2014 always gave (S3 API Reference, "Error responses": InvalidRequest, 400).
      status = 400;
      [code, message] = ['InvalidRequest', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.'];
      break;
    case 'malformed':
      status = 400;
      code = message.startsWith('Missing required header') ? 'InvalidRequest' : verdict.presigned ? 'AuthorizationQueryParametersError' : 'AuthorizationHeaderMalformed';
      break;
  }
  const requestId = randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();
  const extra = fields.map(([name, value]) => `<${name}>${xml(value)}</${name}>`).join('');
  res
    .writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': requestId })
    .end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xml(message)}</Message>${extra}<RequestId>${requestId}</RequestId><HostId>local</HostId></Error>`);
}

/** A mismatch's message with what should have been signed, so a client can find its mistake. */
function withCanonical(verdict: Refused): string {
  return `${verdict.message}\n\nThe Canonical String for this request should have been\n'${verdict.canonicalRequest}'\n\nThe String-to-Sign should have been\n'${verdict.stringToSign}'\n`;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
