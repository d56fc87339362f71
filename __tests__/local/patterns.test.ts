import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  type HistoryEvent as SdkHistoryEvent,
} from '@aws-sdk/client-sfn';
import { startLocalStack, type LocalStack } from '../../local';
import { removeFixture, singleState, writeFixtureStack } from '../support/local';

// The integration patterns (Developer Guide, "Discover service integration patterns in Step Functions"), JSONata and
// variables through the runner, and the local Step Functions API's task-token and execution operations.

/** Calls SendTaskSuccess itself with the token it was given, as a worker would. */
const CALLBACK = `
const { SFNClient, SendTaskSuccessCommand } = require('@aws-sdk/client-sfn');
const sfn = new SFNClient({});
exports.handler = async (event) => {
  await sfn.send(new SendTaskSuccessCommand({ taskToken: event.token, output: JSON.stringify({ approved: event.order }) }));
  return 'queued';
};`;

/** Only receives the token (the test answers for it). */
const RECEIVE = `exports.handler = async () => 'received';`;

const ADD = `exports.handler = async (event) => ({ sum: event.a + event.b });`;

const CHILD = 'arn:aws:states:us-east-1:000000000000:stateMachine:child';
const FAILING_CHILD = 'arn:aws:states:us-east-1:000000000000:stateMachine:failing-child';

const startChild = (pattern: string, stateMachineArn = CHILD) =>
  singleState({ Type: 'Task', Resource: `arn:aws:states:::states:startExecution${pattern}`, Parameters: { StateMachineArn: stateMachineArn, 'Name.$': "States.Format('kid-of-{}', $$.Execution.Name)", 'Input.$': '$' } });

let dir: string;
let stack: LocalStack;
let sfn: SFNClient;

beforeAll(async () => {
  dir = writeFixtureStack({
    functions: [
      { name: 'callback', code: CALLBACK },
      { name: 'receive', code: RECEIVE },
      { name: 'add', code: ADD },
    ],
    stateMachines: {
      'callback-by-function': singleState({
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: '${aws_lambda_function.callback.arn}', Payload: { 'token.$': '$$.Task.Token', 'order.$': '$.order' } },
      }),
      'callback-by-test': singleState({
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: '${aws_lambda_function.receive.arn}', Payload: { 'token.$': '$$.Task.Token' } },
        TimeoutSeconds: 600,
      }),
      jsonata: {
        QueryLanguage: 'JSONata',
        StartAt: 'Add',
        States: {
          Add: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Arguments: { FunctionName: '${aws_lambda_function.add.arn}', Payload: { a: '{% $states.input.x %}', b: '{% $states.input.y %}' } },
            Assign: { sum: '{% $states.result.Payload.sum %}' },
            Output: '{% $states.input %}',
            Next: 'Report',
          },
          Report: { Type: 'Pass', Output: { total: '{% $sum %}', doubled: '{% $sum * 2 %}', upper: '{% $uppercase($states.input.name) %}' }, End: true },
        },
      },
      variables: {
        StartAt: 'Remember',
        States: {
          Remember: { Type: 'Pass', Assign: { 'who.$': '$.name', count: 3 }, Next: 'Use' },
          Use: { Type: 'Pass', Parameters: { 'greeting.$': "States.Format('hello {}', $who)", 'count.$': '$count' }, End: true },
        },
      },
      child: singleState({ Type: 'Pass', Parameters: { 'echo.$': '$', done: true } }),
      'failing-child': { StartAt: 'Break', States: { Break: { Type: 'Fail', Error: 'ChildBroke', Cause: 'it broke' } } },
      'parent-sync': startChild('.sync'),
      'parent-sync2': startChild('.sync:2'),
      'parent-failing': startChild('.sync:2', FAILING_CHILD),
    },
  });
  stack = await startLocalStack(dir);
  sfn = new SFNClient({ endpoint: stack.endpoints.stepfunctions, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
});

afterAll(async () => {
  sfn?.destroy();
  await stack?.close();
  removeFixture(dir);
});

const arnOf = (name: string) => stack.model.stateMachines.find((m) => m.name === name)!.arn;

