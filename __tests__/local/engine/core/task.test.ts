/**
 * Task (ASL specification, "Task State"; Developer Guide, "Task workflow state", "Discover service integration
 * patterns", "Wait for a Callback with Task Token").
 */
import { AWAIT_CALLBACK, StatesError, type TaskRequest } from '../../../../local/engine';
import { details, machine, run, single, types } from '../support/engine';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

describe('handlers', () => {
  test('a handler by state name wins over one by Resource (types.ts, ExecutionOptions.taskHandlers)', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA }), {
      taskHandlers: { S: async () => 'by name', [LAMBDA]: async () => 'by resource' },
    });
    expect(outcome.output).toBe('by name');
  });

  test('a handler by Resource', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA }), { taskHandlers: { [LAMBDA]: async () => 'by resource' } });
    expect(outcome.output).toBe('by resource');
  });

  test('no handler: the execution fails States.Runtime naming the state, before TaskScheduled', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA }));
    expect(outcome.error).toBe('States.Runtime');
    expect(outcome.cause).toContain("No task handler for the state 'S'");
    expect(types(outcome.history)).not.toContain('TaskScheduled');
  });

  test('the request carries the effective input, pattern, resource and retry count', async () => {
    const seen: TaskRequest[] = [];
    await run(single({ Type: 'Task', Resource: `${LAMBDA}`, Parameters: { 'x.$': '$.a' } }), {
      input: { a: 1 },
      taskHandlers: { S: async (request) => (seen.push(request), null) },
    });
    expect(seen[0]).toMatchObject({ stateName: 'S', resource: LAMBDA, pattern: 'request-response', input: { x: 1 }, retryCount: 0 });
  });

  test.each([
    ['arn:aws:states:::states:startExecution.sync', 'sync'],
    ['arn:aws:states:::states:startExecution.sync:2', 'sync:2'],
    ['arn:aws:states:::sqs:sendMessage.waitForTaskToken', 'waitForTaskToken'],
    ['arn:aws:states:::dynamodb:putItem', 'request-response'],
  ])('the integration pattern of %s is %s (Developer Guide, "Discover service integration patterns")', async (resource, pattern) => {
    let seen = '';
    const execution = machine(single({ Type: 'Task', Resource: resource })).start({
      taskHandlers: {
        S: async (request) => {
          seen = request.pattern;
          return 'r';
        },
      },
    });
    await execution.done;
    expect(seen).toBe(pattern);
  });

  test('a handler rejecting with StatesError fails with that error and cause', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA }), {
      taskHandlers: { S: async () => Promise.reject(new StatesError('Custom.Error', 'it broke')) },
    });
    expect(outcome).toMatchObject({ status: 'FAILED', error: 'Custom.Error', cause: 'it broke' });
  });

  test("a handler rejecting with another Error fails with the Error's name and message", async () => {
    class ValidationError extends Error {
      name = 'ValidationError';
    }
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA }), { taskHandlers: { S: async () => Promise.reject(new ValidationError('bad')) } });
    expect(outcome).toMatchObject({ error: 'ValidationError', cause: 'bad' });
  });

  test('a handler throwing synchronously is a failed attempt too', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA }), {
      taskHandlers: {
        S: () => {
          throw new TypeError('sync');
        },
      },
    });
    expect(outcome).toMatchObject({ error: 'TypeError', cause: 'sync' });
  });

  test('Credentials are accepted (Developer Guide, "Task workflow state", Credentials)', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA, Credentials: { RoleArn: 'arn:aws:iam::111122223333:role/x' } }), {
      taskHandlers: { S: async () => 1 },
    });
    expect(outcome.output).toBe(1);
  });
});

describe('input and output processing of a Task (Developer Guide, "Processing input and output")', () => {
  test('InputPath → Parameters → ResultSelector → ResultPath → OutputPath', async () => {
    const outcome = await run(
      single({
        Type: 'Task',
        Resource: LAMBDA,
        InputPath: '$.order',
        Parameters: { 'id.$': '$.id' },
        ResultSelector: { 'total.$': '$.Payload.total' },
        ResultPath: '$.result',
        OutputPath: '$.result',
      }),
      { input: { order: { id: 7 } }, taskHandlers: { S: async (r) => ({ Payload: { total: (r.input as { id: number }).id * 2 } }) } },
    );
    expect(outcome.output).toEqual({ total: 14 });
  });

  test('ResultPath applies to the raw input, not the effective input', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA, InputPath: '$.a', ResultPath: '$.r' }), {
      input: { a: 1, b: 2 },
      taskHandlers: { S: async () => 'x' },
    });
    expect(outcome.output).toEqual({ a: 1, b: 2, r: 'x' });
  });

  test('JSONata Arguments → Output with $states.result', async () => {
    const outcome = await run(
      single({ Type: 'Task', QueryLanguage: 'JSONata', Resource: LAMBDA, Arguments: { n: '{% $states.input.n %}' }, Output: '{% $states.result.doubled %}' }),
      { input: { n: 4 }, taskHandlers: { S: async (r) => ({ doubled: (r.input as { n: number }).n * 2 }) } },
    );
    expect(outcome.output).toBe(8);
  });

  test('JSONata without Output: the output is the result', async () => {
    const outcome = await run(single({ Type: 'Task', QueryLanguage: 'JSONata', Resource: LAMBDA }), { input: { n: 1 }, taskHandlers: { S: async () => ({ r: 1 }) } });
    expect(outcome.output).toEqual({ r: 1 });
  });

  test('JSONata without Arguments: the handler gets the state input', async () => {
    let got: unknown;
    await run(single({ Type: 'Task', QueryLanguage: 'JSONata', Resource: LAMBDA }), { input: { n: 1 }, taskHandlers: { S: async (r) => ((got = r.input), 0) } });
    expect(got).toEqual({ n: 1 });
  });
});

