import {
  Chain,
  DynamoAttribute,
  DynamoDB,
  integrationResource,
  Intrinsic,
  JsonPath,
  Lambda,
  MapState,
  partitionOf,
  S3,
  Sns,
  StateMachineDefinition,
  stringAttributeAt,
  Task,
} from '../../definitions';

const table = { tableName: 'Tasks', tableArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/Tasks' };
const render = (task: Task) => new StateMachineDefinition({ name: 't', region: 'us-east-1', startWith: task, timeoutSeconds: 60 }).asl.States[task.name];

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

describe('Resource ARNs follow the partition of the Region the definition is built for', () => {
  const fn = { functionArn: 'arn:aws-cn:lambda:cn-north-1:123456789012:function:f' };
  const topic = { topicArn: 'arn:aws-cn:sns:cn-north-1:123456789012:t' };
  const bucket = { bucketName: 'b', bucketArn: 'arn:aws-cn:s3:::b' };
  const resources = (region: string) => {
    const map = new MapState('Big', {
      mode: 'DISTRIBUTED',
      itemReader: S3.jsonItems({ bucket, key: 'list.json' }),
      resultWriter: S3.resultWriter({ bucket, prefix: 'results' }),
    }).itemProcessor(Lambda.invoke('Invoke', { function: fn }));
    const startWith = Chain.start(DynamoDB.getItem('Get', { table, key: { id: stringAttributeAt('$.id') } }))
      .next(Sns.publish('Publish', { topic, message: 'hi', resultPath: null }))
      .next(map);
    const { States } = new StateMachineDefinition({ name: 'p', region, startWith, timeoutSeconds: 60 }).asl;
    const big = States.Big as { ItemReader: { Resource: string }; ResultWriter: { Resource: string }; ItemProcessor: { States: Record<string, { Resource: string }> } };
    return [States.Get.Resource, States.Publish.Resource, big.ItemReader.Resource, big.ResultWriter.Resource, big.ItemProcessor.States.Invoke.Resource];
  };

  test.each([
    ['us-east-1', 'aws'],
    ['eu-west-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
  ])('%s: every Task, ItemReader and ResultWriter names arn:%s:states:::…', (region, partition) => {
    expect(resources(region)).toStrictEqual([
      `arn:${partition}:states:::dynamodb:getItem`,
      `arn:${partition}:states:::sns:publish`,
      `arn:${partition}:states:::s3:getObject`,
      `arn:${partition}:states:::s3:putObject`,
      `arn:${partition}:states:::lambda:invoke`,
    ]);
  });

  test.each([
    ['us-east-1', 'aws'],
    ['ap-southeast-7', 'aws'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-east-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
    ['us-isof-south-1', 'aws-iso-f'],
    ['eu-isoe-west-1', 'aws-iso-e'],
    ['eusc-de-east-1', 'aws-eusc'],
  ])('partitionOf(%s) is %s', (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });

  test('the one helper adds the suffix of each integration pattern', () => {
    expect(integrationResource('dynamodb', 'putItem').arnIn('aws')).toBe('arn:aws:states:::dynamodb:putItem');
    expect(integrationResource('states', 'startExecution', 'RUN_JOB').arnIn('aws-us-gov')).toBe('arn:aws-us-gov:states:::states:startExecution.sync');
    expect(integrationResource('sqs', 'sendMessage', 'WAIT_FOR_TASK_TOKEN').arnIn('aws-cn')).toBe('arn:aws-cn:states:::sqs:sendMessage.waitForTaskToken');
    expect(integrationResource('aws-sdk', 's3:listBuckets').arnIn('aws')).toBe('arn:aws:states:::aws-sdk:s3:listBuckets');
  });

  test('a service or action that cannot be part of the ARN is refused, saying what to give', () => {
    expect(() => integrationResource('DynamoDB', 'putItem')).toThrow(/Integration resource 'DynamoDB:putItem' is invalid: give the service as Step Functions names it/);
    expect(() => integrationResource('dynamodb', 'put item')).toThrow(/'dynamodb:put item' is invalid/);
  });

  test('an activity ARN given as text is rendered as it is', () => {
    const activity = 'arn:aws:states:us-east-1:123456789012:activity:review';
    const task = new Task('Review', { resource: activity, policyStatements: [] });
    expect(new StateMachineDefinition({ name: 'a', region: 'cn-north-1', startWith: task, timeoutSeconds: 60 }).asl.States.Review.Resource).toBe(activity);
  });
});
