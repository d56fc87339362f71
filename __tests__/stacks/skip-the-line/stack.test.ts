/**
 * `skip-the-line`: the data, the functions and the workflow of the stack, synthesized in process and asserted with
 * cdktf's matchers (the order API: skip-the-line-api.test.ts).
 */
import * as os from 'node:os';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Testing } from 'cdktf';
import { InvoiceNotStored, OrderNotStored } from '../../../lambdas/orders/errors';
import { SkipTheLineStack } from '../../../stacks/skip-the-line/stack';
import { jsonIn, onlyResource, refTo, resourcesOf, resourceWhere, roleStatements, type Block } from '../../support/stacks';
import { defaultConfig } from '../../support/synth';

const synthSkipTheLine = (overrides: Record<string, unknown> = {}): string => Testing.synth(new SkipTheLineStack(Testing.app(), defaultConfig(overrides)));
const actionsOf = (synthesized: string, roleName: string) => roleStatements(synthesized, roleName).flatMap((s) => s.actions).sort();

describe('skip-the-line stack (default configuration)', () => {
  const synthesized = synthSkipTheLine();

  describe('data', () => {
    test('the orders table: (accountid, vendorid) strings, on demand, encrypted, point-in-time recovery', () => {
      expect(synthesized).toHaveResourceWithProperties(DynamodbTable, {
        name: 'step_function_orchestration',
        hash_key: 'accountid',
        range_key: 'vendorid',
        attribute: [
          { name: 'accountid', type: 'S' },
          { name: 'vendorid', type: 'S' },
        ],
        billing_mode: 'PAY_PER_REQUEST',
        server_side_encryption: { enabled: true },
        point_in_time_recovery: { enabled: true },
      });
      expect(synthesized).not.toHaveResourceWithProperties(DynamodbTable, { read_capacity: expect.anything() });
      expect(synthesized).not.toHaveResourceWithProperties(DynamodbTable, { write_capacity: expect.anything() });
    });

    test('the invoice bucket: public access blocked, encrypted, TLS only, emptied on destroy', () => {
      expect(synthesized).toHaveResourceWithProperties(S3Bucket, { bucket_prefix: 'stepfunctionorchestration-', force_destroy: true });
      expect(synthesized).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(synthesized).toHaveResource(S3BucketServerSideEncryptionConfigurationA);
      expect(jsonIn(onlyResource(synthesized, S3BucketPolicy).policy).Statement[0]).toMatchObject({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
    });

    test('invoices are business records: versioned, old versions kept 90 days, current ones never expire', () => {
      expect(synthesized).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: 'Enabled' } });
      const rules = onlyResource(synthesized, S3BucketLifecycleConfiguration).rule as Block[];
      expect(rules).toStrictEqual([
        expect.objectContaining({
          status: 'Enabled',
          filter: [{}],
          abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
          noncurrent_version_expiration: [{ noncurrent_days: 90 }],
          expiration: [{ expired_object_delete_marker: true }],
        }),
      ]);
    });

    test('the topic keeps its name, is encrypted, and has no subscription unless an e-mail is configured', () => {
      expect(synthesized).toHaveResourceWithProperties(SnsTopic, { name: 'step_function_orchestration_topic', kms_master_key_id: 'alias/aws/sns' });
      expect(synthesized).not.toHaveResource(SnsTopicSubscription);
      const withEmail = synthSkipTheLine({ skipTheLine: { notificationEmail: 'barista@example.com' } });
      expect(withEmail).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: 'email', endpoint: 'barista@example.com' });
    });
  });

  describe('functions', () => {
    const functions = {
      put_item: { role: 'step_function_orchestration_put_item', actions: ['dynamodb:PutItem'] },
      put_object: { role: 'step_function_orchestration_lambda_put_object', actions: ['s3:PutObject'] },
      get_item: { role: 'step_function_orchestration_get_item', actions: ['dynamodb:GetItem'] },
      get_object: { role: 'step_function_orchestration_lambda_get_object', actions: ['s3:GetObject', 's3:ListBucket'] },
      delete_item: { role: 'step_function_orchestration_delete_item', actions: ['dynamodb:DeleteItem'] },
    };

    test.each(Object.entries(functions))('%s: nodejs22.x, traced, explicit memory and timeout, its own log group', (suffix) => {
      expect(synthesized).toHaveResourceWithProperties(LambdaFunction, {
        function_name: `step_function_orchestration_${suffix}`,
        runtime: 'nodejs22.x',
        tracing_config: { mode: 'Active' },
        memory_size: 256,
        timeout: 10,
        role: expect.stringMatching(/^\$\{aws_iam_role\./),
      });
      expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, { name: `/aws/lambda/step_function_orchestration_${suffix}`, retention_in_days: 14 });
    });

    test.each(Object.entries(functions))('%s: its own role (the original name) with exactly its actions, logs and traces', (_suffix, { role, actions }) => {
      expect(actionsOf(synthesized, role)).toStrictEqual([...actions, 'logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'].sort());
    });

    test('every role is scoped: the table, the invoices prefix of the bucket, the bucket for ListBucket only', () => {
      const [tableKey] = Object.keys(resourcesOf(synthesized, DynamodbTable));
      const [bucketKey] = Object.keys(resourcesOf(synthesized, S3Bucket));
      const table = refTo(DynamodbTable, tableKey, 'arn');
      const bucket = refTo(S3Bucket, bucketKey, 'arn');
      const scoped = (role: string, action: string) => roleStatements(synthesized, role).find((s) => s.actions.includes(action))?.resources;
      expect(scoped('step_function_orchestration_put_item', 'dynamodb:PutItem')).toStrictEqual([table]);
      expect(scoped('step_function_orchestration_get_item', 'dynamodb:GetItem')).toStrictEqual([table]);
      expect(scoped('step_function_orchestration_delete_item', 'dynamodb:DeleteItem')).toStrictEqual([table]);
      expect(scoped('step_function_orchestration_lambda_put_object', 's3:PutObject')).toStrictEqual([`${bucket}/invoices/*`]);
      expect(scoped('step_function_orchestration_lambda_get_object', 's3:GetObject')).toStrictEqual([`${bucket}/invoices/*`]);
      expect(scoped('step_function_orchestration_lambda_get_object', 's3:ListBucket')).toStrictEqual([bucket]);
    });

    test('the proxy functions answer with the CORS origin and the methods of their path', () => {
      const env = (suffix: string) => resourceWhere(synthesized, LambdaFunction, 'function_name', `step_function_orchestration_${suffix}`)[1].environment.variables;
      expect(env('get_item')).toMatchObject({ CORS_ALLOW_ORIGIN: '*', CORS_ALLOW_METHODS: 'DELETE,GET,OPTIONS,POST' });
      expect(env('delete_item')).toMatchObject({ CORS_ALLOW_ORIGIN: '*', CORS_ALLOW_METHODS: 'DELETE,GET,OPTIONS,POST' });
      expect(env('get_object')).toMatchObject({ CORS_ALLOW_ORIGIN: '*', CORS_ALLOW_METHODS: 'GET,OPTIONS', INVOICE_URL_EXPIRY_SECONDS: '300' });
      expect(env('put_item').CORS_ALLOW_ORIGIN).toBeUndefined();
    });
  });

  describe('workflow', () => {
    const asl = jsonIn(onlyResource(synthesized, SfnStateMachine).definition);

    test('step_function_orchestration: standard, 300 s timeout, logged and traced', () => {
      expect(synthesized).toHaveResourceWithProperties(SfnStateMachine, {
        name: 'step_function_orchestration',
        type: 'STANDARD',
        tracing_configuration: { enabled: true },
        logging_configuration: expect.objectContaining({ include_execution_data: true, level: 'ERROR' }),
      });
      expect(asl.TimeoutSeconds).toBe(300);
    });

    test("keeps the original state names; the magic-string Choice 'task_put_item_choice' is gone", () => {
      expect(asl.StartAt).toBe('task_put_item');
      expect(Object.keys(asl.States).sort()).toStrictEqual(
        [
          'Job Failed',
          'Job Succeeded',
          'notify_order_failed',
          'notify_order_placed',
          'order_already_gone',
          'order_not_stored',
          'order_not_withdrawn',
          'order_withdrawn',
          'task_delete_item',
          'task_put_item',
          'task_put_object',
        ].sort(),
      );
      expect(asl.States.task_put_item.Next).toBe('task_put_object');
      expect(asl.States.task_put_object.Next).toBe('notify_order_placed');
      expect(asl.States.notify_order_placed.Next).toBe('Job Succeeded');
      expect(asl.States['Job Succeeded'].Type).toBe('Succeed');
    });

    test('a notice that cannot be sent does not unplace the order: the execution still succeeds, saying why', () => {
      expect(asl.States.notify_order_placed.Catch).toStrictEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.noticeNotSent', Next: 'Job Succeeded' }]);
    });

    test('put_item: retries Lambda transient errors and OrderNotStored; any other error → failure notice → Job Failed', () => {
      const state = asl.States.task_put_item;
      expect(state.OutputPath).toBe('$.Payload');
      // No path is applied to the execution input itself, which may be null (States.Runtime) or not an object
      // (a ResultPath such as '$.error' fails with States.ResultPathMatchFailure).
      expect(state.Parameters['Payload.$']).toBe('$$.Execution.Input');
      expect(state.Retry.map((r: Block) => r.ErrorEquals)).toStrictEqual([
        expect.arrayContaining(['Lambda.ServiceException', 'Lambda.TooManyRequestsException']),
        [new OrderNotStored('').name],
      ]);
      expect(state.Catch).toStrictEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$', Next: 'order_not_stored' }]);
      expect(asl.States.order_not_stored).toMatchObject({ Type: 'Pass', Parameters: { 'error.$': '$', outcome: { data: 'NOTHING_STORED' } }, Next: 'notify_order_failed' });
      expect(asl.States.notify_order_failed.Next).toBe('Job Failed');
      expect(asl.States['Job Failed']).toMatchObject({ Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' });
    });

    test('put_object: retries InvoiceNotStored; a failed invoice withdraws the order, notifies, and fails the execution', () => {
      const state = asl.States.task_put_object;
      expect(state.Retry[1].ErrorEquals).toStrictEqual([new InvoiceNotStored('').name]);
      expect(state.Catch).toStrictEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'task_delete_item' }]);
      expect(state.Parameters.Payload).toStrictEqual({ 'order.$': '$.order', 'executionId.$': '$$.Execution.Id' });
      const withdraw = asl.States.task_delete_item;
      expect(withdraw).toMatchObject({ Resource: 'arn:aws:states:::dynamodb:deleteItem', ResultPath: null, Next: 'order_withdrawn' });
      expect(withdraw.Parameters.ConditionExpression).toBe('orderdate = :orderdate');
      expect(withdraw.Catch).toStrictEqual([
        { ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], ResultPath: '$.withdrawalError', Next: 'order_already_gone' },
        { ErrorEquals: ['States.ALL'], ResultPath: '$.withdrawalError', Next: 'order_not_withdrawn' },
      ]);
      for (const [state, data] of [['order_withdrawn', 'ORDER_WITHDRAWN'], ['order_already_gone', 'ORDER_ALREADY_GONE']]) {
        expect(asl.States[state]).toMatchObject({ Type: 'Pass', Result: { data }, ResultPath: '$.outcome', Next: 'notify_order_failed' });
      }
      expect(asl.States.order_not_withdrawn.Parameters.error).toMatchObject({ Error: 'OrderNotWithdrawn', 'invoiceError.$': '$.error', 'withdrawalError.$': '$.withdrawalError' });
    });

    test('both notices go to the topic and say what happened, which order and which execution', () => {
      const [topicKey] = Object.keys(resourcesOf(synthesized, SnsTopic));
      for (const name of ['notify_order_placed', 'notify_order_failed']) {
        expect(asl.States[name].Parameters.TopicArn).toBe(refTo(SnsTopic, topicKey, 'arn'));
        expect(asl.States[name].Parameters.Message['executionId.$']).toBe('$$.Execution.Id');
      }
      expect(asl.States.notify_order_placed.Parameters.Message).toMatchObject({ status: 'ORDER_PLACED', 'order.$': '$.order', 'invoice.$': '$.invoice' });
      expect(asl.States.notify_order_failed.Parameters.Message).toMatchObject({ status: 'ORDER_FAILED', 'error.$': '$.error', 'request.$': '$$.Execution.Input' });
      expect(asl.States.notify_order_failed.Catch[0]).toMatchObject({ ResultPath: '$.notificationError', Next: 'Job Failed' });
    });

    test('its role (the original name) may only invoke the two functions, publish to the topic and withdraw orders', () => {
      const statements = roleStatements(synthesized, 'step_function_orchestration_statemachine');
      const own = statements.filter((s) => !s.resources.includes('*'));
      expect(own.flatMap((s) => s.actions).sort()).toStrictEqual(['dynamodb:DeleteItem', 'lambda:InvokeFunction', 'lambda:InvokeFunction', 'sns:Publish']);
      const wildcard = statements.filter((s) => s.resources.includes('*')).flatMap((s) => s.actions);
      expect(wildcard.every((a) => a.startsWith('logs:') || a.startsWith('xray:'))).toBe(true);
    });
  });

  test('no role has a "*" action, and "*" resources only for logs and X-Ray', () => {
    for (const policy of Object.values(resourcesOf(synthesized, IamRolePolicy))) {
      for (const s of jsonIn(policy.policy).Statement) {
        expect(s.Action).not.toContain('*');
        if (s.Resource.includes('*')) expect(s.Action.every((a: string) => /^(logs|xray):/.test(a))).toBe(true);
      }
    }
  });

  test('byte-stable, with no path of this machine in it', () => {
    expect(synthSkipTheLine()).toBe(synthesized);
    expect(synthesized).not.toContain(process.cwd());
    expect(synthesized).not.toContain(os.tmpdir());
  });
});

