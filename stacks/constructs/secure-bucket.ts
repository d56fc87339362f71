import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { NAME_LIMITS } from '../names';
import { IAM_ACTIONS } from './iam-actions';
import type { Grantee } from './service-role';

/** Objects under a key prefix that S3 deletes a number of days after they were written. */
export interface ObjectExpiration {
  /** A key prefix, e.g. `results/` (end it with '/' to mean a folder). */
  readonly prefix: string;
  readonly days: number;
}

export interface SecureBucketProps {
  /**
   * A name prefix; AWS adds a unique suffix (bucket names are global, so a fixed name would collide between
   * accounts). At most 37 characters, lowercase.
   */
  readonly bucketPrefix: string;
  /**
   * Keep the earlier versions of overwritten and deleted objects, and delete each this many days after it stopped
   * being the current version (so a mistake can be undone for that long, and versions do not pile up).
   * @default no versioning
   */
  readonly noncurrentVersionDays?: number;
  /** Prefixes whose objects are deleted some days after they were written. @default none: objects are kept */
  readonly expirations?: readonly ObjectExpiration[];
}

/**
 * Parts of a multipart upload that was never completed or aborted stay in the bucket (and are billed) until they
 * are removed; S3 removes them this many days after the upload began. Every upload of this project's buckets is
 * done within minutes (an invoice, a list, a Map Run's result files), so a week only ever removes leftovers.
 */
export const ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS = 7;

export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly bucketName: string;
  readonly bucketArn: string;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const max = NAME_LIMITS['aws_s3_bucket.bucket_prefix'].max;
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(props.bucketPrefix) || props.bucketPrefix.length > max) {
      throw new Error(
        `Bucket prefix '${props.bucketPrefix}' is invalid: use 1-${max} lowercase letters, digits, dots or dashes (AWS adds a unique suffix).`,
      );
    }
    validateLifecycle(props);
    this.bucket = new S3Bucket(this, 'bucket', { bucketPrefix: props.bucketPrefix, forceDestroy: true });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;

    const publicAccess = new S3BucketPublicAccessBlock(this, 'public-access', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    this.addLifecycle(props);
    new S3BucketPolicy(this, 'tls-only', {
      bucket: this.bucket.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
      // S3 refuses a bucket policy while the public access block is being applied.
      dependsOn: [publicAccess],
    });
  }

  /** Lets `grantee` read the objects whose keys start with `keyPrefix` (e.g. `invoices/`). */
  grantRead(grantee: Grantee, keyPrefix: string): void {
    grantee.addToPolicy({ actions: IAM_ACTIONS.s3Read.actions, resources: [this.objectsUnder(keyPrefix)] });
  }

  /**
   * Lets `grantee` list the bucket: with it, S3 answers a request for a missing key 404 instead of 403 (so a
   * reader can tell "no such object" from "not allowed").
   */
  grantListBucket(grantee: Grantee): void {
    grantee.addToPolicy({ actions: IAM_ACTIONS.s3Read.listBucket, resources: [this.bucketArn] });
  }

  /** Lets `grantee` write objects whose keys start with `keyPrefix`. */
  grantPut(grantee: Grantee, keyPrefix: string): void {
    grantee.addToPolicy({ actions: IAM_ACTIONS.s3Put.actions, resources: [this.objectsUnder(keyPrefix)] });
  }

  /** The ARN pattern of every object under a key prefix. */
  private objectsUnder(keyPrefix: string): string {
    if (/[*?]|\$\{|%\{/.test(keyPrefix) || keyPrefix.startsWith('/')) {
      throw new Error(`Key prefix '${keyPrefix}' cannot be granted: give a plain prefix such as 'invoices/' (no '*', '?', leading '/', '\${' or '%{').`);
    }
    return `${this.bucketArn}/${keyPrefix}*`;
  }

  /** Versioning (when asked for) and the lifecycle rules: a bucket-wide rule, then one per expiring prefix. */
  private addLifecycle(props: SecureBucketProps): void {
    const days = props.noncurrentVersionDays;
    const versioning =
      days === undefined ? undefined : new S3BucketVersioningA(this, 'versioning', { bucket: this.bucket.id, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'bucket-housekeeping',
          status: 'Enabled',
          filter: [{}],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS }],
          ...(days !== undefined && {
            noncurrentVersionExpiration: [{ noncurrentDays: days }],
            // A delete marker left with no versions behind it is removed too.
            expiration: [{ expiredObjectDeleteMarker: true }],
          }),
        },
        ...(props.expirations ?? []).map((e) => ({
          id: `expire-${e.prefix.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '')}`.slice(0, 255),
          status: 'Enabled',
          filter: [{ prefix: e.prefix }],
          expiration: [{ days: e.days }],
        })),
      ],
      // S3 refuses noncurrent-version rules for a bucket whose versioning is not yet set (as the provider documents).
      ...(versioning && { dependsOn: [versioning] }),
    });
  }
}

/** Days are whole and positive, prefixes non-empty and without a leading '/'. */
function validateLifecycle(props: SecureBucketProps): void {
  const where = `Bucket '${props.bucketPrefix}'`;
  const days = (what: string, value: number) => {
    if (!Number.isInteger(value) || value < 1) throw new Error(`${where}: ${what} is ${value}; S3 lifecycle periods are whole days, 1 or more.`);
  };
  if (props.noncurrentVersionDays !== undefined) days('noncurrentVersionDays', props.noncurrentVersionDays);
  const prefixes = (props.expirations ?? []).map((e) => e.prefix);
  const repeated = prefixes.find((p, i) => prefixes.indexOf(p) !== i);
  if (repeated !== undefined) throw new Error(`${where}: the expiration prefix '${repeated}' is given twice; give each prefix once.`);
  for (const e of props.expirations ?? []) {
    if (e.prefix === '' || e.prefix.startsWith('/')) {
      throw new Error(`${where}: expiration prefix '${e.prefix}' is invalid; give a key prefix such as 'results/' (not empty, no leading '/').`);
    }
    days(`the expiration of '${e.prefix}'`, e.days);
  }
}
