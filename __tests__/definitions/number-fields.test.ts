import {
  Chain,
  Intrinsic,
  jsonata,
  JsonPath,
  MapState,
  Pass,
  S3,
  StateMachineDefinition,
  states,
  Task,
  Wait,
  WaitTime,
  type IChainable,
  type QueryLanguage,
} from '../../definitions';
import { validateAsl } from '../../definitions/validate';
import { runExecution } from '../../local/engine';

// The number fields of Task, Wait and Map, and the ItemBatcher, ItemReader and ResultWriter objects, in each
// language as AWS's ASL schema types them ("integer or JSONata expression"; JSONPath reads the input through the
// field's `…Path` twin). Each case: render through the state machine, check as AWS would, one toStrictEqual.

/** GIVEN/WHEN: renders `startWith` as a machine of `language`, checks it with validate.ts, returns the first state. */
function render(startWith: IChainable, language: QueryLanguage) {
  const definition = new StateMachineDefinition({ name: 'test', region: 'us-east-1', startWith, timeoutSeconds: 600, queryLanguage: language });
  expect(validateAsl(definition.asl)).toStrictEqual([]);
  return definition;
}
const first = (startWith: IChainable, language: QueryLanguage) => render(startWith, language).asl.States[startWith.startState.name];

const lambda = (props: Partial<ConstructorParameters<typeof Task>[1]> = {}) =>
  new Task('Call', { resource: 'arn:aws:states:::lambda:invoke', parameters: { FunctionName: 'f' }, policyStatements: [], ...props });
const bucket = { bucketName: 'items', bucketArn: 'arn:aws:s3:::items' };
const distributed = (props: ConstructorParameters<typeof MapState>[1]) => new MapState('Each', { mode: 'DISTRIBUTED', ...props }).itemProcessor(new Pass('Work'));
const processor = { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Work', States: { Work: { Type: 'Pass', End: true } } };

describe('Task TimeoutSeconds and HeartbeatSeconds', () => {
  test('JSONata: expressions in the fields themselves', () => {
    const call = lambda({ timeoutSeconds: jsonata('$states.input.timeout'), heartbeatSeconds: jsonata('$heartbeat') });
    const start = new Pass('Start', { assign: { heartbeat: 5 } });
    expect(render(Chain.start(start).next(call), 'JSONata').asl.States.Call).toStrictEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: 'f' },
      TimeoutSeconds: '{% $states.input.timeout %}',
      HeartbeatSeconds: '{% $heartbeat %}',
      End: true,
    });
  });

  test('JSONPath: paths render as TimeoutSecondsPath and HeartbeatSecondsPath', () => {
    expect(first(lambda({ timeoutSeconds: JsonPath.numberAt('$.timeout'), heartbeatSeconds: JsonPath.numberAt('$.heartbeat') }), 'JSONPath')).toStrictEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'f' },
      TimeoutSecondsPath: '$.timeout',
      HeartbeatSecondsPath: '$.heartbeat',
      End: true,
    });
  });

  test('a fixed number renders the same in both languages', () => {
    const rendered = (language: QueryLanguage) => {
      const state = first(lambda({ timeoutSeconds: 30, heartbeatSeconds: 10 }), language);
      return [state.TimeoutSeconds, state.HeartbeatSeconds];
    };
    expect([rendered('JSONPath'), rendered('JSONata')]).toStrictEqual([
      [30, 10],
      [30, 10],
    ]);
  });

  test('a value of the other language, or a path that is an intrinsic, is refused naming the state', () => {
    expect(() => render(lambda({ timeoutSeconds: JsonPath.numberAt('$.t') }), 'JSONata')).toThrow(
      /^State 'Call' TimeoutSeconds reads the JSONPath '\$\.t' \(TimeoutSecondsPath\), a JSONPath-only field, but the state is evaluated as JSONata/,
    );
    expect(() => render(lambda({ heartbeatSeconds: jsonata('$states.input.h') }), 'JSONPath')).toThrow(
      /^State 'Call' HeartbeatSeconds holds the JSONata expression '\$states\.input\.h', but the state is evaluated as JSONPath/,
    );
    expect(() => render(lambda({ timeoutSeconds: jsonata('$states.input.t +') }), 'JSONata')).toThrow(/^State 'Call' TimeoutSeconds: The JSONata expression .* does not parse/);
    expect(() => render(lambda({ timeoutSeconds: Intrinsic.arrayLength(JsonPath.at('$.xs')) }), 'JSONPath')).toThrow(
      /^State 'Call' TimeoutSecondsPath: 'States\.ArrayLength\(\$\.xs\)' is not a reference path/,
    );
    expect(() => lambda({ timeoutSeconds: 0 })).toThrow(/^State 'Call' timeoutSeconds: 0 must be a whole number from 1 to 99999999\.$/);
  });

  test('on the engine: a TimeoutSeconds expression times the Task out', async () => {
    const asl = render(lambda({ timeoutSeconds: jsonata('$states.input.timeout') }), 'JSONata').asl;
    // The handler answers only when the engine gives up on it (its signal aborts at the timeout).
    const hang = (request: { signal: AbortSignal }) => new Promise((resolve) => request.signal.addEventListener('abort', () => resolve('late')));
    const outcome = await runExecution(asl, { input: { timeout: 1 }, taskHandlers: { Call: hang } });
    expect([outcome.status, outcome.error]).toStrictEqual(['FAILED', 'States.Timeout']);
  });
});

