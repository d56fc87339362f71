/**
 * Retry and Catch (ASL specification, "Errors", "Retrying after an error", "Fallback states"; Developer Guide, "Error
 * handling in Step Functions").
 */
import { StatesError } from '../../../../local/engine';
import { errorMatches, RetryCounter } from '../../../../local/engine/retry';
import { details, run, single, types } from '../support/engine';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
const NOW = new Date('2024-01-01T00:00:00.000Z');

/** A handler failing with `error` the first `times` calls, then answering `ok`. */
function flaky(times: number, error = 'Boom') {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    handler: async () => {
      calls += 1;
      if (calls <= times) throw new StatesError(error, `failure ${calls}`);
      return 'ok';
    },
  };
}

/** Seconds between consecutive TaskScheduled events. */
function intervals(history: readonly { type: string; timestamp: Date }[]): number[] {
  const scheduled = history.filter((e) => e.type === 'TaskScheduled').map((e) => e.timestamp.getTime());
  return scheduled.slice(1).map((t, i) => Math.round((t - scheduled[i]) / 100) / 10);
}

describe('error name matching (Developer Guide, "Error names")', () => {
  test.each([
    [['Boom'], 'Boom', true],
    [['Other'], 'Boom', false],
    [['States.ALL'], 'Boom', true],
    [['States.ALL'], 'States.Timeout', true],
    [['States.TaskFailed'], 'Boom', true],
    [['States.TaskFailed'], 'States.Timeout', false],
    [['States.ALL'], 'States.Runtime', false],
    [['States.Runtime'], 'States.Runtime', false],
    [['States.ALL'], 'States.DataLimitExceeded', true],
    [['States.TaskFailed'], 'States.DataLimitExceeded', false],
    [['States.DataLimitExceeded'], 'States.DataLimitExceeded', true],
    [['States.Timeout'], 'States.Timeout', true],
  ])('%j matches %s: %s', (errorEquals, error, expected) => {
    expect(errorMatches(errorEquals, error)).toBe(expected);
  });
});

describe('Retry', () => {
  test('retries until success; the output is the last attempt\'s', async () => {
    const task = flaky(2);
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['Boom'] }] }), { taskHandlers: { S: task.handler } });
    expect(outcome.output).toBe('ok');
    expect(task.calls).toBe(3);
  });

  test('MaxAttempts defaults to 3 (four attempts in all)', async () => {
    const task = flaky(10);
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['Boom'] }] }), { taskHandlers: { S: task.handler } });
    expect(outcome.error).toBe('Boom');
    expect(outcome.cause).toBe('failure 4');
    expect(task.calls).toBe(4);
  });

  test('MaxAttempts 0 never retries', async () => {
    const task = flaky(10);
    await run(single({ Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 0 }] }), { taskHandlers: { S: task.handler } });
    expect(task.calls).toBe(1);
  });

  test('IntervalSeconds defaults to 1 and BackoffRate to 2.0', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['Boom'] }] }), { startTime: NOW, taskHandlers: { S: flaky(10).handler } });
    expect(intervals(outcome.history)).toEqual([1, 2, 4]);
  });

  test('IntervalSeconds and BackoffRate', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['Boom'], IntervalSeconds: 3, BackoffRate: 1.5, MaxAttempts: 3 }] }), {
      startTime: NOW,
      taskHandlers: { S: flaky(10).handler },
    });
    expect(intervals(outcome.history)).toEqual([3, 4.5, 6.8]);
  });

  test('MaxDelaySeconds caps the backoff', async () => {
    const outcome = await run(
      single({ Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['Boom'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 4, MaxDelaySeconds: 10 }] }),
      { startTime: NOW, taskHandlers: { S: flaky(10).handler } },
    );
    expect(intervals(outcome.history)).toEqual([2, 6, 10, 10]);
  });

  test('JitterStrategy FULL draws the delay from [0, the computed delay]', () => {
    const counter = new RetryCounter([{ ErrorEquals: ['E'], IntervalSeconds: 10, JitterStrategy: 'FULL' }], () => 0.25);
    expect(counter.next(new StatesError('E', ''))?.delayMs).toBe(2500);
    expect(counter.next(new StatesError('E', ''))?.delayMs).toBe(5000);
  });

  test('JitterStrategy NONE keeps the computed delay', () => {
    const counter = new RetryCounter([{ ErrorEquals: ['E'], IntervalSeconds: 10, JitterStrategy: 'NONE' }], () => 0.25);
    expect(counter.next(new StatesError('E', ''))?.delayMs).toBe(10000);
  });

  test('the first matching retrier decides, even when its attempts are used up', async () => {
    const task = flaky(10);
    await run(single({ Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 1 }, { ErrorEquals: ['States.ALL'], MaxAttempts: 5 }] }), {
      taskHandlers: { S: task.handler },
    });
    expect(task.calls).toBe(2);
  });

  test('each retrier keeps its own count', async () => {
    let calls = 0;
    const errors = ['A', 'B', 'A', 'B', 'A'];
    await run(single({ Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['A'], MaxAttempts: 2 }, { ErrorEquals: ['B'], MaxAttempts: 2 }] }), {
      taskHandlers: { S: async () => Promise.reject(new StatesError(errors[calls++] ?? 'A', '')) },
    });
    expect(calls).toBe(5);
  });

  test('$$.State.RetryCount counts the retries', async () => {
    const seen: number[] = [];
    await run(single({ Type: 'Task', Resource: LAMBDA, Parameters: { 'n.$': '$$.State.RetryCount' }, Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 2 }] }), {
      taskHandlers: {
        S: async (r) => {
          seen.push((r.input as { n: number }).n);
          throw new StatesError('Boom', '');
        },
      },
    });
    expect(seen).toEqual([0, 1, 2]);
  });

  test('a retried Task records one TaskStateEntered and one TaskScheduled per attempt', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['Boom'] }] }), { taskHandlers: { S: flaky(1).handler } });
    expect(types(outcome.history)).toEqual([
      'ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded',
    ]);
    expect(details(outcome.history[4])).toEqual({ resourceType: 'lambda', resource: 'invoke', error: 'Boom', cause: 'failure 1' });
  });

  test('States.Runtime is never retried', async () => {
    let calls = 0;
    await run(single({ Type: 'Task', Resource: LAMBDA, OutputPath: '$.missing', Retry: [{ ErrorEquals: ['States.ALL'] }] }), {
      taskHandlers: { S: async () => (calls++, {}) },
    });
    expect(calls).toBe(1);
  });
});

