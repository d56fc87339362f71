import * as path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { LOCAL_CREDENTIALS } from '../aws-names';
import type { StackModel } from '../stack-model';
import { LocalSetupError } from '../errors';
import { checkDynamoStore, DynamoDbEmulator } from './dynamodb';
import { S3Emulator } from './s3';
import { SfnApiEmulator, type ExecutionService } from './sfn-api';
import { SnsEmulator } from './sns';

/**
 * The emulators of one stack, started together and stopped together. S3 starts only when the stack has
 * buckets (s3rver is the slowest to start); without it, S3 calls go to the catch-all endpoint, which refuses
 * them with NotEmulatedLocally.
 */
export class EmulatorSet {
  private sfnClient: SFNClient | undefined;
  /** A client pointed at the catch-all endpoint, when the stack has no buckets. */
  private noBucketsClient: S3Client | undefined;

  private constructor(
    readonly dynamodb: DynamoDbEmulator,
    readonly s3: S3Emulator | undefined,
    readonly sns: SnsEmulator,
    readonly sfnApi: SfnApiEmulator,
    private readonly region: string,
  ) {}

  /** A client of the local Step Functions API, made (and its SDK loaded) when a Task first starts an execution. */
  get sfn(): SFNClient {
    const { SFNClient: Client } = require('@aws-sdk/client-sfn') as typeof import('@aws-sdk/client-sfn');
    return (this.sfnClient ??= new Client({ endpoint: this.sfnApi.endpoint, region: this.region, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 }));
  }

  /**
   * The S3 emulator's client, or one pointed at the catch-all endpoint, made (and the S3 SDK loaded, ~50 ms) only
   * when something calls S3 on a stack without buckets.
   */
  get s3Client(): S3Client {
    if (this.s3) return this.s3.client;
    const { S3Client: Client } = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
    return (this.noBucketsClient ??= new Client({ endpoint: this.sfnApi.endpoint, region: this.region, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 }));
  }

  /**
   * Starts them all; if one fails, stops the others and throws. With `dataDir`, each keeps its data under it.
   * `s3Keys` are key pairs s3rver accepts besides the edge's (the functions' own, whose signatures the functions'
   * front door checks before it passes their requests on). `tablesOnDisk`: without `dataDir`, the tables are in a
   * temporary folder instead of memory (see DynamoDbEmulator.start).
   */
  static async start(
    model: StackModel,
    executions: ExecutionService,
    dataDir?: string,
    onWarning?: (message: string) => void,
    s3Keys: readonly { readonly accessKeyId: string; readonly secretAccessKey: string }[] = [],
    tablesOnDisk = false,
  ): Promise<EmulatorSet> {
    const dir = (name: string) => (dataDir ? path.join(dataDir, name) : undefined);
    // Kept data is checked first (messages.jsonl by the SNS sink, which writes nothing when it starts), read-only
    // checks before the one that writes (opening dynalite's LevelDB), so that a damaged file stops the run with
    // the data folder as it was.
    if (dataDir && model.buckets.length > 0) S3Emulator.checkStore(dir('s3')!);
    const sns = await SnsEmulator.start(model.topics, dir('sns'), onWarning);
    if (dataDir) {
      try {
        await checkDynamoStore(dir('dynamodb')!);
      } catch (err) {
        await sns.close();
        throw err;
      }
    }
    const started = await Promise.allSettled([
      DynamoDbEmulator.start(model.tables, model.tableItems, dir('dynamodb'), tablesOnDisk),
      model.buckets.length > 0 ? S3Emulator.start(model.buckets, dir('s3'), s3Keys) : undefined,
      SfnApiEmulator.start(executions),
    ]);
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      await Promise.all([sns.close(), ...started.map((s) => (s.status === 'fulfilled' ? s.value?.close() : undefined))]);
      const reason = failed.reason as Error;
      throw reason instanceof LocalSetupError ? reason : new LocalSetupError(`Could not start the local emulators: ${reason.message}`);
    }
    const [dynamodb, s3, sfnApi] = started.map((s) => (s as PromiseFulfilledResult<unknown>).value) as [DynamoDbEmulator, S3Emulator | undefined, SfnApiEmulator];
    return new EmulatorSet(dynamodb, s3, sns, sfnApi, model.region);
  }

  get endpoints(): { dynamodb: string; s3: string; sns: string; stepfunctions: string } {
    return { dynamodb: this.dynamodb.endpoint, s3: this.s3?.endpoint ?? this.sfnApi.endpoint, sns: this.sns.endpoint, stepfunctions: this.sfnApi.endpoint };
  }

  async close(): Promise<void> {
    this.sfnClient?.destroy();
    this.noBucketsClient?.destroy();
    await Promise.all([this.dynamodb.close(), this.s3?.close(), this.sns.close(), this.sfnApi.close()]);
  }
}
