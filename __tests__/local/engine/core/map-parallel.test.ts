/**
 * Parallel and inline Map (ASL specification, "Parallel State", "Map State"; Developer Guide, "Parallel workflow
 * state", "Map workflow state", "Map state in Inline mode", "ItemsPath", "ItemSelector").
 */
import { InMemoryObjectStore, StatesError } from '../../../../local/engine';
import { details, machine, run, types } from '../support/engine';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
const pass = (fields: Record<string, unknown> = {}) => ({ StartAt: 'P', States: { P: { Type: 'Pass', End: true, ...fields } } });

describe('Parallel', () => {
  const parallel = (branches: unknown[], fields: Record<string, unknown> = {}) => ({ StartAt: 'Par', States: { Par: { Type: 'Parallel', Branches: branches, End: true, ...fields } } });

  test('the output is the array of branch outputs, in branch order', async () => {
    const outcome = await run(parallel([pass({ Result: 'a' }), pass({ Result: 'b' }), pass()]), { input: { x: 1 } });
    expect(outcome.output).toEqual(['a', 'b', { x: 1 }]);
  });

  test('branch order holds even when a later branch finishes first', async () => {
    const slow = { StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, End: true } } };
    const outcome = await run(parallel([slow, pass({ Result: 'fast' })]), { taskHandlers: { T: () => new Promise((r) => setTimeout(() => r('slow'), 30)) } });
    expect(outcome.output).toEqual(['slow', 'fast']);
  });

  test('branches run at once', async () => {
    let running = 0;
    let most = 0;
    const task = { StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, End: true } } };
    await run(parallel([task, task, task]), {
      taskHandlers: {
        T: async () => {
          most = Math.max(most, ++running);
          await new Promise((r) => setTimeout(r, 20));
          running -= 1;
          return 1;
        },
      },
    });
    expect(most).toBe(3);
  });

  test('the first failing branch fails the state with its own error, and the others are stopped', async () => {
    let stopped = false;
    const waiting = { StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, End: true } } };
    const failing = { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'BranchBroke', Cause: 'c' } } };
    const outcome = await run(parallel([waiting, failing]), {
      taskHandlers: { T: (r) => new Promise((resolve) => r.signal.addEventListener('abort', () => ((stopped = true), resolve(0)))) },
    });
    expect(outcome).toMatchObject({ status: 'FAILED', error: 'BranchBroke', cause: 'c' });
    expect(stopped).toBe(true);
    expect(types(outcome.history)).toContain('ParallelStateFailed');
  });

  test('Catch on a Parallel catches a branch failure', async () => {
    const failing = { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', Cause: 'C' } } };
    const definition = {
      StartAt: 'Par',
      States: { Par: { Type: 'Parallel', Branches: [failing], Catch: [{ ErrorEquals: ['E'], ResultPath: '$.err', Next: 'Done' }], End: true }, Done: { Type: 'Succeed' } },
    };
    expect((await run(definition, { input: {} })).output).toEqual({ err: { Error: 'E', Cause: 'C' } });
  });

  test('Retry on a Parallel runs all branches again', async () => {
    let calls = 0;
    const task = { StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, End: true } } };
    const outcome = await run(parallel([task], { Retry: [{ ErrorEquals: ['States.ALL'] }] }), {
      taskHandlers: { T: async () => (++calls === 1 ? Promise.reject(new StatesError('X', '')) : 'ok') },
    });
    expect(outcome.output).toEqual(['ok']);
    expect(types(outcome.history).filter((t) => t === 'ParallelStateStarted')).toHaveLength(2);
  });

  test('Parameters give every branch the same input; ResultSelector and ResultPath apply to the array', async () => {
    const outcome = await run(parallel([pass(), pass()], { Parameters: { 'v.$': '$.x' }, ResultSelector: { 'first.$': '$[0].v' }, ResultPath: '$.r' }), { input: { x: 9 } });
    expect(outcome.output).toEqual({ x: 9, r: { first: 9 } });
  });

  test('JSONata Arguments and Output', async () => {
    const jsonataPass = { StartAt: 'P', States: { P: { Type: 'Pass', Output: '{% $states.input.v * 10 %}', End: true } } };
    const outcome = await run({ QueryLanguage: 'JSONata', ...parallel([jsonataPass, jsonataPass], { Arguments: { v: '{% $states.input.x %}' }, Output: '{% $sum($states.result) %}' }) }, { input: { x: 2 } });
    expect(outcome.output).toBe(40);
  });

  test('history: ParallelStateEntered, ParallelStateStarted, branch events, ParallelStateSucceeded, ParallelStateExited', async () => {
    const outcome = await run(parallel([pass()]));
    expect(types(outcome.history)).toEqual([
      'ExecutionStarted', 'ParallelStateEntered', 'ParallelStateStarted', 'PassStateEntered', 'PassStateExited', 'ParallelStateSucceeded', 'ParallelStateExited', 'ExecutionSucceeded',
    ]);
    expect(outcome.history[3].previousEventId).toBe(3);
  });
});