describe('callbacks (Developer Guide, "Wait for a Callback with Task Token")', () => {
  const CALLBACK = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';

  test('the token is in $$.Task.Token and SendTaskSuccess gives the result', async () => {
    const definition = single({ Type: 'Task', Resource: CALLBACK, Parameters: { 'token.$': '$$.Task.Token' } });
    const execution = machine(definition).start({
      taskHandlers: {
        S: async (request) => {
          const token = (request.input as { token: string }).token;
          setTimeout(() => execution.sendTaskSuccess(token, { approved: true }), 5);
          return AWAIT_CALLBACK;
        },
      },
    });
    const outcome = await execution.done;
    expect(outcome.output).toEqual({ approved: true });
    expect(types(outcome.history)).toEqual([
      'ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded',
    ]);
    expect(details(outcome.history[4])).toEqual({ resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken' });
  });

  test('SendTaskFailure fails the Task with its error and cause', async () => {
    const execution = machine(single({ Type: 'Task', Resource: CALLBACK, Parameters: { 'token.$': '$$.Task.Token' } })).start({
      taskHandlers: {
        S: async (request) => {
          setImmediate(() => execution.sendTaskFailure((request.input as { token: string }).token, 'Rejected', 'no'));
          return AWAIT_CALLBACK;
        },
      },
    });
    expect(await execution.done).toMatchObject({ status: 'FAILED', error: 'Rejected', cause: 'no' });
  });

  test('a callback Task without a handler waits for the token given through onEvent', async () => {
    let token = '';
    const execution = machine(single({ Type: 'Task', Resource: CALLBACK, Parameters: { 'token.$': '$$.Task.Token' } })).start({
      onEvent: (event) => {
        if (event.type === 'TaskScheduled') {
          token = JSON.parse(details(event).parameters as string).token;
          setImmediate(() => execution.sendTaskSuccess(token, 'done'));
        }
      },
    });
    expect((await execution.done).output).toBe('done');
    expect(token).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a callback handler\'s value completes the Task (it stands in for SendTaskSuccess)', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: CALLBACK, Parameters: { 'token.$': '$$.Task.Token' } }), { taskHandlers: { S: async (r) => r.input } });
    expect((outcome.output as { token: string }).token).toMatch(/^[0-9a-f]{64}$/);
  });

  test('an unknown token is refused with TaskDoesNotExist', async () => {
    const execution = machine(single({ Type: 'Pass' })).start();
    await execution.done;
    expect(() => execution.sendTaskSuccess('nope', {})).toThrow(expect.objectContaining({ name: 'TaskDoesNotExist' }));
  });

  test('no heartbeat within HeartbeatSeconds: States.Timeout, as recorded AWS executions report it', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: CALLBACK, HeartbeatSeconds: 1, Parameters: { 'token.$': '$$.Task.Token' } }), {
      taskHandlers: { S: async () => AWAIT_CALLBACK },
    });
    expect(outcome.error).toBe('States.Timeout');
    expect(types(outcome.history)).toContain('TaskTimedOut');
  });

  test('heartbeats keep a callback Task alive past HeartbeatSeconds', async () => {
    const definition = single({ Type: 'Task', Resource: CALLBACK, HeartbeatSeconds: 1, Parameters: { 'token.$': '$$.Task.Token' } });
    const execution = machine(definition).start({
      clock: 'real',
      taskHandlers: {
        S: async (request) => {
          const token = (request.input as { token: string }).token;
          const beat = setInterval(() => execution.sendTaskHeartbeat(token), 300);
          setTimeout(() => {
            clearInterval(beat);
            execution.sendTaskSuccess(token, 'alive');
          }, 1500);
          return AWAIT_CALLBACK;
        },
      },
    });
    expect((await execution.done).output).toBe('alive');
  });
});
