import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, GetItemCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListBucketsCommand, NoSuchBucket, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, ExecutionDoesNotExist, ListStateMachinesCommand, SFNClient, StartExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { NotFoundException, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { LOCAL_CREDENTIALS, startLocalEdge, startLocalStack, type LocalEdge, type LocalStack } from '../../../local';
import { synthApp } from '../../support/synth';
import { signedFetch } from './signed-fetch';

// One edge in front of all four synthesized stacks, driven by the AWS SDK v3 clients with `endpoint` only.

const IDS = ['task-status', 'sfn-dynamodb', 'skip-the-line', 'parallel-map'] as const;
const SEED_MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:StateMachinetoDDB';
const BUCKET = 'stepfunctionorchestration-local';
const TOPIC = 'arn:aws:sns:us-east-1:000000000000:step_function_orchestration_topic';
const VALIDATE = 'task-status-validate-input';

let outdir: string;
const stacks: Record<string, LocalStack> = {};
let edge: LocalEdge;
const config = () => ({ endpoint: edge.url, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });

beforeAll(async () => {
  const synth = synthApp();
  outdir = synth.outdir;
  for (const id of IDS) stacks[id] = await startLocalStack(synth.stacks[id].dir);
  edge = await startLocalEdge(IDS.map((id) => stacks[id]));
});

afterAll(async () => {
  await edge?.close();
  await Promise.all(Object.values(stacks).map((s) => s.close()));
  fs.rmSync(outdir, { recursive: true, force: true });
});

async function describeUntilDone(sfn: SFNClient, executionArn: string): Promise<DescribeExecutionCommandOutput> {
  for (let i = 0; i < 200; i++) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') return described;
    await sleep(50);
  }
  throw new Error(`${executionArn} still RUNNING after 10 s`);
}

