/**
 * The names of the errors the functions throw on purpose. A Lambda error's `name` is the error Step Functions
 * sees, so the workflows Retry and Catch by these names (definitions/workflows), and the functions' error classes
 * take their `name` from here (lambdas/shared/errors.ts, lambdas/orders/errors.ts). Imports nothing.
 */

/** A bad event or execution input: the caller must change it. */
export const VALIDATION_ERROR = 'ValidationError';
/** The function is deployed without something it needs (an environment variable). */
export const CONFIGURATION_ERROR = 'ConfigurationError';
/** The customer already has an active order at this vendor. */
export const ORDER_ALREADY_ACTIVE = 'OrderAlreadyActive';
/** DynamoDB did not take the order for a reason other than a duplicate (throttling, an outage): retried. */
export const ORDER_NOT_STORED = 'OrderNotStored';
/** S3 did not take the invoice: retried, then the order is withdrawn. */
export const INVOICE_NOT_STORED = 'InvoiceNotStored';
