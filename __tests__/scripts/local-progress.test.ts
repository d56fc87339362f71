import { runExecution, StatesError } from '../../local';
import { durationText, ProgressTracker } from '../../scripts/lib/local/format';

// `npm run local`'s progress lines, read from the engine's history events (GetExecutionHistory's shape).

test('states entered with their type, failures with error and first cause line, retries, catches, Map items', async () => {
  // GIVEN: a Map whose item 0 fails twice (one retry), then is caught; item 1 fails at once with no catch left
  let attempts = 0;
  const outcome = await runExecution(
    {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          MaxConcurrency: 1,
          ItemProcessor: {
            StartAt: 'Work',
            States: {
              Work: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke',
                Retry: [{ ErrorEquals: ['Busy'], MaxAttempts: 1 }],
                Catch: [{ ErrorEquals: ['Busy'], Next: 'Gave up' }],
                End: true,
              },
              'Gave up': { Type: 'Pass', End: true },
            },
          },
          End: true,
        },
      },
    },
    {
      input: { items: [0, 1] },
      taskHandlers: {
        Work: async ({ input }) => {
          attempts += 1;
          throw new StatesError(input === 0 ? 'Busy' : 'Broken', `attempt ${attempts}\nsecond line`);
        },
      },
    },
  );
  // WHEN
  const tracker = new ProgressTracker();
  const lines = outcome.history.flatMap((event) => tracker.format(event, 'main', 'main') ?? []);
  // THEN
  expect(lines).toStrictEqual([
    '  → Each (Map)',
    '  → Work (Task) [item 0]',
    '      ✗ Busy: attempt 1 [item 0]',
    '      ↻ retry 1 of Work [item 0]',
    '      ✗ Busy: attempt 2 [item 0]',
    '      ⤷ caught, going to Gave up [item 0]\n  → Gave up (Pass) [item 0]',
    '  → Work (Task) [item 1]',
    '      ✗ Broken: attempt 3 [item 1]',
    '      ✗ item 1 of Each failed: Broken',
  ]);
});

test('events of another execution carry its name, and its end', async () => {
  const outcome = await runExecution({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, { name: 'child-1' });
  const tracker = new ProgressTracker();
  const lines = outcome.history.flatMap((event) => tracker.format(event, 'child-1', 'main') ?? []);
  expect(lines).toStrictEqual(['  [child-1] started with {}', '  [child-1] → P (Pass)', '  [child-1] succeeded']);
});

test("the duration is the execution's clock, with the wall time beside it when the virtual clock made them differ", () => {
  const base = { executionArn: 'a', stateMachineArn: 's', name: 'n', status: 'SUCCEEDED' as const, input: {}, transitions: 1, history: [] };
  const at = (ms: number) => new Date(Date.UTC(2024, 0, 1) + ms);
  expect(durationText({ ...base, startDate: at(0), stopDate: at(6044), wallMs: 9 })).toBe("6044 ms on the execution's clock, 9 ms of wall time");
  expect(durationText({ ...base, startDate: at(0), stopDate: at(120), wallMs: 118 })).toBe('120 ms');
  expect(durationText({ ...base, startDate: at(0), stopDate: at(120) })).toBe('120 ms');
});
