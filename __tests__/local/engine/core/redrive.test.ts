/**
 * Continuing an execution from its history (ExecutionOptions.redriveFrom): Developer Guide, "Redriving executions";
 * API Reference, "RedriveExecution", "ExecutionRedrivenEventDetails".
 */
import { ExecutionNotContinuable, StatesError, type ExecutionOutcome, type HistoryEvent, type TaskHandler } from '../../../../local/engine';
import { details, machine, types } from '../support/engine';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

/** A handler that fails (StatesError `Boom`) until `ok` is set, counting its calls. */
function flaky(result: unknown = 'done'): TaskHandler & { calls: number; ok: boolean } {
  const handler = Object.assign(
    async () => {
      handler.calls += 1;
      if (!handler.ok) throw new StatesError('Boom', 'not yet');
      return result;
    },
    { calls: 0, ok: false },
  );
  return handler;
}

/** The states entered after the ExecutionRedriven event (or after event `from`). */
function enteredAfter(history: readonly HistoryEvent[], from: number): string[] {
  return history.filter((e) => e.id > from && e.type.endsWith('StateEntered')).map((e) => details(e).name as string);
}

function expectContiguousIds(history: readonly HistoryEvent[]): void {
  expect(history.map((e) => e.id)).toEqual(history.map((_, i) => i + 1));
}

describe('a redrive runs again from the unsuccessful state', () => {
  const definition = {
    StartAt: 'First',
    States: {
      First: { Type: 'Pass', Result: { a: 1 }, ResultPath: '$.first', Next: 'Charge' },
      Charge: { Type: 'Task', Resource: LAMBDA, Next: 'Done' },
      Done: { Type: 'Pass', End: true },
    },
  };

  async function failedThenRedriven(): Promise<{ first: ExecutionOutcome; second: ExecutionOutcome; charge: ReturnType<typeof flaky>; seen: unknown[] }> {
    const sm = machine(definition, { name: 'Orders' });
    const seen: unknown[] = [];
    const charge = flaky({ charged: true });
    const handlers = { Charge: (request: Parameters<TaskHandler>[0]) => (seen.push(request), charge(request)) };
    const first = await sm.run({ name: 'run-1', input: { id: 7 }, taskHandlers: handlers });
    charge.ok = true;
    const second = await sm.run({ name: 'run-1', taskHandlers: handlers, redriveFrom: { history: first.history, redriveCount: 1 } });
    return { first, second, charge, seen };
  }

  test('FAILED, then SUCCEEDED with the output the whole run would give', async () => {
    const { first, second } = await failedThenRedriven();
    expect(first.status).toBe('FAILED');
    expect(second).toMatchObject({ status: 'SUCCEEDED', name: 'run-1', executionArn: first.executionArn, input: { id: 7 }, output: { charged: true } });
    expect(second.startDate).toEqual(first.startDate);
  });

  test('the history goes on: ExecutionRedriven {redriveCount: 1} after ExecutionFailed, ids continuing, then the failed state again', async () => {
    const { first, second } = await failedThenRedriven();
    const n = first.history.length;
    expect(second.history.slice(0, n)).toEqual(first.history);
    const redriven = second.history[n];
    expect(redriven).toMatchObject({ id: n + 1, previousEventId: n, type: 'ExecutionRedriven', executionRedrivenEventDetails: { redriveCount: 1 } });
    expect(second.history[n + 1]).toMatchObject({ type: 'TaskStateEntered', previousEventId: n + 1 });
    expect(enteredAfter(second.history, n)).toEqual(['Charge', 'Done']);
    expect(types(second.history).filter((t) => t === 'ExecutionStarted')).toHaveLength(1);
    expectContiguousIds(second.history);
  });

  test("the failed state gets its recorded input; $$.Execution keeps Id, Name, Input, StartTime and counts RedriveCount", async () => {
    const { first, seen } = await failedThenRedriven();
    expect(seen).toHaveLength(2);
    const [before, after] = seen as { input: unknown; context: { Execution: Record<string, unknown> } }[];
    expect(after.input).toEqual({ id: 7, first: { a: 1 } });
    expect(before.context.Execution.RedriveCount).toBe(0);
    expect(after.context.Execution).toEqual({ ...before.context.Execution, RedriveCount: 1 });
    expect(after.context.Execution.Id).toBe(first.executionArn);
  });

  test('a second redrive counts 2', async () => {
    const sm = machine(definition);
    const charge = flaky();
    const first = await sm.run({ name: 'x', taskHandlers: { Charge: charge } });
    const second = await sm.run({ name: 'x', taskHandlers: { Charge: charge }, redriveFrom: { history: first.history, redriveCount: 1 } });
    charge.ok = true;
    const third = await sm.run({ name: 'x', taskHandlers: { Charge: charge }, redriveFrom: { history: second.history, redriveCount: 2 } });
    expect(second.status).toBe('FAILED');
    expect(third.status).toBe('SUCCEEDED');
    expect(third.history.filter((e) => e.type === 'ExecutionRedriven').map((e) => details(e).redriveCount)).toEqual([1, 2]);
    expect(charge.calls).toBe(3);
    expectContiguousIds(third.history);
  });
});

