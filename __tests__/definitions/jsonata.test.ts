import {
  Chain,
  Choice,
  Condition,
  DynamoAttribute,
  DynamoDB,
  DynamoPutItem,
  Fail,
  jsonata,
  JsonataFunctions,
  JsonPath,
  Lambda,
  MapState,
  Parallel,
  Pass,
  StateMachineDefinition,
  states,
  Succeed,
  Task,
  Variable,
  Wait,
  WaitTime,
  type IChainable,
  type QueryLanguage,
} from '../../definitions';
import { validateAsl } from '../../definitions/validate';
import { runExecution } from '../../local/engine';

/** GIVEN/WHEN: renders a graph (null: a state machine that names no language) through the state machine (the one public renderer), checks it as AWS would, and returns it. */
function render(startWith: IChainable, queryLanguage: QueryLanguage | null = 'JSONata') {
  const definition = new StateMachineDefinition({ name: 'test', region: 'us-east-1', startWith, timeoutSeconds: 60, queryLanguage: queryLanguage ?? undefined });
  expect(validateAsl(definition.asl)).toStrictEqual([]);
  return definition;
}

const table = { tableName: 'Orders', tableArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/Orders' };
const lambda = (name: string, props: Partial<ConstructorParameters<typeof Task>[1]> = {}) =>
  new Task(name, { resource: 'arn:aws:states:::lambda:invoke', policyStatements: [], ...props });

describe('JSONata states', () => {
  test('Task: Arguments, Output and Assign; a Catch with Output and Assign from $states.errorOutput', () => {
    const failed = new Fail('Failed', { error: jsonata('$error.Error'), cause: 'the call failed' });
    const call = lambda('Call', {
      parameters: { FunctionName: 'f', Payload: { id: states.input.at('id') } },
      output: states.result.at('Payload'),
      assign: { status: states.result.at('StatusCode') },
    }).addCatch(failed, { output: states.errorOutput, assign: { error: states.errorOutput } });
    const asl = render(Chain.start(call).next(new Succeed('Done'))).asl;
    expect(asl).toStrictEqual({
      QueryLanguage: 'JSONata',
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { FunctionName: 'f', Payload: { id: '{% $states.input.id %}' } },
          Output: '{% $states.result.Payload %}',
          Assign: { status: '{% $states.result.StatusCode %}' },
          Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput %}', Assign: { error: '{% $states.errorOutput %}' }, Next: 'Failed' }],
          Next: 'Done',
        },
        Done: { Type: 'Succeed' },
        Failed: { Type: 'Fail', Error: '{% $error.Error %}', Cause: 'the call failed' },
      },
      TimeoutSeconds: 60,
    });
  });

  test('Pass: Output and Assign', () => {
    const pass = new Pass('Shape', { output: { total: jsonata('$sum($states.input.lines.price)') }, assign: { count: jsonata('$count($states.input.lines)') } });
    expect(render(pass).asl.States).toStrictEqual({
      Shape: { Type: 'Pass', Output: { total: '{% $sum($states.input.lines.price) %}' }, Assign: { count: '{% $count($states.input.lines) %}' }, End: true },
    });
  });

  test('Choice: Condition rules with their own Assign and Output; and an Assign of the Choice itself', () => {
    const big = new Succeed('Big');
    const small = new Succeed('Small');
    const choice = new Choice('Size', { assign: { size: 'small' } })
      .when(Condition.jsonata(jsonata('$states.input.total > 100')), big, { assign: { size: 'big' }, output: { total: states.input.at('total') } })
      .when(Condition.and(Condition.jsonata(jsonata('$states.input.total > 0')), Condition.not(Condition.jsonata(jsonata('$states.input.free')))), small)
      .otherwise(small);
    expect(render(choice).asl.States.Size).toStrictEqual({
      Type: 'Choice',
      Assign: { size: 'small' },
      Choices: [
        { Condition: '{% $states.input.total > 100 %}', Output: { total: '{% $states.input.total %}' }, Assign: { size: 'big' }, Next: 'Big' },
        { Condition: '{% ($states.input.total > 0) and ($not($states.input.free)) %}', Next: 'Small' },
      ],
      Default: 'Small',
    });
  });

  test('Wait: Seconds and Timestamp from expressions, with Output', () => {
    const wait = new Wait('Pause', { time: WaitTime.secondsExpression(jsonata('$states.input.delay')), output: { waited: true } });
    const until = new Wait('Until', { time: WaitTime.timestampExpression(jsonata('$states.input.at')) });
    expect(render(Chain.start(wait).next(until)).asl.States).toStrictEqual({
      Pause: { Type: 'Wait', Output: { waited: true }, Seconds: '{% $states.input.delay %}', Next: 'Until' },
      Until: { Type: 'Wait', Timestamp: '{% $states.input.at %}', End: true },
    });
  });

  test('Map: Items, ItemSelector from the context object, Output of $states.result, Assign', () => {
    const map = new MapState('Each', {
      items: states.input.at('orders'),
      itemSelector: { order: jsonata('$states.context.Map.Item.Value'), index: jsonata('$states.context.Map.Item.Index') },
      maxConcurrency: 2,
      output: jsonata('$count($states.result)'),
      assign: { processed: jsonata('$states.result') },
    }).itemProcessor(new Pass('Work'));
    expect(render(map).asl.States.Each).toStrictEqual({
      Type: 'Map',
      Items: '{% $states.input.orders %}',
      ItemSelector: { order: '{% $states.context.Map.Item.Value %}', index: '{% $states.context.Map.Item.Index %}' },
      ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Work', States: { Work: { Type: 'Pass', End: true } } },
      MaxConcurrency: 2,
      Output: '{% $count($states.result) %}',
      Assign: { processed: '{% $states.result %}' },
      End: true,
    });
  });

  test('Map: Items as a literal JSON array', () => {
    const map = new MapState('Each', { items: [1, 2, 3] }).itemProcessor(new Pass('Work'));
    expect(render(map).asl.States.Each).toStrictEqual({
      Type: 'Map',
      Items: [1, 2, 3],
      ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Work', States: { Work: { Type: 'Pass', End: true } } },
      End: true,
    });
  });

  test('Parallel: Arguments to every branch, Output of the branch results', () => {
    const parallel = new Parallel('Both', { parameters: { id: states.input.at('id') }, output: jsonata('$merge($states.result)') })
      .branch(new Pass('A', { output: { a: states.input.at('id') } }))
      .branch(new Pass('B', { output: { b: true } }));
    expect(render(parallel).asl.States.Both).toStrictEqual({
      Type: 'Parallel',
      Branches: [
        { StartAt: 'A', States: { A: { Type: 'Pass', Output: { a: '{% $states.input.id %}' }, End: true } } },
        { StartAt: 'B', States: { B: { Type: 'Pass', Output: { b: true }, End: true } } },
      ],
      Arguments: { id: '{% $states.input.id %}' },
      Output: '{% $merge($states.result) %}',
      End: true,
    });
  });

  test('Succeed and Fail: Output, and Error/Cause from expressions', () => {
    const choice = new Choice('Check')
      .when(Condition.jsonata(jsonata('$states.input.ok')), new Succeed('Ok', { output: { id: states.input.at('id') } }))
      .otherwise(new Fail('No', { error: 'Rejected', cause: jsonata("'order ' & $states.input.id & ' was rejected'") }));
    expect(render(choice).asl.States).toStrictEqual({
      Check: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.ok %}', Next: 'Ok' }], Default: 'No' },
      Ok: { Type: 'Succeed', Output: { id: '{% $states.input.id %}' } },
      No: { Type: 'Fail', Error: 'Rejected', Cause: "{% 'order ' & $states.input.id & ' was rejected' %}" },
    });
  });

  test("Step Functions' JSONata functions replace the intrinsics: $partition, $range, $hash, $uuid, $parse, $string", () => {
    const pass = new Pass('Fns', {
      output: {
        batches: JsonataFunctions.partition(states.input.at('items'), 2),
        range: JsonataFunctions.range(1, 10, 3),
        digest: JsonataFunctions.hash(states.input.at('id'), 'SHA-256'),
        id: JsonataFunctions.uuid(),
        parsed: JsonataFunctions.parse(states.input.at('json')),
        text: JsonataFunctions.string(states.input.at('n')),
      },
    });
    expect(render(pass).asl.States.Fns).toStrictEqual({
      Type: 'Pass',
      Output: {
        batches: '{% $partition($states.input.items, 2) %}',
        range: '{% $range(1, 10, 3) %}',
        digest: '{% $hash($states.input.id, "SHA-256") %}',
        id: '{% $uuid() %}',
        parsed: '{% $parse($states.input.json) %}',
        text: '{% $string($states.input.n) %}',
      },
      End: true,
    });
  });

  test('a JSONata state in a JSONPath state machine names its QueryLanguage; its neighbours stay JSONPath', () => {
    const start = new Pass('Old', { parameters: { id: JsonPath.stringAt('$.id') } });
    const next = new Pass('New', { queryLanguage: 'JSONata', output: { id: states.input.at('id') } });
    const asl = render(Chain.start(start).next(next), null).asl;
    expect(asl).toStrictEqual({
      StartAt: 'Old',
      States: {
        Old: { Type: 'Pass', Parameters: { 'id.$': '$.id' }, Next: 'New' },
        New: { Type: 'Pass', QueryLanguage: 'JSONata', Output: { id: '{% $states.input.id %}' }, End: true },
      },
      TimeoutSeconds: 60,
    });
  });

  test('the JSONata rendering runs on the engine: Output, Assign and a Choice Condition', async () => {
    const start = new Pass('Start', { assign: { limit: 100 } });
    const choice = new Choice('Size')
      .when(Condition.jsonata(jsonata('$states.input.total > $limit')), new Succeed('Big', { output: { size: 'big', total: states.input.at('total') } }))
      .otherwise(new Succeed('Small', { output: { size: 'small', limit: Variable.ref('limit') } }));
    const asl = render(Chain.start(start).next(choice)).asl;
    expect((await runExecution(asl, { input: { total: 150 } })).output).toStrictEqual({ size: 'big', total: 150 });
    expect((await runExecution(asl, { input: { total: 50 } })).output).toStrictEqual({ size: 'small', limit: 100 });
  });
});

