import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLocalStack, type LocalStack } from '../../../local';
import { LOCAL_API_CREDENTIALS, startLocalApi } from '../../../local/api-gateway';
import { factsOf } from '../../../scripts/lib/stack-facts';
import { entryFunctionOf, startThroughEntry } from '../../../scripts/lib/local/entry';
import { OrderApiClient } from '../../../scripts/order-client/api-client';
import { synthApp } from '../../support/synth';
import { brokenCopy as copyWithout, failedTasks } from '../../support/broken-stack';
import { statesEntered } from '../../support/history';
import { notebookOrder } from '../../support/orders';

// A deliberately broken copy of each stack whose functions (or API) make SDK calls: one action out of a function's
// role, or the order API's credentials role. The function's call is refused at the front door with the service's
// own error, and the run fails where that call is made: inside the workflow as the Lambda's errorType, at the entry
// function as its error, at the API as its integration response.

const ACCOUNT = '000000000000';
let outdir: string;
const running: LocalStack[] = [];
beforeAll(() => {
  ({ outdir } = synthApp());
}, 120_000);
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});
const broken = (stackId: string, action: string, policyName: string, onResource?: string) =>
  copyWithout(path.join(outdir, 'stacks', stackId), path.join(outdir, `broken-${policyName}`, stackId), action, onResource, policyName);

async function start(stackDir: string): Promise<LocalStack> {
  const stack = await startLocalStack(stackDir);
  running.push(stack);
  return stack;
}

const functionSession = (stack: LocalStack, suffix: string) => {
  const fn = stack.model.functions.find((f) => f.name.endsWith(suffix))!;
  return `User: arn:aws:sts::${ACCOUNT}:assumed-role/${fn.roleArn.split('/').pop()}/${fn.name}`;
};

test('skip-the-line without s3:PutObject for put_object: task_put_object fails with the function\'s InvoiceNotStored, its cause S3\'s AccessDenied for that session', async () => {
  const stack = await start(broken('skip-the-line', 's3:PutObject', 'put-object_role_policy'));
  const result = await stack.execute(factsOf('skip-the-line')!.sample.input);
  const bucket = stack.model.buckets[0].name;
  expect(result.status).toBe('FAILED');
  const failures = failedTasks(result.history);
  expect(failures.length).toBeGreaterThan(0);
  expect(new Set(failures.map((f) => `${f.state} ${f.error}`))).toEqual(new Set(['task_put_object InvoiceNotStored']));
  const { errorMessage } = JSON.parse(failures[0].cause) as { errorMessage: string };
  expect(errorMessage).toMatch(
    new RegExp(
      `^S3 did not store the invoice invoices/\\S+ in bucket ${bucket} \\(AccessDenied: ${functionSession(stack, '_put_object')} is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::${bucket}/invoices/\\S+" ` +
        'because no identity-based policy allows the s3:PutObject action\\)\\.$',
    ),
  );
  expect(statesEntered(result.history)).toEqual(expect.arrayContaining(['task_put_item', 'task_put_object', 'notify_order_failed']));
  expect((await stack.snapshot()).buckets[bucket]).toStrictEqual({});
});

test('skip-the-line without dynamodb:PutItem for put_item: task_put_item fails with OrderNotStored, its cause DynamoDB\'s AccessDeniedException; nothing is stored', async () => {
  const stack = await start(broken('skip-the-line', 'dynamodb:PutItem', 'put-item_role_policy'));
  const result = await stack.execute(factsOf('skip-the-line')!.sample.input);
  expect(result.status).toBe('FAILED');
  const failures = failedTasks(result.history);
  expect(new Set(failures.map((f) => `${f.state} ${f.error}`))).toEqual(new Set(['task_put_item OrderNotStored']));
  expect(failures[0].cause).toContain(
    `(AccessDeniedException: ${functionSession(stack, '_put_item')} is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/step_function_orchestration because no identity-based policy allows the dynamodb:PutItem action)`,
  );
  expect(statesEntered(result.history)).not.toContain('task_put_object');
  expect((await stack.snapshot()).tables.step_function_orchestration ?? []).toStrictEqual([]);
});

