import * as path from 'node:path';
import { authorizationInput, authorize, denialDetail, IamSimulationError, loadStackIam, type AuthorizationRequest, type Decision, type StackIam } from '../../../local/iam';
import { loadStackModel } from '../../../local/stack-model';
import { synthApp } from '../../support/synth';

// authorize() over skip-the-line's real policies, one test per kind of decision: allowed, no identity statement
// allows it, a resource policy's explicit deny, no resource policy statement allows a service, an identity
// policy's explicit deny, and input the simulator refuses.

const ACCOUNT = '000000000000';
const BUCKET = 'arn:aws:s3:::stepfunctionorchestration-local';
const MACHINE_ROLE = 'step_function_orchestration_statemachine';
const TABLE = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/step_function_orchestration`;
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:step_function_orchestration_topic`;
let iam: StackIam;
beforeAll(() => {
  iam = loadStackIam(loadStackModel(path.join(synthApp().outdir, 'stacks', 'skip-the-line')));
}, 120_000);

const asRole = (role: string, action: string, resourceArn: string, secureTransport = true): AuthorizationRequest => ({
  caller: { kind: 'role', roleArn: `arn:aws:iam::${ACCOUNT}:role/${role}`, sessionName: 'session1' },
  action,
  resourceArn,
  region: 'us-east-1',
  secureTransport,
});
const decide = (request: AuthorizationRequest, stack = iam): Promise<Decision> => authorize(authorizationInput(stack, request));
const session = (role: string) => `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/session1`;

test('allowed: the state machine role publishes to its topic and invokes put-item, qualified or not', async () => {
  expect(await decide(asRole(MACHINE_ROLE, 'sns:Publish', TOPIC))).toEqual({ allowed: true, principal: session(MACHINE_ROLE), role: MACHINE_ROLE, action: 'sns:Publish', resourceArn: TOPIC });
  const fn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:step_function_orchestration_put_item`;
  expect((await decide(asRole(MACHINE_ROLE, 'lambda:InvokeFunction', fn))).allowed).toBe(true);
  expect((await decide(asRole(MACHINE_ROLE, 'lambda:InvokeFunction', `${fn}:$LATEST`))).allowed).toBe(true);
  // The role grants put-item and put-object, not get-item.
  expect((await decide(asRole(MACHINE_ROLE, 'lambda:InvokeFunction', fn.replace('put_item', 'get_item')))).allowed).toBe(false);
});

test('no identity-based policy allows it: the state machine role may delete items, not put them', async () => {
  const decision = await decide(asRole(MACHINE_ROLE, 'dynamodb:PutItem', TABLE));
  expect(decision).toMatchObject({ allowed: false, reason: { kind: 'no-allow', policyType: 'identity' } });
  if (decision.allowed) return;
  expect(decision.message).toBe(`User: ${session(MACHINE_ROLE)} is not authorized to perform: dynamodb:PutItem on resource: ${TABLE} because no identity-based policy allows the dynamodb:PutItem action`);
  expect(denialDetail(decision)).toBe(`no statement of role ${MACHINE_ROLE}'s policies allows dynamodb:PutItem on ${TABLE}`);
  expect((await decide(asRole(MACHINE_ROLE, 'dynamodb:DeleteItem', TABLE))).allowed).toBe(true);
});

test('explicit deny in a resource-based policy: the bucket policy refuses put-object without TLS, whatever the role allows', async () => {
  const role = 'step_function_orchestration_lambda_put_object';
  const key = `${BUCKET}/invoices/o-1.pdf`;
  expect((await decide(asRole(role, 's3:PutObject', key, true))).allowed).toBe(true);
  const decision = await decide(asRole(role, 's3:PutObject', key, false));
  expect(decision).toMatchObject({ allowed: false, reason: { kind: 'explicit-deny', policyType: 'resource', statement: 'Statement[0] (Sid DenyInsecureTransport)' } });
  if (decision.allowed) return;
  expect(decision.reason).toMatchObject({ policy: expect.stringMatching(/^aws_s3_bucket_policy\./) });
  expect(decision.message).toBe(`User: ${session(role)} is not authorized to perform: s3:PutObject on resource: ${key} with an explicit deny in a resource-based policy`);
  expect(denialDetail(decision)).toMatch(/^denied by aws_s3_bucket_policy\.\S+ Statement\[0\] \(Sid DenyInsecureTransport\)$/);
});

test('no resource-based policy allows it: API Gateway invoking get-item for another method than the permission names', async () => {
  const fn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:step_function_orchestration_get_item`;
  const call = (method: string): AuthorizationRequest => ({
    caller: { kind: 'service', service: 'apigateway.amazonaws.com', sourceArn: `arn:aws:execute-api:us-east-1:${ACCOUNT}:local/prod/${method}/order` },
    action: 'lambda:InvokeFunction',
    resourceArn: fn,
    region: 'us-east-1',
    secureTransport: true,
  });
  expect((await decide(call('GET'))).allowed).toBe(true);
  const decision = await decide(call('DELETE'));
  expect(decision).toMatchObject({ allowed: false, principal: 'apigateway.amazonaws.com', reason: { kind: 'no-allow', policyType: 'resource' } });
  if (decision.allowed) return;
  expect(decision.message).toMatch(/^User: apigateway\.amazonaws\.com is not authorized to perform: lambda:InvokeFunction on resource: \S+ because no resource-based policy allows the lambda:InvokeFunction action$/);
  expect(decision.role).toBeUndefined();
});

test('explicit deny in an identity-based policy: a Deny statement added to the role beats its Allow', async () => {
  const withDeny: StackIam = {
    ...iam,
    roles: iam.roles.map((r) =>
      r.name !== MACHINE_ROLE
        ? r
        : { ...r, policies: [...r.policies, { source: 'aws_iam_role_policy.no_publish', name: 'no-publish', document: { Version: '2012-10-17', Statement: [{ Sid: 'NoPublish', Effect: 'Deny', Action: 'sns:*', Resource: '*' }] } }] },
    ),
  };
  const decision = await decide(asRole(MACHINE_ROLE, 'sns:Publish', TOPIC), withDeny);
  expect(decision).toMatchObject({ allowed: false, reason: { kind: 'explicit-deny', policyType: 'identity', policy: 'aws_iam_role_policy.no_publish', statement: 'Statement[0] (Sid NoPublish)' } });
  if (decision.allowed) return;
  expect(decision.message).toMatch(/ on resource: \S+ with an explicit deny in an identity-based policy$/);
});

test('an action the Service Authorization Reference does not have is refused by name, not decided', async () => {
  await expect(decide(asRole(MACHINE_ROLE, 'sns:Publsh', TOPIC))).rejects.toThrow(IamSimulationError);
  await expect(decide(asRole(MACHINE_ROLE, 'sns:Publsh', TOPIC))).rejects.toThrow(/could not decide sns:Publsh on arn:aws:sns:\S+ for arn:aws:sts::000000000000:assumed-role\/step_function_orchestration_statemachine\/session1: /);
});
