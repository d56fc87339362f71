import { ConfigError, type AppConfig } from '../../stacks/config';
import { AWS_LIMITS } from './aws-limits';
import { listItem, type DynamoDbItem } from './dynamodb-item';
import { InvalidListError, ListTooLargeError, readCsvList, readJsonList, type ListFile } from './list-file';
import { distributedRefusals, inlineFigures, inlineRefusals, synthesizedWorkflow, type InlineFigures } from './map-limits';
import type { ConnectionOptions } from './targets';

/**
 * The list loader as a library: read a list file, check it against what the parallel-map workflow synthesized
 * from the same config meets on AWS, write it where that workflow reads it, and say what was written. Every
 * step answers structured results or throws a named error (InvalidListError, ListTooLargeError, WriteFailedError)
 * whose message says what to do; nothing is written unless every check passed. `npm run load-ddb` (scripts/load-ddb.ts)
 * is this with a command line; `npm run local -- parallel-map --load` checks with it and seeds the local table.
 */

/** The list file: a JSON array (`--json`), or a CSV file with a header row (`--csv`, DISTRIBUTED with inputType CSV). */
export type ListSource = { readonly json: string } | { readonly csv: string };

export function readList(source: ListSource): ListFile {
  return 'csv' in source ? readCsvList(source.csv) : readJsonList(source.json);
}

/** What the user should know about how Step Functions will read the list (nothing is refused for these). */
export function listNotes(list: ListFile): string[] {
  return [...(list.items.length === 0 ? [`${list.file} holds an empty list; the Map will have nothing to process.`] : []), ...(list.notes ?? [])];
}

/** A list that passed every check, and where it goes; nothing is written yet. */
export type CheckedList =
  | {
      readonly mode: 'INLINE';
      readonly list: ListFile;
      readonly tableName: string;
      /** The list item's key: `ddb.partitionKeyName` and `ddb.partitionKeyValueField`. */
      readonly key: { readonly name: string; readonly value: string };
      /** The item `{<ddb.partitionKeyName>: <ddb.partitionKeyValueField>, values: [...]}`, in DynamoDB JSON. */
      readonly item: DynamoDbItem;
      readonly figures: InlineFigures;
    }
  | { readonly mode: 'DISTRIBUTED'; readonly list: ListFile; readonly bucket: string; readonly key: string; readonly bytes: number };

/** Where to put it: the table (INLINE; default namePrefix + ddb.tableName) or the items bucket (DISTRIBUTED, required). */
export interface ListTarget {
  readonly table?: string;
  readonly bucket?: string;
}

/**
 * Checks the list against the workflow synthesized from `config` (its Map mode, and AWS's documented limits);
 * throws a ListTooLargeError naming every limit it breaks, or an InvalidListError for a value DynamoDB refuses.
 */
export function checkList(list: ListFile, config: AppConfig, target: ListTarget = {}): CheckedList {
  const workflow = synthesizedWorkflow(config);
  if (config.stepfunc.mode === 'DISTRIBUTED') {
    if (target.bucket === undefined) throw new Error('checkList: the DISTRIBUTED mode reads its list from S3; give the bucket.');
    refuse(list, 'DISTRIBUTED', distributedRefusals(workflow, list));
    return { mode: 'DISTRIBUTED', list, bucket: target.bucket, key: config.stepfunc.distributed.itemsKey, bytes: Buffer.byteLength(list.text, 'utf8') };
  }
  const key = { name: config.ddb.partitionKeyName, value: config.ddb.partitionKeyValueField };
  const item = listItem(key.name, key.value, list.items, list.file);
  const figures = inlineFigures(workflow, item);
  refuse(list, 'INLINE', inlineRefusals(workflow, figures));
  return { mode: 'INLINE', list, tableName: target.table ?? `${config.namePrefix}${config.ddb.tableName}`, key, item, figures };
}

/** Throws a ListTooLargeError listing every limit the list breaks in this mode; nothing is written. */
function refuse(list: ListFile, mode: string, refusals: readonly string[]): void {
  if (refusals.length === 0) return;
  throw new ListTooLargeError(`${list.file} cannot be processed in stepfunc.mode ${mode} on AWS:\n${refusals.map((r) => `  - ${r}`).join('\n')}`);
}

