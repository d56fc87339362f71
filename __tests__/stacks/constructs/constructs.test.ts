/**
 * The shared constructs, each synthesized in a scope of its own (`Testing.synthScope`) and asserted with cdktf's
 * matchers: SecureTable, SecureBucket, ServiceRole, Workflow, and their grant methods. (BundledFunction: bundled-function.test.ts; RestApi
 * and ApiStage: constructs-api.test.ts.)
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { Chain, DynamoDB, JsonPath, Lambda, MapState, Pass, StateMachineDefinition, stringAttributeAt } from '../../../definitions';
import { ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS, SecureBucket } from '../../../stacks/constructs/secure-bucket';
import { SecureTable } from '../../../stacks/constructs/secure-table';
import { ServiceRole } from '../../../stacks/constructs/service-role';
import { Workflow } from '../../../stacks/constructs/workflow';
import { jsonIn, onlyResource, onlyResourceEntry, parse, refTo, resourcesOf, type Block } from '../../support/stacks';

/** How the test workflows log (what the default config gives). */
const logging = { retentionDays: 14, level: 'ERROR' } as const;

describe('SecureTable', () => {
  const keys = { tableName: 't', partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'sk', type: 'N' } } as const;

  test('encrypted, with point-in-time recovery, keyed as given, on demand by default (no capacity)', () => {
    const synthesized = Testing.synthScope((scope) => new SecureTable(scope, 'table', { ...keys, billingMode: 'PAY_PER_REQUEST' }));
    expect(synthesized).toHaveResourceWithProperties(DynamodbTable, {
      name: 't',
      hash_key: 'pk',
      range_key: 'sk',
      attribute: [
        { name: 'pk', type: 'S' },
        { name: 'sk', type: 'N' },
      ],
      billing_mode: 'PAY_PER_REQUEST',
      server_side_encryption: { enabled: true },
      point_in_time_recovery: { enabled: true },
    });
    expect(synthesized).not.toHaveResourceWithProperties(DynamodbTable, { read_capacity: expect.anything() });
  });

  test('PROVISIONED billing gets 5/5 capacity unless the construct is given its own', () => {
    const standard = Testing.synthScope((scope) => new SecureTable(scope, 'table', { ...keys, billingMode: 'PROVISIONED' }));
    expect(standard).toHaveResourceWithProperties(DynamodbTable, { billing_mode: 'PROVISIONED', read_capacity: 5, write_capacity: 5 });
    const own = Testing.synthScope((scope) => new SecureTable(scope, 'table', { ...keys, billingMode: 'PROVISIONED', provisionedCapacity: { read: 2, write: 3 } }));
    expect(own).toHaveResourceWithProperties(DynamodbTable, { read_capacity: 2, write_capacity: 3 });
  });
});

