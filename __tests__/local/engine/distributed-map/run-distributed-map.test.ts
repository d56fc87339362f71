import { StatesError } from '../../../../local/engine/errors';
import type { MapRunDescription } from '../../../../local/engine/distributed-map/map-run';
import { type ChildRunner, type DistributedMapDeps, type MapRunEvent, runDistributedMap } from '../../../../local/engine/distributed-map/run-distributed-map';
import { GET, statesError, storeWith } from './support';

const SM = 'arn:aws:states:us-east-1:123456789012:stateMachine:sm';
const EXEC = 'arn:aws:states:us-east-1:123456789012:execution:sm:e';
const echo: ChildRunner = async (input) => ({ status: 'SUCCEEDED', output: input });

function deps(extra: Partial<DistributedMapDeps> = {}) {
  const events: MapRunEvent[] = [];
  let run: MapRunDescription | undefined;
  const d: DistributedMapDeps = { runChild: echo, stateMachineArn: SM, executionArn: EXEC, onEvent: (e, r) => (events.push(e), (run = r)), ...extra };
  return { d, events, run: () => run! };
}

describe('runDistributedMap (Developer Guide, "Using Map state in Distributed mode")', () => {
  it('runs one child per item and returns their outputs in item order, whatever order they end in', async () => {
    const runChild: ChildRunner = async (input, index) => {
      await new Promise((r) => setTimeout(r, (3 - index) * 5));
      return { status: 'SUCCEEDED', output: { doubled: (input as number) * 2 } };
    };
    expect(await runDistributedMap({ stateName: 'Map' }, [1, 2, 3], deps({ runChild }).d)).toEqual([{ doubled: 2 }, { doubled: 4 }, { doubled: 6 }]);
  });

  it('gives each child its identity: name, execution ARN under the Map Run, the Map Run ARN', async () => {
    const seen: Array<{ name: string; executionArn: string; mapRunArn: string }> = [];
    await runDistributedMap({ stateName: 'Map', label: 'L' }, ['a'], deps({ runChild: async (input, _i, child) => (seen.push(child), { status: 'SUCCEEDED', output: input }) }).d);
    expect(seen[0].executionArn).toBe(`arn:aws:states:us-east-1:123456789012:execution:sm/L:${seen[0].name}`);
    expect(seen[0].mapRunArn).toMatch(/^arn:aws:states:us-east-1:123456789012:mapRun:sm\/L:[0-9a-f-]{36}$/);
  });

  it('asks beforeChildren once, before the first child starts, with the parent\'s ARNs and the Map Run\'s', async () => {
    const order: string[] = [];
    const { d } = deps({
      beforeChildren: async (start) => void order.push(`before ${start.stateName} ${start.stateMachineArn} ${start.executionArn} ${start.mapRunArn.split(':')[5]}`),
      runChild: async (input) => (order.push(`child ${input}`), { status: 'SUCCEEDED', output: input }),
    });
    await runDistributedMap({ stateName: 'Map', label: 'L', maxConcurrency: 2 }, ['a', 'b', 'c'], d);
    expect(order).toEqual([`before Map ${SM} ${EXEC} mapRun`, 'child a', 'child b', 'child c']);
  });

  it('a rejection of beforeChildren fails the Map Run with it (MapRunFailed), no child started; a run with no items never asks', async () => {
    let children = 0;
    const denied = new StatesError('States.Runtime', 'not authorized to perform: states:StartExecution');
    const { d, events, run } = deps({ beforeChildren: async () => Promise.reject(denied), runChild: async (input) => (children++, { status: 'SUCCEEDED', output: input }) });
    await expect(runDistributedMap({ stateName: 'Map' }, [1, 2], d)).rejects.toBe(denied);
    expect(children).toBe(0);
    expect(events.map((e) => e.type)).toEqual(['MapRunStarted', 'MapRunFailed']);
    expect(events[1]).toEqual({ type: 'MapRunFailed', mapRunFailedEventDetails: { error: 'States.Runtime', cause: 'not authorized to perform: states:StartExecution' } });
    expect(run().status).toBe('FAILED');
    let asked = false;
    await expect(runDistributedMap({ stateName: 'Map' }, [], deps({ beforeChildren: async () => void (asked = true) }).d)).resolves.toEqual([]);
    expect(asked).toBe(false);
  });

  it('applies ItemSelector (selectItem) to each item with its index before the child sees it', async () => {
    const { d } = deps({ selectItem: (item, index) => ({ index, value: item }) });
    expect(await runDistributedMap({ stateName: 'Map' }, ['x', 'y'], d)).toEqual([
      { index: 0, value: 'x' },
      { index: 1, value: 'y' },
    ]);
  });

  it('runs at most MaxConcurrency children at once', async () => {
    let running = 0;
    let peak = 0;
    const runChild: ChildRunner = async (input) => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 2));
      running--;
      return { status: 'SUCCEEDED', output: input };
    };
    await runDistributedMap({ stateName: 'Map', maxConcurrency: 3 }, Array.from({ length: 10 }, (_, i) => i), deps({ runChild }).d);
    expect(peak).toBe(3);
  });

  it('without MaxConcurrency runs up to 10,000 children at once ("Step Functions runs 10,000 parallel child workflow executions")', async () => {
    let running = 0;
    let peak = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const runChild: ChildRunner = async (input) => {
      peak = Math.max(peak, ++running);
      if (running === 10_000) release();
      await gate;
      running--;
      return { status: 'SUCCEEDED', output: input };
    };
    await runDistributedMap({ stateName: 'Map' }, Array.from({ length: 10_001 }, (_, i) => i), deps({ runChild }).d);
    expect(peak).toBe(10_000);
  });

  it('records MapRunStarted then MapRunSucceeded, and counts as DescribeMapRun does', async () => {
    const { d, events, run } = deps();
    await runDistributedMap({ stateName: 'Map', maxConcurrency: 1 }, [1, 2], d);
    expect(events.map((e) => e.type)).toEqual(['MapRunStarted', 'MapRunSucceeded']);
    expect(events[0]).toEqual({ type: 'MapRunStarted', mapRunStartedEventDetails: { mapRunArn: run().mapRunArn } });
    expect(run()).toMatchObject({ status: 'SUCCEEDED', maxConcurrency: 1, toleratedFailureCount: 0, toleratedFailurePercentage: 0 });
    expect(run().itemCounts).toMatchObject({ total: 2, succeeded: 2, pending: 0, running: 0, failed: 0, resultsWritten: 0 });
    expect(run().executionCounts).toMatchObject({ total: 2, succeeded: 2 });
  });

  it('an ItemReader failure fails the Map Run after MapRunStarted (recorded AWS history)', async () => {
    const { d, events } = deps({ store: storeWith({ 'f.json': '{"Hello":"world"}' }) });
    const err = await statesError(runDistributedMap({ stateName: 'Map', itemReader: { Resource: GET, ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'b', Key: 'f.json' } } }, {}, d));
    expect([err.error, err.cause]).toEqual(['States.ItemReaderFailed', 'Attempting to map over non-iterable node.']);
    expect(events).toEqual([
      { type: 'MapRunStarted', mapRunStartedEventDetails: { mapRunArn: expect.any(String) } },
      { type: 'MapRunFailed', mapRunFailedEventDetails: { error: 'States.ItemReaderFailed', cause: 'Attempting to map over non-iterable node.' } },
    ]);
  });

  it('reads items with the ItemReader and applies ItemsPath to them through afterRead', async () => {
    const { d } = deps({ store: storeWith({ 'f.json': '[["from-bucket-item-0"]]' }), afterRead: (items) => items[0] });
    expect(await runDistributedMap({ stateName: 'Map', itemReader: { Resource: GET, ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'b', Key: 'f.json' } } }, {}, d)).toEqual([
      'from-bucket-item-0',
    ]);
  });

  it('one failed child with no tolerance fails States.ExceedToleratedFailureThreshold and starts no further child', async () => {
    const started: number[] = [];
    const runChild: ChildRunner = async (input, index) => (started.push(index), index === 1 ? { status: 'FAILED', error: 'E', cause: 'c' } : { status: 'SUCCEEDED', output: input });
    const { d, events, run } = deps({ runChild });
    const err = await statesError(runDistributedMap({ stateName: 'Map', maxConcurrency: 1 }, [0, 1, 2, 3], d));
    expect([err.error, err.cause]).toEqual(['States.ExceedToleratedFailureThreshold', 'The specified tolerated failure threshold was exceeded']);
    expect(started).toEqual([0, 1]);
    expect(events[1]).toEqual({ type: 'MapRunFailed', mapRunFailedEventDetails: { error: 'States.ExceedToleratedFailureThreshold', cause: 'The specified tolerated failure threshold was exceeded' } });
    expect(run().itemCounts).toMatchObject({ total: 4, succeeded: 1, failed: 1, pending: 2 });
  });

  it('tolerated failures let the Map succeed; the failed child appears as its execution record', async () => {
    const runChild: ChildRunner = async (input, index) => (index === 0 ? { status: 'FAILED', error: 'E', cause: 'c' } : { status: 'SUCCEEDED', output: input });
    const result = (await runDistributedMap({ stateName: 'Map', toleratedFailureCount: 1 }, ['a', 'b'], deps({ runChild }).d)) as unknown[];
    expect(result[0]).toMatchObject({ Error: 'E', Cause: 'c', Status: 'FAILED', Input: '"a"' });
    expect(result[1]).toBe('b');
  });

  it('a child that rejects with a StatesError counts as FAILED with that error', async () => {
    const runChild: ChildRunner = async () => {
      throw new StatesError('States.Timeout', 'took too long');
    };
    const result = (await runDistributedMap({ stateName: 'Map', toleratedFailurePercentage: 100 }, [1], deps({ runChild }).d)) as Array<Record<string, unknown>>;
    expect(result[0]).toMatchObject({ Error: 'States.Timeout', Cause: 'took too long' });
  });

  it('TIMED_OUT and ABORTED children count as failures', async () => {
    const runChild: ChildRunner = async (_input, index) => ({ status: index === 0 ? 'TIMED_OUT' : 'ABORTED' });
    const { d, run } = deps({ runChild });
    await statesError(runDistributedMap({ stateName: 'Map', toleratedFailureCount: 1 }, [1, 2], d));
    expect(run().itemCounts).toMatchObject({ timedOut: 1, aborted: 1 });
  });

  it('with ItemBatcher each child gets a batch and a failed batch counts all its items toward the percentage', async () => {
    const inputs: unknown[] = [];
    const runChild: ChildRunner = async (input, index) => (inputs.push(input), index === 0 ? { status: 'FAILED', error: 'E', cause: 'c' } : { status: 'SUCCEEDED', output: input });
    // 2 of 4 items failed (50 %): tolerated at 50, not at 49.
    await runDistributedMap({ stateName: 'Map', itemBatcher: { MaxItemsPerBatch: 2, BatchInput: { k: 1 } }, toleratedFailurePercentage: 50 }, [1, 2, 3, 4], deps({ runChild }).d);
    expect(inputs[0]).toEqual({ BatchInput: { k: 1 }, Items: [1, 2] });
    const err = await statesError(runDistributedMap({ stateName: 'Map', itemBatcher: { MaxItemsPerBatch: 2 }, toleratedFailurePercentage: 49 }, [1, 2, 3, 4], deps({ runChild }).d));
    expect(err.error).toBe('States.ExceedToleratedFailureThreshold');
  });

  it('with a ResultWriter returns {MapRunArn, ResultWriterDetails} and counts the results written', async () => {
    const store = storeWith();
    const { d, run } = deps({ store });
    const result = (await runDistributedMap({ stateName: 'Map', label: 'TestMap', resultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'mapJobs' } } }, ['Hello', 'World'], d)) as {
      MapRunArn: string;
      ResultWriterDetails: { Bucket: string; Key: string };
    };
    const id = result.MapRunArn.split(':').pop();
    expect(result.MapRunArn).toMatch(/:mapRun:sm\/TestMap:/);
    expect(result.ResultWriterDetails).toEqual({ Bucket: 'b', Key: `mapJobs/${id}/manifest.json` });
    expect(store.keys('b')).toEqual([`mapJobs/${id}/SUCCEEDED_0.json`, `mapJobs/${id}/manifest.json`]);
    expect(run().itemCounts.resultsWritten).toBe(2);
  });

  it('when the threshold is exceeded the results are still written, unstarted items as PENDING, then the Map fails', async () => {
    const store = storeWith();
    const runChild: ChildRunner = async () => ({ status: 'FAILED', error: 'E', cause: 'c' });
    const err = await statesError(
      runDistributedMap({ stateName: 'Map', maxConcurrency: 1, resultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'p' } } }, [1, 2, 3], deps({ store, runChild }).d),
    );
    expect(err.error).toBe('States.ExceedToleratedFailureThreshold');
    expect(store.keys('b').map((k) => k.split('/').pop())).toEqual(['FAILED_0.json', 'PENDING_0.json', 'manifest.json']);
  });

  it('a ResultWriter with WriterConfig alone shapes the result without writing (FLATTEN)', async () => {
    expect(await runDistributedMap({ stateName: 'Map', resultWriter: { WriterConfig: { Transformation: 'FLATTEN', OutputType: 'JSON' } } }, [[1, 2], [3]], deps().d)).toEqual([1, 2, 3]);
  });

  it('a ResultWriter failure fails the Map Run with States.ResultWriterFailed', async () => {
    const { d, events } = deps({ store: storeWith() });
    const err = await statesError(runDistributedMap({ stateName: 'Map', resultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'missing' } } }, [1], d));
    expect(err.error).toBe('States.ResultWriterFailed');
    expect(events.map((e) => e.type)).toEqual(['MapRunStarted', 'MapRunFailed']);
  });

  it('no items: no child, an empty result', async () => {
    const runChild = jest.fn(echo);
    expect(await runDistributedMap({ stateName: 'Map' }, [], deps({ runChild }).d)).toEqual([]);
    expect(runChild).not.toHaveBeenCalled();
  });

  it('items that are not an array fail States.Runtime', async () => {
    expect((await statesError(runDistributedMap({ stateName: 'Map' }, { a: 1 }, deps().d))).cause).toBe('Map state input must be an array but was: {"a":1}');
  });

  it('refuses a negative ToleratedFailureCount before starting (recorded AWS cause)', async () => {
    expect((await statesError(runDistributedMap({ stateName: 'Map', toleratedFailureCount: -1 }, [1], deps().d))).cause).toBe('ToleratedFailureCount cannot be negative.');
  });

  it('the parent stopping aborts the children\'s signal and fails the run with the stop reason', async () => {
    const parent = new AbortController();
    const runChild: ChildRunner = (_input, _i, child) =>
      new Promise((resolve) => child.signal.addEventListener('abort', () => resolve({ status: 'ABORTED' })));
    const pending = runDistributedMap({ stateName: 'Map' }, [1, 2], deps({ runChild, signal: parent.signal }).d);
    setTimeout(() => parent.abort(new StatesError('States.Timeout', 'The execution timed out')), 5);
    expect((await statesError(pending)).error).toBe('States.Timeout');
  });
});
