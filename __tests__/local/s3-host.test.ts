/**
 * S3's emulator: every stack of a process runs its own s3rver (its own folder and port) in one shared worker thread,
 * so a stand-up after the first does not load s3rver again. What one stack writes, another does not see.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { S3Emulator } from '../../local/emulators/s3';

const BUCKET = { address: 'aws_s3_bucket.b', name: 'shared-name-bucket' };

describe('S3 emulators of two stacks in one process', () => {
  let first: S3Emulator | undefined;
  let second: S3Emulator | undefined;
  afterEach(async () => {
    await first?.close();
    await second?.close();
    first = second = undefined;
  });

  test('run in one worker thread, each on its own port with its own objects, even under the same bucket name', async () => {
    // GIVEN two emulators with a bucket of the same name, at once
    [first, second] = await Promise.all([S3Emulator.start([BUCKET]), S3Emulator.start([BUCKET])]);

    // THEN they share the thread but not the port
    expect(first.threadId).toBe(second.threadId);
    expect(first.endpoint).not.toBe(second.endpoint);

    // WHEN the first stores an object
    await first.client.send(new PutObjectCommand({ Bucket: BUCKET.name, Key: 'only-here.txt', Body: 'first' }));

    // THEN only the first holds it
    expect(await first.snapshot()).toStrictEqual({ [BUCKET.name]: { 'only-here.txt': 'first' } });
    expect(await second.snapshot()).toStrictEqual({ [BUCKET.name]: {} });
  });

  test('closing one leaves the other answering, and the next stack reuses the thread', async () => {
    first = await S3Emulator.start([BUCKET]);
    second = await S3Emulator.start([BUCKET]);
    const thread = first.threadId;
    await first.close();
    first = undefined;

    await second.client.send(new PutObjectCommand({ Bucket: BUCKET.name, Key: 'still.txt', Body: 'up' }));
    expect(await second.snapshot()).toStrictEqual({ [BUCKET.name]: { 'still.txt': 'up' } });
    await second.close();

    // Started right after the last one closed: the same worker, not a new one.
    second = await S3Emulator.start([BUCKET]);
    expect(second.threadId).toBe(thread);
    expect(await second.snapshot()).toStrictEqual({ [BUCKET.name]: {} });
  });
});
