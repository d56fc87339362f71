/** `sfn-dynamodb`: the stack, synthesized in process and asserted with cdktf's matchers (table, workflow, role, outputs). */
import { DataArchiveFile } from '@cdktf/provider-archive/lib/data-archive-file';
import { ArchiveProvider } from '@cdktf/provider-archive/lib/provider';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { Testing } from 'cdktf';
import { SfnDynamodbStack } from '../../../stacks/sfn-dynamodb/stack';
import { jsonIn, onlyResource, onlyResourceEntry, parse, refTo } from '../../support/stacks';
import { defaultConfig } from '../../support/synth';

const synthesized = Testing.synth(new SfnDynamodbStack(Testing.app(), defaultConfig()));
const [tableName] = onlyResourceEntry(synthesized, DynamodbTable);
const tableRef = refTo(DynamodbTable, tableName, 'name');
const definition = jsonIn(onlyResource(synthesized, SfnStateMachine).definition);

describe('sfn-dynamodb stack', () => {
  test('the table is keyed by id (S), on demand, encrypted, with point-in-time recovery', () => {
    expect(synthesized).toHaveResourceWithProperties(DynamodbTable, {
      name: 'sfn-dynamodb-items',
      hash_key: 'id',
      attribute: [{ name: 'id', type: 'S' }],
      billing_mode: 'PAY_PER_REQUEST',
      server_side_encryption: { enabled: true },
      point_in_time_recovery: { enabled: true },
    });
    expect(synthesized).not.toHaveResourceWithProperties(DynamodbTable, { range_key: expect.anything() });
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
    expect(definition.States.ValidateInput.Choices).toStrictEqual([
      { Variable: '$.id', IsPresent: false, Next: 'InvalidInput' },
      { Variable: '$.id', IsString: false, Next: 'InvalidInput' },
      { Variable: '$.id', StringEquals: '', Next: 'InvalidInput' },
    ]);
    expect(definition.States.ValidateInput.Default).toBe('SendToDDB');
    expect(definition.States.InvalidInput).toMatchObject({ Type: 'Fail', Error: 'InvalidInput' });
  });

  test('both tasks retry throttling and route other errors to a failure that keeps the error name', () => {
    for (const name of ['SendToDDB', 'ReadFromDDb']) {
      expect(definition.States[name].Retry[0].ErrorEquals).toContain('DynamoDB.ProvisionedThroughputExceededException');
      expect(definition.States[name].Catch).toStrictEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'DynamoDBRequestFailed' }]);
    }
    expect(definition.States.DynamoDBRequestFailed).toStrictEqual({ Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' });
  });

  test('the role allows only PutItem and GetItem on this table, plus log delivery and tracing', () => {
    const [own, ...rest] = jsonIn(onlyResource(synthesized, IamRolePolicy).policy).Statement as { Action: string[]; Resource: string[] }[];
    expect(own).toStrictEqual({ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: [refTo(DynamodbTable, tableName, 'arn')] });
    expect(rest.every((s) => s.Resource.length === 1 && s.Resource[0] === '*')).toBe(true);
    expect(rest.flatMap((s) => s.Action).every((a) => /^(logs|xray):/.test(a))).toBe(true);
  });

  test('the state machine logs, traces and is named after the original', () => {
    expect(synthesized).toHaveResourceWithProperties(SfnStateMachine, {
      name: 'StateMachinetoDDB',
      type: 'STANDARD',
      tracing_configuration: { enabled: true },
      logging_configuration: expect.objectContaining({ level: 'ERROR', include_execution_data: true }),
    });
  });

  test('outputs StateMachineArn and TableName', () => {
    expect(parse(synthesized).output).toStrictEqual({
      StateMachineArn: { value: expect.stringMatching(/^\$\{aws_sfn_state_machine\.[\w-]+\.arn\}$/) },
      TableName: { value: tableRef },
    });
  });

  test('without Lambdas the stack does not need the archive provider', () => {
    expect(synthesized).toHaveProvider(AwsProvider);
    expect(synthesized).not.toHaveProvider(ArchiveProvider);
    expect(synthesized).not.toHaveDataSource(DataArchiveFile);
    expect(Object.keys(parse(synthesized).provider ?? {})).toStrictEqual(['aws']);
  });
});
