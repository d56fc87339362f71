import { DynamoAttribute, DynamoDB, stringAttributeAt, type TableRef } from '../integrations/dynamodb';
import { Intrinsic, JsonPath } from '../json-path';
import { StateMachineDefinition } from '../state-machine';
import { Choice } from '../states/choice';
import { Condition } from '../states/condition';
import { Fail } from '../states/terminal';

export interface SfnDynamodbWorkflowProps {
  readonly name: string;
  /** The Region it is deployed to (config `region`): its partition goes into the Resource ARNs. */
  readonly region: string;
  readonly table: TableRef;
}

/**
 * The `sfn-dynamodb` workflow: `SendToDDB` puts `{id, description}`, `ReadFromDDb` reads it back (strongly consistent) and returns
 * the item. An input without a non-empty string `id` is refused before anything is written.
 */
export function sfnDynamodbWorkflow({ name, region, table }: SfnDynamodbWorkflowProps): StateMachineDefinition {
  const invalidInput = new Fail('InvalidInput', {
    error: 'InvalidInput',
    cause: 'The execution input must be a JSON object with a non-empty string "id", e.g. {"id": "12345"}. Nothing was written.',
  });
  const requestFailed = new Fail('DynamoDBRequestFailed', { errorPath: '$.error.Error', causePath: '$.error.Cause' });

  const sendToDdb = DynamoDB.putItem('SendToDDB', {
    table,
    item: {
      id: stringAttributeAt('$.id'),
      description: DynamoAttribute.string(Intrinsic.format('Hello, my id is {}.', JsonPath.stringAt('$.id'))),
    },
    resultPath: '$.output_from_ddb_put',
  }).addCatch(requestFailed);

  const readFromDdb = DynamoDB.getItem('ReadFromDDb', {
    table,
    key: { id: stringAttributeAt('$.id') },
    // Read-after-write: an eventually consistent read may miss the item just written.
    consistentRead: true,
    resultPath: '$.output_from_ddb_get',
    outputPath: '$.output_from_ddb_get.Item',
  }).addCatch(requestFailed);

  // Rules are tried in order, so the type checks only see an `id` that is present.
  const validateInput = new Choice('ValidateInput', { comment: 'Refuse an input without a non-empty string id' })
    .when(Condition.isNotPresent('$.id'), invalidInput)
    .when(Condition.isNotString('$.id'), invalidInput)
    .when(Condition.stringEquals('$.id', ''), invalidInput)
    .otherwise(sendToDdb);
  sendToDdb.next(readFromDdb);

  return new StateMachineDefinition({ name, region, startWith: validateInput, timeoutSeconds: 300 });
}
