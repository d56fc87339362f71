import { parseLocalArgs } from '../../../scripts/lib/local/args';
import { covers, formatIamReport, iamUsage } from '../../../local/iam';
import type { StackIam } from '../../../local/iam';

// `--iam-report`: each grant of a role against the permissions its sessions were allowed.

const ROLE = 'arn:aws:iam::000000000000:role/machine-role';
const TABLE = 'arn:aws:dynamodb:us-east-1:000000000000:table/items';
const iam: StackIam = {
  stackId: 'x',
  resourcePolicies: [],
  roles: [
    {
      address: 'aws_iam_role.machine',
      name: 'machine-role',
      arn: ROLE,
      trustPolicy: { Version: '2012-10-17', Statement: [] },
      trustedServices: ['states.amazonaws.com'],
      policies: [
        {
          source: 'aws_iam_role_policy.p',
          document: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:GetItem'], Resource: TABLE },
              { Effect: 'Allow', Action: 'xray:Put*', Resource: '*' },
            ],
          },
        },
      ],
    },
  ],
} as unknown as StackIam;

test('covers matches IAM wildcards, actions case-insensitively, resources exactly; NotAction grants cover nothing', () => {
  expect(covers('dynamodb:Get*', TABLE, { action: 'DynamoDB:GetItem', resourceArn: TABLE })).toBe(true);
  expect(covers('dynamodb:GetItem', `${TABLE}?`, { action: 'dynamodb:GetItem', resourceArn: `${TABLE}s` })).toBe(true);
  expect(covers('dynamodb:GetItem', TABLE, { action: 'dynamodb:GetItem', resourceArn: TABLE.toUpperCase() })).toBe(false);
  expect(covers('dynamodb:GetItem', TABLE, { action: 'dynamodb:GetItems', resourceArn: TABLE })).toBe(false);
  expect(covers('not dynamodb:GetItem', '*', { action: 's3:GetObject', resourceArn: 'arn:aws:s3:::b/k' })).toBe(false);
});

test('iamUsage marks each grant used or unused, and lists an allowed call no identity statement grants', () => {
  const used = [
    { action: 'dynamodb:PutItem', resourceArn: TABLE },
    { action: 'sns:Publish', resourceArn: 'arn:aws:sns:us-east-1:000000000000:t' },
  ];
  const [report] = iamUsage(iam, (arn) => (arn === ROLE ? used : []));
  expect(report!.grants.map((g) => `${g.action} ${g.usedBy.length}`)).toEqual(['dynamodb:PutItem 1', 'dynamodb:GetItem 0', 'xray:Put* 0']);
  expect(report!.elsewhere).toEqual([used[1]]);
  const lines = formatIamReport([report!]);
  expect(lines).toContain('  role machine-role: 3 grant(s), 1 used, 2 unused');
  expect(lines).toContain(`    dynamodb:GetItem on ${TABLE}  [aws_iam_role_policy.p Statement[0]]  unused`);
  expect(lines).toContain(`    dynamodb:PutItem on ${TABLE}  [aws_iam_role_policy.p Statement[0]]  used 1×: ${TABLE}`);
});

test('--iam-report is parsed, and refused with --iam off or --serve', () => {
  expect(parseLocalArgs(['sfn-dynamodb', '--iam-report']).iamReport).toBe(true);
  expect(parseLocalArgs(['sfn-dynamodb']).iamReport).toBe(false);
  expect(() => parseLocalArgs(['sfn-dynamodb', '--iam-report', '--iam', 'off'])).toThrow(/--iam-report needs the calls authorized/);
  expect(() => parseLocalArgs(['--serve', '--iam-report'])).toThrow(/not --serve/);
});
