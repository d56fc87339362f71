import { StatesError } from '../../../../local/engine/errors';
import type { TaskHandler, TaskRequest } from '../../../../local/engine/types';
import {
  MockConfigError,
  parseMockConfig,
  taskHandlersForStartExecution,
  taskHandlersFromMocks,
} from '../../../../local/engine/mocks';
import { ORDER_PIPELINE_MOCKS } from './fixtures';

// Sources (AWS Step Functions Developer Guide):
//   [CFG]  "Configuration file for mocked service integrations" — MockedResponses (invocation numbers, ranges, "you
//          must specify a mocked response for every invocation", the note on Map states), Return, Throw.
//   [USE]  "Using mocked service integrations for testing in Step Functions Local" — Step 1 (HappyPath, RetryPath and
//          its note on retries, HybridPath), Step 3 (StartExecution with `#test_name`).
// The handlers are called here as the engine calls a Task's handler: once per attempt, with a TaskRequest.

const config = parseMockConfig(ORDER_PIPELINE_MOCKS);

function requestFor(stateName: string, retryCount = 0): TaskRequest {
  return {
    stateName,
    resource: 'arn:aws:states:::lambda:invoke',
    pattern: 'request-response',
    input: { FunctionName: 'charge', Payload: {} },
    context: {},
    retryCount,
    signal: new AbortController().signal,
  };
}

/** What one attempt gives: the value, or the StatesError's name and cause. */
async function attempt(handler: TaskHandler, stateName: string): Promise<unknown> {
  try {
    return { returned: await handler(requestFor(stateName)) };
  } catch (e) {
    expect(e).toBeInstanceOf(StatesError);
    return { error: (e as StatesError).error, cause: (e as StatesError).cause };
  }
}

/** A mocked state `S` answering from `entries`, in test case `T` of state machine `M`. */
const handlerOf = (entries: unknown) =>
  taskHandlersFromMocks(parseMockConfig({ StateMachines: { M: { TestCases: { T: { S: 'R' } } } }, MockedResponses: { R: entries } }), 'M', 'T').S;

