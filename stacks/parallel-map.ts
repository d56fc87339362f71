import { Annotations, TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { parallelMapWorkflow } from '../definitions/workflows/parallel-map';
import { AppStack } from './app-stack';
import type { AppConfig } from './config';
import { BundledFunction } from './constructs/bundled-function';
import { SecureBucket } from './constructs/secure-bucket';
import { SecureTable } from './constructs/secure-table';
import { Workflow } from './constructs/workflow';
import { parallelMapWorkflowProps, stepfuncWarnings } from './parallel-map-config';

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

    const table = stepfunc.mode === 'INLINE' ? this.listTable(config) : undefined;
    const bucket = stepfunc.mode === 'DISTRIBUTED' ? this.listBucket() : undefined;

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
      definition: parallelMapWorkflow(parallelMapWorkflowProps(config, { name: stateMachineName, processItem: processItemFunction, table, bucket })),
      config,
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
      config,
    });
  }

  /** DISTRIBUTED: a bucket holding the list object and the Map Run's result files. */
  private listBucket(): SecureBucket {
    return new SecureBucket(this, 'items-bucket', { bucketPrefix: this.bucketPrefix('parallel-map-items-') });
  }
}
