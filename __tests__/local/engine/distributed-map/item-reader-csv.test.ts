import { csvRecords, hashMapOrder } from '../../../../local/engine/distributed-map/csv';
import { readItems } from '../../../../local/engine/distributed-map/item-reader';
import { GET, statesError, storeWith } from './support';

const read = (body: string, config: Record<string, unknown> = {}) =>
  readItems({ Resource: GET, ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', ...config }, Parameters: { Bucket: 'b', Key: 'f.csv' } }, storeWith({ 'f.csv': body }));
/** JSON text of the items: key order matters to AWS's output. */
const text = async (body: string, config: Record<string, unknown> = {}) => JSON.stringify(await read(body, config));

const SAMPLE = "Col1,Col2,Col3\nValue1,Value2,Value3\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n";

describe('ItemReader, InputType CSV — recorded AWS executions', () => {
  it('FIRST_ROW: rows become objects of strings keyed by the header; short rows get "", extra fields are skipped', async () => {
    expect(await text(SAMPLE)).toBe(
      '[{"Col1":"Value1","Col2":"Value2","Col3":"Value3"},{"Col1":"Value4","Col2":"Value5","Col3":"Value6"},{"Col1":"","Col2":"","Col3":""},' +
        '{"Col1":"true","Col2":"1","Col3":"\'HelloWorld\'"},{"Col1":"Null","Col2":"None","Col3":""},{"Col1":"   ","Col2":"","Col3":""}]',
    );
  });

  it('GIVEN headers [H1]: every row gives one field, in order', async () => {
    expect(await text(SAMPLE.split('\n').slice(1).join('\n'), { CSVHeaderLocation: 'GIVEN', CSVHeaders: ['H1'] })).toBe(
      '[{"H1":"Value1"},{"H1":"Value4"},{"H1":""},{"H1":"true"},{"H1":"Null"},{"H1":"   "}]',
    );
  });

  it('writes the keys in AWS\'s order, not the header\'s: header "0,True,{}" gives {"0","{}","True"}', async () => {
    expect(await text("0,True,{}\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n")).toBe(
      '[{"0":"Value4","{}":"Value6","True":"Value5"},{"0":"","{}":"","True":""},{"0":"true","{}":"\'HelloWorld\'","True":"1"},{"0":"Null","{}":"","True":"None"},{"0":"   ","{}":"","True":""}]',
    );
  });

  it('an empty header name is a key: header "H1," gives {"":…,"H1":…}', async () => {
    expect(await text("H1,\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n")).toBe(
      '[{"":"Value5","H1":"Value4"},{"":"","H1":""},{"":"1","H1":"true"},{"":"None","H1":"Null"},{"":"","H1":"   "}]',
    );
  });

  it('fails "CSV headers cannot contain duplicates." for GIVEN headers [H1, H1, H3]', async () => {
    const err = await statesError(read('a,b,c\n', { CSVHeaderLocation: 'GIVEN', CSVHeaders: ['H1', 'H1', 'H3'] }));
    expect([err.error, err.cause]).toEqual(['States.ItemReaderFailed', 'CSV headers cannot contain duplicates.']);
  });

  it.each([
    [0, 4],
    [2, 2],
    [100_000_000, 4],
    [100_000_001, 4],
  ])('MaxItems %p reads %p of 4 rows (the header row does not count)', async (MaxItems, count) => {
    expect(await read('Col1,Col2\nValue1,Value2\nValue3,Value4\nValue5,Value6\nValue7,Value8\n', { MaxItems })).toHaveLength(count);
  });
});

describe('ItemReader, InputType CSV (Developer Guide, "How Step Functions parses input CSV files")', () => {
  it('a quoted field may hold the delimiter, newlines and doubled quotes', async () => {
    expect(await read('a,b\n"x, y","line1\nline2 ""q"""\n')).toEqual([{ a: 'x, y', b: 'line1\nline2 "q"' }]);
  });

  it('the documented example: commas, quotes and a newline in one field, JSON kept as text', async () => {
    const row = 'abc,123,"This string contains commas, a double quotation marks (""), and a newline (\n)",{""MyKey"":""MyValue""},"[1,2,3]"\n';
    const [item] = (await read(row, { CSVHeaderLocation: 'GIVEN', CSVHeaders: ['MyLetters', 'MyNumbers', 'MyString', 'MyObject', 'MyArray'] })) as Array<Record<string, string>>;
    expect(item).toEqual({
      MyLetters: 'abc',
      MyNumbers: '123',
      MyString: 'This string contains commas, a double quotation marks ("), and a newline (\n)',
      MyObject: '{"MyKey":"MyValue"}',
      MyArray: '[1,2,3]',
    });
  });

  it('a backslash escapes a backslash, a double quote or the delimiter, also outside quotes', async () => {
    expect(await read('path,size\nC:\\\\Program Files\\\\MyApp.exe,6534512\na\\,b,\\"c\n')).toEqual([
      { path: 'C:\\Program Files\\MyApp.exe', size: '6534512' },
      { path: 'a,b', size: '"c' },
    ]);
  });

  it('a backslash before any other character is removed', async () => {
    expect(await read('h\n\\x\\y\n')).toEqual([{ h: 'xy' }]);
  });

  it.each([
    ['PIPE', 'a|b\n1|2\n'],
    ['SEMICOLON', 'a;b\n1;2\n'],
    ['SPACE', 'a b\n1 2\n'],
    ['TAB', 'a\tb\n1\t2\n'],
    ['COMMA', 'a,b\n1,2\n'],
  ])('CSVDelimiter %s separates fields', async (CSVDelimiter, body) => {
    expect(await read(body, { CSVDelimiter })).toEqual([{ a: '1', b: '2' }]);
  });

  it('with CSVDelimiter PIPE a comma is an ordinary character', async () => {
    expect(await read('a|b\n1,5|2\n', { CSVDelimiter: 'PIPE' })).toEqual([{ a: '1,5', b: '2' }]);
  });

  it('fails for a CSVDelimiter that is not one of the five', async () => {
    expect((await statesError(read('a\n1\n', { CSVDelimiter: 'COLON' }))).cause).toBe("CSVDelimiter 'COLON' is not one of COMMA, PIPE, SEMICOLON, SPACE, TAB.");
  });

  it('CRLF line ends separate records; an empty line is no record (assumed), a line of spaces is one', async () => {
    expect(await read('a,b\r\n1,2\r\n\r\n  \r\n')).toEqual([{ a: '1', b: '2' }, { a: '  ', b: '' }]);
  });

  it('a header row alone, or an empty file, gives no items', async () => {
    expect(await read('a,b\n')).toEqual([]);
    expect(await read('')).toEqual([]);
  });

  it('FIRST_ROW duplicates are refused like GIVEN ones (assumed: the same check)', async () => {
    expect((await statesError(read('a,a\n1,2\n'))).cause).toBe('CSV headers cannot contain duplicates.');
  });

  it('refuses a header over 10 KiB ("Step Functions supports CSV headers of up to 10 KiB")', async () => {
    const header = Array.from({ length: 1100 }, (_, i) => `column${i}`).join(',');
    expect((await statesError(read(`${header}\n`))).cause).toMatch(/^The CSV header is \d+ bytes; Step Functions supports CSV headers of up to 10 KiB\.$/);
  });

  it('GIVEN without CSVHeaders fails saying what to set', async () => {
    expect((await statesError(read('1\n', { CSVHeaderLocation: 'GIVEN' }))).cause).toBe('CSVHeaderLocation GIVEN needs CSVHeaders: list the column names in ReaderConfig.CSVHeaders.');
  });

  it('CSVHeaderLocation defaults to FIRST_ROW', async () => {
    const store = storeWith({ 'f.csv': 'x\n1\n' });
    expect(await readItems({ Resource: GET, ReaderConfig: { InputType: 'CSV' }, Parameters: { Bucket: 'b', Key: 'f.csv' } }, store)).toEqual([{ x: '1' }]);
  });
});

describe('CSV key order (inferred from the recorded runs: a Java HashMap\'s iteration order)', () => {
  it('orders keys by hash bucket, ties in header order, and grows the table past 12 keys', () => {
    expect(hashMapOrder(['Col1', 'Col2', 'Col3'])).toEqual(['Col1', 'Col2', 'Col3']);
    expect(hashMapOrder(['0', 'True', '{}'])).toEqual(['0', '{}', 'True']);
    const many = Array.from({ length: 13 }, (_, i) => `k${i}`);
    expect(new Set(hashMapOrder(many))).toEqual(new Set(many));
  });

  it('csvRecords yields records lazily, one at a time', () => {
    const records = csvRecords('a,b\n1,2\n');
    expect(records.next().value).toEqual(['a', 'b']);
    expect(records.next().value).toEqual(['1', '2']);
    expect(records.next().done).toBe(true);
  });
});
