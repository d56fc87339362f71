import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  paginateGetExecutionHistory,
  paginateListExecutions,
  paginateListStateMachines,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { startLocalStack, type LocalStack } from '../../local';
import { removeFixture, singleState, writeFixtureStack } from '../support/local';
import { describeWhenEnded, refusal } from '../support/sfn';

// The local Step Functions API driven by the AWS SDK v3 client, operation by operation, against the shapes, error
// codes and HTTP statuses of the AWS Step Functions API Reference
// (https://docs.aws.amazon.com/step-functions/latest/apireference/API_<Operation>.html).

const RECEIVE = `exports.handler = async () => 'received';`;
const ACCOUNT_REGION = 'arn:aws:states:us-east-1:000000000000';

let dir: string;
let stack: LocalStack;
let sfn: SFNClient;
/** StartSyncExecution is served on the `sync-` host prefix on AWS; a local endpoint takes it without the prefix. */
let syncSfn: SFNClient;

const QUICK = singleState({ Type: 'Pass', Parameters: { 'echo.$': '$' } });

beforeAll(async () => {
  dir = writeFixtureStack({
    functions: [{ name: 'receive', code: RECEIVE }],
    stateMachines: {
      quick: QUICK,
      held: singleState({
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: '${aws_lambda_function.receive.arn}', Payload: { 'token.$': '$$.Task.Token' } },
        TimeoutSeconds: 600,
      }),
      'express-ok': singleState({ Type: 'Pass', Parameters: { 'doubled.$': 'States.MathAdd($.n, $.n)' } }),
      'express-fail': { StartAt: 'Break', States: { Break: { Type: 'Fail', Error: 'Broke', Cause: 'on purpose' } } },
    },
  });
  // Two machines EXPRESS, and a synthesized logging configuration on `quick` (as the stacks' constructs write it).
  const file = path.join(dir, 'cdk.tf.json');
  const tf = JSON.parse(fs.readFileSync(file, 'utf8'));
  tf.resource.aws_cloudwatch_log_group = { logs: { name: '/aws/vendedlogs/states/quick' } };
  tf.resource.aws_sfn_state_machine.quick.logging_configuration = {
    level: 'ERROR',
    include_execution_data: true,
    log_destination: '${aws_cloudwatch_log_group.logs.arn}:*',
  };
  tf.resource.aws_sfn_state_machine['express-ok'].type = 'EXPRESS';
  tf.resource.aws_sfn_state_machine['express-fail'].type = 'EXPRESS';
  fs.writeFileSync(file, JSON.stringify(tf));
  stack = await startLocalStack(dir);
  const config = { endpoint: stack.endpoints.stepfunctions, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } };
  sfn = new SFNClient(config);
  syncSfn = new SFNClient({ ...config, disableHostPrefix: true });
});

afterAll(async () => {
  sfn?.destroy();
  syncSfn?.destroy();
  await stack?.close();
  removeFixture(dir);
});

const arnOf = (name: string) => `${ACCOUNT_REGION}:stateMachine:${name}`;


const finished = async (executionArn: string): Promise<string> => (await describeWhenEnded(sfn, executionArn, 200)).status!;

/** A raw AWS JSON 1.0 call, for what no SDK sends (an unknown operation, a body that is not JSON). */
async function raw(target: string, body: string): Promise<{ status: number; body: { __type: string; message: string } }> {
  const response = await fetch(stack.endpoints.stepfunctions, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target },
    body,
  });
  return { status: response.status, body: (await response.json()) as { __type: string; message: string } };
}