describe('Catch', () => {
  const caught = (catcher: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    StartAt: 'T',
    States: {
      T: { Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'H', ...catcher }], End: true, ...extra },
      H: { Type: 'Pass', End: true },
    },
  });
  const failing = { S: async () => Promise.reject(new StatesError('Boom', 'why')), T: async () => Promise.reject(new StatesError('Boom', 'why')) };

  test('the error output replaces the input by default (ResultPath "$")', async () => {
    const outcome = await run(caught({}), { input: { a: 1 }, taskHandlers: failing });
    expect(outcome.output).toEqual({ Error: 'Boom', Cause: 'why' });
  });

  test('ResultPath places the error output into the raw input', async () => {
    const outcome = await run(caught({ ResultPath: '$.err' }), { input: { a: 1 }, taskHandlers: failing });
    expect(outcome.output).toEqual({ a: 1, err: { Error: 'Boom', Cause: 'why' } });
  });

  test('ResultPath null keeps the input', async () => {
    const outcome = await run(caught({ ResultPath: null }), { input: { a: 1 }, taskHandlers: failing });
    expect(outcome.output).toEqual({ a: 1 });
  });

  test("the state's OutputPath does not apply to a caught error", async () => {
    const outcome = await run(caught({ ResultPath: '$.err' }, { OutputPath: '$.a' }), { input: { a: 1 }, taskHandlers: failing });
    expect(outcome.output).toEqual({ a: 1, err: { Error: 'Boom', Cause: 'why' } });
  });

  test('the first matching catcher wins', async () => {
    const definition = {
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: ['Other'], Next: 'A' }, { ErrorEquals: ['Boom'], Next: 'B' }, { ErrorEquals: ['States.ALL'], Next: 'A' }], End: true },
        A: { Type: 'Pass', Result: 'A', End: true },
        B: { Type: 'Pass', Result: 'B', End: true },
      },
    };
    expect((await run(definition, { taskHandlers: failing })).output).toBe('B');
  });

  test('Retry runs out before Catch applies', async () => {
    const task = flaky(10);
    const definition = caught({}, { Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 2 }] });
    const outcome = await run(definition, { taskHandlers: { T: task.handler } });
    expect(task.calls).toBe(3);
    expect(outcome.output).toEqual({ Error: 'Boom', Cause: 'failure 3' });
  });

  test('a caught Task exits (TaskStateExited) with the catcher output', async () => {
    const outcome = await run(caught({}), { taskHandlers: failing });
    expect(types(outcome.history)).toEqual([
      'ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'TaskStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded',
    ]);
  });

  test('States.Runtime is not caught by States.ALL', async () => {
    const outcome = await run(caught({}, { ResultSelector: { 'x.$': '$.missing' } }), { taskHandlers: { T: async () => ({}) } });
    expect(outcome.error).toBe('States.Runtime');
  });

  test('States.Timeout from TimeoutSeconds is caught; its error output has an empty Cause (recorded AWS executions)', async () => {
    const outcome = await run(caught({}, { TimeoutSeconds: 1 }), { taskHandlers: { T: () => new Promise((resolve) => setTimeout(resolve, 1500)) } });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.output).toEqual({ Error: 'States.Timeout', Cause: '' });
  });

  test('States.TaskFailed does not catch States.Timeout', async () => {
    const outcome = await run(caught({ ErrorEquals: ['States.TaskFailed'] }, { TimeoutSeconds: 1 }), { taskHandlers: { T: () => new Promise((resolve) => setTimeout(resolve, 1500)) } });
    expect(outcome.error).toBe('States.Timeout');
  });

  test('JSONata catcher Output and Assign with $states.errorOutput', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: LAMBDA,
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'H', Output: { e: '{% $states.errorOutput.Error %}', in: '{% $states.input.a %}' }, Assign: { cause: '{% $states.errorOutput.Cause %}' } }],
          End: true,
        },
        H: { Type: 'Pass', Output: { out: '{% $states.input %}', cause: '{% $cause %}' }, End: true },
      },
    };
    const outcome = await run(definition, { input: { a: 1 }, taskHandlers: failing });
    expect(outcome.output).toEqual({ out: { e: 'Boom', in: 1 }, cause: 'why' });
  });

  test('JSONata catcher without Output: the output is the error output', async () => {
    const definition = { QueryLanguage: 'JSONata', ...caught({}) };
    expect((await run(definition, { input: { a: 1 }, taskHandlers: failing })).output).toEqual({ Error: 'Boom', Cause: 'why' });
  });
});
