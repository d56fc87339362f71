import {
  Chain,
  Choice,
  Condition,
  DynamoDB,
  Fail,
  Lambda,
  MapState,
  Pass,
  Sns,
  StateMachineDefinition,
  Succeed,
  Task,
  stringAttributeAt,
} from '../../definitions';

const table = { tableName: 'orders', tableArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders' };

describe('chaining', () => {
  test('Chain is immutable: next() returns a new chain that ends at the added state', () => {
    const a = new Pass('A');
    const first = Chain.start(a);
    const second = first.next(new Pass('B'));
    expect(second).not.toBe(first);
    expect(second.startState).toBe(a);
    expect(second.endStates.map((s) => s.name)).toStrictEqual(['B']);
  });

  test('.next() after a Fail is refused with a sentence that says what to do', () => {
    const chain = Chain.start(new Pass('A')).next(new Fail('Job Failed', { error: 'E' }));
    expect(() => chain.next(new Pass('B'))).toThrow(
      "Cannot continue with 'B' after 'Job Failed' (a Fail state): nothing can follow it. Attach 'B' to an earlier state instead",
    );
    expect(() => new Fail('F', { error: 'E' }).next(new Pass('C'))).toThrow(/after 'F' \(a Fail state\): nothing can follow it/);
    expect(() => new Succeed('S').next(new Pass('D'))).toThrow(/after 'S' \(a Succeed state\)/);
  });

  test('.next() after a Choice points to afterwards()', () => {
    const choice = new Choice('C').when(Condition.isPresent('$.a'), new Pass('A'));
    expect(() => Chain.start(choice).next(new Pass('B'))).toThrow(/\(a Choice state\).*call \.afterwards\(\) first/);
  });

  test('a state cannot continue with two different states', () => {
    const a = new Pass('A');
    a.next(new Pass('B'));
    expect(() => a.next(new Pass('C'))).toThrow(/'A' already continues with 'B'; it cannot also continue with 'C'. Use a Choice/);
  });
});

describe('StateMachineDefinition', () => {
  test('renders StartAt, States in graph order, TimeoutSeconds and Comment', () => {
    const definition = new StateMachineDefinition({
      name: 'sm',
      region: 'us-east-1',
      comment: 'demo',
      timeoutSeconds: 300,
      startWith: Chain.start(new Pass('First')).next(new Succeed('Last')),
    });
    expect(definition.asl).toStrictEqual({
      Comment: 'demo',
      StartAt: 'First',
      States: { First: { Type: 'Pass', Next: 'Last' }, Last: { Type: 'Succeed' } },
      TimeoutSeconds: 300,
    });
    expect(definition.toJson()).toBe(JSON.stringify(definition.asl));
  });

  test('two distinct states with one name are refused', () => {
    const startWith = Chain.start(new Pass('Same')).next(new Pass('Same'));
    expect(() => new StateMachineDefinition({ name: 'sm', region: 'us-east-1', startWith, timeoutSeconds: 60 })).toThrow(
      /Two different states are named 'Same'.*rename one of them/,
    );
  });

  test('a transition that crosses into a Map item processor is refused (it would dangle)', () => {
    const inner = new Pass('Inner');
    const map = new MapState('Map').itemProcessor(inner);
    const choice = new Choice('Route').when(Condition.isPresent('$.x'), map).otherwise(inner);
    expect(() => new StateMachineDefinition({ name: 'sm', region: 'us-east-1', startWith: choice, timeoutSeconds: 60 })).toThrow(
      /State 'Inner' belongs to the item processor of Map 'Map', but 'Route' in the top level transitions to it.*give each scope its own state/,
    );
  });

  test('an invalid definition is stopped by the ASL validator (definitions/validate.ts), naming the problem', () => {
    const bad = new Task('Bad', { resource: 'not-an-arn', policyStatements: [] });
    expect(() => new StateMachineDefinition({ name: 'broken', region: 'us-east-1', startWith: bad, timeoutSeconds: 60 })).toThrow(
      /The state machine definition 'broken' is not valid Amazon States Language:\n {2}- .*Resource/,
    );
  });

  test('the timeout is required to be a positive whole number', () => {
    expect(() => new StateMachineDefinition({ name: 'sm', region: 'us-east-1', startWith: new Pass('P'), timeoutSeconds: 0 })).toThrow(
      /State machine 'sm' timeoutSeconds: 0 must be a whole number of at least 1/,
    );
  });

  test('the role is derived from the integrations: merged, sorted, one statement per resource set', () => {
    const fn = { functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f' };
    const topic = { topicArn: 'arn:aws:sns:us-east-1:123456789012:t' };
    const startWith = Chain.start(DynamoDB.putItem('Put', { table, item: { id: stringAttributeAt('$.id') } }))
      .next(DynamoDB.getItem('Get', { table, key: { id: stringAttributeAt('$.id') } }))
      .next(Lambda.invoke('Invoke', { function: fn }))
      .next(Sns.publish('Notify', { topic, message: 'done' }));
    const definition = new StateMachineDefinition({ name: 'sm', region: 'us-east-1', startWith, timeoutSeconds: 60 });
    expect(definition.policyStatements).toStrictEqual([
      { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resources: [table.tableArn] },
      { actions: ['lambda:InvokeFunction'], resources: [fn.functionArn, `${fn.functionArn}:*`] },
      { actions: ['sns:Publish'], resources: [topic.topicArn] },
    ]);
  });

  test('rendering is byte-stable: the same builders give the same JSON', () => {
    const build = () =>
      new StateMachineDefinition({
        name: 'sm',
        region: 'us-east-1',
        timeoutSeconds: 60,
        startWith: Chain.start(DynamoDB.putItem('Put', { table, item: { id: stringAttributeAt('$.id') } })).next(new Succeed('Done')),
      }).toJson();
    expect(build()).toBe(build());
  });
});
