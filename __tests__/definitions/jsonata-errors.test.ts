import { Choice, Condition, jsonata, JsonPath, MapState, Pass, S3, StateMachineDefinition, states, Succeed, Task, type IChainable, type QueryLanguage } from '../../definitions';
import { validateAsl } from '../../definitions/validate';

// The builder's refusals of JSONata misuse: each stops synth with a sentence naming the state. And a Distributed
// Map's reader and writer, whose request field follows the Map's language.

const lambda = (name: string, props: Partial<ConstructorParameters<typeof Task>[1]> = {}) =>
  new Task(name, { resource: 'arn:aws:states:::lambda:invoke', policyStatements: [], ...props });
const bucket = { bucketName: 'items', bucketArn: 'arn:aws:s3:::items' };

describe('what stops synth, naming the state', () => {
  const build = (startWith: IChainable, queryLanguage?: QueryLanguage) => () =>
    new StateMachineDefinition({ name: 'sm', region: 'us-east-1', startWith, timeoutSeconds: 60, queryLanguage });

  test('a JSONata syntax error names the state, the field and the expression', () => {
    expect(build(new Pass('Shape', { output: { total: jsonata('$sum($states.input.lines.price') } }), 'JSONata')).toThrow(
      /^State 'Shape' Output\.total: The JSONata expression '\$sum\(\$states\.input\.lines\.price' does not parse: .*Fix the expression/,
    );
  });

  test('a JSONPath-only field in a JSONata state', () => {
    expect(build(lambda('Call', { resultPath: '$.out' }), 'JSONata')).toThrow(
      /^State 'Call' is evaluated as JSONata but sets resultPath \(ResultPath\), a JSONPath-only field\. .*use arguments, output and assign/,
    );
  });

  test('a JSONPath value in a JSONata state', () => {
    expect(build(lambda('Call', { parameters: { id: JsonPath.stringAt('$.id') } }), 'JSONata')).toThrow(
      /^State 'Call' Arguments\.id holds the JSONPath value '\$\.id', but the state is evaluated as JSONata/,
    );
  });

  test('a JSONPath state in a JSONata state machine', () => {
    expect(build(new Pass('Old', { queryLanguage: 'JSONPath' }), 'JSONata')).toThrow(
      /^State 'Old' sets queryLanguage 'JSONPath', but the state machine is JSONata, and a JSONata state machine cannot hold JSONPath states/,
    );
  });

  test('$states.result outside the Output and Assign of a Task, Map or Parallel', () => {
    expect(build(new Pass('P', { output: states.result }), 'JSONata')).toThrow(/^State 'P' Output: Field '\$states\.result' does not exist here/);
  });

  test('$states.errorOutput outside a Catch', () => {
    expect(build(lambda('Call', { output: states.errorOutput }), 'JSONata')).toThrow(/^State 'Call' Output: Field '\$states\.errorOutput' does not exist here/);
  });

  test('a JSONPath condition in a JSONata Choice', () => {
    expect(build(new Choice('C').when(Condition.isPresent('$.x'), new Succeed('S')), 'JSONata')).toThrow(
      /^Choice 'C' rule #1 is a JSONPath condition \(Variable, IsPresent\), but the Choice is evaluated as JSONata/,
    );
  });

  test('a JSONata expression in a JSONPath state', () => {
    expect(build(new Pass('P', { parameters: { id: states.input.at('id') } }))).toThrow(
      /^State 'P' Parameters\.id holds the JSONata expression '\$states\.input\.id', but the state is evaluated as JSONPath/,
    );
  });

  test('a JSONPath-only field of a Map (itemsPath) in a JSONata Map, and items in a JSONPath one', () => {
    expect(build(new MapState('Each', { itemsPath: '$.xs' }).itemProcessor(new Pass('W')), 'JSONata')).toThrow(
      /^State 'Each' is evaluated as JSONata but sets itemsPath \(ItemsPath\), a JSONPath-only field\..*use items, itemSelector, output and assign/,
    );
    expect(build(new MapState('Each', { items: [1] }).itemProcessor(new Pass('W')))).toThrow(/^Map 'Each' sets items, a JSONata field, but the state is evaluated as JSONPath/);
  });

  test("a catcher's resultPath in a JSONata state, and a Pass result", () => {
    expect(build(lambda('Call').addCatch(new Succeed('S'), { resultPath: '$.error' }), 'JSONata')).toThrow(
      /^State 'Call' Catch #1 sets resultPath, a JSONPath-only field, but the state is evaluated as JSONata: give output/,
    );
    expect(build(new Pass('P', { result: { a: 1 } }), 'JSONata')).toThrow(/^State 'P' is evaluated as JSONata but sets result \(Result\), a JSONPath-only field/);
  });
});

describe('a Distributed Map reads and writes with Arguments in JSONata, Parameters in JSONPath', () => {
  const map = (queryLanguage?: QueryLanguage) =>
    new MapState('Each', { mode: 'DISTRIBUTED', itemReader: S3.jsonItems({ bucket, key: 'in.json' }), resultWriter: S3.resultWriter({ bucket, prefix: 'out' }), queryLanguage }).itemProcessor(
      new Pass('Work'),
    );
  const render = (startWith: IChainable) => {
    const definition = new StateMachineDefinition({ name: 'sm', region: 'us-east-1', startWith, timeoutSeconds: 60 });
    expect(validateAsl(definition.asl)).toStrictEqual([]);
    return definition.asl.States.Each as Record<string, unknown>;
  };

  test('JSONata', () => {
    const each = render(map('JSONata'));
    expect([each.ItemReader, each.ResultWriter]).toStrictEqual([
      { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Arguments: { Bucket: 'items', Key: 'in.json' } },
      { Resource: 'arn:aws:states:::s3:putObject', Arguments: { Bucket: 'items', Prefix: 'out' } },
    ]);
  });

  test('JSONPath', () => {
    const each = render(map());
    expect([each.ItemReader, each.ResultWriter]).toStrictEqual([
      { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'items', Key: 'in.json' } },
      { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'items', Prefix: 'out' } },
    ]);
  });
});
