import * as fs from 'node:fs';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDbEmulator } from '../../local/emulators/dynamodb';
import { ITEMS_TABLE as table } from '../support/dynalite';

// `tablesOnDisk` (what --serve uses without --data-dir): the tables in a temporary LevelDB folder, removed on close,
// so that the items a long run stores do not stay in memory; without it they are in memory, as before.

test('on disk: items are written into a temporary LevelDB folder, read back from it, and the folder is removed on close', async () => {
  // GIVEN
  const dynamo = await DynamoDbEmulator.start([table], [], undefined, true);
  const dir = dynamo.temporaryDir;
  try {
    // WHEN
    await dynamo.client.send(new PutItemCommand({ TableName: 'items', Item: { id: { S: 'o-1' }, total: { N: '12.5' } } }));
    const got = await dynamo.client.send(new GetItemCommand({ TableName: 'items', Key: { id: { S: 'o-1' } }, ConsistentRead: true }));
    // THEN
    expect(got.Item).toStrictEqual({ id: { S: 'o-1' }, total: { N: '12.5' } });
    expect(dir).toEqual(expect.any(String));
    expect(fs.readdirSync(dir!)).toEqual(expect.arrayContaining(['CURRENT', 'LOCK']));
  } finally {
    await dynamo.close();
  }
  expect(fs.existsSync(dir!)).toBe(false);
});

test('by default the tables are in memory (no folder)', async () => {
  const dynamo = await DynamoDbEmulator.start([table], []);
  try {
    await dynamo.client.send(new PutItemCommand({ TableName: 'items', Item: { id: { S: 'o-1' } } }));
    expect(dynamo.temporaryDir).toBeUndefined();
  } finally {
    await dynamo.close();
  }
});
