import {
  Chain,
  Choice,
  Condition,
  jsonata,
  JsonPath,
  MapState,
  Parallel,
  Pass,
  StateMachineDefinition,
  states,
  Succeed,
  Task,
  Variable,
  type IChainable,
  type QueryLanguage,
} from '../../definitions';
import { validateAsl } from '../../definitions/validate';
import { runExecution, StatesError } from '../../local/engine';

function render(startWith: IChainable, queryLanguage: QueryLanguage = 'JSONata') {
  const definition = new StateMachineDefinition({ name: 'sm', region: 'us-east-1', startWith, timeoutSeconds: 60, queryLanguage });
  expect(validateAsl(definition.asl)).toStrictEqual([]);
  return definition.asl;
}
const refused = (startWith: IChainable, queryLanguage: QueryLanguage = 'JSONata') => () =>
  new StateMachineDefinition({ name: 'sm', region: 'us-east-1', startWith, timeoutSeconds: 60, queryLanguage });

describe('Assign in JSONPath states', () => {
  test('values are paths (rendered with .$) or JSON; a variable is read with Variable.path', async () => {
    const remember = new Pass('Remember', { assign: { orderId: JsonPath.stringAt('$.id'), source: 'api' } });
    const use = new Pass('Use', { parameters: { id: Variable.path('orderId'), from: Variable.path('source') } });
    const asl = render(Chain.start(remember).next(use), 'JSONPath');
    expect(asl.States).toStrictEqual({
      Remember: { Type: 'Pass', Assign: { 'orderId.$': '$.id', source: 'api' }, Next: 'Use' },
      Use: { Type: 'Pass', Parameters: { 'id.$': '$orderId', 'from.$': '$source' }, End: true },
    });
    expect((await runExecution(asl, { input: { id: 'o-1' } })).output).toStrictEqual({ id: 'o-1', from: 'api' });
  });

  test('a JSONPath Choice rule and a JSONPath catcher carry their own Assign (proven on the engine)', async () => {
    const call = new Task('Call', { resource: 'arn:aws:states:::lambda:invoke', parameters: { FunctionName: 'f' }, policyStatements: [] });
    const report = new Pass('Report', { parameters: { tier: Variable.path('tier'), error: Variable.path('failure') } });
    call.addCatch(report, { errors: ['Busy'], resultPath: null, assign: { failure: JsonPath.at('$.Error') } });
    const choice = new Choice('Route').when(Condition.isPresent('$.vip'), call, { assign: { tier: 'gold' } }).otherwise(new Succeed('Skip'));
    const asl = render(choice, 'JSONPath');
    expect(asl.States.Route).toStrictEqual({
      Type: 'Choice',
      Choices: [{ Variable: '$.vip', IsPresent: true, Assign: { tier: 'gold' }, Next: 'Call' }],
      Default: 'Skip',
    });
    expect(asl.States.Call).toStrictEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'f' },
      Catch: [{ ErrorEquals: ['Busy'], ResultPath: null, Assign: { 'failure.$': '$.Error' }, Next: 'Report' }],
      End: true,
    });
    const busy = async () => {
      throw new StatesError('Busy', 'try later');
    };
    expect((await runExecution(asl, { input: { vip: true }, taskHandlers: { Call: busy } })).output).toStrictEqual({ tier: 'gold', error: 'Busy' });
  });

  test('a JSONPath Choice rule assigns when it is taken; a JSONPath read before assignment is refused', () => {
    const choice = new Choice('Route').when(Condition.isPresent('$.vip'), new Pass('Vip', { parameters: { tier: Variable.path('tier') } }), { assign: { tier: 'gold' } });
    choice.otherwise(new Pass('Plain', { parameters: { tier: Variable.path('tier') } }));
    expect(refused(choice, 'JSONPath')).toThrow(
      /variables wrongly:\n {2}- State 'Plain' in the top level reads \$tier before it is assigned on every path to 'Plain'/,
    );
  });
});

