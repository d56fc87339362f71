import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { startLocalStack, type ExecutionResult, type LocalStack } from '../../local';
import { removeFixture, singleState, writeFixtureStack } from '../support/local';

// Task integrations against the emulators, Map concurrency, waits and timeouts, on a hand-made stack.

// Each invocation leaves a mark, then waits (up to 5 s) until \`together\` invocations of its execution have left one,
// so that invocations that can run at once are sure to overlap however loaded the machine is; one that runs alone
// ends at its deadline, before the next starts.
const TRACK = `
const fs = require('node:fs');
const path = require('node:path');
exports.handler = async (event) => {
  const start = Date.now();
  const dir = path.join(process.env.MARKS, event.run);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, String(event.item)), '');
  const deadline = start + 5000;
  while (fs.readdirSync(dir).length < event.together && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { item: event.item, start, end: Date.now() };
};`;

const UPLOAD = `
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const s3 = new S3Client({});
exports.handler = async (event) => s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: event.key, Body: 'hello' })).then(() => 'ok');`;

function mapOver(maxConcurrency: number): object {
  return singleState({
    Type: 'Map',
    ItemsPath: '$.items',
    MaxConcurrency: maxConcurrency,
    ItemSelector: { 'item.$': '$$.Map.Item.Value', together: maxConcurrency, 'run.$': '$$.Execution.Name' },
    ItemProcessor: {
      StartAt: 'Track',
      States: {
        Track: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '${aws_lambda_function.track.arn}', 'Payload.$': '$' }, OutputPath: '$.Payload', End: true },
      },
    },
  });
}

const sdk = (action: string, parameters: object, next?: string) => ({ Type: 'Task', Resource: `arn:aws:states:::aws-sdk:${action}`, Parameters: parameters, ...(next ? { Next: next } : { End: true }) });

let dir: string;
let stack: LocalStack;
const marks = fs.mkdtempSync(path.join(os.tmpdir(), 'track-marks-'));

beforeAll(async () => {
  dir = writeFixtureStack({
    tables: [{ name: 'orders', hashKey: 'id' }],
    buckets: ['invoices'],
    topics: ['order-events'],
    functions: [
      { name: 'track', code: TRACK, environment: { MARKS: marks }, timeout: 10 },
      { name: 'upload', code: UPLOAD, environment: { BUCKET: '${aws_s3_bucket.invoices.bucket}' } },
    ],
    stateMachines: {
      'map-1': mapOver(1),
      'map-3': mapOver(3),
      publish: singleState({
        Type: 'Task',
        Resource: 'arn:aws:states:::sns:publish',
        Parameters: { TopicArn: '${aws_sns_topic.order-events.arn}', Subject: 'Order placed', Message: { 'order.$': '$.id', status: 'PLACED' } },
      }),
      'publish-elsewhere': singleState({ Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: 'arn:aws:sns:us-east-1:000000000000:not-ours', Message: 'x' } }),
      'put-once': singleState({
        Type: 'Task',
        Resource: 'arn:aws:states:::dynamodb:putItem',
        Parameters: { TableName: '${aws_dynamodb_table.orders.name}', Item: { id: { 'S.$': '$.id' } }, ConditionExpression: 'attribute_not_exists(id)' },
      }),
      'put-bad-key': singleState({ Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: '${aws_dynamodb_table.orders.name}', Item: { id: { N: '1' } } } }),
      's3-roundtrip': {
        StartAt: 'Put',
        States: {
          Put: { ...sdk('s3:putObject', { Bucket: '${aws_s3_bucket.invoices.bucket}', 'Key.$': '$.key', 'Body.$': '$.body' }, 'Get'), ResultPath: null },
          Get: sdk('s3:getObject', { Bucket: '${aws_s3_bucket.invoices.bucket}', 'Key.$': '$.key' }),
        },
      },
      's3-missing': singleState(sdk('s3:getObject', { Bucket: '${aws_s3_bucket.invoices.bucket}', Key: 'nothing-here' })),
      'wait-long': { StartAt: 'Pause', TimeoutSeconds: 1, States: { Pause: { Type: 'Wait', Seconds: 3, End: true } } },
    },
  });
  stack = await startLocalStack(dir);
});

