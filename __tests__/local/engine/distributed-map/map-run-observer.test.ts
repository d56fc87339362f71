import { StateMachine, StatesError, type MapRunDescription, type MapRunView, type TaskHandler } from '../../../../local/engine';
import { distributed, mapMachine, passProcessor, run } from './engine-support';

// ExecutionOptions.onMapRun: the seam DescribeMapRun / ListMapRuns are answered from (API Reference, DescribeMapRun:
// status RUNNING | SUCCEEDED | FAILED | ABORTED, itemCounts and executionCounts).

const TASK = 'arn:aws:states:::lambda:invoke';

interface Seen {
  readonly view: MapRunView;
  readonly phase: 'started' | 'ended';
  readonly atTheTime: MapRunDescription;
}

function observer(): { seen: Seen[]; onMapRun: (view: MapRunView, phase: 'started' | 'ended') => void } {
  const seen: Seen[] = [];
  return { seen, onMapRun: (view, phase) => seen.push({ view, phase, atTheTime: view.describe() }) };
}

test('a Map Run is told when it starts and ends; the view names it and describes it as DescribeMapRun does', async () => {
  const { seen, onMapRun } = observer();
  const outcome = await run(mapMachine({ Label: 'Batch', MaxConcurrency: 2, ToleratedFailureCount: 1, ToleratedFailurePercentage: 50, ItemProcessor: passProcessor() }), {
    input: ['a', 'b', 'c'],
    name: 'parent',
    onMapRun,
  });
  expect(outcome.status).toBe('SUCCEEDED');
  expect(seen.map((s) => s.phase)).toStrictEqual(['started', 'ended']);
  const { view } = seen[0];
  expect(seen[1].view).toBe(view);
  expect(view.mapRunArn).toMatch(/^arn:aws:states:us-east-1:123456789012:mapRun:StateMachine\/Batch:[0-9a-f-]{36}$/);
  expect(view.executionArn).toBe('arn:aws:states:us-east-1:123456789012:execution:StateMachine:parent');
  expect(view.stateMachineArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:StateMachine/Batch');
  expect(view.stateName).toBe('M');
  expect(seen[0].atTheTime).toMatchObject({ status: 'RUNNING', mapRunArn: view.mapRunArn, executionArn: view.executionArn });
  expect(seen[0].atTheTime.stopDate).toBeUndefined();
  const ended = view.describe();
  expect(ended).toMatchObject({ status: 'SUCCEEDED', maxConcurrency: 2, toleratedFailureCount: 1, toleratedFailurePercentage: 50, redriveCount: 0 });
  expect(ended.stopDate).toBeInstanceOf(Date);
  expect(ended.itemCounts).toStrictEqual({ aborted: 0, failed: 0, failuresNotRedrivable: 0, pending: 0, pendingRedrive: 0, resultsWritten: 0, running: 0, succeeded: 3, timedOut: 0, total: 3 });
  expect(ended.executionCounts).toStrictEqual(ended.itemCounts);
});

test('describe() is a copy as of when it is called: counts move while the children run', async () => {
  const views: MapRunView[] = [];
  const during: MapRunDescription[] = [];
  const runningNow: string[][] = [];
  const handler: TaskHandler = async ({ context }) => {
    during.push(views[0].describe());
    runningNow.push(views[0].runningChildren().map((c) => `${c.index}:${JSON.stringify(c.input)}:${c.itemCount}:${c.executionArn === (context.Execution as { Id: string }).Id}`));
    return 'done';
  };
  await run(mapMachine({ MaxConcurrency: 1, ItemProcessor: distributed({ T: { Type: 'Task', Resource: TASK, End: true } }) }), {
    input: [1, 2, 3],
    handlers: { T: handler },
    onMapRun: (view, phase) => phase === 'started' && views.push(view),
  });
  expect(during.map((d) => [d.itemCounts.pending, d.itemCounts.running, d.itemCounts.succeeded])).toStrictEqual([
    [2, 1, 0],
    [1, 1, 1],
    [0, 1, 2],
  ]);
  expect(during[0].itemCounts.running).toBe(1); // not changed by the later counts
  expect(runningNow).toStrictEqual([['0:1:1:true'], ['1:2:1:true'], ['2:3:1:true']]);
  expect(views[0].runningChildren()).toStrictEqual([]);
});

test('a run over its tolerated failures is FAILED; with ItemBatcher items and child executions are counted apart', async () => {
  const { seen, onMapRun } = observer();
  const outcome = await run(
    mapMachine({ ItemBatcher: { MaxItemsPerBatch: 2 }, MaxConcurrency: 1, ItemProcessor: distributed({ F: { Type: 'Fail', Error: 'Bad', Cause: 'x' } }) }),
    { input: [1, 2, 3, 4, 5], onMapRun },
  );
  expect(outcome.error).toBe('States.ExceedToleratedFailureThreshold');
  const ended = seen[1].view.describe();
  expect(ended.status).toBe('FAILED');
  expect(ended.executionCounts).toMatchObject({ total: 3, failed: 1, pending: 2, running: 0 });
  expect(ended.itemCounts).toMatchObject({ total: 5, failed: 2, pending: 3, running: 0 });
});

test('a run whose parent is stopped is ABORTED, its running children counted aborted', async () => {
  const machine = new StateMachine(mapMachine({ ItemProcessor: distributed({ T: { Type: 'Task', Resource: TASK, End: true } }) }));
  const views: MapRunView[] = [];
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const execution = machine.start({
    input: [1, 2],
    onMapRun: (view, phase) => phase === 'started' && views.push(view),
    taskHandlers: {
      T: ({ signal }) => {
        started();
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new StatesError('States.Aborted', 'stopped'))));
      },
    },
  });
  await running;
  execution.stop('Stop', 'by the test');
  const outcome = await execution.done;
  expect(outcome.status).toBe('ABORTED');
  const ended = views[0].describe();
  expect(ended.status).toBe('ABORTED');
  expect(ended.stopDate).toBeInstanceOf(Date);
  expect(ended.executionCounts).toMatchObject({ total: 2, aborted: 2, running: 0 });
});

