/**
 * Reader → children → result through the engine (Developer Guide, "Map state in Distributed mode", "ItemReader
 * (Map)", "ItemSelector (Map)"; recorded AWS executions where named).
 */
import { distributed, GET, itemsJson, jsonReader, LIST, mapMachine, passProcessor, run, storeWith, types } from './engine-support';

describe('Distributed Map: items read by the ItemReader run as child executions', () => {
  test('ItemReader "JSON array": every item is a child\'s input; the result is their outputs in item order', async () => {
    const outcome = await run(mapMachine({ ItemReader: jsonReader(), ItemProcessor: passProcessor() }), { objects: itemsJson([{ a: 1 }, { a: 2 }, { a: 3 }]) });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.output).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(outcome.children.map((c) => c.input)).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
  });

  test('ItemReader "JSON Lines": one item per line', async () => {
    const reader = { Resource: GET, ReaderConfig: { InputType: 'JSONL' }, Parameters: { Bucket: 'b', Key: 'i.jsonl' } };
    const outcome = await run(mapMachine({ ItemReader: reader, ItemProcessor: passProcessor() }), { objects: { 'i.jsonl': '{"x":1}\n{"x":2}\n' } });
    expect(outcome.output).toEqual([{ x: 1 }, { x: 2 }]);
  });

  test('ItemReader "CSV file", CSVHeaderLocation FIRST_ROW: each row an object of strings keyed by the header', async () => {
    const reader = { Resource: GET, ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }, Parameters: { Bucket: 'b', Key: 'i.csv' } };
    const outcome = await run(mapMachine({ ItemReader: reader, ItemProcessor: passProcessor() }), { objects: { 'i.csv': 'id,name\n1,a\n2,b\n' } });
    expect(outcome.output).toEqual([{ id: '1', name: 'a' }, { id: '2', name: 'b' }]);
  });

  test('ItemReader "S3 objects" (listObjectsV2): one item per object, Key/Size/Etag/StorageClass (recorded AWS: test_map_item_reader_base_list_objects_v2)', async () => {
    const reader = { Resource: LIST, Parameters: { Bucket: 'b', Prefix: 'in/' } };
    const outcome = await run(mapMachine({ ItemReader: reader, ItemProcessor: passProcessor({ Parameters: { 'Key.$': '$.Key', 'Size.$': '$.Size', 'StorageClass.$': '$.StorageClass' } }) }), {
      objects: { 'in/file_0.txt': 'hello world!', 'in/file_1.txt': 'x', 'other.txt': 'no' },
    });
    expect(outcome.output).toEqual([
      { Key: 'in/file_0.txt', Size: 12, StorageClass: 'STANDARD' },
      { Key: 'in/file_1.txt', Size: 1, StorageClass: 'STANDARD' },
    ]);
  });

  test('ItemReader Parameters are a payload template over the state input (Bucket.$, Key.$)', async () => {
    const reader = { Resource: GET, ReaderConfig: { InputType: 'JSON' }, Parameters: { 'Bucket.$': '$.Bucket', 'Key.$': '$.Key' } };
    const outcome = await run(mapMachine({ ItemReader: reader, ItemProcessor: passProcessor() }), { objects: itemsJson(['x'], 'k.json'), input: { Bucket: 'b', Key: 'k.json' } });
    expect(outcome.output).toEqual(['x']);
  });

  test('ReaderConfig.MaxItems reads only the first items (ItemReader, ReaderConfig)', async () => {
    const outcome = await run(mapMachine({ ItemReader: jsonReader('items.json', { MaxItems: 2 }), ItemProcessor: passProcessor() }), { objects: itemsJson([1, 2, 3, 4]) });
    expect(outcome.output).toEqual([1, 2]);
  });

  test('ReaderConfig.MaxItemsPath reads the limit from the input (recorded AWS: test_map_item_reader_csv_max_items_paths[2])', async () => {
    const reader = { Resource: GET, ReaderConfig: { InputType: 'JSON', MaxItemsPath: '$.MaxItems' }, Parameters: { Bucket: 'b', Key: 'items.json' } };
    const outcome = await run(mapMachine({ ItemReader: reader, ItemProcessor: passProcessor() }), { objects: itemsJson([1, 2, 3]), input: { MaxItems: 2 } });
    expect(outcome.output).toEqual([1, 2]);
  });

  test('with an ItemReader, ItemsPath is not applied, even a path that selects nothing (recorded AWS: test_map_item_reader_base_json_with_items_path)', async () => {
    const definition = mapMachine({ ItemsPath: '$.no_such_path_in_bucket_result', ItemReader: jsonReader(), ItemProcessor: passProcessor() });
    const outcome = await run(definition, { objects: itemsJson([['from-bucket-item-0']]), input: {} });
    expect(outcome.output).toEqual([['from-bucket-item-0']]);
  });

  test('without an ItemReader the items come from the input (ItemsPath), each still a child execution', async () => {
    const outcome = await run(mapMachine({ ItemsPath: '$.values', ItemProcessor: passProcessor() }), { input: { values: ['1', '2', '3'] } });
    expect(outcome.output).toEqual(['1', '2', '3']);
    expect(outcome.children).toHaveLength(3);
    expect(types(outcome.history)).not.toContain('MapIterationStarted');
  });

  test('ItemSelector: $ is the Map state\'s input, $$.Map.Item.{Index,Value,Source} the item (Context object, Map state; Source is the object\'s S3 URI)', async () => {
    const itemSelector = { 'bucket.$': '$.bucket', 'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value', 'source.$': '$$.Map.Item.Source' };
    const outcome = await run(mapMachine({ ItemReader: jsonReader(), ItemSelector: itemSelector, ItemProcessor: passProcessor() }), { objects: itemsJson(['a', 'b']), input: { bucket: 'B' } });
    expect(outcome.output).toEqual([
      { bucket: 'B', index: 0, value: 'a', source: 's3://b/items.json' },
      { bucket: 'B', index: 1, value: 'b', source: 's3://b/items.json' },
    ]);
  });

  test('$$.Map.Item.Source is STATE_DATA for items from the state input (Context object, Map state)', async () => {
    const outcome = await run(mapMachine({ ItemSelector: { 'source.$': '$$.Map.Item.Source' }, ItemProcessor: passProcessor() }), { input: [1] });
    expect(outcome.output).toEqual([{ source: 'STATE_DATA' }]);
  });

  test('the items of a JSON object through ReaderConfig.ItemsPointer; a Task per child gets its item', async () => {
    const processor = distributed({ T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } });
    const outcome = await run(mapMachine({ ItemReader: jsonReader('items.json', { ItemsPointer: '/rows' }), ItemProcessor: processor }), {
      objects: { 'items.json': JSON.stringify({ rows: [{ n: 2 }, { n: 5 }] }) },
      handlers: { T: async ({ input }) => (input as { n: number }).n * 10 },
    });
    expect(outcome.output).toEqual([20, 50]);
  });

  test('the store is the engine\'s: a second machine with another store reads its own objects', async () => {
    const store = storeWith(itemsJson(['own']));
    const outcome = await run(mapMachine({ ItemReader: jsonReader(), ItemProcessor: passProcessor() }), { objectStore: store });
    expect(outcome.output).toEqual(['own']);
  });
});
