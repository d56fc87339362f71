import { readItems } from '../../../../local/engine/distributed-map/item-reader';
import { GET, statesError, storeWith } from './support';

const read = (body: string, ReaderConfig: Record<string, unknown> = { InputType: 'JSON' }) =>
  readItems({ Resource: GET, ReaderConfig, Parameters: { Bucket: 'b', Key: 'items.json' } }, storeWith({ 'items.json': body }));

const facts = [
  { verdict: 'true', statement_date: '6/11/2008', statement_source: 'speech' },
  { verdict: 'false', statement_date: '6/7/2022', statement_source: 'television' },
  { verdict: 'mostly-true', statement_date: '5/18/2016', statement_source: 'news' },
];

describe('ItemReader, InputType JSON (Developer Guide, "ItemReader (Map)" → JSON file in Amazon S3)', () => {
  it('gives each element of the array as an item, in order and unchanged (key order kept)', async () => {
    expect(await read(JSON.stringify(facts))).toEqual(facts);
    const [first] = (await read('[{"z":1,"a":2}]')) as Array<Record<string, unknown>>;
    expect(Object.keys(first)).toEqual(['z', 'a']);
  });

  it('keeps elements of any JSON type (strings, numbers, null, nested arrays)', async () => {
    expect(await read('["a", 1, null, [1,2], {"k":true}]')).toEqual(['a', 1, null, [1, 2], { k: true }]);
  });

  it('reads an empty array as no items', async () => {
    expect(await read('[]')).toEqual([]);
  });

  it('fails States.ItemReaderFailed "Attempting to map over non-iterable node." for a JSON object (recorded AWS run)', async () => {
    const err = await statesError(read('{"Hello":"world"}'));
    expect([err.error, err.cause]).toEqual(['States.ItemReaderFailed', 'Attempting to map over non-iterable node.']);
  });

  it.each(['"text"', '42', 'null', 'true'])('fails the same way for the scalar %s (assumed: any non-array is non-iterable)', async (body) => {
    expect((await statesError(read(body))).cause).toBe('Attempting to map over non-iterable node.');
  });

  it('fails States.ItemReaderFailed naming the parse problem for a file that is not JSON (assumed wording)', async () => {
    const err = await statesError(read('[1, 2'));
    expect(err.error).toBe('States.ItemReaderFailed');
    expect(err.cause).toMatch(/^The JSON file could not be parsed: /);
  });

  it('stops after MaxItems items (ReaderConfig → MaxItems)', async () => {
    expect(await read(JSON.stringify(facts), { InputType: 'JSON', MaxItems: 2 })).toEqual(facts.slice(0, 2));
  });

  it('reads every item when MaxItems is 0 (recorded AWS run with MaxItems 0)', async () => {
    expect(await read(JSON.stringify(facts), { InputType: 'JSON', MaxItems: 0 })).toHaveLength(3);
  });

  it('fails "field MaxItems must be positive" for a negative MaxItems (recorded AWS run, MaxItemsPath → -1)', async () => {
    const err = await statesError(read(JSON.stringify(facts), { InputType: 'JSON', MaxItems: -1 }));
    expect([err.error, err.cause]).toEqual(['States.ItemReaderFailed', 'field MaxItems must be positive']);
  });

  it('reads the array an ItemsPointer points to inside a JSON object (ReaderConfig → ItemsPointer)', async () => {
    expect(await read('{"data":{"rows":[1,2,3]}}', { InputType: 'JSON', ItemsPointer: '/data/rows' })).toEqual([1, 2, 3]);
    expect(await read('{"a/b":{"~":[7]}}', { InputType: 'JSON', ItemsPointer: '/a~1b/~0' })).toEqual([7]);
  });

  it('fails when the ItemsPointer points at no value (assumed wording)', async () => {
    const err = await statesError(read('{"data":{}}', { InputType: 'JSON', ItemsPointer: '/data/rows' }));
    expect(err.cause).toBe("ItemsPointer '/data/rows' does not point to a value in the JSON file.");
  });

  it('accepts Arguments (JSONata) like Parameters (JSONPath) and a UTF-8 byte order mark', async () => {
    const store = storeWith({ 'k.json': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('["é"]')]) });
    expect(await readItems({ Resource: GET, ReaderConfig: { InputType: 'JSON' }, Arguments: { Bucket: 'b', Key: 'k.json' } }, store)).toEqual(['é']);
  });

  it('fails States.ItemReaderFailed with S3\'s NoSuchKey message for a missing object (assumed: the SDK\'s message format)', async () => {
    const err = await statesError(readItems({ Resource: GET, ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'b', Key: 'missing.json' } }, storeWith()));
    expect(err.error).toBe('States.ItemReaderFailed');
    expect(err.cause).toMatch(/^The specified key does not exist\. \(Service: S3, Status Code: 404, Error Code: NoSuchKey, Request ID: \w+\)$/);
  });

  it('fails States.ItemReaderFailed for a missing bucket', async () => {
    const err = await statesError(readItems({ Resource: GET, ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'nope', Key: 'k' } }, storeWith()));
    expect(err.cause).toMatch(/^The specified bucket does not exist \(Service: S3, Status Code: 404, Error Code: NoSuchBucket/);
  });

  it('fails with a named error when Key is not a string, saying where to set it', async () => {
    const err = await statesError(readItems({ Resource: GET, ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'b' } }, storeWith()));
    expect(err.cause).toBe('The ItemReader Key must be a string; got nothing. Set Key in its Parameters (JSONPath) or Arguments (JSONata).');
  });

  it('refuses a Resource other than s3:getObject / s3:listObjectsV2', async () => {
    const err = await statesError(readItems({ Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Key: 'k' } }, storeWith()));
    expect(err.cause).toMatch(/^The ItemReader Resource 'arn:aws:states:::s3:putObject' is not supported/);
  });
});
