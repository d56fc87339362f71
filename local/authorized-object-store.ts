import { randomUUID } from 'node:crypto';
import { ObjectStoreError, type ObjectListing, type ObjectStore } from './engine/distributed-map/object-store';
import type { CallerAccess, Permission } from './iam';

/**
 * The S3 of a Distributed Map (ItemReader, ResultWriter) as the state machine's role reaches it: each call is
 * authorized first (s3:GetObject or s3:GetObjectVersion on the object, s3:ListBucket on the bucket with s3:prefix,
 * s3:PutObject on the object written), and a denial is S3's 403 AccessDenied, which the engine reports as
 * States.ItemReaderFailed or States.ResultWriterFailed with S3's cause.
 */
export class AuthorizedObjectStore implements ObjectStore {
  constructor(
    private readonly store: ObjectStore,
    private readonly access: () => CallerAccess,
    private readonly where: string,
  ) {}

  async getObject(bucket: string, key: string, versionId?: string): Promise<Buffer | string> {
    await this.require({ action: versionId ? 's3:GetObjectVersion' : 's3:GetObject', resourceArn: `arn:aws:s3:::${bucket}/${key}` });
    return this.store.getObject(bucket, key, versionId);
  }

  async putObject(bucket: string, key: string, body: string | Buffer, contentType?: string): Promise<void> {
    await this.require({ action: 's3:PutObject', resourceArn: `arn:aws:s3:::${bucket}/${key}` });
    return this.store.putObject(bucket, key, body, contentType);
  }

  async listObjects(bucket: string, prefix?: string, continuationToken?: string): Promise<ObjectListing> {
    await this.require({ action: 's3:ListBucket', resourceArn: `arn:aws:s3:::${bucket}`, ...(prefix && { context: { 's3:prefix': prefix } }) });
    return this.store.listObjects(bucket, prefix, continuationToken);
  }

  private async require(permission: Permission): Promise<void> {
    const denied = await this.access().check([permission], this.where);
    if (denied) throw new ObjectStoreError('AccessDenied', denied.message, 403, randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase());
  }
}
