import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { ConfigError, loadConfig, parseConfig, type AppConfig } from '../../stacks/config';
import { SfnDynamodbStack } from '../../stacks/sfn-dynamodb/stack';
import { parse } from '../support/stacks';
import { defaultConfig } from '../support/synth';

/** The state backend a stack synthesizes for a config (Testing.synth of `sfn-dynamodb`). */
const backendOf = (config: AppConfig) => parse(Testing.synth(new SfnDynamodbStack(Testing.app(), config))).terraform.backend;

describe('configuration', () => {
  test('the committed config.json is valid and reproduces the original names (no prefix)', () => {
    const config = loadConfig({ file: path.join(__dirname, '..', '..', 'config.json'), env: {} });
    expect(config).toMatchObject({ region: 'us-east-1', namePrefix: '', billingMode: 'PAY_PER_REQUEST', backend: { type: 'local' } });
  });

  test('an empty file gives every default', () => {
    expect(parseConfig({})).toMatchObject({
      region: 'us-east-1',
      namePrefix: '',
      tags: { Project: 'sfn-examples-cdktf' },
      logRetentionDays: 14,
      stateMachineLogLevel: 'ERROR',
      lambdaLogLevel: 'INFO',
      billingMode: 'PAY_PER_REQUEST',
      backend: { type: 'local' },
      taskStatus: { waitSeconds: 30 },
      ddb: { tableName: 'StepFunctionsProjectDDBTable', partitionKeyName: 'mapstatelist', partitionKeyValueField: 'mapitems' },
      stepfunc: { maxConcurrency: 1, waitDurationSeconds: 2, timeoutDurationSeconds: 20 },
    });
  });

  test.each([
    [{ logRetentionDays: 15 }, /logRetentionDays: must be one of 1, 3, 5, 7, 14/],
    [{ stateMachineLogLevel: 'OFF' }, /stateMachineLogLevel: Invalid enum value\. Expected 'ALL' \| 'ERROR' \| 'FATAL', received 'OFF'/],
    [{ lambdaLogLevel: 'VERBOSE' }, /lambdaLogLevel: Invalid enum value\. Expected 'TRACE' \| 'DEBUG' \| 'INFO' \| 'WARN' \| 'ERROR', received 'VERBOSE'/],
    [{ billingMode: 'CHEAP' }, /billingMode: Invalid enum value\. Expected 'PAY_PER_REQUEST' \| 'PROVISIONED'/],
    [{ region: 'mars' }, /region: 'mars' is not an AWS Region: stacks\/regions\.ts lists the 34 of the aws partition/],
    [{ namePrefix: 'Has Spaces' }, /namePrefix: must be empty, or lowercase letters, digits and dashes starting with a letter or digit/],
    [{ backend: { type: 's3' } }, /backend\.bucket: Required/],
    [{ backend: { type: 'gcs' } }, /backend\.type: Invalid discriminator value\. Expected 'local' \| 's3'/],
    [{ unknownKey: 1 }, /\(top level\): Unrecognized key\(s\) in object: 'unknownKey'/],
  ])('%j is refused with a message naming the key and the allowed values', (raw, message) => {
    expect(() => parseConfig(raw)).toThrow(ConfigError);
    expect(() => parseConfig(raw)).toThrow(message);
  });

  describe('queryLanguage: the language every workflow is written in', () => {
    test('JSONPath by default, for every stack', () => {
      expect(parseConfig({})).toMatchObject({ queryLanguage: 'JSONPath', queryLanguageByStack: {} });
    });

    test('JSONata, and a stack of its own', () => {
      expect(parseConfig({ queryLanguage: 'JSONata', queryLanguageByStack: { 'parallel-map': 'JSONPath' } })).toMatchObject({
        queryLanguage: 'JSONata',
        queryLanguageByStack: { 'parallel-map': 'JSONPath' },
      });
    });

    test.each([
      [{ queryLanguage: 'jsonata' }, /queryLanguage: "jsonata" is not a query language: give "JSONPath" \(the originals' definitions\) or "JSONata" .*spelled exactly so/],
      [{ queryLanguage: 3 }, /queryLanguage: 3 is not a query language/],
      [{ queryLanguageByStack: { 'skip-the-line': 'JSONPath2' } }, /queryLanguageByStack\.skip-the-line: "JSONPath2" is not a query language/],
      [{ queryLanguageByStack: { 'no-such-stack': 'JSONata' } }, /queryLanguageByStack: Unrecognized key\(s\) in object: 'no-such-stack'/],
    ])('%j is refused, naming the key and the two languages', (raw, message) => {
      expect(() => parseConfig(raw)).toThrow(ConfigError);
      expect(() => parseConfig(raw)).toThrow(message);
    });
  });

  test('AWS_REGION overrides the configured region, and is validated too', () => {
    expect(parseConfig({ region: 'us-east-1' }, 'config.json', { AWS_REGION: 'eu-west-1' }).region).toBe('eu-west-1');
    expect(() => parseConfig({}, 'config.json', { AWS_REGION: 'nowhere' })).toThrow(/with AWS_REGION=nowhere.*region: 'nowhere' is not an AWS Region/s);
  });

  describe('region: one that exists, in the partition the stacks support', () => {
    test.each(['us-east-1', 'eu-central-2', 'ap-southeast-6', 'mx-central-1', 'il-central-1'])('%s is accepted', (region) => {
      expect(parseConfig({ region }).region).toBe(region);
    });
    test.each([
      ['us-east-7', /region: 'us-east-7' is not an AWS Region: .* if AWS has opened this Region since, add its code to AWS_REGIONS there/],
      ['eu-west-9', /region: 'eu-west-9' is not an AWS Region/],
      ['cn-north-1', /region: 'cn-north-1' is in China \(aws-cn\), which these stacks do not support \(they turn on features that partition lacks .*such as X-Ray tracing for Lambda in China.*\)\. Use a Region of the aws partition/],
      ['us-isob-east-1', /region: 'us-isob-east-1' is in an isolated \(aws-iso-b\) partition, which these stacks do not support/],
      ['us-gov-west-1', /region: 'us-gov-west-1' is in AWS GovCloud \(US\) \(aws-us-gov\), which these stacks do not support/],
    ])('%s is refused with a sentence', (region, message) => {
      expect(() => parseConfig({ region })).toThrow(message);
    });
    test('the S3 backend region is checked the same way', () => {
      expect(() => parseConfig({ backend: { type: 's3', bucket: 'state', region: 'eu-mars-1' } })).toThrow(/backend\.region: 'eu-mars-1' is not an AWS Region/);
    });
  });

  describe('tags: as AWS validates them, counting the Stack tag every stack adds', () => {
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`Key${i}`, `value ${i}`]));
    test('accepted: 49 tags (with Stack, 50), Unicode letters, 128-character keys, 256-character values, empty values, the allowed signs', () => {
      expect(Object.keys(parseConfig({ tags: many(49) }).tags)).toHaveLength(49);
      const tags = { 'Équipe données': 'Ünïcode 値', ['𝒜'.repeat(128)]: 'v'.repeat(256), 'cost-center/code': '', 'a_b.c:d/e=f+g-h@i': 'x y' };
      expect(parseConfig({ tags }).tags).toStrictEqual(tags);
    });
    test.each([
      [{ tags: many(50) }, /tags: 50 tags, but every stack adds its own Stack tag and AWS allows 50 per resource: give at most 49/],
      [{ tags: { 'aws:team': 'x' } }, /tags\.aws:team: keys starting with 'aws:' \(in any case\) are reserved for AWS/],
      [{ tags: { 'AWS:Team': 'x' } }, /tags\.AWS:Team: keys starting with 'aws:'/],
      [{ tags: { 'a#b': 'x' } }, /tags\.a#b: the key may hold only letters, digits, spaces and _ \. : \/ = \+ - @/],
      [{ tags: { team: 'a;b' } }, /tags\.team: the value may hold only letters, digits, spaces and _ \. : \/ = \+ - @/],
      [{ tags: { ['k'.repeat(129)]: 'x' } }, /: the key has 129 characters; AWS allows 1 to 128/],
      [{ tags: { '': 'x' } }, /the key has 0 characters; AWS allows 1 to 128/],
      [{ tags: { team: 'v'.repeat(257) } }, /tags\.team: the value has 257 characters; AWS allows at most 256/],
      [{ tags: { Stack: 'mine' } }, /tags\.Stack: every stack sets the Stack tag itself \(its stack id\); use another key/],
      [{ tags: { stack: 'mine' } }, /tags\.stack: every stack sets the Stack tag itself/],
      [{ tags: { Team: 'a', team: 'b' } }, /tags\.team: 'Team' and 'team' differ only in case, which IAM refuses on a role/],
    ])('%j is refused with a message naming the tag', (raw, message) => {
      expect(() => parseConfig(raw)).toThrow(ConfigError);
      expect(() => parseConfig(raw)).toThrow(message);
    });
  });

  test('SFN_CONFIG selects another file; a missing or broken file is a named error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
    const file = path.join(dir, 'dev.json');
    fs.writeFileSync(file, JSON.stringify({ namePrefix: 'dev-' }));
    expect(loadConfig({ env: { SFN_CONFIG: file } }).namePrefix).toBe('dev-');
    expect(() => loadConfig({ env: { SFN_CONFIG: path.join(dir, 'nope.json') } })).toThrow(/does not exist\. Point SFN_CONFIG at an existing file/);
    fs.writeFileSync(file, '{ not json');
    expect(() => loadConfig({ file, env: {} })).toThrow(/is not valid JSON/);
  });

  test('the local backend keeps state in the project root, outside what synth rewrites', () => {
    expect(backendOf(defaultConfig())).toStrictEqual({ local: { path: '../../../terraform.sfn-dynamodb.tfstate' } });
  });

  test('an S3 backend renders bucket, per-stack key, encryption and S3 native locking (or a DynamoDB lock table)', () => {
    expect(backendOf(defaultConfig({ backend: { type: 's3', bucket: 'my-state' } }))).toStrictEqual({
      s3: { bucket: 'my-state', key: 'sfn-examples/sfn-dynamodb.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true },
    });
    expect(backendOf(defaultConfig({ backend: { type: 's3', bucket: 'team-state', dynamodbTable: 'locks', region: 'eu-west-1' } }))).toStrictEqual({
      s3: { bucket: 'team-state', key: 'sfn-examples/sfn-dynamodb.tfstate', region: 'eu-west-1', encrypt: true, dynamodb_table: 'locks' },
    });
  });
});