describe('skip-the-line stack (other configurations)', () => {
  test('a namePrefix goes before every name', () => {
    const synthesized = synthSkipTheLine({ namePrefix: 'dev-' });
    const names = [
      ...[DynamodbTable, SnsTopic, SfnStateMachine, IamRole, ApiGatewayRestApi].flatMap((type) => Object.values(resourcesOf(synthesized, type)).map((r) => r.name)),
      ...Object.values(resourcesOf(synthesized, LambdaFunction)).map((f) => f.function_name),
    ];
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect(name).toMatch(/^dev-/);
    expect(synthesized).toHaveResourceWithProperties(S3Bucket, { bucket_prefix: 'dev-stepfunctionorchestration-' });
  });

  test('PROVISIONED billing is a choice, not the default', () => {
    const synthesized = synthSkipTheLine({ billingMode: 'PROVISIONED' });
    expect(synthesized).toHaveResourceWithProperties(DynamodbTable, { billing_mode: 'PROVISIONED' });
  });

  test('bad settings are refused with the key named', () => {
    expect(() => defaultConfig({ skipTheLine: { apiAuthorization: 'NONE' } })).toThrow(/skipTheLine\.apiAuthorization: must be one of AWS_IAM, API_KEY/);
    expect(() => defaultConfig({ skipTheLine: { corsAllowOrigin: "https://x.com'" } })).toThrow(/skipTheLine\.corsAllowOrigin/);
    expect(() => defaultConfig({ skipTheLine: { throttle: { rateLimit: 0 } } })).toThrow(/skipTheLine\.throttle\.rateLimit/);
  });
});

