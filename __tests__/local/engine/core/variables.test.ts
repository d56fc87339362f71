/**
 * Workflow variables (Developer Guide, "Passing data between states with variables": Assign, scope, evaluation order;
 * "Transforming data with JSONata": `$states`).
 */
import { details, run } from '../support/engine';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

describe('Assign', () => {
  test('a JSONata variable assigned in one state is read in a later one', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: { A: { Type: 'Pass', Assign: { x: 41 }, Next: 'B' }, B: { Type: 'Pass', Output: '{% $x + 1 %}', End: true } },
    };
    expect((await run(definition)).output).toBe(42);
  });

  test('a JSONPath Assign with .$ keys; $name in a later JSONPath path', async () => {
    const definition = {
      StartAt: 'A',
      States: { A: { Type: 'Pass', Assign: { 'who.$': '$.name', fixed: 'F' }, Next: 'B' }, B: { Type: 'Pass', Parameters: { 'w.$': '$who', 'f.$': '$fixed' }, End: true } },
    };
    expect((await run(definition, { input: { name: 'ann' } })).output).toEqual({ w: 'ann', f: 'F' });
  });

  test('all of an Assign reads the values from before the state (no chaining inside one Assign)', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { x: 1 }, Next: 'B' },
        B: { Type: 'Pass', Assign: { x: '{% $x + 10 %}', y: '{% $x %}' }, Next: 'C' },
        C: { Type: 'Pass', Output: { x: '{% $x %}', y: '{% $y %}' }, End: true },
      },
    };
    expect((await run(definition)).output).toEqual({ x: 11, y: 1 });
  });

  test("a state's Output sees the variables as they were before its own Assign", async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: { A: { Type: 'Pass', Assign: { x: 1 }, Next: 'B' }, B: { Type: 'Pass', Assign: { x: 2 }, Output: '{% $x %}', End: true } },
    };
    expect((await run(definition)).output).toBe(1);
  });

  test('a Task Assign reads $states.result (JSONata)', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: LAMBDA, Assign: { got: '{% $states.result.v %}' }, Output: {}, Next: 'P' },
        P: { Type: 'Pass', Output: '{% $got %}', End: true },
      },
    };
    expect((await run(definition, { taskHandlers: { T: async () => ({ v: 'r' }) } })).output).toBe('r');
  });

  test("a JSONPath Task's Assign reads the result after ResultSelector as $, and $states.input", async () => {
    const definition = {
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: LAMBDA, ResultSelector: { 'sel.$': '$.v' }, Assign: { 'fromResult.$': '$.sel', 'fromInput.$': '$states.input.i' }, ResultPath: null, Next: 'P' },
        P: { Type: 'Pass', Parameters: { 'a.$': '$fromResult', 'b.$': '$fromInput' }, End: true },
      },
    };
    expect((await run(definition, { input: { i: 'in' }, taskHandlers: { T: async () => ({ v: 'res' }) } })).output).toEqual({ a: 'res', b: 'in' });
  });

  test('the StateExited event lists assignedVariables as JSON text', async () => {
    const outcome = await run({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', Assign: { x: { n: 1 }, s: 'str' }, End: true } } });
    expect(details(outcome.history[2])).toMatchObject({ assignedVariables: { x: '{"n":1}', s: '"str"' }, assignedVariablesDetails: { truncated: false } });
  });

  test('a state without Assign has no assignedVariables in its StateExited event', async () => {
    const outcome = await run({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
    expect(details(outcome.history[2])).not.toHaveProperty('assignedVariables');
  });

  test('a Choice applies its state-level Assign together with the matched rule\'s (Developer Guide, "Choice workflow state", Choice Rules)', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Assign: { always: 1, both: 'state' }, Choices: [{ Condition: '{% true %}', Assign: { rule: 2, both: 'rule' }, Next: 'P' }] },
        P: { Type: 'Pass', Output: ['{% $always %}', '{% $rule %}', '{% $both %}'], End: true },
      },
    };
    expect((await run(definition)).output).toEqual([1, 2, 'rule']);
  });

  test('a Choice taking Default applies its state-level Assign', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Assign: { d: 'default' }, Choices: [{ Condition: '{% false %}', Assign: { d: 'rule' }, Next: 'P' }], Default: 'P' },
        P: { Type: 'Pass', Output: '{% $d %}', End: true },
      },
    };
    expect((await run(definition)).output).toBe('default');
  });

  test('Choice and Wait can Assign', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'W',
      States: {
        W: { Type: 'Wait', Seconds: 1, Assign: { w: 'waited' }, Next: 'C' },
        C: { Type: 'Choice', Choices: [{ Condition: '{% true %}', Assign: { c: 'chose' }, Next: 'P' }] },
        P: { Type: 'Pass', Output: ['{% $w %}', '{% $c %}'], End: true },
      },
    };
    expect((await run(definition)).output).toEqual(['waited', 'chose']);
  });
});

describe('scopes (Developer Guide, "Passing data between states with variables", variable scope)', () => {
  test('Parallel branches read outer variables', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { outer: 'o' }, Next: 'Par' },
        Par: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', Output: '{% $outer %}', End: true } } }], End: true },
      },
    };
    expect((await run(definition)).output).toEqual(['o']);
  });

  test('Map iterations read outer variables', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { k: 10 }, Next: 'M' },
        M: { Type: 'Map', Items: [1, 2], ItemProcessor: { StartAt: 'B', States: { B: { Type: 'Pass', Output: '{% $states.input * $k %}', End: true } } }, End: true },
      },
    };
    expect((await run(definition)).output).toEqual([10, 20]);
  });

  test('an assignment inside a branch does not change the outer variable', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { v: 'outer' }, Next: 'Par' },
        Par: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', Assign: { v: 'inner' }, End: true } } }], Next: 'C' },
        C: { Type: 'Pass', Output: '{% $v %}', End: true },
      },
    };
    expect((await run(definition)).output).toBe('outer');
  });

  test('variables of one iteration are not seen by another', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: [1, 2],
          MaxConcurrency: 1,
          ItemProcessor: {
            StartAt: 'Read',
            States: {
              Read: { Type: 'Pass', Output: '{% $exists($mine) %}', Assign: { mine: '{% $states.input %}' }, Next: 'Done' },
              Done: { Type: 'Pass', End: true },
            },
          },
          End: true,
        },
      },
    };
    expect((await run(definition)).output).toEqual([false, false]);
  });

  test('a Parallel or Map Assign runs in the outer scope and reads $states.result', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Par',
      States: {
        Par: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', Output: 5, End: true } } }], Assign: { total: '{% $sum($states.result) %}' }, Next: 'C' },
        C: { Type: 'Pass', Output: '{% $total %}', End: true },
      },
    };
    expect((await run(definition)).output).toBe(5);
  });

  test('a DISTRIBUTED Map iteration does not see outer variables', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { outer: 1 }, Next: 'M' },
        M: {
          Type: 'Map',
          Items: [1],
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'B', States: { B: { Type: 'Pass', Output: '{% $exists($outer) %}', End: true } } },
          End: true,
        },
      },
    };
    expect((await run(definition)).output).toEqual([false]);
  });

  test('reading an undefined variable in JSONPath is a States.Runtime error', async () => {
    const outcome = await run({ StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'x.$': '$nope' }, End: true } } });
    expect(outcome.error).toBe('States.Runtime');
  });
});
