import { SignatureV4 } from '@smithy/signature-v4';
import { localSecretOf } from '../../local/aws-names';
import { verifySigV4, type ReceivedRequest, type SigV4Policy } from '../../local/sigv4/verify';
import { NodeSha256 } from '../../scripts/lib/node-sha256';

// The one SigV4 verifier of the local endpoints, on its own: S3's payload forms and presigned URLs.

const NOW = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
const S3: SigV4Policy = { region: 'us-east-1', secretOf: localSecretOf, maxSkewMs: 15 * 60_000, payload: 'header' };
const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, sha256: NodeSha256, uriEscapePath: false });

function received(signed: { method: string; path: string; query?: Record<string, string | string[] | null>; headers: Record<string, string> }): ReceivedRequest {
  const rawQuery = new URLSearchParams(Object.entries(signed.query ?? {}).map(([k, v]): [string, string] => [k, String(v)])).toString().replace(/\+/g, '%20');
  return { method: signed.method, path: signed.path, rawQuery, headers: Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), [v]])) };
}

const put = (contentSha256: string) => ({
  method: 'PUT',
  protocol: 'http:',
  hostname: '127.0.0.1',
  port: 4566,
  path: '/bucket/a%20key.txt',
  headers: { host: '127.0.0.1:4566', 'x-amz-content-sha256': contentSha256, 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '5' },
});

test.each(['STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'UNSIGNED-PAYLOAD', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER'])(
  'S3: the signed x-amz-content-sha256 %s is the payload hash, whatever the body',
  async (declared) => {
    const signed = await signer.sign(put(declared), { signingDate: NOW });
    expect(verifySigV4({ ...received(signed), body: Buffer.from('other') }, S3, NOW)).toMatchObject({ ok: true, accessKeyId: 'test' });
    // The same request under the policy of every other service (hash of the body received) does not pass.
    expect(verifySigV4({ ...received(signed), body: Buffer.from('other') }, { ...S3, payload: 'body' }, NOW)).toMatchObject({ ok: false, refusal: 'mismatch' });
  },
);

test('S3: an Authorization header without x-amz-content-sha256 is refused as malformed, naming the header', async () => {
  const signed = await signer.sign({ ...put('UNSIGNED-PAYLOAD') }, { signingDate: NOW });
  const { 'x-amz-content-sha256': _dropped, ...headers } = signed.headers;
  expect(verifySigV4(received({ ...signed, headers }), S3, NOW)).toMatchObject({ ok: false, refusal: 'malformed', message: 'Missing required header for this request: x-amz-content-sha256' });
});

test('a presigned URL: valid within X-Amz-Expires, expired after, not valid yet before its date; X-Amz-Expires over 7 days is malformed', async () => {
  // S3 API Reference, query-string authentication: a presigned URL's payload is UNSIGNED-PAYLOAD (as the SDK's presigner sets it).
  const request = { method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port: 4566, path: '/bucket/key', headers: { host: '127.0.0.1:4566', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } };
  const presigned = received(await signer.presign(request, { signingDate: NOW, expiresIn: 60 }));
  expect(verifySigV4(presigned, S3, new Date(NOW.getTime() + 59_000))).toMatchObject({ ok: true, presigned: true });
  expect(verifySigV4(presigned, S3, new Date(NOW.getTime() + 61_000))).toMatchObject({ ok: false, refusal: 'expired', message: 'Request has expired' });
  expect(verifySigV4(presigned, S3, new Date(NOW.getTime() - 16 * 60_000))).toMatchObject({ ok: false, refusal: 'skewed', message: 'Request is not valid yet' });
  const tooLong = { ...presigned, rawQuery: presigned.rawQuery.replace('X-Amz-Expires=60', 'X-Amz-Expires=604801') };
  expect(verifySigV4(tooLong, S3, NOW)).toMatchObject({ ok: false, refusal: 'malformed' });
  const tampered = { ...presigned, path: '/bucket/other' };
  expect(verifySigV4(tampered, S3, NOW)).toMatchObject({ ok: false, refusal: 'mismatch' });
});

test('refusals: anonymous, unknown key, another region', async () => {
  const request = { method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port: 4566, path: '/bucket/key', headers: { host: '127.0.0.1:4566', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } };
  expect(verifySigV4(received(request), S3, NOW)).toMatchObject({ ok: false, refusal: 'missing' });
  const stranger = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: { accessKeyId: 'AKIDSTRANGER', secretAccessKey: 'x' }, sha256: NodeSha256 });
  expect(verifySigV4(received(await stranger.sign(request, { signingDate: NOW })), S3, NOW)).toMatchObject({ ok: false, refusal: 'unknown-key', accessKeyId: 'AKIDSTRANGER' });
  expect(verifySigV4(received(await signer.sign(request, { signingDate: NOW })), { ...S3, region: 'eu-west-1' }, NOW)).toMatchObject({ ok: false, refusal: 'scope' });
});

test('Signature Version 2, as a header or a presigned URL, is its own refusal (sigv2), not an anonymous request', () => {
  const base = { method: 'GET', path: '/bucket/key', headers: { host: '127.0.0.1:4566' } };
  expect(verifySigV4(received({ ...base, query: { AWSAccessKeyId: 'test', Signature: 'x', Expires: '1' } }), S3, NOW)).toMatchObject({ ok: false, refusal: 'sigv2', presigned: true });
  expect(verifySigV4(received({ ...base, headers: { ...base.headers, authorization: 'AWS test:x' } }), S3, NOW)).toMatchObject({ ok: false, refusal: 'sigv2', presigned: false });
  // Only AWSAccessKeyId (no Signature): an unsigned request with an odd parameter.
  expect(verifySigV4(received({ ...base, query: { AWSAccessKeyId: 'test' } }), S3, NOW)).toMatchObject({ ok: false, refusal: 'missing' });
});
