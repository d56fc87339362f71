import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalPath, canonicalQuery, trimAll } from './canonical';

/**
 * Signature Version 4 checked from a request as it was received, for every local endpoint (the edge and the REST
 * APIs): "Create a signed AWS API request" (IAM User Guide, https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html)
 * and, for S3, "Authenticating Requests (AWS Signature Version 4)" (S3 API Reference: Authorization header,
 * query-string presigning, `x-amz-content-sha256` with a hash, `UNSIGNED-PAYLOAD` or `STREAMING-…-PAYLOAD`).
 *
 * The canonical request is rebuilt from what arrived: the method; the path (S3: encoded once, as sent; every other
 * service: normalized and encoded twice); the query with each name and value encoded the one SigV4 way, sorted,
 * without X-Amz-Signature; exactly the headers listed in SignedHeaders with the values sent; the payload hash. The
 * verdict says why a request is refused; each endpoint answers it in its service's own protocol and words.
 */

/** How one endpoint checks: which region and service a credential scope must name, whose secrets, how much skew. */
export interface SigV4Policy {
  readonly region: string;
  /** The signing name the scope must carry; undefined when the caller routes by the scope's own service. */
  readonly service?: string;
  /** The secret of an accepted access key id, or undefined for a key that is not accepted. */
  readonly secretOf: (accessKeyId: string) => string | undefined;
  /** How far the request's date may be from the clock, either way. */
  readonly maxSkewMs: number;
  /**
   * `body`: the payload hash is the SHA-256 of the body received (every service but S3, whatever
   * x-amz-content-sha256 says). `header`: S3's, the value of x-amz-content-sha256 (required with an Authorization
   * header; `UNSIGNED-PAYLOAD` for a presigned URL without it).
   */
  readonly payload: 'body' | 'header';
}

export interface ReceivedRequest {
  readonly method: string;
  /** The path as sent (still percent-encoded), without the query string. */
  readonly path: string;
  /** The query string as sent, without '?'. */
  readonly rawQuery: string;
  /** Lower-case names; every value a header was sent with, in order. */
  readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
  /** The body's bytes as received (not read when the policy's payload is `header`). */
  readonly body?: Uint8Array;
}

/** Why a request is refused. */
export type SigV4Refusal =
  /** No Authorization header and no X-Amz-Algorithm query parameter: an anonymous request. */
  | 'missing'
  /** Signed, but not in a form SigV4 allows (parameters missing, bad date, another algorithm, a bad scope terminator). */
  | 'malformed'
  /**
   * Signed with Signature Version 2 (`Authorization: AWS key:signature`, or a presigned URL with AWSAccessKeyId and
   * Signature): what the AWS CLI v1 presigns with. S3 accepts it only for buckets made before June 2020.
   */
  | 'sigv2'
  /** The scope names another region or service than this endpoint's. */
  | 'scope'
  /** The access key id is not one the endpoint accepts. */
  | 'unknown-key'
  /** The signature is not the one the secret gives for this request. */
  | 'mismatch'
  /** The request's date is further from the clock than the policy allows. */
  | 'skewed'
  /** A presigned URL past X-Amz-Date + X-Amz-Expires. */
  | 'expired';

export type SigV4Verdict =
  | { readonly ok: true; readonly accessKeyId: string; readonly presigned: boolean }
  | {
      readonly ok: false;
      readonly refusal: SigV4Refusal;
      readonly message: string;
      readonly presigned: boolean;
      readonly accessKeyId?: string;
      /** For `mismatch`: what the client should have signed. */
      readonly canonicalRequest?: string;
      readonly stringToSign?: string;
    };

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
/** The longest a presigned URL may be valid (S3: seven days). */
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

interface Signed {
  readonly presigned: boolean;
  readonly credential: string;
  readonly signedHeaders: string;
  readonly signature: string;
  readonly amzDate: string;
  readonly expires?: string;
}

