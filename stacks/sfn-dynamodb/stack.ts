import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { sfnDynamodbWorkflow } from '../../definitions/workflows/sfn-dynamodb';
import { AppStack } from '../app-stack';
import type { AppConfig } from '../config';
import { SecureTable } from '../constructs/secure-table';
import { Workflow } from '../constructs/workflow';

/** `sfn-dynamodb`, a rebuild of the serverless pattern "sfn-dynamodb-cdk": a workflow that writes an item and reads it back. */
export class SfnDynamodbStack extends AppStack {
  static readonly id = 'sfn-dynamodb';

  constructor(scope: Construct, config: AppConfig) {
    super(scope, SfnDynamodbStack.id, config);

    const itemTable = new SecureTable(this, 'item-table', {
      tableName: this.resourceName('sfn-dynamodb-items'),
      partitionKey: { name: 'id', type: 'S' },
      billingMode: config.billingMode,
    });

    const stateMachineName = this.resourceName('StateMachinetoDDB');
    const workflow = new Workflow(this, 'workflow', {
      stateMachineName,
      definition: sfnDynamodbWorkflow({ name: stateMachineName, region: config.region, table: itemTable, queryLanguage: this.queryLanguage }),
      logging: this.workflowLogging,
    });

    new TerraformOutput(this, 'StateMachineArn', { value: workflow.stateMachine.arn });
    new TerraformOutput(this, 'TableName', { value: itemTable.tableName });
  }
}
