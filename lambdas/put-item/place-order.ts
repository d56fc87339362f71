import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseEvent } from '../shared/errors';
import { awsErrorName, describeError, OrderAlreadyActive, OrderNotStored } from '../orders/errors';
import { normalizeOrder, orderRequestSchema, type StoredOrder } from '../orders/order';

export interface PlaceOrderDeps {
  readonly db: Pick<DynamoDBDocumentClient, 'send'>;
  readonly tableName: string;
}

/** What task_put_item passes on: the order as stored. */
export interface PlaceOrderResult {
  readonly order: StoredOrder;
}

/**
 * Validates the order (nothing is written for an invalid one) and stores it unless the customer already has an
 * active order at this vendor. A retry of the very same order (the same item already there) succeeds again.
 */
export async function placeOrder(deps: PlaceOrderDeps, event: unknown): Promise<PlaceOrderResult> {
  const request = parseEvent(orderRequestSchema, event, 'order');
  const order = normalizeOrder(request.order);
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.tableName,
        Item: order,
        // The key is (accountid, vendorid): one active order per customer and vendor.
        ConditionExpression: 'attribute_not_exists(accountid)',
        // Returns the existing item with the failure, so a retry can be told from a second order without GetItem.
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  } catch (err) {
    if (awsErrorName(err) === 'ConditionalCheckFailedException') {
      const existing = (err as { Item?: Record<string, AttributeValue> }).Item;
      if (existing && isSameOrder(existing, order)) return { order };
      const since = existing?.orderdate?.S ? ` (placed ${existing.orderdate.S})` : '';
      throw new OrderAlreadyActive(
        `Account '${order.accountid}' already has an active order at vendor '${order.vendorid}'${since}. ` +
          `Collect it (DELETE /order?accountid=${order.accountid}&vendorid=${order.vendorid}) before placing a new one. Nothing was changed.`,
      );
    }
    throw new OrderNotStored(`DynamoDB did not store the order of account '${order.accountid}' at vendor '${order.vendorid}' (${describeError(err)}).`);
  }
  return { order };
}

/** A DynamoDB attribute value as the low-level API returns it inside a ConditionalCheckFailedException. */
interface AttributeValue {
  readonly S?: string;
  readonly N?: string;
  readonly M?: Record<string, AttributeValue>;
}

/** True when the stored item (DynamoDB JSON) is this order, i.e. an earlier attempt of the same write. */
export function isSameOrder(item: Record<string, AttributeValue>, order: StoredOrder): boolean {
  const details = item.details?.M;
  return (
    item.orderdate?.S === order.orderdate &&
    item.city?.S === order.city &&
    details?.coffeetype?.S === order.details.coffeetype &&
    details?.coffeesize?.S === order.details.coffeesize &&
    details?.unitprice?.S === order.details.unitprice &&
    details?.quantity?.N === String(order.details.quantity)
  );
}