/** AWS refused or failed the write (the message says what to do); nothing was written. */
export class WriteFailedError extends Error {
  override readonly name = 'WriteFailedError';
}

/** Writes a checked list to DynamoDB or S3 (AWS, or the endpoint given); a refused write is a WriteFailedError. */
export async function writeList(checked: CheckedList, connection: ConnectionOptions): Promise<void> {
  // The SDK clients load only now: --help, a wrong command line and a refused list answer without them.
  const { dynamoDbClient, putListItem, putListObject, s3Client } = await import('./targets');
  if (checked.mode === 'DISTRIBUTED') {
    const s3 = s3Client(connection);
    try {
      await putListObject(s3, { bucket: checked.bucket, key: checked.key }, checked.list).catch((err: Error) => {
        throw new WriteFailedError(describeAwsError(err, checked.bucket, connection));
      });
    } finally {
      s3.destroy();
    }
    return;
  }
  const dynamodb = dynamoDbClient(connection);
  try {
    await putListItem(dynamodb, checked.tableName, checked.item).catch((err: Error) => {
      throw new WriteFailedError(describeAwsError(err, checked.tableName, connection));
    });
  } finally {
    dynamodb.destroy();
  }
}

/** Turns an AWS error into a sentence that says what to do. */
function describeAwsError(err: Error, where: string, connection: ConnectionOptions): string {
  const place = connection.endpoint ? `at ${connection.endpoint}` : `in ${connection.region}`;
  switch (err.name) {
    case 'ResourceNotFoundException':
      return `Table ${where} does not exist ${place}. Deploy the stack first (cdktf deploy parallel-map), or check --table, --region and namePrefix.`;
    case 'NoSuchBucket':
      return `Bucket ${where} does not exist ${place}. Use the parallel-map stack output ItemsBucketName.`;
    case 'CredentialsProviderError':
    case 'ProviderError':
      return `No AWS credentials were found (${err.message}). Sign in (aws sso login, or set AWS_PROFILE / AWS_ACCESS_KEY_ID), or pass --profile <name>.`;
    case 'AccessDeniedException':
    case 'AccessDenied':
    case 'UnrecognizedClientException':
      return `AWS refused the write to ${where} (${err.name}: ${err.message}). Use credentials allowed to write there (--profile).`;
    default:
      if ((err as { code?: string }).code === 'ECONNREFUSED' || /ECONNREFUSED/.test(err.message)) {
        return `Nothing answers ${place}. Start the local server first, or check --endpoint.`;
      }
      return `Could not write to ${where} ${place}: ${err.name}: ${err.message}`;
  }
}

/** The loader's own errors, as its command says them: the error's name (but for a failed write), its message, and "Nothing was written.". */
export function describeLoaderError(err: Error): string | undefined {
  if (!(err instanceof InvalidListError || err instanceof ConfigError || err instanceof WriteFailedError)) return undefined;
  const label = err instanceof WriteFailedError ? '' : `${err.name}: `;
  return `${label}${err.message}\nNothing was written.`;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * What was written, as the loader says it: the list, where it went (`place`: `at <endpoint>` or `(<region>)`),
 * its size against AWS's limits, and how to start the workflow on it.
 */
export function describeWritten(checked: CheckedList, place: string): string[] {
  const { list } = checked;
  const written =
    checked.mode === 'DISTRIBUTED'
      ? `Uploaded ${list.items.length} items (${checked.bytes} bytes) from ${list.file} to s3://${checked.bucket}/${checked.key}.`
      : `Loaded ${list.items.length} items from ${list.file} into table ${checked.tableName} ${place}: ` +
        `item ${checked.key.name} = "${checked.key.value}", ${count(checked.figures.itemBytes)} of ${count(AWS_LIMITS.dynamoDbItemBytes.value)} bytes; ` +
        `a run reads it as ${count(checked.figures.getItemResultBytes)} of ${count(AWS_LIMITS.statePayloadBytes.value)} bytes ` +
        `and adds at least ${count(checked.figures.historyEvents)} of ${count(AWS_LIMITS.historyEvents.value)} history events.`;
  return [written, 'Now start the state machine with the input {} (the stack output StateMachineArn names it).'];
}
