import { INVOICE_PREFIX } from '../../contracts/invoices';
import { ID_MAX_LENGTH } from '../../contracts/order-catalog';
import { orderTotal, type StoredOrder } from './order';

/**
 * Where an order's invoice lives and what it holds. Pure, so that the client, put_object and get_object agree.
 *
 * The key is `invoices/<YYYY>/<MM>/<accountid>/<vendorid>/<orderdate>.json`, with the order's own year and
 * zero-padded month and the order date without separators (`20220408T095558.123456`). A customer's orders at
 * different vendors, or on different dates, never share a key; the only order with the same key is the same
 * order (one active order per customer and vendor, told apart by its date), so a retried write replaces the
 * invoice with the same content.
 */

/** The key shape get_object accepts; anything else is refused before S3 is asked. */
export const INVOICE_KEY_PATTERN = new RegExp(
  `^${INVOICE_PREFIX}\\d{4}/(0[1-9]|1[0-2])/[A-Za-z0-9_-]{1,${ID_MAX_LENGTH}}/[A-Za-z0-9_-]{1,${ID_MAX_LENGTH}}/\\d{8}T\\d{6}(\\.\\d{1,6})?Z?\\.json$`,
);

/** `2022-04-08 09:55:58.123456` → `2022-04`: the month the order was placed in, from the order itself. */
export function billingPeriod(orderdate: string): string {
  const match = /^(\d{4})-(\d{2})-/.exec(orderdate);
  if (!match) throw new Error(`billingPeriod: '${orderdate}' does not start with YYYY-MM-; validate the order first.`);
  return `${match[1]}-${match[2]}`;
}

/** `2022-04-08 09:55:58.123456` → `20220408T095558.123456`. */
export function compactOrderDate(orderdate: string): string {
  return orderdate.replace(' ', 'T').replace(/[-:]/g, '');
}

export function invoiceKey(order: Pick<StoredOrder, 'accountid' | 'vendorid' | 'orderdate'>): string {
  const [year, month] = billingPeriod(order.orderdate).split('-');
  return `${INVOICE_PREFIX}${year}/${month}/${order.accountid}/${order.vendorid}/${compactOrderDate(order.orderdate)}.json`;
}

/** The invoice document: the order, its total and billing period, and the execution that wrote it. */
export interface Invoice extends StoredOrder {
  readonly total: string;
  readonly billingperiod: string;
  readonly executionId: string;
}

export function buildInvoice(order: StoredOrder, executionId: string): Invoice {
  return { ...order, total: orderTotal(order), billingperiod: billingPeriod(order.orderdate), executionId };
}
