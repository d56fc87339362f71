import * as path from 'node:path';
import { formatIamReport, startLocalStack } from '../../local';
import { mutateStack } from '../../scripts/lib/iam-mutation/run';
import { formatMutationTable } from '../../scripts/lib/iam-mutation/table';
import { factsOf } from '../../scripts/lib/stack-facts';
import { sendApiRuns } from '../../scripts/lib/iam-mutation/api-runs';
import { synthApp } from '../support/synth';

// Least privilege proven by mutation (issue 16) on sfn-dynamodb, the small stack: each statement and action of its
// state machine role removed once in a copy of the synthesized JSON, the sample run each time; skip-the-line's path and
// API runs; and --iam-report.

let outdir: string;
beforeAll(() => {
  ({ outdir } = synthApp());
}, 120_000);

test('sfn-dynamodb: PutItem and GetItem are each proven necessary at the state that needs them, no over-grant, the log delivery statement classified', async () => {
  const report = await mutateStack(path.join(outdir, 'stacks', 'sfn-dynamodb'));
  expect(report.outcomes.map((o) => o.kind)).toEqual(['necessary', 'necessary', 'necessary', 'classified']);
  const policy = 'aws_iam_role_policy.workflow_role_policy_6F81BCA0';
  expect(formatMutationTable(report)).toEqual([
    'sfn-dynamodb',
    '  role StateMachinetoDDB-role: 2 statement(s), 14 action(s)',
    '    proven necessary (3):',
    `      - ${policy} Statement[0]: denied dynamodb:PutItem at state 'SendToDDB'; dynamodb:GetItem at state 'ReadFromDDb'`,
    `      - dynamodb:GetItem of ${policy} Statement[0]: denied dynamodb:GetItem at state 'ReadFromDDb'`,
    `      - dynamodb:PutItem of ${policy} Statement[0]: denied dynamodb:PutItem at state 'SendToDDB'`,
    '    over-grants (0):',
    expect.stringMatching(new RegExp(`^    not provable locally: ${policy} Statement\\[1\\] \\(12 action\\(s\\)\\): log delivery / X-Ray tracing: needed by AWS \\(Step Functions Developer Guide`)),
  ]);
}, 30_000);

test('skip-the-line: its path run proves dynamodb:DeleteItem at task_delete_item; its API runs prove every grant of the API\'s roles (credentials role, get_item, get_object, delete_item) at their calls; no over-grant', async () => {
  const report = await mutateStack(path.join(outdir, 'stacks', 'skip-the-line'));
  const apiRuns = factsOf('skip-the-line')!.apiRuns!.map((r) => r.name);
  expect(report.runs).toEqual(['sample', 'invoice not written (task_put_object fails) → order withdrawn', ...apiRuns]);
  expect(report.outcomes.filter((o) => o.kind === 'over-grant' || o.kind === 'refused')).toEqual([]);
  const machine = report.outcomes.filter((o) => o.mutation.role === 'step_function_orchestration_statemachine');
  const deleteItem = machine.find((o) => o.mutation.expects.includes('dynamodb:DeleteItem'));
  expect(deleteItem).toMatchObject({ kind: 'necessary', denials: [{ action: 'dynamodb:DeleteItem', where: "state 'task_delete_item'", run: report.runs[1] }] });
  // The failure notice is published only on the path run: its denial is named with the run.
  expect(formatMutationTable(report)).toContainEqual(expect.stringContaining(`sns:Publish at state 'notify_order_failed' (run: ${report.runs[1]})`));
  // Every role a session made calls as is reached: only logs:/xray: statements are left unproven.
  const classified = report.outcomes.filter((o) => o.kind === 'classified');
  expect(classified.filter((o) => !o.mutation.expects.every((a) => /^(logs|xray):/.test(a)))).toEqual([]);
  // The API's roles, each proven by a denial in the API run that calls as it, where the call is made.
  const proven = (role: string) =>
    report.outcomes
      .filter((o) => o.mutation.role === role && o.kind === 'necessary')
      .map((o) => (o.kind === 'necessary' ? o.denials.map((d) => `${d.action} at ${d.where.replace(/ \/\S+$/, '')} in ${d.run}`) : []));
  expect(proven('step_function_orchestration_api')).toEqual([['states:StartExecution at POST /order integration in POST /order starts an execution']]);
  expect(proven('step_function_orchestration_get_item')).toEqual([["dynamodb:GetItem at DynamoDB GetItem in GET /order reads the sample's order"]]);
  expect(proven('step_function_orchestration_delete_item')).toEqual([["dynamodb:DeleteItem at DynamoDB DeleteItem in DELETE /order collects the sample's order"]]);
  // s3:GetObject at both HEADs; s3:ListBucket only where the invoice is missing (S3 answers 404 only to a caller that may list).
  expect(proven('step_function_orchestration_lambda_get_object')).toEqual([
    ["s3:GetObject at S3 HEAD in GET /invoice links the sample's invoice", 's3:GetObject at S3 HEAD in GET /invoice of a missing invoice: 404'],
    ['s3:ListBucket at S3 HEAD of a missing key in GET /invoice of a missing invoice: 404'],
  ]);
}, 120_000);

