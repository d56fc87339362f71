import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { DynamoDbItem } from './dynamodb-item';
import type { ListFile } from './list-file';

/** Where and as whom to connect. Credentials come from the default chain (env, SSO, profile, role). */
export interface ConnectionOptions {
  readonly region: string;
  /** A named profile from ~/.aws; @default the default credential chain */
  readonly profile?: string;
  /** Another endpoint, e.g. a local DynamoDB or S3 (`http://127.0.0.1:8000`). @default AWS */
  readonly endpoint?: string;
}

/**
 * A local emulator needs no real account, and real credentials should not be sent to it: on a localhost
 * endpoint the emulators' pair is used unless a profile is named.
 */
function localCredentials(options: ConnectionOptions) {
  if (!options.endpoint || options.profile) return {};
  const host = new URL(options.endpoint).hostname;
  const local = ['localhost', '127.0.0.1', '::1', '[::1]'].includes(host);
  // s3rver accepts only this pair; local DynamoDB servers accept any.
  return local ? { credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } } : {};
}

function clientConfig(options: ConnectionOptions) {
  return {
    region: options.region,
    ...(options.profile && { profile: options.profile }),
    ...(options.endpoint && { endpoint: options.endpoint }),
    ...localCredentials(options),
  };
}

export function dynamoDbClient(options: ConnectionOptions): DynamoDBClient {
  return new DynamoDBClient(clientConfig(options));
}

export function s3Client(options: ConnectionOptions): S3Client {
  // Local S3 servers answer on one host name, not on <bucket>.<host>.
  return new S3Client({ ...clientConfig(options), forcePathStyle: options.endpoint !== undefined });
}

/** Writes the list item `{<keyName>: <keyValue>, values: [...]}` (already checked), replacing any earlier list. */
export async function putListItem(client: DynamoDBClient, tableName: string, item: DynamoDbItem): Promise<void> {
  await client.send(new PutItemCommand({ TableName: tableName, Item: item }));
}

/** The S3 object the Distributed Map reads. */
export interface ListObjectTarget {
  readonly bucket: string;
  readonly key: string;
}

/** Uploads the file as it is (JSON array or CSV with a header row) to the bucket; returns its size. */
export async function putListObject(client: S3Client, target: ListObjectTarget, list: ListFile): Promise<{ bytes: number }> {
  const body = Buffer.from(list.text, 'utf8');
  await client.send(
    new PutObjectCommand({
      Bucket: target.bucket,
      Key: target.key,
      Body: body,
      ContentType: list.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
    }),
  );
  return { bytes: body.length };
}
