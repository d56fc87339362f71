import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  paginateListExecutions,
  paginateListMapRuns,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { LOCAL_CREDENTIALS, startLocalEdge, startLocalStack, type LocalEdge, type LocalStack } from '../../local';
import { removeFixture, writeFixtureStack } from '../support/local';
import { refusal } from '../support/sfn';

// DescribeMapRun, ListMapRuns and ListExecutions with mapRunArn (AWS Step Functions API Reference, one page per
// operation; MapRunListItem, ExecutionListItem) on a stack's own endpoint and through the edge, driven by SFNClient.

const HEAD = 'arn:aws:states:us-east-1:000000000000';
const HELD = `exports.handler = async () => 'held';`;
const distributed = (states: Record<string, object>) => ({ ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: Object.keys(states)[0], States: states });

const FAN_OUT = {
  StartAt: 'Fan',
  States: {
    Fan: { Type: 'Map', Label: 'Fan', ItemsPath: '$.items', MaxConcurrency: 2, ToleratedFailurePercentage: 25, ItemProcessor: distributed({ Echo: { Type: 'Pass', End: true } }), Next: 'Again' },
    Again: { Type: 'Map', Label: 'Again', ItemsPath: '$', ItemBatcher: { MaxItemsPerBatch: 2 }, ItemProcessor: distributed({ EchoBatch: { Type: 'Pass', End: true } }), End: true },
  },
};
const FAN_FAIL = {
  StartAt: 'Fan',
  States: {
    Fan: {
      Type: 'Map',
      Label: 'Odd',
      ToleratedFailureCount: 1,
      MaxConcurrency: 1,
      ItemProcessor: distributed({
        Odd: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: 1, Next: 'Broke' }], Default: 'Fine' },
        Broke: { Type: 'Fail', Error: 'Odd', Cause: 'one is odd' },
        Fine: { Type: 'Succeed' },
      }),
      End: true,
    },
  },
};
const FAN_HELD = {
  StartAt: 'Hold',
  States: {
    Hold: {
      Type: 'Map',
      Label: 'Hold',
      ItemProcessor: distributed({
        Wait: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: '${aws_lambda_function.held.arn}', Payload: { 'token.$': '$$.Task.Token' } },
          TimeoutSeconds: 600,
          End: true,
        },
      }),
      End: true,
    },
  },
};

let dirs: string[] = [];
let stack: LocalStack;
let other: LocalStack;
let edge: LocalEdge;
let sfn: SFNClient;
let viaEdge: SFNClient;