describe('one options interface, two renderings: DynamoDB PutItem', () => {
  const props = (id: DynamoAttribute, at: DynamoAttribute) => ({ table, item: { id, at }, conditionExpression: 'attribute_not_exists(id)' });

  test('jsonPath(): Parameters with .$ keys and States.Format for the number', () => {
    const put = DynamoPutItem.jsonPath('Put', props(DynamoAttribute.string(JsonPath.stringAt('$.id')), DynamoAttribute.number(JsonPath.numberAt('$.at'))));
    const definition = render(put, null);
    expect(definition.asl.States.Put).toStrictEqual({
      Type: 'Task',
      QueryLanguage: 'JSONPath',
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Parameters: { Item: { id: { 'S.$': '$.id' }, at: { 'N.$': "States.Format('{}', $.at)" } }, TableName: 'Orders', ConditionExpression: 'attribute_not_exists(id)' },
      Retry: [expect.objectContaining({ ErrorEquals: expect.arrayContaining(['DynamoDB.ThrottlingException']) })],
      End: true,
    });
    expect(definition.policyStatements).toStrictEqual([{ actions: ['dynamodb:PutItem'], resources: [table.tableArn] }]);
  });

  test('jsonata(): Arguments with {% %} values and $string for the number; the same IAM', () => {
    const put = DynamoPutItem.jsonata('Put', props(DynamoAttribute.string(states.input.at('id')), DynamoAttribute.number(states.input.at('at'))));
    const definition = render(put, null);
    expect(definition.asl.States.Put).toStrictEqual({
      Type: 'Task',
      QueryLanguage: 'JSONata',
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Arguments: { Item: { id: { S: '{% $states.input.id %}' }, at: { N: '{% $string($states.input.at) %}' } }, TableName: 'Orders', ConditionExpression: 'attribute_not_exists(id)' },
      Retry: [expect.objectContaining({ ErrorEquals: expect.arrayContaining(['DynamoDB.ThrottlingException']) })],
      End: true,
    });
    expect(definition.policyStatements).toStrictEqual([{ actions: ['dynamodb:PutItem'], resources: [table.tableArn] }]);
  });

  test('DynamoDB.putItem takes the state machine language when the state names none', () => {
    const put = DynamoDB.putItem('Put', { table, item: { id: DynamoAttribute.string(states.input.at('id')) }, retryTransientErrors: false, output: { stored: true } });
    expect(render(put).asl.States.Put).toStrictEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Arguments: { Item: { id: { S: '{% $states.input.id %}' } }, TableName: 'Orders' },
      Output: { stored: true },
      End: true,
    });
  });
});

describe('Lambda invoke: the default Payload is the whole state input in either language', () => {
  const fn = { functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f' };

  test('JSONPath: Payload.$ is $', () => {
    const invoke = Lambda.invoke('Invoke', { function: fn, retryTransientErrors: false });
    expect(render(invoke, null).asl.States.Invoke).toStrictEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: fn.functionArn, 'Payload.$': '$' },
      End: true,
    });
  });

  test('JSONata: Payload is $states.input, and an Output picks the function answer', () => {
    const invoke = Lambda.invoke('Invoke', { function: fn, retryTransientErrors: false, output: states.result.at('Payload') });
    const definition = render(invoke);
    expect(definition.asl.States.Invoke).toStrictEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: fn.functionArn, Payload: '{% $states.input %}' },
      Output: '{% $states.result.Payload %}',
      End: true,
    });
    expect(definition.policyStatements).toStrictEqual([{ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn, `${fn.functionArn}:*`] }]);
  });
});