export function verifySigV4(request: ReceivedRequest, policy: SigV4Policy, now = new Date()): SigV4Verdict {
  const header = (name: string) => request.headers[name]?.join(',');
  const query = new URLSearchParams(request.rawQuery);
  const authorization = header('authorization');
  const presigned = authorization === undefined && query.has('X-Amz-Algorithm');
  const refuse = (refusal: SigV4Refusal, message: string, extra: Partial<Extract<SigV4Verdict, { ok: false }>> = {}): SigV4Verdict => ({
    ok: false,
    refusal,
    message,
    presigned,
    ...extra,
  });
  if (authorization?.startsWith('AWS ') || (!presigned && query.has('AWSAccessKeyId') && query.has('Signature'))) {
    return refuse('sigv2', `Signature Version 2 is not accepted: sign with ${SIGV4_ALGORITHM} (Signature Version 4).`, { presigned: authorization === undefined });
  }
  if (authorization === undefined && !presigned) return refuse('missing', 'Request is missing Authentication Token');

  let signed: Signed;
  if (presigned) {
    const missing = ['X-Amz-Credential', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Signature'].filter((name) => !query.get(name));
    if (query.get('X-Amz-Algorithm') !== SIGV4_ALGORITHM) return refuse('malformed', `X-Amz-Algorithm must be ${SIGV4_ALGORITHM}, not '${query.get('X-Amz-Algorithm')}'.`);
    if (missing.length > 0) return refuse('malformed', `Query-string authentication requires the ${missing.join(', ')} parameter${missing.length > 1 ? 's' : ''}.`);
    signed = {
      presigned,
      credential: query.get('X-Amz-Credential')!,
      signedHeaders: query.get('X-Amz-SignedHeaders')!,
      signature: query.get('X-Amz-Signature')!,
      amzDate: query.get('X-Amz-Date')!,
      ...(query.has('X-Amz-Expires') && { expires: query.get('X-Amz-Expires')! }),
    };
  } else {
    const parts = parseAuthorization(authorization!);
    const amzDate = header('x-amz-date') ?? amzDateOfHttpDate(header('date'));
    const missing = [
      parts.Credential === undefined && "Authorization header requires 'Credential' parameter.",
      parts.Signature === undefined && "Authorization header requires 'Signature' parameter.",
      parts.SignedHeaders === undefined && "Authorization header requires 'SignedHeaders' parameter.",
      amzDate === undefined && "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    ].filter((sentence): sentence is string => typeof sentence === 'string');
    if (!authorization!.startsWith(`${SIGV4_ALGORITHM} `)) {
      return refuse('malformed', `Authorization header must use the algorithm ${SIGV4_ALGORITHM} (Signature Version 4). Authorization=${authorization}`);
    }
    if (missing.length > 0) return refuse('malformed', `${missing.join(' ')} Authorization=${authorization}`);
    signed = { presigned, credential: parts.Credential!, signedHeaders: parts.SignedHeaders!, signature: parts.Signature!, amzDate: amzDate! };
  }

  const { credential, signedHeaders, signature, amzDate } = signed;
  const [accessKeyId, scopeDate, scopeRegion, scopeService, terminator, ...extra] = credential.split('/');
  if (terminator !== 'aws4_request' || extra.length > 0) {
    return refuse('malformed', `Credential should be scoped with a valid terminator: 'aws4_request', not '${credential.split('/').at(-1)}'. `);
  }
  const date = parseAmzDate(amzDate);
  if (date === undefined) return refuse('malformed', `X-Amz-Date '${amzDate}' is not a date in the ISO 8601 basic format YYYYMMDD'T'HHMMSS'Z'.`);
  if (scopeDate !== amzDate.slice(0, 8)) {
    return refuse('malformed', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
  }
  if (scopeRegion !== policy.region) return refuse('scope', `Credential should be scoped to a valid region, not '${scopeRegion}'. `, { accessKeyId });
  if (policy.service !== undefined && scopeService !== policy.service) {
    return refuse('scope', `Credential should be scoped to correct service: '${policy.service}'. `, { accessKeyId });
  }
  const secret = policy.secretOf(accessKeyId);
  if (secret === undefined) return refuse('unknown-key', 'The security token included in the request is invalid.', { accessKeyId });

  if (signed.presigned) {
    const seconds = Number(signed.expires ?? MAX_PRESIGN_SECONDS);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_PRESIGN_SECONDS) {
      return refuse('malformed', `X-Amz-Expires must be a whole number of seconds from 1 to ${MAX_PRESIGN_SECONDS} (7 days), not '${signed.expires}'.`, { accessKeyId });
    }
    if (now.getTime() > date.getTime() + seconds * 1000) return refuse('expired', 'Request has expired', { accessKeyId });
    if (date.getTime() - now.getTime() > policy.maxSkewMs) return refuse('skewed', 'Request is not valid yet', { accessKeyId });
  } else {
    const skew = date.getTime() - now.getTime();
    const minutes = Math.round(policy.maxSkewMs / 60_000);
    if (skew < -policy.maxSkewMs) {
      const limit = formatAmzDate(new Date(now.getTime() - policy.maxSkewMs));
      return refuse('skewed', `Signature expired: ${amzDate} is now earlier than ${limit} (${formatAmzDate(now)} - ${minutes} min.)`, { accessKeyId });
    }
    if (skew > policy.maxSkewMs) {
      const limit = formatAmzDate(new Date(now.getTime() + policy.maxSkewMs));
      return refuse('skewed', `Signature not yet current: ${amzDate} is still later than ${limit} (${formatAmzDate(now)} + ${minutes} min.)`, { accessKeyId });
    }
  }
  const names = signedHeaders.split(';');
  if (!names.includes('host')) return refuse('malformed', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.", { accessKeyId });

  let payloadHash: string;
  if (policy.payload === 'body') payloadHash = sha256Hex(request.body ?? new Uint8Array());
  else {
    const declared = header('x-amz-content-sha256');
    if (declared === undefined && !signed.presigned) return refuse('malformed', 'Missing required header for this request: x-amz-content-sha256', { accessKeyId });
    payloadHash = declared ?? 'UNSIGNED-PAYLOAD';
  }
  const s3 = policy.payload === 'header';
  const canonicalRequest = [
    request.method,
    canonicalPath(request.path, s3),
    canonicalQuery(request.rawQuery, signed.presigned ? 'X-Amz-Signature' : undefined),
    ...names.map((name) => `${name}:${(request.headers[name] ?? []).map(trimAll).join(',')}`),
    '',
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${scopeDate}/${scopeRegion}/${scopeService}/aws4_request`;
  const stringToSign = [SIGV4_ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = [scopeDate, scopeRegion, scopeService, 'aws4_request'].reduce<Buffer>((k, part) => hmac(k, part), Buffer.from(`AWS4${secret}`, 'utf8'));
  const expected = hmac(key, stringToSign).toString('hex');
  if (signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return { ok: true, accessKeyId, presigned: signed.presigned };
  return refuse(
    'mismatch',
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    { accessKeyId, canonicalRequest, stringToSign },
  );
}

/** `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` → its parameters (spaces after commas optional). */
function parseAuthorization(authorization: string): Partial<Record<'Credential' | 'SignedHeaders' | 'Signature', string>> {
  const parameters: Record<string, string> = {};
  for (const part of authorization.replace(/^\S+\s+/, '').split(',')) {
    const at = part.indexOf('=');
    if (at > 0) parameters[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return parameters;
}

function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: Uint8Array, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** `20240101T120000Z` → Date; undefined when it is not that format or not a real time. */
function parseAmzDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return formatAmzDate(date) === text ? date : undefined;
}

export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** An HTTP `Date` header (RFC 7231, `Mon, 01 Jan 2024 12:00:00 GMT`) as an X-Amz-Date, for signers that use it. */
function amzDateOfHttpDate(httpDate: string | undefined): string | undefined {
  if (httpDate === undefined) return undefined;
  const time = Date.parse(httpDate);
  return Number.isNaN(time) ? undefined : formatAmzDate(new Date(time));
}
