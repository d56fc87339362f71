import * as fs from 'node:fs';
import { Agent, request } from 'node:http';
import { Readable } from 'node:stream';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { LOCAL_CREDENTIALS, startLocalEdge, startLocalStack, type LocalEdge, type LocalStack } from '../../../local';
import { signAndFetch } from '../../support/clients';
import { synthApp } from '../../support/synth';

// The edge checks every request's SigV4 signature and refuses as each service refuses on AWS: the SDK v3 clients
// see the typed error (name, HTTP status) they would see from AWS.

const BUCKET = 'stepfunctionorchestration-local';
const TOPIC = 'arn:aws:sns:us-east-1:000000000000:step_function_orchestration_topic';

let outdir: string;
let stack: LocalStack;
let edge: LocalEdge;
type Credentials = { accessKeyId: string; secretAccessKey: string };
const config = (credentials: Credentials = LOCAL_CREDENTIALS, extra: { region?: string; systemClockOffset?: number } = {}) => ({
  endpoint: edge.url,
  region: 'us-east-1',
  credentials,
  maxAttempts: 1,
  ...extra,
});
const UNKNOWN_KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const WRONG_SECRET = { accessKeyId: LOCAL_CREDENTIALS.accessKeyId, secretAccessKey: 'not-the-secret' };
const TWENTY_MINUTES_AGO = -20 * 60_000;

beforeAll(async () => {
  const synth = synthApp();
  outdir = synth.outdir;
  stack = await startLocalStack(synth.stacks['skip-the-line'].dir);
  edge = await startLocalEdge([stack]);
});

afterAll(async () => {
  await edge?.close();
  await stack?.close();
  fs.rmSync(outdir, { recursive: true, force: true });
});

/** The rejection of `promise`, as the SDK reports it. */
async function refusal(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error('the request was not refused');
}