/** The events of an execution, as GetExecutionHistory pages them, once `until` holds (bounded). */
async function historyUntil(executionArn: string, until: (events: SdkHistoryEvent[]) => boolean): Promise<SdkHistoryEvent[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    if (until(events) || Date.now() > deadline) return events;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The task token a Task put into its parameters (the TaskScheduled event's `parameters`). */
async function tokenOf(executionArn: string): Promise<string> {
  const events = await historyUntil(executionArn, (all) => all.some((e) => e.type === 'TaskSubmitted'));
  const scheduled = events.find((e) => e.type === 'TaskScheduled')!;
  return (JSON.parse(scheduled.taskScheduledEventDetails!.parameters!) as { Payload: { token: string } }).Payload.token;
}

describe('.waitForTaskToken (Developer Guide, "Wait for a Callback with Task Token")', () => {
  test('a function that calls SendTaskSuccess through the local Step Functions API ends the wait with its output', async () => {
    const result = await stack.execute({ order: 'o-1' }, { stateMachine: 'callback-by-function' });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { approved: 'o-1' } });
    // The invocation's answer is TaskSubmitted's output; the token's output is TaskSucceeded's.
    expect(result.history.map((e) => e.type)).toEqual(expect.arrayContaining(['TaskSubmitted', 'TaskSucceeded']));
  });

  test('SendTaskSuccess and SendTaskFailure from the test, with the SDK against the local endpoint', async () => {
    // GIVEN two executions waiting for their tokens
    const first = await sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('callback-by-test'), name: 'wait-ok', input: '{}' }));
    const second = await sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('callback-by-test'), name: 'wait-fail', input: '{}' }));
    const [okToken, failToken] = await Promise.all([tokenOf(first.executionArn!), tokenOf(second.executionArn!)]);
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn: first.executionArn }))).status).toBe('RUNNING');
    // WHEN
    await sfn.send(new SendTaskSuccessCommand({ taskToken: okToken, output: '{"ok":true}' }));
    await sfn.send(new SendTaskFailureCommand({ taskToken: failToken, error: 'Rejected', cause: 'by the reviewer' }));
    await stack.waitForExecutions(10_000);
    // THEN
    expect(await sfn.send(new DescribeExecutionCommand({ executionArn: first.executionArn }))).toMatchObject({ status: 'SUCCEEDED', output: '{"ok":true}' });
    expect(await sfn.send(new DescribeExecutionCommand({ executionArn: second.executionArn }))).toMatchObject({ status: 'FAILED', error: 'Rejected', cause: 'by the reviewer' });
    // A token that no Task waits for any more is TaskDoesNotExist (API Reference, "SendTaskSuccess", Errors).
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: okToken, output: '{}' }))).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
  });

  test('StopExecution ends a waiting execution ABORTED with its error and cause; GetExecutionHistory ends with ExecutionAborted', async () => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('callback-by-test'), name: 'to-stop' }));
    await tokenOf(executionArn!);
    await sfn.send(new StopExecutionCommand({ executionArn, error: 'Cancelled', cause: 'by the test' }));
    await stack.waitForExecutions(10_000);
    expect(await sfn.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'by the test' });
    const events = await historyUntil(executionArn!, () => true);
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'Cancelled', cause: 'by the test' } });
    expect(events[0]).toMatchObject({ type: 'ExecutionStarted', id: 1, previousEventId: 0 });
  });
});

describe('JSONata and variables run locally', () => {
  test('Arguments, Assign, Output and $states in JSONata (Developer Guide, "Transforming data with JSONata in Step Functions")', async () => {
    const result = await stack.execute({ x: 2, y: 3, name: 'ada' }, { stateMachine: 'jsonata' });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { total: 5, doubled: 10, upper: 'ADA' } });
  });

  test('JSONPath Assign and $variables (Developer Guide, "Passing data between states with variables")', async () => {
    const result = await stack.execute({ name: 'ada' }, { stateMachine: 'variables' });
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { greeting: 'hello ada', count: 3 } });
  });
});

describe('states:startExecution.sync (Developer Guide, "Start a new AWS Step Functions state machine from a running execution")', () => {
  test('.sync answers the child execution with its Input and Output as JSON text', async () => {
    const result = await stack.execute({ n: 1 }, { stateMachine: 'parent-sync', name: 'p-sync' });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toMatchObject({ Status: 'SUCCEEDED', Name: 'kid-of-p-sync', StateMachineArn: CHILD, Input: '{"n":1}', Output: '{"echo":{"n":1},"done":true}' });
    expect(Object.keys(result.output as object)).toStrictEqual([...Object.keys(result.output as object)].sort()); // alphabetical, as AWS answers
  });

  test('.sync:2 answers them as JSON values', async () => {
    const result = await stack.execute({ n: 2 }, { stateMachine: 'parent-sync2' });
    expect(result.output).toMatchObject({ Status: 'SUCCEEDED', Input: { n: 2 }, Output: { echo: { n: 2 }, done: true }, StartDate: expect.any(Number) });
  });

  test('a child that fails fails the Task with States.TaskFailed, the child execution as the cause', async () => {
    const result = await stack.execute({}, { stateMachine: 'parent-failing' });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    expect(JSON.parse(result.cause!)).toMatchObject({ Status: 'FAILED', Error: 'ChildBroke', Cause: 'it broke' });
  });
});
