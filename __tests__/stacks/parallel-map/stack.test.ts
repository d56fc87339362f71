/** `parallel-map`: the stack in both Map modes, synthesized in process and asserted with cdktf's matchers. */
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { AnnotationMetadataEntryType, Testing } from 'cdktf';
import { ParallelMapStack } from '../../../stacks/parallel-map/stack';
import { jsonIn, onlyResource, parse, resourcesOf, type Block } from '../../support/stacks';
import { defaultConfig } from '../../support/synth';

/** The stack for a config, and what it synthesizes to. */
function parallelMap(overrides: Record<string, unknown> = {}): { stack: ParallelMapStack; synthesized: string } {
  const stack = new ParallelMapStack(Testing.app(), defaultConfig(overrides));
  return { stack, synthesized: Testing.synth(stack) };
}

/** The annotations synth collects from the stack into manifest.json (and `cdktf synth` prints), as `<level> <message>`. */
const annotationsOf = (stack: ParallelMapStack): string[] =>
  stack.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => (Object.values(AnnotationMetadataEntryType) as string[]).includes(m.type))
    .map((m) => `${m.type} ${String(m.data)}`);

const definitionOf = (synthesized: string): Block => jsonIn(onlyResource(synthesized, SfnStateMachine).definition);

/** The statements of one role policy resource, by its construct path prefix (`workflow_role`, `workflow_self-policy`). */
function statementsOf(synthesized: string, prefix: string): { Action: string[]; Resource: string[] }[] {
  const [policy] = Object.entries(resourcesOf(synthesized, IamRolePolicy)).filter(([name]) => name.startsWith(prefix));
  return policy ? jsonIn(policy[1].policy).Statement : [];
}

/** Actions other than log delivery and X-Ray (which have no narrower resource than "*"), with their resources. */
const scopedStatements = (synthesized: string, prefix: string) => statementsOf(synthesized, prefix).filter((s) => !s.Resource.includes('*'));

const tableRef = (attribute: string) => expect.stringMatching(new RegExp(`^\\$\\{aws_dynamodb_table\\.list-table_\\w+\\.${attribute}\\}$`));
const functionArn = expect.stringMatching(/^\$\{aws_lambda_function\.process-item_function_\w+\.arn\}$/);

describe('parallel-map, inline mode (the original)', () => {
  // GIVEN the default config; WHEN synthesized
  const { synthesized } = parallelMap();
  const asl = definitionOf(synthesized);

  test('reads the list item by the configured key, consistently, and checks it before mapping', () => {
    expect(asl.StartAt).toBe('ReadDDBTable');
    expect(asl.States.ReadDDBTable).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:getItem',
      Parameters: { Key: { mapstatelist: { S: 'mapitems' } }, TableName: tableRef('name'), ConsistentRead: true },
      Next: 'CheckListLoaded',
    });
    expect(asl.States.CheckListLoaded).toStrictEqual({
      Type: 'Choice',
      Comment: 'Is the list item in the table, with a list in values?',
      Choices: [{ Variable: '$.Item.values.L', IsPresent: true, Next: 'MapState' }],
      Default: 'ListNotLoaded',
    });
  });

  test('an unloaded table fails with ListNotLoaded, whose cause says how to load it', () => {
    expect(asl.States.ListNotLoaded).toMatchObject({ Type: 'Fail', Error: 'ListNotLoaded' });
    expect(asl.States.ListNotLoaded.Cause).toContain('npm run load-ddb -- --json utils/simplelist.json');
  });

  test('maps WaitInMap → LambdaInvoke over $.Item.values.L with the configured concurrency, wait and timeout', () => {
    expect(asl.TimeoutSeconds).toBe(20);
    expect(asl.Comment).toMatch(/^Step Functions/);
    const map = asl.States.MapState;
    expect(map).toMatchObject({ Type: 'Map', ItemsPath: '$.Item.values.L', MaxConcurrency: 1, End: true });
    expect(map.ItemSelector).toStrictEqual({ 'item.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index', encoding: 'dynamodb' });
    expect(map.ItemProcessor.ProcessorConfig).toStrictEqual({ Mode: 'INLINE' });
    expect(map.ItemProcessor.StartAt).toBe('WaitInMap');
    expect(Object.keys(map.ItemProcessor.States)).toStrictEqual(['WaitInMap', 'LambdaInvoke']);
    expect(map.ItemProcessor.States.WaitInMap).toStrictEqual({ Type: 'Wait', Seconds: 2, Next: 'LambdaInvoke' });
  });

  test("LambdaInvoke returns only the function's answer, with a retry on Lambda's transient errors", () => {
    const invoke = asl.States.MapState.ItemProcessor.States.LambdaInvoke;
    expect(invoke).toMatchObject({
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: functionArn, 'Payload.$': '$' },
      OutputPath: '$.Payload',
      End: true,
    });
    expect(invoke.Retry[0].ErrorEquals).toEqual(expect.arrayContaining(['Lambda.ServiceException', 'Lambda.TooManyRequestsException']));
  });

  test('IAM: the state machine may GetItem on the table and invoke the function, nothing else', () => {
    expect(scopedStatements(synthesized, 'workflow_role')).toStrictEqual([
      { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: [tableRef('arn')] },
      { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [functionArn, expect.stringMatching(/\.arn\}:\*$/)] },
    ]);
    expect(statementsOf(synthesized, 'workflow_self-policy')).toStrictEqual([]);
  });

  test('IAM: the function may only write its logs and traces', () => {
    const actions = statementsOf(synthesized, 'process-item_role').flatMap((s) => s.Action);
    expect(actions.sort()).toStrictEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });

  test('the table is keyed by ddb.partitionKeyName (S) and named ddb.tableName; outputs name what a caller needs', () => {
    expect(synthesized).toHaveResourceWithProperties(DynamodbTable, {
      name: 'StepFunctionsProjectDDBTable',
      hash_key: 'mapstatelist',
      attribute: [{ name: 'mapstatelist', type: 'S' }],
    });
    expect(Object.keys(parse(synthesized).output ?? {}).sort()).toStrictEqual(['ProcessItemFunctionName', 'StateMachineArn', 'StateMachineName', 'TableName']);
    expect(synthesized).not.toHaveResource(S3Bucket);
  });
});

