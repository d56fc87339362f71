import { applyMutation, describeMutation, MULTIPART_NOTE, mutationsOf, type StackIam } from '../../../local/iam';

// The mutation generator (issue 16): each statement of a state machine role, then each action of a statement of several.

const MACHINE = 'arn:aws:iam::000000000000:role/machine';
const FN = 'arn:aws:iam::000000000000:role/fn';
const statements = [
  { Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:GetItem'], Resource: '${aws_dynamodb_table.t.arn}' },
  { Effect: 'Allow', Action: 'sns:Publish', Resource: '*' },
  { Effect: 'Allow', Action: ['logs:CreateLogDelivery', 'xray:PutTraceSegments'], Resource: '*' },
  { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' },
];
const role = (name: string, arn: string) => ({
  address: `aws_iam_role.${name}`,
  name,
  arn,
  trustPolicy: { Version: '2012-10-17', Statement: [] },
  trustedServices: [],
  policies: [{ source: `aws_iam_role_policy.${name}_policy`, name: `${name}_policy`, document: { Version: '2012-10-17', Statement: statements } }],
});
const iam = { stackId: 'x', resourcePolicies: [], roles: [role('machine', MACHINE), role('fn', FN)] } as unknown as StackIam;
const tf = () => ({ resource: { aws_iam_role_policy: { machine_policy: { role: 'x', policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) } } } });

test('only the state machine roles are mutated: each statement, each action of a statement of several; logs/X-Ray and Deny statements are classified, not run', () => {
  const mutations = mutationsOf(iam, [MACHINE]);
  expect(mutations.map((m) => `${describeMutation(m)}${m.classified ? ' (classified)' : ''}`)).toEqual([
    'aws_iam_role_policy.machine_policy Statement[0]',
    'dynamodb:PutItem of aws_iam_role_policy.machine_policy Statement[0]',
    'dynamodb:GetItem of aws_iam_role_policy.machine_policy Statement[0]',
    'aws_iam_role_policy.machine_policy Statement[1]',
    'aws_iam_role_policy.machine_policy Statement[2] (classified)',
    'aws_iam_role_policy.machine_policy Statement[3] (classified)',
  ]);
  expect(mutations[0]!.expects).toEqual(['dynamodb:PutItem', 'dynamodb:GetItem']);
  expect(mutations[2]!.expects).toEqual(['dynamodb:GetItem']);
  expect(mutations[4]!.classified).toMatch(/log delivery .*Developer Guide/);
  expect(mutations[5]!.classified).toMatch(/Deny statement/);
});

test('applyMutation removes one action or one statement from the policy text, and the policy when no statement is left', () => {
  const [whole, put] = mutationsOf(iam, [MACHINE]);
  const one = tf();
  applyMutation(one, put!);
  const left = JSON.parse(one.resource.aws_iam_role_policy.machine_policy.policy);
  expect(left.Statement[0].Action).toEqual(['dynamodb:GetItem']);
  expect(left.Statement).toHaveLength(4);
  const two = tf();
  applyMutation(two, whole!);
  expect(JSON.parse(two.resource.aws_iam_role_policy.machine_policy.policy).Statement.map((s: { Action: unknown }) => s.Action)).toEqual(['sns:Publish', ['logs:CreateLogDelivery', 'xray:PutTraceSegments'], 's3:DeleteObject']);
  const single = { resource: { aws_iam_role_policy: { machine_policy: { policy: JSON.stringify({ Version: '2012-10-17', Statement: [statements[1]] }) } } } };
  applyMutation(single, { ...whole!, statement: 0 });
  expect(single.resource.aws_iam_role_policy).toEqual({});
});

test('a policy that is not JSON text, or a statement that is gone, is named', () => {
  const [whole, put] = mutationsOf(iam, [MACHINE]);
  expect(() => applyMutation({ resource: { aws_iam_role_policy: { machine_policy: { policy: '${data.aws_iam_policy_document.d.json}' } } } }, whole!)).toThrow(
    /aws_iam_role_policy.machine_policy: only an aws_iam_role_policy whose policy is JSON text can be mutated/,
  );
  expect(() => applyMutation({ resource: { aws_iam_role_policy: { machine_policy: { policy: '{"Statement":[]}' } } } }, put!)).toThrow(/has no Statement\[0\]/);
  const noPut = { resource: { aws_iam_role_policy: { machine_policy: { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' }] }) } } } };
  expect(() => applyMutation(noPut, put!)).toThrow(/Statement\[0\] has no dynamodb:PutItem in its Action/);
});

test('a ResultWriter statement: PutObject and the statement are run, the multipart upload actions AWS also needs are classified', () => {
  const writer = { Effect: 'Allow', Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:PutObject'], Resource: '${aws_s3_bucket.b.arn}/results/*' };
  const one = { ...role('machine', MACHINE), policies: [{ source: 'aws_iam_role_policy.w', name: 'w', document: { Version: '2012-10-17', Statement: [writer] } }] };
  const mutations = mutationsOf({ stackId: 'x', resourcePolicies: [], roles: [one] } as unknown as StackIam, [MACHINE]);
  expect(mutations.map((m) => `${describeMutation(m)}${m.classified ? ` (${m.classified.split(':')[0]})` : ''}`)).toEqual([
    'aws_iam_role_policy.w Statement[0]',
    's3:AbortMultipartUpload of aws_iam_role_policy.w Statement[0] (ResultWriter multipart upload)',
    's3:GetObject of aws_iam_role_policy.w Statement[0] (ResultWriter multipart upload)',
    's3:ListMultipartUploadParts of aws_iam_role_policy.w Statement[0] (ResultWriter multipart upload)',
    's3:PutObject of aws_iam_role_policy.w Statement[0]',
  ]);
  // A GetObject that is not a ResultWriter's (the ItemReader's) is run as any action.
  expect(mutationsOf(iam, [MACHINE]).filter((m) => m.classified === MULTIPART_NOTE)).toEqual([]);
});