describe('what ran before is not run again', () => {
  test('a Task, a Choice and a Wait before the failed Task', async () => {
    const definition = {
      StartAt: 'Reserve',
      States: {
        Reserve: { Type: 'Task', Resource: LAMBDA, ResultPath: '$.reserved', Next: 'Route' },
        Route: { Type: 'Choice', Choices: [{ Variable: '$.reserved', BooleanEquals: true, Next: 'Pause' }], Default: 'Never' },
        Never: { Type: 'Fail', Error: 'Wrong' },
        Pause: { Type: 'Wait', Seconds: 60, Next: 'Ship' },
        Ship: { Type: 'Task', Resource: LAMBDA, End: true },
      },
    };
    let reserves = 0;
    const ship = flaky({ shipped: true });
    const handlers = { Reserve: async () => (++reserves, true), Ship: ship };
    const sm = machine(definition);
    const first = await sm.run({ name: 'e', taskHandlers: handlers });
    ship.ok = true;
    const second = await sm.run({ name: 'e', taskHandlers: handlers, redriveFrom: { history: first.history, redriveCount: 1 } });
    expect(second.status).toBe('SUCCEEDED');
    expect(reserves).toBe(1);
    expect(enteredAfter(second.history, first.history.length)).toEqual(['Ship']);
  });

  test('after a caught failure, the redrive resumes at the state the Catch went to', async () => {
    const definition = {
      StartAt: 'Try',
      States: {
        Try: { Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Recover' }], Next: 'Done' },
        Recover: { Type: 'Task', Resource: LAMBDA, End: true },
        Done: { Type: 'Pass', End: true },
      },
    };
    const tryIt = flaky();
    const recover = flaky({ recovered: true });
    const sm = machine(definition);
    const first = await sm.run({ name: 'c', taskHandlers: { Try: tryIt, Recover: recover } });
    recover.ok = true;
    const second = await sm.run({ name: 'c', taskHandlers: { Try: tryIt, Recover: recover }, redriveFrom: { history: first.history, redriveCount: 1 } });
    expect(second).toMatchObject({ status: 'SUCCEEDED', output: { recovered: true } });
    expect(tryIt.calls).toBe(1);
    expect(enteredAfter(second.history, first.history.length)).toEqual(['Recover']);
  });

  test("Retry counters start again: the redriven Task's first attempt has RetryCount 0", async () => {
    const counts: number[] = [];
    const definition = { StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 1, IntervalSeconds: 1 }], End: true } } };
    let ok = false;
    const T: TaskHandler = async ({ retryCount }) => {
      counts.push(retryCount);
      if (!ok) throw new StatesError('Boom', '');
      return 1;
    };
    const sm = machine(definition);
    const first = await sm.run({ name: 'r', taskHandlers: { T } });
    ok = true;
    await sm.run({ name: 'r', taskHandlers: { T }, redriveFrom: { history: first.history, redriveCount: 1 } });
    expect(counts).toEqual([0, 1, 0]);
  });

  test('an aborted execution (stopped in a Wait) is redriven from the Wait', async () => {
    const definition = {
      StartAt: 'A',
      States: { A: { Type: 'Pass', Result: 1, Next: 'W' }, W: { Type: 'Wait', Seconds: 5, Next: 'B' }, B: { Type: 'Pass', End: true } },
    };
    const sm = machine(definition);
    const running = sm.start({ name: 's', clock: 'real' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    running.stop('Stopped', 'by the test');
    const first = await running.done;
    expect(first.status).toBe('ABORTED');
    const second = await sm.run({ name: 's', redriveFrom: { history: first.history, redriveCount: 1 } });
    expect(second).toMatchObject({ status: 'SUCCEEDED', output: 1 });
    expect(enteredAfter(second.history, first.history.length)).toEqual(['W', 'B']);
  });
});

