import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../../scripts/lib/node-sha256';
import { LOCAL_API_CREDENTIALS, verifySignature, type ReceivedRequest } from '../../../local/api-gateway/sigv4';

// The local API's SigV4 check on its own: the canonical request is rebuilt from what was received, so whatever
// a signer chose to sign (within the specification) verifies, and nothing it signed may change.


const REGION = 'us-east-1';
const NOW = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
const BODY = '{"order":{}}';

interface Signed {
  readonly headers: Record<string, string>;
  readonly request: (changes?: Partial<ReceivedRequest> & { extraHeaders?: Record<string, string> }) => ReceivedRequest;
}

/** Signs a POST /prod/order?b=2&a=1 as the SDK would, with these headers and options; answers it as received. */
async function signed(headers: Record<string, string> = {}, options: { signableHeaders?: Set<string>; applyChecksum?: boolean } = {}): Promise<Signed> {
  const signer = new SignatureV4({ service: 'execute-api', region: REGION, credentials: { ...LOCAL_API_CREDENTIALS }, sha256: NodeSha256, applyChecksum: options.applyChecksum ?? true });
  const result = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 4010, path: '/prod/order', query: { b: '2', a: '1' }, headers: { host: '127.0.0.1:4010', ...headers }, body: BODY },
    { signingDate: NOW, ...(options.signableHeaders && { signableHeaders: options.signableHeaders }) },
  );
  const received = Object.fromEntries(Object.entries(result.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    headers: received,
    request: ({ extraHeaders = {}, ...changes } = {}) => ({
      method: 'POST',
      path: '/prod/order',
      rawQuery: 'b=2&a=1',
      headers: Object.fromEntries(Object.entries({ ...received, ...extraHeaders }).map(([k, v]) => [k, [v]])),
      body: Buffer.from(BODY),
      ...changes,
    }),
  };
}

test('a signature over headers SDKs leave out by default (user-agent, x-amzn-trace-id) verifies', async () => {
  const { request, headers } = await signed({ 'user-agent': 'my-client/1.0', 'x-amzn-trace-id': 'Root=1-abc' }, { signableHeaders: new Set(['user-agent', 'x-amzn-trace-id']) });
  expect(headers.authorization).toContain('SignedHeaders=host;user-agent;x-amz-content-sha256;x-amz-date;x-amzn-trace-id,');
  expect(verifySignature(request(), REGION, NOW)).toStrictEqual({ ok: true });
  // A signed header changed on the way is refused; an unsigned one added is not looked at.
  expect(verifySignature(request({ extraHeaders: { 'user-agent': 'other/2.0' } }), REGION, NOW)).toMatchObject({ ok: false, type: 'INVALID_SIGNATURE' });
  expect(verifySignature(request({ extraHeaders: { accept: '*/*' } }), REGION, NOW)).toStrictEqual({ ok: true });
});

test('the query is canonical whatever order it was sent in; the path and method are signed', async () => {
  const { request } = await signed();
  expect(verifySignature(request({ rawQuery: 'a=1&b=2' }), REGION, NOW)).toStrictEqual({ ok: true });
  expect(verifySignature(request({ rawQuery: 'a=1&b=3' }), REGION, NOW)).toMatchObject({ ok: false });
  expect(verifySignature(request({ path: '/prod/invoice' }), REGION, NOW)).toMatchObject({ ok: false });
  expect(verifySignature(request({ method: 'PUT' }), REGION, NOW)).toMatchObject({ ok: false });
});

test('the payload is the body received: a signed x-amz-content-sha256 of another body, or UNSIGNED-PAYLOAD, does not pass', async () => {
  const { request } = await signed();
  expect(verifySignature(request({ body: Buffer.from('{"order":{"x":1}}') }), REGION, NOW)).toMatchObject({ ok: false, type: 'INVALID_SIGNATURE' });
  const unsigned = await signed({ 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
  expect(verifySignature(unsigned.request(), REGION, NOW)).toMatchObject({ ok: false, type: 'INVALID_SIGNATURE' });
});

test('the date may be off by up to 5 minutes either way', async () => {
  const { request } = await signed();
  const at = (ms: number) => verifySignature(request(), REGION, new Date(NOW.getTime() + ms));
  expect(at(5 * 60_000)).toStrictEqual({ ok: true });
  expect(at(-5 * 60_000)).toStrictEqual({ ok: true });
  expect(at(5 * 60_000 + 1000)).toStrictEqual({ ok: false, type: 'INVALID_SIGNATURE', message: 'Signature expired: 20240102T030405Z is now earlier than 20240102T030406Z (20240102T030906Z - 5 min.)' });
  expect(at(-5 * 60_000 - 1000)).toStrictEqual({ ok: false, type: 'INVALID_SIGNATURE', message: 'Signature not yet current: 20240102T030405Z is still later than 20240102T030404Z (20240102T025904Z + 5 min.)' });
});

test('the host must be signed; the scope date must be the request date', async () => {
  const { request, headers } = await signed();
  const unsignedHost = headers.authorization.replace('SignedHeaders=', 'SignedHeaders=x').replace(/SignedHeaders=x[^,]*/, 'SignedHeaders=x-amz-date');
  expect(verifySignature(request({ extraHeaders: { authorization: unsignedHost } }), REGION, NOW)).toMatchObject({ ok: false, message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization." });
  const otherDay = headers.authorization.replace('/20240102/', '/20240101/');
  expect(verifySignature(request({ extraHeaders: { authorization: otherDay } }), REGION, NOW)).toMatchObject({
    ok: false,
    message: "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20240101' != '20240102', from '20240102T030405Z'.",
  });
});