beforeAll(async () => {
  dirs = [
    writeFixtureStack({ functions: [{ name: 'held', code: HELD }], stateMachines: { 'fan-out': FAN_OUT, 'fan-fail': FAN_FAIL, 'fan-held': FAN_HELD } }),
    writeFixtureStack({ stateMachines: { 'other-fan': FAN_OUT } }, 'other'),
  ];
  stack = await startLocalStack(dirs[0]);
  other = await startLocalStack(dirs[1]);
  edge = await startLocalEdge([stack, other]);
  sfn = new SFNClient({ endpoint: stack.endpoints.stepfunctions, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  viaEdge = new SFNClient({ endpoint: edge.url, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
});

afterAll(async () => {
  sfn?.destroy();
  viaEdge?.destroy();
  await edge?.close();
  await Promise.all([stack?.close(), other?.close()]);
  dirs.forEach(removeFixture);
});


async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${what}: not within 5 s`);
}

/** Starts `machine` and waits for its end; answers the execution ARN. */
async function ran(client: SFNClient, machine: string, input: unknown, name?: string): Promise<string> {
  const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: `${HEAD}:stateMachine:${machine}`, input: JSON.stringify(input), name }));
  await until(`${executionArn} ends`, async () => {
    const { status } = await client.send(new DescribeExecutionCommand({ executionArn }));
    return status === 'RUNNING' ? undefined : status;
  });
  return executionArn!;
}

const ZERO = { aborted: 0, failed: 0, failuresNotRedrivable: 0, pending: 0, pendingRedrive: 0, resultsWritten: 0, running: 0, succeeded: 0, timedOut: 0, total: 0 };

describe('DescribeMapRun and ListMapRuns (API_DescribeMapRun, API_ListMapRuns)', () => {
  test("ListMapRuns lists an execution's Map Runs newest first, paged; DescribeMapRun answers each with its counts", async () => {
    const executionArn = await ran(sfn, 'fan-out', { items: [1, 2, 3] }, 'two-runs');
    const listed = await sfn.send(new ListMapRunsCommand({ executionArn }));
    expect(listed.mapRuns).toHaveLength(2);
    const [again, fan] = listed.mapRuns!;
    expect(fan).toStrictEqual({
      executionArn,
      mapRunArn: expect.stringMatching(/^arn:aws:states:us-east-1:000000000000:mapRun:fan-out\/Fan:[0-9a-f-]{36}$/),
      stateMachineArn: `${HEAD}:stateMachine:fan-out/Fan`,
      startDate: expect.any(Date),
      stopDate: expect.any(Date),
    });
    expect(again.mapRunArn).toMatch(/:mapRun:fan-out\/Again:/);
    const pages = [];
    for await (const page of paginateListMapRuns({ client: sfn, pageSize: 1 }, { executionArn })) pages.push(page.mapRuns!.map((r) => r.mapRunArn));
    expect(pages).toStrictEqual([[again.mapRunArn], [fan.mapRunArn]]);

    const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn: fan.mapRunArn }));
    const { $metadata: _, ...body } = described;
    expect(body).toStrictEqual({
      mapRunArn: fan.mapRunArn,
      executionArn,
      status: 'SUCCEEDED',
      startDate: expect.any(Date),
      stopDate: expect.any(Date),
      maxConcurrency: 2,
      toleratedFailurePercentage: 25,
      toleratedFailureCount: 0,
      itemCounts: { ...ZERO, succeeded: 3, total: 3 },
      executionCounts: { ...ZERO, succeeded: 3, total: 3 },
      redriveCount: 0,
    });
    // Without MaxConcurrency a Distributed Map runs up to 10,000 children at once (the form AWS reports is not documented).
    const batched = await sfn.send(new DescribeMapRunCommand({ mapRunArn: again.mapRunArn }));
    expect([batched.itemCounts?.total, batched.executionCounts?.total, batched.maxConcurrency]).toStrictEqual([3, 2, 10_000]);
  });

  test('a Map Run over its tolerated failures is FAILED, with the failed children counted', async () => {
    const executionArn = await ran(sfn, 'fan-fail', [{ n: 1 }, { n: 2 }, { n: 1 }, { n: 4 }]);
    const [run] = (await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns!;
    const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn: run.mapRunArn }));
    expect(described).toMatchObject({ status: 'FAILED', toleratedFailureCount: 1, itemCounts: { total: 4, failed: 2, succeeded: 1, pending: 1 } });
  });

  test('a running Map Run is RUNNING with its children counted running; StopExecution makes it ABORTED', async () => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: `${HEAD}:stateMachine:fan-held`, input: '["a","b"]' }));
    const mapRunArn = await until('the Map Run starts', async () => (await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns?.[0]?.mapRunArn);
    const running = await until('both children run', async () => {
      const d = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
      return d.itemCounts?.running === 2 ? d : undefined;
    });
    expect(running.status).toBe('RUNNING');
    expect(running.stopDate).toBeUndefined();
    expect((await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns![0].stopDate).toBeUndefined();
    const children = (await sfn.send(new ListExecutionsCommand({ mapRunArn }))).executions!;
    expect(children.map((c) => [c.status, c.stopDate, c.mapRunArn, c.itemCount])).toStrictEqual([
      ['RUNNING', undefined, mapRunArn, 1],
      ['RUNNING', undefined, mapRunArn, 1],
    ]);
    const child = await sfn.send(new DescribeExecutionCommand({ executionArn: children[0].executionArn }));
    expect(child).toMatchObject({ status: 'RUNNING', mapRunArn, stateMachineArn: `${HEAD}:stateMachine:fan-held/Hold` });
    expect(['"a"', '"b"']).toContain(child.input);
    await sfn.send(new StopExecutionCommand({ executionArn }));
    const stopped = await until('the Map Run ends', async () => {
      const d = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
      return d.status === 'RUNNING' ? undefined : d;
    });
    expect(stopped).toMatchObject({ status: 'ABORTED', stopDate: expect.any(Date), executionCounts: { total: 2, aborted: 2, running: 0 } });
    const ended = (await sfn.send(new ListExecutionsCommand({ mapRunArn }))).executions!;
    expect(ended.map((c) => c.status)).toStrictEqual(['ABORTED', 'ABORTED']);
  });

  test('errors as AWS answers them: InvalidArn, ResourceNotFound, ExecutionDoesNotExist, InvalidToken (HTTP 400)', async () => {
    const unknownRun = `${HEAD}:mapRun:fan-out/Fan:0b5a6f0e-0000-3000-8000-000000000000`;
    const unknownExecution = `${HEAD}:execution:fan-out:never-started`;
    const known = await ran(sfn, 'fan-out', { items: [] });
    expect(await refusal(sfn.send(new DescribeMapRunCommand({ mapRunArn: known })))).toMatchObject({ name: 'InvalidArn', status: 400 });
    expect(await refusal(sfn.send(new DescribeMapRunCommand({ mapRunArn: unknownRun })))).toMatchObject({ name: 'ResourceNotFound', status: 400, message: expect.stringContaining('ListMapRuns') });
    expect(await refusal(sfn.send(new ListMapRunsCommand({ executionArn: unknownExecution })))).toMatchObject({ name: 'ExecutionDoesNotExist', status: 400 });
    expect(await refusal(sfn.send(new ListMapRunsCommand({ executionArn: unknownRun })))).toMatchObject({ name: 'InvalidArn', status: 400 });
    expect(await refusal(sfn.send(new ListMapRunsCommand({ executionArn: known, nextToken: 'made-up' })))).toMatchObject({ name: 'InvalidToken', status: 400 });
    expect(await refusal(sfn.send(new ListExecutionsCommand({ mapRunArn: unknownRun })))).toMatchObject({ name: 'ResourceNotFound', status: 400 });
    expect(await refusal(sfn.send(new ListExecutionsCommand({ mapRunArn: 'not-an-arn' })))).toMatchObject({ name: 'InvalidArn', status: 400 });
  });
});

describe("a Map Run's child executions (API_ListExecutions with mapRunArn, API_DescribeExecution)", () => {
  test('ListExecutions with mapRunArn lists the children with mapRunArn and itemCount, filtered and paged', async () => {
    const executionArn = await ran(sfn, 'fan-fail', [{ n: 2 }, { n: 1 }, { n: 4 }]);
    const [{ mapRunArn }] = (await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns!;
    const all = (await sfn.send(new ListExecutionsCommand({ mapRunArn }))).executions!;
    expect(all).toHaveLength(3);
    expect(all.map((e) => e.status).sort()).toStrictEqual(['FAILED', 'SUCCEEDED', 'SUCCEEDED']);
    expect(all[0]).toStrictEqual({
      executionArn: expect.stringMatching(/^arn:aws:states:us-east-1:000000000000:execution:fan-fail\/Odd:[0-9a-f-]{36}$/),
      stateMachineArn: `${HEAD}:stateMachine:fan-fail/Odd`,
      name: expect.any(String),
      status: expect.any(String),
      startDate: expect.any(Date),
      stopDate: expect.any(Date),
      mapRunArn,
      itemCount: 1,
    });
    const failed = (await sfn.send(new ListExecutionsCommand({ mapRunArn, statusFilter: 'FAILED' }))).executions!;
    expect(failed).toHaveLength(1);
    const pages = [];
    for await (const page of paginateListExecutions({ client: sfn, pageSize: 2 }, { mapRunArn })) pages.push(page.executions!.length);
    expect(pages).toStrictEqual([2, 1]);

    const child = await sfn.send(new DescribeExecutionCommand({ executionArn: failed[0].executionArn }));
    expect(child).toMatchObject({ status: 'FAILED', error: 'Odd', cause: 'one is odd', input: '{"n":1}', mapRunArn, stateMachineArn: `${HEAD}:stateMachine:fan-fail/Odd` });
    expect(child).not.toHaveProperty('itemCount');
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: failed[0].executionArn }));
    expect(history.events!.map((e) => e.type)).toStrictEqual(['ExecutionStarted', 'ChoiceStateEntered', 'ChoiceStateExited', 'FailStateEntered', 'ExecutionFailed']);
  });

  test('ListExecutions takes a stateMachineArn or a mapRunArn, not both and not neither (ValidationException)', async () => {
    const mapRunArn = `${HEAD}:mapRun:fan-out/Fan:0b5a6f0e-0000-3000-8000-000000000000`;
    expect(await refusal(sfn.send(new ListExecutionsCommand({ mapRunArn, stateMachineArn: `${HEAD}:stateMachine:fan-out` })))).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(await refusal(sfn.send(new ListExecutionsCommand({})))).toMatchObject({ name: 'ValidationException', status: 400 });
  });
});

describe('through the edge: each Map Run ARN goes to the stack that ran it', () => {
  test("DescribeMapRun, ListMapRuns and ListExecutions of the second stack's run, on the one endpoint", async () => {
    const executionArn = await ran(viaEdge, 'other-fan', { items: ['x', 'y'] }, 'edge-run');
    const runs = (await viaEdge.send(new ListMapRunsCommand({ executionArn }))).mapRuns!;
    expect(runs.map((r) => r.stateMachineArn)).toStrictEqual([`${HEAD}:stateMachine:other-fan/Again`, `${HEAD}:stateMachine:other-fan/Fan`]);
    const fan = runs[1].mapRunArn!;
    expect(await viaEdge.send(new DescribeMapRunCommand({ mapRunArn: fan }))).toMatchObject({ status: 'SUCCEEDED', executionArn, itemCounts: { total: 2, succeeded: 2 } });
    const children = (await viaEdge.send(new ListExecutionsCommand({ mapRunArn: fan }))).executions!;
    expect(children.map((c) => c.mapRunArn)).toStrictEqual([fan, fan]);
    expect(await viaEdge.send(new DescribeExecutionCommand({ executionArn: children[0].executionArn }))).toMatchObject({ status: 'SUCCEEDED', mapRunArn: fan });
    // The first stack never ran it: the edge did not just ask the first stack.
    expect(await refusal(sfn.send(new DescribeMapRunCommand({ mapRunArn: fan })))).toMatchObject({ name: 'ResourceNotFound' });
  });
});