describe('variables are as the states before the failed one left them', () => {
  test('JSONPath: Assign of earlier states (the last assignment wins)', async () => {
    const definition = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { who: 'ann', n: 1 }, Next: 'B' },
        B: { Type: 'Pass', Assign: { 'n.$': '$n' }, Next: 'C' },
        C: { Type: 'Pass', Assign: { n: 3 }, Next: 'T' },
        T: { Type: 'Task', Resource: LAMBDA, Parameters: { 'who.$': '$who', 'n.$': '$n' }, End: true },
      },
    };
    const t = flaky();
    const sm = machine(definition);
    const first = await sm.run({ name: 'v', taskHandlers: { T: async (r) => (await t(r), r.input) } });
    t.ok = true;
    const second = await sm.run({ name: 'v', taskHandlers: { T: async (r) => (await t(r), r.input) }, redriveFrom: { history: first.history, redriveCount: 1 } });
    expect(second.output).toEqual({ who: 'ann', n: 3 });
  });

  test('JSONata: variables, $states.input and $states.context of the redriven state', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { total: '{% $states.input.price * 2 %}' }, Output: { step: 'a' }, Next: 'T' },
        T: {
          Type: 'Task',
          Resource: LAMBDA,
          Arguments: { total: '{% $total %}', step: '{% $states.input.step %}', redrives: '{% $states.context.Execution.RedriveCount %}' },
          Output: '{% $states.result %}',
          End: true,
        },
      },
    };
    const t = flaky();
    const handler: TaskHandler = async (r) => (await t(r), r.input);
    const sm = machine(definition);
    const first = await sm.run({ name: 'j', input: { price: 5 }, taskHandlers: { T: handler } });
    t.ok = true;
    const second = await sm.run({ name: 'j', taskHandlers: { T: handler }, redriveFrom: { history: first.history, redriveCount: 1 } });
    expect(second.output).toEqual({ total: 10, step: 'a', redrives: 1 });
  });

  test("variables assigned inside a Parallel branch stay out of the top-level scope", async () => {
    const definition = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { x: 'outer' }, Next: 'P' },
        P: { Type: 'Parallel', Branches: [{ StartAt: 'In', States: { In: { Type: 'Pass', Assign: { x: 'inner' }, End: true } } }], ResultPath: null, Next: 'T' },
        T: { Type: 'Task', Resource: LAMBDA, Parameters: { 'x.$': '$x' }, End: true },
      },
    };
    const t = flaky();
    const handler: TaskHandler = async (r) => (await t(r), r.input);
    const sm = machine(definition);
    const first = await sm.run({ name: 'p', taskHandlers: { T: handler } });
    t.ok = true;
    const second = await sm.run({ name: 'p', taskHandlers: { T: handler }, redriveFrom: { history: first.history, redriveCount: 1 } });
    expect(second.output).toEqual({ x: 'outer' });
    expect(enteredAfter(second.history, first.history.length)).toEqual(['T']);
  });
});

