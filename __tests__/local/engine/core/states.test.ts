/**
 * State kinds: Pass, Succeed, Fail, Choice, Wait, Task (ASL specification, "State Types"; Developer Guide, "Discovering
 * workflow states to use in Step Functions").
 */
import { run, single, types } from '../support/engine';

const NOW = new Date('2024-05-01T12:00:00.000Z');

describe('Pass (ASL spec "Pass State"; Developer Guide "Pass workflow state")', () => {
  test.each([
    ['no fields: output is the input', {}, { a: 1 }, { a: 1 }],
    ['Result replaces the input', { Result: { x: 1 } }, { a: 1 }, { x: 1 }],
    ['Result with ResultPath is placed into the input', { Result: 'r', ResultPath: '$.r' }, { a: 1 }, { a: 1, r: 'r' }],
    ['Result with ResultPath null keeps the input', { Result: 'r', ResultPath: null }, { a: 1 }, { a: 1 }],
    ['Parameters build the result', { Parameters: { 'b.$': '$.a', c: 2 } }, { a: 1 }, { b: 1, c: 2 }],
    ['InputPath then Parameters', { InputPath: '$.in', Parameters: { 'v.$': '$.x' } }, { in: { x: 5 } }, { v: 5 }],
    ['OutputPath selects from the output', { Result: { x: { y: 3 } }, OutputPath: '$.x' }, {}, { y: 3 }],
    ['a scalar Result', { Result: 42 }, {}, 42],
    ['Result null', { Result: null }, { a: 1 }, null],
  ])('%s', async (_name, fields, input, expected) => {
    const outcome = await run(single({ Type: 'Pass', ...fields }), { input });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.output).toEqual(expected);
  });

  test('JSONata Output (Developer Guide "Transforming data with JSONata")', async () => {
    const outcome = await run(single({ Type: 'Pass', QueryLanguage: 'JSONata', Output: { sum: '{% $states.input.a + 1 %}' } }), { input: { a: 1 } });
    expect(outcome.output).toEqual({ sum: 2 });
  });

  test('JSONata without Output passes the input through', async () => {
    const outcome = await run(single({ Type: 'Pass', QueryLanguage: 'JSONata' }), { input: { a: 1 } });
    expect(outcome.output).toEqual({ a: 1 });
  });
});

describe('Succeed (ASL spec "Succeed State")', () => {
  test('ends the execution with its input', async () => {
    const outcome = await run({ StartAt: 'S', States: { S: { Type: 'Succeed' } } }, { input: { ok: true } });
    expect(outcome).toMatchObject({ status: 'SUCCEEDED', output: { ok: true } });
    expect(types(outcome.history)).toEqual(['ExecutionStarted', 'SucceedStateEntered', 'SucceedStateExited', 'ExecutionSucceeded']);
  });

  test('InputPath and OutputPath apply', async () => {
    const outcome = await run({ StartAt: 'S', States: { S: { Type: 'Succeed', InputPath: '$.a', OutputPath: '$.b' } } }, { input: { a: { b: 7 } } });
    expect(outcome.output).toBe(7);
  });

  test('JSONata Output', async () => {
    const outcome = await run({ QueryLanguage: 'JSONata', StartAt: 'S', States: { S: { Type: 'Succeed', Output: '{% $states.input.n * 2 %}' } } }, { input: { n: 4 } });
    expect(outcome.output).toBe(8);
  });
});