afterAll(async () => {
  await stack?.close();
  removeFixture(dir);
  fs.rmSync(marks, { recursive: true, force: true });
});

/** The most invocations that were running at the same moment. */
function peakConcurrency(result: ExecutionResult): number {
  const spans = result.output as { start: number; end: number }[];
  return Math.max(...spans.map((s) => spans.filter((o) => o.start < s.end && s.start < o.end).length));
}

test('a Map state honours MaxConcurrency: 1 runs items one by one, 3 runs them at once', async () => {
  // WHEN
  const one = await stack.execute({ items: ['cs', 'econ', 'math'] }, { stateMachine: 'map-1' });
  const three = await stack.execute({ items: ['cs', 'econ', 'math'] }, { stateMachine: 'map-3' });
  // THEN
  expect([one.status, three.status]).toStrictEqual(['SUCCEEDED', 'SUCCEEDED']);
  expect((one.output as { item: string }[]).map((o) => o.item)).toStrictEqual(['cs', 'econ', 'math']);
  expect(peakConcurrency(one)).toBe(1);
  expect(peakConcurrency(three)).toBe(3);
  expect(one.transitions).toBe(4); // the Map, then Track once per item
});

test('sns:publish sends an object Message as JSON text and records it; an unknown topic is SNS.NotFoundException', async () => {
  // WHEN
  const published = await stack.execute({ id: 'o-1' }, { stateMachine: 'publish' });
  const elsewhere = await stack.execute({}, { stateMachine: 'publish-elsewhere' });
  // THEN
  expect(published.output).toMatchObject({ MessageId: expect.any(String), SdkResponseMetadata: { RequestId: expect.any(String) } });
  expect((await stack.snapshot()).messages).toContainEqual(
    expect.objectContaining({ topicArn: 'arn:aws:sns:us-east-1:000000000000:order-events', subject: 'Order placed', message: '{"order":"o-1","status":"PLACED"}' }),
  );
  expect(elsewhere).toMatchObject({ status: 'FAILED', error: 'SNS.NotFoundException' });
});

test('DynamoDB errors keep their Step Functions names: a failed condition, and a validation error', async () => {
  expect((await stack.execute({ id: 'once' }, { stateMachine: 'put-once' })).status).toBe('SUCCEEDED');
  const again = await stack.execute({ id: 'once' }, { stateMachine: 'put-once' });
  expect(again).toMatchObject({ status: 'FAILED', error: 'DynamoDB.ConditionalCheckFailedException', cause: expect.stringMatching(/Error Code: ConditionalCheckFailedException/) });
  expect(await stack.execute({}, { stateMachine: 'put-bad-key' })).toMatchObject({ status: 'FAILED', error: 'DynamoDB.AmazonDynamoDBException' });
});

test('AWS SDK integrations write and read S3 objects; a missing key is S3.NoSuchKeyException', async () => {
  const roundtrip = await stack.execute({ key: 'invoices/a0.json', body: '{"total":"12.00"}' }, { stateMachine: 's3-roundtrip' });
  expect(roundtrip.output).toMatchObject({ Body: '{"total":"12.00"}', ContentLength: 17 });
  expect((await stack.snapshot()).buckets.invoices).toStrictEqual({ 'invoices/a0.json': '{"total":"12.00"}' });
  expect(await stack.execute({}, { stateMachine: 's3-missing' })).toMatchObject({ status: 'FAILED', error: 'S3.NoSuchKeyException' });
});

