import * as fs from 'node:fs';
import type { Server } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  ResourceNotFoundException,
  ScanCommand,
  type AttributeValue,
  type CreateTableCommandInput,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { fromDynamoDbJson } from '../../lambdas/process-item/dynamodb-json';
import { DEFAULT_REGION, LOCAL_CREDENTIALS } from '../aws-names';
import { damagedData } from '../data-files';
import type { IndexModel, TableItemModel, TableModel } from '../stack-model';
import { LocalSetupError } from '../errors';
import { addConditionFailureItems, orderItemAttributes } from './dynalite-fidelity';
import { closeServer, endpointUrl, listenLocal } from './http';

export type PlainItem = Record<string, unknown>;

/** An item in DynamoDB JSON, as PutItem takes it: `{"id": {"S": "x"}, "n": {"N": "1.5"}}`. */
export type DynamoDbItem = Record<string, AttributeValue>;

/** DynamoDB on dynalite: the stack's tables with their synthesized names and key schemas. */
export class DynamoDbEmulator {
  readonly client: DynamoDBClient;

  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
    private readonly tables: readonly TableModel[],
    private readonly tempDir: string | undefined,
  ) {
    this.client = new DynamoDBClient({ endpoint, region: DEFAULT_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  }

  /**
   * Starts dynalite and creates missing tables: in `dataDir` so items outlive the process; without one in memory, or
   * with `onDisk` in a temporary folder removed on close (LevelDB, as with `dataDir`: the items of a long `--serve` do
   * not stay in memory).
   */
  static async start(tables: readonly TableModel[], items: readonly TableItemModel[], dataDir?: string, onDisk = false): Promise<DynamoDbEmulator> {
    if (dataDir) fs.mkdirSync(dataDir, { recursive: true }); // EmulatorSet has checked it (checkDynamoStore)
    const tempDir = !dataDir && onDisk ? fs.mkdtempSync(path.join(os.tmpdir(), 'local-dynamodb-')) : undefined;
    addConditionFailureItems();
    orderItemAttributes();
    const where = dataDir ?? tempDir;
    const server = dynalite({ ...(where && { path: where }), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    const emulator = new DynamoDbEmulator(server, endpointUrl(await listenLocal(server)), tables, tempDir);
    try {
      for (const table of tables) await emulator.ensureTable(table, dataDir);
      for (const { tableName, item } of items) {
        await emulator.client.send(new PutItemCommand({ TableName: tableName, Item: item as Record<string, AttributeValue> }));
      }
    } catch (err) {
      await emulator.close();
      throw err;
    }
    return emulator;
  }

  /** The temporary folder holding the tables (with `onDisk` and no data folder), removed on close. */
  get temporaryDir(): string | undefined {
    return this.tempDir;
  }

  /** Writes items in DynamoDB JSON into a table, 25 to a BatchWriteItem (its limit), e.g. a list checked by the loader. */
  async seed(tableName: string, items: readonly DynamoDbItem[]): Promise<void> {
    for (let i = 0; i < items.length; i += 25) {
      const batch = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      await this.client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: batch } }));
    }
  }

  /**
   * Every item of every table as plain JSON, in key order, decoded as the functions decode DynamoDB JSON
   * (lambdas/process-item/dynamodb-json.ts): numbers as numbers, or as their text when a double would change them;
   * sets as arrays; binary as base64 text.
   */
  async snapshot(): Promise<Record<string, PlainItem[]>> {
    const result: Record<string, PlainItem[]> = {};
    for (const table of this.tables) {
      const items: PlainItem[] = [];
      let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
      do {
        const page = await this.client.send(new ScanCommand({ TableName: table.name, ExclusiveStartKey }));
        items.push(...(page.Items ?? []).map((item) => fromDynamoDbJson({ M: wireJson(item) }, table.name) as PlainItem));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      const keyOf = (item: PlainItem) => JSON.stringify([item[table.hashKey.name], table.rangeKey && item[table.rangeKey.name]]);
      result[table.name] = items.sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
    }
    return result;
  }

  async close(): Promise<void> {
    this.client.destroy();
    await closeServer(this.server);
    if (this.tempDir) fs.rmSync(this.tempDir, { recursive: true, force: true });
  }

  private async ensureTable(table: TableModel, dataDir: string | undefined): Promise<void> {
    const wanted = keySchema(table.hashKey.name, table.rangeKey?.name);
    try {
      const { Table } = await this.client.send(new DescribeTableCommand({ TableName: table.name }));
      const actual = JSON.stringify(Table?.KeySchema ?? []);
      if (actual !== JSON.stringify(wanted)) {
        throw new LocalSetupError(
          `Table ${table.name} in ${dataDir} has key schema ${actual}, but the stack now defines ${JSON.stringify(wanted)}. ` +
            'Delete that data folder (or pick another --data-dir) to start over.',
        );
      }
      return;
    } catch (err) {
      if (!(err instanceof ResourceNotFoundException)) throw err;
    }
    await this.client.send(new CreateTableCommand(createTableInput(table)));
    for (let attempt = 0; attempt < 50; attempt++) {
      const { Table } = await this.client.send(new DescribeTableCommand({ TableName: table.name }));
      if (Table?.TableStatus === 'ACTIVE') return;
      await sleep(20);
    }
    throw new LocalSetupError(`Table ${table.name} did not become ACTIVE in dynalite within a second.`);
  }
}