describe('Fail (ASL spec "Fail State"; Developer Guide "Fail workflow state")', () => {
  const fail = (fields: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ StartAt: 'F', States: { F: { Type: 'Fail', ...fields } }, ...extra });

  test('Error and Cause', async () => {
    const outcome = await run(fail({ Error: 'MyError', Cause: 'because' }));
    expect(outcome).toMatchObject({ status: 'FAILED', error: 'MyError', cause: 'because' });
    expect(types(outcome.history)).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
    expect(outcome.history[2].executionFailedEventDetails).toEqual({ error: 'MyError', cause: 'because' });
  });

  test('without Error or Cause it reports none', async () => {
    const outcome = await run(fail({}));
    expect(outcome.status).toBe('FAILED');
    expect(outcome.error).toBeUndefined();
    expect(outcome.cause).toBeUndefined();
    expect(outcome.history[2].executionFailedEventDetails).toEqual({});
  });

  test('ErrorPath and CausePath read the input', async () => {
    const outcome = await run(fail({ ErrorPath: '$.e', CausePath: '$.c' }), { input: { e: 'E1', c: 'C1' } });
    expect(outcome).toMatchObject({ error: 'E1', cause: 'C1' });
  });

  test('CausePath may be an intrinsic function', async () => {
    const outcome = await run(fail({ Error: 'E', CausePath: "States.Format('code {}', $.code)" }), { input: { code: 7 } });
    expect(outcome.cause).toBe('code 7');
  });

  test('ErrorPath selecting a non-string is a States.Runtime error', async () => {
    const outcome = await run(fail({ ErrorPath: '$.e' }), { input: { e: 1 } });
    expect(outcome.error).toBe('States.Runtime');
    expect(outcome.cause).toMatch(/^An error occurred while executing the state 'F' \(entered at the event id #2\)\./);
  });

  test('JSONata Error and Cause', async () => {
    const outcome = await run(fail({ Error: '{% "E" & $states.input.n %}', Cause: '{% "n=" & $states.input.n %}' }, { QueryLanguage: 'JSONata' }), { input: { n: 3 } });
    expect(outcome).toMatchObject({ error: 'E3', cause: 'n=3' });
  });
});

describe('Choice (ASL spec "Choice State"; Developer Guide "Choice workflow state")', () => {
  const choice = (extra: Record<string, unknown> = {}, language?: string) => ({
    ...(language && { QueryLanguage: language }),
    StartAt: 'C',
    States: {
      C: {
        Type: 'Choice',
        Choices: language
          ? [{ Condition: '{% $states.input.n > 10 %}', Next: 'Big' }]
          : [{ Variable: '$.n', NumericGreaterThan: 10, Next: 'Big' }],
        ...extra,
      },
      Big: { Type: 'Pass', ...(language ? { Output: 'big' } : { Result: 'big' }), End: true },
      Small: { Type: 'Pass', ...(language ? { Output: 'small' } : { Result: 'small' }), End: true },
    },
  });

  test('the first matching rule names the next state', async () => {
    expect((await run(choice({ Default: 'Small' }), { input: { n: 11 } })).output).toBe('big');
  });

  test('Default when no rule matches', async () => {
    expect((await run(choice({ Default: 'Small' }), { input: { n: 1 } })).output).toBe('small');
  });

  test('no match and no Default: States.NoChoiceMatched', async () => {
    const outcome = await run(choice(), { input: { n: 1 } });
    expect(outcome).toMatchObject({ status: 'FAILED', error: 'States.NoChoiceMatched' });
    expect(outcome.cause).toBe('No Matches!');
  });

  test('rules are tried in order', async () => {
    const definition = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 0, Next: 'A' }, { Variable: '$.n', NumericGreaterThan: 5, Next: 'B' }] },
        A: { Type: 'Pass', Result: 'A', End: true },
        B: { Type: 'Pass', Result: 'B', End: true },
      },
    };
    expect((await run(definition, { input: { n: 9 } })).output).toBe('A');
  });

  test('InputPath and OutputPath apply to the Choice output', async () => {
    const definition = {
      StartAt: 'C',
      States: { C: { Type: 'Choice', InputPath: '$.in', OutputPath: '$.n', Choices: [{ Variable: '$.n', NumericEquals: 1, Next: 'E' }] }, E: { Type: 'Succeed' } },
    };
    expect((await run(definition, { input: { in: { n: 1 } } })).output).toBe(1);
  });

  test('JSONata Condition', async () => {
    expect((await run(choice({ Default: 'Small' }, 'JSONata'), { input: { n: 50 } })).output).toBe('big');
  });

  test('JSONata Condition that is not a boolean: States.QueryEvaluationError', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n %}', Next: 'E' }], Default: 'E' }, E: { Type: 'Succeed' } },
    };
    const outcome = await run(definition, { input: { n: 1 } });
    expect(outcome.error).toBe('States.QueryEvaluationError');
    expect(outcome.cause).toMatch(/^An error occurred while executing the state 'C' \(entered at the event id #2\)\. /);
  });

  test('JSONata rule Output shapes the output', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [{ Condition: '{% true %}', Output: { picked: 1 }, Next: 'E' }] }, E: { Type: 'Succeed' } },
    };
    expect((await run(definition)).output).toEqual({ picked: 1 });
  });

  test('history has ChoiceStateEntered and ChoiceStateExited', async () => {
    const outcome = await run(choice({ Default: 'Small' }), { input: { n: 1 } });
    expect(types(outcome.history).slice(1, 3)).toEqual(['ChoiceStateEntered', 'ChoiceStateExited']);
  });
});

