import * as path from 'node:path';
import { detailsOf, startLocalStack, type LocalStack, type LocalStackOptions } from '../../../local';
import { loadStackIam, roleStatements } from '../../../local/iam';
import { loadStackModel } from '../../../local/stack-model';
import { loadListInto } from '../../../scripts/lib/local/list-load';
import { factsOf } from '../../../scripts/lib/stack-facts';
import { brokenCopy, failedTasks } from '../../support/broken-stack';
import { catches, statesEntered } from '../../support/history';
import { defaultConfig, synthApp } from '../../support/synth';

// --iam warn and off over a broken copy, an SNS denial and a Distributed Map's S3 denial under enforce, and what
// authorization costs per call.

const ACCOUNT = '000000000000';
const DISTRIBUTED = { mode: 'DISTRIBUTED', waitDurationSeconds: 0 };
let outdir: string;
let distributedDir: string;
const running: LocalStack[] = [];
beforeAll(() => {
  ({ outdir } = synthApp());
  distributedDir = synthApp(defaultConfig({ stepfunc: DISTRIBUTED })).stacks['parallel-map'].dir;
}, 120_000);
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function start(stackDir: string, options: LocalStackOptions = {}): Promise<LocalStack> {
  const stack = await startLocalStack(stackDir, options);
  running.push(stack);
  return stack;
}
let copies = 0;
const broken = (from: string, action: string, onResource?: string) => brokenCopy(from, path.join(outdir, 'broken', `${copies++}`, path.basename(from)), action, onResource);
const stackDir = (id: string) => path.join(outdir, 'stacks', id);

describe('sfn-dynamodb without dynamodb:GetItem', () => {
  test('--iam warn: one line per denial, naming the state, the session, the action and the resource; the run goes on and succeeds', async () => {
    const lines: string[] = [];
    const stack = await start(broken(stackDir('sfn-dynamodb'), 'dynamodb:GetItem'), { iam: 'warn', onIamDenial: (line) => lines.push(line) });
    const result = await stack.execute({ id: '12345' });
    expect(result.status).toBe('SUCCEEDED');
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^IAM \\(warn\\): state machine StateMachinetoDDB, state 'ReadFromDDb': User: arn:aws:sts::${ACCOUNT}:assumed-role/StateMachinetoDDB-role/[A-Za-z]{32} is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/sfn-dynamodb-items because no identity-based policy allows the dynamodb:GetItem action \\(no statement of role StateMachinetoDDB-role's policies allows dynamodb:GetItem on arn:aws:dynamodb:\\S+\\); the call goes through\\.$`,
        ),
      ),
    ]);
    expect(stack.iam).toMatchObject({ mode: 'warn', decisions: 2 });
  });

  test('--iam off: nothing is decided, nothing is said', async () => {
    const lines: string[] = [];
    const stack = await start(broken(stackDir('sfn-dynamodb'), 'dynamodb:GetItem'), { iam: 'off', onIamDenial: (line) => lines.push(line) });
    expect((await stack.execute({ id: '12345' })).status).toBe('SUCCEEDED');
    expect(lines).toEqual([]);
    expect(stack.iam).toEqual({ mode: 'off', decisions: 0, reused: 0, meanMs: 0 });
  });
});

test('skip-the-line without sns:Publish: notify_order_placed fails with SNS.AuthorizationErrorException (403 AuthorizationError), and its Catch records the notice as not sent', async () => {
  const stack = await start(broken(stackDir('skip-the-line'), 'sns:Publish'));
  const result = await stack.execute(factsOf('skip-the-line')!.sample.input);
  const topic = `arn:aws:sns:us-east-1:${ACCOUNT}:step_function_orchestration_topic`;
  expect(failedTasks(result.history)).toEqual([
    {
      state: 'notify_order_placed',
      error: 'SNS.AuthorizationErrorException',
      cause: expect.stringMatching(
        new RegExp(`is not authorized to perform: sns:Publish on resource: ${topic} because no identity-based policy allows the sns:Publish action \\(Service: AmazonSNS; Status Code: 403; Error Code: AuthorizationError; Request ID: [0-9a-f-]{36}; Proxy: null\\)$`),
      ),
    },
  ]);
  expect(catches(result.history)).toEqual(['notify_order_placed → Job Succeeded']);
  expect(result.output).toMatchObject({ noticeNotSent: { Error: 'SNS.AuthorizationErrorException' } });
  expect((await stack.snapshot()).messages).toEqual([]);
});

test('parallel-map (DISTRIBUTED) without s3:GetObject: the Map state fails with States.ItemReaderFailed, S3\'s 403 AccessDenied as the cause, which the definition catches', async () => {
  const stack = await start(broken(distributedDir, 's3:GetObject'));
  await loadListInto(stack, path.join(__dirname, '../../../utils/simplelist.json'), () => undefined, defaultConfig({ stepfunc: DISTRIBUTED }));
  const result = await stack.execute({});
  const [bucket] = stack.model.buckets;
  const failures = result.history.map((e) => detailsOf(e)).filter((d) => d.error === 'States.ItemReaderFailed');
  expect(failures).toEqual([
    expect.objectContaining({
      cause: expect.stringMatching(
        new RegExp(`is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::${bucket.name}/mapitems\\.json because no identity-based policy allows the s3:GetObject action \\(Service: S3, Status Code: 403, Error Code: AccessDenied, Request ID: \\w+\\)`),
      ),
    }),
  ]);
  // The definition's Catch on States.ItemReaderFailed names the list as not loaded; no item reached the function.
  expect(result).toMatchObject({ status: 'FAILED', error: 'ListNotLoaded' });
  expect(statesEntered(result.history)).not.toContain('LambdaInvoke');
});

test('a policy that refers to a local (the Distributed Map\'s own executions: replace() of the state machine ARN) is read with it resolved', () => {
  const role = loadStackIam(loadStackModel(distributedDir)).roles.find((r) => r.name === 'TestStateMachine-role')!;
  expect(roleStatements(role).map((s) => `${s.actions.join(',')} ${s.resources.join(',')}`)).toEqual(
    expect.arrayContaining([`states:DescribeExecution,states:StopExecution arn:aws:states:us-east-1:${ACCOUNT}:execution:TestStateMachine:*`]),
  );
});

test('the overhead of authorization: every Task call (and function SDK call) of the task-status, sfn-dynamodb and skip-the-line samples is decided, each in a few ms at most', async () => {
  const runs: [string, unknown][] = [
    ['task-status', { taskId: 'Breakfast', timestamp: 1712570158 }],
    ['sfn-dynamodb', { id: '12345' }],
    ['skip-the-line', factsOf('skip-the-line')!.sample.input],
  ];
  const decided: Record<string, number> = {};
  for (const [id, input] of runs) {
    const stack = await start(stackDir(id));
    expect((await stack.execute(input)).status).toBe('SUCCEEDED');
    decided[id] = stack.iam.decisions;
    // Generous for a shared 2-core machine; measured at well under 1 ms a decision (see the report).
    expect(stack.iam.meanMs).toBeLessThan(25);
  }
  // ValidateInput + put + update; put + get; put-item + put-object + notify, and the functions' own PutItem and PutObject.
  expect(decided).toEqual({ 'task-status': 3, 'sfn-dynamodb': 2, 'skip-the-line': 5 });
});
