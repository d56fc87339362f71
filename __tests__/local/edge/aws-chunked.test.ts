import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { decodeAwsChunked, decodedHeaders, isAwsChunked } from '../../../local/edge/aws-chunked';

// S3's aws-chunked framing (signed chunks, unsigned chunks with a trailer) decoded to the object's bytes.

async function decode(parts: readonly string[]): Promise<string> {
  const req = new IncomingMessage(new Socket());
  const out: Buffer[] = [];
  const decoded = decodeAwsChunked(req);
  const finished = new Promise<string>((resolve, reject) => {
    decoded.on('data', (b: Buffer) => out.push(b));
    decoded.on('end', () => resolve(Buffer.concat(out).toString()));
    decoded.on('error', reject);
  });
  for (const part of parts) req.push(Buffer.from(part));
  req.push(null);
  return finished;
}

const SIG = 'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648';

test('signed chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD), split anywhere, give the object bytes', async () => {
  const body = `5;chunk-signature=${SIG}\r\nhello\r\n6;chunk-signature=${SIG}\r\n world\r\n0;chunk-signature=${SIG}\r\n\r\n`;
  expect(await decode([body])).toBe('hello world');
  expect(await decode(body.match(/[\s\S]{1,7}/g)!)).toBe('hello world');
});

test('unsigned chunks with a checksum trailer (STREAMING-UNSIGNED-PAYLOAD-TRAILER): the trailer is not part of the object', async () => {
  expect(await decode(['a\r\n0123456789\r\n0\r\nx-amz-checksum-crc32:z7Y9bA==\r\n\r\n'])).toBe('0123456789');
});

test('a body cut before its last chunk is an error', async () => {
  await expect(decode(['5\r\nhel'])).rejects.toThrow('The aws-chunked body ended before its last (zero-size) chunk.');
});

test('headers: aws-chunked is recognized and removed, the decoded length becomes Content-Length', () => {
  const headers = { 'content-encoding': 'aws-chunked,gzip', 'x-amz-decoded-content-length': '11', 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'x-amz-trailer': 'x-amz-checksum-crc32', 'content-length': '200' };
  expect(isAwsChunked(headers)).toBe(true);
  expect(isAwsChunked({ 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' })).toBe(false);
  expect(decodedHeaders(headers)).toStrictEqual({ 'content-encoding': 'gzip', 'content-length': '11', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
});
