import { runExecution } from '../../local/engine';
import { engineRatioTable, replayHandlers, taskResults } from '../../scripts/lib/bench/engine-ratio';

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
      { label: 'sfn-dynamodb', stackId: 'sfn-dynamodb', localMs: s(8), engineMs: s(0.5) },
      { label: 'parallel-map (1,000 items)', stackId: 'parallel-map', items: 1000, localMs: s(900), engineMs: s(300) },
    ],
    'a machine',
  );
  expect(table.rows.map((r) => [r[0], r[3], r[4]])).toStrictEqual([
    ['sfn-dynamodb', '16.0×', '≤ 2×'],
    ['parallel-map (1,000 items)', '3.0×', '≤ 1.5× per item'],
  ]);
  expect(table.rows[1]![1]).toContain('(900 µs/item)');
});
