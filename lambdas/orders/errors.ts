import { INVOICE_NOT_STORED, ORDER_ALREADY_ACTIVE, ORDER_NOT_STORED } from '../../contracts/error-names';
import { FunctionError } from '../shared/errors';

/**
 * The errors the order functions throw. A Lambda error's `name` is the error Step Functions sees, so the
 * workflow retries and catches them by these names (contracts/error-names.ts, which the workflow reads too).
 */

/** The customer already has an active order at this vendor; collect it (DELETE /order) before ordering again. */
export class OrderAlreadyActive extends FunctionError {
  override readonly name = ORDER_ALREADY_ACTIVE;
}

/** DynamoDB did not take the order for a reason other than a duplicate (throttling, an outage): retried. */
export class OrderNotStored extends FunctionError {
  override readonly name = ORDER_NOT_STORED;
}

/** S3 did not take the invoice: retried, then the execution fails and the order is withdrawn. */
export class InvoiceNotStored extends FunctionError {
  override readonly name = INVOICE_NOT_STORED;
}

/** The name of an AWS SDK error (`ConditionalCheckFailedException`), or undefined for other values. */
export function awsErrorName(err: unknown): string | undefined {
  return err instanceof Error ? err.name : undefined;
}

/** A short description of an unknown thrown value for a message. */
export function describeError(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
