import { INVOICE_NOT_STORED, ORDER_NOT_STORED } from '../../contracts/error-names';
import { DYNAMODB_CONDITION_FAILED, DynamoAttribute, DynamoDB } from '../integrations/dynamodb';
import { Lambda } from '../integrations/lambda';
import { Sns } from '../integrations/sns';
import { jsonata, JsonataExpression, states } from '../jsonata';
import { StateMachineDefinition } from '../state-machine';
import { Fail, Succeed } from '../states/terminal';
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

/** `$merge([$states.input, {…}])`: the state input with `fields` set (added last, or replaced in place), as a JSONPath ResultPath `$.<field>` does. */
function inputWith(fields: Record<string, JsonataExpression | object>): JsonataExpression {
  const entries = Object.entries(fields).map(([key, value]) => `${JSON.stringify(key)}: ${value instanceof JsonataExpression ? value : JSON.stringify(value)}`);
  return jsonata(`$merge([$states.input, {${entries.join(', ')}}])`);
}

/** ORDER_NOT_WITHDRAWN_CAUSE with its `{}` filled by `values`, as JSONata string concatenation. */
function causeOf(values: readonly JsonataExpression[]): JsonataExpression {
  const texts = ORDER_NOT_WITHDRAWN_CAUSE.split('{}');
  if (texts.length !== values.length + 1) throw new Error(`ORDER_NOT_WITHDRAWN_CAUSE has ${texts.length - 1} placeholders for ${values.length} values.`);
  return jsonata(texts.flatMap((text, i) => [JSON.stringify(text), ...(i < values.length ? [`$string(${values[i]})`] : [])]).join(' & '));
}

/**
 * The `skip-the-line` workflow in JSONata: the same Tasks, retries and catchers, and what users see (the execution's
 * status, output and error, the table, the invoices, the notices) is the same. It has four states fewer: the
 * JSONPath rendering's Pass states `order_not_stored`, `order_withdrawn`, `order_already_gone` and
 * `order_not_withdrawn` only build the failure side's data, which here the catchers' and `task_delete_item`'s
 * `Output` build, so every failure path is one transition shorter.
 *
 *   task_put_item → task_put_object → notify_order_placed → Job Succeeded
 *        │               └→ task_delete_item ──(withdrawn | already gone | not withdrawn)──┐
 *        └──────────────────────────────────────────(not stored)────────────────────────────┴→ notify_order_failed → Job Failed
 */
export function skipTheLineJsonata(props: SkipTheLineWorkflowProps): StateMachineDefinition {
  const input = states.input;
  const error = states.errorOutput;
  const order = input.at('order');

  const jobFailed = new Fail('Job Failed', { comment: COMMENTS.jobFailed, error: input.at('error.Error'), cause: input.at('error.Cause') });

  const notifyFailure = Sns.publish('notify_order_failed', {
    topic: props.topic,
    subject: NOTICES.failedSubject,
    message: {
      status: 'ORDER_FAILED',
      data: input.at('outcome.data'),
      message: input.at('outcome.message'),
      executionId: states.context.at('Execution.Id'),
      error: input.at('error'),
      request: states.context.at('Execution.Input'),
    },
    output: input,
  })
    // A failed notification must not hide the order's own error: keep `error` and fail with it.
    .addCatch(jobFailed, { output: inputWith({ notificationError: error }) });
  notifyFailure.next(jobFailed);

  const withdrawOrder = DynamoDB.deleteItem('task_delete_item', {
    comment: COMMENTS.deleteItem,
    table: props.table,
    key: { accountid: DynamoAttribute.string(order.at('accountid')), vendorid: DynamoAttribute.string(order.at('vendorid')) },
    // Only this order: not a newer one placed after this one was collected.
    conditionExpression: 'orderdate = :orderdate',
    expressionAttributeValues: { ':orderdate': DynamoAttribute.string(order.at('orderdate')) },
    output: inputWith({ outcome: outcome('ORDER_WITHDRAWN') }),
  })
    // The withdrawal's condition failed: the stored item is no longer this order.
    .addCatch(notifyFailure, { errors: [DYNAMODB_CONDITION_FAILED], output: inputWith({ withdrawalError: error, outcome: outcome('ORDER_ALREADY_GONE') }) })
    // The order is stored without an invoice: fail with an error of its own that carries both errors.
    .addCatch(notifyFailure, {
      output: {
        order,
        error: {
          Error: ORDER_NOT_WITHDRAWN,
          Cause: causeOf([
            order.at('accountid'),
            order.at('vendorid'),
            order.at('orderdate'),
            input.at('error.Error'),
            input.at('error.Cause'),
            error.at('Error'),
            error.at('Cause'),
            order.at('accountid'),
            order.at('vendorid'),
          ]),
          invoiceError: input.at('error'),
          withdrawalError: error,
        },
        outcome: outcome('ORDER_STORED_WITHOUT_INVOICE'),
      },
    });
  withdrawOrder.next(notifyFailure);

  // The first state: $states.input is the execution input, whatever it is (null, an array…): JSONata has no path to fail on.
  const putItem = Lambda.invoke('task_put_item', { comment: COMMENTS.putItem, function: props.putItemFunction, output: states.result.at('Payload') })
    .addRetry({ errors: [ORDER_NOT_STORED], ...RETRY_STORAGE })
    .addCatch(notifyFailure, { output: { error, outcome: outcome('NOTHING_STORED') } });

  const invoice = states.result.at('Payload');
  const putObject = Lambda.invoke('task_put_object', {
    comment: COMMENTS.putObject,
    function: props.putObjectFunction,
    payload: { order, executionId: states.context.at('Execution.Id') },
    output: inputWith({ invoice: jsonata(`{"objectKey": ${invoice.at('objectKey')}, "billingperiod": ${invoice.at('billingperiod')}, "total": ${invoice.at('total')}}`) }),
  })
    .addRetry({ errors: [INVOICE_NOT_STORED], ...RETRY_STORAGE })
    .addCatch(withdrawOrder, { output: inputWith({ error }) });

  const jobSucceeded = new Succeed('Job Succeeded');
  const notifySuccess = Sns.publish('notify_order_placed', {
    topic: props.topic,
    subject: NOTICES.placedSubject,
    message: {
      status: 'ORDER_PLACED',
      message: NOTICES.placedMessage,
      executionId: states.context.at('Execution.Id'),
      order,
      invoice: input.at('invoice'),
    },
    output: input,
  })
    // The order is placed whether or not the notice goes out: the execution succeeds and its output says why there was no notice.
    .addCatch(jobSucceeded, { output: inputWith({ noticeNotSent: error }) });

  putItem.next(putObject).next(notifySuccess).next(jobSucceeded);

  return new StateMachineDefinition({
    name: props.name,
    region: props.region,
    comment: COMMENTS.machine,
    startWith: putItem,
    timeoutSeconds: SKIP_THE_LINE_TIMEOUT_SECONDS,
    queryLanguage: 'JSONata',
  });
}
