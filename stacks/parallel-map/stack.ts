import { Annotations, TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { parallelMapWorkflow } from '../../definitions/workflows/parallel-map';
import { AppStack } from '../app-stack';
import type { AppConfig } from '../config';
import { BundledFunction } from '../constructs/bundled-function';
import { SecureBucket } from '../constructs/secure-bucket';
import { SecureTable } from '../constructs/secure-table';
import { Workflow } from '../constructs/workflow';
import { stepfuncWarnings } from './config';
import { parallelMapWorkflowProps } from './workflow-props';

/**
 * A Map Run's result files are deleted this many days after they were written: as long as Step Functions keeps the
 * closed execution whose output points at them (90 days), and no longer.
 */
export const RESULT_EXPIRATION_DAYS = 90;
/** How long a replaced (reloaded) list or a deleted object can still be restored from its previous version. */
export const ITEMS_NONCURRENT_VERSION_DAYS = 30;

/**
 * `parallel-map`, a rebuild of the AWS example "Step Functions & Distributed Parallel Processing": a workflow reads a list and runs a Map over it,
 * waiting and then invoking a function for every item. `stepfunc.mode` chooses where the list lives: one
 * DynamoDB item (INLINE, the original) or an S3 object processed by child executions (DISTRIBUTED).
 */
export class ParallelMapStack extends AppStack {
  static readonly id = 'parallel-map';

  constructor(scope: Construct, config: AppConfig) {
    super(scope, ParallelMapStack.id, config);
    const { stepfunc } = config;
    for (const warning of stepfuncWarnings(stepfunc)) Annotations.of(this).addWarning(warning);

    const table = stepfunc.mode === 'INLINE' ? this.listTable(config) : undefined;
    const bucket = stepfunc.mode === 'DISTRIBUTED' ? this.listBucket(config) : undefined;

    const processItemFunction = new BundledFunction(this, 'process-item', {
      functionName: this.resourceName('parallel-map-process-item'),
      entry: 'lambdas/process-item/handler.ts',
      description: 'Logs one item of the parallel-map list and returns it as plain JSON',
      logging: this.functionLogging,
      memorySize: 256,
      timeout: 10,
    });

    const stateMachineName = this.resourceName('TestStateMachine');
    const workflow = new Workflow(this, 'workflow', {
      stateMachineName,
      definition: parallelMapWorkflow(
        parallelMapWorkflowProps({ ...config, queryLanguage: this.queryLanguage }, { name: stateMachineName, processItem: processItemFunction, table, bucket }),
      ),
      logging: this.workflowLogging,
    });

    new TerraformOutput(this, 'StateMachineArn', { value: workflow.stateMachine.arn });
    new TerraformOutput(this, 'StateMachineName', { value: workflow.stateMachine.name });
    new TerraformOutput(this, 'ProcessItemFunctionName', { value: processItemFunction.functionName });
    if (table) new TerraformOutput(this, 'TableName', { value: table.tableName });
    if (bucket) {
      new TerraformOutput(this, 'ItemsBucketName', { value: bucket.bucketName });
      new TerraformOutput(this, 'ItemsObjectKey', { value: stepfunc.distributed.itemsKey });
    }
  }

  /** INLINE: the original's table, keyed by `ddb.partitionKeyName`, whose one item holds the list. */
  private listTable(config: AppConfig): SecureTable {
    return new SecureTable(this, 'list-table', {
      tableName: this.resourceName(config.ddb.tableName),
      partitionKey: { name: config.ddb.partitionKeyName, type: 'S' },
      billingMode: config.billingMode,
    });
  }

  /**
   * DISTRIBUTED: a bucket holding the list object and the Map Run's result files. The list is kept (a reload keeps
   * the previous list as a version for a while); result files expire once no execution refers to them any more.
   */
  private listBucket(config: AppConfig): SecureBucket {
    const d = config.stepfunc.distributed;
    const resultsFolder = `${d.resultsPrefix}/`;
    if (d.itemsKey.startsWith(resultsFolder)) {
      throw new Error(
        `stepfunc.distributed.itemsKey '${d.itemsKey}' is under resultsPrefix '${d.resultsPrefix}', whose objects expire after ${RESULT_EXPIRATION_DAYS} days. Put the list outside it.`,
      );
    }
    return new SecureBucket(this, 'items-bucket', {
      bucketPrefix: this.bucketPrefix('parallel-map-items-'),
      noncurrentVersionDays: ITEMS_NONCURRENT_VERSION_DAYS,
      expirations: [{ prefix: resultsFolder, days: RESULT_EXPIRATION_DAYS }],
    });
  }
}
