import { readItems } from '../../../../local/engine/distributed-map/item-reader';
import { GET, statesError, storeWith } from './support';

const read = (body: string, extra: Record<string, unknown> = {}) =>
  readItems({ Resource: GET, ReaderConfig: { InputType: 'JSONL', ...extra }, Parameters: { Bucket: 'b', Key: 'items.jsonl' } }, storeWith({ 'items.jsonl': body }));

describe('ItemReader, InputType JSONL (Developer Guide, "ItemReader (Map)" → JSON Lines file in Amazon S3)', () => {
  it('gives one item per line, each parsed as JSON', async () => {
    expect(await read('{"a":1}\n{"a":2}\n[3]\n"four"\n')).toEqual([{ a: 1 }, { a: 2 }, [3], 'four']);
  });

  it('accepts CRLF line ends and a last line without a newline', async () => {
    expect(await read('{"a":1}\r\n{"a":2}')).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('skips blank lines (assumed: they hold no JSON value)', async () => {
    expect(await read('1\n\n  \n2\n')).toEqual([1, 2]);
  });

  it('stops after MaxItems items', async () => {
    expect(await read('1\n2\n3\n4\n', { MaxItems: 3 })).toEqual([1, 2, 3]);
  });

  it('fails States.ItemReaderFailed naming the line that is not JSON (assumed wording)', async () => {
    const err = await statesError(read('1\n{oops}\n3\n'));
    expect(err.error).toBe('States.ItemReaderFailed');
    expect(err.cause).toMatch(/^Line 2 of the JSON Lines file is not valid JSON: /);
  });

  it('does not look past MaxItems (a bad line after the limit is not read)', async () => {
    expect(await read('1\n2\nnot json\n', { MaxItems: 2 })).toEqual([1, 2]);
  });
});