describe('state machines (API_ListStateMachines, API_DescribeStateMachine, API_DescribeStateMachineForExecution)', () => {
  test('ListStateMachines pages every state machine with its type and creation date', async () => {
    const first = await sfn.send(new ListStateMachinesCommand({ maxResults: 3 }));
    expect(first.stateMachines).toHaveLength(3);
    expect(first.nextToken).toEqual(expect.any(String));
    const pages = [];
    for await (const page of paginateListStateMachines({ client: sfn, pageSize: 3 }, {})) pages.push(page.stateMachines ?? []);
    expect(pages.map((p) => p.length)).toEqual([3, 1]);
    const all = pages.flat();
    expect(all.map((m) => m.name).sort()).toEqual(['express-fail', 'express-ok', 'held', 'quick']);
    expect(all.find((m) => m.name === 'express-ok')).toEqual({ stateMachineArn: arnOf('express-ok'), name: 'express-ok', type: 'EXPRESS', creationDate: expect.any(Date) });
  });

  test('DescribeStateMachine gives the definition as JSON text, the role, the type and the synthesized logging', async () => {
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arnOf('quick') }));
    expect(described).toMatchObject({
      stateMachineArn: arnOf('quick'),
      name: 'quick',
      status: 'ACTIVE',
      roleArn: 'arn:aws:iam::000000000000:role/fixture-role',
      type: 'STANDARD',
      loggingConfiguration: {
        level: 'ERROR',
        includeExecutionData: true,
        destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/vendedlogs/states/quick:*' } }],
      },
      tracingConfiguration: { enabled: false },
    });
    expect(JSON.parse(described.definition!)).toEqual(QUICK);
    expect(described.creationDate!.getTime()).toBeLessThanOrEqual(Date.now());
  });

  test("a state machine without logging_configuration has AWS's default: OFF, no execution data", async () => {
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arnOf('express-ok') }));
    expect(described.type).toBe('EXPRESS');
    expect(described.loggingConfiguration).toEqual({ level: 'OFF', includeExecutionData: false });
  });

  test('DescribeStateMachineForExecution answers the state machine an execution ran on', async () => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('quick'), input: '{}' }));
    const described = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ stateMachineArn: arnOf('quick'), name: 'quick', roleArn: expect.stringContaining(':role/'), updateDate: expect.any(Date) });
    expect(JSON.parse(described.definition!)).toEqual(QUICK);
  });

  test('unknown or malformed ARNs: StateMachineDoesNotExist, ExecutionDoesNotExist, InvalidArn (HTTP 400)', async () => {
    expect(await refusal(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arnOf('nope') })))).toMatchObject({ name: 'StateMachineDoesNotExist', status: 400 });
    expect(await refusal(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'not-an-arn' })))).toMatchObject({ name: 'InvalidArn', status: 400 });
    // An execution ARN where a state machine's is wanted is of the wrong resource type.
    expect(await refusal(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `${ACCOUNT_REGION}:execution:quick:x` })))).toMatchObject({ name: 'InvalidArn', status: 400 });
    const missing = `${ACCOUNT_REGION}:execution:quick:never-started`;
    expect(await refusal(sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn: missing })))).toMatchObject({ name: 'ExecutionDoesNotExist', status: 400 });
    expect(await refusal(sfn.send(new DescribeExecutionCommand({ executionArn: missing })))).toMatchObject({ name: 'ExecutionDoesNotExist', status: 400 });
    expect(await refusal(sfn.send(new DescribeExecutionCommand({ executionArn: arnOf('quick') })))).toMatchObject({ name: 'InvalidArn', status: 400 });
    expect(await refusal(sfn.send(new GetExecutionHistoryCommand({ executionArn: 'not-an-arn' })))).toMatchObject({ name: 'InvalidArn', status: 400 });
  });
});

