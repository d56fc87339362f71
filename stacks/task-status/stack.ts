import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { taskStatusWorkflow } from '../../definitions/workflows/task-status';
import { AppStack } from '../app-stack';
import type { AppConfig } from '../config';
import { BundledFunction } from '../constructs/bundled-function';
import { SecureTable } from '../constructs/secure-table';
import { Workflow } from '../constructs/workflow';

/**
 * `task-status`, a rebuild of the AWS example "AWS Lambda, Step Functions, DynamoDB, and CDK!": a starter function starts a workflow that records
 * a task as STARTED in the `Tasks` table, waits, and marks it Done.
 */
export class TaskStatusStack extends AppStack {
  static readonly id = 'task-status';

  constructor(scope: Construct, config: AppConfig) {
    super(scope, TaskStatusStack.id, config);

    const taskTable = new SecureTable(this, 'task-table', {
      tableName: this.resourceName('Tasks'),
      partitionKey: { name: 'taskId', type: 'S' },
      sortKey: { name: 'timestamp', type: 'N' },
      billingMode: config.billingMode,
    });

    const validateFunction = new BundledFunction(this, 'validate-task-input', {
      functionName: this.resourceName('task-status-validate-input'),
      entry: 'lambdas/validate-task-input/handler.ts',
      description: "ValidateInput of the task-status workflow: the starter's rule for taskId and timestamp",
      logging: this.functionLogging,
      memorySize: 256,
      timeout: 10,
    });

    const stateMachineName = this.resourceName('task-status');
    const workflow = new Workflow(this, 'workflow', {
      stateMachineName,
      definition: taskStatusWorkflow({
        name: stateMachineName,
        region: config.region,
        table: taskTable,
        validateFunction,
        waitSeconds: config.taskStatus.waitSeconds,
        queryLanguage: this.queryLanguage,
      }),
      logging: this.workflowLogging,
    });

    const startTaskFunction = new BundledFunction(this, 'start-task', {
      functionName: this.resourceName('task-status-start-task'),
      entry: 'lambdas/start-task/handler.ts',
      description: 'Starts the task-status workflow for {"taskId": "<id>"}',
      logging: this.functionLogging,
      environment: { STATE_MACHINE_ARN: workflow.stateMachine.arn },
      memorySize: 256,
      timeout: 10,
    });

    workflow.grantStartExecution(startTaskFunction);

    new TerraformOutput(this, 'StateMachineArn', { value: workflow.stateMachine.arn });
    new TerraformOutput(this, 'StartTaskFunctionName', { value: startTaskFunction.functionName });
    new TerraformOutput(this, 'TableName', { value: taskTable.tableName });
  }
}