describe('Wait Seconds and Timestamp', () => {
  test('JSONata: expressions in Seconds and Timestamp', () => {
    const pause = new Wait('Pause', { time: WaitTime.secondsExpression(jsonata('$states.input.delay * 2')) });
    const until = new Wait('Until', { time: WaitTime.timestampExpression(jsonata('$states.input.until')) });
    expect(render(Chain.start(pause).next(until), 'JSONata').asl.States).toStrictEqual({
      Pause: { Type: 'Wait', Seconds: '{% $states.input.delay * 2 %}', Next: 'Until' },
      Until: { Type: 'Wait', Timestamp: '{% $states.input.until %}', End: true },
    });
  });

  test('JSONPath: SecondsPath and TimestampPath', () => {
    const pause = new Wait('Pause', { time: WaitTime.secondsPath('$.delay') });
    const until = new Wait('Until', { time: WaitTime.timestampPath('$.until') });
    expect(render(Chain.start(pause).next(until), 'JSONPath').asl.States).toStrictEqual({
      Pause: { Type: 'Wait', SecondsPath: '$.delay', Next: 'Until' },
      Until: { Type: 'Wait', TimestampPath: '$.until', End: true },
    });
  });

  test('on the engine: the Seconds expression sets how long the Wait waits', async () => {
    const asl = render(Chain.start(new Wait('Pause', { time: WaitTime.secondsExpression(jsonata('$states.input.delay * 2')) })).next(new Pass('After')), 'JSONata').asl;
    const outcome = await runExecution(asl, { input: { delay: 45 } });
    const at = (type: string) => outcome.history.find((e) => e.type === type)?.timestamp.getTime() ?? NaN;
    expect([outcome.status, Math.round((at('WaitStateExited') - at('WaitStateEntered')) / 1000)]).toStrictEqual(['SUCCEEDED', 90]);
  });
});

