import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { GatewayErrorType } from './gateway-responses';

/**
 * AWS_IAM authorization of the local API: Signature Version 4 verified the way API Gateway verifies it. The
 * canonical request is rebuilt from the request as received (AWS General Reference, "Create a canonical request
 * for IAM", https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html): the method; the path,
 * each segment URI-encoded once more; the query, each name and value URI-encoded and sorted; exactly the headers
 * the client listed in SignedHeaders, with the values it sent; and the SHA-256 of the body as received, whether
 * or not an `x-amz-content-sha256` header is there (so a changed body never passes). Any signer that follows
 * the specification is accepted: curl's `--aws-sigv4`, the SDK's SignatureV4 (which also signs
 * `x-amz-content-sha256`), botocore's SigV4Auth (the AWS CLI's), with or without a session token.
 *
 * What is refused is refused with API Gateway's own status and message: an unknown access key, a wrong secret,
 * another region or service in the credential scope, a date more than 5 minutes off, a changed body. Who may
 * call what (IAM policies) is not evaluated: the local identity may call every method.
 */

/**
 * The one key pair the local API accepts. A session token is accepted with it, whatever its value: there is no
 * STS locally to issue or check one.
 */
export const LOCAL_API_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** The service name in the credential scope of requests to API Gateway. */
export const SIGNING_SERVICE = 'execute-api';

/** How far a request's date may be from the server's clock, before or after ("… - 5 min." in AWS's message). */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface ReceivedRequest {
  readonly method: string;
  /** The path as sent (still percent-encoded), without the query string. */
  readonly path: string;
  /** The query string as sent, without '?'. */
  readonly rawQuery: string;
  /** Lower-case names; every value a header was sent with, in order. */
  readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
  /** The body's bytes as received. */
  readonly body: Uint8Array;
}

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly type: GatewayErrorType; readonly message?: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';
const refuse = (type: GatewayErrorType, message?: string): SignatureCheck => ({ ok: false, type, ...(message !== undefined && { message }) });

