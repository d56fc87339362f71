import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { DescribedExecution } from '../emulators/sfn-api';
import type { CallerAccess } from '../iam';
import type { LambdaHost } from '../lambda-host';

/** The local services a Task state can reach. SDK clients point at the emulators; nothing points at AWS. */
export interface LocalServices {
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
  readonly sns: SNSClient;
  /** Points at the local Step Functions API, so a Task that starts an execution starts a local one. */
  readonly sfn: SFNClient;
  readonly lambda: LambdaHost;
  /** The local executions, for `states:startExecution.sync` to wait for the one it started. */
  readonly executions: ExecutionWaiter;
}

/** Who makes a state machine's Task calls: its role's access (IAM), in the stack's region. */
export interface TaskCaller {
  readonly access: CallerAccess;
  readonly region: string;
}

export interface ExecutionWaiter {
  /** Resolves with DescribeExecution's answer once the execution has ended. */
  waitForEnd(executionArn: string): Promise<DescribedExecution>;
  /** StopExecution (the parent Task of a `.sync` call was stopped). */
  stop(executionArn: string, error?: string, cause?: string): void;
}