describe('an inline Map or a Parallel runs only its iterations and branches that did not succeed', () => {
  test('Parallel: only the failed branch runs again; the state before it does not', async () => {
    let befores = 0;
    let lefts = 0;
    const right = flaky('R');
    const definition = {
      StartAt: 'Before',
      States: {
        Before: { Type: 'Task', Resource: LAMBDA, Next: 'P' },
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Left', States: { Left: { Type: 'Task', Resource: LAMBDA, End: true } } },
            { StartAt: 'Right', States: { Right: { Type: 'Task', Resource: LAMBDA, End: true } } },
          ],
          End: true,
        },
      },
    };
    const handlers = { Before: async () => ++befores, Left: async () => (++lefts, 'L'), Right: right };
    const sm = machine(definition);
    const first = await sm.run({ name: 'par', taskHandlers: handlers });
    right.ok = true;
    const second = await sm.run({ name: 'par', taskHandlers: handlers, redriveFrom: { history: first.history, redriveCount: 1 } });
    expect(second).toMatchObject({ status: 'SUCCEEDED', output: ['L', 'R'] });
    expect(befores).toBe(1);
    expect(lefts).toBe(1);
    expect(right.calls).toBe(2);
    expect(enteredAfter(second.history, first.history.length)).toEqual(['P', 'Right']);
  });

  test('inline Map: only the failed iteration runs again, then the states after it', async () => {
    const item = flaky();
    let calls = 0;
    const definition = {
      StartAt: 'Items',
      States: {
        Items: { Type: 'Map', ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: LAMBDA, End: true } } }, Next: 'After' },
        After: { Type: 'Pass', End: true },
      },
    };
    const handlers = { Work: async (r: Parameters<TaskHandler>[0]) => (++calls, r.input === 2 ? await item(r) : r.input) };
    const sm = machine(definition);
    const first = await sm.run({ name: 'm', input: [1, 2], taskHandlers: handlers });
    expect(first.status).toBe('FAILED');
    item.ok = true;
    const second = await sm.run({ name: 'm', taskHandlers: handlers, redriveFrom: { history: first.history, redriveCount: 1 } });
    expect(second).toMatchObject({ status: 'SUCCEEDED', output: [1, 'done'] });
    expect(calls).toBe(3);
    expect(enteredAfter(second.history, first.history.length)).toEqual(['Items', 'Work', 'After']);
    const rerun = second.history.slice(first.history.length).filter((e) => e.type === 'MapIterationStarted');
    expect(rerun.map((e) => details(e))).toEqual([{ name: 'Items', index: 1 }]);
  });

  test('inline Map over two redrives: each runs the iterations still unsuccessful, the outputs of all are kept', async () => {
    const runs: number[] = [];
    let failing = new Set([1, 2]);
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Items',
      States: {
        Items: {
          Type: 'Map',
          MaxConcurrency: 1,
          ToleratedFailureCount: 0,
          ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: LAMBDA, Output: '{% $states.result %}', End: true } } },
          End: true,
        },
      },
    };
    const Work: TaskHandler = async ({ input }) => {
      runs.push(input as number);
      if (failing.has(input as number)) throw new StatesError('Boom', `item ${input}`);
      return (input as number) * 10;
    };
    const sm = machine(definition);
    const first = await sm.run({ name: 'two', input: [0, 1, 2], taskHandlers: { Work } });
    expect(first.status).toBe('FAILED');
    failing = new Set([2]);
    const second = await sm.run({ name: 'two', taskHandlers: { Work }, redriveFrom: { history: first.history, redriveCount: 1 } });
    expect(second.status).toBe('FAILED');
    failing = new Set();
    const third = await sm.run({ name: 'two', taskHandlers: { Work }, redriveFrom: { history: second.history, redriveCount: 2 } });
    expect(third).toMatchObject({ status: 'SUCCEEDED', output: [0, 10, 20] });
    expect(runs).toEqual([0, 1, 1, 2, 2]);
  });

  test('Parallel with a Retry: a failure after the redrive runs every branch again', async () => {
    let lefts = 0;
    const definition = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 1, IntervalSeconds: 1 }],
          Branches: [
            { StartAt: 'Left', States: { Left: { Type: 'Task', Resource: LAMBDA, End: true } } },
            { StartAt: 'Right', States: { Right: { Type: 'Task', Resource: LAMBDA, End: true } } },
          ],
          End: true,
        },
      },
    };
    let rights = 0;
    const Right = async (): Promise<string> => {
      if (++rights <= 3) throw new StatesError('Boom', `attempt ${rights}`);
      return 'R';
    };
    const handlers = { Left: async () => (++lefts, 'L'), Right };
    const sm = machine(definition);
    const first = await sm.run({ name: 'pr', taskHandlers: handlers });
    expect(first.status).toBe('FAILED');
    expect(lefts).toBe(2);
    const second = await sm.run({ name: 'pr', taskHandlers: handlers, redriveFrom: { history: first.history, redriveCount: 1 } });
    expect(second).toMatchObject({ status: 'SUCCEEDED', output: ['L', 'R'] });
    // The redrive's first attempt ran Right only (it failed again); its Retry ran both branches.
    expect(lefts).toBe(3);
    expect(rights).toBe(4);
  });

  test('Parallel: a finished branch of several states (a Choice to a Succeed) keeps the output its last state gave', async () => {
    const right = flaky('R');
    let steps = 0;
    const definition = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Count',
              States: {
                Count: { Type: 'Task', Resource: LAMBDA, ResultPath: '$.n', Next: 'Check' },
                Check: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: 1, Next: 'Fine' }], Default: 'Bad' },
                Fine: { Type: 'Succeed', OutputPath: '$.n' },
                Bad: { Type: 'Fail', Error: 'Bad' },
              },
            },
            { StartAt: 'Right', States: { Right: { Type: 'Task', Resource: LAMBDA, End: true } } },
          ],
          End: true,
        },
      },
    };
    // Right fails once the other branch has finished (a failing branch stops those still running).
    const Right: TaskHandler = async (r) => (await new Promise((resolve) => setTimeout(resolve, 30)), right(r));
    const handlers = { Count: async () => ++steps, Right };
    const sm = machine(definition);
    const first = await sm.run({ name: 'pc', input: {}, taskHandlers: handlers });
    right.ok = true;
    const second = await sm.run({ name: 'pc', taskHandlers: handlers, redriveFrom: { history: first.history, redriveCount: 1 } });
    expect(second).toMatchObject({ status: 'SUCCEEDED', output: [1, 'R'] });
    expect(steps).toBe(1);
  });

  test('a caught Map failure: the redrive resumes at the Catch target, not in the Map', async () => {
    const definition = {
      StartAt: 'Items',
      States: {
        Items: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'Items', States: { Items: { Type: 'Pass', Next: 'Fail' }, Fail: { Type: 'Fail', Error: 'Bad' } } },
          Catch: [{ ErrorEquals: ['Bad'], Next: 'Handle' }],
          End: true,
        },
        Handle: { Type: 'Task', Resource: LAMBDA, End: true },
      },
    };
    const handle = flaky('handled');
    const sm = machine(definition);
    const first = await sm.run({ name: 'mc', input: [1], taskHandlers: { Handle: handle } });
    handle.ok = true;
    const second = await sm.run({ name: 'mc', taskHandlers: { Handle: handle }, redriveFrom: { history: first.history, redriveCount: 1 } });
    expect(second).toMatchObject({ status: 'SUCCEEDED', output: 'handled' });
    expect(enteredAfter(second.history, first.history.length)).toEqual(['Handle']);
  });
});