describe('inline Map', () => {
  const map = (fields: Record<string, unknown>, processor: unknown = pass()) => ({ StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: processor, End: true, ...fields } } });

  test('each item runs the ItemProcessor; results in item order', async () => {
    const outcome = await run(map({ ItemsPath: '$.items' }, pass({ Parameters: { 'double.$': 'States.MathAdd($.n, $.n)' } })), { input: { items: [{ n: 1 }, { n: 2 }, { n: 3 }] } });
    expect(outcome.output).toEqual([{ double: 2 }, { double: 4 }, { double: 6 }]);
  });

  test('ItemsPath defaults to $ (the input must then be the array)', async () => {
    expect((await run(map({}), { input: [1, 2] })).output).toEqual([1, 2]);
  });

  test('an empty array gives an empty result', async () => {
    const outcome = await run(map({ ItemsPath: '$.items' }), { input: { items: [] } });
    expect(outcome.output).toEqual([]);
    expect(details(outcome.history.find((e) => e.type === 'MapStateStarted')!)).toEqual({ length: 0 });
  });

  test('ItemsPath selecting a non-array: States.Runtime', async () => {
    const outcome = await run(map({ ItemsPath: '$.items' }), { input: { items: { a: 1 } } });
    expect(outcome.error).toBe('States.Runtime');
    expect(outcome.cause).toMatch(/^An error occurred while executing the state 'M' \(entered at the event id #2\)\. /);
  });

  test('ItemSelector with $$.Map.Item.Index and $$.Map.Item.Value (Developer Guide, "ItemSelector")', async () => {
    const outcome = await run(map({ ItemsPath: '$.items', ItemSelector: { 'i.$': '$$.Map.Item.Index', 'v.$': '$$.Map.Item.Value', 'shared.$': '$.shared' } }), {
      input: { items: ['a', 'b'], shared: 'S' },
    });
    expect(outcome.output).toEqual([{ i: 0, v: 'a', shared: 'S' }, { i: 1, v: 'b', shared: 'S' }]);
  });

  test('the deprecated Parameters and Iterator still work', async () => {
    const definition = { StartAt: 'M', States: { M: { Type: 'Map', Iterator: pass(), Parameters: { 'v.$': '$$.Map.Item.Value' }, End: true } } };
    expect((await run(definition, { input: [5] })).output).toEqual([{ v: 5 }]);
  });

  test('MaxConcurrency bounds the iterations running at once', async () => {
    let running = 0;
    let most = 0;
    const task = { StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, End: true } } };
    await run(map({ MaxConcurrency: 2 }, task), {
      input: [1, 2, 3, 4, 5],
      taskHandlers: {
        T: async () => {
          most = Math.max(most, ++running);
          await new Promise((r) => setTimeout(r, 10));
          running -= 1;
          return 1;
        },
      },
    });
    expect(most).toBe(2);
  });

  test('MaxConcurrencyPath selecting a negative number: States.Runtime', async () => {
    const outcome = await run(map({ ItemsPath: '$.items', MaxConcurrencyPath: '$.c' }), { input: { items: [1], c: -1 } });
    expect(outcome.error).toBe('States.Runtime');
  });

  test('a failed iteration fails the Map with its own error', async () => {
    const failing = { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'ItemBroke', Cause: 'bad item' } } };
    const outcome = await run(map({}, failing), { input: [1, 2] });
    expect(outcome).toMatchObject({ error: 'ItemBroke', cause: 'bad item' });
    expect(types(outcome.history)).toContain('MapIterationFailed');
    expect(types(outcome.history)).toContain('MapStateFailed');
  });

  test('iterations stopped by another iteration\'s failure record MapIterationAborted (API Reference, "HistoryEvent" types)', async () => {
    const processor = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 0, Next: 'F' }], Default: 'T' },
        F: { Type: 'Fail', Error: 'E' },
        T: { Type: 'Task', Resource: LAMBDA, End: true },
      },
    };
    const outcome = await run(map({}, processor), {
      input: [1, 0],
      taskHandlers: { T: (r) => new Promise((resolve) => r.signal.addEventListener('abort', () => resolve(null))) },
    });
    expect(outcome.error).toBe('E');
    expect(types(outcome.history)).toContain('MapIterationAborted');
    expect(types(outcome.history).indexOf('MapStateFailed')).toBeGreaterThan(types(outcome.history).indexOf('MapIterationAborted'));
  });

  test('ToleratedFailureCount: failures within it are tolerated', async () => {
    const choice = {
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 2, Next: 'F' }], Default: 'P' }, F: { Type: 'Fail', Error: 'E' }, P: { Type: 'Pass', End: true } },
    };
    const outcome = await run(map({ ToleratedFailureCount: 1 }, choice), { input: [1, 2, 3] });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.output).toEqual([1, { Error: 'E', Cause: '' }, 3]);
  });

  test('going past ToleratedFailureCount: States.ExceedToleratedFailureThreshold', async () => {
    const failing = { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E' } } };
    const outcome = await run(map({ ToleratedFailureCount: 1 }, failing), { input: [1, 2, 3] });
    expect(outcome.error).toBe('States.ExceedToleratedFailureThreshold');
  });

  test('ToleratedFailurePercentage', async () => {
    const failing = { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E' } } };
    expect((await run(map({ ToleratedFailurePercentage: 100 }, failing), { input: [1, 2] })).status).toBe('SUCCEEDED');
    expect((await run(map({ ToleratedFailurePercentage: 40 }, failing), { input: [1, 2] })).error).toBe('States.ExceedToleratedFailureThreshold');
  });

  test('ToleratedFailurePercentagePath selecting a value over 100: States.Runtime', async () => {
    const outcome = await run(map({ ItemsPath: '$.items', ToleratedFailurePercentagePath: '$.p' }), { input: { items: [1], p: 101 } });
    expect(outcome.error).toBe('States.Runtime');
  });

  test('JSONata Items and ItemSelector with $states.context.Map.Item', async () => {
    const outcome = await run(
      { QueryLanguage: 'JSONata', ...map({ Items: '{% $states.input.list %}', ItemSelector: { idx: '{% $states.context.Map.Item.Index %}', val: '{% $states.context.Map.Item.Value %}' } }) },
      { input: { list: ['x', 'y'] } },
    );
    expect(outcome.output).toEqual([{ idx: 0, val: 'x' }, { idx: 1, val: 'y' }]);
  });

  test('JSONata Items that is not an array: States.QueryEvaluationError', async () => {
    const outcome = await run({ QueryLanguage: 'JSONata', ...map({ Items: '{% $states.input.list %}' }) }, { input: { list: 'nope' } });
    expect(outcome.error).toBe('States.QueryEvaluationError');
  });

  test('history: MapStateStarted {length}, MapIterationStarted/Succeeded {name, index}, MapStateSucceeded', async () => {
    const outcome = await run(map({}), { input: ['a'] });
    expect(types(outcome.history)).toEqual([
      'ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'MapIterationStarted', 'PassStateEntered', 'PassStateExited', 'MapIterationSucceeded', 'MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded',
    ]);
    expect(details(outcome.history[2])).toEqual({ length: 1 });
    expect(details(outcome.history[3])).toEqual({ name: 'M', index: 0 });
    expect(details(outcome.history[6])).toEqual({ name: 'M', index: 0 });
  });

  test('ResultSelector and ResultPath apply to the results array', async () => {
    const outcome = await run(map({ ItemsPath: '$.items', ResultSelector: { 'first.$': '$[0]' }, ResultPath: '$.r' }), { input: { items: [1, 2, 3] } });
    expect(outcome.output).toEqual({ items: [1, 2, 3], r: { first: 1 } });
  });

  test('Catch on a Map catches an iteration failure', async () => {
    const failing = { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', Cause: 'C' } } };
    const definition = { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: failing, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'D' }], End: true }, D: { Type: 'Succeed' } } };
    expect((await run(definition, { input: [1] })).output).toEqual({ Error: 'E', Cause: 'C' });
  });

  test('DISTRIBUTED without an ItemReader runs like inline', async () => {
    const outcome = await run(map({ ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, ...pass() } }), { input: [1, 2] });
    expect(outcome.output).toEqual([1, 2]);
  });

  test('a Map with an ItemReader and no object store is refused when constructed (UnsupportedDefinition)', () => {
    const definition = map({ ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'b', Key: 'k' } } });
    expect(() => machine(definition)).toThrow(expect.objectContaining({ name: 'UnsupportedDefinition', message: expect.stringContaining("State 'M'") }));
  });

  test('a Map with an ItemReader reads its items from the engine\'s object store', async () => {
    const store = new InMemoryObjectStore(['b']);
    store.put('b', 'k', '["arn:aws:states:::s3:getObject", 2]');
    const definition = map({ ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'b', Key: 'k' } }, ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, ...pass() } });
    const outcome = await machine(definition, { objectStore: store }).run();
    expect(outcome.output).toEqual(['arn:aws:states:::s3:getObject', 2]);
  });

  test('a reader failure is States.ItemReaderFailed', async () => {
    const definition = map({ ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'b', Key: 'nope' } }, ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, ...pass() } });
    const outcome = await machine(definition, { objectStore: new InMemoryObjectStore(['b']) }).run();
    expect(outcome).toMatchObject({ error: 'States.ItemReaderFailed', cause: expect.stringContaining('NoSuchKey') });
  });
});
