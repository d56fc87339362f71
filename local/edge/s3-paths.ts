/** S3 request targets as the edge and the functions' front door route them (no stack needed to read them). */

/**
 * A virtual-hosted S3 request's bucket, from its Host header: `<bucket>.s3.localhost[:port]`,
 * `<bucket>.localhost[:port]` or LocalStack's `<bucket>.s3.localhost.localstack.cloud[:port]`; undefined for any
 * other host (then the request is path-style). `s3.localhost` itself names no bucket.
 */
export function s3VirtualHostBucket(host: string | undefined): string | undefined {
  const m = /^(.+?)(?:\.s3)?\.(?:localhost\.localstack\.cloud|localhost)(?::\d+)?$/i.exec(host ?? '');
  return m && m[1].toLowerCase() !== 's3' ? m[1] : undefined;
}

/**
 * The path-style request target of an S3 request (what s3rver, started without virtual hosts, routes by): a
 * virtual-hosted request's path gets its bucket in front.
 */
export function s3PathStyleUrl(url: string, host: string | undefined): string {
  const bucket = s3VirtualHostBucket(host);
  return bucket === undefined ? url : `/${encodeURIComponent(bucket)}${url.startsWith('/') ? url : `/${url}`}`;
}

/** The bucket of a path-style S3 request (`/<bucket>/<key>`), or undefined for `/` (ListBuckets). */
export function s3Bucket(url: string): string | undefined {
  const first = url.split('?')[0].split('/')[1];
  return first ? decodeURIComponent(first) : undefined;
}
