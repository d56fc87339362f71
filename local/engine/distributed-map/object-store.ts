/**
 * The S3 the Distributed Map reads its items from (ItemReader) and writes its results to (ResultWriter). The engine
 * knows S3 only through this interface: the local runner implements it with the local S3 emulator's client
 * (`./s3-client-store`), a user's test can give the in-memory store below.
 */
import { createHash } from 'node:crypto';

/** One object of a listing, as ListObjectsV2 describes it. */
export interface ObjectSummary {
  readonly key: string;
  readonly size: number;
  readonly lastModified: Date;
  /** The entity tag with its double quotes, as S3 returns it: `"9b2cf535f27731c974343645a3985328"`. */
  readonly etag: string;
  /** @default 'STANDARD' */
  readonly storageClass?: string;
}

export interface ObjectListing {
  readonly objects: readonly ObjectSummary[];
  /** Set when the listing goes on (ListObjectsV2's NextContinuationToken). */
  readonly nextToken?: string;
}

export interface ObjectStore {
  /** The object's bytes (a string is taken as UTF-8). Rejects with an ObjectStoreError for S3's errors. */
  getObject(bucket: string, key: string, versionId?: string): Promise<Buffer | string>;
  putObject(bucket: string, key: string, body: string | Buffer, contentType?: string): Promise<void>;
  /** One page of keys under `prefix`, in S3's order (by key, as UTF-8 bytes). */
  listObjects(bucket: string, prefix?: string, continuationToken?: string): Promise<ObjectListing>;
}

/** An error S3 answers with (NoSuchBucket, NoSuchKey, AccessDenied, …). */
export class ObjectStoreError extends Error {
  constructor(
    /** S3's error code, e.g. `NoSuchKey`. */
    readonly code: string,
    message: string,
    /** The HTTP status S3 answered with. */
    readonly statusCode: number,
    readonly requestId: string = 'LOCAL0000000000',
  ) {
    super(message);
    this.name = 'ObjectStoreError';
  }
}

/**
 * The cause text of an S3 error as Step Functions passes it on (the message of the AWS SDK for Java's
 * S3Exception: message, then service, status code, error code and request id). Assumed from the SDK's message
 * format; the Developer Guide does not print one.
 */
export function s3ErrorCause(err: unknown): string {
  if (err instanceof ObjectStoreError) {
    return `${err.message} (Service: S3, Status Code: ${err.statusCode}, Error Code: ${err.code}, Request ID: ${err.requestId})`;
  }
  return err instanceof Error ? err.message : String(err);
}

export const noSuchBucket = (bucket: string) => new ObjectStoreError('NoSuchBucket', 'The specified bucket does not exist', 404, requestIdOf(bucket));
export const noSuchKey = (key: string) => new ObjectStoreError('NoSuchKey', 'The specified key does not exist.', 404, requestIdOf(key));

function requestIdOf(text: string): string {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return `LOCAL${(hash >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

interface StoredObject {
  body: Buffer;
  lastModified: Date;
  etag: string;
  contentType?: string;
}

/**
 * An S3 in memory: buckets are created with `createBucket` (or by the constructor), objects keep their bytes, a
 * last-modified date and an MD5 entity tag, as S3 would give them. Listing pages hold `pageSize` keys.
 */
export class InMemoryObjectStore implements ObjectStore {
  private readonly buckets = new Map<string, Map<string, StoredObject>>();

  constructor(
    buckets: readonly string[] = [],
    private readonly options: { pageSize?: number; now?: () => Date } = {},
  ) {
    for (const bucket of buckets) this.createBucket(bucket);
  }

  createBucket(bucket: string): void {
    if (!this.buckets.has(bucket)) this.buckets.set(bucket, new Map());
  }

  async getObject(bucket: string, key: string): Promise<Buffer> {
    const object = this.bucket(bucket).get(key);
    if (!object) throw noSuchKey(key);
    return object.body;
  }

  async putObject(bucket: string, key: string, body: string | Buffer, contentType?: string): Promise<void> {
    this.put(bucket, key, body, contentType);
  }

  /** Synchronous put, for tests that lay out a bucket. */
  put(bucket: string, key: string, body: string | Buffer, contentType?: string): void {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const md5 = createHash('md5').update(bytes).digest('hex');
    this.bucket(bucket).set(key, { body: bytes, lastModified: this.options.now?.() ?? new Date(), etag: `"${md5}"`, contentType });
  }

  /** The stored text of an object (tests). */
  text(bucket: string, key: string): string | undefined {
    return this.buckets.get(bucket)?.get(key)?.body.toString('utf8');
  }

  /** Every key of a bucket, in S3's order (tests). */
  keys(bucket: string): string[] {
    return [...this.bucket(bucket).keys()].sort(compareKeys);
  }

  async listObjects(bucket: string, prefix = '', continuationToken?: string): Promise<ObjectListing> {
    const pageSize = this.options.pageSize ?? 1000;
    const keys = this.keys(bucket).filter((k) => k.startsWith(prefix) && (continuationToken === undefined || compareKeys(k, continuationToken) > 0));
    const page = keys.slice(0, pageSize);
    const objects = page.map((key) => {
      const o = this.bucket(bucket).get(key)!;
      return { key, size: o.body.length, lastModified: o.lastModified, etag: o.etag, storageClass: 'STANDARD' };
    });
    return keys.length > pageSize ? { objects, nextToken: page[page.length - 1] } : { objects };
  }

  private bucket(name: string): Map<string, StoredObject> {
    const bucket = this.buckets.get(name);
    if (!bucket) throw noSuchBucket(name);
    return bucket;
  }
}

/** S3 lists keys in the order of their UTF-8 bytes. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * The store with every call held by `clock` (the virtual clock's `track`): reading items or writing results is
 * real work, and the clock must not jump to the next timer (an execution's TimeoutSeconds, say) while it runs.
 */
export function trackedStore(store: ObjectStore, clock: { track<T>(work: Promise<T>): Promise<T> }): ObjectStore {
  return {
    getObject: (bucket, key, versionId) => clock.track(store.getObject(bucket, key, versionId)),
    putObject: (bucket, key, body, contentType) => clock.track(store.putObject(bucket, key, body, contentType)),
    listObjects: (bucket, prefix, continuationToken) => clock.track(store.listObjects(bucket, prefix, continuationToken)),
  };
}