test("Map Runs of child executions are told too, each with its own parent; an observer's exception changes nothing", async () => {
  const inner = { Type: 'Map', ItemsPath: '$', ItemProcessor: passProcessor(), End: true };
  const seen: MapRunView[] = [];
  const outcome = await run(mapMachine({ Label: 'Outer', ItemProcessor: distributed({ Inner: inner }) }), {
    input: [[1], [2, 3]],
    onMapRun: (view, phase) => {
      if (phase === 'started') seen.push(view);
      throw new Error('observer broke');
    },
  });
  expect(outcome.status).toBe('SUCCEEDED');
  expect(seen).toHaveLength(3);
  const outer = seen.find((v) => v.stateName === 'M')!;
  const inners = seen.filter((v) => v.stateName === 'Inner');
  expect(inners.map((v) => v.executionArn).sort()).toStrictEqual(outcome.children.filter((c) => c.mapRunArn === outer.mapRunArn).map((c) => c.executionArn).sort());
  expect(inners.map((v) => v.describe().itemCounts.succeeded).sort()).toStrictEqual([1, 2]);
  expect(outer.describe().status).toBe('SUCCEEDED');
});

test('each child execution tells how many items it processed (ListExecutions itemCount): its batch with ItemBatcher', async () => {
  const batched = await run(mapMachine({ ItemBatcher: { MaxItemsPerBatch: 2 }, ItemProcessor: passProcessor() }), { input: [1, 2, 3, 4, 5] });
  const single = await run(mapMachine({ ItemProcessor: passProcessor() }), { input: [{ Items: [1, 2] }] });
  expect(batched.children.map((c) => c.itemCount)).toStrictEqual([2, 2, 1]);
  expect(single.children.map((c) => c.itemCount)).toStrictEqual([1]);
});
