import * as path from 'node:path';
import { detailsOf, startLocalStack, type HistoryEvent, type LocalStack, type LocalStackOptions } from '../../../local';
import { loadListInto } from '../../../scripts/lib/local/list-load';
import { brokenCopy } from '../../support/broken-stack';
import { statesEntered } from '../../support/history';
import { defaultConfig, synthApp } from '../../support/synth';

// A Distributed Map's Map Run starts executions of its own state machine as the state machine's role (Developer
// Guide, "IAM policies for using Distributed Map states"): parallel-map in DISTRIBUTED mode under --iam enforce, and
// copies with one of the three actions removed.

const ACCOUNT = '000000000000';
const DISTRIBUTED = { mode: 'DISTRIBUTED', waitDurationSeconds: 0 };
const MACHINE = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:TestStateMachine`;
let distributedDir: string;
let scratch: string;
const running: LocalStack[] = [];
beforeAll(() => {
  const synthed = synthApp(defaultConfig({ stepfunc: DISTRIBUTED }));
  distributedDir = synthed.stacks['parallel-map'].dir;
  scratch = path.join(synthed.outdir, 'broken-children');
}, 120_000);
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

let copies = 0;
async function loaded(dir: string, options: LocalStackOptions = {}): Promise<LocalStack> {
  const stack = await startLocalStack(dir, options);
  running.push(stack);
  await loadListInto(stack, path.join(__dirname, '../../../utils/simplelist.json'), () => undefined, defaultConfig({ stepfunc: DISTRIBUTED }));
  return stack;
}
const without = (action: string) => brokenCopy(distributedDir, path.join(scratch, `${copies++}`, 'parallel-map'), action);
const mapRunFailures = (history: readonly HistoryEvent[]) =>
  history.filter((e) => e.type === 'MapRunFailed').map((e) => detailsOf(e) as { error: string; cause: string });

test('--iam enforce: the intact stack runs its three items, the Map Run\'s three permissions allowed to the role', async () => {
  const stack = await loaded(distributedDir);
  const result = await stack.execute({});
  expect(result.status).toBe('SUCCEEDED');
  expect(statesEntered(result.history).filter((s) => s === 'MapState')).toHaveLength(1);
  const role = stack.iamUsage()!.find((r) => r.role === 'TestStateMachine-role')!;
  const used = role.grants.flatMap((g) => g.usedBy).map((p) => `${p.action} ${p.resourceArn}`);
  expect(used).toEqual(
    expect.arrayContaining([`states:StartExecution ${MACHINE}`, `states:DescribeExecution ${result.executionArn}`, `states:StopExecution ${result.executionArn}`]),
  );
});

test('without states:StartExecution: the Map Run fails with States.Runtime, the Cause AWS gives (Service: Sfn, 400), before any child runs', async () => {
  const stack = await loaded(without('states:StartExecution'));
  const result = await stack.execute({});
  const expected = {
    error: 'States.Runtime',
    cause: expect.stringMatching(
      new RegExp(
        `^Error contacting AWS Service\\. \\| Message from Service: User: arn:aws:sts::${ACCOUNT}:assumed-role/TestStateMachine-role/[A-Za-z]{32} is not authorized to perform: states:StartExecution on resource: ${MACHINE} because no identity-based policy allows the states:StartExecution action \\(Service: Sfn, Status Code: 400, Request ID: [0-9a-f-]{36}\\)$`,
      ),
    ),
  };
  expect(mapRunFailures(result.history)).toEqual([expected]);
  // States.Runtime is not caught by the definition's Catch (States.ItemReaderFailed): the execution fails with it.
  expect(result).toMatchObject({ status: 'FAILED', ...expected });
  expect(statesEntered(result.history)).not.toContain('LambdaInvoke');
});

test('without states:DescribeExecution: the Map Run fails naming the action and the parent execution', async () => {
  const stack = await loaded(without('states:DescribeExecution'));
  const result = await stack.execute({});
  const [failure] = mapRunFailures(result.history);
  expect(failure.error).toBe('States.Runtime');
  expect(failure.cause).toContain(`is not authorized to perform: states:DescribeExecution on resource: ${result.executionArn} because no identity-based policy allows`);
});

test('--iam warn without states:StopExecution: one line naming the Map state, and the Map Run goes on', async () => {
  const lines: string[] = [];
  const stack = await loaded(without('states:StopExecution'), { iam: 'warn', onIamDenial: (line) => lines.push(line) });
  const result = await stack.execute({});
  expect(result.status).toBe('SUCCEEDED');
  expect(lines).toEqual([
    expect.stringMatching(
      /^IAM \(warn\): state machine TestStateMachine, Map 'MapState' starting its child executions: User: \S+ is not authorized to perform: states:StopExecution on resource: arn:aws:states:us-east-1:000000000000:execution:TestStateMachine:\S+ because no identity-based policy allows the states:StopExecution action \(no statement of role TestStateMachine-role's policies allows states:StopExecution on \S+\); the call goes through\.$/,
    ),
  ]);
});
