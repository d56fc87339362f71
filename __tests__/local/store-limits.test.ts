import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS, startLocalStack, type LocalStack } from '../../local';
import { removeFixture, writeFixtureStack } from '../support/local';

// The stores' own limits, as the local emulators answer them (dynalite for DynamoDB, s3rver behind the S3 endpoint):
// DynamoDB items of 400 KB, partition keys of 2,048 bytes and sort keys of 1,024 (DynamoDB Developer Guide, "Quotas in
// Amazon DynamoDB"); S3 object keys of 1,024 bytes of UTF-8 (S3 User Guide, "Naming Amazon S3 objects").

class Fixture {
  static dir: string;
  static stack: LocalStack;
  static dynamodb: DynamoDBClient;
  static s3: S3Client;
}

beforeAll(async () => {
  Fixture.dir = writeFixtureStack({ tables: [{ name: 'pairs', hashKey: 'pk', rangeKey: 'sk' }], buckets: ['files'] });
  Fixture.stack = await startLocalStack(Fixture.dir);
  const common = { region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 };
  Fixture.dynamodb = new DynamoDBClient({ ...common, endpoint: Fixture.stack.endpoints.dynamodb });
  Fixture.s3 = new S3Client({ ...common, endpoint: Fixture.stack.endpoints.s3, forcePathStyle: true });
});

afterAll(async () => {
  Fixture.dynamodb?.destroy();
  Fixture.s3?.destroy();
  await Fixture.stack?.close();
  removeFixture(Fixture.dir);
});

const put = (pk: string, sk: string, extra = '') =>
  Fixture.dynamodb.send(new PutItemCommand({ TableName: 'pairs', Item: { pk: { S: pk }, sk: { S: sk }, ...(extra && { extra: { S: extra } }) } }));
const validation = (message: string | RegExp) => ({ name: 'ValidationException', message, $metadata: { httpStatusCode: 400 } });

test('DynamoDB: a partition key over 2,048 bytes and a sort key over 1,024 are ValidationException', async () => {
  await expect(put('p'.repeat(2048), 's'.repeat(1024))).resolves.toBeDefined();
  await expect(put('p'.repeat(2049), 's')).rejects.toMatchObject(validation('One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes'));
  await expect(put('p', 's'.repeat(1025))).rejects.toMatchObject(validation('One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes'));
});

test('DynamoDB: an item over 400 KB is ValidationException', async () => {
  await expect(put('p', 's', 'x'.repeat(400 * 1024))).rejects.toMatchObject(validation('Item size has exceeded the maximum allowed size'));
  await expect(put('p', 's', 'x'.repeat(400 * 1024 - 100))).resolves.toBeDefined();
});

test('S3: a key over 1,024 bytes of UTF-8 is 400 KeyTooLongError', async () => {
  const putKey = (Key: string) => Fixture.s3.send(new PutObjectCommand({ Bucket: 'files', Key, Body: 'x' }));
  // At the quota, in segments: s3rver keeps an object as a file, and a path segment over the file system's 255 bytes
  // fails there (a limit of the emulator, not of S3; see the README).
  await expect(putKey(`${'k'.repeat(200)}/`.repeat(5) + 'k'.repeat(19))).resolves.toBeDefined();
  await expect(putKey('k'.repeat(1025))).rejects.toMatchObject({ name: 'KeyTooLongError', message: 'Your key is too long', $metadata: { httpStatusCode: 400 } });
  // 'é' is two bytes: 513 of them are 1,026 bytes.
  await expect(putKey('é'.repeat(513))).rejects.toMatchObject({ name: 'KeyTooLongError' });
});