describe('answering a mocked Task', () => {
  test('[USE] Step 1, HappyPath: each mocked state answers with its Return value, the whole service response', async () => {
    const handlers = taskHandlersFromMocks(config, 'OrderPipeline', 'AllGood');
    expect(Object.keys(handlers).sort()).toEqual(['ChargeCard', 'NotifyShipping']);
    expect(await handlers.ChargeCard(requestFor('ChargeCard'))).toEqual({ StatusCode: 200, Payload: { approved: true, chargeId: 'ch-1001' } });
    expect(await handlers.NotifyShipping(requestFor('NotifyShipping'))).toEqual({
      MessageId: 'a3f9c2e0-0000-4000-8000-000000000001',
      SequenceNumber: '1',
    });
  });

  test('[USE] Step 1, RetryPath: attempt 0 throws, retries 1 and 2 throw another error, retry 3 returns', async () => {
    const charge = taskHandlersFromMocks(config, 'OrderPipeline', 'FlakyCharge').ChargeCard;
    const attempts = [];
    for (let i = 0; i < 4; i++) attempts.push(await attempt(charge, 'ChargeCard'));
    expect(attempts).toEqual([
      { error: 'Lambda.ServiceException', cause: 'The service is unavailable.' },
      { error: 'Lambda.TooManyRequestsException', cause: 'Rate exceeded.' },
      { error: 'Lambda.TooManyRequestsException', cause: 'Rate exceeded.' },
      { returned: { StatusCode: 200, Payload: { approved: true, chargeId: 'ch-1002' } } },
    ]);
  });

  test('[CFG] Throw: the error is a StatesError whose name Retry and Catch match', async () => {
    const declined = handlerOf({ '0': { Throw: { Error: 'CardDeclined', Cause: 'The issuer refused the charge.' } } });
    const failure = await declined(requestFor('S')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StatesError);
    expect(failure).toMatchObject({ error: 'CardDeclined', cause: 'The issuer refused the charge.' });
  });

  test('[USE] Step 1, HybridPath: states the test case does not name are left out, for the real handlers', () => {
    expect(Object.keys(taskHandlersFromMocks(config, 'OrderPipeline', 'ChargeOnly'))).toEqual(['ChargeCard']);
  });

  test('[CFG] MockedResponses, "0-2" then "3": the first three invocations get the range, the fourth the next key', async () => {
    const h = handlerOf({ '0-2': { Return: 'early' }, '3': { Return: 'late' } });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await h(requestFor('S')));
    expect(answers).toEqual(['early', 'early', 'early', 'late']);
  });

  test('[CFG] a long range answers every invocation in it, up to its last', async () => {
    const h = handlerOf({ '0': { Return: 0 }, '1-999': { Return: 'many' }, '1000': { Return: 'last' } });
    const answers: unknown[] = [];
    for (let i = 0; i <= 1000; i++) answers.push(await h(requestFor('S')));
    expect(answers[0]).toBe(0);
    expect(answers.slice(1, 1000).every((a) => a === 'many')).toBe(true);
    expect(answers[1000]).toBe('last');
  });

  // [CFG] "you must specify a mocked response for every invocation … If you do not specify a mocked response, the
  // state machine execution will fail"; [USE] Step 1 note: no response for retry "3" fails the execution. The guide
  // names no error: States.Runtime is assumed (Step Functions Local 2.0's, per third-party reproductions), which the
  // engine neither retries nor lets States.ALL catch.
  test('[CFG] running out: the invocation after the last key fails with States.Runtime saying what to add', async () => {
    const h = handlerOf({ '0': { Return: 'only' } });
    expect(await attempt(h, 'S')).toEqual({ returned: 'only' });
    expect(await attempt(h, 'S')).toEqual({
      error: 'States.Runtime',
      cause:
        "No mocked response for invocation 1 of state 'S' in test case 'T': mocked response 'R' answers invocation 0 only. " +
        'Add an entry "1" (or a range such as "1-10") to MockedResponses.R.',
    });
  });

  test('[CFG] running out stays out: later invocations fail too, each with its own number', async () => {
    const h = handlerOf({ '0-1': { Return: 'x' } });
    await h(requestFor('S'));
    await h(requestFor('S'));
    const third = (await attempt(h, 'S')) as { cause: string };
    const fourth = (await attempt(h, 'S')) as { cause: string };
    expect(third.cause).toContain('invocation 2 of state');
    expect(third.cause).toContain('answers invocations 0-1');
    expect(fourth.cause).toContain('invocation 3 of state');
  });

  test('[CFG] an empty mocked response fails its first invocation with States.Runtime', async () => {
    expect(await attempt(handlerOf({}), 'S')).toMatchObject({ error: 'States.Runtime', cause: expect.stringContaining('answers no invocation') });
  });

  test('[CFG] Return: each invocation gets its own copy; changing one answer does not change the next', async () => {
    const h = handlerOf({ '0-1': { Return: { Payload: { items: [1] } } } });
    const first = (await h(requestFor('S'))) as { Payload: { items: number[] } };
    first.Payload.items.push(2);
    expect(await h(requestFor('S'))).toEqual({ Payload: { items: [1] } });
  });
});