test('task-status without states:StartExecution for its starter: the starter fails with AccessDeniedException and no execution starts', async () => {
  const stack = await start(broken('task-status', 'states:StartExecution', 'start-task_role_policy'));
  const entry = await startThroughEntry(stack, entryFunctionOf(stack)!, factsOf('task-status')!.sample.input, 30_000);
  expect(entry.execution).toBeUndefined();
  expect(entry.invocation.error?.errorType).toBe('AccessDeniedException');
  expect(stack.executions()).toStrictEqual([]);
  // The function's log has the service's message (its answer keeps only the error's name, as it does for any unexpected error).
  const logged = stack.lambdaLogs().map((l) => l.line).join('\n');
  expect(logged).toContain(
    `${functionSession(stack, '-start-task')} is not authorized to perform: states:StartExecution on resource: ${stack.model.stateMachines[0].arn} because no identity-based policy allows the states:StartExecution action`,
  );
});

describe('the order API\'s credentials role', () => {
  async function post(stackDir: string, options: Parameters<typeof startLocalStack>[1] = {}) {
    const stack = await startLocalStack(stackDir, options);
    running.push(stack);
    const api = await startLocalApi(stack, { throttling: false });
    try {
      const client = new OrderApiClient(api.url, { kind: 'iam', region: stack.model.region, credentials: { ...LOCAL_API_CREDENTIALS } });
      return { stack, answer: await client.placeOrder(notebookOrder({ accountid: 'a7' })) };
    } finally {
      await api.close();
    }
  }

  test('without states:StartExecution: Step Functions refuses the session BackplaneAssumeRoleSession (400 AccessDeniedException), which the stack\'s integration response maps to its 500; nothing starts', async () => {
    const dir = broken('skip-the-line', 'states:StartExecution', 'order-api_start-execution-role_policy');
    const { stack, answer } = await post(dir);
    expect(answer).toMatchObject({ status: 500, body: { error: 'AccessDeniedException', message: expect.stringContaining('because of its configuration') } });
    expect(stack.executions()).toStrictEqual([]);
    // With --iam warn the same call goes through, and the line names the API's session, the action and the machine.
    const lines: string[] = [];
    const warned = await post(dir, { iam: 'warn', onIamDenial: (line) => lines.push(line) });
    expect(warned.answer.status).toBe(202);
    const machine = warned.stack.model.stateMachines[0].arn;
    expect(lines).toStrictEqual([
      expect.stringMatching(
        new RegExp(`^IAM \\(warn\\): API step_function_orchestration, POST /order integration: User: arn:aws:sts::${ACCOUNT}:assumed-role/[^/]+/BackplaneAssumeRoleSession is not authorized to perform: states:StartExecution on resource: ${machine} because`),
      ),
    ]);
    await warned.stack.waitForExecutions(30_000);
  });

  test('a credentials role API Gateway may not assume (its trust policy names another service): 500 Internal server error', async () => {
    const dir = path.join(outdir, 'untrusted', 'skip-the-line');
    fs.cpSync(path.join(outdir, 'stacks', 'skip-the-line'), dir, { recursive: true });
    const file = path.join(dir, 'cdk.tf.json');
    const tf = JSON.parse(fs.readFileSync(file, 'utf8')) as { resource: { aws_iam_role: Record<string, { assume_role_policy: string }> } };
    const [, role] = Object.entries(tf.resource.aws_iam_role).find(([n]) => n.startsWith('order-api_start-execution-role'))!;
    role.assume_role_policy = role.assume_role_policy.replace('apigateway.amazonaws.com', 'lambda.amazonaws.com');
    fs.writeFileSync(file, JSON.stringify(tf));
    const { stack, answer } = await post(dir);
    expect(answer).toMatchObject({ status: 500, body: { message: 'Internal server error' } });
    expect(stack.executions()).toStrictEqual([]);
  });
});
