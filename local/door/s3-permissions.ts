import type { IncomingHttpHeaders } from 'node:http';
import type { Permission } from '../iam';

/**
 * What an S3 REST request asks IAM for, as the S3 User Guide's "Required permissions for Amazon S3 API operations"
 * lists it: the operation is told by method, bucket/key and subresource (`?acl`, `?tagging`, `?uploads`…), and
 * several are authorized under another action's name: HeadObject and SelectObjectContent → s3:GetObject,
 * HeadBucket and ListObjects(V2) → s3:ListBucket (with s3:prefix, s3:delimiter, s3:max-keys), the multipart
 * upload's Create/UploadPart/Complete → s3:PutObject, CopyObject → s3:PutObject on the target and s3:GetObject on
 * the source, DeleteObjects → s3:DeleteObject on each key. A version id makes it the *Version action. Every request
 * carries s3:authType (REST-HEADER, or REST-QUERY-STRING for a presigned URL) and s3:signatureversion; PutObject
 * the request's x-amz-acl, x-amz-server-side-encryption… headers as s3: keys.
 */

export interface S3Request {
  readonly method: string;
  /** Path-style target: `/<bucket>/<key>?<query>`, as sent (percent-encoded). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The body of a POST ?delete (DeleteObjects), whose keys are each authorized. */
  readonly body?: Buffer;
}

const OBJECT_SUBRESOURCES: Record<string, Partial<Record<string, string>>> = {
  GET: { uploadId: 'ListMultipartUploadParts', acl: 'GetObjectAcl', tagging: 'GetObjectTagging', attributes: 'GetObjectAttributes', retention: 'GetObjectRetention', 'legal-hold': 'GetObjectLegalHold' },
  PUT: { acl: 'PutObjectAcl', tagging: 'PutObjectTagging', retention: 'PutObjectRetention', 'legal-hold': 'PutObjectLegalHold' },
  POST: { uploads: 'PutObject', uploadId: 'PutObject', restore: 'RestoreObject', select: 'GetObject' },
  DELETE: { uploadId: 'AbortMultipartUpload', tagging: 'DeleteObjectTagging' },
};
OBJECT_SUBRESOURCES.HEAD = OBJECT_SUBRESOURCES.GET;

/** Object actions that have a *Version counterpart, used when the request names a versionId. */
const VERSIONED = new Set(['GetObject', 'GetObjectAcl', 'GetObjectTagging', 'GetObjectAttributes', 'PutObjectAcl', 'PutObjectTagging', 'DeleteObject', 'DeleteObjectTagging']);

const BUCKET_SUBRESOURCES: Record<string, Partial<Record<string, string>>> = {
  GET: {
    versions: 'ListBucketVersions',
    uploads: 'ListBucketMultipartUploads',
    location: 'GetBucketLocation',
    policy: 'GetBucketPolicy',
    acl: 'GetBucketAcl',
    cors: 'GetBucketCORS',
    tagging: 'GetBucketTagging',
    versioning: 'GetBucketVersioning',
    encryption: 'GetEncryptionConfiguration',
    lifecycle: 'GetLifecycleConfiguration',
    notification: 'GetBucketNotification',
    website: 'GetBucketWebsite',
    logging: 'GetBucketLogging',
    publicAccessBlock: 'GetBucketPublicAccessBlock',
    ownershipControls: 'GetBucketOwnershipControls',
  },
  PUT: {
    policy: 'PutBucketPolicy',
    acl: 'PutBucketAcl',
    cors: 'PutBucketCORS',
    tagging: 'PutBucketTagging',
    versioning: 'PutBucketVersioning',
    encryption: 'PutEncryptionConfiguration',
    lifecycle: 'PutLifecycleConfiguration',
    notification: 'PutBucketNotification',
    website: 'PutBucketWebsite',
    publicAccessBlock: 'PutBucketPublicAccessBlock',
  },
  // DeleteBucketCors, DeleteBucketTagging, DeleteBucketLifecycle… are authorized by the Put action.
  DELETE: { policy: 'DeleteBucketPolicy', cors: 'PutBucketCORS', tagging: 'PutBucketTagging', website: 'DeleteBucketWebsite', lifecycle: 'PutLifecycleConfiguration', encryption: 'PutEncryptionConfiguration', publicAccessBlock: 'PutBucketPublicAccessBlock' },
};
BUCKET_SUBRESOURCES.HEAD = {};

