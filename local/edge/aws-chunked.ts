import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * S3's `aws-chunked` uploads ("Signature Calculations for the Authorization Header: Transferring Payload in
 * Multiple Chunks", S3 API Reference): the body is `<hex size>[;chunk-signature=<sig>]\r\n<bytes>\r\n` chunks, a
 * zero-size last chunk, then optional trailers (`x-amz-checksum-crc32:…`), announced by `Content-Encoding:
 * aws-chunked` and an `x-amz-content-sha256` of `STREAMING-…`. s3rver would store the framing as the object, so
 * the edge passes on the decoded bytes, with `x-amz-decoded-content-length` as their length. The seed signature
 * was checked (auth.ts); the chunk signatures and trailer checksums are not.
 */

/** Whether the request's body is aws-chunked. */
export function isAwsChunked(headers: IncomingHttpHeaders): boolean {
  const encodings = String(headers['content-encoding'] ?? '').split(',').map((e) => e.trim().toLowerCase());
  return encodings.includes('aws-chunked') || String(headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-');
}

/** The headers of the decoded upload: no aws-chunked encoding, no trailer, the decoded length, an unsigned payload. */
export function decodedHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const { 'content-encoding': encoding, 'x-amz-trailer': _trailer, 'x-amz-decoded-content-length': decoded, 'transfer-encoding': _te, ...rest } = headers;
  const others = String(encoding ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '' && e.toLowerCase() !== 'aws-chunked');
  return {
    ...rest,
    ...(others.length > 0 && { 'content-encoding': others.join(',') }),
    ...(decoded !== undefined && { 'content-length': String(decoded) }),
    'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
  };
}

/** A stream of the upload's object bytes, without the chunk framing and trailers. */
export function decodeAwsChunked(req: IncomingMessage): Transform {
  return req.pipe(new AwsChunkedDecoder());
}

class AwsChunkedDecoder extends Transform {
  private pending = Buffer.alloc(0);
  /** Bytes of chunk data still to pass on, or -1 while reading a chunk header; -2 after the last chunk. */
  private remaining = -1;
  private crlfAfterData = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    try {
      this.drain();
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    done(this.remaining === -2 ? undefined : new Error('The aws-chunked body ended before its last (zero-size) chunk.'));
  }

  private drain(): void {
    for (;;) {
      if (this.remaining === -2) {
        this.pending = Buffer.alloc(0); // trailers: not part of the object
        return;
      }
      if (this.crlfAfterData) {
        if (this.pending.length < 2) return;
        this.pending = this.pending.subarray(2);
        this.crlfAfterData = false;
      }
      if (this.remaining === -1) {
        const end = this.pending.indexOf('\r\n');
        if (end < 0) return;
        const size = Number.parseInt(this.pending.subarray(0, end).toString('latin1').split(';')[0], 16);
        if (!Number.isInteger(size) || size < 0) throw new Error(`Not an aws-chunked chunk header: ${this.pending.subarray(0, Math.min(end, 80)).toString('latin1')}`);
        this.pending = this.pending.subarray(end + 2);
        this.remaining = size === 0 ? -2 : size;
        continue;
      }
      if (this.pending.length === 0) return;
      const take = Math.min(this.remaining, this.pending.length);
      this.push(this.pending.subarray(0, take));
      this.pending = this.pending.subarray(take);
      this.remaining -= take;
      if (this.remaining === 0) {
        this.remaining = -1;
        this.crlfAfterData = true;
      }
    }
  }
}