const LOST_TABLES = "the stack's tables start empty";

/**
 * Opens dynalite's LevelDB folder once before dynalite does: dynalite crashes the whole process on a store it
 * cannot open (an uncaught "Database is not open"), and LevelDB would silently start over in a folder whose
 * CURRENT file is gone. Either is reported here as damaged data, by name.
 */
export async function checkDynamoStore(dir: string): Promise<void> {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    throw damagedData(dir, code === 'ENOTDIR' ? 'a file where the DynamoDB data folder belongs' : (err as Error).message, LOST_TABLES);
  }
  if (names.every((name) => ['LOCK', 'LOG', 'LOG.old'].includes(name))) return; // nothing stored yet
  const db = new (levelOfDynalite())(dir, { createIfMissing: false });
  try {
    await db.open({ createIfMissing: false });
  } catch (err) {
    const cause = (err as Error & { cause?: Error }).cause?.message ?? (err as Error).message;
    throw damagedData(dir, `LevelDB cannot open it: ${cause}`, LOST_TABLES);
  } finally {
    await db.close().catch(() => undefined);
  }
}

interface LevelDb {
  open(options: { createIfMissing: boolean }): Promise<void>;
  close(): Promise<void>;
}

/** The LevelDB binding dynalite itself uses (its dependency `level`), so the check opens the store as dynalite will. */
function levelOfDynalite(): new (location: string, options: { createIfMissing: boolean }) => LevelDb {
  const dynaliteDir = path.dirname(require.resolve('dynalite/package.json'));
  return (require(require.resolve('level', { paths: [dynaliteDir] })) as { Level: new (location: string, options: { createIfMissing: boolean }) => LevelDb }).Level;
}

function keySchema(hash: string, range?: string): KeySchemaElement[] {
  return [{ AttributeName: hash, KeyType: 'HASH' }, ...(range ? [{ AttributeName: range, KeyType: 'RANGE' as const }] : [])];
}

function createTableInput(table: TableModel): CreateTableCommandInput {
  const attributes = new Map<string, string>();
  const keys = [table.hashKey, table.rangeKey, ...[...table.globalIndexes, ...table.localIndexes].flatMap((ix) => [ix.hashKey, ix.rangeKey])];
  for (const key of keys) if (key) attributes.set(key.name, key.type);
  const index = (ix: IndexModel) => ({
    IndexName: ix.name,
    KeySchema: keySchema(ix.hashKey.name, ix.rangeKey?.name),
    Projection: { ProjectionType: 'ALL' as const },
  });
  return {
    TableName: table.name,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: keySchema(table.hashKey.name, table.rangeKey?.name),
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType: AttributeType as 'S' | 'N' | 'B' })),
    ...(table.globalIndexes.length > 0 && { GlobalSecondaryIndexes: table.globalIndexes.map(index) }),
    ...(table.localIndexes.length > 0 && { LocalSecondaryIndexes: table.localIndexes.map(index) }),
  };
}

/**
 * An item as DynamoDB's JSON wire format carries it, binary as base64 text: what Step Functions hands a function,
 * and what the function's decoder reads. (The SDK decodes binary into bytes; only those are changed back.)
 */
function wireJson(item: DynamoDbItem): unknown {
  return JSON.parse(
    JSON.stringify(item, function (this: Record<string, unknown>, key: string, value: unknown) {
      const original = this[key]; // before Buffer's toJSON
      return original instanceof Uint8Array ? Buffer.from(original).toString('base64') : value;
    }),
  );
}