test('an API run answered with another status than its own is named as a problem of the intact runs (the status, the body, the one expected)', async () => {
  const stack = await startLocalStack(path.join(outdir, 'stacks', 'skip-the-line'));
  try {
    const sent: string[] = [];
    const problems = await sendApiRuns(stack, [{ name: 'GET /order of no order', method: 'GET', path: '/order', query: { accountid: 'nobody', vendorid: 'v0' }, status: 200 }], (run) => sent.push(run.name));
    expect(sent).toEqual(['GET /order of no order']);
    expect(problems).toEqual([expect.stringMatching(/^the API run 'GET \/order of no order' answered 404 \{.*\}, not 200$/)]);
  } finally {
    await stack.close();
  }
}, 30_000);

test('task-status: the starter Lambda\'s states:StartExecution is proven necessary at its own call (through the front door); the roles\' logs:/xray: statements are classified', async () => {
  const report = await mutateStack(path.join(outdir, 'stacks', 'task-status'));
  const starter = report.outcomes.filter((o) => o.mutation.role === 'task-status-start-task-role');
  expect(starter.map((o) => `${o.kind} ${o.mutation.expects.join(',')}`)).toEqual([
    'classified logs:CreateLogStream,logs:PutLogEvents',
    'necessary states:StartExecution',
    'classified xray:PutTelemetryRecords,xray:PutTraceSegments',
  ]);
  expect(starter[1]).toMatchObject({ denials: [{ action: 'states:StartExecution', where: 'Step Functions StartExecution' }] });
  expect(report.outcomes.filter((o) => o.kind === 'over-grant' || o.kind === 'refused')).toEqual([]);
  expect(report.roles.map((r) => r.role).sort()).toEqual(['task-status-role', 'task-status-start-task-role', 'task-status-validate-input-role']);
  expect(report.roles.every((r) => r.notYet === undefined)).toBe(true);
}, 60_000);

test('--iam-report: the run used PutItem and GetItem on the items table; the log delivery grants are unused', async () => {
  const stack = await startLocalStack(path.join(outdir, 'stacks', 'sfn-dynamodb'));
  try {
    expect((await stack.execute({ id: '12345' })).status).toBe('SUCCEEDED');
    const usage = stack.iamUsage()!;
    const table = 'arn:aws:dynamodb:us-east-1:000000000000:table/sfn-dynamodb-items';
    expect(usage.map((r) => r.role)).toEqual(['StateMachinetoDDB-role']);
    expect(usage[0]!.grants.filter((g) => g.usedBy.length > 0).map((g) => `${g.action} ${g.usedBy.map((p) => p.resourceArn).join()}`)).toEqual([`dynamodb:GetItem ${table}`, `dynamodb:PutItem ${table}`]);
    expect(formatIamReport(usage)).toContain('  role StateMachinetoDDB-role: 14 grant(s), 2 used, 12 unused');
  } finally {
    await stack.close();
  }
}, 30_000);
