import { INVOICE_NOT_STORED, ORDER_NOT_STORED } from '../../contracts/error-names';
import { DYNAMODB_CONDITION_FAILED, DynamoDB, stringAttributeAt } from '../integrations/dynamodb';
import { Lambda } from '../integrations/lambda';
import { Sns } from '../integrations/sns';
import { Intrinsic, JsonPath } from '../json-path';
import { StateMachineDefinition } from '../state-machine';
import { Pass } from '../states/pass';
import { Fail, Succeed } from '../states/terminal';
import { skipTheLineJsonata } from './skip-the-line-jsonata';
import {
  COMMENTS,
  NOTICES,
  ORDER_NOT_WITHDRAWN,
  ORDER_NOT_WITHDRAWN_CAUSE,
  outcome,
  RETRY_STORAGE,
  SKIP_THE_LINE_TIMEOUT_SECONDS,
  type SkipTheLineWorkflowProps,
} from './skip-the-line-shared';

export { FAILED_ORDER_DATA, ORDER_NOT_WITHDRAWN, SKIP_THE_LINE_TIMEOUT_SECONDS, type SkipTheLineWorkflowProps } from './skip-the-line-shared';

/**
 * The `skip-the-line` workflow. `task_put_item` stores the order, `task_put_object` writes its invoice, and the topic hears about it.
 * An order is placed once it is stored and invoiced; the notice only reports it.
 *
 *   task_put_item → task_put_object → notify_order_placed → Job Succeeded  (a notice that cannot be sent: still
 *        │               │                                                  Job Succeeded, output `noticeNotSent`)
 *        │               └→ task_delete_item (withdraw) → order_withdrawn ───────┐
 *        │                        ├ condition failed → order_already_gone ───────┤
 *        │                        └ failed → order_not_withdrawn ────────────────┤
 *        └→ order_not_stored ────────────────────────────────────────────────────┴→ notify_order_failed → Job Failed
 *
 * Each Pass on the failure side records what happened to the data (`$.outcome`), so the one failure notice
 * says it; `Job Failed` fails the execution with `$.error`, also when the notice itself cannot be sent. The
 * success path has no extra state: the failure side pays for the bookkeeping.
 *
 * The original's Choice `task_put_item_choice` (on a magic "FAILED" string) is gone: put_item throws named errors
 * (ValidationError, OrderAlreadyActive, OrderNotStored) that Retry and Catch act on.
 */
export function skipTheLineWorkflow(props: SkipTheLineWorkflowProps): StateMachineDefinition {
  return props.queryLanguage === 'JSONata' ? skipTheLineJsonata(props) : jsonPathWorkflow(props);
}

