/** `task-status`: the stack, synthesized in process and asserted with cdktf's matchers (table, workflow, starter function, roles, outputs). */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { Testing } from 'cdktf';
import { DYNAMODB_TRANSIENT_ERRORS } from '../../../definitions';
import { taskStatusWorkflow, waitStateName } from '../../../definitions/workflows/task-status';
import { STATE_MACHINE_ARN_VARIABLE } from '../../../contracts/env-vars';
import { TaskStatusStack } from '../../../stacks/task-status/stack';
import { jsonIn, onlyResource, parse, resourcesOf } from '../../support/stacks';
import { defaultConfig } from '../../support/synth';

const stackOf = (config = defaultConfig()): string => Testing.synth(new TaskStatusStack(Testing.app(), config));
const synthesized = stackOf();

const TABLE_NAME = '${aws_dynamodb_table.task-table_3D3FAD16.name}';
const TABLE_ARN = '${aws_dynamodb_table.task-table_3D3FAD16.arn}';
const STATE_MACHINE_ARN = '${aws_sfn_state_machine.workflow_state-machine_5D8A73B7.arn}';
const VALIDATE_ARN = '${aws_lambda_function.validate-task-input_function_B542E96C.arn}';

const definitionOf = (s: string) => jsonIn(onlyResource(s, SfnStateMachine).definition);
const policyOf = (s: string, name: string) => jsonIn(resourcesOf(s, IamRolePolicy)[name].policy);

const DYNAMO_RETRY = { ErrorEquals: DYNAMODB_TRANSIENT_ERRORS, IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: 'FULL' };
const KEY = { taskId: { 'S.$': '$.taskId' }, timestamp: { 'N.$': "States.Format('{}', $.timestamp)" } };
const CATCH_ALL = { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'DynamoDBRequestFailed' };

describe('table', () => {
  test('Tasks: taskId (S) partition key, timestamp (N) sort key, on-demand, encrypted, with PITR', () => {
    // GIVEN the default config WHEN synthesized THEN the table is the original's, with the security defaults
    expect(synthesized).toHaveResourceWithProperties(DynamodbTable, {
      name: 'Tasks',
      hash_key: 'taskId',
      range_key: 'timestamp',
      attribute: [
        { name: 'taskId', type: 'S' },
        { name: 'timestamp', type: 'N' },
      ],
      billing_mode: 'PAY_PER_REQUEST',
      server_side_encryption: { enabled: true },
      point_in_time_recovery: { enabled: true },
    });
  });

  test('names go through the configured prefix', () => {
    // GIVEN a prefix WHEN synthesized THEN every named resource carries it
    const prefixed = stackOf(defaultConfig({ namePrefix: 'dev-' }));
    expect(prefixed).toHaveResourceWithProperties(DynamodbTable, { name: 'dev-Tasks' });
    expect(prefixed).toHaveResourceWithProperties(SfnStateMachine, { name: 'dev-task-status' });
    expect(Object.values(resourcesOf(prefixed, LambdaFunction)).map((f) => f.function_name).sort()).toStrictEqual([
      'dev-task-status-start-task',
      'dev-task-status-validate-input',
    ]);
    expect(Object.values(resourcesOf(prefixed, IamRole)).map((r) => r.name).sort()).toStrictEqual([
      'dev-task-status-role',
      'dev-task-status-start-task-role',
      'dev-task-status-validate-input-role',
    ]);
  });
});

