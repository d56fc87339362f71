import { MAX_EXECUTION_NAME_LENGTH } from '../../contracts/execution-names';
import {
  ID_MAX_LENGTH,
  LONGEST_ORDER_DATE,
  ORDER_DATE_IN_NAME_MAX_LENGTH,
  ORDER_DATE_PATTERN,
  orderDateInName,
  orderExecutionName,
} from '../../contracts/order-catalog';
import { renderTemplate } from '../../local/api-gateway/vtl';
import { randomGenerator } from '../../scripts/order-client/orders';
import { START_EXECUTION_REQUEST_TEMPLATE } from '../../stacks/skip-the-line/templates';
import { notebookOrder, notebookOrders } from '../support/orders';

// The execution name of an order must tell every two different orders apart (else the second gets a misleading
// 409), give the same order the same name (a retried POST is idempotent), and fit in 80 characters uncut.

interface Identity {
  readonly accountid: string;
  readonly vendorid: string;
  readonly orderdate: string;
}

const EXECUTION_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const identityKey = (o: Identity) => JSON.stringify([o.accountid, o.vendorid, o.orderdate]);

/** Reads a name back into its parts: the proof that the encoding is injective. */
function decode(name: string): { date: string; accountid: string; vendorid: string } {
  const match = /^([0-9TZ]+)_(\d{2})(.+)$/.exec(name);
  if (!match) throw new Error(`${name} is not an order execution name`);
  const length = Number(match[2]);
  return { date: match[1], accountid: match[3].slice(0, length), vendorid: match[3].slice(length) };
}

/** Every shape ORDER_DATE_PATTERN admits for one instant: ' ' or 'T', no fraction or 1-6 digits, 'Z' or not. */
function dateShapes(day = '2022-04-08', time = '09:55:58', fraction = '123456'): string[] {
  const shapes: string[] = [];
  for (const separator of [' ', 'T']) {
    for (let digits = 0; digits <= 6; digits++) {
      for (const zone of ['', 'Z']) shapes.push(`${day}${separator}${time}${digits === 0 ? '' : `.${fraction.slice(0, digits)}`}${zone}`);
    }
  }
  return shapes;
}

/** Expects no two different identities to share a name; answers how many names were checked. */
function expectInjective(orders: Iterable<Identity>): number {
  const seen = new Map<string, string>();
  for (const order of orders) {
    const name = orderExecutionName(order);
    const key = identityKey(order);
    const earlier = seen.get(name);
    if (earlier !== undefined && earlier !== key) throw new Error(`${earlier} and ${key} share the execution name ${name}`);
    seen.set(name, key);
  }
  return seen.size;
}

describe('the limits follow from the 80 characters', () => {
  test(`ids may have ${ID_MAX_LENGTH} characters: (80 - 22 - 1 - 2) / 2 rounded down`, () => {
    expect(ORDER_DATE_IN_NAME_MAX_LENGTH).toBe(22);
    expect(ID_MAX_LENGTH).toBe(27);
  });

  test('the longest valid order gets a name within 80 characters; one more character in both ids would not fit', () => {
    const longest = { accountid: 'a'.repeat(ID_MAX_LENGTH), vendorid: 'v'.repeat(ID_MAX_LENGTH), orderdate: LONGEST_ORDER_DATE };
    const name = orderExecutionName(longest);
    expect(name.length).toBeLessThanOrEqual(MAX_EXECUTION_NAME_LENGTH);
    expect(name).toMatch(EXECUTION_NAME);
    expect(orderExecutionName({ ...longest, accountid: `${longest.accountid}a`, vendorid: `${longest.vendorid}v` }).length).toBeGreaterThan(MAX_EXECUTION_NAME_LENGTH);
  });

  test('LONGEST_ORDER_DATE is the longest shape the date pattern admits', () => {
    const shapes = dateShapes();
    for (const date of shapes) {
      expect(date).toMatch(new RegExp(ORDER_DATE_PATTERN));
      expect(orderDateInName(date).length).toBeLessThanOrEqual(ORDER_DATE_IN_NAME_MAX_LENGTH);
    }
    expect(shapes).toContain(LONGEST_ORDER_DATE);
  });
});

