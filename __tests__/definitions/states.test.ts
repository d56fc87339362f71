import {
  Chain,
  Choice,
  Condition,
  Fail,
  integrationResource,
  JsonPath,
  MapState,
  Parallel,
  Pass,
  StateMachineDefinition,
  Succeed,
  Task,
  Wait,
  WaitTime,
} from '../../definitions';

/** Renders a graph through the state machine (the only public renderer) and returns its States. */
function statesOf(start: Chain | Task | Pass | Wait | Choice | MapState | Parallel) {
  return new StateMachineDefinition({ name: 'test', region: 'us-east-1', startWith: start, timeoutSeconds: 60 }).asl.States;
}

const task = (name: string) =>
  new Task(name, { resource: 'arn:aws:states:::lambda:invoke', parameters: { FunctionName: 'f' }, policyStatements: [] });

describe('Task', () => {
  test('renders resource, I/O fields, timeouts, Retry, Catch and Next in reading order', () => {
    // GIVEN a task with every field and a catch handler
    const failed = new Fail('Failed', { errorPath: '$.error.Error', causePath: '$.error.Cause' });
    const t = new Task('Do', {
      resource: 'arn:aws:states:::dynamodb:getItem',
      inputPath: '$.in',
      parameters: { Key: { id: { S: JsonPath.stringAt('$.id') } } },
      resultSelector: { item: JsonPath.at('$.Item') },
      resultPath: '$.out',
      outputPath: '$.out',
      timeoutSeconds: 30,
      heartbeatSeconds: 10,
      policyStatements: [],
    })
      .addRetry({ errors: ['A.B'], intervalSeconds: 1, maxAttempts: 2, backoffRate: 2, maxDelaySeconds: 5, jitterStrategy: 'FULL' })
      .addCatch(failed);
    // WHEN rendered
    const states = statesOf(Chain.start(t).next(new Succeed('Done')));
    // THEN
    expect(states.Do).toStrictEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:getItem',
      InputPath: '$.in',
      Parameters: { Key: { id: { 'S.$': '$.id' } } },
      ResultSelector: { 'item.$': '$.Item' },
      ResultPath: '$.out',
      OutputPath: '$.out',
      TimeoutSeconds: 30,
      HeartbeatSeconds: 10,
      Retry: [{ ErrorEquals: ['A.B'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2, MaxDelaySeconds: 5, JitterStrategy: 'FULL' }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' }],
      Next: 'Done',
    });
    expect(states.Failed).toStrictEqual({ Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' });
  });

  test('ResultPath null discards the result', () => {
    const t = new Task('Put', { resource: 'arn:aws:states:::dynamodb:putItem', resultPath: null, policyStatements: [] });
    expect(statesOf(t).Put).toStrictEqual({ Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', ResultPath: null, End: true });
  });

  test('States.ALL must stand alone and last', () => {
    expect(() => task('T').addRetry({ errors: ['States.ALL', 'X'] })).toThrow(/must be the only error name of its retrier/);
    const t = task('T2').addRetry({ errors: ['States.ALL'] });
    expect(() => t.addRetry({ errors: ['X'] })).toThrow(/already there and must stay last/);
    expect(() => task('T3').addCatch(new Succeed('S'), { errors: [] })).toThrow(/needs at least one error name/);
  });

  test('invalid numbers are refused with the field name', () => {
    expect(() => task('T').addRetry({ errors: ['X'], backoffRate: 0.5 })).toThrow(/backoffRate: 0.5 must be at least 1/);
    expect(() => new Task('T', { resource: 'r', timeoutSeconds: 0, policyStatements: [] })).toThrow(/timeoutSeconds: 0 must be a whole number/);
    expect(() => new Task('T', { resource: 'r', timeoutSeconds: 5, heartbeatSeconds: 5, policyStatements: [] })).toThrow(
      /heartbeatSeconds \(5\) must be below timeoutSeconds/,
    );
  });

  test('state names are checked', () => {
    expect(() => task('')).toThrow(/1 to 80 characters/);
    expect(() => task('x'.repeat(81))).toThrow(/1 to 80 characters/);
  });
});

describe('Pass, Wait, Succeed, Fail', () => {
  test('Pass renders parameters or a fixed result', () => {
    const a = new Pass('A', { parameters: { id: JsonPath.at('$.id') }, resultPath: '$.p' });
    const b = new Pass('B', { result: { ok: true }, comment: 'fixed' });
    expect(statesOf(Chain.start(a).next(b))).toStrictEqual({
      A: { Type: 'Pass', Parameters: { 'id.$': '$.id' }, ResultPath: '$.p', Next: 'B' },
      B: { Type: 'Pass', Comment: 'fixed', Result: { ok: true }, End: true },
    });
    expect(() => new Pass('C', { parameters: {}, result: 1 })).toThrow(/either parameters or result/);
  });

  test('Wait renders each kind of wait time', () => {
    const chain = Chain.start(new Wait('W1', { time: WaitTime.seconds(30) }))
      .next(new Wait('W2', { time: WaitTime.secondsPath('$.s') }))
      .next(new Wait('W3', { time: WaitTime.timestamp('2026-01-01T00:00:00Z') }))
      .next(new Wait('W4', { time: WaitTime.timestampPath('$.t') }));
    expect(statesOf(chain)).toStrictEqual({
      W1: { Type: 'Wait', Seconds: 30, Next: 'W2' },
      W2: { Type: 'Wait', SecondsPath: '$.s', Next: 'W3' },
      W3: { Type: 'Wait', Timestamp: '2026-01-01T00:00:00Z', Next: 'W4' },
      W4: { Type: 'Wait', TimestampPath: '$.t', End: true },
    });
    expect(() => WaitTime.seconds(-1)).toThrow(/must be a whole number of at least 0/);
    expect(() => WaitTime.seconds(31_536_001)).toThrow(/one-year limit/);
    expect(() => WaitTime.timestamp('tomorrow')).toThrow(/not an ISO-8601 timestamp/);
  });

  test('Fail needs an error name and takes either a value or a path', () => {
    expect(() => new Fail('F', { cause: 'x' })).toThrow(/needs an error name/);
    expect(() => new Fail('F', { error: 'E', errorPath: '$.e' })).toThrow(/error or errorPath, not both/);
    expect(statesOf(Chain.start(new Pass('P')).next(new Fail('F', { error: 'E', cause: 'C' }))).F).toStrictEqual({
      Type: 'Fail',
      Error: 'E',
      Cause: 'C',
    });
  });
});

describe('Choice', () => {
  test('renders rules in order with their targets, and the default', () => {
    const yes = new Succeed('Yes');
    const no = new Fail('No', { error: 'Refused' });
    const choice = new Choice('Check')
      .when(Condition.and(Condition.isPresent('$.a'), Condition.numberGreaterThan('$.a', 1)), yes)
      .when(Condition.not(Condition.stringEquals('$.b', 'x')), no)
      .when(Condition.or(Condition.booleanEquals('$.c', true), Condition.stringMatches('$.d', 'a*')), yes)
      .otherwise(no);
    expect(statesOf(choice).Check).toStrictEqual({
      Type: 'Choice',
      Choices: [
        { And: [{ Variable: '$.a', IsPresent: true }, { Variable: '$.a', NumericGreaterThan: 1 }], Next: 'Yes' },
        { Not: { Variable: '$.b', StringEquals: 'x' }, Next: 'No' },
        { Or: [{ Variable: '$.c', BooleanEquals: true }, { Variable: '$.d', StringMatches: 'a*' }], Next: 'Yes' },
      ],
      Default: 'No',
    });
  });

  test('afterwards() continues every branch that can continue', () => {
    const a = new Pass('A');
    const b = new Pass('B');
    const choice = new Choice('C').when(Condition.isPresent('$.x'), a).otherwise(b);
    const states = statesOf(choice.afterwards().next(new Succeed('End')));
    expect(states.A).toStrictEqual({ Type: 'Pass', Next: 'End' });
    expect(states.B).toStrictEqual({ Type: 'Pass', Next: 'End' });
  });

  test('a Choice without rules, or with two defaults, is refused', () => {
    expect(() => statesOf(new Choice('Empty').otherwise(new Succeed('S')))).toThrow(/has no rules; add at least one/);
    expect(() => new Choice('C').otherwise(new Succeed('S1')).otherwise(new Succeed('S2'))).toThrow(/already has a default/);
  });
});

describe('Map and Parallel', () => {
  test('an inline Map renders the ItemProcessor form with its own states', () => {
    const map = new MapState('MapState', { itemsPath: '$.items', maxConcurrency: 3, resultPath: '$.results' }).itemProcessor(
      Chain.start(new Wait('WaitInMap', { time: WaitTime.seconds(2) })).next(task('LambdaInvoke')),
    );
    expect(statesOf(map).MapState).toStrictEqual({
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'WaitInMap',
        States: {
          WaitInMap: { Type: 'Wait', Seconds: 2, Next: 'LambdaInvoke' },
          LambdaInvoke: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, End: true },
        },
      },
      MaxConcurrency: 3,
      ResultPath: '$.results',
      End: true,
    });
  });

  test('a distributed Map renders reader, writer and tolerance, and declares its child-execution permissions', () => {
    const map = new MapState('Big', {
      mode: 'DISTRIBUTED',
      executionType: 'EXPRESS',
      toleratedFailurePercentage: 5,
      label: 'items',
      itemReader: {
        resource: integrationResource('s3', 'getObject'),
        readerConfig: { InputType: 'JSON' },
        parameters: { Bucket: 'b', Key: 'k' },
        policyStatements: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/k'] }],
      },
    }).itemProcessor(task('Work'));
    const definition = new StateMachineDefinition({ name: 'test', region: 'us-east-1', startWith: map, timeoutSeconds: 60 });
    expect(definition.asl.States.Big).toMatchObject({
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'b', Key: 'k' } },
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' } },
      ToleratedFailurePercentage: 5,
      Label: 'items',
    });
    expect(definition.policyStatements.map((s) => s.actions).flat()).toEqual(
      expect.arrayContaining(['states:StartExecution', 'states:DescribeExecution', 'states:StopExecution', 's3:GetObject']),
    );
  });

  test('distributed-only settings on an inline Map, and a Map without processor, are refused', () => {
    expect(() => new MapState('M', { label: 'x' })).toThrow(/only apply in mode 'DISTRIBUTED'/);
    expect(() => statesOf(new MapState('M'))).toThrow(/has no item processor; call \.itemProcessor/);
    expect(() => new MapState('M', { maxConcurrency: -1 })).toThrow(/maxConcurrency: -1 must be a whole number/);
  });

  test('Parallel renders one graph per branch', () => {
    const parallel = new Parallel('Both', { resultPath: '$.both' }).branch(new Pass('Left')).branch(new Pass('Right'));
    expect(statesOf(parallel).Both).toStrictEqual({
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Left', States: { Left: { Type: 'Pass', End: true } } },
        { StartAt: 'Right', States: { Right: { Type: 'Pass', End: true } } },
      ],
      ResultPath: '$.both',
      End: true,
    });
    expect(() => statesOf(new Parallel('None'))).toThrow(/has no branches/);
  });
});
