import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLocalStack, type LocalStack } from '../../local';
import { removeFixture, writeFixtureStack } from '../support/local';
import { describeWhenEnded, refusal } from '../support/sfn';

// RedriveExecution on the local Step Functions API, driven by the AWS SDK v3 client (API Reference,
// "RedriveExecution", "DescribeExecution" redriveCount/redriveDate/redriveStatus/redriveStatusReason,
// "ListExecutions" redriveFilter, "ExecutionRedrivenEventDetails"). The stack injects one failure into the first
// attempt of `Charge` in each execution, so an execution fails there once and its redrive succeeds.

const ECHO = `exports.handler = async (event) => ({ ...event, handled: true });`;
const MACHINES = 'arn:aws:states:us-east-1:000000000000';
const ORDERS = `${MACHINES}:stateMachine:orders`;
const HELD = `${MACHINES}:stateMachine:held`;
const FUNCTION = '${aws_lambda_function.echo.arn}';

let dir: string;
let stack: LocalStack;
let sfn: SFNClient;

beforeAll(async () => {
  dir = writeFixtureStack({
    functions: [{ name: 'echo', code: ECHO }],
    stateMachines: {
      orders: {
        StartAt: 'Reserve',
        States: {
          Reserve: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: FUNCTION, 'Payload.$': '$' }, OutputPath: '$.Payload', Next: 'Charge' },
          Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: FUNCTION, 'Payload.$': '$' }, OutputPath: '$.Payload', Next: 'Done' },
          Done: { Type: 'Pass', End: true },
        },
      },
      held: {
        StartAt: 'Wait',
        States: {
          Wait: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: FUNCTION, Payload: { 'token.$': '$$.Task.Token' } }, End: true },
        },
      },
    },
  });
  stack = await startLocalStack(dir, { faults: [{ state: 'Charge', error: 'Flaky', times: 1, cause: 'first attempt fails' }] });
  sfn = new SFNClient({ endpoint: stack.endpoints.stepfunctions, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
});

afterAll(async () => {
  sfn?.destroy();
  await stack?.close();
  removeFixture(dir);
});


const ended = async (executionArn: string): Promise<string> => (await describeWhenEnded(sfn, executionArn, 400)).status!;

async function failedOrder(name: string): Promise<string> {
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: ORDERS, name, input: JSON.stringify({ id: name }) }));
  expect(await ended(executionArn!)).toBe('FAILED');
  return executionArn!;
}

async function history(executionArn: string): Promise<HistoryEvent[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];
}