describe('Map MaxConcurrency, ToleratedFailureCount and ToleratedFailurePercentage', () => {
  test('JSONata: expressions in the fields', () => {
    const map = distributed({
      items: states.input.at('items'),
      maxConcurrency: jsonata('$states.input.limit'),
      toleratedFailureCount: jsonata('$count($states.input.items) - 1'),
      toleratedFailurePercentage: jsonata('$states.input.percent'),
    });
    expect(first(map, 'JSONata')).toStrictEqual({
      Type: 'Map',
      Items: '{% $states.input.items %}',
      ItemProcessor: processor,
      MaxConcurrency: '{% $states.input.limit %}',
      ToleratedFailurePercentage: '{% $states.input.percent %}',
      ToleratedFailureCount: '{% $count($states.input.items) - 1 %}',
      End: true,
    });
  });

  test('JSONPath: the …Path twins', () => {
    const map = distributed({
      itemsPath: '$.items',
      maxConcurrency: JsonPath.numberAt('$.limit'),
      toleratedFailureCount: JsonPath.numberAt('$.count'),
      toleratedFailurePercentage: JsonPath.numberAt('$.percent'),
    });
    expect(first(map, 'JSONPath')).toStrictEqual({
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: processor,
      MaxConcurrencyPath: '$.limit',
      ToleratedFailurePercentagePath: '$.percent',
      ToleratedFailureCountPath: '$.count',
      End: true,
    });
  });

  test('fixed numbers are checked at synth; tolerance is for a Distributed Map only', () => {
    expect(() => distributed({ toleratedFailureCount: -1 })).toThrow(/^Map 'Each' toleratedFailureCount: -1 must be a whole number of at least 0\.$/);
    expect(() => distributed({ toleratedFailurePercentage: 100.5 })).toThrow(/^Map 'Each' toleratedFailurePercentage: 100\.5 must be a number from 0 to 100\.$/);
    expect(() => new MapState('Inline', { toleratedFailureCount: 1 })).toThrow(/^Map 'Inline': toleratedFailureCount only apply in mode 'DISTRIBUTED'/);
  });

  test('on the engine: a MaxConcurrency expression bounds the iterations running at once', async () => {
    const work = new Task('Work', { resource: 'arn:aws:states:::lambda:invoke', policyStatements: [] });
    const map = new MapState('Each', { items: states.input.at('items'), maxConcurrency: jsonata('$states.input.limit') }).itemProcessor(work);
    const asl = render(map, 'JSONata').asl;
    let running = 0;
    let most = 0;
    const slow = async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running -= 1;
      return 'done';
    };
    const outcome = await runExecution(asl, { input: { items: [1, 2, 3, 4, 5, 6], limit: 2 }, taskHandlers: { Work: slow } });
    expect([outcome.status, most]).toStrictEqual(['SUCCEEDED', 2]);
  });
});

