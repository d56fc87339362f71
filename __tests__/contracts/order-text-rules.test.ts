import { CITY_MAX_LENGTH, EVENT_TYPE_MAX_LENGTH, ID_MAX_LENGTH, textLength } from '../../contracts/order-catalog';
import { orderRequestSchema, storedOrderSchema } from '../../lambdas/orders/order';
import { validateSchema } from '../../local/api-gateway/json-schema';
import { orderRequestModel } from '../../stacks/skip-the-line/order-model';
import { notebookOrder } from '../support/orders';

// The gateway's model and put_item apply one rule to every text field, counted in the same unit (code points,
// as JSON Schema draft 4 counts): what one accepts the other accepts, at the limit and one past it.

const EMOJI = '😀'; // one code point, two UTF-16 units
const E_ACUTE = 'e\u0301'; // two code points: e and a combining acute accent
const repeat = (unit: string, codePoints: number) => {
  const per = textLength(unit);
  return unit.repeat(Math.floor(codePoints / per)) + 'x'.repeat(codePoints % per);
};

type Order = ReturnType<typeof notebookOrder>['order'];
interface Case {
  readonly name: string;
  readonly order: Order;
  readonly valid: boolean;
}

const withField = (field: 'accountid' | 'vendorid' | 'city' | 'orderdate', value: string): Order => notebookOrder({ [field]: value }).order;
const withEvent = (value: string): Order => notebookOrder({ eventtype: ['new_order', value] }).order;
const withDetail = (field: 'coffeetype' | 'coffeesize' | 'unitprice', value: string): Order => {
  const order = notebookOrder().order;
  return { ...order, details: { ...order.details, [field]: value } } as Order;
};

const cases: Case[] = [];
for (const [unit, label] of [
  ['x', 'ASCII'],
  [EMOJI, 'astral (emoji)'],
  [E_ACUTE, 'combining marks'],
  ['é', 'Latin-1'],
] as const) {
  cases.push(
    { name: `city: ${CITY_MAX_LENGTH} code points, ${label}`, order: withField('city', repeat(unit, CITY_MAX_LENGTH)), valid: true },
    { name: `city: ${CITY_MAX_LENGTH + 1} code points, ${label}`, order: withField('city', repeat(unit, CITY_MAX_LENGTH + 1)), valid: false },
    { name: `eventtype: ${EVENT_TYPE_MAX_LENGTH} code points, ${label}`, order: withEvent(repeat(unit, EVENT_TYPE_MAX_LENGTH)), valid: true },
    { name: `eventtype: ${EVENT_TYPE_MAX_LENGTH + 1} code points, ${label}`, order: withEvent(repeat(unit, EVENT_TYPE_MAX_LENGTH + 1)), valid: false },
  );
}
for (const field of ['accountid', 'vendorid'] as const) {
  cases.push(
    { name: `${field}: ${ID_MAX_LENGTH} characters`, order: withField(field, 'a_-'.repeat(ID_MAX_LENGTH).slice(0, ID_MAX_LENGTH)), valid: true },
    { name: `${field}: ${ID_MAX_LENGTH + 1} characters`, order: withField(field, 'a'.repeat(ID_MAX_LENGTH + 1)), valid: false },
    { name: `${field}: 1 character`, order: withField(field, 'a'), valid: true },
    { name: `${field}: empty`, order: withField(field, ''), valid: false },
    { name: `${field}: an emoji`, order: withField(field, EMOJI), valid: false },
    { name: `${field}: an accented letter`, order: withField(field, 'é'), valid: false },
  );
}
cases.push(
  { name: 'city: the issue’s 40 emoji', order: withField('city', EMOJI.repeat(40)), valid: true },
  { name: 'city: 1 emoji', order: withField('city', EMOJI), valid: true },
  { name: 'city: empty', order: withField('city', ''), valid: false },
  { name: 'city: a control character', order: withField('city', `Ho${'\u0007'}bart`), valid: false },
  { name: 'orderdate: 6 fraction digits, T and Z', order: withField('orderdate', '2022-04-08T09:55:58.123456Z'), valid: true },
  { name: 'orderdate: 7 fraction digits', order: withField('orderdate', '2022-04-08T09:55:58.1234567Z'), valid: false },
  { name: 'orderdate: a full-width digit', order: withField('orderdate', '2022-04-08 09:55:5８'), valid: false },
  { name: 'unitprice: "4.0"', order: withDetail('unitprice', '4.0'), valid: true },
  { name: 'unitprice: "4.00"', order: withDetail('unitprice', '4.00'), valid: true },
  { name: 'unitprice: "4.000"', order: withDetail('unitprice', '4.000'), valid: false },
  { name: 'unitprice: "4.0" with an emoji', order: withDetail('unitprice', `4.0${EMOJI}`), valid: false },
  { name: 'coffeetype: "Latte" with a trailing space', order: withDetail('coffeetype', 'Latte '), valid: false },
  { name: 'coffeesize: "Medium" with a combining mark', order: withDetail('coffeesize', 'Medium\u0301'), valid: false },
);

describe('one rule per text field, on both sides of the workflow', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, { order, valid }) => {
    const request = { order };
    const gateway = validateSchema(orderRequestModel(), request);
    const putItem = orderRequestSchema.safeParse(request);
    expect({ gateway: gateway.length === 0, putItem: putItem.success }).toStrictEqual({ gateway: valid, putItem: valid });
    if (valid) {
      // put_object reads the stored order back with its own schema: it must agree too.
      const { eventtype: _eventtype, ...stored } = order;
      expect(storedOrderSchema.safeParse(stored).success).toBe(true);
    }
  });

  test('the length unit is the code point: an emoji is 1, e + combining accent is 2', () => {
    expect(textLength(EMOJI)).toBe(1);
    expect(EMOJI).toHaveLength(2);
    expect(textLength(E_ACUTE)).toBe(2);
    expect(textLength('\ud800')).toBe(1);
  });

  test("put_item's message names the limit and the unit", () => {
    const result = orderRequestSchema.safeParse({ order: withField('city', EMOJI.repeat(CITY_MAX_LENGTH + 1)) });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toStrictEqual([
      `order.city: must be at most ${CITY_MAX_LENGTH} characters (counted as Unicode characters, as API Gateway counts them)`,
    ]);
  });
});
