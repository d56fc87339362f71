import type { Permission } from '../iam';
import { tableArn } from './access';

/**
 * The IAM permission an `arn:aws:states:::aws-sdk:<service>:<action>` call needs: the action of the Service
 * Authorization Reference (the API's name under the service's IAM prefix, except where S3 names them otherwise)
 * on the resource the request names.
 */

const IAM_PREFIX: Record<string, string> = { dynamodb: 'dynamodb', s3: 's3', sns: 'sns', sfn: 'states' };

/** S3 operations authorized under another action's name (Service Authorization Reference, Amazon S3). */
const S3_ACTIONS: Record<string, string> = {
  ListObjects: 'ListBucket',
  ListObjectsV2: 'ListBucket',
  HeadBucket: 'ListBucket',
  HeadObject: 'GetObject',
  ListBuckets: 'ListAllMyBuckets',
  CopyObject: 'PutObject',
  DeleteObjects: 'DeleteObject',
  GetObjectAttributes: 'GetObject',
};

export function sdkPermissions(region: string, service: string, action: string, request: Record<string, unknown>): Permission[] {
  const api = `${action[0].toUpperCase()}${action.slice(1)}`;
  const text = (key: string) => (typeof request[key] === 'string' ? (request[key] as string) : undefined);
  switch (service) {
    case 's3': {
      const iamAction = `s3:${S3_ACTIONS[api] ?? api}`;
      const bucket = text('Bucket');
      const key = text('Key');
      if (!bucket) return [{ action: iamAction, resourceArn: '*' }];
      const prefix = text('Prefix');
      const own = { action: iamAction, resourceArn: key === undefined || iamAction === 's3:ListBucket' ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${key}`, ...(prefix !== undefined && iamAction === 's3:ListBucket' && { context: { 's3:prefix': prefix } }) };
      // CopyObject also reads its source (`bucket/key`, URL-encoded, maybe with ?versionId=).
      const source = api === 'CopyObject' ? text('CopySource') : undefined;
      return source ? [own, { action: 's3:GetObject', resourceArn: `arn:aws:s3:::${decodeURIComponent(source.replace(/^\//, '').replace(/\?.*$/, ''))}` }] : [own];
    }
    case 'dynamodb': {
      const table = text('TableName');
      return [{ action: `dynamodb:${api}`, resourceArn: table ? tableArn(region, table) : '*' }];
    }
    case 'sns':
      return [{ action: `sns:${api}`, resourceArn: text('TopicArn') ?? text('TargetArn') ?? '*' }];
    default: {
      const arn = text('StateMachineArn') ?? text('ExecutionArn') ?? text('MapRunArn');
      return [{ action: `${IAM_PREFIX[service] ?? service}:${api}`, resourceArn: arn ? arn.replace(/#.*$/, '') : '*' }];
    }
  }
}