describe('parallel-map, config-driven values', () => {
  test('key name and value, concurrency, wait, timeout and prefix come from the config', () => {
    // GIVEN a config that renames the key and changes every stepfunc number
    const { synthesized } = parallelMap({
      namePrefix: 'dev-',
      ddb: { tableName: 'Subjects', partitionKeyName: 'listId', partitionKeyValueField: 'subjects' },
      stepfunc: { maxConcurrency: 3, waitDurationSeconds: 1, timeoutDurationSeconds: 60 },
    });
    const asl = definitionOf(synthesized);
    // THEN
    expect(asl.States.ReadDDBTable.Parameters.Key).toStrictEqual({ listId: { S: 'subjects' } });
    expect(asl.States.ListNotLoaded.Cause).toContain('listId = "subjects"');
    expect(asl.States.MapState.MaxConcurrency).toBe(3);
    expect(asl.States.MapState.ItemProcessor.States.WaitInMap.Seconds).toBe(1);
    expect(asl.TimeoutSeconds).toBe(60);
    expect(synthesized).toHaveResourceWithProperties(DynamodbTable, { name: 'dev-Subjects', hash_key: 'listId' });
    expect(synthesized).toHaveResourceWithProperties(SfnStateMachine, { name: 'dev-TestStateMachine' });
  });

  test('a wait of 0 s is left out: each item is one state transition (LambdaInvoke), not two', () => {
    const asl = definitionOf(parallelMap({ stepfunc: { waitDurationSeconds: 0 } }).synthesized);
    expect(asl.States.MapState.ItemProcessor.StartAt).toBe('LambdaInvoke');
    expect(Object.keys(asl.States.MapState.ItemProcessor.States)).toStrictEqual(['LambdaInvoke']);
  });

  test('a wait longer than the timeout synthesizes (the original experiment) and warns', () => {
    const { stack, synthesized } = parallelMap({ stepfunc: { waitDurationSeconds: 25, timeoutDurationSeconds: 20 } });
    expect(definitionOf(synthesized).TimeoutSeconds).toBe(20);
    // (determinism.test.ts checks that such a warning reaches manifest.json)
    expect(annotationsOf(stack)).toStrictEqual([expect.stringMatching(/^@cdktf\/warn stepfunc\.waitDurationSeconds \(25\) is not shorter than stepfunc\.timeoutDurationSeconds \(20\).*States\.Timeout/)]);
  });

  test('the default config synthesizes without warnings', () => {
    const { stack } = parallelMap();
    expect(annotationsOf(stack)).toStrictEqual([]);
  });
});

