/**
 * The loader keeps numbers exact: DynamoDB numbers carry up to 38 significant digits, so every number the file
 * holds is written as DynamoDB's `N` text, or refused by name (item, number, rule) before anything is written.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../scripts/load-ddb';
import { attributeSize } from '../../scripts/list-loader/dynamodb-item';
import { toDynamoDbNumber } from '../../scripts/list-loader/dynamodb-number';
import { startTestDynamo, type TestDynamo } from '../support/dynalite';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'load-ddb-numbers-'));
const TABLE = 'StepFunctionsProjectDDBTable';
let dynamo: TestDynamo;
let endpoint = '';

beforeAll(async () => {
  dynamo = await startTestDynamo([[TABLE, 'mapstatelist']]);
  endpoint = dynamo.endpoint;
});
afterAll(() => dynamo.close());

/** Writes `text` to a file and runs the loader on it against the local DynamoDB. */
async function loadText(name: string, text: string): Promise<{ code: number; err: string }> {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  const err: string[] = [];
  const code = await main(['--json', file, '--endpoint', endpoint], { out: () => undefined, err: (l) => err.push(l), env: {} });
  return { code, err: err.join('\n') };
}
const storedValues = async () => (await dynamo.getItem(TABLE, { mapstatelist: { S: 'mapitems' } }))?.values;

test('numbers keep every digit: above 2^53, 38 significant digits, exponents, trailing zeros', async () => {
  const text = '[9007199254740993, 0.12345678901234567890123456789012345678, -1.50e3, 12345678901234567890123456789012345678e88, 1E-130, {"price": 4.10}, 0, -0.0]';
  expect(await loadText('exact.json', text)).toStrictEqual({ code: 0, err: '' });
  expect(await storedValues()).toStrictEqual({
    L: [
      { N: '9007199254740993' },
      { N: '0.12345678901234567890123456789012345678' },
      { N: '-1500' },
      { N: `12345678901234567890123456789012345678${'0'.repeat(88)}` },
      { N: `0.${'0'.repeat(129)}1` },
      { M: { price: { N: '4.1' } } },
      { N: '0' },
      { N: '0' },
    ],
  });
});

test.each([
  ['[1, 2, 1.23456789012345678901234567890123456789]', 'item 2', '1.23456789012345678901234567890123456789', 'has 39 significant digits; DynamoDB keeps at most 38'],
  ['[{"n": [123456789012345678901234567890123456789]}]', 'item 0.n[0]', '123456789012345678901234567890123456789', 'has 39 significant digits'],
  ['["a", 1e126]', 'item 1', '1e126', "is larger in magnitude than DynamoDB's largest number, 9.9999999999999999999999999999999999999E+125"],
  ['[-1E-131]', 'item 0', '-1E-131', "is smaller in magnitude than DynamoDB's smallest non-zero number, 1E-130"],
])('%s is refused, naming the item, the number and the rule; nothing is written', async (text, where, number, rule) => {
  expect((await loadText('before.json', '["kept"]')).code).toBe(0);
  const { code, err } = await loadText('bad.json', text);
  expect(code).toBe(1);
  expect(err).toContain(`InvalidListError: ${path.join(tmp, 'bad.json')}: ${where} is the number ${number}, which ${rule}`);
  expect(err).toMatch(/Write it as a string .* to keep it exactly\.\nNothing was written\.$/);
  expect(await storedValues()).toStrictEqual({ L: [{ S: 'kept' }] });
});

test("DynamoDB's number rules: significant digits counted after trimming zeros, plain notation", () => {
  expect(toDynamoDbNumber('1000000000000000000000000000000000000000000')).toStrictEqual({ text: `1${'0'.repeat(42)}`, digits: 1 });
  expect(toDynamoDbNumber('0.000100')).toStrictEqual({ text: '0.0001', digits: 1 });
  expect(toDynamoDbNumber('9.9999999999999999999999999999999999999E+125')).toMatchObject({ digits: 38 });
  expect(toDynamoDbNumber('1E+126')).toHaveProperty('problem');
});

test('the item size counts a number as DynamoDB does: 1 byte per two significant digits, plus 1', () => {
  expect(attributeSize({ N: '12345678901234567890123456789012345678' })).toBe(20);
  expect(attributeSize({ N: '-0.00012300' })).toBe(3);
  expect(attributeSize({ N: '1500' })).toBe(2);
});

test('a list of 38-digit numbers over 400 KB as DynamoDB counts them is refused before writing (a double has only 17 digits)', async () => {
  // 12 + 8 ("mapstatelist": "mapitems") + 6 + 3 ("values": a list) + 20,000 × (1 + 20) = 420,029 bytes.
  const numbers = Array.from({ length: 20_000 }, () => '12345678901234567890123456789012345678');
  const { code, err } = await loadText('wide.json', `[${numbers.join(',')}]`);
  expect(code).toBe(1);
  expect(err).toMatch(/ListTooLargeError: [\s\S]*As one DynamoDB item the list takes 420,029 bytes, over the item size limit of 409,600 bytes/);
});
