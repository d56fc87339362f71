/**
 * Time: the virtual clock (the engine's default) and the real one; execution and Task timeouts (Developer Guide,
 * "State machine structure", TimeoutSeconds; "Task workflow state", TimeoutSeconds/TimeoutSecondsPath/HeartbeatSeconds;
 * "Error handling", States.Timeout).
 */
import { AWAIT_CALLBACK } from '../../../../local/engine';
import { RealClock, VirtualClock } from '../../../../local/engine/clock';
import { details, machine, run, single, types } from '../support/engine';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
const NOW = new Date('2024-03-01T00:00:00.000Z');
const sleepReal = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the virtual clock', () => {
  test('a sleep with nothing in flight jumps at once and moves now() forward', async () => {
    const clock = new VirtualClock(NOW);
    const started = Date.now();
    await clock.sleep(3_600_000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(clock.now() - NOW.getTime()).toBeGreaterThanOrEqual(3_600_000);
  });

  test('while tracked work runs, a timer fires on the wall clock', async () => {
    const clock = new VirtualClock();
    const started = Date.now();
    const work = clock.track(sleepReal(300));
    await clock.sleep(100);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(290);
    await work;
  });

  test('timers fire in due order', async () => {
    const clock = new VirtualClock();
    const order: number[] = [];
    await Promise.all([clock.sleep(3000).then(() => order.push(3)), clock.sleep(1000).then(() => order.push(1)), clock.sleep(2000).then(() => order.push(2))]);
    expect(order).toEqual([1, 2, 3]);
  });

  test('an aborted sleep rejects', async () => {
    const clock = new VirtualClock();
    const control = new AbortController();
    const sleeping = clock.sleep(10_000, control.signal);
    control.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
  });

  test('the real clock really sleeps', async () => {
    const clock = new RealClock();
    const started = Date.now();
    await clock.sleep(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});

describe('execution timeout (Developer Guide, "State machine structure", TimeoutSeconds)', () => {
  test('TimeoutSeconds 20 with a 25 s Wait ends TIMED_OUT States.Timeout in milliseconds', async () => {
    const started = Date.now();
    const outcome = await run({ TimeoutSeconds: 20, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 25, End: true } } }, { startTime: NOW });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(outcome).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(types(outcome.history)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionTimedOut']);
    expect(Math.round((outcome.stopDate.getTime() - outcome.startDate.getTime()) / 1000)).toBe(20);
    expect(details(outcome.history[2])).toEqual({ error: 'States.Timeout' });
  });

  test('an execution that ends in time is not timed out', async () => {
    const outcome = await run({ TimeoutSeconds: 30, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 25, End: true } } });
    expect(outcome.status).toBe('SUCCEEDED');
  });

  test('the timeout stops a running Task handler (its signal aborts)', async () => {
    let aborted = false;
    const outcome = await run({ TimeoutSeconds: 1, ...single({ Type: 'Task', Resource: LAMBDA }) }, {
      taskHandlers: {
        S: (request) =>
          new Promise((resolve) => {
            request.signal.addEventListener('abort', () => ((aborted = true), resolve(null)));
          }),
      },
    });
    expect(outcome.status).toBe('TIMED_OUT');
    expect(aborted).toBe(true);
  });

  test('the real clock really waits', async () => {
    const started = Date.now();
    const outcome = await run(single({ Type: 'Wait', Seconds: 1 }), { clock: 'real' });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });
});

