import { DynamoAttribute, DynamoDB, stringAttributeAt, type TableRef } from '../integrations/dynamodb';
import { Intrinsic, JsonPath } from '../json-path';
import { jsonata, states } from '../jsonata';
import { StateMachineDefinition } from '../state-machine';
import { Choice } from '../states/choice';
import { Condition } from '../states/condition';
import type { QueryLanguage } from '../states/state';
import { Fail } from '../states/terminal';

export interface SfnDynamodbWorkflowProps {
  readonly name: string;
  /** The Region it is deployed to (config `region`): its partition goes into the Resource ARNs. */
  readonly region: string;
  readonly table: TableRef;
  /** The language the definition is written in (config `queryLanguage`). @default 'JSONPath' (the original's definition) */
  readonly queryLanguage?: QueryLanguage;
}

const INVALID_INPUT_CAUSE = 'The execution input must be a JSON object with a non-empty string "id", e.g. {"id": "12345"}. Nothing was written.';

/**
 * The `sfn-dynamodb` workflow: `SendToDDB` puts `{id, description}`, `ReadFromDDb` reads it back (strongly consistent) and returns
 * the item. An input without a non-empty string `id` is refused before anything is written.
 */
export function sfnDynamodbWorkflow(props: SfnDynamodbWorkflowProps): StateMachineDefinition {
  return props.queryLanguage === 'JSONata' ? jsonataWorkflow(props) : jsonPathWorkflow(props);
}

function jsonPathWorkflow({ name, region, table }: SfnDynamodbWorkflowProps): StateMachineDefinition {
  const invalidInput = new Fail('InvalidInput', { error: 'InvalidInput', cause: INVALID_INPUT_CAUSE });
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

/**
 * The same workflow in JSONata, with the same states: one Choice rule states the whole input rule (an object whose
 * `id` is a non-empty string; `$type` tells an object from an array, whose `.id` JSONata would map over), and
 * `SendToDDB` passes its input on (`Output`) where the JSONPath rendering parks the put's result under
 * `output_from_ddb_put`, which the final OutputPath dropped anyway.
 */
function jsonataWorkflow({ name, region, table }: SfnDynamodbWorkflowProps): StateMachineDefinition {
  const id = states.input.at('id');
  const invalidInput = new Fail('InvalidInput', { error: 'InvalidInput', cause: INVALID_INPUT_CAUSE });
  // A catcher without Output passes the error output ({Error, Cause}) on.
  const requestFailed = new Fail('DynamoDBRequestFailed', { error: states.input.at('Error'), cause: states.input.at('Cause') });

  const sendToDdb = DynamoDB.putItem('SendToDDB', {
    table,
    item: { id: DynamoAttribute.string(id), description: DynamoAttribute.string(jsonata(`'Hello, my id is ' & ${id} & '.'`)) },
    output: states.input,
  }).addCatch(requestFailed);

  const readFromDdb = DynamoDB.getItem('ReadFromDDb', {
    table,
    key: { id: DynamoAttribute.string(id) },
    consistentRead: true,
    output: states.result.at('Item'),
  }).addCatch(requestFailed);

  const validateInput = new Choice('ValidateInput', { comment: 'Refuse an input without a non-empty string id' })
    .when(Condition.jsonata(jsonata(`$type($states.input) = 'object' and $type(${id}) = 'string' and ${id} != ''`)), sendToDdb)
    .otherwise(invalidInput);
  sendToDdb.next(readFromDdb);

  return new StateMachineDefinition({ name, region, startWith: validateInput, timeoutSeconds: 300, queryLanguage: 'JSONata' });
}
