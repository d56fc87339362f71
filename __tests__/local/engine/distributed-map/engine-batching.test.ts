/** ItemBatcher through the engine (Developer Guide, "ItemBatcher (Map)"). */
import { itemsJson, jsonReader, mapMachine, passProcessor, run } from './engine-support';

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i }));

describe('Distributed Map: ItemBatcher', () => {
  test('MaxItemsPerBatch: each child gets {"Items": [...]} of at most that many items, in reading order', async () => {
    const outcome = await run(mapMachine({ ItemReader: jsonReader(), ItemBatcher: { MaxItemsPerBatch: 2 }, ItemProcessor: passProcessor() }), { objects: itemsJson(items(5)) });
    expect(outcome.children.map((c) => c.input)).toEqual([{ Items: [{ id: 0 }, { id: 1 }] }, { Items: [{ id: 2 }, { id: 3 }] }, { Items: [{ id: 4 }] }]);
    expect(outcome.output).toEqual(outcome.children.map((c) => c.input));
  });

  test('MaxItemsPerBatchPath reads the batch size from the state input', async () => {
    const outcome = await run(mapMachine({ ItemReader: jsonReader(), ItemBatcher: { MaxItemsPerBatchPath: '$.size' }, ItemProcessor: passProcessor() }), { objects: itemsJson(items(4)), input: { size: 3 } });
    expect(outcome.children.map((c) => (c.input as { Items: unknown[] }).Items.length)).toEqual([3, 1]);
  });

  test('MaxItemsPerBatchPath that is not an integer fails States.Runtime, worded as AWS words the …Path fields', async () => {
    const outcome = await run(mapMachine({ ItemReader: jsonReader(), ItemBatcher: { MaxItemsPerBatchPath: '$.size' }, ItemProcessor: passProcessor() }), { objects: itemsJson(items(2)), input: { size: 'two' } });
    expect(outcome.error).toBe('States.Runtime');
    expect(outcome.cause).toBe("An error occurred while executing the state 'M' (entered at the event id #2). The MaxItemsPerBatchPath field refers to value \"two\" which is not a valid integer: $.size");
  });

  test('MaxInputBytesPerBatch: a batch closes before the child\'s input would pass the byte limit', async () => {
    // {"Items":[]} is 12 bytes; each {"id":N} is 8 bytes plus a comma between items: 12 + 8 + 1 + 8 = 29 ≤ 30, a third would be 38.
    const outcome = await run(mapMachine({ ItemReader: jsonReader(), ItemBatcher: { MaxInputBytesPerBatch: 30 }, ItemProcessor: passProcessor() }), { objects: itemsJson(items(5)) });
    expect(outcome.children.map((c) => (c.input as { Items: unknown[] }).Items.length)).toEqual([2, 2, 1]);
  });

  test('BatchInput is a payload template over the state input, given to every batch as "BatchInput"', async () => {
    const batcher = { MaxItemsPerBatch: 2, BatchInput: { 'run.$': '$.run', fixed: 'x' } };
    const outcome = await run(mapMachine({ ItemReader: jsonReader(), ItemBatcher: batcher, ItemProcessor: passProcessor() }), { objects: itemsJson(items(3)), input: { run: 7 } });
    expect(outcome.children[0].input).toEqual({ BatchInput: { run: 7, fixed: 'x' }, Items: [{ id: 0 }, { id: 1 }] });
    expect(outcome.children[1].input).toEqual({ BatchInput: { run: 7, fixed: 'x' }, Items: [{ id: 2 }] });
  });

  test('ItemSelector applies to each item before it is batched', async () => {
    const map = { ItemReader: jsonReader(), ItemSelector: { 'i.$': '$$.Map.Item.Index' }, ItemBatcher: { MaxItemsPerBatch: 2 }, ItemProcessor: passProcessor() };
    const outcome = await run(mapMachine(map), { objects: itemsJson(items(3)) });
    expect(outcome.children.map((c) => c.input)).toEqual([{ Items: [{ i: 0 }, { i: 1 }] }, { Items: [{ i: 2 }] }]);
  });
});
