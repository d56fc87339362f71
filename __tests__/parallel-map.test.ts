import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, onlyResource, resourcesOf, synthApp, type SynthesizedStack } from './support/synth';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function parallelMap(overrides: Record<string, unknown> = {}): { stack: SynthesizedStack; outdir: string } {
  const { stacks, outdir } = synthApp(defaultConfig(overrides));
  return { stack: stacks['parallel-map'], outdir };
}

const definitionOf = (stack: SynthesizedStack): Json => JSON.parse(String(onlyResource(stack, 'aws_sfn_state_machine').definition));

/** The statements of one role policy resource, by its construct path prefix (`workflow_role`, `workflow_self-policy`). */
function statementsOf(stack: SynthesizedStack, prefix: string): { Action: string[]; Resource: string[] }[] {
  const [policy] = Object.entries(resourcesOf(stack, 'aws_iam_role_policy')).filter(([name]) => name.startsWith(prefix));
  return policy ? JSON.parse(String(policy[1].policy)).Statement : [];
}

/** Actions other than log delivery and X-Ray (which have no narrower resource than "*"), with their resources. */
const scopedStatements = (stack: SynthesizedStack, prefix: string) =>
  statementsOf(stack, prefix).filter((s) => !s.Resource.includes('*'));

const tableRef = (attribute: string) => expect.stringMatching(new RegExp(`^\\$\\{aws_dynamodb_table\\.list-table_\\w+\\.${attribute}\\}$`));
const functionArn = expect.stringMatching(/^\$\{aws_lambda_function\.process-item_function_\w+\.arn\}$/);

describe('parallel-map, inline mode (the original)', () => {
  // GIVEN the default config; WHEN synthesized
  const { stack } = parallelMap();
  const asl = definitionOf(stack);

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
    expect(scopedStatements(stack, 'workflow_role')).toStrictEqual([
      { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: [tableRef('arn')] },
      { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [functionArn, expect.stringMatching(/\.arn\}:\*$/)] },
    ]);
    expect(statementsOf(stack, 'workflow_self-policy')).toStrictEqual([]);
  });

  test('IAM: the function may only write its logs and traces', () => {
    const actions = statementsOf(stack, 'process-item_role').flatMap((s) => s.Action);
    expect(actions.sort()).toStrictEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });

  test('the table is keyed by ddb.partitionKeyName (S) and named ddb.tableName; outputs name what a caller needs', () => {
    expect(onlyResource(stack, 'aws_dynamodb_table')).toMatchObject({
      name: 'StepFunctionsProjectDDBTable',
      hash_key: 'mapstatelist',
      attribute: [{ name: 'mapstatelist', type: 'S' }],
    });
    expect(Object.keys(stack.json.output ?? {}).sort()).toStrictEqual(['ProcessItemFunctionName', 'StateMachineArn', 'StateMachineName', 'TableName']);
    expect(resourcesOf(stack, 'aws_s3_bucket')).toStrictEqual({});
  });
});

describe('parallel-map, config-driven values', () => {
  test('key name and value, concurrency, wait, timeout and prefix come from the config', () => {
    // GIVEN a config that renames the key and changes every stepfunc number
    const { stack } = parallelMap({
      namePrefix: 'dev-',
      ddb: { tableName: 'Subjects', partitionKeyName: 'listId', partitionKeyValueField: 'subjects' },
      stepfunc: { maxConcurrency: 3, waitDurationSeconds: 1, timeoutDurationSeconds: 60 },
    });
    const asl = definitionOf(stack);
    // THEN
    expect(asl.States.ReadDDBTable.Parameters.Key).toStrictEqual({ listId: { S: 'subjects' } });
    expect(asl.States.ListNotLoaded.Cause).toContain('listId = "subjects"');
    expect(asl.States.MapState.MaxConcurrency).toBe(3);
    expect(asl.States.MapState.ItemProcessor.States.WaitInMap.Seconds).toBe(1);
    expect(asl.TimeoutSeconds).toBe(60);
    expect(onlyResource(stack, 'aws_dynamodb_table')).toMatchObject({ name: 'dev-Subjects', hash_key: 'listId' });
    expect(onlyResource(stack, 'aws_sfn_state_machine').name).toBe('dev-TestStateMachine');
  });

  test('a wait of 0 s is left out: each item is one state transition (LambdaInvoke), not two', () => {
    const asl = definitionOf(parallelMap({ stepfunc: { waitDurationSeconds: 0 } }).stack);
    expect(asl.States.MapState.ItemProcessor.StartAt).toBe('LambdaInvoke');
    expect(Object.keys(asl.States.MapState.ItemProcessor.States)).toStrictEqual(['LambdaInvoke']);
  });

  test('a wait longer than the timeout synthesizes (the original experiment) and warns', () => {
    const { stack, outdir } = parallelMap({ stepfunc: { waitDurationSeconds: 25, timeoutDurationSeconds: 20 } });
    expect(definitionOf(stack).TimeoutSeconds).toBe(20);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    const messages = manifest.stacks['parallel-map'].annotations.map((a: { level: string; message: string }) => `${a.level} ${a.message}`);
    expect(messages).toStrictEqual([expect.stringMatching(/warn stepfunc\.waitDurationSeconds \(25\) is not shorter than stepfunc\.timeoutDurationSeconds \(20\).*States\.Timeout/)]);
  });

  test('the default config synthesizes without warnings', () => {
    const { outdir } = parallelMap();
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    expect(manifest.stacks['parallel-map'].annotations).toStrictEqual([]);
  });
});

