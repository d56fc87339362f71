/**
 * History (API Reference, "GetExecutionHistory", "HistoryEvent" and its *EventDetails shapes; Developer Guide, "Step
 * Functions service quotas", 25,000 events; "Avoid reaching the history quota").
 */
import { runExecution, type HistoryEvent } from '../../../../local/engine';
import { History, HISTORY_LIMIT_CAUSE } from '../../../../local/engine/history';
import { VirtualClock } from '../../../../local/engine/clock';
import { details, run, single, types } from '../support/engine';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

describe('events', () => {
  test('ids count from 1; the first state entered follows event 0 (API Reference example of GetExecutionHistory)', async () => {
    const outcome = await run({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } } });
    expect(outcome.history.map((e) => [e.id, e.previousEventId])).toEqual([
      [1, 0],
      [2, 0],
      [3, 2],
      [4, 3],
      [5, 4],
      [6, 5],
    ]);
  });

  test('ExecutionStarted has the input as JSON text, inputDetails and the role ARN', async () => {
    const outcome = await run(single({ Type: 'Pass' }), { input: { a: 'é' } });
    expect(outcome.history[0].executionStartedEventDetails).toEqual({
      input: '{"a":"é"}',
      inputDetails: { truncated: false },
      roleArn: 'arn:aws:iam::123456789012:role/StateMachine-role',
    });
  });

  test('StateEntered and StateExited details: name, input/output as JSON text, truncated false', async () => {
    const outcome = await run(single({ Type: 'Pass', Result: [1] }), { input: { a: 1 } });
    expect(outcome.history[1].stateEnteredEventDetails).toEqual({ name: 'S', input: '{"a":1}', inputDetails: { truncated: false } });
    expect(outcome.history[2].stateExitedEventDetails).toEqual({ name: 'S', output: '[1]', outputDetails: { truncated: false } });
  });

  test('ExecutionSucceeded has the output as JSON text', async () => {
    const outcome = await run(single({ Type: 'Pass', Result: 'x' }));
    expect(outcome.history[3].executionSucceededEventDetails).toEqual({ output: '"x"', outputDetails: { truncated: false } });
  });

  test('Task events carry resourceType, resource, region and parameters', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:dynamodb:getItem', Parameters: { TableName: 't' } }), {
      taskHandlers: { S: async () => ({ Item: {} }) },
    });
    const [scheduled, started, succeeded] = outcome.history.slice(2, 5);
    expect(details(scheduled)).toEqual({ resourceType: 'aws-sdk:dynamodb', resource: 'getItem', region: 'us-east-1', parameters: '{"TableName":"t"}' });
    expect(details(started)).toEqual({ resourceType: 'aws-sdk:dynamodb', resource: 'getItem' });
    expect(details(succeeded)).toEqual({ resourceType: 'aws-sdk:dynamodb', resource: 'getItem', output: '{"Item":{}}', outputDetails: { truncated: false } });
  });

  test('the region comes from the state machine ARN', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA }), {
      arn: 'arn:aws:states:eu-west-1:111122223333:stateMachine:M',
      taskHandlers: { S: async () => 1 },
    });
    expect(details(outcome.history[2]).region).toBe('eu-west-1');
    expect(outcome.executionArn).toMatch(/^arn:aws:states:eu-west-1:111122223333:execution:M:/);
  });

  test('a Lambda function ARN as Resource records LambdaFunction* events', async () => {
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:Fn';
    const outcome = await run(single({ Type: 'Task', Resource: arn }), { input: { a: 1 }, taskHandlers: { S: async () => 'r' } });
    expect(types(outcome.history)).toEqual([
      'ExecutionStarted', 'TaskStateEntered', 'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionSucceeded', 'TaskStateExited', 'ExecutionSucceeded',
    ]);
    expect(details(outcome.history[2])).toEqual({ resource: arn, input: '{"a":1}', inputDetails: { truncated: false } });
  });

  test('a failed Lambda function records LambdaFunctionFailed with error and cause', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:Fn' }), {
      taskHandlers: { S: async () => Promise.reject(new RangeError('nope')) },
    });
    expect(details(outcome.history[4])).toEqual({ error: 'RangeError', cause: 'nope' });
    expect(outcome.history[4].type).toBe('LambdaFunctionFailed');
  });

  test('ExecutionFailed follows the failing event', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA }), { taskHandlers: { S: async () => Promise.reject(new Error('x')) } });
    const last = outcome.history[outcome.history.length - 1];
    expect(last.type).toBe('ExecutionFailed');
    expect(last.previousEventId).toBe(last.id - 1);
    expect(last.executionFailedEventDetails).toEqual({ error: 'Error', cause: 'x' });
  });

  test('timestamps are Dates that never go backwards', async () => {
    const outcome = await run({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 5, Next: 'P' }, P: { Type: 'Pass', End: true } } });
    const times = outcome.history.map((e) => e.timestamp.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(outcome.history.every((e) => e.timestamp instanceof Date)).toBe(true);
  });

  test('onEvent is told every event as recorded; its exception does not change the execution', async () => {
    const seen: HistoryEvent[] = [];
    const outcome = await run(single({ Type: 'Pass' }), {
      onEvent: (event) => {
        seen.push(event);
        throw new Error('observer broke');
      },
    });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(seen).toEqual(outcome.history);
  });
});

describe('the 25,000-event quota', () => {
  test('History refuses the 25,000th event unless it closes the execution', () => {
    const history = new History(new VirtualClock(), undefined, 3);
    history.add('ExecutionStarted', 0);
    history.add('PassStateEntered', 0);
    expect(() => history.add('PassStateExited', 2)).toThrow(HISTORY_LIMIT_CAUSE);
    expect(history.add('ExecutionFailed', 2)).toBe(3);
  });

  test('an execution that would pass 25,000 events fails States.Runtime at event 25,000', async () => {
    const loop = {
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } },
    };
    const outcome = await run(loop);
    expect(outcome).toMatchObject({ status: 'FAILED', error: 'States.Runtime', cause: HISTORY_LIMIT_CAUSE });
    expect(outcome.history).toHaveLength(25_000);
    expect(outcome.history[24_999].type).toBe('ExecutionFailed');
  });

  // Quotas: the 25,000-event history quota is listed for Standard workflows; Express workflows record no execution
  // history in Step Functions ("Choosing workflow type in Step Functions": history only in CloudWatch Logs).
  test('an EXPRESS workflow has no history quota; maxHistoryEvents sets another one', async () => {
    const items = Array.from({ length: 7_000 }, (_, i) => i);
    const map = { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } };
    expect(await runExecution(map, { input: items })).toMatchObject({ status: 'FAILED', error: 'States.Runtime', cause: HISTORY_LIMIT_CAUSE });
    const express = await runExecution(map, { input: items, type: 'EXPRESS' });
    expect(express.status).toBe('SUCCEEDED');
    expect(express.history.length).toBeGreaterThan(25_000);
    expect(await runExecution(map, { input: items.slice(0, 10), maxHistoryEvents: 20 })).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  test('the quota is not caught by a Catch', async () => {
    const definition = {
      StartAt: 'Par',
      States: {
        Par: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } } }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }],
          End: true,
        },
        Done: { Type: 'Succeed' },
      },
    };
    const outcome = await run(definition);
    expect(outcome.error).toBe('States.Runtime');
  });
});
