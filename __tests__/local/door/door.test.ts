import * as path from 'node:path';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { startLocalStack, type LocalStack } from '../../../local';
import { synthApp } from '../../support/synth';

// The functions' front door: each function's own credentials (from its environment), its SDK v3 calls signed with
// them, verified, and authorized with its execution role; a denial is the service's own error with IAM's message.

const ACCOUNT = '000000000000';
const TABLE = 'step_function_orchestration';
let outdir: string;
let stack: LocalStack;
let taskStatus: LocalStack;
const clients: { destroy(): void }[] = [];

beforeAll(async () => {
  ({ outdir } = synthApp());
  [stack, taskStatus] = await Promise.all([startLocalStack(path.join(outdir, 'stacks', 'skip-the-line')), startLocalStack(path.join(outdir, 'stacks', 'task-status'))]);
}, 120_000);
afterAll(async () => {
  clients.forEach((c) => c.destroy());
  await Promise.all([stack?.close(), taskStatus?.close()]);
});

/** The client config a function's SDK builds from its environment (its credentials, the door as its endpoint). */
function configOf(of: LocalStack, suffix: string) {
  const fn = of.model.functions.find((f) => f.name.endsWith(suffix))!;
  const env = of.awsEnvironment(fn.name);
  return {
    fn,
    role: fn.roleArn.split('/').pop()!,
    config: {
      endpoint: env.AWS_ENDPOINT_URL,
      region: env.AWS_REGION,
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN },
      maxAttempts: 1,
    },
  };
}
const track = <T extends { destroy(): void }>(client: T): T => (clients.push(client), client);
const session = (role: string, fn: string) => `User: arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${fn}`;
const rejection = (promise: Promise<unknown>) => promise.then(() => undefined, (err: Error & { $metadata?: { httpStatusCode?: number } }) => ({ name: err.name, message: err.message, status: err.$metadata?.httpStatusCode }));

test('every function gets its own ASIA… key, secret and session token, and the door as every endpoint', () => {
  const envs = stack.model.functions.map((f) => stack.awsEnvironment(f.name));
  expect(new Set(envs.map((e) => e.AWS_ACCESS_KEY_ID)).size).toBe(stack.model.functions.length);
  for (const env of envs) {
    expect(env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(env.AWS_SECRET_ACCESS_KEY).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(env.AWS_SESSION_TOKEN.length).toBeGreaterThan(40);
    for (const name of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_SNS', 'AWS_ENDPOINT_URL_SFN']) expect(env[name]).toBe(stack.functionDoor.url);
  }
  // The same function gets the same credentials for the whole run.
  expect(stack.awsEnvironment(stack.model.functions[0].name)).toStrictEqual(envs[0]);
});

test('DynamoDB: get_item may GetItem; its PutItem is 400 AccessDeniedException naming the session, the action and the table', async () => {
  const { fn, role, config } = configOf(stack, '_get_item');
  const db = track(new DynamoDBClient(config));
  const key = { accountid: { S: 'door-a' }, vendorid: { S: 'v0' } };
  expect((await db.send(new GetItemCommand({ TableName: TABLE, Key: key }))).Item).toBeUndefined();
  const before = stack.functionDoor.calls;
  expect(await rejection(db.send(new PutItemCommand({ TableName: TABLE, Item: key })))).toStrictEqual({
    name: 'AccessDeniedException',
    status: 400,
    message: `${session(role, fn.name)} is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${TABLE} because no identity-based policy allows the dynamodb:PutItem action`,
  });
  expect(stack.functionDoor.calls).toBe(before); // a denied call is not passed on
  expect((await stack.snapshot()).tables[TABLE] ?? []).toStrictEqual([]);
});

test('S3: put_object may PutObject under invoices/ only (403 AccessDenied, the resource in quotes); get_object reads it, HEADs a missing key as 404 and presigns a URL that works', async () => {
  const bucket = stack.model.buckets[0].name;
  const writer = configOf(stack, '_put_object');
  const s3 = track(new S3Client(writer.config));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'invoices/door/1.json', Body: '{"total":"1"}' }));
  expect(await rejection(s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'elsewhere/1.json', Body: 'x' })))).toStrictEqual({
    name: 'AccessDenied',
    status: 403,
    message: `${session(writer.role, writer.fn.name)} is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::${bucket}/elsewhere/1.json" because no identity-based policy allows the s3:PutObject action`,
  });
  // put_object may not read what it wrote: a HEAD is 403 without a body, as S3 answers a HEAD.
  expect(await rejection(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'invoices/door/1.json' })))).toMatchObject({ status: 403 });

  const reader = configOf(stack, '_get_object');
  const s3r = track(new S3Client(reader.config));
  const object = await s3r.send(new GetObjectCommand({ Bucket: bucket, Key: 'invoices/door/1.json' }));
  expect(await object.Body?.transformToString()).toBe('{"total":"1"}');
  expect(await rejection(s3r.send(new HeadObjectCommand({ Bucket: bucket, Key: 'invoices/door/none.json' })))).toMatchObject({ name: 'NotFound', status: 404 });
  const url = await getSignedUrl(s3r, new GetObjectCommand({ Bucket: bucket, Key: 'invoices/door/1.json' }), { expiresIn: 60 });
  expect(url.startsWith(`${stack.functionDoor.url}/${bucket}/invoices/door/1.json?`)).toBe(true);
  expect(url).toContain('X-Amz-Security-Token=');
  const fetched = await fetch(url);
  expect([fetched.status, await fetched.text()]).toStrictEqual([200, '{"total":"1"}']);
  const outside = await fetch(await getSignedUrl(s3r, new GetObjectCommand({ Bucket: bucket, Key: 'elsewhere/1.json' }), { expiresIn: 60 }));
  expect(outside.status).toBe(403);
  expect(await outside.text()).toContain(`<Code>AccessDenied</Code><Message>${session(reader.role, reader.fn.name)} is not authorized to perform: s3:GetObject on resource: &quot;`.replace('&quot;', '"'));
});

