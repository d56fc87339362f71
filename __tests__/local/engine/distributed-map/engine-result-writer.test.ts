/** ResultWriter through the engine (Developer Guide, "ResultWriter (Map)"). */
import { InMemoryObjectStore } from '../../../../local/engine';
import { itemsJson, jsonReader, mapMachine, passProcessor, PUT, run, storeWith } from './engine-support';

interface Written {
  MapRunArn: string;
  ResultWriterDetails: { Bucket: string; Key: string };
}

describe('Distributed Map: ResultWriter', () => {
  test('exporting to S3: the state\'s result is {MapRunArn, ResultWriterDetails: {Bucket, Key}} naming the manifest', async () => {
    const store = storeWith(itemsJson([1, 2]));
    const map = { Label: 'TestMap', ItemReader: jsonReader(), ItemProcessor: passProcessor(), ResultWriter: { Resource: PUT, Parameters: { Bucket: 'b', Prefix: 'mapJobs' } } };
    const outcome = await run(mapMachine(map), { objectStore: store });
    const result = outcome.output as Written;
    expect(Object.keys(result)).toEqual(['MapRunArn', 'ResultWriterDetails']);
    expect(result.MapRunArn).toMatch(/^arn:aws:states:us-east-1:123456789012:mapRun:StateMachine\/TestMap:[0-9a-f-]{36}$/);
    const mapRunId = result.MapRunArn.split(':').pop();
    expect(result.ResultWriterDetails).toEqual({ Bucket: 'b', Key: `mapJobs/${mapRunId}/manifest.json` });
    const manifest = JSON.parse(store.text('b', result.ResultWriterDetails.Key)!);
    expect(manifest).toMatchObject({ DestinationBucket: 'b', MapRunArn: result.MapRunArn });
    expect(manifest.ResultFiles.SUCCEEDED).toEqual([{ Key: `mapJobs/${mapRunId}/SUCCEEDED_0.json`, Size: expect.any(Number) }]);
  });

  test('the SUCCEEDED file holds each child\'s execution record, its Input and Output as JSON text, its ARN the child\'s', async () => {
    const store = storeWith(itemsJson([{ a: 1 }]));
    const map = { ItemReader: jsonReader(), ItemProcessor: passProcessor({ Result: 'done' }), ResultWriter: { Resource: PUT, Parameters: { Bucket: 'b', Prefix: 'out' } } };
    const outcome = await run(mapMachine(map), { objectStore: store });
    const key = store.keys('b').find((k) => k.endsWith('SUCCEEDED_0.json'))!;
    const [record] = JSON.parse(store.text('b', key)!);
    expect(record).toMatchObject({ Input: '{"a":1}', Output: '"done"', Status: 'SUCCEEDED', ExecutionArn: outcome.children[0].executionArn, Name: outcome.children[0].name });
  });

  test('ResultWriter Parameters are a payload template (Bucket.$, Prefix.$ from the input)', async () => {
    const store = storeWith(itemsJson([1]));
    const map = { ItemReader: jsonReader(), ItemProcessor: passProcessor(), ResultWriter: { Resource: PUT, Parameters: { 'Bucket.$': '$.bucket', 'Prefix.$': '$.prefix' } } };
    const outcome = await run(mapMachine(map), { objectStore: store, input: { bucket: 'b', prefix: 'from-input' } });
    expect((outcome.output as Written).ResultWriterDetails.Key).toMatch(/^from-input\/[0-9a-f-]{36}\/manifest\.json$/);
  });

  test('ResultSelector and ResultPath apply to the ResultWriter\'s result', async () => {
    const map = {
      ItemReader: jsonReader(),
      ItemProcessor: passProcessor(),
      ResultWriter: { Resource: PUT, Parameters: { Bucket: 'b', Prefix: 'p' } },
      ResultSelector: { 'manifest.$': '$.ResultWriterDetails.Key' },
      ResultPath: '$.written',
    };
    const outcome = await run(mapMachine(map), { objects: itemsJson([1]), input: { keep: true } });
    expect(outcome.output).toEqual({ keep: true, written: { manifest: expect.stringMatching(/^p\/.+\/manifest\.json$/) } });
  });

  test('WriterConfig without Resource shapes the result instead of exporting: FLATTEN spreads array outputs', async () => {
    const map = { ItemReader: jsonReader(), ItemProcessor: passProcessor(), ResultWriter: { WriterConfig: { Transformation: 'FLATTEN' } } };
    const outcome = await run(mapMachine(map), { objects: itemsJson([[1, 2], [3], 4]) });
    expect(outcome.output).toEqual([1, 2, 3, 4]);
  });

  test('a write that fails (no such bucket) fails the state with States.ResultWriterFailed', async () => {
    const map = { ItemReader: jsonReader(), ItemProcessor: passProcessor(), ResultWriter: { Resource: PUT, Parameters: { Bucket: 'missing', Prefix: 'p' } } };
    const outcome = await run(mapMachine(map), { objects: itemsJson([1]) });
    expect(outcome).toMatchObject({ status: 'FAILED', error: 'States.ResultWriterFailed', cause: expect.stringContaining('NoSuchBucket') });
  });

  test('with ResultWriter, a Map Run of more results than 256 KiB succeeds (the results are in S3, not in the state)', async () => {
    const big = Array.from({ length: 400 }, (_, i) => ({ i, pad: 'x'.repeat(1000) }));
    const store = new InMemoryObjectStore(['b']);
    store.put('b', 'items.json', JSON.stringify(big));
    const withWriter = await run(mapMachine({ ItemReader: jsonReader(), ItemProcessor: passProcessor(), ResultWriter: { Resource: PUT, Parameters: { Bucket: 'b' } } }), { objectStore: store });
    const without = await run(mapMachine({ ItemReader: jsonReader(), ItemProcessor: passProcessor() }), { objectStore: store });
    expect(withWriter.status).toBe('SUCCEEDED');
    expect(without.error).toBe('States.DataLimitExceeded');
  });
});
