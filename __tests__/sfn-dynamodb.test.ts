import { onlyResource, resourcesOf, synthApp } from './support/synth';

const stack = synthApp().stacks['sfn-dynamodb'];
const table = onlyResource(stack, 'aws_dynamodb_table');
const tableName = Object.keys(resourcesOf(stack, 'aws_dynamodb_table'))[0];
const machine = onlyResource(stack, 'aws_sfn_state_machine');
const definition = JSON.parse(String(machine.definition)) as {
  StartAt: string;
  States: Record<string, Record<string, unknown>>;
  TimeoutSeconds: number;
};
const tableRef = `\${aws_dynamodb_table.${tableName}.name}`;

describe('sfn-dynamodb stack', () => {
  test('the table is keyed by id (S), on demand, encrypted, with point-in-time recovery', () => {
    expect(table).toMatchObject({
      hash_key: 'id',
      attribute: [{ name: 'id', type: 'S' }],
      billing_mode: 'PAY_PER_REQUEST',
      server_side_encryption: { enabled: true },
      point_in_time_recovery: { enabled: true },
    });
    expect(table.range_key).toBeUndefined();
  });

  test('the workflow is SendToDDB → ReadFromDDb with the original parameters, after an input check', () => {
    expect(definition.StartAt).toBe('ValidateInput');
    expect(definition.TimeoutSeconds).toBe(300);
    expect(Object.keys(definition.States)).toStrictEqual(['ValidateInput', 'InvalidInput', 'SendToDDB', 'ReadFromDDb', 'DynamoDBRequestFailed']);
    expect(definition.States.SendToDDB).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Parameters: {
        Item: { id: { 'S.$': '$.id' }, description: { 'S.$': "States.Format('Hello, my id is {}.', $.id)" } },
        TableName: tableRef,
      },
      ResultPath: '$.output_from_ddb_put',
      Next: 'ReadFromDDb',
    });
    expect(definition.States.ReadFromDDb).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:getItem',
      Parameters: { Key: { id: { 'S.$': '$.id' } }, TableName: tableRef, ConsistentRead: true },
      ResultPath: '$.output_from_ddb_get',
      OutputPath: '$.output_from_ddb_get.Item',
      End: true,
    });
  });

  test('a missing, non-string or empty id goes to the named InvalidInput failure before anything is written', () => {
    const check = definition.States.ValidateInput as { Choices: Record<string, unknown>[]; Default: string };
    expect(check.Choices).toStrictEqual([
      { Variable: '$.id', IsPresent: false, Next: 'InvalidInput' },
      { Variable: '$.id', IsString: false, Next: 'InvalidInput' },
      { Variable: '$.id', StringEquals: '', Next: 'InvalidInput' },
    ]);
    expect(check.Default).toBe('SendToDDB');
    expect(definition.States.InvalidInput).toMatchObject({ Type: 'Fail', Error: 'InvalidInput' });
  });

  test('both tasks retry throttling and route other errors to a failure that keeps the error name', () => {
    for (const name of ['SendToDDB', 'ReadFromDDb']) {
      const state = definition.States[name] as { Retry: { ErrorEquals: string[] }[]; Catch: unknown[] };
      expect(state.Retry[0].ErrorEquals).toContain('DynamoDB.ProvisionedThroughputExceededException');
      expect(state.Catch).toStrictEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'DynamoDBRequestFailed' }]);
    }
    expect(definition.States.DynamoDBRequestFailed).toStrictEqual({ Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' });
  });

  test('the role allows only PutItem and GetItem on this table, plus log delivery and tracing', () => {
    const policy = JSON.parse(String(onlyResource(stack, 'aws_iam_role_policy').policy)) as {
      Statement: { Action: string[]; Resource: string[] }[];
    };
    expect(policy.Statement[0]).toStrictEqual({
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      Resource: [`\${aws_dynamodb_table.${tableName}.arn}`],
    });
    const rest = policy.Statement.slice(1);
    expect(rest.every((s) => s.Resource.length === 1 && s.Resource[0] === '*')).toBe(true);
    expect(rest.flatMap((s) => s.Action).every((a) => /^(logs|xray):/.test(a))).toBe(true);
  });

  test('the state machine logs, traces and is named after the original', () => {
    expect(machine).toMatchObject({
      name: 'StateMachinetoDDB',
      type: 'STANDARD',
      tracing_configuration: { enabled: true },
      logging_configuration: { level: 'ERROR', include_execution_data: true },
    });
  });

  test('outputs StateMachineArn and TableName', () => {
    expect(stack.json.output).toStrictEqual({
      StateMachineArn: { value: expect.stringMatching(/^\$\{aws_sfn_state_machine\.[\w-]+\.arn\}$/) },
      TableName: { value: tableRef },
    });
  });

  test('without Lambdas the stack does not need the archive provider', () => {
    expect(Object.keys(stack.json.provider ?? {})).toStrictEqual(['aws']);
  });
});
