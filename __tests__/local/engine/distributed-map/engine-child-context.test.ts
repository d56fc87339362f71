/**
 * Child workflow executions (Developer Guide, "Map state in Distributed mode": each item runs as a child workflow
 * execution with its own execution history; "Accessing execution data from the Context object": Map.Item only in
 * ItemSelector; "Passing data between states with variables": Distributed Map children do not see outer variables;
 * "Step Functions service quotas": 25,000 history events per Standard execution). Parent history as recorded AWS
 * executions show it (test_map_item_reader_base_json, test_map_state_legacy_config_distributed).
 */
import { details, distributed, itemsJson, jsonReader, mapMachine, passProcessor, run, types } from './engine-support';

const TASK = 'arn:aws:states:::lambda:invoke';

describe('Distributed Map: child executions', () => {
  test('a child\'s $$.Execution is its own: Id and Name from the Map Run, Input its item; StateMachine is <machine>/<label>', async () => {
    const map = { Label: 'Lbl', ItemReader: jsonReader(), ItemProcessor: passProcessor({ Parameters: { 'execution.$': '$$.Execution', 'machine.$': '$$.StateMachine' } }) };
    const outcome = await run(mapMachine(map), { objects: itemsJson([{ k: 1 }]), stateMachineName: 'Parent' });
    const [child] = outcome.children;
    const output = outcome.output as Array<{ execution: Record<string, unknown>; machine: Record<string, unknown> }>;
    expect(output[0].execution).toMatchObject({ Id: child.executionArn, Name: child.name, Input: { k: 1 }, RedriveCount: 0 });
    expect(child.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:execution:Parent\/Lbl:[0-9a-f-]{36}$/);
    expect(output[0].machine).toEqual({ Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:Parent/Lbl', Name: 'Parent/Lbl' });
  });

  test('inside a child there is no $$.Map (Map.Item is given in ItemSelector only)', async () => {
    const outcome = await run(mapMachine({ ItemProcessor: passProcessor({ Parameters: { 'context.$': '$$' } }) }), { input: ['a'] });
    expect(Object.keys((outcome.output as Array<{ context: object }>)[0].context)).toEqual(['Execution', 'StateMachine', 'State']);
  });

  test('a child starts with no variables of the parent (JSONata $exists($outer) is false)', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { outer: 1 }, Next: 'M' },
        M: { Type: 'Map', Items: [1], ItemProcessor: distributed({ B: { Type: 'Pass', Output: '{% $exists($outer) %}', End: true } }), End: true },
      },
    };
    expect((await run(definition)).output).toEqual([false]);
  });

  test('a child has its own history, ids from 1: ExecutionStarted … ExecutionSucceeded', async () => {
    const outcome = await run(mapMachine({ ItemProcessor: passProcessor() }), { input: ['x'] });
    const [child] = outcome.children;
    expect(types(child.history)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    expect(child.history.map((e) => e.id)).toEqual([1, 2, 3, 4]);
    expect(details(child.history[0])).toMatchObject({ input: '"x"' });
  });

  test('the parent\'s history has the Map Run events, not per-item events, with AWS\'s previousEventIds (recorded: test_map_item_reader_base_json)', async () => {
    const outcome = await run(mapMachine({ ItemReader: jsonReader(), ItemProcessor: passProcessor() }), { objects: itemsJson([1, 2, 3]) });
    const events = outcome.history.map((e) => [e.id, e.previousEventId, e.type]);
    expect(events).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'MapStateEntered'],
      [3, 2, 'MapStateStarted'],
      [4, 3, 'MapRunStarted'],
      [5, 4, 'MapRunSucceeded'],
      [6, 5, 'MapStateSucceeded'],
      [7, 5, 'MapStateExited'],
      [8, 7, 'ExecutionSucceeded'],
    ]);
    expect(details(outcome.history[2])).toEqual({ length: 0 });
    expect(details(outcome.history[3]).mapRunArn).toMatch(/:mapRun:StateMachine\/[^:]+:[0-9a-f-]{36}$/);
  });

  test('without an ItemReader MapStateStarted tells the number of items (recorded: test_map_state_legacy_config_distributed, length 2)', async () => {
    const outcome = await run(mapMachine({ ItemProcessor: passProcessor() }), { input: ['Hello', 'World'] });
    expect(details(outcome.history.find((e) => e.type === 'MapStateStarted')!)).toEqual({ length: 2 });
  });

  test('EXPRESS children: ARNs in the express form, type EXPRESS', async () => {
    const outcome = await run(mapMachine({ Label: 'L', ItemProcessor: distributed({ P: { Type: 'Pass', End: true } }, 'EXPRESS') }), { input: [1], stateMachineName: 'Parent' });
    expect(outcome.children[0]).toMatchObject({ type: 'EXPRESS', executionArn: expect.stringMatching(/^arn:aws:states:us-east-1:123456789012:express:Parent\/L:[0-9a-f-]{36}:[0-9a-f-]{36}$/) });
  });

  test('a STANDARD child has its own 25,000-event quota; an EXPRESS child none', async () => {
    // Each turn of the loop records 4 events: 7,000 turns pass 25,000.
    const loop = (type: 'STANDARD' | 'EXPRESS') =>
      distributed(
        {
          Count: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, Next: 'More' },
          More: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericLessThan: 7000, Next: 'Count' }], Default: 'Done' },
          Done: { Type: 'Succeed' },
        },
        type,
      );
    const standard = await run(mapMachine({ ToleratedFailureCount: 1, ItemProcessor: loop('STANDARD') }), { input: [{ n: 0 }] });
    expect(standard.children[0]).toMatchObject({ status: 'FAILED', error: 'States.Runtime', cause: expect.stringContaining('25000') });
    expect(standard.children[0].history).toHaveLength(25_000);
    expect(standard.history.length).toBeLessThan(20);
    const express = await run(mapMachine({ ItemProcessor: loop('EXPRESS') }), { input: [{ n: 0 }] });
    expect(express.children[0].status).toBe('SUCCEEDED');
  });

  test('MaxConcurrency: at most that many children run at once', async () => {
    let running = 0;
    let most = 0;
    const handler = async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return 'ok';
    };
    await run(mapMachine({ MaxConcurrency: 3, ItemProcessor: distributed({ T: { Type: 'Task', Resource: TASK, End: true } }) }), { input: Array.from({ length: 10 }, (_, i) => i), handlers: { T: handler } });
    expect(most).toBe(3);
  });

  test('without MaxConcurrency the children run at once (AWS: up to 10,000 in parallel)', async () => {
    let running = 0;
    let most = 0;
    const handler = async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return 'ok';
    };
    await run(mapMachine({ ItemProcessor: distributed({ T: { Type: 'Task', Resource: TASK, End: true } }) }), { input: Array.from({ length: 50 }, (_, i) => i), handlers: { T: handler } });
    expect(most).toBe(50);
  });

  test('a Task in a child gets the child\'s context (TaskRequest.context.Execution.Id is the child\'s ARN)', async () => {
    const seen: string[] = [];
    const outcome = await run(mapMachine({ ItemProcessor: distributed({ T: { Type: 'Task', Resource: TASK, End: true } }) }), {
      input: [1],
      handlers: { T: async ({ context }) => seen.push((context.Execution as { Id: string }).Id) },
    });
    expect(seen).toEqual([outcome.children[0].executionArn]);
  });
});
