import type { TableRef } from '../integrations/dynamodb';
import type { FunctionRef } from '../integrations/lambda';
import type { TopicRef } from '../integrations/sns';
import type { QueryLanguage } from '../states/state';

/** What both renderings of the `skip-the-line` workflow share: its resources, texts, retries and limits. */

export interface SkipTheLineWorkflowProps {
  readonly name: string;
  /** The Region it is deployed to (config `region`): its partition goes into the Resource ARNs. */
  readonly region: string;
  /** The orders table (for withdrawing an order whose invoice could not be written). */
  readonly table: TableRef;
  /** `put_item`: validates and stores the order, or fails with ValidationError / OrderAlreadyActive. */
  readonly putItemFunction: FunctionRef;
  /** `put_object`: writes the invoice, or fails with InvoiceNotStored. */
  readonly putObjectFunction: FunctionRef;
  /** Gets one message per placed order and one per failed order. */
  readonly topic: TopicRef;
  /** The language the definition is written in (config `queryLanguage`). @default 'JSONPath' (the rebuild's original definition) */
  readonly queryLanguage?: QueryLanguage;
}

/** How the errors the order functions throw for conditions that may pass (contracts/error-names.ts) are retried. */
export const RETRY_STORAGE = { intervalSeconds: 2, maxAttempts: 3, backoffRate: 2, jitterStrategy: 'FULL' } as const;

/** The execution's error when an order is left stored without an invoice. */
export const ORDER_NOT_WITHDRAWN = 'OrderNotWithdrawn';

/**
 * Its cause; each `{}` takes, in order: account, vendor, order date, the invoice's error and cause, the withdrawal's
 * error and cause, account, vendor.
 */
export const ORDER_NOT_WITHDRAWN_CAUSE =
  "The invoice of account {}'s order at vendor {} ({}) was not written ({}: {}), and withdrawing the order failed too ({}: {}), " +
  'so the order is stored without an invoice. Collect it (DELETE /order?accountid={}&vendorid={}) or write its invoice.';

/** What a failure notice says happened to the data (its `data` field); README, "What an order ends as". */
export const FAILED_ORDER_DATA = {
  NOTHING_STORED: 'The order was not placed: nothing was stored and no invoice was written.',
  ORDER_WITHDRAWN: 'The invoice could not be written, so the order was withdrawn: nothing of it is stored.',
  ORDER_ALREADY_GONE:
    'The invoice could not be written, and the order was no longer stored (collected or replaced by a newer order, which was left alone), so there was nothing to withdraw.',
  ORDER_STORED_WITHOUT_INVOICE:
    'The invoice could not be written and the order could not be withdrawn: it is stored without an invoice until an operator collects it or writes its invoice.',
} as const;

/** The `outcome` the failure side carries to the notice: the key of FAILED_ORDER_DATA and its sentence. */
export const outcome = (data: keyof typeof FAILED_ORDER_DATA) => ({ data, message: FAILED_ORDER_DATA[data] });

export const SKIP_THE_LINE_TIMEOUT_SECONDS = 300;

/** The notices' fixed parts. */
export const NOTICES = {
  failedSubject: 'Skip the Line: order failed',
  placedSubject: 'Skip the Line: order placed',
  placedMessage: 'The order is stored and its invoice written.',
} as const;

/** The states' and the state machine's comments. */
export const COMMENTS = {
  machine: 'Skip the Line: store the order, write its invoice, notify the topic either way',
  jobFailed: 'Fails the execution with the error that stopped the order',
  putItem: 'Validates and stores the order: one active order per customer and vendor',
  putObject: "Writes the order's invoice to S3",
  deleteItem: 'Withdraws the order whose invoice could not be written, so the customer may order again',
} as const;