describe('ListExecutions (API_ListExecutions)', () => {
  const names = ['list-1', 'list-2', 'list-3', 'list-4', 'list-5'];
  let machine: string;

  beforeAll(async () => {
    // Other tests start executions of `quick` too: the assertions look at the `list-` ones.
    machine = arnOf('quick');
    for (const name of names) {
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machine, name, input: '{"n": 1}' }));
      await finished(executionArn!);
    }
  });

  test('pages of maxResults, newest first, each with a nextToken until the last', async () => {
    const seen: string[] = [];
    let nextToken: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machine, statusFilter: 'SUCCEEDED', maxResults: 2, nextToken }));
      sizes.push(page.executions!.length);
      for (const e of page.executions!) {
        expect(e).toEqual({ executionArn: `${ACCOUNT_REGION}:execution:quick:${e.name}`, stateMachineArn: machine, name: e.name, status: 'SUCCEEDED', redriveCount: 0, startDate: expect.any(Date), stopDate: expect.any(Date) });
        seen.push(e.name!);
      }
      nextToken = page.nextToken;
    } while (nextToken);
    const listed = seen.filter((n) => n.startsWith('list-'));
    expect(listed).toEqual([...names].reverse());
    expect(new Set(seen).size).toBe(seen.length);
    expect(sizes.slice(0, -1).every((s) => s === 2)).toBe(true);
  });

  test("the SDK's paginator reads every page; statusFilter keeps only that status", async () => {
    const all = [];
    for await (const page of paginateListExecutions({ client: sfn, pageSize: 2 }, { stateMachineArn: machine })) all.push(...(page.executions ?? []));
    expect(all.filter((e) => e.name!.startsWith('list-'))).toHaveLength(5);
    const failed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machine, statusFilter: 'FAILED' }));
    expect(failed.executions).toEqual([]);
    expect(failed.nextToken).toBeUndefined();
  });

  test('a token that was not issued, or was issued for other arguments, is InvalidToken (HTTP 400)', async () => {
    const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machine, statusFilter: 'SUCCEEDED', maxResults: 1 }));
    expect(page.nextToken).toEqual(expect.any(String));
    const same = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machine, statusFilter: 'SUCCEEDED', maxResults: 1, nextToken: page.nextToken }));
    expect(same.executions![0]!.name).not.toBe(page.executions![0]!.name);
    expect(await refusal(sfn.send(new ListExecutionsCommand({ stateMachineArn: machine, nextToken: 'garbage' })))).toMatchObject({ name: 'InvalidToken', status: 400 });
    // The execution the token names is in the unfiltered list too: only the changed argument makes it invalid.
    const changed = sfn.send(new ListExecutionsCommand({ stateMachineArn: machine, maxResults: 1, nextToken: page.nextToken }));
    expect(await refusal(changed)).toMatchObject({ name: 'InvalidToken', status: 400, message: expect.stringContaining('other arguments') });
  });

  test('maxResults over 1000, a bad statusFilter, no ARN: ValidationException; Express, unknown, malformed ARNs', async () => {
    expect(await refusal(sfn.send(new ListExecutionsCommand({ stateMachineArn: machine, maxResults: 1001 })))).toMatchObject({ name: 'ValidationException', status: 400 });
    // The SDK sends an unknown enum value as it is.
    expect(await refusal(sfn.send(new ListExecutionsCommand({ stateMachineArn: machine, statusFilter: 'DONE' as 'RUNNING' })))).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(await refusal(sfn.send(new ListExecutionsCommand({})))).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(await refusal(sfn.send(new ListExecutionsCommand({ stateMachineArn: arnOf('express-ok') })))).toMatchObject({ name: 'StateMachineTypeNotSupported', status: 400 });
    expect(await refusal(sfn.send(new ListExecutionsCommand({ stateMachineArn: arnOf('nope') })))).toMatchObject({ name: 'StateMachineDoesNotExist', status: 400 });
    expect(await refusal(sfn.send(new ListExecutionsCommand({ mapRunArn: 'not-an-arn' })))).toMatchObject({ name: 'InvalidArn', status: 400 });
  });
});

describe('StartSyncExecution (API_StartSyncExecution)', () => {
  test('an Express execution runs to its end: status, output, billing details', async () => {
    const answer = await syncSfn.send(new StartSyncExecutionCommand({ stateMachineArn: arnOf('express-ok'), name: 'sync-1', input: '{"n": 21}' }));
    expect(answer).toMatchObject({
      executionArn: expect.stringMatching(/^arn:aws:states:us-east-1:000000000000:express:express-ok:sync-1/),
      stateMachineArn: arnOf('express-ok'),
      name: 'sync-1',
      status: 'SUCCEEDED',
      input: '{"n": 21}',
      output: '{"doubled":42}',
      startDate: expect.any(Date),
      stopDate: expect.any(Date),
      billingDetails: { billedDurationInMilliseconds: expect.any(Number), billedMemoryUsedInMB: 64 },
    });
    expect(answer.billingDetails!.billedDurationInMilliseconds! % 100).toBe(0);
    expect(answer.billingDetails!.billedDurationInMilliseconds).toBeGreaterThanOrEqual(100);
    // Express execution names need not be unique.
    const again = await syncSfn.send(new StartSyncExecutionCommand({ stateMachineArn: arnOf('express-ok'), name: 'sync-1', input: '{"n": 1}' }));
    expect(again.output).toBe('{"doubled":2}');
  });

  test('a failed execution is still HTTP 200, with status FAILED, error and cause', async () => {
    const answer = await syncSfn.send(new StartSyncExecutionCommand({ stateMachineArn: arnOf('express-fail') }));
    expect(answer).toMatchObject({ status: 'FAILED', error: 'Broke', cause: 'on purpose', $metadata: { httpStatusCode: 200 } });
    expect(answer.output).toBeUndefined();
  });

  test('on a Standard state machine: StateMachineTypeNotSupported (HTTP 400)', async () => {
    expect(await refusal(syncSfn.send(new StartSyncExecutionCommand({ stateMachineArn: arnOf('quick') })))).toMatchObject({ name: 'StateMachineTypeNotSupported', status: 400 });
  });
});

