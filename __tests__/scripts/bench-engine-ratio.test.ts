import { startLocalStack, type LocalStack } from '../../local';
import { runExecution } from '../../local/engine';
import { engineRatioTable, replayHandlers, taskResults } from '../../scripts/lib/bench/engine-ratio';
import { executeOk, SCENARIOS } from '../../scripts/lib/bench/local-runs';
import { directCaller, replayCalls, taskCalls } from '../../scripts/lib/bench/task-floor';
import { stackDirIn } from '../support/languages';

// The engine-ratio part replays a local run's Task answers in process: each Task's results are read from the history
// (TaskSucceeded, traced back to its state), and handed out again in order.

const definition = {
  StartAt: 'Put',
  States: {
    Put: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 't', Item: {} }, ResultPath: '$.put', Next: 'Each' },
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', OutputPath: '$.Payload', End: true } } },
      ResultPath: '$.done',
      End: true,
    },
  },
};

test('taskResults reads each Task state’s answers from a history, every Map iteration included; replaying them gives the same output', async () => {
  // GIVEN a run with answers of its own
  const recorded = await runExecution(definition, {
    input: { items: [1, 2, 3] },
    taskHandlers: { Put: async () => ({ ConsumedCapacity: 1 }), Work: async ({ input }) => ({ StatusCode: 200, Payload: { twice: (input as number) * 2 } }) },
  });
  // WHEN
  const results = taskResults(recorded.history);
  const replayed = await runExecution(definition, { input: { items: [1, 2, 3] }, taskHandlers: replayHandlers(results) });
  // THEN
  expect(results.get('Put')).toStrictEqual([{ ConsumedCapacity: 1 }]);
  expect(results.get('Work')).toHaveLength(3);
  expect(new Set(results.get('Work')!.map((r) => JSON.stringify(r)))).toStrictEqual(new Set([2, 4, 6].map((twice) => JSON.stringify({ StatusCode: 200, Payload: { twice } }))));
  expect(replayed.status).toBe('SUCCEEDED');
  expect((replayed.output as { put: unknown }).put).toStrictEqual({ ConsumedCapacity: 1 });
});

test('the table gives the ratio of the medians, and per item for the Map row', () => {
  const s = (median: number) => ({ n: 3, median, min: median, max: median });
  const table = engineRatioTable(
    [
      { label: 'sfn-dynamodb', stackId: 'sfn-dynamodb', localMs: s(8), engineMs: s(0.5), floorMs: s(2), notReplayed: [] },
      { label: 'parallel-map (1,000 items)', stackId: 'parallel-map', items: 1000, localMs: s(900), engineMs: s(300), floorMs: s(600), notReplayed: ['states:startExecution.sync:2'] },
    ],
    'a machine',
  );
  expect(table.rows.map((r) => [r[0], r[4], r[5], r[6], r[7]])).toStrictEqual([
    ['sfn-dynamodb', '16.0×', '4.0×', '4.0×', '≤ 2×'],
    ['parallel-map (1,000 items)', '3.0×', '2.0×', '1.5×', '≤ 1.5× per item'],
  ]);
  expect(table.rows[1]![1]).toContain('(900 µs/item)');
  expect(table.rows[1]![3]).toContain('(600 µs/item)');
  expect(table.notes).toContainEqual('Not in the floor (not replayed): parallel-map (1,000 items): states:startExecution.sync:2.');
});

describe('the floor: a run’s Task calls sent again straight to the emulators', () => {
  let stack: LocalStack | undefined;
  afterAll(async () => stack?.close());

  test('taskCalls lists what the Tasks sent, in order; replayCalls sends the replayable ones, and they reach dynalite', async () => {
    // GIVEN sfn-dynamodb run once as the bench runs it
    stack = await startLocalStack(stackDirIn('JSONPath', 'sfn-dynamodb'));
    const scenario = SCENARIOS.find((s) => s.stackId === 'sfn-dynamodb')!;
    const { result } = await executeOk(stack, scenario.input(1));
    const calls = taskCalls(result.history);
    expect(calls.map((c) => `${c.resourceType}:${c.resource}`)).toStrictEqual(['dynamodb:putItem', 'dynamodb:getItem']);
    const table = String(calls[0]!.parameters.TableName);
    const written = (await stack.snapshot()).tables[table];
    expect(written).toHaveLength(1);

    // WHEN the item is removed, and the calls are sent again straight to the emulators (plus one the floor cannot send)
    const caller = directCaller(stack);
    const sent: string[] = [];
    try {
      await caller.send({ resourceType: 'dynamodb', resource: 'deleteItem', parameters: { TableName: table, Key: calls[1]!.parameters.Key } });
      expect((await stack.snapshot()).tables[table]).toStrictEqual([]);
      await replayCalls(async (call) => (sent.push(call.resource), caller.send(call)), [...calls, { resourceType: 'states', resource: 'startExecution.sync:2', parameters: {} }]);
    } finally {
      caller.close();
    }

    // THEN the PutItem wrote the item again; the call that is not replayable was left out
    expect(sent).toStrictEqual(['putItem', 'getItem']);
    expect((await stack.snapshot()).tables[table]).toStrictEqual(written);
  });
});
