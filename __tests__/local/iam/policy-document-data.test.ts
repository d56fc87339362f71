import { readStackIam } from '../../../local/iam';
import type { StackModel } from '../../../local/stack-model';
import type { TerraformJson } from '../../../local/synthesized';

// data.aws_iam_policy_document is rendered by Terraform at plan time; the local runner renders it the way the AWS
// provider documents it, so a stack that builds its policies with it is read like one that writes JSON.

const ACCOUNT = '000000000000';
const model: StackModel = {
  stackId: 'demo',
  stackDir: '/nowhere',
  region: 'us-east-1',
  tables: [],
  buckets: [{ address: 'aws_s3_bucket.b', name: 'docs' }],
  topics: [],
  functions: [],
  stateMachines: [],
  tableItems: [],
  notEmulated: [],
};
const stack = (documents: Record<string, Record<string, unknown>>, policy = '${data.aws_iam_policy_document.access.json}'): TerraformJson => ({
  data: { aws_iam_policy_document: documents },
  resource: {
    aws_iam_role: { r: { name: 'reader', assume_role_policy: '${data.aws_iam_policy_document.trust.json}' } },
    aws_iam_role_policy: { p: { name: 'access', role: '${aws_iam_role.r.id}', policy } },
  },
});
const trust = { statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }] }] };

test('statements, principals, conditions and &{} policy variables render as the provider renders them', () => {
  const iam = readStackIam(
    model,
    stack({
      trust,
      access: {
        policy_id: 'reader-access',
        statement: [
          {
            sid: 'ListHome',
            actions: ['s3:ListBucket'],
            resources: ['${aws_s3_bucket.b.arn}'],
            condition: [{ test: 'StringLike', variable: 's3:prefix', values: ['home/&{aws:username}/*', 'shared/'] }],
          },
          { effect: 'Deny', not_actions: ['s3:GetObject', 's3:ListBucket'], resources: ['${aws_s3_bucket.b.arn}/*'] },
        ],
      },
    }),
  );
  const [role] = iam.roles;
  expect(role.trustedServices).toEqual(['lambda.amazonaws.com']);
  expect(role.trustPolicy.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
  expect(role.policies[0].document).toEqual({
    Version: '2012-10-17',
    Id: 'reader-access',
    Statement: [
      { Sid: 'ListHome', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::docs', Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/*', 'shared/'] } } },
      { Effect: 'Deny', NotAction: ['s3:GetObject', 's3:ListBucket'], Resource: 'arn:aws:s3:::docs/*' },
    ],
  });
});

test('source and override documents merge by Sid, whatever order the blocks come in', () => {
  const read = (id: string) => ({ sid: id, actions: [`s3:${id}`], resources: ['*'] });
  const iam = readStackIam(
    model,
    stack({
      access: {
        source_policy_documents: ['${data.aws_iam_policy_document.base.json}'],
        override_policy_documents: ['${data.aws_iam_policy_document.tighter.json}'],
        statement: [{ sid: 'GetObject', actions: ['s3:GetObject'], resources: ['${aws_s3_bucket.b.arn}/*'] }],
      },
      tighter: { statement: [{ sid: 'ListBucket', actions: ['s3:ListBucket'], resources: ['${aws_s3_bucket.b.arn}'] }, read('GetObjectTagging')] },
      base: { statement: [read('GetObject'), read('ListBucket'), read('GetBucketLocation')] },
      trust,
    }),
  );
  expect(iam.roles[0].policies[0].document.Statement.map((s) => `${s.Sid} ${String(s.Action)} ${String(s.Resource)}`)).toEqual([
    'GetObject s3:GetObject arn:aws:s3:::docs/*',
    'ListBucket s3:ListBucket arn:aws:s3:::docs',
    'GetBucketLocation s3:GetBucketLocation *',
    'GetObjectTagging s3:GetObjectTagging *',
  ]);
  expect(iam.roles[0].arn).toBe(`arn:aws:iam::${ACCOUNT}:role/reader`);
});

test('a document that builds on one the stack does not have, or on itself, is refused with its name', () => {
  expect(() => readStackIam(model, stack({ trust, access: { source_policy_documents: ['${data.aws_iam_policy_document.missing.json}'] } }))).toThrow(
    /data\.aws_iam_policy_document\.access\.source_policy_documents\[0\]: \$\{data\.aws_iam_policy_document\.missing\.json\} refers to something the local runner does not emulate/,
  );
  expect(() => readStackIam(model, stack({ trust, access: { source_policy_documents: ['${data.aws_iam_policy_document.access.json}'] } }))).toThrow(
    /data\.aws_iam_policy_document\.access\.source_policy_documents\[0\]: \$\{data\.aws_iam_policy_document\.access\.json\}/,
  );
});

test('an effect that is neither Allow nor Deny', () => {
  expect(() => readStackIam(model, stack({ trust, access: { statement: [{ effect: 'allow', actions: ['s3:GetObject'], resources: ['*'] }] } }))).toThrow(
    'data.aws_iam_policy_document.access.statement[0].effect is "allow"; it must be "Allow" or "Deny".',
  );
});
