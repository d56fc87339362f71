import { DynamoDB, stringAttributeAt, type TableRef } from '../integrations/dynamodb';
import { Lambda, type FunctionRef } from '../integrations/lambda';
import { Sns, type TopicRef } from '../integrations/sns';
import { JsonPath } from '../json-path';
import { StateMachineDefinition } from '../state-machine';
import { Fail, Succeed } from '../states/terminal';

export interface SkipTheLineWorkflowProps {
  readonly name: string;
  /** The orders table (for withdrawing an order whose invoice could not be written). */
  readonly table: TableRef;
  /** `put_item`: validates and stores the order, or fails with ValidationError / OrderAlreadyActive. */
  readonly putItemFunction: FunctionRef;
  /** `put_object`: writes the invoice, or fails with InvoiceNotStored. */
  readonly putObjectFunction: FunctionRef;
  /** Gets one message per placed order and one per failed order. */
  readonly topic: TopicRef;
}

/** The errors the order functions throw for conditions that may pass (lambdas/orders/errors.ts). */
const ORDER_NOT_STORED = 'OrderNotStored';
const INVOICE_NOT_STORED = 'InvoiceNotStored';
const RETRY_STORAGE = { intervalSeconds: 2, maxAttempts: 3, backoffRate: 2, jitterStrategy: 'FULL' } as const;

export const SKIP_THE_LINE_TIMEOUT_SECONDS = 300;

/**
 * SPEC §3. `task_put_item` stores the order, `task_put_object` writes its invoice, and the topic hears about it:
 *
 *   task_put_item → task_put_object → notify_order_placed → Job Succeeded
 *        │ (any error, after retries)    │ (any error, after retries)
 *        │                               └→ task_delete_item (withdraw this order) ─┐
 *        └──────────────────────────────────────────────────────────────────────────┴→ notify_order_failed → Job Failed
 *
 * The original's Choice `task_put_item_choice` (on a magic "FAILED" string) is gone: put_item throws named errors
 * (ValidationError, OrderAlreadyActive, OrderNotStored) that Retry and Catch act on. `Job Failed` fails the
 * execution with the error that caused it.
 */
export function skipTheLineWorkflow(props: SkipTheLineWorkflowProps): StateMachineDefinition {
  const jobFailed = new Fail('Job Failed', {
    comment: 'Fails the execution with the error that stopped the order',
    errorPath: '$.error.Error',
    causePath: '$.error.Cause',
  });

  const notifyFailure = Sns.publish('notify_order_failed', {
    topic: props.topic,
    subject: 'Skip the Line: order failed',
    message: {
      status: 'ORDER_FAILED',
      message: 'The order was not placed (or was withdrawn because its invoice could not be written). See error.',
      executionId: JsonPath.executionId,
      error: JsonPath.at('$.error'),
      request: JsonPath.at('$$.Execution.Input'),
    },
    resultPath: null,
  })
    // A failed notification must not hide the order's own error: keep $.error and fail with it.
    .addCatch(jobFailed, { resultPath: '$.notificationError' });
  notifyFailure.next(jobFailed);

  const withdrawOrder = DynamoDB.deleteItem('task_delete_item', {
    comment: 'Withdraws the order whose invoice could not be written, so the customer may order again',
    table: props.table,
    key: { accountid: stringAttributeAt('$.order.accountid'), vendorid: stringAttributeAt('$.order.vendorid') },
    // Only this order: not a newer one placed after this one was collected.
    conditionExpression: 'orderdate = :orderdate',
    expressionAttributeValues: { ':orderdate': stringAttributeAt('$.order.orderdate') },
    resultPath: null,
  }).addCatch(notifyFailure, { resultPath: '$.withdrawError' });
  withdrawOrder.next(notifyFailure);

  const putItem = Lambda.invoke('task_put_item', {
    comment: 'Validates and stores the order: one active order per customer and vendor',
    function: props.putItemFunction,
    outputPath: '$.Payload',
  })
    .addRetry({ errors: [ORDER_NOT_STORED], ...RETRY_STORAGE })
    .addCatch(notifyFailure);

  const putObject = Lambda.invoke('task_put_object', {
    comment: "Writes the order's invoice to S3",
    function: props.putObjectFunction,
    payload: { order: JsonPath.at('$.order'), executionId: JsonPath.executionId },
    resultSelector: {
      objectKey: JsonPath.stringAt('$.Payload.objectKey'),
      billingperiod: JsonPath.stringAt('$.Payload.billingperiod'),
      total: JsonPath.stringAt('$.Payload.total'),
    },
    resultPath: '$.invoice',
  })
    .addRetry({ errors: [INVOICE_NOT_STORED], ...RETRY_STORAGE })
    .addCatch(withdrawOrder);

  const notifySuccess = Sns.publish('notify_order_placed', {
    topic: props.topic,
    subject: 'Skip the Line: order placed',
    message: {
      status: 'ORDER_PLACED',
      message: 'The order is stored and its invoice written.',
      executionId: JsonPath.executionId,
      order: JsonPath.at('$.order'),
      invoice: JsonPath.at('$.invoice'),
    },
    resultPath: null,
  });

  putItem.next(putObject).next(notifySuccess).next(new Succeed('Job Succeeded'));

  return new StateMachineDefinition({
    name: props.name,
    comment: 'Skip the Line: store the order, write its invoice, notify the topic either way',
    startWith: putItem,
    timeoutSeconds: SKIP_THE_LINE_TIMEOUT_SECONDS,
  });
}