describe('SecureBucket', () => {
  const bucketSynth = (props: Partial<ConstructorParameters<typeof SecureBucket>[2]> = {}) =>
    Testing.synthScope((scope) => new SecureBucket(scope, 'b', { bucketPrefix: 'example-', ...props }));
  const rulesOf = (synthesized: string) => onlyResource(synthesized, S3BucketLifecycleConfiguration).rule as Block[];

  test('public access blocked, encrypted, TLS only, emptied and removed on destroy', () => {
    const synthesized = bucketSynth();
    const [bucketName] = onlyResourceEntry(synthesized, S3Bucket);
    const bucketId = refTo(S3Bucket, bucketName, 'id');
    expect(synthesized).toHaveResourceWithProperties(S3Bucket, { bucket_prefix: 'example-', force_destroy: true });
    expect(synthesized).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      bucket: bucketId,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(synthesized).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      bucket: bucketId,
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
    });
    const policy = onlyResource(synthesized, S3BucketPolicy);
    expect(policy.depends_on).toStrictEqual([expect.stringMatching(/^aws_s3_bucket_public_access_block\./)]);
    expect(jsonIn(policy.policy).Statement).toStrictEqual([
      expect.objectContaining({ Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
  });

  test('every bucket aborts incomplete multipart uploads; without versioning, nothing else expires', () => {
    const synthesized = bucketSynth();
    expect(synthesized).not.toHaveResource(S3BucketVersioningA);
    expect(rulesOf(synthesized)).toStrictEqual([
      { id: 'bucket-housekeeping', status: 'Enabled', filter: [{}], abort_incomplete_multipart_upload: [{ days_after_initiation: ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS }] },
    ]);
  });

  test('versioning: old versions and lone delete markers expire, after versioning is on; force_destroy stays', () => {
    const synthesized = bucketSynth({ noncurrentVersionDays: 45, expirations: [{ prefix: 'runs/out/', days: 10 }] });
    expect(synthesized).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: 'Enabled' } });
    expect(synthesized).toHaveResourceWithProperties(S3Bucket, { force_destroy: true });
    const [versioningName] = onlyResourceEntry(synthesized, S3BucketVersioningA);
    expect(synthesized).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, { depends_on: [`aws_s3_bucket_versioning.${versioningName}`] });
    expect(rulesOf(synthesized)).toStrictEqual([
      {
        id: 'bucket-housekeeping',
        status: 'Enabled',
        filter: [{}],
        abort_incomplete_multipart_upload: [{ days_after_initiation: ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS }],
        noncurrent_version_expiration: [{ noncurrent_days: 45 }],
        expiration: [{ expired_object_delete_marker: true }],
      },
      { id: 'expire-runs-out', status: 'Enabled', filter: [{ prefix: 'runs/out/' }], expiration: [{ days: 10 }] },
    ]);
  });

  test('bad lifecycle settings are refused with the bucket and the fix named', () => {
    expect(() => bucketSynth({ noncurrentVersionDays: 0 })).toThrow(/Bucket 'example-': noncurrentVersionDays is 0; S3 lifecycle periods are whole days, 1 or more/);
    expect(() => bucketSynth({ expirations: [{ prefix: 'a/', days: 1.5 }] })).toThrow(/the expiration of 'a\/' is 1\.5/);
    expect(() => bucketSynth({ expirations: [{ prefix: '', days: 3 }] })).toThrow(/expiration prefix '' is invalid/);
    expect(() => bucketSynth({ expirations: [{ prefix: 'a/', days: 3 }, { prefix: 'a/', days: 4 }] })).toThrow(/'a\/' is given twice/);
  });
});

describe('ServiceRole', () => {
  test('a role the service may assume, with one inline policy that merges statements by resource', () => {
    const synthesized = Testing.synthScope(
      (scope) =>
        new ServiceRole(scope, 'role', {
          roleName: 'worker-role',
          servicePrincipal: 'lambda.amazonaws.com',
          statements: [
            { actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:us-east-1:123456789012:q'] },
            { actions: ['dynamodb:PutItem', 'dynamodb:GetItem'], resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/t'] },
            { actions: ['dynamodb:GetItem'], resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/t'] },
          ],
        }),
    );
    const [roleName, role] = onlyResourceEntry(synthesized, IamRole);
    expect(role.name).toBe('worker-role');
    expect(jsonIn(role.assume_role_policy)).toStrictEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicy, { name: 'least-privilege', role: refTo(IamRole, roleName, 'id') });
    expect(jsonIn(onlyResource(synthesized, IamRolePolicy).policy)).toStrictEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: ['arn:aws:dynamodb:us-east-1:123456789012:table/t'] },
        { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['arn:aws:sqs:us-east-1:123456789012:q'] },
      ],
    });
  });
});

