import * as path from 'node:path';
import { authorizationInput, loadStackIam, type StackIam } from '../../../local/iam';
import { loadStackModel } from '../../../local/stack-model';
import { synthApp } from '../../support/synth';

// What a simulator is given for one call of a local run of skip-the-line: the caller's policies, the resource's
// policy, and the context keys AWS would set for that caller and connection.

const ACCOUNT = '000000000000';
const BUCKET = 'arn:aws:s3:::stepfunctionorchestration-local';
const TIME = new Date('2026-11-30T12:00:00.250Z');
let iam: StackIam;
beforeAll(() => {
  iam = loadStackIam(loadStackModel(path.join(synthApp().outdir, 'stacks', 'skip-the-line')));
}, 120_000);

const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

test('a function environment putting an invoice: its role session, its policy, the bucket policy and the TLS key', () => {
  const input = authorizationInput(iam, {
    caller: { kind: 'role', roleArn: roleArn('step_function_orchestration_lambda_put_object'), sessionName: 'step_function_orchestration_put_object' },
    action: 's3:PutObject',
    resourceArn: `${BUCKET}/invoices/o-1.pdf`,
    region: 'us-east-1',
    secureTransport: false,
    time: TIME,
  });
  expect(input.principal).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/step_function_orchestration_lambda_put_object/step_function_orchestration_put_object`);
  expect(input.identityPolicies.map((p) => p.source)).toEqual([expect.stringMatching(/^aws_iam_role_policy\.put-object_role_policy_/)]);
  expect(input.resourcePolicy?.resourceArn).toBe(BUCKET);
  expect(input.contextVariables).toEqual({
    'aws:PrincipalArn': roleArn('step_function_orchestration_lambda_put_object'),
    'aws:PrincipalAccount': ACCOUNT,
    'aws:PrincipalType': 'AssumedRole',
    'aws:PrincipalIsAWSService': 'false',
    'aws:SecureTransport': 'false',
    'aws:RequestedRegion': 'us-east-1',
    'aws:CurrentTime': '2026-11-30T12:00:00Z',
    'aws:EpochTime': String(Date.UTC(2026, 10, 30, 12) / 1000),
  });
});

test('a role given by its session ARN, and the request\'s own keys (s3:prefix) passed on', () => {
  const input = authorizationInput(iam, {
    caller: { kind: 'role', roleArn: `arn:aws:sts::${ACCOUNT}:assumed-role/step_function_orchestration_lambda_get_object/x`, sessionName: 'get-object' },
    action: 's3:ListBucket',
    resourceArn: BUCKET,
    region: 'us-east-1',
    secureTransport: true,
    context: { 's3:prefix': 'invoices/' },
    time: TIME,
  });
  expect(input.role?.name).toBe('step_function_orchestration_lambda_get_object');
  expect(input.contextVariables).toMatchObject({ 's3:prefix': 'invoices/', 'aws:SecureTransport': 'true' });
});

test('API Gateway invoking a function: a service principal with the method\'s source ARN, the function policy, no identity policies', () => {
  const sourceArn = `arn:aws:execute-api:us-east-1:${ACCOUNT}:local/prod/GET/order`;
  const fn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:step_function_orchestration_get_item`;
  const input = authorizationInput(iam, { caller: { kind: 'service', service: 'apigateway.amazonaws.com', sourceArn }, action: 'lambda:InvokeFunction', resourceArn: fn, region: 'us-east-1', secureTransport: true, time: TIME });
  expect(input).toMatchObject({ principal: 'apigateway.amazonaws.com', identityPolicies: [], resourcePolicy: { resourceArn: fn } });
  expect(input.role).toBeUndefined();
  expect(input.contextVariables).toMatchObject({
    'aws:PrincipalServiceName': 'apigateway.amazonaws.com',
    'aws:PrincipalIsAWSService': 'true',
    'aws:SourceArn': sourceArn,
    'aws:SourceAccount': ACCOUNT,
  });
});

test('refusals: a role the stack does not define, a bad session name, a context key AWS sets itself', () => {
  const base = { action: 'sns:Publish', resourceArn: `arn:aws:sns:us-east-1:${ACCOUNT}:t`, region: 'us-east-1', secureTransport: true };
  expect(() => authorizationInput(iam, { ...base, caller: { kind: 'role', roleArn: roleArn('ghost'), sessionName: 's1' } })).toThrow(
    /with the role arn:aws:iam::000000000000:role\/ghost, which stack skip-the-line does not define \(its roles: .*step_function_orchestration_statemachine/,
  );
  const machine = { kind: 'role', roleArn: roleArn('step_function_orchestration_statemachine') } as const;
  expect(() => authorizationInput(iam, { ...base, caller: { ...machine, sessionName: 'has space' } })).toThrow('The role session name "has space" is not one AWS accepts');
  expect(() => authorizationInput(iam, { ...base, caller: { ...machine, sessionName: 's1' }, context: { 'AWS:SecureTransport': 'true' } })).toThrow(
    /sets the context key AWS:SecureTransport, which AWS sets itself/,
  );
  expect(() => authorizationInput(iam, { ...base, caller: { kind: 'service', service: 'apigateway' } })).toThrow('"apigateway" is not a service principal');
});