describe('AWS JSON services (Step Functions, DynamoDB): HTTP 400 with the coral exception', () => {
  test('an unknown access key is UnrecognizedClientException', async () => {
    const sfn = new SFNClient(config(UNKNOWN_KEY));
    expect(await refusal(sfn.send(new ListStateMachinesCommand({})))).toStrictEqual({
      name: 'UnrecognizedClientException',
      status: 400,
      message: 'The security token included in the request is invalid.',
    });
  });

  test('a wrong secret is InvalidSignatureException, saying what should have been signed', async () => {
    const dynamodb = new DynamoDBClient(config(WRONG_SECRET));
    const refused = await refusal(dynamodb.send(new ListTablesCommand({})));
    expect(refused).toMatchObject({ name: 'InvalidSignatureException', status: 400 });
    expect(refused.message).toMatch(/^The request signature we calculated does not match the signature you provided\./);
    expect(refused.message).toContain("The Canonical String for this request should have been\n'POST\n/\n");
  });

  test('a clock 20 minutes behind is InvalidSignatureException "Signature expired … - 5 min."', async () => {
    const sfn = new SFNClient(config(LOCAL_CREDENTIALS, { systemClockOffset: TWENTY_MINUTES_AGO }));
    const refused = await refusal(sfn.send(new ListStateMachinesCommand({})));
    expect(refused).toMatchObject({ name: 'InvalidSignatureException', status: 400 });
    expect(refused.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
  });

  test('a scope with another region is InvalidSignatureException naming it', async () => {
    const sfn = new SFNClient(config(LOCAL_CREDENTIALS, { region: 'eu-west-1' }));
    expect(await refusal(sfn.send(new ListStateMachinesCommand({})))).toMatchObject({
      name: 'InvalidSignatureException',
      status: 400,
      message: expect.stringContaining("Credential should be scoped to a valid region, not 'eu-west-1'."),
    });
  });

  test('an unsigned request is MissingAuthenticationTokenException', async () => {
    const answer = await fetch(edge.url, { method: 'POST', headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables', 'content-type': 'application/x-amz-json-1.0' }, body: '{}' });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(JSON.parse(await answer.text())).toStrictEqual({ __type: 'com.amazon.coral.service#MissingAuthenticationTokenException', message: 'Request is missing Authentication Token' });
  });

  test("LocalStack's test/test and the REST API's local/local are accepted too", async () => {
    const sfn = new SFNClient(config({ accessKeyId: 'test', secretAccessKey: 'test' }));
    const dynamodb = new DynamoDBClient(config({ accessKeyId: 'local', secretAccessKey: 'local' }));
    expect((await sfn.send(new ListStateMachinesCommand({}))).stateMachines?.map((m) => m.name)).toStrictEqual(['step_function_orchestration']);
    expect((await dynamodb.send(new ListTablesCommand({}))).TableNames).toStrictEqual(['step_function_orchestration']);
  });
});

describe('S3: REST XML <Error>, HTTP 403', () => {
  const s3 = (credentials: Credentials = LOCAL_CREDENTIALS, extra: { systemClockOffset?: number } = {}) => new S3Client({ ...config(credentials, extra), forcePathStyle: true });

  test('an unknown access key is InvalidAccessKeyId; a wrong secret is SignatureDoesNotMatch', async () => {
    expect(await refusal(s3(UNKNOWN_KEY).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'x' })))).toStrictEqual({
      name: 'InvalidAccessKeyId',
      status: 403,
      message: 'The AWS Access Key Id you provided does not exist in our records.',
    });
    expect(await refusal(s3(WRONG_SECRET).send(new PutObjectCommand({ Bucket: BUCKET, Key: 'x', Body: 'x' })))).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
  });

  test('a clock 20 minutes behind is RequestTimeTooSkewed (S3 allows 15 minutes)', async () => {
    const refused = await refusal(s3(LOCAL_CREDENTIALS, { systemClockOffset: TWENTY_MINUTES_AGO }).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'x' })));
    expect(refused).toStrictEqual({ name: 'RequestTimeTooSkewed', status: 403, message: 'The difference between the request time and the current time is too large.' });
  });

  test('keys with spaces, reserved and non-ASCII characters, and a streamed body, verify (S3 signs the path encoded once)', async () => {
    const client = s3();
    const key = "odd keys/a b+c!(x)*~'é=&.txt";
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Readable.from([Buffer.from('streamed '), Buffer.from('body')]), ContentLength: 13 }));
    expect(await (await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToString()).toBe('streamed body');
  });

  test('an anonymous GET is AccessDenied', async () => {
    const answer = await fetch(`${edge.url}/${BUCKET}/x`);
    expect(answer.status).toBe(403);
    expect(await answer.text()).toMatch(/<Error><Code>AccessDenied<\/Code><Message>Access Denied<\/Message>/);
  });

  test('Signature Version 2 (the AWS CLI v1 presigns with it), as a URL or a header, is InvalidRequest "Please use AWS4-HMAC-SHA256"', async () => {
    const expires = Math.floor(Date.now() / 1000) + 60;
    for (const answer of [
      await fetch(`${edge.url}/${BUCKET}/x?AWSAccessKeyId=test&Signature=DGuoq7WV3FARlAlHZKEmAG%2FxrJg%3D&Expires=${expires}`),
      await fetch(`${edge.url}/${BUCKET}/x`, { headers: { authorization: 'AWS test:DGuoq7WV3FARlAlHZKEmAG/xrJg=', date: new Date().toUTCString() } }),
    ]) {
      expect(answer.status).toBe(400);
      expect(await answer.text()).toMatch(/<Error><Code>InvalidRequest<\/Code><Message>The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.<\/Message>/);
    }
  });

  test('test/test writes and reads an object (s3rver knows every accepted key)', async () => {
    const client = s3({ accessKeyId: 'test', secretAccessKey: 'test' });
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'auth/test.txt', Body: 'signed by test' }));
    expect(await (await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'auth/test.txt' }))).Body!.transformToString()).toBe('signed by test');
  });

  test('a presigned URL works until it expires, then is AccessDenied "Request has expired"; a changed one is SignatureDoesNotMatch', async () => {
    const client = s3();
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'auth/presigned.txt', Body: 'presigned' }));
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: 'auth/presigned.txt' }), { expiresIn: 60 });
    const ok = await fetch(url);
    expect([ok.status, await ok.text()]).toStrictEqual([200, 'presigned']);
    const changed = await fetch(url.replace('presigned.txt', 'other.txt'));
    expect([changed.status, await changed.text()]).toStrictEqual([403, expect.stringContaining('<Code>SignatureDoesNotMatch</Code>')]);
    const old = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: 'auth/presigned.txt' }), { expiresIn: 60, signingDate: new Date(Date.now() - 120_000) });
    const expired = await fetch(old);
    expect([expired.status, await expired.text()]).toStrictEqual([403, expect.stringMatching(/<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/)]);
  });
});

