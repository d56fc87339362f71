import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import type { TableModel } from '../../local/stack-model';

/** A DynamoDB on 127.0.0.1 (dynalite, in memory) with hash-keyed tables, for tests of what writes to DynamoDB. */
export interface TestDynamo {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  /** The item under `key` in `table`, read consistently. */
  getItem(table: string, key: Record<string, AttributeValue>): Promise<Record<string, AttributeValue> | undefined>;
  close(): Promise<void>;
}

/** Starts dynalite and creates each table, keyed by a string partition key: `[[tableName, keyName], ...]`. */
export async function startTestDynamo(tables: readonly (readonly [string, string])[]): Promise<TestDynamo> {
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  for (const [TableName, key] of tables) {
    await client.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
      }),
    );
  }
  return {
    endpoint,
    client,
    getItem: async (TableName, Key) => (await client.send(new GetItemCommand({ TableName, Key, ConsistentRead: true }))).Item,
    close: async () => {
      client.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A stack model's table `items` (string key `id`), for tests that start the runner's own DynamoDbEmulator. */
export const ITEMS_TABLE: TableModel = {
  address: 'aws_dynamodb_table.items',
  name: 'items',
  arn: 'arn:aws:dynamodb:us-east-1:000000000000:table/items',
  hashKey: { name: 'id', type: 'S' },
  globalIndexes: [],
  localIndexes: [],
};
