import { setTimeout as sleep } from 'node:timers/promises';
import { invoiceKey } from '../../lambdas/orders/invoice';
import { toCents } from '../../lambdas/orders/money';
import type { OrderRequest } from '../../lambdas/orders/order';
import type { OrderApiClient } from './api-client';

/**
 * Follows one order the client placed, from POST to its invoice, and tells whether the order now active for the
 * customer and vendor is the one this client placed. Only such an order is the client's to collect: a POST can
 * be answered 202 and its execution then refuse the order (an earlier order is active), and the active order is
 * then someone else's.
 */

export type Outcome = 'invoiced' | 'refused' | 'rejected' | 'not stored' | 'no invoice';

export interface Followed {
  readonly outcome: Outcome;
  /** True when the stored order is the one sent and the invoice was written by the execution the POST started. */
  readonly own: boolean;
}

/** Polls until `check` gives a value or the time is up. */
export async function waitFor<T>(seconds: number, check: () => Promise<T | undefined>): Promise<T | undefined> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const value = await check();
    if (value !== undefined || Date.now() >= until) return value;
    await sleep(1000);
  }
}

/** True when `stored` (GET /order's answer) is the order that was sent, its price as the menu's text. */
export function isSameOrder(sent: OrderRequest['order'], stored: unknown): boolean {
  const item = stored as Partial<OrderRequest['order']> | undefined;
  const details = item?.details;
  return (
    item?.accountid === sent.accountid &&
    item.vendorid === sent.vendorid &&
    item.orderdate === sent.orderdate &&
    item.city === sent.city &&
    details?.coffeetype === sent.details.coffeetype &&
    details.coffeesize === sent.details.coffeesize &&
    details.quantity === sent.details.quantity &&
    details.unitprice !== undefined &&
    toCents(details.unitprice) === toCents(sent.details.unitprice)
  );
}

/** Places one order and follows it until its invoice is there; `log` gets one line per step. */
export async function followOrder(client: OrderApiClient, request: OrderRequest, waitSeconds: number, log: (line: string) => void): Promise<Followed> {
  const { accountid, vendorid } = request.order;
  const who = `${accountid}@${vendorid}`;
  const posted = await client.placeOrder(request);
  if (posted.status !== 202) {
    log(`  ${who}: refused, ${posted.status} ${JSON.stringify(posted.body)}`);
    return { outcome: 'refused', own: false };
  }
  const executionArn = (posted.body as { executionArn?: string }).executionArn;
  log(`  ${who}: accepted, ${executionArn}`);
  const stored = await waitFor(waitSeconds, async () => {
    const answer = await client.getOrder(accountid, vendorid);
    return answer.status === 200 ? answer.body : undefined;
  });
  if (stored === undefined) {
    log(`  ${who}: not stored after ${waitSeconds} s; the failure notice on the topic says why.`);
    return { outcome: 'not stored', own: false };
  }
  if (!isSameOrder(request.order, stored)) {
    const since = (stored as { orderdate?: unknown }).orderdate;
    log(`  ${who}: rejected, another order (${String(since)}) is active for this customer and vendor; collect it first, then order again.`);
    return { outcome: 'rejected', own: false };
  }
  const key = invoiceKey(request.order);
  const link = await waitFor(waitSeconds, async () => {
    const answer = await client.invoiceUrl(key);
    return answer.status === 200 ? (answer.body as { url: string }).url : undefined;
  });
  if (link === undefined) {
    log(`  ${who}: stored, but no invoice ${key} after ${waitSeconds} s.`);
    return { outcome: 'no invoice', own: false };
  }
  // The invoice names the execution that wrote it: the proof that this client's execution placed the order.
  const invoice = (await (await fetch(link)).json().catch(() => undefined)) as { executionId?: unknown } | undefined;
  if (invoice?.executionId !== executionArn) {
    log(`  ${who}: rejected, the invoice ${key} was written by ${String(invoice?.executionId)}, not by this order's execution.`);
    return { outcome: 'rejected', own: false };
  }
  log(`  ${who}: invoiced, ${key}\n      ${link}`);
  return { outcome: 'invoiced', own: true };
}
