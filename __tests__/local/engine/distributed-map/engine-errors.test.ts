/**
 * Errors of a Distributed Map caught by the Map state's Catch and Retry (Developer Guide, "Error handling in Step
 * Functions": States.ItemReaderFailed, States.ResultWriterFailed, States.ExceedToleratedFailureThreshold; recorded AWS
 * executions: test_map_item_reader_csv_headers_decl_duplicate_headers, test_map_item_reader_csv_max_items_paths).
 */
import { StateMachine } from '../../../../local/engine';
import { distributed, GET, itemsJson, jsonReader, mapMachine, passProcessor, PUT, run, types } from './engine-support';

const catchAll = (map: Record<string, unknown>, errors: string[]) => ({
  StartAt: 'M',
  States: {
    M: { Type: 'Map', ...map, Catch: [{ ErrorEquals: errors, ResultPath: '$.error', Next: 'Caught' }], End: true },
    Caught: { Type: 'Pass', End: true },
  },
});

describe('Distributed Map: errors, Retry and Catch', () => {
  test('an ItemReader failure (duplicate CSV headers) is recorded after MapRunStarted and caught as States.ItemReaderFailed', async () => {
    const reader = { Resource: GET, ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['H1', 'H1', 'H3'] }, Parameters: { Bucket: 'b', Key: 'f.csv' } };
    const uncaught = await run(mapMachine({ ItemReader: reader, ItemProcessor: passProcessor() }), { objects: { 'f.csv': 'a,b,c\n' } });
    expect(uncaught).toMatchObject({ error: 'States.ItemReaderFailed', cause: 'CSV headers cannot contain duplicates.' });
    expect(types(uncaught.history)).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'MapRunStarted', 'MapRunFailed', 'MapStateFailed', 'ExecutionFailed']);
    const caught = await run(catchAll({ ItemReader: reader, ItemProcessor: passProcessor() }, ['States.ItemReaderFailed']), { objects: { 'f.csv': 'a,b,c\n' }, input: {} });
    expect(caught.output).toEqual({ error: { Error: 'States.ItemReaderFailed', Cause: 'CSV headers cannot contain duplicates.' } });
  });

  test('a missing list object is caught as States.ItemReaderFailed (the parallel-map workflow\'s ListNotLoaded path)', async () => {
    const outcome = await run(catchAll({ ItemReader: jsonReader('none.json'), ItemProcessor: passProcessor() }, ['States.ItemReaderFailed']), { input: {} });
    expect(outcome.status).toBe('SUCCEEDED');
    expect((outcome.output as { error: { Cause: string } }).error.Cause).toMatch(/Error Code: NoSuchKey/);
  });

  test('MaxItemsPath not an integer: States.Runtime after MapStateStarted, no MapRun events, no MapStateFailed (recorded AWS cause)', async () => {
    const reader = { Resource: GET, ReaderConfig: { InputType: 'JSON', MaxItemsPath: '$.MaxItems' }, Parameters: { Bucket: 'b', Key: 'items.json' } };
    const outcome = await run(mapMachine({ ItemReader: reader, ItemProcessor: passProcessor() }, {}), { objects: itemsJson([1]), input: { MaxItems: 1.5 } });
    expect(outcome.cause).toBe("An error occurred while executing the state 'M' (entered at the event id #2). The MaxItemsPath field refers to value \"1.5\" which is not a valid integer: $.MaxItems");
    expect(types(outcome.history)).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'ExecutionFailed']);
  });

  test('MaxItems -1 fails the Map Run: States.ItemReaderFailed "field MaxItems must be positive" (recorded AWS)', async () => {
    const reader = { Resource: GET, ReaderConfig: { InputType: 'JSON', MaxItemsPath: '$.MaxItems' }, Parameters: { Bucket: 'b', Key: 'items.json' } };
    const outcome = await run(mapMachine({ ItemReader: reader, ItemProcessor: passProcessor() }), { objects: itemsJson([1]), input: { MaxItems: -1 } });
    expect(outcome).toMatchObject({ error: 'States.ItemReaderFailed', cause: 'field MaxItems must be positive' });
  });

  test('States.ExceedToleratedFailureThreshold is caught by the Map state\'s Catch', async () => {
    const outcome = await run(catchAll({ ItemsPath: '$.items', ItemProcessor: distributed({ F: { Type: 'Fail', Error: 'Bad' } }) }, ['States.ExceedToleratedFailureThreshold']), { input: { items: [1] } });
    expect(outcome.output).toEqual({ items: [1], error: { Error: 'States.ExceedToleratedFailureThreshold', Cause: 'The specified tolerated failure threshold was exceeded' } });
  });

  test('States.ResultWriterFailed is caught by States.ALL', async () => {
    const map = { ItemsPath: '$.items', ItemProcessor: passProcessor(), ResultWriter: { Resource: PUT, Parameters: { Bucket: 'nowhere' } } };
    const outcome = await run(catchAll(map, ['States.ALL']), { input: { items: [1] } });
    expect((outcome.output as { error: { Error: string } }).error.Error).toBe('States.ResultWriterFailed');
  });

  test('Retry on the Map state runs a new Map Run (a new MapRunArn) and the children again', async () => {
    let calls = 0;
    const processor = distributed({ T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } });
    const definition = mapMachine({ ItemsPath: '$.items', ItemProcessor: processor, Retry: [{ ErrorEquals: ['States.ExceedToleratedFailureThreshold'], IntervalSeconds: 1, MaxAttempts: 1 }] });
    const outcome = await run(definition, { input: { items: [1] }, handlers: { T: async () => (++calls === 1 ? Promise.reject(new Error('first time')) : 'ok') } });
    expect(outcome.output).toEqual(['ok']);
    const runs = outcome.history.filter((e) => e.type === 'MapRunStarted').map((e) => (e as unknown as { mapRunStartedEventDetails: { mapRunArn: string } }).mapRunStartedEventDetails.mapRunArn);
    expect(runs).toHaveLength(2);
    expect(runs[0]).not.toBe(runs[1]);
  });

  test('without an object store, a Distributed Map with an ItemReader or an exporting ResultWriter is refused when constructed, naming the state', () => {
    const withReader = mapMachine({ ItemReader: jsonReader(), ItemProcessor: passProcessor() });
    const withWriter = { StartAt: 'Par', States: { Par: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Map', End: true, ItemProcessor: passProcessor(), ResultWriter: { Resource: PUT, Parameters: { Bucket: 'b' } } } } }] } } };
    expect(() => new StateMachine(withReader)).toThrow(expect.objectContaining({ name: 'UnsupportedDefinition', message: expect.stringMatching(/^State 'M': .*EngineOptions\.objectStore/) }));
    expect(() => new StateMachine(withWriter)).toThrow(expect.objectContaining({ name: 'UnsupportedDefinition', message: expect.stringContaining("State 'Inner'") }));
    expect(() => new StateMachine(mapMachine({ ItemProcessor: passProcessor(), ResultWriter: { WriterConfig: { Transformation: 'COMPACT' } } }))).not.toThrow();
  });

  test('StopExecution while children run: the parent ends ABORTED and its running children ABORTED', async () => {
    const processor = distributed({ W: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } });
    const children: string[] = [];
    let started!: () => void;
    const allStarted = new Promise<void>((resolve) => (started = resolve));
    let count = 0;
    const machine = new StateMachine(mapMachine({ ItemsPath: '$.items', ItemProcessor: processor }), { objectStore: undefined });
    const execution = machine.start({
      input: { items: [1, 2] },
      taskHandlers: { W: ({ signal }) => new Promise((_, reject) => { if (++count === 2) started(); signal.addEventListener('abort', () => reject(new Error('stopped'))); }) },
      onChildExecution: (child) => children.push(child.status),
    });
    await allStarted;
    execution.stop('Stopped', 'by the test');
    const outcome = await execution.done;
    expect(outcome).toMatchObject({ status: 'ABORTED', error: 'Stopped' });
    expect(children).toEqual(['ABORTED', 'ABORTED']);
  });
});