describe('ItemBatcher', () => {
  test('JSONata: MaxItemsPerBatch and MaxInputBytesPerBatch expressions, BatchInput with expressions', () => {
    const map = distributed({
      items: states.input.at('items'),
      itemBatcher: { maxItemsPerBatch: jsonata('$states.input.size'), maxInputBytesPerBatch: 1024, batchInput: { run: states.input.at('run') } },
    });
    expect(first(map, 'JSONata')).toStrictEqual({
      Type: 'Map',
      Items: '{% $states.input.items %}',
      ItemBatcher: { MaxItemsPerBatch: '{% $states.input.size %}', MaxInputBytesPerBatch: 1024, BatchInput: { run: '{% $states.input.run %}' } },
      ItemProcessor: processor,
      End: true,
    });
  });

  test('JSONPath: MaxItemsPerBatchPath, MaxInputBytesPerBatchPath, BatchInput with .$ keys', () => {
    const map = distributed({
      itemBatcher: { maxItemsPerBatch: JsonPath.numberAt('$.size'), maxInputBytesPerBatch: JsonPath.numberAt('$.bytes'), batchInput: { run: JsonPath.stringAt('$.run') } },
    });
    expect(first(map, 'JSONPath')).toStrictEqual({
      Type: 'Map',
      ItemBatcher: { MaxItemsPerBatchPath: '$.size', MaxInputBytesPerBatchPath: '$.bytes', BatchInput: { 'run.$': '$.run' } },
      ItemProcessor: processor,
      End: true,
    });
  });

  test('a batcher without limits, a limit out of range, and a JSONPath value in a JSONata batch are refused', () => {
    expect(() => distributed({ itemBatcher: { batchInput: { a: 1 } } })).toThrow(/^Map 'Each' itemBatcher: give maxItemsPerBatch, maxInputBytesPerBatch or both/);
    expect(() => distributed({ itemBatcher: { maxInputBytesPerBatch: 262_145 } })).toThrow(/maxInputBytesPerBatch: 262145 must be a whole number from 1 to 262144\.$/);
    expect(() => render(distributed({ itemBatcher: { maxItemsPerBatch: JsonPath.numberAt('$.n') } }), 'JSONata')).toThrow(
      /^Map 'Each' ItemBatcher MaxItemsPerBatch reads the JSONPath '\$\.n' \(MaxItemsPerBatchPath\), a JSONPath-only field/,
    );
    expect(() => render(distributed({ itemBatcher: { maxItemsPerBatch: 2, batchInput: { run: JsonPath.stringAt('$.run') } } }), 'JSONata')).toThrow(
      /^Map 'Each' ItemBatcher\.BatchInput\.run holds the JSONPath value '\$\.run', but the state is evaluated as JSONata/,
    );
  });

  test('on the engine: each child gets a batch of the expression\'s size, with the BatchInput', async () => {
    const echo = new Pass('Work', { output: { n: jsonata('$count($states.input.Items)'), run: states.input.at('BatchInput.run') } });
    const map = new MapState('Each', {
      mode: 'DISTRIBUTED',
      items: states.input.at('items'),
      itemBatcher: { maxItemsPerBatch: jsonata('$states.input.size'), batchInput: { run: states.input.at('run') } },
    }).itemProcessor(echo);
    const outcome = await runExecution(render(map, 'JSONata').asl, { input: { items: [1, 2, 3, 4, 5], size: 2, run: 'r1' } });
    expect(outcome.output).toStrictEqual([
      { n: 2, run: 'r1' },
      { n: 2, run: 'r1' },
      { n: 1, run: 'r1' },
    ]);
  });
});

describe('ItemReader and ResultWriter', () => {
  test('JSONata: Arguments with an expression key, a ReaderConfig.MaxItems expression', () => {
    const map = distributed({
      itemReader: S3.jsonItems({ bucket, key: states.input.at('key'), maxItems: jsonata('$states.input.sample') }),
      resultWriter: S3.resultWriter({ bucket, prefix: 'out' }),
    });
    const state = first(map, 'JSONata');
    expect([state.ItemReader, state.ResultWriter]).toStrictEqual([
      { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON', MaxItems: '{% $states.input.sample %}' }, Arguments: { Bucket: 'items', Key: '{% $states.input.key %}' } },
      { Resource: 'arn:aws:states:::s3:putObject', Arguments: { Bucket: 'items', Prefix: 'out' } },
    ]);
  });

  test('JSONPath: Parameters with a .$ key, ReaderConfig.MaxItemsPath', () => {
    const map = distributed({ itemReader: S3.csvItems({ bucket, key: JsonPath.stringAt('$.key'), maxItems: JsonPath.numberAt('$.sample') }) });
    expect(first(map, 'JSONPath').ItemReader).toStrictEqual({
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItemsPath: '$.sample' },
      Parameters: { Bucket: 'items', 'Key.$': '$.key' },
    });
  });

  test('a key read at run time scopes s3:GetObject to the bucket, in either language', () => {
    const statements = (key: ReturnType<typeof JsonPath.stringAt> | ReturnType<typeof jsonata>, language: QueryLanguage) =>
      render(distributed({ itemReader: S3.jsonItems({ bucket, key }) }), language).policyStatements.filter((s) => s.actions.includes('s3:GetObject'));
    expect([statements(JsonPath.stringAt('$.key'), 'JSONPath'), statements(states.input.at('key'), 'JSONata')]).toStrictEqual([
      [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::items/*'] }],
      [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::items/*'] }],
    ]);
  });
});