describe('names are injective and stable', () => {
  test('the README and notebook orders', () => {
    expect(orderExecutionName(notebookOrder().order)).toBe('20220408095558123456_02a0v0');
    expect(notebookOrders().map((o) => orderExecutionName(o.order))).toStrictEqual([0, 1, 2, 3, 4].map((i) => `2022040809555812345${i}_02a${i}v${i}`));
    expect(orderExecutionName(notebookOrder().order)).toBe(orderExecutionName(notebookOrder().order));
  });

  test("the issue's collisions: (a_b, c) and (a, b_c); one account at two vendors; ' ', 'T' and 'Z' dates", () => {
    const orderdate = '2022-04-08 09:55:58.123456';
    const account = 'x'.repeat(ID_MAX_LENGTH);
    const orders: Identity[] = [
      { accountid: 'a_b', vendorid: 'c', orderdate },
      { accountid: 'a', vendorid: 'b_c', orderdate },
      { accountid: account, vendorid: 'v1', orderdate },
      { accountid: account, vendorid: 'v2', orderdate },
      ...dateShapes().map((date) => ({ accountid: 'a0', vendorid: 'v0', orderdate: date })),
    ];
    expect(expectInjective(orders)).toBe(orders.length);
  });

  test('every pair of ids over a small alphabet with _ and -, at every date shape (exhaustive)', () => {
    const alphabet = ['1', '_', '-'];
    const ids = [''];
    for (let length = 1; length <= 3; length++) {
      for (const id of ids.filter((i) => i.length === length - 1)) for (const c of alphabet) ids.push(id + c);
    }
    const usable = ids.filter((id) => id.length > 0);
    const dates = dateShapes('2022-04-08', '09:55:01', '101010');
    function* orders(): Generator<Identity> {
      for (const orderdate of dates) for (const accountid of usable) for (const vendorid of usable) yield { accountid, vendorid, orderdate };
    }
    expect(expectInjective(orders())).toBe(dates.length * usable.length * usable.length);
  });

  test('20,000 random orders with ids of 1-27 characters: all names differ, fit, and decode to their order', () => {
    const random = randomGenerator(11);
    const alphabet = 'ab09AZ____----';
    const id = () => Array.from({ length: 1 + Math.floor(random() * ID_MAX_LENGTH) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const shapes = dateShapes();
    const orders: Identity[] = Array.from({ length: 20_000 }, () => ({
      accountid: id(),
      vendorid: id(),
      orderdate: shapes[Math.floor(random() * shapes.length)],
    }));
    const distinct = new Set(orders.map(identityKey)).size;
    expect(expectInjective(orders)).toBe(distinct);
    const wrong = orders.filter((order) => {
      const name = orderExecutionName(order);
      const parts = decode(name);
      return !EXECUTION_NAME.test(name) || parts.date !== orderDateInName(order.orderdate) || parts.accountid !== order.accountid || parts.vendorid !== order.vendorid;
    });
    expect(wrong).toStrictEqual([]);
  });

  test('the date part decodes to one date: every shape of an instant gives a different part', () => {
    const parts = dateShapes().map(orderDateInName);
    expect(new Set(parts).size).toBe(parts.length);
  });
});

describe("POST /order's mapping template builds the same name", () => {
  const context = { requestId: 'r', httpMethod: 'POST', resourcePath: '/order', stage: 'prod' };
  const rendered = (order: Identity) => {
    const body = JSON.stringify(notebookOrder(order));
    const { output } = renderTemplate(START_EXECUTION_REQUEST_TEMPLATE, { body }, context, { stateMachineArn: 'arn:aws:states:us-east-1:1:stateMachine:s' });
    return (JSON.parse(output) as { name: string }).name;
  };

  test('for every account id length, and for ids with _ and -', () => {
    for (let length = 1; length <= ID_MAX_LENGTH; length++) {
      const order = { accountid: 'a_-'.repeat(length).slice(0, length), vendorid: `v-${length}_`, orderdate: LONGEST_ORDER_DATE };
      expect(rendered(order)).toBe(orderExecutionName(order));
    }
  });

  test('for 200 random orders of every date shape', () => {
    const random = randomGenerator(5);
    const shapes = dateShapes();
    for (let i = 0; i < 200; i++) {
      const id = (prefix: string) => `${prefix}${'_-x9'.repeat(8).slice(0, Math.floor(random() * (ID_MAX_LENGTH - 1)))}`;
      const order = { accountid: id('a'), vendorid: id('v'), orderdate: shapes[i % shapes.length] };
      expect(rendered(order)).toBe(orderExecutionName(order));
    }
  });
});