describe('continuing without a redrive (a restart after the process ended)', () => {
  const definition = {
    StartAt: 'A',
    States: {
      A: { Type: 'Pass', Assign: { v: 'kept' }, Next: 'Route' },
      Route: { Type: 'Choice', Choices: [{ Variable: '$.go', BooleanEquals: true, Next: 'T' }], Default: 'End' },
      T: { Type: 'Task', Resource: LAMBDA, Parameters: { 'v.$': '$v' }, End: true },
      End: { Type: 'Succeed' },
    },
  };

  async function cutAfter(predicate: (e: HistoryEvent) => boolean): Promise<{ cut: HistoryEvent[]; full: ExecutionOutcome }> {
    const full = await machine(definition).run({ name: 'k', input: { go: true }, taskHandlers: { T: async (r) => r.input } });
    const index = full.history.findIndex(predicate);
    return { cut: full.history.slice(0, index + 1), full };
  }

  test('a Task that was scheduled when the process ended is entered again; no ExecutionRedriven; RedriveCount 0', async () => {
    const { cut } = await cutAfter((e) => e.type === 'TaskScheduled');
    const seen: unknown[] = [];
    const outcome = await machine(definition).run({ name: 'k', taskHandlers: { T: async (r) => (seen.push(r.context), r.input) }, redriveFrom: { history: cut } });
    expect(outcome).toMatchObject({ status: 'SUCCEEDED', output: { v: 'kept' } });
    expect(types(outcome.history)).not.toContain('ExecutionRedriven');
    expect(outcome.history[cut.length]).toMatchObject({ type: 'TaskStateEntered', previousEventId: cut.length });
    expect((seen[0] as { Execution: { RedriveCount: number } }).Execution.RedriveCount).toBe(0);
    expectContiguousIds(outcome.history);
  });

  test("after a Pass exited, the next state is entered; after a Choice exited, the Choice runs again", async () => {
    for (const [type, expected] of [['PassStateExited', ['Route', 'T']], ['ChoiceStateExited', ['Route', 'T']]] as const) {
      const { cut } = await cutAfter((e) => e.type === type);
      const outcome = await machine(definition).run({ name: 'k', taskHandlers: { T: async (r) => r.input }, redriveFrom: { history: cut } });
      expect(outcome).toMatchObject({ status: 'SUCCEEDED', output: { v: 'kept' } });
      expect(enteredAfter(outcome.history, cut.length)).toEqual(expected);
    }
  });

  test('after the last state exited, the execution succeeds with its output', async () => {
    const { cut, full } = await cutAfter((e) => e.type === 'TaskStateExited');
    const outcome = await machine(definition).run({ name: 'k', redriveFrom: { history: cut } });
    expect(outcome).toMatchObject({ status: 'SUCCEEDED', output: full.output });
    expect(types(outcome.history.slice(cut.length))).toEqual(['ExecutionSucceeded']);
  });
});

