import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig, parseConfig } from '../stacks/config';
import { defaultConfig, synthApp } from './support/synth';

describe('configuration', () => {
  test('the committed config.json is valid and reproduces the original names (no prefix)', () => {
    const config = loadConfig({ file: path.join(__dirname, '..', 'config.json'), env: {} });
    expect(config).toMatchObject({ region: 'us-east-1', namePrefix: '', billingMode: 'PAY_PER_REQUEST', backend: { type: 'local' } });
  });

  test('an empty file gives every default', () => {
    expect(parseConfig({})).toMatchObject({
      region: 'us-east-1',
      namePrefix: '',
      tags: { Project: 'sfn-examples-cdktf' },
      logRetentionDays: 14,
      stateMachineLogLevel: 'ERROR',
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
    [{ billingMode: 'CHEAP' }, /billingMode: Invalid enum value\. Expected 'PAY_PER_REQUEST' \| 'PROVISIONED'/],
    [{ region: 'mars' }, /region: must be an AWS region name such as us-east-1/],
    [{ namePrefix: 'Has Spaces' }, /namePrefix: must be empty or 2-20 lowercase letters/],
    [{ backend: { type: 's3' } }, /backend\.bucket: Required/],
    [{ backend: { type: 'gcs' } }, /backend\.type: Invalid discriminator value\. Expected 'local' \| 's3'/],
    [{ unknownKey: 1 }, /\(top level\): Unrecognized key\(s\) in object: 'unknownKey'/],
  ])('%j is refused with a message naming the key and the allowed values', (raw, message) => {
    expect(() => parseConfig(raw)).toThrow(ConfigError);
    expect(() => parseConfig(raw)).toThrow(message);
  });

  test('AWS_REGION overrides the configured region, and is validated too', () => {
    expect(parseConfig({ region: 'us-east-1' }, 'config.json', { AWS_REGION: 'eu-west-1' }).region).toBe('eu-west-1');
    expect(() => parseConfig({}, 'config.json', { AWS_REGION: 'nowhere' })).toThrow(/with AWS_REGION=nowhere.*region: must be an AWS region/s);
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
    const { stacks } = synthApp(defaultConfig());
    expect(stacks['sfn-dynamodb'].json.terraform.backend).toStrictEqual({ local: { path: '../../../terraform.sfn-dynamodb.tfstate' } });
  });

  test('an S3 backend renders bucket, per-stack key, encryption and S3 native locking (or a DynamoDB lock table)', () => {
    const s3 = synthApp(defaultConfig({ backend: { type: 's3', bucket: 'my-state' } })).stacks['sfn-dynamodb'];
    expect(s3.json.terraform.backend).toStrictEqual({
      s3: { bucket: 'my-state', key: 'sfn-examples/sfn-dynamodb.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true },
    });
    const locked = synthApp(defaultConfig({ backend: { type: 's3', bucket: 'team-state', dynamodbTable: 'locks', region: 'eu-west-1' } })).stacks[
      'sfn-dynamodb'
    ];
    expect(locked.json.terraform.backend).toStrictEqual({
      s3: { bucket: 'team-state', key: 'sfn-examples/sfn-dynamodb.tfstate', region: 'eu-west-1', encrypt: true, dynamodb_table: 'locks' },
    });
  });
});
