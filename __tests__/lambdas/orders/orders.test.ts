import { compileModel, validateSchema } from '../../../local/api-gateway/json-schema';
import { COFFEE_SIZES } from '../../../contracts/order-catalog';
import { billingPeriod, buildInvoice, compactOrderDate, INVOICE_KEY_PATTERN, invoiceKey } from '../../../lambdas/orders/invoice';
import { formatCents, toCents } from '../../../lambdas/orders/money';
import { normalizeOrder, orderRequestSchema, orderTotal, storedOrderSchema } from '../../../lambdas/orders/order';
import { ValidationError } from '../../../lambdas/shared/errors';
import { orderRequestModel } from '../../../stacks/skip-the-line/order-model';
import { MALFORMED_BODIES, notebookOrder, notebookOrders } from '../../support/orders';

const parse = (order = notebookOrder()) => orderRequestSchema.parse(order).order;

describe('money', () => {
  test.each([
    ['4.0', 400],
    ['4', 400],
    ['4.00', 400],
    ['3.5', 350],
    [4.5, 450],
    [5, 500],
    ['0.1', 10],
  ])('toCents(%p) is %p', (price, cents) => {
    expect(toCents(price)).toBe(cents);
  });

  test.each(['4.000', '-1', 'abc', '', '1e2', NaN, 3.4999999, 1000])('toCents(%p) refuses it', (price) => {
    expect(toCents(price as string | number)).toBeUndefined();
  });

  test('a total is computed in cents, without floating point error', () => {
    // 0.1 + 0.2 style error: 3.5 * 3 is fine in floats, but 4.1 * 3 = 12.299999999999999.
    expect(formatCents((toCents('4.1') as number) * 3)).toBe('12.30');
    expect(orderTotal(normalizeOrder(parse(notebookOrder({}, { coffeesize: 'Large', unitprice: 4.5, quantity: 3 }))))).toBe('13.50');
  });
});

describe('order validation', () => {
  test('the notebook body is valid and is stored in the original shape, price as the menu text', () => {
    expect(normalizeOrder(parse())).toStrictEqual({
      accountid: 'a0',
      vendorid: 'v0',
      orderdate: '2022-04-08 09:55:58.123456',
      city: 'Hobart',
      details: { coffeetype: 'Latte', coffeesize: 'Medium', unitprice: '4.0', quantity: 3 },
    });
  });

  test.each(Object.entries(COFFEE_SIZES))('%s costs %s, given as text or number', (size, price) => {
    const asNumber = normalizeOrder(parse(notebookOrder({}, { coffeesize: size as keyof typeof COFFEE_SIZES, unitprice: Number(price) })));
    expect(asNumber.details.unitprice).toBe(price);
  });

  test('a price that is not the size price is refused, naming the field and the right price', () => {
    expect(() => normalizeOrder(parse(notebookOrder({}, { coffeesize: 'Medium', unitprice: '3.5' })))).toThrow(ValidationError);
    expect(() => normalizeOrder(parse(notebookOrder({}, { coffeesize: 'Medium', unitprice: '3.5' })))).toThrow(/details\.unitprice "3\.5".*Medium.*4\.0/);
  });

  test("an apostrophe, unicode and quotes in a city are fine", () => {
    for (const city of ["O'Connor", 'Mañana "Café" 😀', 'Gold Coast']) {
      expect(normalizeOrder(parse(notebookOrder({ city }))).city).toBe(city);
    }
  });

  test('a date that does not exist is refused', () => {
    expect(orderRequestSchema.safeParse(notebookOrder({ orderdate: '2022-02-30 09:55:58' })).success).toBe(false);
    expect(orderRequestSchema.safeParse(notebookOrder({ orderdate: '2024-02-29T09:55:58Z' })).success).toBe(true);
  });

  test.each(Object.entries(MALFORMED_BODIES))('%s: refused by the API model and by put_item alike', (_name, text) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return; // Not JSON: API Gateway refuses it before any model check; put_item never sees it.
    }
    expect(validateSchema(orderRequestModel(), value)).not.toStrictEqual([]);
    expect(orderRequestSchema.safeParse(value).success).toBe(false);
  });

  test('every notebook order passes the API model and put_item alike', () => {
    for (const order of notebookOrders()) {
      expect(validateSchema(orderRequestModel(), order)).toStrictEqual([]);
      expect(() => normalizeOrder(parse(order))).not.toThrow();
    }
  });

  test('the model only uses what the local gateway checks', () => {
    expect(() => compileModel(orderRequestModel())).not.toThrow();
  });
});

describe('invoice', () => {
  const order = normalizeOrder(parse());

  test('the key has the order’s own zero-padded year and month, the vendor, and the order date', () => {
    expect(invoiceKey(order)).toBe('invoices/2022/04/a0/v0/20220408T095558.123456.json');
    expect(invoiceKey(order)).toMatch(INVOICE_KEY_PATTERN);
    expect(invoiceKey({ ...order, orderdate: '2023-11-30T23:59:59Z' })).toBe('invoices/2023/11/a0/v0/20231130T235959Z.json');
  });

  test("a customer's orders at two vendors, or on two dates, never share a key", () => {
    const keys = new Set([
      invoiceKey(order),
      invoiceKey({ ...order, vendorid: 'v1' }),
      invoiceKey({ ...order, orderdate: '2022-04-08 09:55:58.123457' }),
      invoiceKey({ ...order, accountid: 'a1' }),
    ]);
    expect(keys.size).toBe(4);
  });

  test('the billing period comes from the order date, not the clock', () => {
    expect(billingPeriod('2022-04-08 09:55:58.123456')).toBe('2022-04');
    expect(billingPeriod('1999-12-31 23:59:59')).toBe('1999-12');
    expect(compactOrderDate('2022-04-08 09:55:58')).toBe('20220408T095558');
  });

  test('the invoice document holds the order, its total, billing period and execution', () => {
    const invoice = buildInvoice(order, 'arn:aws:states:us-east-1:1:execution:sm:x');
    expect(invoice).toStrictEqual({ ...order, total: '12.00', billingperiod: '2022-04', executionId: 'arn:aws:states:us-east-1:1:execution:sm:x' });
    expect(storedOrderSchema.safeParse(order).success).toBe(true);
  });
});
