import { createHash } from 'node:crypto';
import { readItems } from '../../../../local/engine/distributed-map/item-reader';
import { InMemoryObjectStore } from '../../../../local/engine/distributed-map/object-store';
import { LIST, statesError, storeWith } from './support';

const list = (store: InMemoryObjectStore, Parameters: Record<string, unknown>, ReaderConfig?: Record<string, unknown>) => readItems({ Resource: LIST, Parameters, ReaderConfig }, store);

describe('ItemReader, arn:aws:states:::s3:listObjectsV2 (Developer Guide, "ItemReader (Map)" → Amazon S3 objects)', () => {
  it('gives one item per object: Etag (quoted), Key, LastModified (epoch seconds), Size, StorageClass, in that order', async () => {
    const store = storeWith({ 'file_0.txt': '0HelloWorld!' });
    const items = (await list(store, { Bucket: 'b' })) as Array<Record<string, unknown>>;
    expect(items).toEqual([{ Etag: `"${createHash('md5').update('0HelloWorld!').digest('hex')}"`, Key: 'file_0.txt', LastModified: 1714557600, Size: 12, StorageClass: 'STANDARD' }]);
    expect(Object.keys(items[0])).toEqual(['Etag', 'Key', 'LastModified', 'Size', 'StorageClass']);
  });

  it('lists only the keys under Prefix, in S3\'s key order', async () => {
    const store = storeWith({ 'img/b.jpg': 'b', 'img/a.jpg': 'a', 'doc/c.txt': 'c' });
    expect(((await list(store, { Bucket: 'b', Prefix: 'img/' })) as Array<{ Key: string }>).map((i) => i.Key)).toEqual(['img/a.jpg', 'img/b.jpg']);
  });

  it('follows continuation tokens past one page', async () => {
    const store = new InMemoryObjectStore(['b'], { pageSize: 2 });
    for (let i = 0; i < 5; i++) store.put('b', `k${i}`, 'x');
    expect(((await list(store, { Bucket: 'b' })) as Array<{ Key: string }>).map((i) => i.Key)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
  });

  it('stops after MaxItems objects', async () => {
    const store = storeWith({ a: '1', b: '2', c: '3' });
    expect(await list(store, { Bucket: 'b' }, { MaxItems: 2 })).toHaveLength(2);
  });

  it('an empty prefix gives no items', async () => {
    expect(await list(storeWith({ a: '1' }), { Bucket: 'b', Prefix: 'none/' })).toEqual([]);
  });

  it('fails States.ItemReaderFailed for a missing bucket', async () => {
    const err = await statesError(list(storeWith(), { Bucket: 'missing' }));
    expect(err.error).toBe('States.ItemReaderFailed');
    expect(err.cause).toMatch(/^The specified bucket does not exist/);
  });

  it('Transformation LOAD_AND_FLATTEN reads every listed object as InputType and iterates over all their items', async () => {
    const store = storeWith({ 'in/1.json': '[1,2]', 'in/2.json': '[3]', 'in/': '' });
    expect(await list(store, { Bucket: 'b', Prefix: 'in/' }, { InputType: 'JSON', Transformation: 'LOAD_AND_FLATTEN' })).toEqual([1, 2, 3]);
  });
});