describe('a failed execution redriven (API_RedriveExecution)', () => {
  test('FAILED and REDRIVABLE, then redriven: SUCCEEDED with redriveCount 1, redriveDate and NOT_REDRIVABLE', async () => {
    const executionArn = await failedOrder('order-1');
    const before = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(before).toMatchObject({ status: 'FAILED', error: 'Flaky', redriveCount: 0, redriveStatus: 'REDRIVABLE' });
    expect(before.redriveDate).toBeUndefined();
    expect(before.redriveStatusReason).toBeUndefined();

    const answer = await sfn.send(new RedriveExecutionCommand({ executionArn }));
    expect(answer.$metadata.httpStatusCode).toBe(200);
    expect(answer.redriveDate).toBeInstanceOf(Date);
    expect(await ended(executionArn)).toBe('SUCCEEDED');

    const after = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(after).toMatchObject({
      status: 'SUCCEEDED',
      executionArn,
      name: 'order-1',
      input: JSON.stringify({ id: 'order-1' }),
      redriveCount: 1,
      redriveStatus: 'NOT_REDRIVABLE',
      redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
    });
    expect(after.startDate).toEqual(before.startDate);
    expect(after.redriveDate).toEqual(answer.redriveDate);
    expect(JSON.parse(after.output!)).toEqual({ id: 'order-1', handled: true });
    expect(after.error).toBeUndefined();
  });

  test('the history goes on after ExecutionFailed with ExecutionRedriven; the states before Charge are not run again', async () => {
    const executionArn = await failedOrder('order-2');
    const failedEvents = await history(executionArn);
    await sfn.send(new RedriveExecutionCommand({ executionArn }));
    expect(await ended(executionArn)).toBe('SUCCEEDED');
    const events = await history(executionArn);
    const n = failedEvents.length;
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events[n - 1].type).toBe('ExecutionFailed');
    expect(events[n]).toMatchObject({ id: n + 1, previousEventId: n, type: 'ExecutionRedriven', executionRedrivenEventDetails: { redriveCount: 1 } });
    const enteredAfter = events.slice(n).filter((e) => e.type?.endsWith('StateEntered')).map((e) => e.stateEnteredEventDetails?.name);
    expect(enteredAfter).toEqual(['Charge', 'Done']);
    expect(events.filter((e) => e.type === 'TaskScheduled').map((e) => e.previousEventId)).toHaveLength(3);
    expect(events.filter((e) => e.type === 'TaskStateEntered' && e.stateEnteredEventDetails?.name === 'Reserve')).toHaveLength(1);
    expect(events[events.length - 1].type).toBe('ExecutionSucceeded');
  });

  test('the same clientToken answers the same redriveDate without a second redrive; without it, ExecutionNotRedrivable', async () => {
    const executionArn = await failedOrder('order-3');
    const first = await sfn.send(new RedriveExecutionCommand({ executionArn, clientToken: 'token-1' }));
    const again = await sfn.send(new RedriveExecutionCommand({ executionArn, clientToken: 'token-1' }));
    expect(again.redriveDate).toEqual(first.redriveDate);
    expect(await ended(executionArn)).toBe('SUCCEEDED');
    expect((await history(executionArn)).filter((e) => e.type === 'ExecutionRedriven')).toHaveLength(1);
    const other = await refusal(sfn.send(new RedriveExecutionCommand({ executionArn, clientToken: 'token-2' })));
    expect(other).toEqual({ name: 'ExecutionNotRedrivable', status: 400, message: 'Execution is SUCCEEDED and cannot be redriven' });
  });

  test('an ABORTED execution (StopExecution) is redriven and runs again', async () => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: HELD, name: 'held-1' }));
    const running = await refusal(sfn.send(new RedriveExecutionCommand({ executionArn })));
    expect(running).toEqual({ name: 'ExecutionNotRedrivable', status: 400, message: 'Execution is RUNNING and cannot be redriven' });
    await sfn.send(new StopExecutionCommand({ executionArn }));
    expect(await ended(executionArn!)).toBe('ABORTED');
    await sfn.send(new RedriveExecutionCommand({ executionArn }));
    const now = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(now).toMatchObject({ status: 'RUNNING', redriveCount: 1, redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution is RUNNING and cannot be redriven' });
    expect(now.stopDate).toBeUndefined();
    await sfn.send(new StopExecutionCommand({ executionArn }));
    expect(await ended(executionArn!)).toBe('ABORTED');
  });
});

describe('refusals, with the codes and statuses of the API Reference', () => {
  test('an unknown execution is ExecutionDoesNotExist; a malformed ARN InvalidArn; a bad clientToken ValidationException', async () => {
    const missing = await refusal(sfn.send(new RedriveExecutionCommand({ executionArn: `${MACHINES}:execution:orders:nobody` })));
    expect(missing).toMatchObject({ name: 'ExecutionDoesNotExist', status: 400 });
    const malformed = await refusal(sfn.send(new RedriveExecutionCommand({ executionArn: ORDERS })));
    expect(malformed).toMatchObject({ name: 'InvalidArn', status: 400 });
    const executionArn = await failedOrder('order-4');
    const token = await refusal(sfn.send(new RedriveExecutionCommand({ executionArn, clientToken: 'x'.repeat(65) })));
    expect(token).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(token.message).toContain("at 'clientToken' failed to satisfy constraint");
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('FAILED');
  });
});