describe('Wait (ASL spec "Wait State"; Developer Guide "Wait workflow state")', () => {
  const waitThenPass = (fields: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    ...extra,
    StartAt: 'W',
    States: { W: { Type: 'Wait', ...fields, Next: 'P' }, P: { Type: 'Pass', End: true } },
  });
  const waited = (outcome: { history: readonly { type: string; timestamp: Date }[] }) => {
    const entered = outcome.history.find((e) => e.type === 'WaitStateEntered')!;
    const exited = outcome.history.find((e) => e.type === 'WaitStateExited')!;
    return Math.round((exited.timestamp.getTime() - entered.timestamp.getTime()) / 1000);
  };

  test.each([
    ['Seconds', { Seconds: 30 }, {}, 30],
    ['SecondsPath', { SecondsPath: '$.s' }, { s: 12 }, 12],
    ['Timestamp', { Timestamp: '2024-05-01T12:01:00Z' }, {}, 60],
    ['TimestampPath', { TimestampPath: '$.t' }, { t: '2024-05-01T12:00:10.000Z' }, 10],
    ['a Timestamp in the past does not wait', { Timestamp: '2020-01-01T00:00:00Z' }, {}, 0],
    ['Seconds 0', { Seconds: 0 }, {}, 0],
  ])('%s waits on the execution clock', async (_name, fields, input, seconds) => {
    const outcome = await run(waitThenPass(fields), { input, startTime: NOW });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(waited(outcome)).toBe(seconds);
    expect(outcome.output).toEqual(input);
  });

  test.each([
    ['SecondsPath selecting a string', { SecondsPath: '$.s' }, { s: 'ten' }],
    ['SecondsPath selecting a negative number', { SecondsPath: '$.s' }, { s: -1 }],
    ['SecondsPath selecting a fraction', { SecondsPath: '$.s' }, { s: 1.5 }],
    ['TimestampPath selecting a non-timestamp', { TimestampPath: '$.t' }, { t: 'tomorrow' }],
    ['TimestampPath selecting a number', { TimestampPath: '$.t' }, { t: 5 }],
  ])('%s fails States.Runtime even on the virtual clock', async (_name, fields, input) => {
    const outcome = await run(waitThenPass(fields), { input });
    expect(outcome.error).toBe('States.Runtime');
    expect(outcome.cause).toMatch(/^An error occurred while executing the state 'W' \(entered at the event id #2\)\. /);
  });

  test('a SecondsPath that selects nothing fails States.Runtime', async () => {
    const outcome = await run(waitThenPass({ SecondsPath: '$.missing' }), { input: {} });
    expect(outcome.error).toBe('States.Runtime');
  });

  test('JSONata Seconds expression', async () => {
    const outcome = await run(waitThenPass({ Seconds: '{% $states.input.s * 2 %}' }, { QueryLanguage: 'JSONata' }), { input: { s: 5 }, startTime: NOW });
    expect(waited(outcome)).toBe(10);
  });

  test('JSONata Timestamp expression', async () => {
    const outcome = await run(waitThenPass({ Timestamp: '{% $states.input.t %}' }, { QueryLanguage: 'JSONata' }), { input: { t: '2024-05-01T12:00:05Z' }, startTime: NOW });
    expect(waited(outcome)).toBe(5);
  });

  test('InputPath and OutputPath apply', async () => {
    const outcome = await run(waitThenPass({ Seconds: 1, InputPath: '$.a', OutputPath: '$.b' }), { input: { a: { b: 2 } } });
    expect(outcome.output).toBe(2);
  });
});
