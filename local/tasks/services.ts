import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { LambdaHost } from '../lambda-host';

/** The local services a Task state can reach. SDK clients point at the emulators; nothing points at AWS. */
export interface LocalServices {
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
  readonly sns: SNSClient;
  /** Points at the local Step Functions API, so a Task that starts an execution starts a local one. */
  readonly sfn: SFNClient;
  readonly lambda: LambdaHost;
}