describe('ListExecutions (API_ListExecutions redriveFilter)', () => {
  test('REDRIVEN and NOT_REDRIVEN filter, and each item has redriveCount (and redriveDate once redriven)', async () => {
    const redrivenArn = await failedOrder('order-5');
    await sfn.send(new RedriveExecutionCommand({ executionArn: redrivenArn }));
    await ended(redrivenArn);
    const notArn = await failedOrder('order-6');
    const redriven = (await sfn.send(new ListExecutionsCommand({ stateMachineArn: ORDERS, redriveFilter: 'REDRIVEN' }))).executions ?? [];
    const not = (await sfn.send(new ListExecutionsCommand({ stateMachineArn: ORDERS, redriveFilter: 'NOT_REDRIVEN' }))).executions ?? [];
    expect(redriven.map((e) => e.executionArn)).toContain(redrivenArn);
    expect(redriven.map((e) => e.executionArn)).not.toContain(notArn);
    expect(not.map((e) => e.executionArn)).toContain(notArn);
    expect(not.map((e) => e.executionArn)).not.toContain(redrivenArn);
    expect(redriven.every((e) => (e.redriveCount ?? 0) >= 1 && e.redriveDate instanceof Date)).toBe(true);
    expect(not.every((e) => e.redriveCount === 0 && e.redriveDate === undefined)).toBe(true);
  });

  test('an unknown redriveFilter is a ValidationException naming the values', async () => {
    const bad = await refusal(sfn.send(new ListExecutionsCommand({ stateMachineArn: ORDERS, redriveFilter: 'SOMETIMES' as never })));
    expect(bad).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(bad.message).toContain('[REDRIVEN, NOT_REDRIVEN]');
  });
});

describe('mocked Task responses (a MockConfigFile test case) go on counting across a redrive', () => {
  let mockDir: string;
  let mockStack: LocalStack;
  let client: SFNClient;

  beforeAll(async () => {
    mockDir = writeFixtureStack({
      stateMachines: {
        checkout: {
          StartAt: 'Charge',
          States: {
            Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'payments', 'Payload.$': '$' }, OutputPath: '$.Payload', End: true },
          },
        },
      },
    });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'redrive-mocks-')), 'MockConfigFile.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        StateMachines: { checkout: { TestCases: { DeclinedOnce: { Charge: 'DeclinedOnce' } } } },
        MockedResponses: {
          DeclinedOnce: { '0': { Throw: { Error: 'Payments.Declined', Cause: 'card declined' } }, '1': { Return: { StatusCode: 200, Payload: { charged: 5 } } } },
        },
      }),
    );
    mockStack = await startLocalStack(mockDir, { mockConfig: file });
    client = new SFNClient({ endpoint: mockStack.endpoints.stepfunctions, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  });

  afterAll(async () => {
    client?.destroy();
    await mockStack?.close();
    removeFixture(mockDir);
  });

  test('the failed invocation was response 0; the redrive gets response 1 and succeeds', async () => {
    const stateMachineArn = `${MACHINES}:stateMachine:checkout#DeclinedOnce`;
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, name: 'mocked-1', input: '{}' }));
    const wait = async (): Promise<string> => {
      for (let i = 0; i < 400; i++) {
        const { status } = await client.send(new DescribeExecutionCommand({ executionArn }));
        if (status !== 'RUNNING') return status!;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('still RUNNING');
    };
    expect(await wait()).toBe('FAILED');
    expect(await client.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({ error: 'Payments.Declined', redriveStatus: 'REDRIVABLE' });
    await client.send(new RedriveExecutionCommand({ executionArn }));
    expect(await wait()).toBe('SUCCEEDED');
    expect(JSON.parse((await client.send(new DescribeExecutionCommand({ executionArn }))).output!)).toEqual({ charged: 5 });
  });
});