describe('Task timeouts (Developer Guide, "Task workflow state")', () => {
  test('TimeoutSeconds 1 with a handler that really takes 2 s: States.Timeout, TaskTimedOut', async () => {
    const started = Date.now();
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 1 }), { taskHandlers: { S: () => sleepReal(2000).then(() => 'late') } });
    expect(outcome.error).toBe('States.Timeout');
    expect(Date.now() - started).toBeLessThan(1900);
    const timedOut = outcome.history.find((e) => e.type === 'TaskTimedOut')!;
    expect(details(timedOut)).toEqual({ resourceType: 'lambda', resource: 'invoke', error: 'States.Timeout' });
  });

  test('a handler that never answers holds the virtual clock only briefly: a one-hour TimeoutSeconds costs about 1.5 s', async () => {
    const started = Date.now();
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 3600 }), { startTime: NOW, taskHandlers: { S: () => new Promise(() => undefined) } });
    expect(outcome.error).toBe('States.Timeout');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(Math.round((outcome.stopDate.getTime() - NOW.getTime()) / 1000)).toBe(3600);
  });

  test('virtualClockHoldMs sets how long a running handler holds the virtual clock', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 60 }), {
      virtualClockHoldMs: 50,
      taskHandlers: { S: () => sleepReal(400).then(() => 'late') },
    });
    expect(outcome.error).toBe('States.Timeout');
  });

  test('virtualClockWorkHoldMs Infinity: a handler that takes longer than the callback hold still answers before its Task times out', async () => {
    // A slow local call (queued behind busy function environments) must not let the clock jump to TimeoutSeconds.
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 60 }), {
      virtualClockHoldMs: 50,
      virtualClockWorkHoldMs: Infinity,
      taskHandlers: { S: () => sleepReal(400).then(() => 'late') },
    });
    expect(outcome).toMatchObject({ status: 'SUCCEEDED', output: 'late' });
  });

  test('virtualClockWorkHoldMs Infinity leaves an awaited task token to virtualClockHoldMs: the clock jumps to the timeout', async () => {
    const started = Date.now();
    const outcome = await run(single({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', TimeoutSeconds: 3600, Parameters: { 'T.$': '$$.Task.Token' } }), {
      startTime: NOW,
      virtualClockHoldMs: 50,
      virtualClockWorkHoldMs: Infinity,
      taskHandlers: { S: async () => AWAIT_CALLBACK },
    });
    expect(outcome.error).toBe('States.Timeout');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(Math.round((outcome.stopDate.getTime() - NOW.getTime()) / 1000)).toBe(3600);
  });

  test('TimeoutSecondsPath is read from the input after InputPath', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA, InputPath: '$.cfg', TimeoutSecondsPath: '$.t' }), {
      input: { cfg: { t: 1 } },
      taskHandlers: { S: () => sleepReal(1500) },
    });
    expect(outcome.error).toBe('States.Timeout');
  });

  test('TimeoutSecondsPath selecting a non-positive value: States.Runtime', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA, TimeoutSecondsPath: '$.t' }), { input: { t: 0 }, taskHandlers: { S: async () => 1 } });
    expect(outcome.error).toBe('States.Runtime');
  });

  test('TimeoutSeconds and HeartbeatSeconds appear in TaskScheduled', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 30, HeartbeatSeconds: 10 }), { taskHandlers: { S: async () => 1 } });
    expect(details(outcome.history.find((e) => e.type === 'TaskScheduled')!)).toMatchObject({ timeoutInSeconds: 30, heartbeatInSeconds: 10 });
  });

  test('JSONata TimeoutSeconds expression', async () => {
    const outcome = await run(single({ Type: 'Task', QueryLanguage: 'JSONata', Resource: LAMBDA, TimeoutSeconds: '{% $states.input.t %}' }), {
      input: { t: 1 },
      taskHandlers: { S: () => sleepReal(1500) },
    });
    expect(outcome.error).toBe('States.Timeout');
  });

  test('retry intervals cost no wall time but advance the timestamps', async () => {
    const started = Date.now();
    let calls = 0;
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 600, MaxAttempts: 2 }] }), {
      startTime: NOW,
      taskHandlers: { S: async () => (++calls < 3 ? Promise.reject(new Error('x')) : 'ok') },
    });
    expect(outcome.output).toBe('ok');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(Math.round((outcome.stopDate.getTime() - NOW.getTime()) / 1000)).toBe(1800);
  });

  test('StopExecution during a long Wait ends ABORTED with the given error and cause (API Reference, "StopExecution")', async () => {
    const execution = machine(single({ Type: 'Wait', Seconds: 100 })).start({ clock: 'real' });
    setTimeout(() => execution.stop('Halted', 'by test'), 20);
    const outcome = await execution.done;
    expect(outcome).toMatchObject({ status: 'ABORTED', error: 'Halted', cause: 'by test' });
    expect(types(outcome.history)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionAborted']);
  });
});
