import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { NAME_LIMITS } from '../names';

export interface SecureBucketProps {
  /**
   * A name prefix; AWS adds a unique suffix (bucket names are global, so a fixed name would collide between
   * accounts). At most 37 characters, lowercase.
   */
  readonly bucketPrefix: string;
  /** Keep old versions of overwritten objects. @default false */
  readonly versioned?: boolean;
}

/**
 * An S3 bucket with the project's defaults, for every stack that needs one: all public access blocked,
 * SSE-S3 encryption, a policy that denies any request not made over TLS, and `force_destroy` so that
 * `cdktf destroy` empties and removes it (these buckets hold example data, not records to keep).
 */
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
    if (props.versioned) {
      new S3BucketVersioningA(this, 'versioning', { bucket: this.bucket.id, versioningConfiguration: { status: 'Enabled' } });
    }
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
}
