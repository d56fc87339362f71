import * as fs from 'node:fs';
import * as path from 'node:path';
import { detailsOf, startLocalStack, type HistoryEvent, type LocalStack } from '../../../local';
import { loadListInto } from '../../../scripts/lib/local/list-load';
import { factsOf } from '../../../scripts/lib/stack-facts';
import { defaultConfig, synthApp } from '../../support/synth';
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
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

interface Policy {
  Statement: { Effect: string; Action: string | string[]; Resource: string | string[] }[];
}

/**
 * Copies the stack's folder and removes `action` from its state machine role's policy (from the statements whose
 * Resource mentions `onResource`, when given); a statement left with no action goes.
 */
function brokenCopy(stackId: string, action: string, onResource?: string): string {
  const from = path.join(outdir, 'stacks', stackId);
  const to = path.join(outdir, 'broken', stackId);
  fs.cpSync(from, to, { recursive: true });
  const file = path.join(to, 'cdk.tf.json');
  const tf = JSON.parse(fs.readFileSync(file, 'utf8')) as { resource: Record<string, Record<string, { policy: string; role: string }>> };
  const [name, block] = Object.entries(tf.resource.aws_iam_role_policy).find(([n]) => n.startsWith('workflow_role_policy'))!;
  const policy = JSON.parse(block.policy) as Policy;
  let removed = 0;
  policy.Statement = policy.Statement.flatMap((s) => {
    const actions = [s.Action].flat();
    if (!actions.includes(action) || (onResource && !JSON.stringify(s.Resource).includes(onResource))) return [s];
    removed += 1;
    const left = actions.filter((a) => a !== action);
    return left.length > 0 ? [{ ...s, Action: left }] : [];
  });
  if (removed === 0) throw new Error(`${stackId}: aws_iam_role_policy.${name} has no ${action}${onResource ? ` on ${onResource}` : ''} to remove`);
  block.policy = JSON.stringify(policy);
  fs.writeFileSync(file, JSON.stringify(tf, null, 2));
  return to;
}

async function start(stackDir: string): Promise<LocalStack> {
  const stack = await startLocalStack(stackDir);
  running.push(stack);
  return stack;
}

/** Each failed Task of a history with its state (followed through previousEventId) and its error and cause. */
function failedTasks(history: readonly HistoryEvent[]): { state: string; error: string; cause: string }[] {
  const stateOf = new Map<number, string>();
  const failed: { state: string; error: string; cause: string }[] = [];
  for (const event of history) {
    const state = event.type === 'TaskStateEntered' ? String(detailsOf(event).name) : stateOf.get(event.previousEventId);
    if (state !== undefined) stateOf.set(event.id, state);
    if (event.type === 'TaskFailed') failed.push({ state: state ?? '?', error: String(detailsOf(event).error), cause: String(detailsOf(event).cause) });
  }
  return failed;
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
