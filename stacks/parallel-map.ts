import { Annotations, TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { parallelMapWorkflow, type ListInBucket, type ListInTable } from '../definitions/workflows/parallel-map';
import { AppStack } from './app-stack';
import type { AppConfig } from './config';
import { BundledFunction } from './constructs/bundled-function';
import { SecureBucket } from './constructs/secure-bucket';
import { SecureTable } from './constructs/secure-table';
import { Workflow } from './constructs/workflow';
import { stepfuncWarnings } from './parallel-map-config';

/**
 * A Map Run's result files are deleted this many days after they were written: as long as Step Functions keeps the
 * closed execution whose output points at them (90 days), and no longer.
 */
export const RESULT_EXPIRATION_DAYS = 90;
/** How long a replaced (reloaded) list or a deleted object can still be restored from its previous version. */
export const ITEMS_NONCURRENT_VERSION_DAYS = 30;

/**
 * SPEC §4, "Step Functions & Distributed Parallel Processing": a workflow reads a list and runs a Map over it,
 * waiting and then invoking a function for every item. `stepfunc.mode` chooses where the list lives: one
 * DynamoDB item (INLINE, the original) or an S3 object processed by child executions (DISTRIBUTED).
 */
export class ParallelMapStack extends AppStack {
  constructor(scope: Construct, config: AppConfig) {
    super(scope, 'parallel-map', config);
    const { stepfunc } = config;
    for (const warning of stepfuncWarnings(stepfunc)) Annotations.of(this).addWarning(warning);

    const list = stepfunc.mode === 'INLINE' ? this.listTable(config) : this.listBucket(config);

    const processItemFunction = new BundledFunction(this, 'process-item', {
      functionName: this.resourceName('parallel-map-process-item'),
      entry: 'lambdas/process-item/handler.ts',
      description: 'Logs one item of the parallel-map list and returns it as plain JSON',
      config,
      statements: [],
      memorySize: 256,
      timeout: 10,
    });

    const stateMachineName = this.resourceName('TestStateMachine');
    const workflow = new Workflow(this, 'workflow', {
      stateMachineName,
      definition: parallelMapWorkflow({
        name: stateMachineName,
        list,
        processItem: processItemFunction,
        maxConcurrency: stepfunc.maxConcurrency,
        waitSeconds: stepfunc.waitDurationSeconds,
        timeoutSeconds: stepfunc.timeoutDurationSeconds,
      }),
      config,
    });

    new TerraformOutput(this, 'StateMachineArn', { value: workflow.stateMachine.arn });
    new TerraformOutput(this, 'StateMachineName', { value: workflow.stateMachine.name });
    new TerraformOutput(this, 'ProcessItemFunctionName', { value: processItemFunction.functionName });
    if (list.kind === 'dynamodb') {
      new TerraformOutput(this, 'TableName', { value: list.table.tableName });
    } else {
      new TerraformOutput(this, 'ItemsBucketName', { value: list.bucket.bucketName });
      new TerraformOutput(this, 'ItemsObjectKey', { value: list.key });
    }
  }

  /** INLINE: the original's table, keyed by `ddb.partitionKeyName`, whose one item holds the list. */
  private listTable(config: AppConfig): ListInTable {
    const table = new SecureTable(this, 'list-table', {
      tableName: this.resourceName(config.ddb.tableName),
      partitionKey: { name: config.ddb.partitionKeyName, type: 'S' },
      config,
    });
    return { kind: 'dynamodb', table, keyName: config.ddb.partitionKeyName, keyValue: config.ddb.partitionKeyValueField };
  }

  /**
   * DISTRIBUTED: a bucket holding the list object and the Map Run's result files. The list is kept (a reload keeps
   * the previous list as a version for a while); result files expire once no execution refers to them any more.
   */
  private listBucket(config: AppConfig): ListInBucket {
    const d = config.stepfunc.distributed;
    const resultsFolder = `${d.resultsPrefix}/`;
    if (d.itemsKey.startsWith(resultsFolder)) {
      throw new Error(
        `stepfunc.distributed.itemsKey '${d.itemsKey}' is under resultsPrefix '${d.resultsPrefix}', whose objects expire after ${RESULT_EXPIRATION_DAYS} days. Put the list outside it.`,
      );
    }
    const bucket = new SecureBucket(this, 'items-bucket', {
      bucketPrefix: this.resourceName('parallel-map-items-'),
      noncurrentVersionDays: ITEMS_NONCURRENT_VERSION_DAYS,
      expirations: [{ prefix: resultsFolder, days: RESULT_EXPIRATION_DAYS }],
    });
    return {
      kind: 's3',
      bucket,
      key: d.itemsKey,
      inputType: d.inputType,
      resultsPrefix: d.resultsPrefix,
      toleratedFailurePercentage: d.toleratedFailurePercentage,
      childExecutionType: d.childExecutionType,
    };
  }
}
