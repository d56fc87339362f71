/**
 * The IAM reference check the policy suite runs on every stack (support/iam-reference.ts): each rule is shown to
 * catch what it is for, so that a clean result over the stacks means something.
 */
import { checkPolicyDocument, matchesArnFormat, patternsIntersect, policyDocumentsOf, resolveResource } from '../support/iam-reference';
import type { ReferencedJson } from '../support/terraform-refs';

const json: ReferencedJson = {
  resource: {
    aws_dynamodb_table: { orders: { name: 'orders' } },
    aws_s3_bucket: { invoices: { bucket_prefix: 'invoices-' } },
    aws_cloudwatch_log_group: { logs: { name: '/aws/lambda/f' } },
    aws_sfn_state_machine: { machine: { name: 'm' } },
    aws_iam_role_policy: {
      p: { policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: 'arn:aws:sns:us-east-1:123456789012:t' }] }) },
    },
  },
  data: { aws_arn: { account: { arn: 'arn:aws:logs:us-east-1:123456789012:log-group:x' } } },
  locals: { executions: '${replace(aws_sfn_state_machine.machine.arn, ":stateMachine:", ":execution:")}' },
};
const check = (...statements: Record<string, unknown>[]) => checkPolicyDocument(json, { where: 'test', statements });
const allow = (Action: string | string[], Resource: string | string[]) => ({ Effect: 'Allow', Action, Resource });

describe('matching resource patterns to ARN formats', () => {
  test('wildcards on both sides', () => {
    expect(patternsIntersect('log-group:*', 'log-group:*:log-stream:*')).toBe(true);
    expect(patternsIntersect('table/orders', 'table/*/index/*')).toBe(false);
    expect(patternsIntersect('a?c', 'abc')).toBe(true);
    expect(patternsIntersect('', '*')).toBe(true);
  });

  test('part by part: a wildcard does not reach across the colons between ARN parts', () => {
    expect(matchesArnFormat('arn:aws:s3:::b/invoices/*', 'arn:${Partition}:s3:::${BucketName}/${ObjectName}')).toBe(true);
    expect(matchesArnFormat('arn:aws:s3:::b', 'arn:${Partition}:s3:::${BucketName}/${ObjectName}')).toBe(false);
    expect(matchesArnFormat('arn:aws:dynamodb:*', 'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}')).toBe(false);
    expect(matchesArnFormat('table/orders', 'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}')).toBe(false);
  });
});

describe('resolving Terraform expressions to ARN shapes', () => {
  test('resource ARNs, data source parts, locals and replace()', () => {
    expect(resolveResource(json, '${aws_s3_bucket.invoices.arn}/invoices/*')).toBe('arn:*:s3:::invoices/invoices/*');
    expect(resolveResource(json, 'arn:aws:logs:us-east-1:${data.aws_arn.account.account}:log-group:*')).toBe('arn:aws:logs:us-east-1:*:log-group:*');
    expect(resolveResource(json, '${local.executions}/*')).toBe('arn:*:states:*:*:execution:machine/*');
  });

  test('what cannot be resolved is named', () => {
    expect(() => resolveResource(json, '${aws_kinesis_stream.s.arn}')).toThrow(/aws_kinesis_stream\.s\.arn/);
    expect(() => resolveResource(json, '${aws_dynamodb_table.missing.arn}')).toThrow(/aws_dynamodb_table\.missing\.arn/);
    expect(() => resolveResource(json, '${local.nothing}')).toThrow(/local\.nothing/);
    expect(() => resolveResource(json, '${upper(aws_dynamodb_table.orders.arn)}')).toThrow(/upper/);
  });
});

describe('checking statements', () => {
  test('a correct statement has no finding', async () => {
    expect(await check(allow(['dynamodb:GetItem', 'dynamodb:PutItem'], '${aws_dynamodb_table.orders.arn}'))).toStrictEqual([]);
    expect(await check(allow('logs:PutLogEvents', '${aws_cloudwatch_log_group.logs.arn}:*'))).toStrictEqual([]);
    expect(await check(allow('states:DescribeExecution', '${local.executions}/*'))).toStrictEqual([]);
    expect(await check(allow('xray:PutTraceSegments', '*'))).toStrictEqual([]);
  });

  test('an action that does not exist', async () => {
    expect(await check(allow('dynamodb:GetItems', '${aws_dynamodb_table.orders.arn}'))).toStrictEqual([expect.stringMatching(/dynamodb:GetItems.*no such action/)]);
    expect(await check(allow('dynamo:GetItem', '*'))).toStrictEqual([expect.stringMatching(/no such service 'dynamo'/)]);
  });

  test('an action that supports only "*", granted on an ARN (the converse rule)', async () => {
    expect(await check(allow('logs:DescribeLogGroups', 'arn:aws:logs:us-east-1:123456789012:log-group:*'))).toStrictEqual([
      expect.stringMatching(/logs:DescribeLogGroups supports only the resource "\*"/),
    ]);
  });

  test('an action that supports resource types, granted on "*"', async () => {
    expect(await check(allow('dynamodb:GetItem', '*'))).toStrictEqual([expect.stringMatching(/dynamodb:GetItem supports resource types .*not on "\*"/)]);
  });

  test('a resource of the wrong type for the action', async () => {
    expect(await check(allow('s3:PutObject', '${aws_s3_bucket.invoices.arn}'))).toStrictEqual([expect.stringMatching(/matches no resource type of s3:PutObject/)]);
    expect(await check(allow('s3:ListBucket', '${aws_s3_bucket.invoices.arn}/*'))).toStrictEqual([expect.stringMatching(/matches no resource type of s3:ListBucket/)]);
    expect(await check(allow('states:StopExecution', '${aws_sfn_state_machine.machine.arn}'))).toStrictEqual([expect.stringMatching(/states:StopExecution/)]);
  });

  test('an unresolvable resource is a finding that names it', async () => {
    expect(await check(allow('s3:GetObject', '${aws_s3_object.x.arn}'))).toStrictEqual([expect.stringMatching(/\$\{aws_s3_object\.x\.arn\}/)]);
  });

  test('condition keys: global or of the statement’s service', async () => {
    const deny = (Condition: object) => ({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['${aws_s3_bucket.invoices.arn}/*'], Condition });
    expect(await check(deny({ Bool: { 'aws:SecureTransport': 'false' } }))).toStrictEqual([]);
    expect(await check(deny({ NumericLessThan: { 's3:TlsVersion': '1.2' } }))).toStrictEqual([]);
    expect(await check(deny({ Bool: { 'aws:SecureTransports': 'false' } }))).toStrictEqual([expect.stringMatching(/'aws:SecureTransports' does not exist/)]);
    expect(await check(deny({ StringEquals: { 'dynamodb:LeadingKeys': 'a' } }))).toStrictEqual([expect.stringMatching(/belongs to 'dynamodb'/)]);
  });

  test('a Deny whose resource no action acts on', async () => {
    expect(await check({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '${aws_dynamodb_table.orders.arn}' })).toStrictEqual([expect.stringMatching(/matches no resource type of any of s3:\*/)]);
  });

  test('every policy document of a stack is found', () => {
    expect(policyDocumentsOf(json).map((d) => d.where)).toStrictEqual(['aws_iam_role_policy.p.policy']);
  });
});