describe('S3 virtual-hosted (<bucket>.localhost, <bucket>.s3.localhost): signed over the Host as sent', () => {
  // *.localhost is the loopback (RFC 6761), but this machine's resolver may not say so: the agent connects there itself.
  const loopback = new Agent({
    lookup: (_host, options, callback) => {
      const answer = callback as (e: null, address: string | { address: string; family: number }[], family?: number) => void;
      if ((options as { all?: boolean }).all) answer(null, [{ address: '127.0.0.1', family: 4 }]);
      else answer(null, '127.0.0.1', 4);
    },
  });
  const virtualHosted = (credentials: Credentials = LOCAL_CREDENTIALS) =>
    new S3Client({ ...config(credentials), endpoint: `http://localhost:${edge.port}`, forcePathStyle: false, requestHandler: new NodeHttpHandler({ httpAgent: loopback }) });

  test('the SDK (virtual-hosted by default) writes and reads an object; a wrong secret is SignatureDoesNotMatch', async () => {
    const s3 = virtualHosted();
    const hosts: string[] = [];
    s3.middlewareStack.add((next) => async (args) => (hosts.push((args.request as { hostname: string }).hostname), next(args)), { step: 'finalizeRequest' });
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'vhost/a.txt', Body: 'virtual' }));
    expect(hosts).toStrictEqual([`${BUCKET}.localhost`]);
    expect(await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'vhost/a.txt' }))).Body!.transformToString()).toBe('virtual');
    expect((await stack.snapshot()).buckets[BUCKET]['vhost/a.txt']).toBe('virtual');
    expect(await refusal(virtualHosted(WRONG_SECRET).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'vhost/a.txt' })))).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
  });

  test('<bucket>.s3.localhost reaches the same object (a presigned URL, sent with that Host)', async () => {
    const presigner = new S3Client({ ...config(), endpoint: `http://s3.localhost:${edge.port}`, forcePathStyle: false });
    const url = new URL(await getSignedUrl(presigner, new GetObjectCommand({ Bucket: BUCKET, Key: 'vhost/a.txt' }), { expiresIn: 60 }));
    expect(url.hostname).toBe(`${BUCKET}.s3.localhost`);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const sent = request({ host: '127.0.0.1', port: edge.port, path: `${url.pathname}${url.search}`, headers: { host: url.host } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      sent.on('error', reject);
      sent.end();
    });
    expect(answer).toStrictEqual({ status: 200, body: 'virtual' });
  });
});

describe('SNS: Query XML <ErrorResponse>, HTTP 403', () => {
  test('an unknown access key is InvalidClientTokenId; a wrong secret is SignatureDoesNotMatch', async () => {
    expect(await refusal(new SNSClient(config(UNKNOWN_KEY)).send(new PublishCommand({ TopicArn: TOPIC, Message: 'x' })))).toStrictEqual({
      name: 'InvalidClientTokenId',
      status: 403,
      message: 'The security token included in the request is invalid.',
    });
    expect(await refusal(new SNSClient(config(WRONG_SECRET)).send(new PublishCommand({ TopicArn: TOPIC, Message: 'x' })))).toMatchObject({
      name: 'SignatureDoesNotMatch',
      status: 403,
    });
    expect((await stack.snapshot()).messages).toStrictEqual([]);
  });
});

describe('Lambda Invoke: REST JSON, HTTP 403 with x-amzn-ErrorType', () => {
  const invoke = (credentials: Credentials) =>
    signAndFetch({ service: 'lambda', region: 'us-east-1', credentials }, 'POST', `${edge.url}/2015-03-31/functions/no-such-function/invocations`, { body: '{}' });

  test('an unknown access key is UnrecognizedClientException; a wrong secret is InvalidSignatureException', async () => {
    const unknown = await invoke(UNKNOWN_KEY);
    expect([unknown.status, unknown.headers.get('x-amzn-errortype'), JSON.parse(unknown.body).message]).toStrictEqual([
      403,
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    ]);
    const wrong = await invoke(WRONG_SECRET);
    expect([wrong.status, wrong.headers.get('x-amzn-errortype')]).toStrictEqual([403, 'InvalidSignatureException']);
    // Signed right, the request reaches Lambda, which answers its own 404.
    expect((await invoke(LOCAL_CREDENTIALS)).status).toBe(404);
  });
});
