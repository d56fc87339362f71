import { S3Emulator } from '../../local/emulators/s3';

// The runner's own S3 client is made at its first use (issue 18, --serve memory): a stack whose functions alone call S3
// (skip-the-line) does not load the S3 SDK into the serving thread, ~5 MiB of heap it would keep for nothing.

const constructed = jest.fn();
jest.mock('@aws-sdk/client-s3', () => {
  const actual = jest.requireActual<typeof import('@aws-sdk/client-s3')>('@aws-sdk/client-s3');
  class CountedS3Client extends actual.S3Client {
    constructor(...args: ConstructorParameters<typeof actual.S3Client>) {
      super(...args);
      constructed();
    }
  }
  return { ...actual, S3Client: CountedS3Client };
});

beforeEach(() => constructed.mockClear());

test('no client while nothing in this thread calls S3; one, reused, from the first call on', async () => {
  // GIVEN s3rver up with a bucket
  const s3 = await S3Emulator.start([{ address: 'aws_s3_bucket.files', name: 'files' }]);
  try {
    expect(constructed).not.toHaveBeenCalled();
    // WHEN the runner reads the buckets (a snapshot) twice
    await s3.snapshot();
    await s3.snapshot();
    // THEN one client was made
    expect(constructed).toHaveBeenCalledTimes(1);
    expect(s3.client).toBe(s3.client);
  } finally {
    await s3.close();
  }
});

test('a stack closed without any S3 call made no client', async () => {
  const s3 = await S3Emulator.start([{ address: 'aws_s3_bucket.files', name: 'files' }]);
  await s3.close();
  expect(constructed).not.toHaveBeenCalled();
});
