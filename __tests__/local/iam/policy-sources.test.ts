import { parsePolicyDocument, PolicyDocumentError, readStackIam, resourcePolicyFor } from '../../../local/iam';
import type { StackModel } from '../../../local/stack-model';
import type { TerraformJson } from '../../../local/synthesized';

// The policy sources the four stacks do not use yet, read from hand-made Terraform JSON: customer managed
// policies and their attachments, inline_policy blocks, topic policies, Lambda permissions for an account or a
// qualifier; and the errors that name the block and say what to do.

const ACCOUNT = '000000000000';
const model: StackModel = {
  stackId: 'demo',
  stackDir: '/nowhere',
  region: 'us-east-1',
  tables: [{ address: 'aws_dynamodb_table.t', name: 'orders', arn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`, hashKey: { name: 'id', type: 'S' }, globalIndexes: [], localIndexes: [] }],
  buckets: [{ address: 'aws_s3_bucket.b', name: 'docs' }],
  topics: [{ address: 'aws_sns_topic.n', name: 'news', arn: `arn:aws:sns:us-east-1:${ACCOUNT}:news` }],
  functions: [
    {
      address: 'aws_lambda_function.f',
      name: 'worker',
      arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:worker`,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/worker`,
      bundleDir: '/nowhere',
      handler: 'index.handler',
      runtime: 'nodejs22.x',
      timeoutSeconds: 3,
      memorySize: 128,
      architecture: 'arm64',
      environment: {},
    },
  ],
  stateMachines: [],
  tableItems: [],
  notEmulated: [],
};
const trust = (service: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const allow = (Action: string, Resource: string) => ({ Effect: 'Allow', Action, Resource });
const withResources = (resource: Record<string, Record<string, Record<string, unknown>>>): TerraformJson => ({
  resource: { aws_iam_role: { r: { name: 'worker-role', assume_role_policy: trust('lambda.amazonaws.com') } }, ...resource },
});
const names = (json: TerraformJson) => readStackIam(model, json).roles[0].policies.map((p) => `${p.source} ${p.name}`);

describe('identity policies from every kind of source', () => {
  test('inline_policy blocks of the role, aws_iam_role_policy, and an aws_iam_policy attached three ways', () => {
    const json = withResources({
      aws_iam_role: {
        r: {
          name: 'worker-role',
          assume_role_policy: trust('lambda.amazonaws.com'),
          inline_policy: [{ name: 'inline', policy: policy(allow('sns:Publish', '${aws_sns_topic.n.arn}')) }, {}],
          managed_policy_arns: ['${aws_iam_policy.p.arn}'],
        },
      },
      aws_iam_role_policy: { rp: { name: 'table', role: '${aws_iam_role.r.id}', policy: policy(allow('dynamodb:GetItem', '${aws_dynamodb_table.t.arn}')) } },
      aws_iam_policy: { p: { name: 'objects', path: '/app/', policy: policy(allow('s3:GetObject', '${aws_s3_bucket.b.arn}/*')) } },
      aws_iam_role_policy_attachment: { a: { role: '${aws_iam_role.r.name}', policy_arn: '${aws_iam_policy.p.arn}' } },
      aws_iam_policy_attachment: { pa: { name: 'pa', roles: ['${aws_iam_role.r.name}'], policy_arn: `arn:aws:iam::${ACCOUNT}:policy/app/objects` } },
    });
    const iam = readStackIam(model, json);
    expect(iam.roles[0].policies.map((p) => `${p.source} ${p.name}`)).toEqual([
      'aws_iam_role.r.inline_policy[0] inline',
      'aws_iam_role_policy.rp table',
      'aws_iam_policy.p objects',
      'aws_iam_policy.p objects',
      'aws_iam_policy.p objects',
    ]);
    expect(iam.roles[0].policies.map((p) => p.document.Statement[0].Resource)).toEqual([
      `arn:aws:sns:us-east-1:${ACCOUNT}:news`,
      `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`,
      'arn:aws:s3:::docs/*',
      'arn:aws:s3:::docs/*',
      'arn:aws:s3:::docs/*',
    ]);
  });

  test('an AWS managed policy cannot be read offline: the error names the attachment and the way out', () => {
    const json = withResources({ aws_iam_role_policy_attachment: { a: { role: 'worker-role', policy_arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' } } });
    expect(() => names(json)).toThrow(PolicyDocumentError);
    expect(() => names(json)).toThrow(/aws_iam_role_policy_attachment\.a: attaches arn:aws:iam::aws:policy\/service-role\/AWSLambdaBasicExecutionRole.*not known offline.*inline aws_iam_role_policy/);
  });

  test('a policy for a role the stack does not have', () => {
    const json = withResources({ aws_iam_role_policy: { rp: { role: 'ghost', policy: policy(allow('s3:GetObject', '*')) } } });
    expect(() => names(json)).toThrow('aws_iam_role_policy.rp: names the role "ghost", which is not an aws_iam_role of stack demo.');
  });

  test('a reference to something the runner does not know is refused with its place', () => {
    const json = withResources({ aws_iam_role_policy: { rp: { role: 'worker-role', policy: policy(allow('sqs:SendMessage', '${aws_sqs_queue.q.arn}')) } } });
    expect(() => names(json)).toThrow(/aws_iam_role_policy\.rp\.policy: \$\{aws_sqs_queue\.q\.arn\} refers to something the local runner does not emulate/);
  });
});

describe('resource policies', () => {
  test('a topic policy, and the bucket policy governs objects; a table policy governs its indexes', () => {
    const json = withResources({
      aws_sns_topic_policy: { tp: { arn: '${aws_sns_topic.n.arn}', policy: policy({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: '${aws_sns_topic.n.arn}' }) } },
      aws_dynamodb_resource_policy: { dp: { resource_arn: '${aws_dynamodb_table.t.arn}', policy: policy({ Effect: 'Deny', Principal: '*', Action: 'dynamodb:DeleteTable', Resource: '*' }) } },
    });
    const iam = readStackIam(model, json);
    expect(iam.resourcePolicies.map((p) => [p.resourceArn, p.sources])).toEqual([
      [`arn:aws:sns:us-east-1:${ACCOUNT}:news`, ['aws_sns_topic_policy.tp']],
      [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`, ['aws_dynamodb_resource_policy.dp']],
    ]);
    expect(resourcePolicyFor(iam, `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders/index/byDate`)?.sources).toEqual(['aws_dynamodb_resource_policy.dp']);
  });

  test('two policies for one bucket: the second is refused, naming the first', () => {
    const deny = policy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '${aws_s3_bucket.b.arn}/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    const json = withResources({ aws_s3_bucket_policy: { one: { bucket: '${aws_s3_bucket.b.id}', policy: deny }, two: { bucket: 'docs', policy: deny } } });
    expect(() => readStackIam(model, json)).toThrow('aws_s3_bucket_policy.two: is a second policy for arn:aws:s3:::docs (aws_s3_bucket_policy.one is the first)');
  });

  test('Lambda permissions: an account becomes its root, a qualifier its own policy, the source account a condition', () => {
    const json = withResources({
      aws_lambda_permission: {
        fromAccount: { statement_id: 'acct', action: 'lambda:InvokeFunction', function_name: '${aws_lambda_function.f.function_name}', principal: '111122223333' },
        fromTopic: {
          statement_id: 'sns',
          action: 'lambda:InvokeFunction',
          function_name: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:worker`,
          principal: 'sns.amazonaws.com',
          qualifier: 'live',
          source_arn: '${aws_sns_topic.n.arn}',
          source_account: ACCOUNT,
        },
      },
    });
    const iam = readStackIam(model, json);
    const fn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:worker`;
    expect(iam.resourcePolicies.map((p) => [p.resourceArn, p.document.Statement])).toEqual([
      [fn, [{ Sid: 'acct', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'lambda:InvokeFunction', Resource: fn }]],
      [
        `${fn}:live`,
        [
          {
            Sid: 'sns',
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: 'lambda:InvokeFunction',
            Resource: `${fn}:live`,
            Condition: { ArnLike: { 'AWS:SourceArn': `arn:aws:sns:us-east-1:${ACCOUNT}:news` }, StringEquals: { 'AWS:SourceAccount': ACCOUNT } },
          },
        ],
      ],
    ]);
  });

  test('a permission for a function of another stack, and a repeated statement id, are refused', () => {
    const permission = { statement_id: 'x', action: 'lambda:InvokeFunction', principal: 'sns.amazonaws.com' };
    expect(() => readStackIam(model, withResources({ aws_lambda_permission: { p: { ...permission, function_name: 'elsewhere' } } }))).toThrow(
      'aws_lambda_permission.p: function_name "elsewhere" is not a function of stack demo',
    );
    expect(() => readStackIam(model, withResources({ aws_lambda_permission: { p: { ...permission, function_name: 'worker' }, q: { ...permission, function_name: 'worker' } } }))).toThrow(
      /aws_lambda_permission\.q: statement_id "x" is already used/,
    );
  });
});

describe('policy documents are checked against the IAM JSON policy grammar', () => {
  const parse = (value: unknown, kind: 'identity' | 'resource' | 'trust' = 'identity') => () => parsePolicyDocument(JSON.stringify(value), kind, 'aws_iam_role_policy.p.policy');

  test.each([
    [{ Statement: [] }, '"Statement" is empty'],
    [{ Version: '2012-10-18', Statement: [allow('s3:GetObject', '*')] }, '"Version" is "2012-10-18"'],
    [{ Statement: [{ Effect: 'allow', Action: 's3:GetObject', Resource: '*' }] }, 'Statement[0]: "Effect" is "allow"; it must be "Allow" or "Deny".'],
    [{ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', NotAction: 's3:PutObject', Resource: '*' }] }, 'has both "Action" and "NotAction"'],
    [{ Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] }, 'needs "Resource" or "NotResource"'],
    [{ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resources: '*' }] }, 'unknown element(s) Resources'],
    [{ Statement: [{ ...allow('s3:GetObject', '*'), Principal: '*' }] }, 'an identity policy has no "Principal"'],
    [{ Statement: [{ Effect: 'Allow', Action: [], Resource: '*' }] }, '"Action" must be a string or a list of strings.'],
    [{ Statement: [{ ...allow('s3:GetObject', '*'), Condition: { Bool: 'x' } }] }, '"Condition" must map each operator'],
  ])('%j is refused: %s', (document, message) => {
    expect(parse(document)).toThrow(PolicyDocumentError);
    expect(parse(document)).toThrow(message);
  });

  test('a resource policy needs a Principal; a trust policy has no Resource; a single statement object is a list of one', () => {
    expect(parse({ Statement: [allow('s3:GetObject', '*')] }, 'resource')).toThrow('needs "Principal" or "NotPrincipal"');
    expect(parse({ Statement: { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: '*' } }, 'trust')).toThrow('a trust policy has no "Resource"');
    expect(parse({ Statement: allow('s3:GetObject', '*') })().Statement).toEqual([allow('s3:GetObject', '*')]);
  });

  test('text that is not JSON', () => {
    expect(() => parsePolicyDocument('{"Statement": [', 'identity', 'aws_iam_policy.p.policy')).toThrow(/^aws_iam_policy\.p\.policy: the policy is not valid JSON/);
  });
});
