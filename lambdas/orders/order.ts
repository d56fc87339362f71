import { z } from 'zod';
import { ValidationError } from '../shared/errors';
import {
  breaksTextRule,
  COFFEE_SIZE_NAMES,
  COFFEE_SIZES,
  COFFEE_TYPES,
  EVENT_TYPE_MAX_ITEMS,
  ID_MAX_LENGTH,
  PRICE_MAX,
  QUANTITY_MAX,
  QUANTITY_MIN,
  TEXT_RULES,
  type CoffeeSize,
  type CoffeeType,
  type TextRule,
} from '../../contracts/order-catalog';
import { formatCents, toCents } from './money';

/**
 * The order as the API accepts it and the table stores it. The API's request model (stacks/skip-the-line/
 * order-model.ts) checks the same shape at the gateway; this schema is the authority inside the workflow, where
 * an execution may also be started without the API.
 */

/**
 * A text field under its catalog rule (the rule the API's model states), counted in code points as the gateway
 * counts. `patternMessage` says what the pattern wants.
 */
function text(rule: TextRule, patternMessage?: string) {
  return z.string({ required_error: 'is required', invalid_type_error: 'must be a string' }).superRefine((value, ctx) => {
    const broken = breaksTextRule(rule, value);
    if (broken === undefined) return;
    const message =
      broken === 'short'
        ? rule.minLength === 1
          ? 'must not be empty'
          : `must be at least ${rule.minLength} characters`
        : broken === 'long'
          ? `must be at most ${rule.maxLength} characters (counted as Unicode characters, as API Gateway counts them)`
          : (patternMessage ?? `must match ${rule.pattern}`);
    ctx.addIssue({ code: z.ZodIssueCode.custom, message, fatal: true });
  });
}

const id = (field: string) =>
  text(TEXT_RULES.id, `must be 1-${ID_MAX_LENGTH} letters, digits, '-' or '_' (the ${field} is part of the invoice key and the execution name)`);

const orderDate = text(TEXT_RULES.orderdate, "must look like '2022-04-08 09:55:58.123456' (date, time, optional fraction)").refine(
  isCalendarDate,
  'is not a date that exists (check the day of the month)',
);

const city = text(TEXT_RULES.city, 'must not contain control characters');

const price = z.union([text(TEXT_RULES.unitprice), z.number().min(0).max(PRICE_MAX)], {
  errorMap: () => ({ message: 'must be a price such as "4.0" or 4.0 (at most two decimals)' }),
});

export const orderDetailsSchema = z
  .object({
    coffeetype: z.enum(COFFEE_TYPES as unknown as [CoffeeType, ...CoffeeType[]], {
      errorMap: () => ({ message: `must be one of ${COFFEE_TYPES.join(', ')}` }),
    }),
    coffeesize: z.enum(COFFEE_SIZE_NAMES, { errorMap: () => ({ message: `must be one of ${COFFEE_SIZE_NAMES.join(', ')}` }) }),
    unitprice: price,
    quantity: z
      .number({ required_error: 'is required', invalid_type_error: 'must be a whole number' })
      .int('must be a whole number')
      .min(QUANTITY_MIN, `must be at least ${QUANTITY_MIN}`)
      .max(QUANTITY_MAX, `must be at most ${QUANTITY_MAX}`),
  })
  .strict();

export const orderSchema = z
  .object({
    accountid: id('accountid'),
    vendorid: id('vendorid'),
    orderdate: orderDate,
    city,
    details: orderDetailsSchema,
    eventtype: z.array(text(TEXT_RULES.eventtype)).max(EVENT_TYPE_MAX_ITEMS, `must have at most ${EVENT_TYPE_MAX_ITEMS} entries`).optional(),
  })
  .strict();

/** The request body of POST /order and the execution input: `{"order": {...}}`. */
export const orderRequestSchema = z.object({ order: orderSchema }).strict();

export type OrderInput = z.infer<typeof orderSchema>;
export type OrderRequest = z.infer<typeof orderRequestSchema>;

/** The item in the orders table: the original's shape, the unit price as the menu's decimal text. */
export interface StoredOrder {
  readonly accountid: string;
  readonly vendorid: string;
  readonly orderdate: string;
  readonly city: string;
  readonly details: {
    readonly coffeetype: CoffeeType;
    readonly coffeesize: CoffeeSize;
    readonly unitprice: string;
    readonly quantity: number;
  };
}

/** A stored order, as put_object and get_item read it back. */
export const storedOrderSchema = z
  .object({
    accountid: id('accountid'),
    vendorid: id('vendorid'),
    orderdate: orderDate,
    city,
    details: z
      .object({
        coffeetype: z.enum(COFFEE_TYPES as unknown as [CoffeeType, ...CoffeeType[]]),
        coffeesize: z.enum(COFFEE_SIZE_NAMES),
        unitprice: text(TEXT_RULES.unitprice),
        quantity: z.number().int().min(QUANTITY_MIN).max(QUANTITY_MAX),
      })
      .strict(),
  })
  .strict();

/**
 * Checks what a schema cannot (the price must be the menu's price for the size) and returns the order as it is
 * stored. Throws a ValidationError naming the field.
 */
export function normalizeOrder(order: OrderInput): StoredOrder {
  const { coffeesize, coffeetype, unitprice, quantity } = order.details;
  const listPrice = COFFEE_SIZES[coffeesize];
  if (toCents(unitprice) !== toCents(listPrice)) {
    throw new ValidationError(
      `Invalid order: details.unitprice ${JSON.stringify(unitprice)} is not the price of a ${coffeesize} coffee (${listPrice}). Send "${listPrice}".`,
    );
  }
  return {
    accountid: order.accountid,
    vendorid: order.vendorid,
    orderdate: order.orderdate,
    city: order.city,
    details: { coffeetype, coffeesize, unitprice: listPrice, quantity },
  };
}

/** The order's total as decimal text, computed in cents ("4.5" × 3 → "13.50"). */
export function orderTotal(order: StoredOrder): string {
  const cents = toCents(order.details.unitprice);
  if (cents === undefined) throw new ValidationError(`Invalid order: unit price ${JSON.stringify(order.details.unitprice)} is not a price.`);
  return formatCents(cents * order.details.quantity);
}

/** True when the date part of an order date names a day that exists (no 30 February). */
function isCalendarDate(orderdate: string): boolean {
  const [year, month, day] = orderdate.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