describe('workflow', () => {
  const definition = definitionOf(synthesized);

  test('keeps the original state names, validates the input first and sets a timeout', () => {
    expect(definition.StartAt).toBe('ValidateInput');
    expect(Object.keys(definition.States).sort()).toStrictEqual(
      [
        'CreateDynamoTaskItem',
        'DynamoDBRequestFailed',
        'Execute long running task...wait 30 seconds',
        'InvalidInput',
        'TaskNotStarted',
        'UpdateDynamoTaskItem',
        'ValidateInput',
      ].sort(),
    );
    expect(definition.TimeoutSeconds).toBe(150);
    expect(definition.States.ValidateInput.Next).toBe('CreateDynamoTaskItem');
  });

  test("ValidateInput applies the starter's rule through the validation function, to any execution input", () => {
    expect(definition.States.ValidateInput).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      // The context object: a path on a null execution input would fail with States.Runtime, uncatchable.
      Parameters: { FunctionName: VALIDATE_ARN, 'Payload.$': '$$.Execution.Input' },
      ResultPath: null,
      // ResultPath '$': '$.error' cannot be applied to an input that is not an object.
      Catch: [{ ErrorEquals: ['ValidationError'], ResultPath: '$', Next: 'InvalidInput' }],
    });
    expect(definition.States.ValidateInput.Retry[0].ErrorEquals).toContain('Lambda.ServiceException');
    expect(definition.States.InvalidInput).toStrictEqual({ Type: 'Fail', Error: 'InvalidInput', CausePath: '$.Cause' });
  });

  test('CreateDynamoTaskItem puts {taskId, timestamp, Status: STARTED} and passes its input on', () => {
    expect(definition.States.CreateDynamoTaskItem).toStrictEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Parameters: { Item: { ...KEY, Status: { S: 'STARTED' } }, TableName: TABLE_NAME },
      ResultPath: null,
      Retry: [DYNAMO_RETRY],
      Catch: [CATCH_ALL],
      Next: 'Execute long running task...wait 30 seconds',
    });
  });

  test('the Wait state waits 30 seconds by default', () => {
    expect(definition.States['Execute long running task...wait 30 seconds']).toStrictEqual({
      Type: 'Wait',
      Seconds: 30,
      Next: 'UpdateDynamoTaskItem',
    });
  });

  test('UpdateDynamoTaskItem sets Status Done only on an existing item and returns the key and status', () => {
    expect(definition.States.UpdateDynamoTaskItem).toStrictEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:updateItem',
      Parameters: {
        Key: KEY,
        TableName: TABLE_NAME,
        ConditionExpression: 'attribute_exists(taskId)',
        ExpressionAttributeNames: { '#s': 'Status' },
        ExpressionAttributeValues: { ':val': { S: 'Done' } },
        ReturnValues: 'ALL_NEW',
        UpdateExpression: 'SET #s = :val',
      },
      ResultSelector: {
        'taskId.$': '$.Attributes.taskId.S',
        'timestamp.$': 'States.StringToJson($.Attributes.timestamp.N)',
        'Status.$': '$.Attributes.Status.S',
      },
      Retry: [DYNAMO_RETRY],
      Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], ResultPath: '$.error', Next: 'TaskNotStarted' }, CATCH_ALL],
      End: true,
    });
  });

  test('failures end in named Fail states', () => {
    expect(definition.States.TaskNotStarted).toMatchObject({ Type: 'Fail', Error: 'TaskNotStarted' });
    expect(definition.States.InvalidInput).toMatchObject({ Type: 'Fail', Error: 'InvalidInput' });
    expect(definition.States.DynamoDBRequestFailed).toStrictEqual({ Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' });
  });

  test('the wait follows taskStatus.waitSeconds, in its name too, and the timeout grows with it', () => {
    // GIVEN waitSeconds 5 WHEN synthesized THEN the Wait is 5 s and named for it
    const custom = definitionOf(stackOf(defaultConfig({ taskStatus: { waitSeconds: 5 } })));
    expect(custom.States.CreateDynamoTaskItem.Next).toBe('Execute long running task...wait 5 seconds');
    expect(custom.States['Execute long running task...wait 5 seconds']).toStrictEqual({ Type: 'Wait', Seconds: 5, Next: 'UpdateDynamoTaskItem' });
    expect(custom.TimeoutSeconds).toBe(125);
  });

  test('the Wait state name is the original at 30 seconds and singular at 1', () => {
    expect(waitStateName(30)).toBe('Execute long running task...wait 30 seconds');
    expect(waitStateName(1)).toBe('Execute long running task...wait 1 second');
  });

  test('a wait that leaves no time for the writes within one year is refused by the config', () => {
    expect(() => defaultConfig({ taskStatus: { waitSeconds: 31_536_000 } })).toThrow(/taskStatus.waitSeconds: must be at most 31535880/);
    expect(() => defaultConfig({ taskStatus: { waitSeconds: 1.5 } })).toThrow(/taskStatus.waitSeconds: must be a whole number/);
  });

  test('the definition alone renders the same as the synthesized one (no Terraform in definitions/)', () => {
    const table = { tableName: TABLE_NAME, tableArn: TABLE_ARN };
    expect(taskStatusWorkflow({ name: 'task-status', region: 'us-east-1', table, validateFunction: { functionArn: VALIDATE_ARN } }).asl).toStrictEqual(definition);
  });

  test('logging and tracing are on, with a log group that keeps events for the configured days', () => {
    expect(synthesized).toHaveResourceWithProperties(SfnStateMachine, {
      tracing_configuration: { enabled: true },
      logging_configuration: {
        include_execution_data: true,
        level: 'ERROR',
        log_destination: '${aws_cloudwatch_log_group.workflow_logs_9A6C825C.arn}:*',
      },
    });
    expect(resourcesOf(synthesized, CloudwatchLogGroup).workflow_logs_9A6C825C).toMatchObject({
      name: '/aws/vendedlogs/states/task-status',
      retention_in_days: 14,
    });
  });
});

