/**
 * `task-status` end to end on the local runner: the synthesized stack with embedded DynamoDB, the starter
 * function from its bundle calling the local Step Functions API, and the workflow on the project's engine.
 * Wait states are skipped (the runner's default), so each run takes milliseconds.
 */
import { DeleteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startLocalStack, type LocalStack } from '../../../local';
import { statesEntered, statesRetried } from '../../support/history';
import type { StartTaskResult } from '../../../lambdas/start-task/start-task';
import { QUERY_LANGUAGES, stackDirIn } from '../../support/languages';

describe.each(QUERY_LANGUAGES)('%s rendering', (language) => {
  const stackDir = stackDirIn(language, 'task-status');
  const FUNCTION = 'task-status-start-task';
  const TABLE = 'Tasks';
  const WAIT_STATE = 'Execute long running task...wait 30 seconds';

  let stack: LocalStack;
  beforeEach(async () => {
    stack = await startLocalStack(stackDir);
  });
  afterEach(() => stack.close());

  const tasks = async () => (await stack.snapshot()).tables[TABLE] ?? [];
  const enteredStates = statesEntered;

  async function startTask(event: unknown): Promise<StartTaskResult> {
    const invoked = await stack.invoke(FUNCTION, event);
    expect(invoked.functionError).toBeUndefined();
    return invoked.payload as StartTaskResult;
  }

  test('{"taskId":"Breakfast"} through the starter: the workflow records the task, waits, and marks it Done', async () => {
    // GIVEN the stack WHEN the starter is invoked with the README's example event
    const started = await startTask({ taskId: 'Breakfast' });
    expect(await stack.waitForExecutions()).toBe(true);

    // THEN it answered with the execution it started
    expect(started.executionName).toMatch(new RegExp(`^Breakfast-${started.timestamp}-[0-9a-f]{8}$`));
    const [execution] = stack.executions();
    expect(stack.executions()).toHaveLength(1);
    expect(execution).toMatchObject({ executionArn: started.executionArn, name: started.executionName, status: 'SUCCEEDED' });
    expect(JSON.parse(execution.input)).toStrictEqual({ taskId: 'Breakfast', timestamp: started.timestamp });

    // AND the workflow went through the original's three states and returned the task's key and final status
    expect(enteredStates(execution.result!.history)).toStrictEqual(['ValidateInput', 'CreateDynamoTaskItem', WAIT_STATE, 'UpdateDynamoTaskItem']);
    expect(execution.result!.output).toStrictEqual({ taskId: 'Breakfast', timestamp: started.timestamp, Status: 'Done' });

    // AND the table holds the one task, Done
    expect(await tasks()).toStrictEqual([{ taskId: 'Breakfast', timestamp: started.timestamp, Status: 'Done' }]);
  });

  test('the same taskId twice in one second: two executions under two names, both succeed, one item per (taskId, second)', async () => {
    // GIVEN two concurrent starts of one task (repeated in the rare case that they straddle a second)
    let pair: StartTaskResult[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      pair = await Promise.all([startTask({ taskId: 'Breakfast' }), startTask({ taskId: 'Breakfast' })]);
      if (pair[0].timestamp === pair[1].timestamp) break;
    }
    expect(await stack.waitForExecutions()).toBe(true);

    // THEN the last pair shared a second, yet got two names and two successful executions
    const [a, b] = pair;
    expect(a.timestamp).toBe(b.timestamp);
    expect(a.executionName).not.toBe(b.executionName);
    const executions = stack.executions().filter((e) => e.name === a.executionName || e.name === b.executionName);
    expect(executions.map((e) => e.status)).toStrictEqual(['SUCCEEDED', 'SUCCEEDED']);

    // AND the table key (taskId, whole seconds) makes them one item, Done; nothing else is left STARTED
    const items = await tasks();
    expect(items.filter((i) => i.timestamp === a.timestamp)).toStrictEqual([{ taskId: 'Breakfast', timestamp: a.timestamp, Status: 'Done' }]);
    expect(items.every((i) => i.Status === 'Done')).toBe(true);
    expect(stack.executions().every((e) => e.status === 'SUCCEEDED')).toBe(true);
  });

  test.each([
    ['no taskId', {}, /taskId: is required/],
    ['an empty taskId', { taskId: '' }, /taskId: must not be empty/],
    ['a number', { taskId: 42 }, /taskId: must be a string/],
    ['a 300-character taskId', { taskId: 'x'.repeat(300) }, /taskId: must be at most 60 characters/],
    ['characters execution names forbid', { taskId: 'a <b>{c} "d"' }, /taskId: may only contain/],
  ])('the starter rejects %s: a ValidationError, no execution, nothing written', async (_what, event, message) => {
    // GIVEN a bad event WHEN the starter is invoked
    const invoked = await stack.invoke(FUNCTION, event);
    // THEN it fails with a ValidationError that says what is wrong, and nothing happened
    expect(invoked.functionError).toMatchObject({ errorType: 'ValidationError', errorMessage: expect.stringMatching(message) });
    expect(stack.executions()).toStrictEqual([]);
    expect(await tasks()).toStrictEqual([]);
  });

  describe('the workflow on its own', () => {
    const input = { taskId: 'Lunch', timestamp: 1712570158 };

    test('a throttled update is retried and the task ends Done', async () => {
      // GIVEN the update fails twice with a transient error WHEN the workflow runs
      const result = await stack.execute(input, { faults: [{ state: 'UpdateDynamoTaskItem', error: 'DynamoDB.ThrottlingException', times: 2 }] });
      // THEN the retrier recovers
      expect(result).toMatchObject({ status: 'SUCCEEDED', output: { ...input, Status: 'Done' } });
      expect(statesRetried(result.history)).toStrictEqual(['UpdateDynamoTaskItem', 'UpdateDynamoTaskItem']);
      expect(await tasks()).toStrictEqual([{ ...input, Status: 'Done' }]);
    });

    test('a non-transient update error fails the execution under its own name and leaves the task STARTED', async () => {
      const result = await stack.execute(input, { faults: [{ state: 'UpdateDynamoTaskItem', error: 'DynamoDB.ResourceNotFoundException', times: 1 }] });
      expect(result).toMatchObject({ status: 'FAILED', error: 'DynamoDB.ResourceNotFoundException' });
      expect(enteredStates(result.history).at(-1)).toBe('DynamoDBRequestFailed');
      expect(await tasks()).toStrictEqual([{ ...input, Status: 'STARTED' }]);
    });

    test('throttling that outlasts the retries fails the execution and leaves the task STARTED', async () => {
      const result = await stack.execute(input, { faults: [{ state: 'UpdateDynamoTaskItem', error: 'DynamoDB.ThrottlingException', times: 4 }] });
      expect(result).toMatchObject({ status: 'FAILED', error: 'DynamoDB.ThrottlingException' });
      expect(await tasks()).toStrictEqual([{ ...input, Status: 'STARTED' }]);
    });

    test('a failed update condition (the item is gone) fails with TaskNotStarted', async () => {
      const result = await stack.execute(input, { faults: [{ state: 'UpdateDynamoTaskItem', error: 'DynamoDB.ConditionalCheckFailedException', times: 1 }] });
      expect(result).toMatchObject({ status: 'FAILED', error: 'TaskNotStarted', cause: expect.stringMatching(/no item was created/) });
    });

    test('a put that fails permanently stops the workflow before the update, with nothing written', async () => {
      const result = await stack.execute(input, { faults: [{ state: 'CreateDynamoTaskItem', error: 'DynamoDB.ResourceNotFoundException', times: 1 }] });
      expect(result).toMatchObject({ status: 'FAILED', error: 'DynamoDB.ResourceNotFoundException' });
      expect(enteredStates(result.history)).not.toContain('UpdateDynamoTaskItem');
      expect(await tasks()).toStrictEqual([]);
    });

    test.each([
      ['no timestamp', { taskId: 'Lunch' }],
      ['a string timestamp', { taskId: 'Lunch', timestamp: '1712570158' }],
      ['an empty taskId', { taskId: '', timestamp: 1712570158 }],
      ['a numeric taskId', { taskId: 7, timestamp: 1712570158 }],
      ['an array as the whole input', [{ taskId: 'Lunch', timestamp: 1712570158 }]],
      ['a string as the whole input', 'Lunch'],
      ['null as the whole input', null],
    ])('an input with %s fails with InvalidInput, saying what is wrong, and writes nothing', async (_what, bad) => {
      const result = await stack.execute(bad);
      expect(result).toMatchObject({ status: 'FAILED', error: 'InvalidInput', cause: expect.stringMatching(/Invalid task-status execution input: .*e\.g\. \{\\"taskId\\": \\"Breakfast\\", \\"timestamp\\": 1712570158\}/) });
      expect(await tasks()).toStrictEqual([]);
    });
  });

  describe('with real waits', () => {
    // A 2-second wait that really passes, so the item can be removed while the "long running task" runs.
    const slowStackDir = stackDirIn(language, 'task-status', { taskStatus: { waitSeconds: 2 } });

    test('the update does not create a task whose item is gone: TaskNotStarted, and the table stays empty', async () => {
      // GIVEN a running execution whose item is deleted during the wait
      const slow = await startLocalStack(slowStackDir, { realWaits: true });
      try {
        const env = slow.awsEnvironment();
        const dynamodb = new DynamoDBClient({
          endpoint: slow.endpoints.dynamodb,
          region: env.AWS_REGION,
          credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
        });
        const input = { taskId: 'Dinner', timestamp: 1712570158 };
        const running = slow.execute(input);
        const items = async () => (await slow.snapshot()).tables[TABLE] ?? [];
        for (let i = 0; i < 100 && (await items()).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
        expect(await items()).toStrictEqual([{ ...input, Status: 'STARTED' }]);
        await dynamodb.send(new DeleteItemCommand({ TableName: TABLE, Key: { taskId: { S: 'Dinner' }, timestamp: { N: '1712570158' } } }));
        dynamodb.destroy();

        // WHEN the wait ends THEN the conditional update refuses to create the item
        const result = await running;
        expect(result).toMatchObject({ status: 'FAILED', error: 'TaskNotStarted' });
        expect(await items()).toStrictEqual([]);
      } finally {
        await slow.close();
      }
    });
  });
});
