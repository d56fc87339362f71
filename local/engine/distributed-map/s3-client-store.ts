/**
 * An ObjectStore over an AWS SDK v3 S3 client — the local runner's S3 emulator client, or any S3. S3's errors
 * become ObjectStoreErrors with S3's code, HTTP status and request id, so that the Map state's cause reads like AWS's.
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type ObjectListing, type ObjectStore, ObjectStoreError } from './object-store';

export class S3ClientStore implements ObjectStore {
  constructor(private readonly client: S3Client) {}

  async getObject(bucket: string, key: string, versionId?: string): Promise<Buffer> {
    return this.call(async () => {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
      return Buffer.from((await answer.Body?.transformToByteArray()) ?? []);
    });
  }

  async putObject(bucket: string, key: string, body: string | Buffer, contentType?: string): Promise<void> {
    await this.call(() => this.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType })));
  }

  async listObjects(bucket: string, prefix?: string, continuationToken?: string): Promise<ObjectListing> {
    return this.call(async () => {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken: continuationToken }));
      const objects = (page.Contents ?? []).map((o) => ({
        key: o.Key ?? '',
        size: o.Size ?? 0,
        lastModified: o.LastModified ?? new Date(0),
        etag: o.ETag ?? '""',
        storageClass: o.StorageClass ?? 'STANDARD',
      }));
      return page.IsTruncated && page.NextContinuationToken ? { objects, nextToken: page.NextContinuationToken } : { objects };
    });
  }

  private async call<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (err) {
      const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
      if (e?.$metadata?.httpStatusCode !== undefined) {
        throw new ObjectStoreError(e.name ?? 'S3Error', e.message ?? 'S3 error', e.$metadata.httpStatusCode, e.$metadata.requestId);
      }
      throw err;
    }
  }
}