test('the seed flow of sfn-dynamodb: StartExecution "test", DescribeExecution SUCCEEDED with the item, GetItem reads it', async () => {
  // GIVEN
  const sfn = new SFNClient(config());
  const dynamodb = new DynamoDBClient(config());
  // WHEN
  const started = await sfn.send(new StartExecutionCommand({ name: 'test', stateMachineArn: SEED_MACHINE, input: JSON.stringify({ id: '12345' }) }));
  const described = await describeUntilDone(sfn, started.executionArn!);
  const item = await dynamodb.send(new GetItemCommand({ TableName: 'sfn-dynamodb-items', Key: { id: { S: '12345' } } }));
  // THEN
  expect(started.executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:StateMachinetoDDB:test');
  expect(described.status).toBe('SUCCEEDED');
  expect(JSON.parse(described.output!)).toStrictEqual({ id: { S: '12345' }, description: { S: 'Hello, my id is 12345.' } });
  expect(item.Item).toStrictEqual({ id: { S: '12345' }, description: { S: 'Hello, my id is 12345.' } });
  sfn.destroy();
  dynamodb.destroy();
});

test('Step Functions errors come from the stack that owns the ARN, with their AWS codes', async () => {
  const sfn = new SFNClient(config());
  const missing = 'arn:aws:states:us-east-1:000000000000:execution:StateMachinetoDDB:never-started';
  await expect(sfn.send(new DescribeExecutionCommand({ executionArn: missing }))).rejects.toBeInstanceOf(ExecutionDoesNotExist);
  sfn.destroy();
});

// API Reference, ListStateMachines: maxResults and an opaque nextToken; one account lists every state machine.
test('Step Functions ListStateMachines lists the machines of all four stacks, paged by the edge', async () => {
  const sfn = new SFNClient(config());
  const first = await sfn.send(new ListStateMachinesCommand({ maxResults: 3 }));
  const second = await sfn.send(new ListStateMachinesCommand({ maxResults: 3, nextToken: first.nextToken }));
  const names = [...(first.stateMachines ?? []), ...(second.stateMachines ?? [])].map((m) => m.name);
  expect(names).toStrictEqual(['StateMachinetoDDB', 'TestStateMachine', 'step_function_orchestration', 'task-status']);
  expect(second.nextToken).toBeUndefined();
  await expect(sfn.send(new ListStateMachinesCommand({ nextToken: 'not-a-token' }))).rejects.toMatchObject({ name: 'InvalidToken' });
});

test('DynamoDB ListTables lists the tables of all four stacks', async () => {
  const dynamodb = new DynamoDBClient(config());
  const listed = await dynamodb.send(new ListTablesCommand({}));
  expect(listed.TableNames).toStrictEqual(['StepFunctionsProjectDDBTable', 'Tasks', 'sfn-dynamodb-items', 'step_function_orchestration'].sort());
  const paged = await dynamodb.send(new ListTablesCommand({ Limit: 2 }));
  expect(paged).toMatchObject({ TableNames: listed.TableNames!.slice(0, 2), LastEvaluatedTableName: listed.TableNames![1] });
  dynamodb.destroy();
});

test('S3 PutObject then GetObject reach the bucket of skip-the-line (path-style); an unknown bucket is NoSuchBucket', async () => {
  const s3 = new S3Client({ ...config(), forcePathStyle: true });
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'edge/hello.txt', Body: 'hello through the edge', ContentType: 'text/plain' }));
  const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'edge/hello.txt' }));
  expect(await got.Body!.transformToString()).toBe('hello through the edge');
  expect(got.ContentType).toBe('text/plain');
  expect((await stacks['skip-the-line'].snapshot()).buckets[BUCKET]['edge/hello.txt']).toBe('hello through the edge');
  expect((await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toStrictEqual([BUCKET]);
  await expect(s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket-here', Key: 'x' }))).rejects.toBeInstanceOf(NoSuchBucket);
  s3.destroy();
});

test('SNS Publish records the message on the topic of skip-the-line; an unknown topic is NotFound', async () => {
  const sns = new SNSClient(config());
  const published = await sns.send(new PublishCommand({ TopicArn: TOPIC, Message: '{"hello":"edge"}', Subject: 'edge' }));
  const recorded = (await stacks['skip-the-line'].snapshot()).messages;
  expect(recorded).toContainEqual(expect.objectContaining({ topicArn: TOPIC, message: '{"hello":"edge"}', subject: 'edge', messageId: published.MessageId }));
  await expect(sns.send(new PublishCommand({ TopicArn: `${TOPIC}-missing`, Message: 'x' }))).rejects.toBeInstanceOf(NotFoundException);
  sns.destroy();
});

// @aws-sdk/client-lambda is not installed: Invoke is sent as its client sends it, signed with @smithy/signature-v4.
describe('Lambda Invoke (signed fetch; @aws-sdk/client-lambda is not a dependency)', () => {
  const invoke = (name: string, payload: string | undefined, headers: Record<string, string> = {}) =>
    signedFetch('lambda', `${edge.url}/2015-03-31/functions/${encodeURIComponent(name)}/invocations`, { ...(payload !== undefined && { body: payload }), headers });

  test('a function answers 200 with its result as the body and X-Amz-Executed-Version $LATEST', async () => {
    const answer = await invoke(VALIDATE, JSON.stringify({ taskId: 'Breakfast', timestamp: 1712570158 }));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-amz-executed-version')).toBe('$LATEST');
    expect(answer.headers.get('x-amz-function-error')).toBeNull();
    expect(JSON.parse(answer.body)).toStrictEqual({ taskId: 'Breakfast', timestamp: 1712570158 });
  });

  test('a function that throws answers 200 with X-Amz-Function-Error: Unhandled and the error object; by ARN too', async () => {
    const answer = await invoke(`arn:aws:lambda:us-east-1:000000000000:function:${VALIDATE}`, '{}');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(JSON.parse(answer.body)).toMatchObject({ errorType: 'ValidationError', errorMessage: expect.stringContaining('taskId') });
  });

  test('an unknown function is 404 ResourceNotFoundException; a body that is not JSON is 400 InvalidRequestContentException', async () => {
    const missing = await invoke('no-such-function', '{}');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(JSON.parse(missing.body).message).toBe('Function not found: arn:aws:lambda:us-east-1:000000000000:function:no-such-function');
    const bad = await invoke(VALIDATE, '{not json');
    expect([bad.status, bad.headers.get('x-amzn-errortype')]).toStrictEqual([400, 'InvalidRequestContentException']);
  });

  test('Event answers 202 with no body; DryRun answers 204', async () => {
    const event = await invoke(VALIDATE, '{}', { 'x-amz-invocation-type': 'Event' });
    const dryRun = await invoke(VALIDATE, '{}', { 'x-amz-invocation-type': 'DryRun' });
    expect([event.status, event.body, dryRun.status]).toStrictEqual([202, '', 204]);
  });
});

test('a service the edge does not serve is refused with an error naming the services it serves', async () => {
  const answer = await signedFetch('sqs', `${edge.url}/`, { body: 'Action=ListQueues', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(answer.status).toBe(400);
  expect(answer.body).toContain('<Code>NotEmulatedLocally</Code>');
  expect(answer.body).toContain('Step Functions (states), DynamoDB (dynamodb), S3 (s3), SNS (sns), Lambda (Invoke) (lambda); not sqs');
  const json = await signedFetch('kinesis', `${edge.url}/`, { body: '{}', headers: { 'x-amz-target': 'Kinesis_20131202.ListStreams', 'content-type': 'application/x-amz-json-1.1' } });
  expect([json.status, JSON.parse(json.body).__type]).toStrictEqual([400, 'NotEmulatedLocally']);
});

test('the edge lists what it serves, and refuses two stacks that would serve the same name', async () => {
  expect(edge.served).toMatchObject({ tables: expect.arrayContaining(['sfn-dynamodb-items']), buckets: [BUCKET], topics: [TOPIC], functions: expect.arrayContaining([VALIDATE]) });
  expect(edge.served.stateMachines).toHaveLength(4);
  const twin = await startLocalStack(path.join(outdir, 'stacks', 'sfn-dynamodb'));
  try {
    await expect(startLocalEdge([stacks['sfn-dynamodb'], twin])).rejects.toThrow(
      /^Stacks sfn-dynamodb and sfn-dynamodb both have a state machine arn:aws:states:us-east-1:000000000000:stateMachine:StateMachinetoDDB, so one endpoint cannot tell which is meant/,
    );
  } finally {
    await twin.close();
  }
});
