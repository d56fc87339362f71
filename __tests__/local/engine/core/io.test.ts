/**
 * Input and output processing and the two query languages (Developer Guide, "Processing input and output in Step
 * Functions", "InputPath, Parameters and ResultSelector", "ResultPath", "OutputPath"; "Transforming data with
 * JSONata"; "State machine structure", QueryLanguage).
 */
import { run, single } from '../support/engine';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

describe('JSONPath paths', () => {
  test.each([
    ['InputPath null gives {} (Developer Guide, "InputPath")', { InputPath: null }, { a: 1 }, {}],
    ['OutputPath null gives {} (Developer Guide, "OutputPath")', { OutputPath: null }, { a: 1 }, {}],
    ['InputPath "$" keeps the input', { InputPath: '$' }, { a: 1 }, { a: 1 }],
    ['ResultPath "$" replaces the input with the result', { Result: { r: 1 }, ResultPath: '$' }, { a: 1 }, { r: 1 }],
    ['ResultPath null discards the result', { Result: { r: 1 }, ResultPath: null }, { a: 1 }, { a: 1 }],
    ['ResultPath into a nested, missing object creates it', { Result: 5, ResultPath: '$.x.y' }, { a: 1 }, { a: 1, x: { y: 5 } }],
    ['ResultPath overwrites an existing field', { Result: 5, ResultPath: '$.a' }, { a: 1 }, { a: 5 }],
  ])('%s', async (_name, fields, input, expected) => {
    expect((await run(single({ Type: 'Pass', ...fields }), { input })).output).toEqual(expected);
  });

  test('an InputPath that selects nothing: States.Runtime with the state and event id', async () => {
    const outcome = await run(single({ Type: 'Pass', InputPath: '$.missing' }), { input: {} });
    expect(outcome.error).toBe('States.Runtime');
    expect(outcome.cause).toMatch(/^An error occurred while executing the state 'S' \(entered at the event id #2\)\. Invalid path '\$\.missing'/);
  });

  test('a Parameters path that selects nothing: States.Runtime naming the field', async () => {
    const outcome = await run(single({ Type: 'Pass', Parameters: { 'x.$': '$.missing' } }), { input: {} });
    expect(outcome.error).toBe('States.Runtime');
    expect(outcome.cause).toContain("The JSONPath '$.missing' specified for the field 'x.$' could not be found in the input '{}'");
  });

  test('the event id in the prefix is the state\'s own StateEntered event', async () => {
    const definition = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', OutputPath: '$.nope', End: true } } };
    expect((await run(definition)).cause).toMatch(/^An error occurred while executing the state 'B' \(entered at the event id #4\)\./);
  });

  test('ResultSelector reshapes the result before ResultPath', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA, ResultSelector: { 'code.$': '$.StatusCode', fixed: 1 }, ResultPath: '$.r' }), {
      input: { keep: true },
      taskHandlers: { S: async () => ({ StatusCode: 200, Payload: {} }) },
    });
    expect(outcome.output).toEqual({ keep: true, r: { code: 200, fixed: 1 } });
  });

  test('Parameters may read the context object and variables', async () => {
    const definition = {
      StartAt: 'A',
      States: { A: { Type: 'Pass', Assign: { v: 'V' }, Next: 'B' }, B: { Type: 'Pass', Parameters: { 'state.$': '$$.State.Name', 'var.$': '$v' }, End: true } },
    };
    expect((await run(definition)).output).toEqual({ state: 'B', var: 'V' });
  });

  test('a literal "$" value without .$ in the key stays text', async () => {
    expect((await run(single({ Type: 'Pass', Parameters: { p: '$.a' } }), { input: { a: 1 } })).output).toEqual({ p: '$.a' });
  });
});

describe('JSONata', () => {
  test('{% %} anywhere in Arguments, at any depth', async () => {
    let got: unknown;
    await run(single({ Type: 'Task', QueryLanguage: 'JSONata', Resource: LAMBDA, Arguments: { a: ['{% 1 + 1 %}', { b: '{% $states.input.x %}' }], c: 'plain' } }), {
      input: { x: 'X' },
      taskHandlers: { S: async (r) => ((got = r.input), 1) },
    });
    expect(got).toEqual({ a: [2, { b: 'X' }], c: 'plain' });
  });

  test('the whole Output may be one expression', async () => {
    expect((await run(single({ Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% [1, 2, 3] %}' }))).output).toEqual([1, 2, 3]);
  });

  test('an expression that fails: States.QueryEvaluationError, catchable', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: LAMBDA, Arguments: '{% $states.input.a.b %}', Catch: [{ ErrorEquals: ['States.QueryEvaluationError'], Next: 'D' }], End: true },
        D: { Type: 'Pass', Output: '{% $states.input.Error %}', End: true },
      },
    };
    expect((await run(definition, { input: {}, taskHandlers: { T: async () => 1 } })).output).toBe('States.QueryEvaluationError');
  });

  test('QueryEvaluationError has the States.Runtime-style prefix', async () => {
    const outcome = await run(single({ Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input.none %}' }), { input: {} });
    expect(outcome.error).toBe('States.QueryEvaluationError');
    expect(outcome.cause).toMatch(/^An error occurred while executing the state 'S' \(entered at the event id #2\)\. /);
  });
});

describe('mixing the query languages (Developer Guide, "State machine structure", QueryLanguage)', () => {
  test('a JSONPath machine may hold a JSONata state', async () => {
    const definition = {
      StartAt: 'A',
      States: { A: { Type: 'Pass', Parameters: { 'v.$': '$.x' }, Next: 'B' }, B: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input.v * 3 %}', End: true } },
    };
    expect((await run(definition, { input: { x: 2 } })).output).toBe(6);
  });

  test('a JSONata state inside a JSONPath Map processor inherits nothing but its own QueryLanguage', async () => {
    const definition = single({
      Type: 'Map',
      ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input + 1 %}', End: true } } },
    });
    expect((await run(definition, { input: [1, 2] })).output).toEqual([2, 3]);
  });

  test('states inside a JSONata Parallel branch are JSONata', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Par',
      States: { Par: { Type: 'Parallel', Branches: [{ StartAt: 'P', States: { P: { Type: 'Pass', Output: '{% "in-branch" %}', End: true } } }], End: true } },
    };
    expect((await run(definition)).output).toEqual(['in-branch']);
  });

  test('in a JSONPath state a {% %} string is plain text', async () => {
    expect((await run(single({ Type: 'Pass', Result: '{% 1 + 1 %}' }))).output).toBe('{% 1 + 1 %}');
  });
});