export function verifySignature(request: ReceivedRequest, region: string, now = new Date()): SignatureCheck {
  const header = (name: string) => request.headers[name]?.join(',');
  const authorization = header('authorization');
  if (authorization === undefined) return refuse('MISSING_AUTHENTICATION_TOKEN');
  const parts = parseAuthorization(authorization);
  const amzDate = header('x-amz-date') ?? amzDateOfHttpDate(header('date'));
  const missing = [
    parts.Credential === undefined && "Authorization header requires 'Credential' parameter.",
    parts.Signature === undefined && "Authorization header requires 'Signature' parameter.",
    parts.SignedHeaders === undefined && "Authorization header requires 'SignedHeaders' parameter.",
    amzDate === undefined && "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
  ].filter((sentence): sentence is string => typeof sentence === 'string');
  if (!authorization.startsWith(`${ALGORITHM} `) || missing.length > 0) {
    return refuse('MISSING_AUTHENTICATION_TOKEN', `${missing.join(' ') || `Authorization header must use the algorithm ${ALGORITHM}.`} Authorization=${authorization}`);
  }
  const { Credential: credential, SignedHeaders: signedHeaders, Signature: signature } = parts as Required<typeof parts>;
  const [accessKeyId, scopeDate, scopeRegion, scopeService, terminator, ...extra] = credential.split('/');
  if (terminator !== 'aws4_request' || extra.length > 0) {
    return refuse('INVALID_SIGNATURE', `Credential should be scoped with a valid terminator: 'aws4_request', not '${credential.split('/').at(-1)}'. `);
  }
  const date = parseAmzDate(amzDate as string);
  if (date === undefined) return refuse('INVALID_SIGNATURE', `X-Amz-Date '${amzDate}' is not a date in the ISO 8601 basic format YYYYMMDD'T'HHMMSS'Z'.`);
  if (scopeDate !== amzDate?.slice(0, 8)) {
    return refuse(
      'INVALID_SIGNATURE',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate?.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (scopeRegion !== region) return refuse('INVALID_SIGNATURE', `Credential should be scoped to a valid region, not '${scopeRegion}'. `);
  if (scopeService !== SIGNING_SERVICE) return refuse('INVALID_SIGNATURE', `Credential should be scoped to correct service: '${SIGNING_SERVICE}'. `);
  if (accessKeyId !== LOCAL_API_CREDENTIALS.accessKeyId) {
    return refuse('INVALID_SIGNATURE', 'The security token included in the request is invalid.');
  }
  const skew = date.getTime() - now.getTime();
  if (skew < -MAX_CLOCK_SKEW_MS) {
    const limit = formatAmzDate(new Date(now.getTime() - MAX_CLOCK_SKEW_MS));
    return refuse('INVALID_SIGNATURE', `Signature expired: ${amzDate} is now earlier than ${limit} (${formatAmzDate(now)} - 5 min.)`);
  }
  if (skew > MAX_CLOCK_SKEW_MS) {
    const limit = formatAmzDate(new Date(now.getTime() + MAX_CLOCK_SKEW_MS));
    return refuse('INVALID_SIGNATURE', `Signature not yet current: ${amzDate} is still later than ${limit} (${formatAmzDate(now)} + 5 min.)`);
  }
  const names = signedHeaders.split(';');
  if (!names.includes('host')) return refuse('INVALID_SIGNATURE', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");

  const canonicalRequest = [
    request.method,
    canonicalPath(request.path),
    canonicalQuery(request.rawQuery),
    ...names.map((name) => `${name}:${(request.headers[name] ?? []).map(trimAll).join(',')}`),
    '',
    signedHeaders,
    sha256Hex(request.body),
  ].join('\n');
  const scope = `${scopeDate}/${scopeRegion}/${scopeService}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = [scopeDate, scopeRegion, scopeService, 'aws4_request'].reduce<Buffer>(
    (k, part) => hmac(k, part),
    Buffer.from(`AWS4${LOCAL_API_CREDENTIALS.secretAccessKey}`, 'utf8'),
  );
  const expected = hmac(key, stringToSign).toString('hex');
  if (signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return { ok: true };
  // As API Gateway does, say what the request should have been signed as, so a client can find its mistake.
  return refuse(
    'INVALID_SIGNATURE',
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. ' +
      'Consult the service documentation for details.\n\n' +
      `The Canonical String for this request should have been\n'${canonicalRequest}'\n\nThe String-to-Sign should have been\n'${stringToSign}'\n`,
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

/** RFC 3986 unreserved characters stay, every other byte becomes %XX (upper case), as SigV4 requires. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Decodes %XX escapes; a malformed escape is kept as it is (the signature then fails, as it would on AWS). */
function uriDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The path as sent, normalized (no empty, '.' or '..' segments) and with each segment encoded once more: every
 * service but S3 signs the path "URI-encoded twice", and what arrives has been encoded once.
 */
function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(uriEncode(segment));
  }
  return `/${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
}

/** Every name=value of the query string, decoded, then encoded the one SigV4 way, sorted by name then value. */
function canonicalQuery(rawQuery: string): string {
  return rawQuery
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.indexOf('=');
      const [name, value] = at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
      return [uriEncode(uriDecode(name)), uriEncode(uriDecode(value))] as const;
    })
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** Leading and trailing spaces removed, inner runs of spaces made one. */
function trimAll(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
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

function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** An HTTP `Date` header (RFC 7231, `Mon, 01 Jan 2024 12:00:00 GMT`) as an X-Amz-Date, for signers that use it. */
function amzDateOfHttpDate(httpDate: string | undefined): string | undefined {
  if (httpDate === undefined) return undefined;
  const time = Date.parse(httpDate);
  return Number.isNaN(time) ? undefined : formatAmzDate(new Date(time));
}
