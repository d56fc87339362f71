import { batchItems, MAX_BATCH_BYTES } from '../../../../local/engine/distributed-map/item-batcher';
import { statesError } from './support';

const inputs = (batches: ReturnType<typeof batchItems>) => batches.map((b) => b.input);

describe('ItemBatcher (Developer Guide, "ItemBatcher (Map)")', () => {
  it('MaxItemsPerBatch groups items in order: each child gets {"Items": [...]}', () => {
    expect(inputs(batchItems([1, 2, 3, 4, 5], { MaxItemsPerBatch: 2 }))).toEqual([{ Items: [1, 2] }, { Items: [3, 4] }, { Items: [5] }]);
  });

  it('BatchInput comes first in every batch: {"BatchInput": …, "Items": [...]}', () => {
    const [first] = inputs(batchItems(['a', 'b'], { MaxItemsPerBatch: 5, BatchInput: { factCheck: 'December 2022' } }));
    expect(JSON.stringify(first)).toBe('{"BatchInput":{"factCheck":"December 2022"},"Items":["a","b"]}');
  });

  it('MaxInputBytesPerBatch bounds the UTF-8 bytes of the whole child input', () => {
    // {"Items":[]} is 12 bytes; each "xx" item 4 bytes, plus a comma between items.
    const batches = batchItems(['xx', 'xx', 'xx'], { MaxInputBytesPerBatch: 21 });
    expect(inputs(batches)).toEqual([{ Items: ['xx', 'xx'] }, { Items: ['xx'] }]);
    for (const b of batches) expect(Buffer.byteLength(JSON.stringify(b.input))).toBeLessThanOrEqual(21);
  });

  it('counts bytes, not characters (a two-byte é)', () => {
    expect(inputs(batchItems(['é', 'é'], { MaxInputBytesPerBatch: 17 }))).toEqual([{ Items: ['é'] }, { Items: ['é'] }]);
  });

  it('BatchInput counts toward MaxInputBytesPerBatch', () => {
    // {"BatchInput":{"k":"v"},"Items":[1,2]} is 38 bytes.
    expect(inputs(batchItems([1, 2, 3], { MaxInputBytesPerBatch: 38, BatchInput: { k: 'v' } }))).toEqual([
      { BatchInput: { k: 'v' }, Items: [1, 2] },
      { BatchInput: { k: 'v' }, Items: [3] },
    ]);
  });

  it('with both limits, whichever is reached first closes the batch', () => {
    expect(inputs(batchItems([1, 2, 3, 4], { MaxItemsPerBatch: 3, MaxInputBytesPerBatch: 16 }))).toEqual([{ Items: [1, 2] }, { Items: [3, 4] }]);
  });

  it('records which items each batch holds', () => {
    expect(batchItems([1, 2, 3], { MaxItemsPerBatch: 2 }).map(({ first, count }) => [first, count])).toEqual([
      [0, 2],
      [2, 1],
    ]);
  });

  it('without limits a batch holds up to 256 KiB', () => {
    const item = 'x'.repeat(1000);
    const batches = batchItems(Array.from({ length: 600 }, () => item), {});
    expect(batches.length).toBe(3);
    for (const b of batches) expect(Buffer.byteLength(JSON.stringify(b.input))).toBeLessThanOrEqual(MAX_BATCH_BYTES);
  });

  it('an item that alone exceeds the byte limit fails States.ItemReaderFailed naming the sizes (assumed error)', async () => {
    const err = await statesError(() => batchItems(['small', 'x'.repeat(100)], { MaxInputBytesPerBatch: 50 }));
    expect(err.error).toBe('States.ItemReaderFailed');
    expect(err.cause).toBe('Item 1 makes a batch of 114 bytes, over MaxInputBytesPerBatch (50 bytes): raise MaxInputBytesPerBatch or make the item smaller.');
  });

  it('no items, no batches', () => {
    expect(batchItems([], { MaxItemsPerBatch: 3 })).toEqual([]);
  });
});
