/**
 * What dynalite leaves out of DynamoDB's answers and the stacks' functions rely on, added where dynalite decides.
 *
 * `ReturnValuesOnConditionCheckFailure: ALL_OLD` (PutItem, UpdateItem, DeleteItem): when a condition fails,
 * DynamoDB returns the item that is there in the ConditionalCheckFailedException's `Item`
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html#DDB-DeleteItem-request-ReturnValuesOnConditionCheckFailure).
 * dynalite drops the parameter as unknown when it validates the request; it is declared on the three write actions'
 * request types (with DynamoDB's allowed values), and every write action asks `db.checkConditional`, so the item is
 * added to the error there.
 */

interface DynaliteValidation {
  types: Record<string, { type: string; enum?: string[] }>;
}

interface DynaliteDb {
  checkConditional(data: Record<string, unknown>, existingItem: unknown): (Error & { body?: Record<string, unknown> }) | undefined;
  __returnsItemOnConditionFailure?: true;
}

export function addConditionFailureItems(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const db = require('dynalite/db') as DynaliteDb;
  if (db.__returnsItemOnConditionFailure) return;
  const checkConditional = db.checkConditional.bind(db);
  for (const action of ['putItem', 'updateItem', 'deleteItem']) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const validation = require(`dynalite/validations/${action}`) as DynaliteValidation;
    validation.types.ReturnValuesOnConditionCheckFailure = { type: 'String', enum: ['ALL_OLD', 'NONE'] };
  }
  db.checkConditional = (data, existingItem) => {
    const failure = checkConditional(data, existingItem);
    if (failure?.body && existingItem && data.ReturnValuesOnConditionCheckFailure === 'ALL_OLD') failure.body.Item = existingItem;
    return failure;
  };
  db.__returnsItemOnConditionFailure = true;
}