describe('Workflow', () => {
  const fn = { functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f' };

  test('a state machine with its own role derived from the definition, a log group, logging, tracing', () => {
    let definition: StateMachineDefinition | undefined;
    const synthesized = Testing.synthScope((scope) => {
      const table = new SecureTable(scope, 'table', { tableName: 't', partitionKey: { name: 'id', type: 'S' }, billingMode: 'PAY_PER_REQUEST' });
      definition = new StateMachineDefinition({ name: 'wf', region: 'us-east-1', startWith: DynamoDB.getItem('Read', { table, key: { id: stringAttributeAt('$.id') } }), timeoutSeconds: 60 });
      new Workflow(scope, 'wf', { stateMachineName: 'wf', definition, logging });
    });
    const [logGroupName] = onlyResourceEntry(synthesized, CloudwatchLogGroup);
    const [roleName] = onlyResourceEntry(synthesized, IamRole);
    const [tableName] = onlyResourceEntry(synthesized, DynamodbTable);
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/vendedlogs/states/wf', retention_in_days: 14 });
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: 'wf-role' });
    expect(synthesized).toHaveResourceWithProperties(SfnStateMachine, {
      name: 'wf',
      type: 'STANDARD',
      role_arn: refTo(IamRole, roleName, 'arn'),
      tracing_configuration: { enabled: true },
      logging_configuration: { level: 'ERROR', include_execution_data: true, log_destination: `${refTo(CloudwatchLogGroup, logGroupName, 'arn')}:*` },
      depends_on: [expect.stringMatching(/^aws_iam_role_policy\./)],
    });
    const machine = jsonIn(onlyResource(synthesized, SfnStateMachine).definition);
    expect(machine).toMatchObject({ StartAt: 'Read', TimeoutSeconds: 60, States: { Read: { Parameters: { TableName: refTo(DynamodbTable, tableName, 'name') } } } });
    const statements = jsonIn(onlyResource(synthesized, IamRolePolicy).policy).Statement as { Action: string[]; Resource: string[] }[];
    expect(statements.filter((s) => !s.Resource.includes('*'))).toStrictEqual([
      { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: [refTo(DynamodbTable, tableName, 'arn')] },
    ]);
    expect(definition?.policyStatements.flatMap((s) => s.actions)).toStrictEqual(['dynamodb:GetItem']);
  });

  test('a Distributed Map gets its child-execution permissions in a second policy, on its own ARN', () => {
    const map = new MapState('Fan', { mode: 'DISTRIBUTED', itemsPath: '$.items' }).itemProcessor(Lambda.invoke('Work', { function: fn }));
    const definition = new StateMachineDefinition({ name: 'fan', region: 'us-east-1', startWith: map, timeoutSeconds: 60 });
    const synthesized = Testing.synthScope((scope) => new Workflow(scope, 'wf', { stateMachineName: 'fan', definition, logging }));
    const [machineName] = onlyResourceEntry(synthesized, SfnStateMachine);
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicy, { name: 'own-executions' });
    const [main, self] = Object.values(resourcesOf(synthesized, IamRolePolicy)).map((p) => jsonIn(p.policy) as { Statement: { Action: string[]; Resource: string[] }[] });
    expect(main.Statement.flatMap((s) => s.Action)).not.toContain('states:StartExecution');
    expect(Object.values(parse(synthesized).locals ?? {})[0]).toBe(`\${replace(aws_sfn_state_machine.${machineName}.arn, ":stateMachine:", ":execution:")}`);
    expect(self.Statement).toStrictEqual([
      { Effect: 'Allow', Action: ['states:DescribeExecution', 'states:StopExecution'], Resource: [expect.stringMatching(/^\$\{local\.[\w-]+\}:\*$/)] },
      { Effect: 'Allow', Action: ['states:StartExecution'], Resource: [refTo(SfnStateMachine, machineName, 'arn')] },
    ]);
  });

  test('literal template syntax in a definition is refused (Terraform would rewrite it)', () => {
    const definition = new StateMachineDefinition({
      name: 'tpl',
      region: 'us-east-1',
      startWith: Chain.start(new Pass('P', { parameters: { text: '%{ if x }', path: JsonPath.at('$.a') } })),
      timeoutSeconds: 60,
    });
    expect(() => Testing.synthScope((scope) => new Workflow(scope, 'wf', { stateMachineName: 'tpl', definition, logging }))).toThrow(
      /contains '%\{', which Terraform would read as template syntax/,
    );
  });

  test('a role name over IAM’s 64 characters is refused with what to do', () => {
    const definition = new StateMachineDefinition({ name: 'long', region: 'us-east-1', startWith: new Pass('P'), timeoutSeconds: 60 });
    expect(() => Testing.synthScope((scope) => new Workflow(scope, 'wf', { stateMachineName: 'x'.repeat(60), definition, logging }))).toThrow(
      /has 65 characters; IAM allows 64\. Use a shorter namePrefix/,
    );
  });
});

