import {
  Chain,
  Choice,
  Condition,
  jsonata,
  JsonPath,
  MapState,
  Parallel,
  Pass,
  S3,
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

describe('the same refusals inside a Map, a Parallel branch, a Choice rule and a catcher, naming the inner state', () => {
  const build = (startWith: IChainable, queryLanguage?: QueryLanguage) => () =>
    new StateMachineDefinition({ name: 'sm', region: 'us-east-1', startWith, timeoutSeconds: 60, queryLanguage });
  const inMap = (inner: IChainable) => new MapState('Each', { items: states.input.at('xs') }).itemProcessor(inner);
  const inBranch = (inner: IChainable) => new Parallel('Both').branch(new Pass('Left')).branch(inner);

  test('a JSONata syntax error in a Map item processor, a Parallel branch, a Choice Condition and a Catch Output', () => {
    expect(build(inMap(new Pass('Shape', { output: jsonata('$states.input.(') })), 'JSONata')).toThrow(/^State 'Shape' Output: The JSONata expression '\$states\.input\.\(' does not parse/);
    expect(build(inBranch(new Pass('Right', { output: { n: jsonata('1 +') } })), 'JSONata')).toThrow(/^State 'Right' Output\.n: The JSONata expression '1 \+' does not parse/);
    expect(build(new Choice('Pick').when(Condition.jsonata(jsonata('$states.input.n >')), new Succeed('S')), 'JSONata')).toThrow(/^Choice 'Pick' rule #1 Condition: The JSONata expression '\$states\.input\.n >' does not parse/);
    expect(build(lambda('Call').addCatch(new Succeed('S'), { output: jsonata('$states.errorOutput.') }), 'JSONata')).toThrow(
      /^State 'Call' Catch #1 Output: The JSONata expression '\$states\.errorOutput\.' does not parse/,
    );
  });

  test('a variable used before assignment inside a Map iteration, a Parallel branch, and in a Catch Output', () => {
    const early = new Pass('Early', { output: Variable.ref('later') });
    expect(build(inMap(Chain.start(early).next(new Pass('Late', { assign: { later: 1 } }))), 'JSONata')).toThrow(
      /State 'Early' in the item processor of Map 'Each' reads \$later before it is assigned on every path to 'Early'/,
    );
    expect(build(inBranch(new Pass('Right', { output: Variable.ref('missing') })), 'JSONata')).toThrow(/State 'Right' in branch 2 of Parallel 'Both' reads \$missing before it is assigned/);
    const handler = new Pass('Handle', { output: Variable.ref('status') });
    expect(build(Chain.start(lambda('Call', { assign: { status: states.result.at('StatusCode') } }).addCatch(handler, { output: states.errorOutput })).next(new Pass('After', { output: Variable.ref('status') })), 'JSONata')).toThrow(
      /State 'Handle' in the top level reads \$status before it is assigned on every path to 'Handle': .*a catcher applies only its own Assign/,
    );
  });

  test('a JSONPath-only field in a JSONata state inside a Map or a Parallel branch (the machine language reaches nested states)', () => {
    expect(build(inMap(lambda('Inner', { outputPath: '$.Payload' })), 'JSONata')).toThrow(/^State 'Inner' is evaluated as JSONata but sets outputPath \(OutputPath\), a JSONPath-only field/);
    expect(build(inBranch(lambda('Right', { inputPath: '$.x' })), 'JSONata')).toThrow(/^State 'Right' is evaluated as JSONata but sets inputPath \(InputPath\), a JSONPath-only field/);
    expect(build(inBranch(new Wait('Pause', { time: WaitTime.secondsPath('$.delay') })), 'JSONata')).toThrow(/^State 'Pause' waits with SecondsPath, a JSONPath-only field/);
  });

  test("a JSONata Map in a JSONPath machine: its item processor's states take the machine's language, not the Map's", () => {
    // An item processor is not a state and names no language (definitions/validation/query-language-rules.ts).
    const map = new MapState('Each', { items: states.input.at('xs'), queryLanguage: 'JSONata' }).itemProcessor(lambda('Inner', { resultPath: '$.r' }));
    const each = build(map)().asl.States.Each as { ItemProcessor: { States: Record<string, unknown> } };
    expect(each.ItemProcessor.States.Inner).toStrictEqual({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: '$.r', End: true });
    expect(build(new MapState('Each', { items: states.input.at('xs'), queryLanguage: 'JSONata' }).itemProcessor(new Pass('Inner', { output: 1 })))).toThrow(
      /^State 'Inner' is evaluated as JSONPath but sets output, a JSONata field/,
    );
  });
});
