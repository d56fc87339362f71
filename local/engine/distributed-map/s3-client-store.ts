/**
 * An ObjectStore over an AWS SDK v3 S3 client — the local runner's S3 emulator client, or any S3. S3's errors
 * become ObjectStoreErrors with S3's code, HTTP status and request id, so that the Map state's cause reads like AWS's.
 * The engine's index does not export it (so the engine loads no SDK); give it as `EngineOptions.objectStore`:
 *
 *   new StateMachine(definition, { objectStore: new S3ClientStore(s3Client) })
 *   new StateMachine(definition, { objectStore: new S3ClientStore(() => services().s3) })  // a client made later
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { type ObjectListing, type ObjectStore, ObjectStoreError } from './object-store';

/** The S3 SDK's commands, loaded at the first call (a run whose Map reads no S3 does not load them). */
const s3Sdk = () => require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');

export class S3ClientStore implements ObjectStore {
  /** @param s3 the client, or a function giving it when first needed (a client that exists only once emulators start). */
  constructor(private readonly s3: S3Client | (() => S3Client)) {}

  private get client(): S3Client {
    return typeof this.s3 === 'function' ? this.s3() : this.s3;
  }

  async getObject(bucket: string, key: string, versionId?: string): Promise<Buffer> {
    return this.call(async () => {
      const answer = await this.client.send(new (s3Sdk().GetObjectCommand)({ Bucket: bucket, Key: key, VersionId: versionId }));
      return Buffer.from((await answer.Body?.transformToByteArray()) ?? []);
    });
  }

  async putObject(bucket: string, key: string, body: string | Buffer, contentType?: string): Promise<void> {
    await this.call(() => this.client.send(new (s3Sdk().PutObjectCommand)({ Bucket: bucket, Key: key, Body: body, ContentType: contentType })));
  }

  async listObjects(bucket: string, prefix?: string, continuationToken?: string): Promise<ObjectListing> {
    return this.call(async () => {
      const page = await this.client.send(new (s3Sdk().ListObjectsV2Command)({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken: continuationToken }));
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