describe('counting invocations per state across the execution', () => {
  // [CFG] the note on Map: iterations run concurrently "will cause the overall execution order of states across
  // iterations to be unpredictable", i.e. the iterations of a state draw on one sequence of responses. Step Functions
  // Local keeps one counter per state per execution, retries and Map iterations included (Floci's reproduction
  // against Step Functions Local 2.0.0: a Map of two items with one retried Task answers ["idx1","idx2"]).
  test('[CFG] Map iterations share the state\'s sequence: iteration 2 continues where iteration 1 stopped', async () => {
    const h = handlerOf({
      '0': { Throw: { Error: 'Boom', Cause: 'attempt0' } },
      '1': { Return: 'idx1' },
      '2': { Return: 'idx2' },
      '3': { Return: 'idx3' },
    });
    // Each iteration runs the state, retrying on Boom (MaxConcurrency 1: one after the other).
    const runIteration = async () => {
      for (;;) {
        const r = (await attempt(h, 'S')) as { returned?: unknown; error?: string };
        if (r.error !== 'Boom') return r.returned;
      }
    };
    expect([await runIteration(), await runIteration()]).toEqual(['idx1', 'idx2']);
  });

  test('[CFG] concurrent iterations are numbered in the order their attempts start', async () => {
    const h = handlerOf({ '0': { Return: 'a' }, '1': { Return: 'b' }, '2': { Return: 'c' } });
    const started = [h(requestFor('S')), h(requestFor('S')), h(requestFor('S'))];
    expect(await Promise.all(started)).toEqual(['a', 'b', 'c']);
  });

  test('[CFG] two states using the same mocked response count separately', async () => {
    const handlers = taskHandlersFromMocks(
      parseMockConfig({
        StateMachines: { M: { TestCases: { T: { First: 'Seq', Second: 'Seq' } } } },
        MockedResponses: { Seq: { '0': { Return: 'zero' }, '1': { Return: 'one' } } },
      }),
      'M',
      'T',
    );
    expect(await handlers.First(requestFor('First'))).toBe('zero');
    expect(await handlers.Second(requestFor('Second'))).toBe('zero');
    expect(await handlers.First(requestFor('First'))).toBe('one');
  });

  test('[USE] a new set of handlers (a new execution) starts again at invocation 0', async () => {
    const first = taskHandlersFromMocks(config, 'OrderPipeline', 'FlakyCharge').ChargeCard;
    await attempt(first, 'ChargeCard');
    const second = taskHandlersFromMocks(config, 'OrderPipeline', 'FlakyCharge').ChargeCard;
    expect(await attempt(second, 'ChargeCard')).toEqual({ error: 'Lambda.ServiceException', cause: 'The service is unavailable.' });
  });

  test('[CFG] the count is per invocation, not per RetryCount: a state entered again (a loop) moves on', async () => {
    const h = handlerOf({ '0': { Return: 'pending' }, '1': { Return: 'pending' }, '2': { Return: 'running' } });
    // Three separate entries into the state, each a first attempt (retryCount 0), as a polling loop makes them.
    const answers = [await h(requestFor('S', 0)), await h(requestFor('S', 0)), await h(requestFor('S', 0))];
    expect(answers).toEqual(['pending', 'pending', 'running']);
  });
});

describe('choosing the test case', () => {
  test('[USE] an unknown state machine is named, with the ones the file defines', () => {
    expect(() => taskHandlersFromMocks(config, 'Orders', 'AllGood')).toThrow(
      'StateMachines.Orders: the mock configuration has no state machine "Orders"; it knows "OrderPipeline".',
    );
  });

  test('[USE] an unknown test case is named, with the state machine\'s test cases', () => {
    let error: unknown;
    try {
      taskHandlersFromMocks(config, 'OrderPipeline', 'SadPath');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MockConfigError);
    expect(error).toMatchObject({ code: 'UnknownTestCase', path: 'StateMachines.OrderPipeline.TestCases.SadPath' });
    expect((error as Error).message).toContain('its test cases are "AllGood", "FlakyCharge", "ChargeOnly"');
  });

  test('[USE] Step 3: StartExecution on "<ARN>#AllGood" gives that test case\'s handlers and the plain ARN', async () => {
    const { stateMachineArn, handlers } = taskHandlersForStartExecution(
      config,
      'arn:aws:states:eu-west-1:111122223333:stateMachine:OrderPipeline#AllGood',
    );
    expect(stateMachineArn).toBe('arn:aws:states:eu-west-1:111122223333:stateMachine:OrderPipeline');
    expect(Object.keys(handlers!).sort()).toEqual(['ChargeCard', 'NotifyShipping']);
    expect(await handlers!.ChargeCard(requestFor('ChargeCard'))).toMatchObject({ StatusCode: 200 });
  });

  test('[USE] Step 3: an ARN without "#" runs without mocks', () => {
    expect(taskHandlersForStartExecution(config, 'arn:aws:states:eu-west-1:111122223333:stateMachine:OrderPipeline')).toEqual({
      stateMachineArn: 'arn:aws:states:eu-west-1:111122223333:stateMachine:OrderPipeline',
    });
  });

  test('[USE] Step 3: "#<unknown test case>" is refused by name', () => {
    expect(() => taskHandlersForStartExecution(config, 'arn:aws:states:eu-west-1:111122223333:stateMachine:OrderPipeline#Nope')).toThrow(
      /no test case "Nope"/,
    );
  });
});