describe('IAM', () => {
  test('the state machine may only PutItem and UpdateItem on this table and invoke the validation function (plus logs delivery and X-Ray)', () => {
    const statements = policyOf(synthesized, 'workflow_role_policy_6F81BCA0').Statement;
    const scoped = statements.filter((s: { Resource: string[] }) => !s.Resource.includes('*'));
    expect(scoped).toStrictEqual([
      { Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'], Resource: [TABLE_ARN] },
      { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [VALIDATE_ARN, `${VALIDATE_ARN}:*`] },
    ]);
    const actions = statements.flatMap((s: { Action: string[] }) => s.Action);
    expect(actions.filter((a: string) => a.startsWith('dynamodb:'))).toStrictEqual(['dynamodb:PutItem', 'dynamodb:UpdateItem']);
  });

  test('the starter may only StartExecution on this state machine (plus its logs and X-Ray)', () => {
    expect(policyOf(synthesized, 'start-task_role_policy_F6E13FD5').Statement).toStrictEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: ['${aws_cloudwatch_log_group.start-task_logs_CDD9BCF8.arn}:*'] },
      { Effect: 'Allow', Action: ['states:StartExecution'], Resource: [STATE_MACHINE_ARN] },
      { Effect: 'Allow', Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: ['*'] },
    ]);
  });
});

describe('starter function', () => {
  test('nodejs22.x, explicit memory and timeout, active tracing, JSON logs, and the state machine ARN in its environment', () => {
    expect(synthesized).toHaveResourceWithProperties(LambdaFunction, {
      function_name: 'task-status-start-task',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      memory_size: 256,
      timeout: 10,
      tracing_config: { mode: 'Active' },
      logging_config: { log_format: 'JSON', log_group: '${aws_cloudwatch_log_group.start-task_logs_CDD9BCF8.name}', application_log_level: 'INFO' },
      environment: { variables: { [STATE_MACHINE_ARN_VARIABLE]: STATE_MACHINE_ARN, POWERTOOLS_LOG_LEVEL: 'INFO' } },
    });
    expect(resourcesOf(synthesized, CloudwatchLogGroup)['start-task_logs_CDD9BCF8']).toMatchObject({
      name: '/aws/lambda/task-status-start-task',
      retention_in_days: 14,
    });
  });
});

describe('validation function', () => {
  test('its own role may only write its logs and traces; nodejs22.x, traced, with its own log group', () => {
    expect(synthesized).toHaveResourceWithProperties(LambdaFunction, {
      function_name: 'task-status-validate-input',
      runtime: 'nodejs22.x',
      memory_size: 256,
      timeout: 10,
      tracing_config: { mode: 'Active' },
    });
    const actions = policyOf(synthesized, 'validate-task-input_role_policy_1F40CE19').Statement.flatMap((s: { Action: string[] }) => s.Action);
    expect(actions.sort()).toStrictEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    expect(resourcesOf(synthesized, CloudwatchLogGroup)['validate-task-input_logs_81CEAF82']).toMatchObject({ name: '/aws/lambda/task-status-validate-input' });
  });
});

test('outputs: the state machine ARN, the starter function name and the table name', () => {
  expect(parse(synthesized).output).toStrictEqual({
    StateMachineArn: { value: STATE_MACHINE_ARN },
    StartTaskFunctionName: { value: '${aws_lambda_function.start-task_function_93FCC229.function_name}' },
    TableName: { value: TABLE_NAME },
  });
});

test('synthesis is byte-stable and holds no absolute path', () => {
  // GIVEN two synths of the same config THEN the JSON is identical and machine-independent
  expect(stackOf()).toBe(synthesized);
  expect(synthesized).not.toContain(process.cwd());
  expect(synthesized).not.toMatch(/"\/(home|tmp|work|Users)\//);
});