function jsonPathWorkflow(props: SkipTheLineWorkflowProps): StateMachineDefinition {
  const jobFailed = new Fail('Job Failed', {
    comment: COMMENTS.jobFailed,
    errorPath: '$.error.Error',
    causePath: '$.error.Cause',
  });

  const notifyFailure = Sns.publish('notify_order_failed', {
    topic: props.topic,
    subject: NOTICES.failedSubject,
    message: {
      status: 'ORDER_FAILED',
      data: JsonPath.stringAt('$.outcome.data'),
      message: JsonPath.stringAt('$.outcome.message'),
      executionId: JsonPath.executionId,
      error: JsonPath.at('$.error'),
      request: JsonPath.at('$$.Execution.Input'),
    },
    resultPath: null,
  })
    // A failed notification must not hide the order's own error: keep $.error and fail with it.
    .addCatch(jobFailed, { resultPath: '$.notificationError' });
  notifyFailure.next(jobFailed);

  // put_item's Catch replaces the state (ResultPath '$'): the execution input may be an array, a string, a number
  // or null, and a ResultPath such as '$.error' cannot be applied to those (States.ResultPathMatchFailure, which
  // the failing Catch cannot catch). This Pass builds the object the failure side works on.
  // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html
  // https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html (States.ResultPathMatchFailure, States.Runtime)
  const orderNotStored = new Pass('order_not_stored', {
    comment: 'put_item failed: nothing was written',
    parameters: { error: JsonPath.at('$'), outcome: outcome('NOTHING_STORED') },
  });
  orderNotStored.next(notifyFailure);

  const orderWithdrawn = new Pass('order_withdrawn', { result: outcome('ORDER_WITHDRAWN'), resultPath: '$.outcome' });
  orderWithdrawn.next(notifyFailure);
  const orderAlreadyGone = new Pass('order_already_gone', {
    comment: 'The withdrawal found another order, or none, under the key: not an error, nothing was removed',
    result: outcome('ORDER_ALREADY_GONE'),
    resultPath: '$.outcome',
  });
  orderAlreadyGone.next(notifyFailure);
  const orderNotWithdrawn = new Pass('order_not_withdrawn', {
    comment: 'The order is stored without an invoice: fail with an error of its own that carries both errors',
    parameters: {
      order: JsonPath.at('$.order'),
      error: {
        Error: ORDER_NOT_WITHDRAWN,
        Cause: Intrinsic.format(
          ORDER_NOT_WITHDRAWN_CAUSE,
          JsonPath.stringAt('$.order.accountid'),
          JsonPath.stringAt('$.order.vendorid'),
          JsonPath.stringAt('$.order.orderdate'),
          JsonPath.stringAt('$.error.Error'),
          JsonPath.stringAt('$.error.Cause'),
          JsonPath.stringAt('$.withdrawalError.Error'),
          JsonPath.stringAt('$.withdrawalError.Cause'),
          JsonPath.stringAt('$.order.accountid'),
          JsonPath.stringAt('$.order.vendorid'),
        ),
        invoiceError: JsonPath.at('$.error'),
        withdrawalError: JsonPath.at('$.withdrawalError'),
      },
      outcome: outcome('ORDER_STORED_WITHOUT_INVOICE'),
    },
  });
  orderNotWithdrawn.next(notifyFailure);

  const withdrawOrder = DynamoDB.deleteItem('task_delete_item', {
    comment: COMMENTS.deleteItem,
    table: props.table,
    key: { accountid: stringAttributeAt('$.order.accountid'), vendorid: stringAttributeAt('$.order.vendorid') },
    // Only this order: not a newer one placed after this one was collected.
    conditionExpression: 'orderdate = :orderdate',
    expressionAttributeValues: { ':orderdate': stringAttributeAt('$.order.orderdate') },
    resultPath: null,
  })
    // The withdrawal's condition failed: the stored item is no longer this order.
    .addCatch(orderAlreadyGone, { errors: [DYNAMODB_CONDITION_FAILED], resultPath: '$.withdrawalError' })
    .addCatch(orderNotWithdrawn, { resultPath: '$.withdrawalError' });
  withdrawOrder.next(orderWithdrawn);

  const putItem = Lambda.invoke('task_put_item', {
    comment: COMMENTS.putItem,
    function: props.putItemFunction,
    // The execution input, read from the context object: a path applied to a null input fails with States.Runtime
    // ("attempting to apply InputPath or OutputPath on a null JSON payload"), which no Catch or States.ALL
    // retrier can catch. This is the first state, so it is the same value as '$'.
    payload: JsonPath.at('$$.Execution.Input'),
    outputPath: '$.Payload',
  })
    .addRetry({ errors: [ORDER_NOT_STORED], ...RETRY_STORAGE })
    .addCatch(orderNotStored, { resultPath: '$' });

  const putObject = Lambda.invoke('task_put_object', {
    comment: COMMENTS.putObject,
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

  const jobSucceeded = new Succeed('Job Succeeded');
  const notifySuccess = Sns.publish('notify_order_placed', {
    topic: props.topic,
    subject: NOTICES.placedSubject,
    message: {
      status: 'ORDER_PLACED',
      message: NOTICES.placedMessage,
      executionId: JsonPath.executionId,
      order: JsonPath.at('$.order'),
      invoice: JsonPath.at('$.invoice'),
    },
    resultPath: null,
  })
    // The order is placed (stored and invoiced) whether or not the notice goes out: the execution succeeds and
    // its output says why there was no notice; the TaskFailed event is in the execution's error log.
    .addCatch(jobSucceeded, { resultPath: '$.noticeNotSent' });

  putItem.next(putObject).next(notifySuccess).next(jobSucceeded);

  return new StateMachineDefinition({
    name: props.name,
    region: props.region,
    comment: COMMENTS.machine,
    startWith: putItem,
    timeoutSeconds: SKIP_THE_LINE_TIMEOUT_SECONDS,
  });
}