describe('parallel-map, distributed mode', () => {
  const { synthesized } = parallelMap({ stepfunc: { mode: 'DISTRIBUTED', maxConcurrency: 100, distributed: { toleratedFailurePercentage: 5 } } });
  const asl = definitionOf(synthesized);
  const bucketRef = (attribute: string) => expect.stringMatching(new RegExp(`^\\$\\{aws_s3_bucket\\.items-bucket_\\w+\\.${attribute}\\}`));

  test('the Map reads the S3 object, runs child executions and writes its results to S3', () => {
    expect(asl.StartAt).toBe('MapState');
    const map = asl.States.MapState;
    expect(map).toMatchObject({
      Type: 'Map',
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: bucketRef('bucket'), Key: 'mapitems.json' } },
      ItemSelector: { 'item.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index', encoding: 'plain' },
      MaxConcurrency: 100,
      ToleratedFailurePercentage: 5,
      Label: 'ProcessItem',
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: bucketRef('bucket'), Prefix: 'results' } },
      Catch: [{ ErrorEquals: ['States.ItemReaderFailed'], ResultPath: '$.error', Next: 'ListNotLoaded' }],
      End: true,
    });
    expect(map.ItemsPath).toBeUndefined();
    expect(map.ItemProcessor.ProcessorConfig).toStrictEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
    expect(Object.keys(map.ItemProcessor.States)).toStrictEqual(['WaitInMap', 'LambdaInvoke']);
    expect(asl.States.ListNotLoaded.Cause).toContain('--bucket');
  });

  test('IAM: GetObject on the list object, result writing under results/ only, invoke, own executions', () => {
    expect(scopedStatements(synthesized, 'workflow_role')).toStrictEqual([
      { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [functionArn, expect.stringMatching(/\.arn\}:\*$/)] },
      {
        Effect: 'Allow',
        Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:PutObject'],
        Resource: [expect.stringMatching(/^\$\{aws_s3_bucket\.items-bucket_\w+\.arn\}\/results\/\*$/)],
      },
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: [expect.stringMatching(/^\$\{aws_s3_bucket\.items-bucket_\w+\.arn\}\/mapitems\.json$/)] },
    ]);
    expect(statementsOf(synthesized, 'workflow_self-policy')).toStrictEqual([
      { Effect: 'Allow', Action: ['states:DescribeExecution', 'states:StopExecution'], Resource: [expect.stringMatching(/^\$\{local\.workflow_execution-arn-base_\w+\}:\*$/)] },
      { Effect: 'Allow', Action: ['states:StartExecution'], Resource: [expect.stringMatching(/^\$\{aws_sfn_state_machine\.workflow_state-machine_\w+\.arn\}$/)] },
    ]);
  });

  test('a secure bucket replaces the table; outputs name the bucket and key', () => {
    expect(synthesized).not.toHaveResource(DynamodbTable);
    expect(synthesized).toHaveResourceWithProperties(S3Bucket, { bucket_prefix: 'parallel-map-items-', force_destroy: true });
    expect(Object.keys(resourcesOf(synthesized, S3Bucket))).toHaveLength(1);
    expect(Object.keys(resourcesOf(synthesized, S3BucketPublicAccessBlock))).toHaveLength(1);
    expect(Object.keys(parse(synthesized).output ?? {}).sort()).toStrictEqual([
      'ItemsBucketName',
      'ItemsObjectKey',
      'ProcessItemFunctionName',
      'StateMachineArn',
      'StateMachineName',
    ]);
  });

  test('the items bucket: versioned (a reloaded list can be restored for 30 days); result files expire after 90 days', () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: 'Enabled' } });
    expect(onlyResource(synthesized, S3BucketLifecycleConfiguration).rule).toStrictEqual([
      expect.objectContaining({
        filter: [{}],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        noncurrent_version_expiration: [{ noncurrent_days: 30 }],
      }),
      { id: 'expire-results', status: 'Enabled', filter: [{ prefix: 'results/' }], expiration: [{ days: 90 }] },
    ]);
    expect(() => parallelMap({ stepfunc: { mode: 'DISTRIBUTED', distributed: { itemsKey: 'results/list.json' } } })).toThrow(
      /stepfunc\.distributed\.itemsKey 'results\/list\.json' is under resultsPrefix 'results', whose objects expire after 90 days/,
    );
  });

  test('CSV input with EXPRESS children', () => {
    const csv = definitionOf(
      parallelMap({ stepfunc: { mode: 'DISTRIBUTED', distributed: { inputType: 'CSV', itemsKey: 'lists/topics.csv', childExecutionType: 'EXPRESS' } } }).synthesized,
    );
    expect(csv.States.MapState.ItemReader).toMatchObject({
      ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' },
      Parameters: { Key: 'lists/topics.csv' },
    });
    expect(csv.States.MapState.ItemProcessor.ProcessorConfig.ExecutionType).toBe('EXPRESS');
    expect(csv.States.ListNotLoaded.Cause).toContain('--csv');
  });
});