const PUT_HEADER_KEYS = ['x-amz-acl', 'x-amz-server-side-encryption', 'x-amz-server-side-encryption-aws-kms-key-id', 'x-amz-storage-class', 'x-amz-metadata-directive', 'x-amz-copy-source'];

export function s3Permissions(request: S3Request): Permission[] {
  const [pathname, rawQuery = ''] = request.url.split('?', 2);
  const query = new URLSearchParams(rawQuery);
  const segments = pathname.split('/');
  const bucket = decodeURIComponent(segments[1] ?? '');
  const key = decodeURIComponent(segments.slice(2).join('/'));
  const method = request.method.toUpperCase();
  const common = { 's3:authType': query.has('X-Amz-Signature') ? 'REST-QUERY-STRING' : 'REST-HEADER', 's3:signatureversion': 'AWS4-HMAC-SHA256' };
  const one = (action: string, resourceArn: string, context: Record<string, string> = {}): Permission => ({ action: `s3:${action}`, resourceArn, context: { ...common, ...context } });

  if (bucket === '') return [one('ListAllMyBuckets', '*')];
  const bucketArn = `arn:aws:s3:::${bucket}`;
  const sub = (table: Record<string, Partial<Record<string, string>>>) => Object.entries(table[method] ?? {}).find(([name]) => query.has(name))?.[1];

  if (key === '') {
    if (method === 'POST' && query.has('delete')) return deletedKeys(request.body).map(({ key: k, versioned }) => one(versioned ? 'DeleteObjectVersion' : 'DeleteObject', `${bucketArn}/${k}`));
    const action = sub(BUCKET_SUBRESOURCES) ?? ({ GET: 'ListBucket', HEAD: 'ListBucket', PUT: 'CreateBucket', DELETE: 'DeleteBucket' } as Partial<Record<string, string>>)[method];
    if (!action) return [one(`${method} on a bucket`, bucketArn)];
    const listing =
      action === 'ListBucket' && method === 'GET'
        ? Object.fromEntries((['prefix', 'delimiter', 'max-keys'] as const).filter((p) => query.has(p)).map((p) => [`s3:${p}`, query.get(p)!]))
        : {};
    return [one(action, bucketArn, listing)];
  }

  const objectArn = `${bucketArn}/${key}`;
  let action = sub(OBJECT_SUBRESOURCES) ?? ({ GET: 'GetObject', HEAD: 'GetObject', PUT: 'PutObject', DELETE: 'DeleteObject' } as Partial<Record<string, string>>)[method];
  if (!action) return [one(`${method} on an object`, objectArn)];
  if (query.has('versionId') && VERSIONED.has(action)) action = action.replace(/^(Get|Put|Delete)Object/, '$1ObjectVersion');
  const headers = method === 'PUT' && action === 'PutObject' ? Object.fromEntries(PUT_HEADER_KEYS.filter((h) => typeof request.headers[h] === 'string').map((h) => [`s3:${h}`, String(request.headers[h])])) : {};
  const permissions = [one(action, objectArn, headers)];
  const copySource = method === 'PUT' ? request.headers['x-amz-copy-source'] : undefined;
  if (typeof copySource === 'string' && !query.has('uploadId')) {
    const [source, sourceQuery = ''] = copySource.replace(/^\//, '').split('?', 2);
    permissions.push(one(new URLSearchParams(sourceQuery).has('versionId') ? 'GetObjectVersion' : 'GetObject', `arn:aws:s3:::${decodeURIComponent(source)}`));
  }
  return permissions;
}

/** The keys of a DeleteObjects body (`<Delete><Object><Key>k</Key><VersionId>…</VersionId></Object>…`). */
function deletedKeys(body: Buffer | undefined): { key: string; versioned: boolean }[] {
  const xml = body?.toString('utf8') ?? '';
  return [...xml.matchAll(/<Object>([\s\S]*?)<\/Object>/g)].flatMap(([, inner]) => {
    const key = /<Key>([\s\S]*?)<\/Key>/.exec(inner)?.[1];
    return key === undefined ? [] : [{ key: unescapeXml(key), versioned: /<VersionId>/.test(inner) }];
  });
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
