import type { OrderRequest } from '../../lambdas/orders/order';

/** The example body of the original Skip the Line client notebook. */
export function notebookOrder(overrides: Partial<OrderRequest['order']> = {}, details: Partial<OrderRequest['order']['details']> = {}): OrderRequest {
  return {
    order: {
      accountid: 'a0',
      orderdate: '2022-04-08 09:55:58.123456',
      vendorid: 'v0',
      city: 'Hobart',
      details: { coffeetype: 'Latte', coffeesize: 'Medium', unitprice: '4.0', quantity: 3, ...details },
      eventtype: ['new_order'],
      ...overrides,
    },
  };
}

/** The notebook's five orders (a0..a4 at v0..v4), one per size and a few cities. */
export function notebookOrders(): OrderRequest[] {
  const rows: [string, OrderRequest['order']['details']][] = [
    ['Hobart', { coffeetype: 'Latte', coffeesize: 'Medium', unitprice: '4.0', quantity: 3 }],
    ['Sydney', { coffeetype: 'Flat White', coffeesize: 'Small', unitprice: '3.5', quantity: 1 }],
    ['Gold Coast', { coffeetype: 'Long Black', coffeesize: 'Large', unitprice: '4.5', quantity: 10 }],
    ['Perth', { coffeetype: 'Short Black', coffeesize: 'x-Large', unitprice: '5.0', quantity: 2 }],
    ['Wollongong', { coffeetype: 'Latte', coffeesize: 'Medium', unitprice: '4.0', quantity: 7 }],
  ];
  return rows.map(([city, details], i) => ({
    order: { accountid: `a${i}`, orderdate: `2022-04-08 09:55:58.12345${i}`, vendorid: `v${i}`, city, details, eventtype: ['new_order'] },
  }));
}

const body = (value: unknown) => JSON.stringify(value);
const withOrder = (change: (order: Record<string, unknown>) => void): string => {
  const request = JSON.parse(JSON.stringify(notebookOrder())) as { order: Record<string, unknown> };
  change(request.order);
  return body(request);
};
const withDetails = (change: (details: Record<string, unknown>) => void): string =>
  withOrder((order) => change(order.details as Record<string, unknown>));
/**
 * The notebook body with a key written into the JSON text before `before` (a key such as `__proto__` cannot be
 * added to an object literal: it would set the prototype, and JSON.stringify would leave it out).
 */
const withRawKey = (before: string, key: string, value: string): string =>
  body(notebookOrder()).replace(`"${before}":`, `${JSON.stringify(key)}:${value},"${before}":`);

/** Bodies the API's model refuses (400) and put_item would refuse too; none of them may write anything. */
export const MALFORMED_BODIES: Record<string, string> = {
  'not JSON': '{"order": {"accountid": "a0",',
  'a JSON array': '[1, 2, 3]',
  'no order': body({ accountid: 'a0' }),
  'missing vendorid': withOrder((o) => delete o.vendorid),
  'missing details': withOrder((o) => delete o.details),
  'missing quantity': withDetails((d) => delete d.quantity),
  'accountid is a number': withOrder((o) => (o.accountid = 42)),
  'quantity is a string': withDetails((d) => (d.quantity = '3')),
  'quantity 0': withDetails((d) => (d.quantity = 0)),
  'quantity 11': withDetails((d) => (d.quantity = 11)),
  'quantity 2.5': withDetails((d) => (d.quantity = 2.5)),
  'unknown size': withDetails((d) => (d.coffeesize = 'Huge')),
  'unknown coffee': withDetails((d) => (d.coffeetype = 'Frappuccino')),
  'price with three decimals': withDetails((d) => (d.unitprice = '4.000')),
  'huge city': withOrder((o) => (o.city = 'x'.repeat(100_000))),
  'huge accountid': withOrder((o) => (o.accountid = 'a'.repeat(65))),
  'accountid with a slash': withOrder((o) => (o.accountid = 'a/0')),
  'bad order date': withOrder((o) => (o.orderdate = '08/04/2022')),
  'month 13': withOrder((o) => (o.orderdate = '2022-13-08 09:55:58')),
  'unexpected field': withOrder((o) => (o.discount = '100%')),
  'too many event types': withOrder((o) => (o.eventtype = ['a', 'b', 'c', 'd', 'e', 'f'])),
  'empty city': withOrder((o) => (o.city = '')),
  // Names that plain objects inherit (JSON.parse makes them own keys): unknown keys like any other.
  '__proto__ beside order': withRawKey('order', '__proto__', '{"x": 1}'),
  '__proto__ in the order': withRawKey('accountid', '__proto__', '{"accountid": "a1"}'),
  '__proto__ null in details': withRawKey('coffeetype', '__proto__', 'null'),
  'constructor in the order': withRawKey('accountid', 'constructor', '"x"'),
  'toString in details': withRawKey('coffeetype', 'toString', '"x"'),
};
