import * as path from 'node:path';
import { loadStackIam, resourcePolicyFor, roleByArn, roleStatements, type StackIam } from '../../../local/iam';
import { loadStackModel } from '../../../local/stack-model';
import { synthApp } from '../../support/synth';

// The IAM of the four real stacks, read from what synth writes: every role with its trust and identity policies,
// and the resource policies, references resolved to the ARNs the local runner uses.

const ACCOUNT = '000000000000';
const stacks: Record<string, StackIam> = {};
beforeAll(() => {
  const { outdir } = synthApp();
  for (const id of ['task-status', 'sfn-dynamodb', 'skip-the-line', 'parallel-map']) stacks[id] = loadStackIam(loadStackModel(path.join(outdir, 'stacks', id)));
}, 120_000);

const role = (stack: string, name: string) => {
  const found = stacks[stack].roles.find((r) => r.name === name);
  if (!found) throw new Error(`no role ${name} in ${stack}: ${stacks[stack].roles.map((r) => r.name).join(', ')}`);
  return found;
};
const granted = (stack: string, name: string) => roleStatements(role(stack, name)).map((s) => `${s.effect} ${s.actions.join(',')} ${s.resources.join(',')}`);

test('every role of every stack, with the service that assumes it', () => {
  const roles = Object.fromEntries(Object.entries(stacks).map(([id, iam]) => [id, iam.roles.map((r) => `${r.name} <- ${r.trustedServices.join(',')}`).sort()]));
  expect(roles).toEqual({
    'task-status': ['task-status-role <- states.amazonaws.com', 'task-status-start-task-role <- lambda.amazonaws.com', 'task-status-validate-input-role <- lambda.amazonaws.com'],
    'sfn-dynamodb': ['StateMachinetoDDB-role <- states.amazonaws.com'],
    'skip-the-line': [
      'step_function_orchestration_api <- apigateway.amazonaws.com',
      'step_function_orchestration_apigw_cloudwatch <- apigateway.amazonaws.com',
      'step_function_orchestration_delete_item <- lambda.amazonaws.com',
      'step_function_orchestration_get_item <- lambda.amazonaws.com',
      'step_function_orchestration_lambda_get_object <- lambda.amazonaws.com',
      'step_function_orchestration_lambda_put_object <- lambda.amazonaws.com',
      'step_function_orchestration_put_item <- lambda.amazonaws.com',
      'step_function_orchestration_statemachine <- states.amazonaws.com',
    ],
    'parallel-map': ['TestStateMachine-role <- states.amazonaws.com', 'parallel-map-process-item-role <- lambda.amazonaws.com'],
  });
});

test('role ARNs are local, and each role is found by its ARN or by one of its sessions', () => {
  const r = role('skip-the-line', 'step_function_orchestration_statemachine');
  expect(r.arn).toBe(`arn:aws:iam::${ACCOUNT}:role/step_function_orchestration_statemachine`);
  expect(roleByArn(stacks['skip-the-line'], r.arn)).toBe(r);
  expect(roleByArn(stacks['skip-the-line'], `arn:aws:sts::${ACCOUNT}:assumed-role/step_function_orchestration_statemachine/exec-1`)).toBe(r);
  expect(roleByArn(stacks['skip-the-line'], `arn:aws:iam::${ACCOUNT}:role/nobody`)).toBeUndefined();
});

test('identity statements resolve Terraform references to the local ARNs (state machine role of skip-the-line)', () => {
  const fn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
  expect(granted('skip-the-line', 'step_function_orchestration_statemachine')).toEqual([
    `Allow dynamodb:DeleteItem arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/step_function_orchestration`,
    `Allow lambda:InvokeFunction ${fn('step_function_orchestration_put_item')},${fn('step_function_orchestration_put_item')}:*`,
    `Allow lambda:InvokeFunction ${fn('step_function_orchestration_put_object')},${fn('step_function_orchestration_put_object')}:*`,
    expect.stringMatching(/^Allow logs:CreateLogDelivery,.*xray:PutTraceSegments \*$/),
    `Allow sns:Publish arn:aws:sns:us-east-1:${ACCOUNT}:step_function_orchestration_topic`,
  ]);
  const [policy] = role('skip-the-line', 'step_function_orchestration_statemachine').policies;
  expect(policy.source).toMatch(/^aws_iam_role_policy\.workflow_role_policy_/);
  expect(JSON.stringify(policy.document)).not.toContain('${');
});

test('a function role grants its own log group and the bucket prefix it needs (get-object)', () => {
  expect(granted('skip-the-line', 'step_function_orchestration_lambda_get_object')).toEqual([
    `Allow logs:CreateLogStream,logs:PutLogEvents arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/step_function_orchestration_get_object:*`,
    'Allow s3:GetObject arn:aws:s3:::stepfunctionorchestration-local/invoices/*',
    'Allow s3:ListBucket arn:aws:s3:::stepfunctionorchestration-local',
    'Allow xray:PutTelemetryRecords,xray:PutTraceSegments *',
  ]);
});

test('a data.aws_arn part (the access log group account) resolves to the local account', () => {
  expect(granted('skip-the-line', 'step_function_orchestration_apigw_cloudwatch')[0]).toBe(
    `Allow logs:CreateLogGroup,logs:DescribeLogStreams,logs:FilterLogEvents arn:aws:logs:us-east-1:${ACCOUNT}:log-group:*`,
  );
});

test('the bucket policy of skip-the-line: TLS only, and it governs the bucket and its objects', () => {
  const bucket = 'arn:aws:s3:::stepfunctionorchestration-local';
  const policy = resourcePolicyFor(stacks['skip-the-line'], `${bucket}/invoices/2026/x.pdf`);
  expect(policy?.resourceArn).toBe(bucket);
  expect(policy?.sources).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\.invoice-bucket_tls-only_/)]);
  expect(policy?.document.Statement).toEqual([
    { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [bucket, `${bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
  ]);
  expect(resourcePolicyFor(stacks['skip-the-line'], bucket)).toBe(policy);
  expect(resourcePolicyFor(stacks['skip-the-line'], 'arn:aws:s3:::another-bucket/x')).toBeUndefined();
});

test('the Lambda permissions of the order API become each function policy, with the execute-api source ARN', () => {
  const functions = stacks['skip-the-line'].resourcePolicies.filter((p) => p.resourceArn.includes(':lambda:'));
  expect(functions.map((p) => [p.resourceArn.split(':').pop(), p.document.Statement.map((s) => s.Condition)])).toEqual([
    ['step_function_orchestration_delete_item', [{ ArnLike: { 'AWS:SourceArn': `arn:aws:execute-api:us-east-1:${ACCOUNT}:local/prod/DELETE/order` } }]],
    ['step_function_orchestration_get_object', [{ ArnLike: { 'AWS:SourceArn': `arn:aws:execute-api:us-east-1:${ACCOUNT}:local/prod/GET/invoice` } }]],
    ['step_function_orchestration_get_item', [{ ArnLike: { 'AWS:SourceArn': `arn:aws:execute-api:us-east-1:${ACCOUNT}:local/prod/GET/order` } }]],
  ]);
  for (const p of functions) {
    expect(p.document).toMatchObject({ Version: '2012-10-17', Id: 'default' });
    expect(p.document.Statement[0]).toMatchObject({ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: p.resourceArn });
  }
});

test('the other three stacks have no resource policies', () => {
  expect(['task-status', 'sfn-dynamodb', 'parallel-map'].map((id) => stacks[id].resourcePolicies.length)).toEqual([0, 0, 0]);
});