describe('use before assignment', () => {
  test('a variable assigned on every path may be read after the paths join', () => {
    const choice = new Choice('Route')
      .when(Condition.jsonata(jsonata('$states.input.vip')), new Pass('Gold', { assign: { tier: 'gold' } }))
      .otherwise(new Pass('Basic', { assign: { tier: 'basic' } }));
    const end = new Pass('Show', { output: { tier: Variable.ref('tier') } });
    choice.afterwards().next(end);
    expect(render(choice).States.Show).toStrictEqual({ Type: 'Pass', Output: { tier: '{% $tier %}' }, End: true });
  });

  test("a Choice's own Assign applies whichever rule is taken (proven on the engine)", async () => {
    const choice = new Choice('Route', { assign: { seen: true } })
      .when(Condition.jsonata(jsonata('$states.input.vip')), new Pass('Gold', { output: { seen: Variable.ref('seen'), tier: 'gold' } }))
      .otherwise(new Pass('Basic', { output: { seen: Variable.ref('seen'), tier: 'basic' } }));
    const asl = render(choice);
    expect((await runExecution(asl, { input: { vip: true } })).output).toStrictEqual({ seen: true, tier: 'gold' });
    expect((await runExecution(asl, { input: { vip: false } })).output).toStrictEqual({ seen: true, tier: 'basic' });
  });

  test('a variable assigned on one path only is refused, naming the state and the variable', () => {
    const choice = new Choice('Route')
      .when(Condition.jsonata(jsonata('$states.input.vip')), new Pass('Gold', { assign: { tier: 'gold' } }))
      .otherwise(new Pass('Basic'));
    choice.afterwards().next(new Pass('Show', { output: { tier: Variable.ref('tier') } }));
    expect(refused(choice)).toThrow(/State 'Show' in the top level reads \$tier before it is assigned on every path to 'Show'/);
  });

  test("a state reading its own Assign is refused (Assign takes effect when the state ends)", () => {
    expect(refused(new Pass('Self', { assign: { n: 1 }, output: Variable.ref('n') }))).toThrow(/State 'Self' in the top level reads \$n before it is assigned/);
  });

  test("a catcher does not apply the failed state's Assign, only its own", () => {
    const call = new Task('Call', { resource: 'arn:aws:states:::lambda:invoke', policyStatements: [], assign: { answer: states.result } });
    const handler = new Pass('Handle', { output: { answer: Variable.ref('answer'), error: Variable.ref('failure') } });
    call.addCatch(handler, { assign: { failure: states.errorOutput } });
    expect(refused(call)).toThrow(/State 'Handle' in the top level reads \$answer before it is assigned/);
    expect(refused(call)).not.toThrow(/\$failure/);
  });

  test("names a JSONata expression binds itself and JSONata's functions are not variables", () => {
    const pass = new Pass('Calc', { output: jsonata('($total := $sum($states.input.x); $map($states.input.x, function($v) { $v / $total }))') });
    expect(render(pass).States.Calc).toStrictEqual({ Type: 'Pass', Output: '{% ($total := $sum($states.input.x); $map($states.input.x, function($v) { $v / $total })) %}', End: true });
    expect(render(new Pass('Texts', { output: jsonata('$map($states.input.x, $string)') })).States.Texts).toStrictEqual({ Type: 'Pass', Output: '{% $map($states.input.x, $string) %}', End: true });
  });

  test('the context item ($, $$) and positional bindings (@$o, #$i) are not variables; a variable in a predicate is', () => {
    const start = new Pass('Start', { assign: { min: 5 } });
    const pick = new Pass('Pick', { output: jsonata('$states.input.items@$o#$i[$o.price > $min].{ "at": $i, "name": $o.name, "all": $count($$.items) }') });
    expect(render(Chain.start(start).next(pick)).States.Pick).toStrictEqual({
      Type: 'Pass',
      Output: '{% $states.input.items@$o#$i[$o.price > $min].{ "at": $i, "name": $o.name, "all": $count($$.items) } %}',
      End: true,
    });
    // $min is also a JSONata function; once the definition assigns a variable of that name, $min reads the variable.
    const late = new Pass('Late', { assign: { min: 1 } });
    expect(refused(Chain.start(new Pass('Pick', { output: jsonata('$states.input.items[$.price > $min]') })).next(late))).toThrow(
      /State 'Pick' in the top level reads \$min before it is assigned/,
    );
  });

  test('a field name is quoted when it is not an identifier', () => {
    expect(String(states.input.at('order.line items'))).toBe('$states.input.order.`line items`');
    expect(() => states.input.at('a`b')).toThrow(/holds a backtick, which JSONata cannot quote/);
  });

  test('a loop settles: a variable assigned before the loop is visible in it', () => {
    const start = new Pass('Init', { assign: { n: 0 } });
    const step = new Pass('Step', { assign: { n: jsonata('$n + 1') } });
    const loop = new Choice('More').when(Condition.jsonata(jsonata('$n < 3')), step).otherwise(new Succeed('Done', { output: Variable.ref('n') }));
    step.next(loop);
    const asl = render(Chain.start(start).next(step));
    expect(Object.keys(asl.States)).toStrictEqual(['Init', 'Step', 'More', 'Done']);
  });
});