test('SNS: a function without sns:Publish gets 403 AuthorizationError, the action written SNS:Publish as SNS writes it', async () => {
  const { fn, role, config } = configOf(stack, '_put_item');
  const topic = stack.model.topics[0].arn;
  expect(await rejection(track(new SNSClient(config)).send(new PublishCommand({ TopicArn: topic, Message: 'hello' })))).toStrictEqual({
    name: 'AuthorizationErrorException',
    status: 403,
    message: `${session(role, fn.name)} is not authorized to perform: SNS:Publish on resource: ${topic} because no identity-based policy allows the SNS:Publish action`,
  });
  expect((await stack.snapshot()).messages).toStrictEqual([]);
});

test('Step Functions: the starter Lambda may StartExecution its machine; validate-input may not (400 AccessDeniedException)', async () => {
  const machine = taskStatus.model.stateMachines[0].arn;
  const starter = configOf(taskStatus, '-start-task');
  const started = await track(new SFNClient(starter.config)).send(new StartExecutionCommand({ stateMachineArn: machine, input: JSON.stringify({ taskId: 'door', timestamp: 1712570158 }) }));
  expect(started.executionArn).toMatch(/^arn:aws:states:us-east-1:000000000000:execution:/);
  const other = configOf(taskStatus, '-validate-input');
  expect(await rejection(track(new SFNClient(other.config)).send(new StartExecutionCommand({ stateMachineArn: machine, input: '{}' })))).toStrictEqual({
    name: 'AccessDeniedException',
    status: 400,
    message: `${session(other.role, other.fn.name)} is not authorized to perform: states:StartExecution on resource: ${machine} because no identity-based policy allows the states:StartExecution action`,
  });
  await taskStatus.waitForExecutions(30_000);
});

test('an unknown key, a wrong session token or the edge\'s keys are refused as AWS refuses an unknown key; a service the door does not serve is named', async () => {
  const { config } = configOf(stack, '_get_item');
  const get = (credentials: typeof config.credentials) => rejection(track(new DynamoDBClient({ ...config, credentials })).send(new GetItemCommand({ TableName: TABLE, Key: { accountid: { S: 'a' }, vendorid: { S: 'v' } } })));
  const invalid = { name: 'UnrecognizedClientException', status: 400, message: 'The security token included in the request is invalid.' };
  expect(await get({ ...config.credentials, accessKeyId: 'ASIAAAAAAAAAAAAAAAAA' })).toStrictEqual(invalid);
  expect(await get({ ...config.credentials, sessionToken: 'another' })).toStrictEqual(invalid);
  expect(await get({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', sessionToken: undefined as unknown as string })).toStrictEqual(invalid);
  const bucket = stack.model.buckets[0].name;
  expect(await rejection(track(new S3Client({ ...config, credentials: { accessKeyId: 'nobody', secretAccessKey: 'x' } })).send(new GetObjectCommand({ Bucket: bucket, Key: 'k' })))).toMatchObject({
    name: 'InvalidAccessKeyId',
    status: 403,
  });
  const lambda = await fetch(`${stack.functionDoor.url}/2015-03-31/functions/f/invocations`, { method: 'POST', body: '{}' });
  expect(lambda.status).toBe(400);
  expect(await lambda.text()).toContain('NotEmulatedLocally');
});

test('--iam warn lets a denied call through with one line naming the function and the call; --iam off checks nothing', async () => {
  for (const iam of ['warn', 'off'] as const) {
    const lines: string[] = [];
    const other = await startLocalStack(path.join(outdir, 'stacks', 'skip-the-line'), { iam, onIamDenial: (line) => lines.push(line) });
    try {
      const { fn, role, config } = configOf(other, '_get_item');
      const db = track(new DynamoDBClient(config));
      await db.send(new PutItemCommand({ TableName: TABLE, Item: { accountid: { S: iam }, vendorid: { S: 'v0' } } }));
      expect((await other.snapshot()).tables[TABLE]).toStrictEqual([{ accountid: iam, vendorid: 'v0' }]);
      expect(lines).toStrictEqual(
        iam === 'warn'
          ? [
              `IAM (warn): function ${fn.name}, DynamoDB PutItem: ${session(role, fn.name)} is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${TABLE} because no identity-based policy allows the dynamodb:PutItem action (no statement of role ${role}'s policies allows dynamodb:PutItem on arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${TABLE}); the call goes through.`,
            ]
          : [],
      );
    } finally {
      await other.close();
    }
  }
});
