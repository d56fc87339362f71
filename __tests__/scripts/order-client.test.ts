import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { COFFEE_SIZES, COFFEE_TYPES, ID_MAX_LENGTH, SAMPLE_CITIES } from '../../contracts/order-catalog';
import { INVOICE_KEY_PATTERN, invoiceKey } from '../../lambdas/orders/invoice';
import { normalizeOrder, orderRequestSchema } from '../../lambdas/orders/order';
import { validateSchema } from '../../local/api-gateway/json-schema';
import { parseClientOptions, UsageError } from '../../scripts/order-client';
import { regionOfApiUrl } from '../../scripts/order-client/api-client';
import { isSameOrder } from '../../scripts/order-client/follow';
import { formatOrderDate, generateOrders } from '../../scripts/order-client/orders';
import { orderRequestModel } from '../../stacks/skip-the-line/order-model';

describe('the order generator (the notebook’s random orders)', () => {
  const now = new Date(Date.UTC(2022, 3, 8, 9, 55, 58, 123));

  test('N orders from a0@v0 on, each valid for the API model and for put_item', () => {
    const orders = generateOrders({ count: 25, seed: 1, now });
    expect(orders).toHaveLength(25);
    orders.forEach((request, i) => {
      expect(request.order.accountid).toBe(`a${i}`);
      expect(request.order.vendorid).toBe(`v${i}`);
      expect(validateSchema(orderRequestModel(), request)).toStrictEqual([]);
      expect(() => normalizeOrder(orderRequestSchema.parse(request).order)).not.toThrow();
      expect(invoiceKey(request.order)).toMatch(INVOICE_KEY_PATTERN);
    });
  });

  test('values come from the notebook: its cities, coffees, sizes at their prices, 1-10 cups', () => {
    const orders = generateOrders({ count: 200, seed: 42, now }).map((r) => r.order);
    for (const order of orders) {
      expect(SAMPLE_CITIES).toContain(order.city);
      expect(COFFEE_TYPES).toContain(order.details.coffeetype);
      expect(order.details.unitprice).toBe(COFFEE_SIZES[order.details.coffeesize]);
      expect(order.details.quantity).toBeGreaterThanOrEqual(1);
      expect(order.details.quantity).toBeLessThanOrEqual(10);
      expect(order.eventtype).toStrictEqual(['new_order']);
    }
    // Over 200 orders every value shows up, so the generator is not stuck.
    expect(new Set(orders.map((o) => o.details.coffeesize)).size).toBe(4);
    expect(new Set(orders.map((o) => o.details.coffeetype)).size).toBe(4);
    expect(new Set(orders.map((o) => o.city)).size).toBe(SAMPLE_CITIES.length);
    expect(new Set(orders.map((o) => o.details.quantity))).toStrictEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
  });

  test('the same seed gives the same orders; order dates are the notebook format, a microsecond apart', () => {
    expect(generateOrders({ count: 5, seed: 7, now })).toStrictEqual(generateOrders({ count: 5, seed: 7, now }));
    expect(generateOrders({ count: 2, seed: 7, now }).map((r) => r.order.orderdate)).toStrictEqual(['2022-04-08 09:55:58.123000', '2022-04-08 09:55:58.123001']);
    expect(formatOrderDate(new Date(Date.UTC(2022, 0, 1, 0, 0, 0, 999)), 1000)).toBe('2022-01-01 00:00:01.000000');
  });

  test('an id prefix keeps two runs apart; a bad count is refused', () => {
    expect(generateOrders({ count: 1, seed: 1, now, idPrefix: 'run2-' })[0].order).toMatchObject({ accountid: 'run2-a0', vendorid: 'run2-v0' });
    expect(() => generateOrders({ count: 0 })).toThrow(/between 1 and 1000/);
  });
});