describe('grant methods: the resource adds what the grantee may do with it, on it only', () => {
  /** The statements of the one inline policy of the role named `name`. */
  const statementsOf = (synthesized: string, name: string) => {
    const [roleKey] = Object.entries(resourcesOf(synthesized, IamRole)).find(([, role]) => role.name === name) ?? [];
    const policy = Object.values(resourcesOf(synthesized, IamRolePolicy)).find((p) => p.role === refTo(IamRole, String(roleKey), 'id'));
    return jsonIn(policy?.policy).Statement as { Effect: string; Action: string[]; Resource: string[] }[];
  };
  const role = (scope: Construct, name: string) => new ServiceRole(scope, name, { roleName: name, servicePrincipal: 'lambda.amazonaws.com' });

  test('SecureTable.grant: the item actions asked for, on the table ARN, merged with what the role had', () => {
    const synthesized = Testing.synthScope((scope) => {
      const table = new SecureTable(scope, 'table', { tableName: 't', partitionKey: { name: 'id', type: 'S' }, billingMode: 'PAY_PER_REQUEST' });
      const reader = new ServiceRole(scope, 'reader', {
        roleName: 'reader',
        servicePrincipal: 'lambda.amazonaws.com',
        statements: [{ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:us-east-1:123456789012:q'] }],
      });
      table.grant(reader, 'dynamodb:PutItem', 'dynamodb:GetItem');
      table.grant(reader, 'dynamodb:GetItem');
    });
    const [tableKey] = onlyResourceEntry(synthesized, DynamodbTable);
    expect(statementsOf(synthesized, 'reader')).toStrictEqual([
      { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: [refTo(DynamodbTable, tableKey, 'arn')] },
      { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['arn:aws:sqs:us-east-1:123456789012:q'] },
    ]);
  });

  test('SecureBucket.grantRead / grantPut: objects under a key prefix; grantListBucket: the bucket', () => {
    const synthesized = Testing.synthScope((scope) => {
      const bucket = new SecureBucket(scope, 'b', { bucketPrefix: 'example-' });
      const reader = role(scope, 'reader');
      bucket.grantRead(reader, 'invoices/');
      bucket.grantListBucket(reader);
      bucket.grantPut(role(scope, 'writer'), 'invoices/');
    });
    const arn = refTo(S3Bucket, onlyResourceEntry(synthesized, S3Bucket)[0], 'arn');
    expect(statementsOf(synthesized, 'reader')).toStrictEqual([
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`${arn}/invoices/*`] },
      { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [arn] },
    ]);
    expect(statementsOf(synthesized, 'writer')).toStrictEqual([{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: [`${arn}/invoices/*`] }]);
  });

  test('SecureBucket refuses a key prefix IAM would read as a pattern, saying what to give', () => {
    expect(() =>
      Testing.synthScope((scope) => new SecureBucket(scope, 'b', { bucketPrefix: 'example-' }).grantRead(role(scope, 'reader'), 'invoices/*')),
    ).toThrow(/Key prefix 'invoices\/\*' cannot be granted: give a plain prefix such as 'invoices\/'/);
  });

  test('Workflow.grantStartExecution: StartExecution on that state machine, nothing else of it', () => {
    const definition = new StateMachineDefinition({ name: 'wf', region: 'us-east-1', startWith: new Pass('P'), timeoutSeconds: 60 });
    const synthesized = Testing.synthScope((scope) => {
      const workflow = new Workflow(scope, 'wf', { stateMachineName: 'wf', definition, logging });
      workflow.grantStartExecution(new ServiceRole(scope, 'api', { roleName: 'api', servicePrincipal: 'apigateway.amazonaws.com' }));
    });
    const [machineKey] = onlyResourceEntry(synthesized, SfnStateMachine);
    expect(statementsOf(synthesized, 'api')).toStrictEqual([{ Effect: 'Allow', Action: ['states:StartExecution'], Resource: [refTo(SfnStateMachine, machineKey, 'arn')] }]);
  });
});
