import type { Dynamic } from '../json-path';
import type { JsonataExpression } from '../jsonata';
import type { ItemReader, ResultWriter } from '../states/map';
import { checkNumberField, type NumberField } from '../states/number-field';
import { integrationResource } from './resource';

/** An S3 bucket as a workflow sees it: its name for requests, its ARN for IAM. */
export interface BucketRef {
  readonly bucketName: string;
  readonly bucketArn: string;
}

export interface S3ObjectProps {
  readonly bucket: BucketRef;
  /**
   * The object key. A fixed key scopes IAM to that one object; a path (`JsonPath.stringAt('$.key')`, JSONPath) or
   * an expression (`states.input.at('key')`, JSONata) is read from the Map's input and scopes IAM to the whole bucket.
   */
  readonly key: string | Dynamic | JsonataExpression;
  /**
   * Read at most this many items (useful to try a large file on a sample): a number, `JsonPath.numberAt` (MaxItemsPath)
   * or a JSONata expression. @default all items
   */
  readonly maxItems?: NumberField;
}

export interface S3ResultWriterProps {
  readonly bucket: BucketRef;
  /** The key prefix ("folder") the Map Run's result files go under, without a trailing slash. */
  readonly prefix: string;
}

/** Characters that an IAM resource or Terraform would read as something else: `*`, `?`, `${`, `%{`. */
function assertPlainKey(key: string, where: string): void {
  if (key.length === 0 || key.length > 1024 || key.startsWith('/') || /[*?]|\$\{|%\{/.test(key)) {
    throw new Error(
      `${where}: '${key}' cannot be used as an S3 key here. Give 1-1024 characters, no leading '/', and no '*', '?', '\${' or '%{' (IAM and Terraform read those as patterns).`,
    );
  }
}

function objectArn(bucket: BucketRef, key: S3ObjectProps['key']): string {
  if (typeof key !== 'string') return `${bucket.bucketArn}/*`;
  assertPlainKey(key, 'S3 item reader key');
  return `${bucket.bucketArn}/${key}`;
}

function objectReader(inputType: 'JSON' | 'CSV', props: S3ObjectProps, extra: Record<string, string> = {}): ItemReader {
  const { bucket, key, maxItems } = props;
  checkNumberField(maxItems, 'S3 item reader maxItems', { min: 1, max: 100_000_000 });
  return {
    resource: integrationResource('s3', 'getObject'),
    readerConfig: { InputType: inputType, ...extra, ...(maxItems !== undefined && { MaxItems: maxItems }) },
    parameters: { Bucket: bucket.bucketName, Key: key },
    policyStatements: [{ actions: ['s3:GetObject'], resources: [objectArn(bucket, key)] }],
  };
}

/** Item readers and result writers of a Distributed Map that use S3. Each declares the IAM it needs. */
export const S3 = {
  /** Items from an S3 object that holds one JSON array; each element is one item. */
  jsonItems(props: S3ObjectProps): ItemReader {
    return objectReader('JSON', props);
  },

  /**
   * Items from a CSV object whose first row names the columns; each further row is one item, an object of
   * strings keyed by the column names.
   */
  csvItems(props: S3ObjectProps): ItemReader {
    return objectReader('CSV', props, { CSVHeaderLocation: 'FIRST_ROW' });
  },

  /**
   * Writes the Map Run's results (a manifest and one file per outcome) under `prefix/`; the Map's own output is
   * then `{MapRunArn, ResultWriterDetails: {Bucket, Key}}` instead of the results. Multipart uploads need the
   * read, list-parts and abort actions besides PutObject, all on that prefix only.
   */
  resultWriter(props: S3ResultWriterProps): ResultWriter {
    const { bucket, prefix } = props;
    assertPlainKey(prefix, 'S3 result writer prefix');
    if (prefix.endsWith('/')) throw new Error(`S3 result writer prefix: '${prefix}' must not end with '/'; it is added.`);
    return {
      resource: integrationResource('s3', 'putObject'),
      parameters: { Bucket: bucket.bucketName, Prefix: prefix },
      policyStatements: [
        {
          actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:PutObject'],
          resources: [`${bucket.bucketArn}/${prefix}/*`],
        },
      ],
    };
  },
};