describe('parallel-map, distributed mode', () => {
  const { stack } = parallelMap({ stepfunc: { mode: 'DISTRIBUTED', maxConcurrency: 100, distributed: { toleratedFailurePercentage: 5 } } });
  const asl = definitionOf(stack);
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
    expect(scopedStatements(stack, 'workflow_role')).toStrictEqual([
      { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [functionArn, expect.stringMatching(/\.arn\}:\*$/)] },
      {
        Effect: 'Allow',
        Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:PutObject'],
        Resource: [expect.stringMatching(/^\$\{aws_s3_bucket\.items-bucket_\w+\.arn\}\/results\/\*$/)],
      },
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: [expect.stringMatching(/^\$\{aws_s3_bucket\.items-bucket_\w+\.arn\}\/mapitems\.json$/)] },
    ]);
    expect(statementsOf(stack, 'workflow_self-policy')).toStrictEqual([
      { Effect: 'Allow', Action: ['states:DescribeExecution', 'states:StopExecution'], Resource: [expect.stringMatching(/^\$\{local\.workflow_execution-arn-base_\w+\}\/\*$/)] },
      { Effect: 'Allow', Action: ['states:StartExecution'], Resource: [expect.stringMatching(/^\$\{aws_sfn_state_machine\.workflow_state-machine_\w+\.arn\}$/)] },
    ]);
  });

  test('a secure bucket replaces the table; outputs name the bucket and key', () => {
    expect(resourcesOf(stack, 'aws_dynamodb_table')).toStrictEqual({});
    expect(onlyResource(stack, 'aws_s3_bucket')).toMatchObject({ bucket_prefix: 'parallel-map-items-', force_destroy: true });
    expect(Object.keys(resourcesOf(stack, 'aws_s3_bucket_public_access_block'))).toHaveLength(1);
    expect(Object.keys(stack.json.output ?? {}).sort()).toStrictEqual([
      'ItemsBucketName',
      'ItemsObjectKey',
      'ProcessItemFunctionName',
      'StateMachineArn',
      'StateMachineName',
    ]);
  });

  test('the items bucket: versioned (a reloaded list can be restored for 30 days); result files expire after 90 days', () => {
    expect(onlyResource(stack, 'aws_s3_bucket_versioning')).toMatchObject({ versioning_configuration: { status: 'Enabled' } });
    expect(onlyResource(stack, 'aws_s3_bucket_lifecycle_configuration').rule).toStrictEqual([
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
      parallelMap({ stepfunc: { mode: 'DISTRIBUTED', distributed: { inputType: 'CSV', itemsKey: 'lists/topics.csv', childExecutionType: 'EXPRESS' } } }).stack,
    );
    expect(csv.States.MapState.ItemReader).toMatchObject({
      ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' },
      Parameters: { Key: 'lists/topics.csv' },
    });
    expect(csv.States.MapState.ItemProcessor.ProcessorConfig.ExecutionType).toBe('EXPRESS');
    expect(csv.States.ListNotLoaded.Cause).toContain('--csv');
  });
});