describe('scopes of Map and Parallel', () => {
  test('an inline Map iteration reads the variables its Map saw (proven on the engine)', async () => {
    const start = new Pass('Start', { assign: { rate: 2 } });
    const map = new MapState('Each', { items: states.input.at('xs') }).itemProcessor(new Pass('Scale', { output: jsonata('$states.input * $rate') }));
    const asl = render(Chain.start(start).next(map));
    expect((await runExecution(asl, { input: { xs: [1, 2, 3] } })).output).toStrictEqual([2, 4, 6]);
  });

  test('each Parallel branch reads the outer variables and keeps its own (proven on the engine)', async () => {
    const start = new Pass('Start', { assign: { base: 10 } });
    const parallel = new Parallel('Both')
      .branch(Chain.start(new Pass('Own', { assign: { mine: 1 } })).next(new Pass('SumA', { output: jsonata('$base + $mine') })))
      .branch(new Pass('SumB', { output: jsonata('$base + 2') }));
    const asl = render(Chain.start(start).next(parallel));
    expect((await runExecution(asl, {})).output).toStrictEqual([11, 12]);
  });

  test('a state in a Parallel branch cannot assign a variable of the enclosing scope', () => {
    const start = new Pass('Start', { assign: { total: 0 } });
    const parallel = new Parallel('Both').branch(new Pass('Add', { assign: { total: 1 } })).branch(new Pass('Other'));
    expect(refused(Chain.start(start).next(parallel))).toThrow(
      /State 'Add' in branch 1 of Parallel 'Both' assigns \$total, a variable of an enclosing scope: a state inside a Map or Parallel cannot assign an outer variable/,
    );
  });

  test('a variable assigned inside a branch is not visible after the Parallel', () => {
    const parallel = new Parallel('Both').branch(new Pass('Inner', { assign: { found: true } }));
    expect(refused(Chain.start(parallel).next(new Pass('After', { output: Variable.ref('found') })))).toThrow(
      /State 'After' in the top level reads \$found before it is assigned/,
    );
  });

  test("a Distributed Map's child executions start with no variables", () => {
    const start = new Pass('Start', { assign: { rate: 2 } });
    const map = new MapState('Each', { mode: 'DISTRIBUTED', items: states.input.at('xs') }).itemProcessor(new Pass('Scale', { output: jsonata('$states.input * $rate') }));
    expect(refused(Chain.start(start).next(map))).toThrow(
      /State 'Scale' in the item processor of Map 'Each' reads \$rate, but the child executions of Distributed Map 'Each' start with no variables: pass the value in the Map's ItemSelector/,
    );
  });

  test('the value passed in a Distributed Map ItemSelector is read from the input instead', () => {
    const start = new Pass('Start', { assign: { rate: 2 } });
    const map = new MapState('Each', {
      mode: 'DISTRIBUTED',
      items: states.input.at('xs'),
      itemSelector: { x: jsonata('$states.context.Map.Item.Value'), rate: Variable.ref('rate') },
    }).itemProcessor(new Pass('Scale', { output: jsonata('$states.input.x * $states.input.rate') }));
    expect(render(Chain.start(start).next(map)).States.Each).toMatchObject({ ItemSelector: { x: '{% $states.context.Map.Item.Value %}', rate: '{% $rate %}' } });
  });
});
