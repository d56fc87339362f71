import * as path from 'node:path';
import { App, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Code, Function, Runtime } from 'aws-cdk-lib/aws-lambda';
import { DefinitionBody, Map, Pass, StateMachine, Wait, WaitTime } from 'aws-cdk-lib/aws-stepfunctions';
import { DynamoAttributeValue, DynamoGetItem, LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';

/**
 * The bench's anchor (scripts/lib/bench/cdk-anchor.ts): an AWS CDK app of the parallel-map seed's shape, synthesized
 * in the same run as this project's four stacks. A table holding one item with the list, a function from an asset
 * folder, and a state machine that reads the item and runs a Map (Pass, Wait, Lambda invoke) over its list, with the
 * seed's settings (config.json's ddb and stepfunc). Never deployed; compiled to JS by the bench, not by the project's tsc:
 * aws-cdk-lib's types would add ~3 s of CPU and ~375 MiB to npm test's type check. Check it on its own with
 * `npx tsc --noEmit -p bench/cdk-anchor/tsconfig.json` (~5 s).
 */
class AnchorStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const table = new Table(this, 'StepFunctionsProjectDDBTable', {
      tableName: 'StepFunctionsProjectDDBTable',
      partitionKey: { name: 'mapstatelist', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const fn = new Function(this, 'ProcessItem', {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromAsset(path.join(__dirname, 'handler')),
      timeout: Duration.seconds(10),
    });

    const readList = new DynamoGetItem(this, 'ReadDDBTable', {
      table,
      key: { mapstatelist: DynamoAttributeValue.fromString('mapitems') },
      consistentRead: false,
      outputPath: '$.Item.values.L',
    });
    const map = new Map(this, 'MapState', { maxConcurrency: 1 });
    map.itemProcessor(
      new Pass(this, 'MapPassState')
        .next(new Wait(this, 'WaitInMap', { time: WaitTime.duration(Duration.seconds(2)) }))
        .next(new LambdaInvoke(this, 'LambdaInvoke', { lambdaFunction: fn })),
    );
    const machine = new StateMachine(this, 'TestStateMachine', {
      definitionBody: DefinitionBody.fromChainable(readList.next(map)),
      timeout: Duration.seconds(20),
      comment: 'Step Functions using CDK',
    });

    new CfnOutput(this, 'StateMachineArn', { value: machine.stateMachineArn });
    new CfnOutput(this, 'StateMachineName', { value: machine.stateMachineName });
  }
}

// A fixed account and region: nothing to look up, so the CLI and the app stay offline.
const app = new App();
new AnchorStack(app, 'StpfncStack', { env: { account: '123456789012', region: 'us-east-1' } });
app.synth();