describe('histories that cannot be continued are refused by name', () => {
  const definition = { StartAt: 'T', States: { T: { Type: 'Task', Resource: LAMBDA, End: true } } };

  test('a SUCCEEDED execution has no unsuccessful state', async () => {
    const sm = machine(definition);
    const done = await sm.run({ name: 'ok', taskHandlers: { T: async () => 1 } });
    expect(() => sm.start({ name: 'ok', redriveFrom: { history: done.history, redriveCount: 1 } })).toThrow(ExecutionNotContinuable);
    expect(() => sm.start({ name: 'ok', redriveFrom: { history: done.history, redriveCount: 1 } })).toThrow(/SUCCEEDED/);
  });

  test('an ended execution continued without redriveCount', async () => {
    const sm = machine(definition);
    const failed = await sm.run({ name: 'f' });
    expect(() => sm.start({ name: 'f', redriveFrom: { history: failed.history } })).toThrow(/has ended \(ExecutionFailed\): give redriveFrom.redriveCount/);
  });

  test('malformed: missing events, no ExecutionStarted, events after the close, a bad redriveCount', async () => {
    const sm = machine(definition);
    const failed = await sm.run({ name: 'f' });
    const gap = [failed.history[0], ...failed.history.slice(2)];
    expect(() => sm.start({ name: 'f', redriveFrom: { history: gap, redriveCount: 1 } })).toThrow(/event 2 has id 3/);
    expect(() => sm.start({ name: 'f', redriveFrom: { history: [], redriveCount: 1 } })).toThrow(/must begin with ExecutionStarted/);
    const extra = [...failed.history, { ...failed.history[1], id: failed.history.length + 1 }];
    expect(() => sm.start({ name: 'f', redriveFrom: { history: extra, redriveCount: 1 } })).toThrow(/is followed by/);
    expect(() => sm.start({ name: 'f', redriveFrom: { history: failed.history, redriveCount: 0 } })).toThrow(/redriveCount must be a whole number from 1/);
  });

  test("another definition's history names the state it does not hold", async () => {
    const failed = await machine({ StartAt: 'Other', States: { Other: { Type: 'Task', Resource: LAMBDA, End: true } } }).run({ name: 'f' });
    expect(() => machine(definition).start({ name: 'f', redriveFrom: { history: failed.history, redriveCount: 1 } })).toThrow(/enters the Task state 'Other'/);
  });
});
