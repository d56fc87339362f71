import {
  DynamoAttribute,
  DynamoDB,
  Intrinsic,
  JsonPath,
  Lambda,
  Sns,
  StateMachineDefinition,
  stringAttributeAt,
  type Task,
} from '../../definitions';

const table = { tableName: 'Tasks', tableArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/Tasks' };
const render = (task: Task) => new StateMachineDefinition({ name: 't', startWith: task, timeoutSeconds: 60 }).asl.States[task.name];

const DYNAMO_RETRY = {
  ErrorEquals: [
    'DynamoDB.ProvisionedThroughputExceededException',
    'DynamoDB.RequestLimitExceeded',
    'DynamoDB.ThrottlingException',
    'DynamoDB.InternalServerErrorException',
  ],
  IntervalSeconds: 1,
  MaxAttempts: 3,
  BackoffRate: 2,
  JitterStrategy: 'FULL',
};

describe('DynamoDB', () => {
  test('putItem renders the item with typed attributes and retries transient errors', () => {
    const task = DynamoDB.putItem('CreateDynamoTaskItem', {
      table,
      item: {
        taskId: stringAttributeAt('$.taskId'),
        timestamp: DynamoAttribute.number(JsonPath.numberAt('$.timestamp')),
        Status: DynamoAttribute.string('STARTED'),
      },
      resultPath: null,
    });
    expect(render(task)).toStrictEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Parameters: {
        Item: {
          taskId: { 'S.$': '$.taskId' },
          timestamp: { 'N.$': "States.Format('{}', $.timestamp)" },
          Status: { S: 'STARTED' },
        },
        TableName: 'Tasks',
      },
      ResultPath: null,
      Retry: [DYNAMO_RETRY],
      End: true,
    });
  });

  test('updateItem renders key, condition, names, values and expression', () => {
    const task = DynamoDB.updateItem('UpdateDynamoTaskItem', {
      table,
      key: { taskId: stringAttributeAt('$.taskId') },
      conditionExpression: 'attribute_exists(taskId)',
      expressionAttributeNames: { '#s': 'Status' },
      expressionAttributeValues: { ':val': DynamoAttribute.string('Done') },
      updateExpression: 'SET #s = :val',
      returnValues: 'ALL_NEW',
      retryTransientErrors: false,
    });
    expect(render(task)).toStrictEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:updateItem',
      Parameters: {
        Key: { taskId: { 'S.$': '$.taskId' } },
        TableName: 'Tasks',
        ConditionExpression: 'attribute_exists(taskId)',
        ExpressionAttributeNames: { '#s': 'Status' },
        ExpressionAttributeValues: { ':val': { S: 'Done' } },
        ReturnValues: 'ALL_NEW',
        UpdateExpression: 'SET #s = :val',
      },
      End: true,
    });
    expect(task.policyStatements()).toStrictEqual([{ actions: ['dynamodb:UpdateItem'], resources: [table.tableArn] }]);
  });

  test('getItem and deleteItem render their keys and declare their own action', () => {
    const get = DynamoDB.getItem('Get', { table, key: { id: stringAttributeAt('$.id') }, consistentRead: true });
    expect(render(get)).toMatchObject({ Parameters: { Key: { id: { 'S.$': '$.id' } }, TableName: 'Tasks', ConsistentRead: true } });
    const del = DynamoDB.deleteItem('Delete', { table, key: { id: stringAttributeAt('$.id') }, conditionExpression: 'attribute_exists(id)' });
    expect(render(del)).toMatchObject({
      Resource: 'arn:aws:states:::dynamodb:deleteItem',
      Parameters: { Key: { id: { 'S.$': '$.id' } }, TableName: 'Tasks', ConditionExpression: 'attribute_exists(id)' },
    });
    expect(del.policyStatements()[0].actions).toStrictEqual(['dynamodb:DeleteItem']);
  });

  test('attribute values cover every type', () => {
    expect(DynamoAttribute.number(3).rendered).toStrictEqual({ N: '3' });
    expect(DynamoAttribute.numberFromString(Intrinsic.format('{}', JsonPath.at('$.n'))).rendered).toStrictEqual({
      N: Intrinsic.format('{}', JsonPath.at('$.n')),
    });
    expect(DynamoAttribute.boolean(true).rendered).toStrictEqual({ BOOL: true });
    expect(DynamoAttribute.null().rendered).toStrictEqual({ NULL: true });
    expect(DynamoAttribute.list([DynamoAttribute.string('a')]).rendered).toStrictEqual({ L: [{ S: 'a' }] });
    expect(DynamoAttribute.map({ a: DynamoAttribute.string('b') }).rendered).toStrictEqual({ M: { a: { S: 'b' } } });
    expect(() => DynamoAttribute.number(Number.NaN)).toThrow(/not a finite number/);
  });
});

describe('Lambda', () => {
  test('invoke passes the whole input by default and retries the transient Lambda errors', () => {
    const fn = { functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f' };
    const task = Lambda.invoke('LambdaInvoke', { function: fn, outputPath: '$.Payload' });
    expect(render(task)).toStrictEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: fn.functionArn, 'Payload.$': '$' },
      OutputPath: '$.Payload',
      Retry: [
        {
          ErrorEquals: [
            'Lambda.ClientExecutionTimeoutException',
            'Lambda.ServiceException',
            'Lambda.AWSLambdaException',
            'Lambda.SdkClientException',
            'Lambda.TooManyRequestsException',
          ],
          IntervalSeconds: 2,
          MaxAttempts: 6,
          BackoffRate: 2,
          JitterStrategy: 'FULL',
        },
      ],
      End: true,
    });
  });
});

describe('SNS', () => {
  test('publish renders topic, message and subject', () => {
    const topic = { topicArn: 'arn:aws:sns:us-east-1:123456789012:t' };
    const task = Sns.publish('Notify', { topic, message: { order: JsonPath.at('$.order') }, subject: 'Order placed' });
    expect(render(task)).toMatchObject({
      Resource: 'arn:aws:states:::sns:publish',
      Parameters: { TopicArn: topic.topicArn, Message: { 'order.$': '$.order' }, Subject: 'Order placed' },
    });
    expect(() => Sns.publish('N', { topic, message: 'x', subject: 's'.repeat(101) })).toThrow(/101 characters; the limit is 100/);
  });
});
