/**
 * namePrefix: its longest allowed length follows from the longest name it is put before and that resource's
 * documented name limit (stacks/names.ts), so every allowed prefix synthesizes and a longer one is refused by
 * the config check, naming the real maximum.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, parseConfig, PROJECT_ROOT } from '../../stacks/config';
import { LONGEST_NAMES, MAX_NAME_PREFIX, NAME_LIMITS, TIGHTEST_NAME } from '../../stacks/names';
import { AWS_REGIONS } from '../../stacks/regions';
import { ApiGatewayApiKey } from '@cdktf/provider-aws/lib/api-gateway-api-key';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayUsagePlan } from '@cdktf/provider-aws/lib/api-gateway-usage-plan';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { parse, resourcesOf, synthStacks, type TerraformConstructor } from '../support/stacks';
import { defaultConfig } from '../support/synth';

/** Every configuration that adds named resources: the defaults, the Distributed Map, API keys. */
const VARIANTS = [{}, { stepfunc: { mode: 'DISTRIBUTED' } }, { skipTheLine: { apiAuthorization: 'API_KEY' } }];

/** Every constant name in the synthesized stacks that has a documented limit, as `type.attribute` → names. */
function namesByKind(stacks: Record<string, string>): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const stack of Object.values(stacks)) {
    for (const [type, resources] of Object.entries(parse(stack).resource)) {
      for (const resource of Object.values(resources)) {
        for (const [attribute, value] of Object.entries(resource)) {
          const kind = `${type}.${attribute}`;
          if (kind in NAME_LIMITS && typeof value === 'string' && !value.includes('${')) names.set(kind, [...(names.get(kind) ?? []), value]);
        }
      }
    }
  }
  return names;
}

test('a 20-character prefix (the README promised 20) is refused by the config check, which names the real maximum and why', () => {
  const raw = { namePrefix: 'abcdefghijklmnopqrs-' };
  expect(() => parseConfig(raw)).toThrow(ConfigError);
  expect(() => parseConfig(raw)).toThrow(
    /namePrefix: 'abcdefghijklmnopqrs-' has 20 characters; at most 19 fit: the longest name it goes before is the IAM role name 'step_function_orchestration_lambda_put_object' \(45 characters; IAM allows 64, https:\/\/docs\.aws\.amazon\.com\/IAM\/latest\/APIReference\/API_CreateRole\.html\)/,
  );
});

test.each(VARIANTS)('with the longest allowed prefix every stack synthesizes and every name fits its documented limit (%j)', (variant) => {
  const prefix = `${'abcdefghijklmnopqrstuvwxyz'.slice(0, MAX_NAME_PREFIX - 1)}-`;
  expect(prefix).toHaveLength(19);
  const names = namesByKind(synthStacks(defaultConfig({ ...variant, namePrefix: prefix })));
  expect(names.get('aws_iam_role.name')).toContain(`${prefix}step_function_orchestration_lambda_put_object`);
  for (const [kind, values] of names) {
    for (const name of values) expect({ kind, name, fits: name.length <= NAME_LIMITS[kind as keyof typeof NAME_LIMITS].max }).toMatchObject({ fits: true });
  }
  // Bucket prefixes are cut to S3's 37 characters (AWS appends a unique suffix), keeping the namePrefix's start.
  for (const bucketPrefix of names.get('aws_s3_bucket.bucket_prefix') ?? []) expect(bucketPrefix.startsWith('abcdefghij')).toBe(true);
});

test('the longest names declared in stacks/names.ts are the longest the stacks synthesize (so the maximum follows the stacks)', () => {
  const longest = new Map<string, string>();
  for (const variant of VARIANTS) {
    for (const [kind, values] of namesByKind(synthStacks(defaultConfig(variant)))) {
      for (const name of values) if (name.length > (longest.get(kind)?.length ?? -1)) longest.set(kind, name);
    }
  }
  const declared = Object.fromEntries(Object.entries(LONGEST_NAMES).map(([kind, { name }]) => [kind, name]));
  const synthesized = Object.fromEntries([...longest].filter(([kind]) => kind in LONGEST_NAMES).map(([kind, name]) => [kind, name.length]));
  expect(synthesized).toStrictEqual(Object.fromEntries(Object.entries(declared).map(([kind, name]) => [kind, name.length])));
  expect(MAX_NAME_PREFIX).toBe(19);
});

test('ddb.tableName is checked with the prefix in front: DynamoDB allows 255 characters', () => {
  const raw = { namePrefix: 'dev-', ddb: { tableName: 't'.repeat(252) } };
  expect(() => parseConfig(raw)).toThrow(/ddb\.tableName: with namePrefix 'dev-' the table name has 256 characters; DynamoDB allows 255/);
  expect(parseConfig({ namePrefix: 'dev-', ddb: { tableName: 't'.repeat(251) } }).ddb.tableName).toHaveLength(251);
});

test('the README states the same maximum, tightest name and Region count as the code', () => {
  const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const row = (key: string) => readme.split('\n').find((line) => line.startsWith(`| \`${key}\` |`)) ?? '';
  expect(row('namePrefix')).toContain(`at most ${MAX_NAME_PREFIX} lowercase letters`);
  expect(row('namePrefix')).toContain(`the IAM role \`${TIGHTEST_NAME.name}\`, has ${TIGHTEST_NAME.name.length} of IAM's ${NAME_LIMITS[TIGHTEST_NAME.kind].max} characters`);
  expect(row('region')).toContain(`the ${AWS_REGIONS.length} listed`);
});

// Moved from policy.test.ts: the prefix reaches every named resource of every stack (README, `namePrefix`).
describe('names', () => {
  const prefixed: Record<string, string> = {
    ...synthStacks(defaultConfig({ namePrefix: 'pfx-' })),
    'parallel-map (distributed)': synthStacks(defaultConfig({ namePrefix: 'pfx-', stepfunc: { mode: 'DISTRIBUTED' } }))['parallel-map'],
  };
  const NAMED: [TerraformConstructor, string][] = [
    [DynamodbTable, 'name'],
    [SfnStateMachine, 'name'],
    [IamRole, 'name'],
    [LambdaFunction, 'function_name'],
    [CloudwatchLogGroup, 'name'],
    [SnsTopic, 'name'],
    [S3Bucket, 'bucket_prefix'],
    [ApiGatewayRestApi, 'name'],
    [ApiGatewayUsagePlan, 'name'],
    [ApiGatewayApiKey, 'name'],
  ];

  test.each(Object.keys(prefixed).sort())('every named resource of %s carries the configured prefix', (id) => {
    for (const [resourceType, attribute] of NAMED) {
      const type = resourceType.tfResourceType;
      for (const resource of Object.values(resourcesOf(prefixed[id], resourceType))) {
        expect({ type, name: resource[attribute] }).toStrictEqual({ type, name: expect.stringMatching(/(^|\/)pfx-/) });
      }
    }
  });
});
