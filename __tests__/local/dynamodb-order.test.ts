import { GetItemCommand, PutItemCommand, QueryCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { orderItemAttributes, sortAttributes } from '../../local/emulators/dynalite-fidelity';
import { startTestDynamo, type TestDynamo } from '../support/dynalite';

// The order of an item's attributes in the local DynamoDB's answers (local/emulators/dynalite-fidelity.ts):
// AWS documents none; ours is the attribute names' UTF-8 byte order, whatever order they were written in.

let dynamo: TestDynamo;

beforeAll(async () => {
  orderItemAttributes();
  dynamo = await startTestDynamo([['items', 'id']]);
});

afterAll(async () => dynamo?.close());

const TableName = 'items';
const Key = { id: { S: 'a' } };

test('GetItem, Query and Scan answer the attributes in name order, not in the order PutItem wrote them', async () => {
  // GIVEN
  await dynamo.client.send(new PutItemCommand({ TableName, Item: { id: { S: 'a' }, zeta: { N: '1' }, description: { S: 'x' }, Alpha: { BOOL: true }, nested: { M: { z: { S: 'z' }, a: { S: 'a' } } } } }));
  // WHEN
  const got = (await dynamo.client.send(new GetItemCommand({ TableName, Key, ConsistentRead: true }))).Item!;
  const queried = (await dynamo.client.send(new QueryCommand({ TableName, KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': { S: 'a' } } }))).Items![0]!;
  const scanned = (await dynamo.client.send(new ScanCommand({ TableName }))).Items![0]!;
  // THEN ('A' is 0x41, before the lower-case letters; a Map attribute's members stay as written)
  for (const item of [got, queried, scanned]) expect(Object.keys(item)).toStrictEqual(['Alpha', 'description', 'id', 'nested', 'zeta']);
  expect(Object.keys(got.nested!.M!)).toStrictEqual(['z', 'a']);
});

test('UpdateItem answers ALL_NEW in name order and stores it so', async () => {
  // GIVEN
  await dynamo.client.send(new PutItemCommand({ TableName, Item: { id: { S: 'b' }, m: { S: 'm' } } }));
  // WHEN
  const updated = await dynamo.client.send(
    new UpdateItemCommand({ TableName, Key: { id: { S: 'b' } }, UpdateExpression: 'SET a = :v, z = :v', ExpressionAttributeValues: { ':v': { S: 'v' } }, ReturnValues: 'ALL_NEW' }),
  );
  const stored = await dynamo.getItem(TableName, { id: { S: 'b' } });
  // THEN
  expect(Object.keys(updated.Attributes!)).toStrictEqual(['a', 'id', 'm', 'z']);
  expect(Object.keys(stored!)).toStrictEqual(['a', 'id', 'm', 'z']);
});

test('sortAttributes orders by UTF-8 bytes (U+FF5E before U+1F600, unlike UTF-16 code units) and keeps the values', () => {
  const item = { '😀': 2, '～': 1, b: 3 };
  expect(Object.entries(sortAttributes(item))).toStrictEqual([['b', 3], ['～', 1], ['😀', 2]]);
});