describe('StartExecution at the edges (API_StartExecution)', () => {
  test('the same name and input while running returns the running execution; another input is ExecutionAlreadyExists', async () => {
    const request = { stateMachineArn: arnOf('held'), name: 'reuse', input: '{"a": 1}' };
    const first = await sfn.send(new StartExecutionCommand(request));
    const second = await sfn.send(new StartExecutionCommand(request));
    expect(second.executionArn).toBe(first.executionArn);
    expect(await refusal(sfn.send(new StartExecutionCommand({ ...request, input: '{"a": 2}' })))).toMatchObject({ name: 'ExecutionAlreadyExists', status: 400 });
    await sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
    expect(await finished(first.executionArn!)).toBe('ABORTED');
    // Once it has ended, the name is taken whatever the input.
    expect(await refusal(sfn.send(new StartExecutionCommand(request)))).toMatchObject({ name: 'ExecutionAlreadyExists', status: 400 });
  });

  test('bad names: InvalidName; over 80 characters: ValidationException, checked before the state machine exists', async () => {
    expect(await refusal(sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('quick'), name: 'a b' })))).toMatchObject({ name: 'InvalidName', status: 400 });
    expect(await refusal(sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('quick'), name: 'x#y' })))).toMatchObject({ name: 'InvalidName', status: 400 });
    const long = 'n'.repeat(81);
    const tooLong = await refusal(sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('nope'), name: long })));
    expect(tooLong).toMatchObject({ name: 'ValidationException', status: 400, message: expect.stringContaining("at 'name' failed to satisfy constraint") });
    // The state machine is looked up before the name's characters are checked.
    expect(await refusal(sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('nope'), name: 'a b' })))).toMatchObject({ name: 'StateMachineDoesNotExist', status: 400 });
  });

  test('input over 256 KiB is ValidationException; input that is not JSON is InvalidExecutionInput', async () => {
    const big = JSON.stringify('x'.repeat(256 * 1024));
    const tooBig = await refusal(sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('quick'), input: big })));
    expect(tooBig).toMatchObject({ name: 'ValidationException', status: 400, message: expect.stringContaining('262144 bytes in UTF-8 encoding') });
    expect(await refusal(sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('quick'), input: '{' })))).toMatchObject({ name: 'InvalidExecutionInput', status: 400 });
    // Exactly 256 KiB is within the limit.
    const atLimit = JSON.stringify('x'.repeat(256 * 1024 - 2));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('quick'), input: atLimit }));
    expect(await finished(executionArn!)).toMatch(/SUCCEEDED|FAILED/);
  });
});

describe('the wire (AWS JSON 1.0)', () => {
  test('an unknown operation is UnknownOperationException, a body that is not JSON SerializationException, with namespaced __type', async () => {
    const unknown = await raw('AWSStepFunctions.FlyToTheMoon', '{}');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ __type: 'com.amazon.coral.service#UnknownOperationException', message: expect.stringContaining('FlyToTheMoon') });
    const malformed = await raw('AWSStepFunctions.ListStateMachines', '{"maxResults": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.__type).toBe('com.amazon.coral.service#SerializationException');
    const missing = await raw('AWSStepFunctions.DescribeExecution', JSON.stringify({ executionArn: `${ACCOUNT_REGION}:execution:quick:none` }));
    expect(missing).toEqual({ status: 400, body: { __type: 'com.amazonaws.swf.service.v2.model#ExecutionDoesNotExist', message: expect.stringContaining('none') } });
  });

  test('GetExecutionHistory pages with opaque tokens, forwards and in reverse', async () => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('quick'), input: '{"k": 1}' }));
    await finished(executionArn!);
    const { events: all = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    expect(all.length).toBeGreaterThan(3);
    for (const reverseOrder of [false, true]) {
      const paged = [];
      for await (const page of paginateGetExecutionHistory({ client: sfn, pageSize: 2 }, { executionArn, reverseOrder })) paged.push(...(page.events ?? []));
      expect(paged.map((e) => e.id)).toEqual((reverseOrder ? [...all].reverse() : all).map((e) => e.id));
    }
    const bad = sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken: '12' }));
    expect(await refusal(bad)).toMatchObject({ name: 'InvalidToken', status: 400 });
  });
});