describe('the command line', () => {
  const url = 'https://abc123.execute-api.ap-southeast-2.amazonaws.com/prod';

  test('defaults: 5 orders, IAM auth signed for the region of the URL', () => {
    expect(parseClientOptions(['--url', url], {})).toStrictEqual({
      url,
      count: 5,
      auth: 'iam',
      region: 'ap-southeast-2',
      idPrefix: '',
      waitSeconds: 30,
      collect: false,
      dryRun: false,
    });
    expect(regionOfApiUrl(url)).toBe('ap-southeast-2');
  });

  test('the URL and API key may come from the environment', () => {
    expect(parseClientOptions(['--auth', 'api-key'], { ORDER_API_URL: url, ORDER_API_KEY: 'k' })).toMatchObject({ url, auth: 'api-key', apiKey: 'k' });
  });

  test('--help, and mistakes said as what to do', () => {
    expect(parseClientOptions(['--help'])).toBe('help');
    expect(() => parseClientOptions([], {})).toThrow(UsageError);
    expect(() => parseClientOptions([], {})).toThrow(/--url/);
    expect(() => parseClientOptions(['--url', url, '--count', '0'], {})).toThrow(/--count 0 must be a whole number from 1 to 1000/);
    expect(() => parseClientOptions(['--url', url, '--auth', 'api-key'], {})).toThrow(/needs the key/);
    expect(() => parseClientOptions(['--url', url, '--bogus'], {})).toThrow(/^Unknown option '--bogus'\.$/);
  });

  test('--opt=value works like --opt value', () => {
    expect(parseClientOptions([`--url=${url}`, '--count=3'], {})).toMatchObject({ url, count: 3 });
  });

  test(`an id prefix may be as long as the ids' ${ID_MAX_LENGTH} characters allow with the count`, () => {
    const longest = 'p'.repeat(ID_MAX_LENGTH - 'a9'.length);
    expect(parseClientOptions(['--dry-run', '--count', '10', '--id-prefix', longest], {})).toMatchObject({ idPrefix: longest });
    expect(() => parseClientOptions(['--dry-run', '--count', '11', '--id-prefix', longest], {})).toThrow(UsageError);
  });

  const BAD: [string, string[], Record<string, string>?][] = [
    ['a URL that is not one', ['--url', 'notaurl']],
    ['a URL with a path after the stage', ['--url', 'http://127.0.0.1:4010/prod/order']],
    ['a URL that is not http', ['--url', 'ftp://example.com/prod']],
    ['a URL that does not parse', ['--url', 'http://[::1/prod']],
    ['ORDER_API_URL that is not a URL', [], { ORDER_API_URL: 'http//x' }],
    ['a count in exponent notation', ['--dry-run', '--count', '1e3']],
    ['a count in hex', ['--dry-run', '--count', '0x5']],
    ['a count with a space', ['--dry-run', '--count', ' 5']],
    ['an empty count', ['--dry-run', '--count', '']],
    ['a fractional wait', ['--dry-run', '--wait', '1.5']],
    ['a negative seed', ['--dry-run', '--seed', '-1']],
    ['an empty region', ['--url', url, '--region', '']],
    ['a region with an underscore', ['--url', url, '--region', 'us_east_1']],
    ['AWS_REGION that is not a region', ['--url', 'http://127.0.0.1:4010/prod'], { AWS_REGION: 'Sydney' }],
    ['an id prefix that makes ids too long', ['--dry-run', '--id-prefix', 'x'.repeat(40)]],
    ['an id prefix with a slash', ['--dry-run', '--id-prefix', 'a/b']],
    ['an API key with a space', ['--url', url, '--auth', 'api-key', '--api-key', 'a key']],
    ['an API key that is not ASCII', ['--url', url, '--auth', 'api-key', '--api-key', 'clé']],
    ['an option given twice', ['--url', url, '--count', '5', '--count', '6']],
    ['a flag with a value', ['--url', url, '--collect=yes']],
    ['a stray word', ['--url', url, 'orders']],
    ['a missing value', ['--url']],
    ['an auth mode in capitals', ['--url', url, '--auth', 'API-KEY']],
  ];

  test.each(BAD)('%s is a usage error with a sentence that says what to change', (_name, argv, env = {}) => {
    let error: unknown;
    try {
      parseClientOptions(argv, env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^\S.*\.$/s);
  });
});

describe('the order client as a command', () => {
  const cli = (argv: string[]) =>
    spawnSync(path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx'), [path.join(__dirname, '..', '..', 'scripts', 'order-client.ts'), ...argv], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      timeout: 60_000,
    });

  test.each([
    ['--url', 'notaurl'],
    ['--dry-run', '--count', '1e3'],
    ['--dry-run', '--id-prefix', 'x'.repeat(40)],
  ])('npm run orders -- %s %s … exits 2 with a sentence and the pointer to --help, no stack trace', (...argv) => {
    const result = cli(argv);
    expect({ status: result.status, stdout: result.stdout }).toStrictEqual({ status: 2, stdout: '' });
    // One sentence, then the pointer to the help, as every command of the project says a usage error.
    expect(result.stderr).toMatch(/^\S[^\n]*\.\nRun `npm run orders -- --help` for the options\.\n$/);
  });
});

describe('whose order is active (what --collect may collect)', () => {
  const sent = generateOrders({ count: 1, seed: 3, now: new Date(Date.UTC(2022, 3, 8)) })[0].order;
  const { eventtype: _eventtype, ...stored } = sent;

  test('the stored order is the one sent, its price as the menu text', () => {
    expect(isSameOrder(sent, stored)).toBe(true);
    expect(isSameOrder({ ...sent, details: { ...sent.details, unitprice: Number(sent.details.unitprice) } }, stored)).toBe(true);
  });

  test.each([
    ['another order date', { orderdate: '2022-01-01 00:00:00' }],
    ['another city', { city: 'Nowhere' }],
    ['another vendor', { vendorid: 'other' }],
  ])('a stored order with %s is not the one sent', (_name, change) => {
    expect(isSameOrder(sent, { ...stored, ...change })).toBe(false);
  });

  test('nor is another quantity, or an answer that is not an order', () => {
    expect(isSameOrder(sent, { ...stored, details: { ...stored.details, quantity: stored.details.quantity + 1 } })).toBe(false);
    expect(isSameOrder(sent, { message: 'no order' })).toBe(false);
    expect(isSameOrder(sent, undefined)).toBe(false);
  });
});