test('Wait states cost no wall time but count on the virtual clock: TimeoutSeconds 1 with a 3 s Wait is States.Timeout at once; with real waits, after 1 s', async () => {
  // Developer Guide, "Wait workflow state" and "Step Functions states language: TimeoutSeconds": the execution fails
  // with States.Timeout when it runs longer than TimeoutSeconds, and a Wait counts toward it.
  // WHEN: virtual clock (the default)
  const started = Date.now();
  const virtual = await stack.execute({}, { stateMachine: 'wait-long' });
  // THEN
  expect(virtual).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
  expect(Date.now() - started).toBeLessThan(500);
  // On the execution's clock the timeout passed (and a little real time besides).
  expect(virtual.stopDate.getTime() - virtual.startDate.getTime()).toBeGreaterThanOrEqual(1000);
  expect(virtual.stopDate.getTime() - virtual.startDate.getTime()).toBeLessThan(1500);
  // WHEN: real time
  const real = await startLocalStack(dir, { realWaits: true });
  try {
    const result = await real.execute({}, { stateMachine: 'wait-long' });
    // THEN
    expect(result).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(result.stopDate.getTime() - result.startDate.getTime()).toBeGreaterThanOrEqual(950);
  } finally {
    await real.close();
  }
});

test('the Step Functions API: StartExecution is idempotent for the same name and input while running; DescribeExecution follows it', async () => {
  // GIVEN a running execution (real waits keep it running for a second)
  const real = await startLocalStack(dir, { realWaits: true });
  const sfn = new SFNClient({ endpoint: real.endpoints.stepfunctions, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  try {
    const stateMachineArn = real.model.stateMachines.find((m) => m.name === 'wait-long')!.arn;
    const first = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'slow-1', input: '{"a":1}' }));
    // WHEN
    const again = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'slow-1', input: '{"a":1}' }));
    const otherInput = sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'slow-1', input: '{"a":2}' }));
    // THEN
    expect(again.executionArn).toBe(first.executionArn);
    await expect(otherInput).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    expect(await sfn.send(new DescribeExecutionCommand({ executionArn: first.executionArn }))).toMatchObject({ status: 'RUNNING', name: 'slow-1', input: '{"a":1}' });
    expect(await real.waitForExecutions(5000)).toBe(true);
    expect(await sfn.send(new DescribeExecutionCommand({ executionArn: first.executionArn }))).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
  } finally {
    sfn.destroy();
    await real.close();
  }
});

test('a function reaches local S3 path-style with no setting of its own (the endpoint is an IP address)', async () => {
  const result = await stack.invoke('upload', { key: 'from-lambda.txt' });
  expect(result.functionError).toBeUndefined();
  expect((await stack.snapshot()).buckets.invoices['from-lambda.txt']).toBe('hello');
});

test('a stack with several state machines needs one named', async () => {
  await expect(stack.execute({})).rejects.toThrow(/has 9 state machines \(map-1, map-3, .*\); say which one/);
});

test('seedTable writes DynamoDB JSON as it is; the snapshot reads items back as the functions decode DynamoDB JSON', async () => {
  // GIVEN: every type of attribute, and a number a double would change
  const item = {
    id: { S: 'seeded-typed' },
    price: { N: '1.5' },
    big: { N: '12345678901234567890' },
    tags: { SS: ['a', 'b'] },
    blob: { B: Uint8Array.from([104, 105]) },
    nested: { M: { ok: { BOOL: true }, none: { NULL: true }, list: { L: [{ N: '2' }, { S: 'x' }] } } },
  };
  // WHEN
  await stack.seedTable('orders', [item]);
  // THEN: numbers as numbers unless a double would change them, sets as arrays, binary as base64 (lambdas/process-item/dynamodb-json.ts)
  expect((await stack.snapshot()).tables.orders.find((i) => i.id === 'seeded-typed')).toStrictEqual({
    id: 'seeded-typed',
    price: 1.5,
    big: '12345678901234567890',
    tags: ['a', 'b'],
    blob: 'aGk=',
    nested: { ok: true, none: null, list: [2, 'x'] },
  });
  await expect(stack.seedTable('no-such-table', [item])).rejects.toThrow('seedTable: the stack has no table no-such-table (tables: orders).');
});
