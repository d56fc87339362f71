import * as path from 'node:path';
import { startLocalStack, type LocalStack } from '../../../local';
import { loadListInto } from '../../../scripts/lib/local/list-load';
import { factsOf } from '../../../scripts/lib/stack-facts';
import { defaultConfig, synthApp } from '../../support/synth';
import { brokenCopy as copyWithout, failedTasks } from '../../support/broken-stack';
import { catches, statesEntered } from '../../support/history';

// A deliberately broken copy of each stack: one action taken out of its state machine role's policy in a copy of the
// synthesized JSON. The sample run fails at the state that needed it, with the error AWS gives that integration, and
// a Cause naming the role session, the action and the resource; the intact stack runs the same sample to success.

const ACCOUNT = '000000000000';
let outdir: string;
const running: LocalStack[] = [];
beforeAll(() => {
  ({ outdir } = synthApp());
}, 120_000);
const brokenCopy = (stackId: string, action: string, onResource?: string) => copyWithout(path.join(outdir, 'stacks', stackId), path.join(outdir, 'broken', stackId), action, onResource);
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function start(stackDir: string): Promise<LocalStack> {
  const stack = await startLocalStack(stackDir);
  running.push(stack);
  return stack;
}

const session = (role: string) => `User: arn:aws:sts::${ACCOUNT}:assumed-role/${role}/[A-Za-z]{32}`;

test('task-status without dynamodb:UpdateItem: UpdateDynamoTaskItem fails with DynamoDB.AmazonDynamoDBException (400 AccessDeniedException), caught as a DynamoDB failure', async () => {
  const input = { taskId: 'Breakfast', timestamp: 1712570158 };
  expect((await (await start(path.join(outdir, 'stacks', 'task-status'))).execute(input)).status).toBe('SUCCEEDED');
  const result = await (await start(brokenCopy('task-status', 'dynamodb:UpdateItem'))).execute(input);
  expect(result).toMatchObject({ status: 'FAILED', error: 'DynamoDB.AmazonDynamoDBException' });
  expect(failedTasks(result.history)).toEqual([
    {
      state: 'UpdateDynamoTaskItem',
      error: 'DynamoDB.AmazonDynamoDBException',
      cause: expect.stringMatching(
        new RegExp(
          `^${session('task-status-role')} is not authorized to perform: dynamodb:UpdateItem on resource: arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Tasks because no identity-based policy allows the dynamodb:UpdateItem action ` +
            '\\(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: AccessDeniedException; Request ID: [0-9a-f-]{36}; Proxy: null\\)$',
        ),
      ),
    },
  ]);
  // The put before it was allowed and happened.
  expect(statesEntered(result.history)).toContain('CreateDynamoTaskItem');
});

test('sfn-dynamodb without dynamodb:GetItem: the write happens, ReadFromDDb fails with DynamoDB.AmazonDynamoDBException', async () => {
  const stack = await start(brokenCopy('sfn-dynamodb', 'dynamodb:GetItem'));
  const result = await stack.execute({ id: '12345' });
  expect(result).toMatchObject({ status: 'FAILED', error: 'DynamoDB.AmazonDynamoDBException', cause: expect.stringContaining('dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:000000000000:table/sfn-dynamodb-items') });
  expect(failedTasks(result.history).map((f) => `${f.state} ${f.error}`)).toEqual(['ReadFromDDb DynamoDB.AmazonDynamoDBException']);
  expect((await stack.snapshot()).tables['sfn-dynamodb-items']).toEqual([{ id: '12345', description: 'Hello, my id is 12345.' }]);
});

// CDK's LambdaInvoke retries Lambda.AWSLambdaException (MaxAttempts 6), so on AWS as here a denied invoke is tried
// seven times before the Catch (skip-the-line), or until the execution's TimeoutSeconds (parallel-map's 20 s).
test('skip-the-line without lambda:InvokeFunction on put-object: task_put_object fails with Lambda.AWSLambdaException (403), is retried, and its Catch takes the failure path', async () => {
  const stack = await start(brokenCopy('skip-the-line', 'lambda:InvokeFunction', 'put-object'));
  const result = await stack.execute(factsOf('skip-the-line')!.sample.input);
  const fn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:step_function_orchestration_put_object`;
  const failures = failedTasks(result.history);
  expect(failures).toHaveLength(7);
  expect(failures[0]).toEqual(
    {
      state: 'task_put_object',
      error: 'Lambda.AWSLambdaException',
      cause: expect.stringMatching(
        new RegExp(
          `^${session('step_function_orchestration_statemachine')} is not authorized to perform: lambda:InvokeFunction on resource: ${fn} because no identity-based policy allows the lambda:InvokeFunction action ` +
            '\\(Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException; Request ID: [0-9a-f-]{36}; Proxy: null\\)$',
        ),
      ),
    },
  );
  expect(new Set(failures.map((f) => `${f.state} ${f.error}`))).toEqual(new Set(['task_put_object Lambda.AWSLambdaException']));
  expect(catches(result.history)).toEqual([expect.stringMatching(/^task_put_object → /)]);
  expect(statesEntered(result.history)).toEqual(expect.arrayContaining(['task_put_item', 'task_put_object', 'notify_order_failed']));
  expect(statesEntered(result.history)).not.toContain('notify_order_placed');
});

test('parallel-map without lambda:InvokeFunction: LambdaInvoke fails with Lambda.AWSLambdaException, retried until the execution times out', async () => {
  const stack = await start(brokenCopy('parallel-map', 'lambda:InvokeFunction'));
  await loadListInto(stack, path.join(__dirname, '../../../utils/simplelist.json'), () => undefined, defaultConfig());
  const result = await stack.execute({});
  expect(result).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
  const failures = failedTasks(result.history);
  expect(failures.length).toBeGreaterThan(1);
  expect(new Set(failures.map((f) => `${f.state} ${f.error}`))).toEqual(new Set(['LambdaInvoke Lambda.AWSLambdaException']));
  expect(failures[0].cause).toContain(`is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:${ACCOUNT}:function:parallel-map-process-item because`);
  // Nothing ran in the function.
  expect(stack.lambdaLogs().filter((l) => l.line.includes('Processing item'))).toEqual([]);
});
