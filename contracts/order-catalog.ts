import { EXECUTION_NAME_CHARACTERS, MAX_EXECUTION_NAME_LENGTH } from './execution-names';

/**
 * What a Skip the Line order may contain: the menu, the limits, the patterns of ids and dates, and the order's
 * execution name. One source for the put_item Lambda's validation (its zod schema, lambdas/orders/order.ts), the
 * API's request model and mapping template (stacks/skip-the-line/) and the order client, so they agree. Pure data
 * and pure functions; imports only contracts.
 */

/** Sizes and their unit prices (AUD), as the original notebook sends them. */
export const COFFEE_SIZES = {
  Small: '3.5',
  Medium: '4.0',
  Large: '4.5',
  'x-Large': '5.0',
} as const;
export type CoffeeSize = keyof typeof COFFEE_SIZES;
export const COFFEE_SIZE_NAMES = Object.keys(COFFEE_SIZES) as [CoffeeSize, ...CoffeeSize[]];

export const COFFEE_TYPES = ['Short Black', 'Flat White', 'Latte', 'Long Black'] as const;
export type CoffeeType = (typeof COFFEE_TYPES)[number];

/** The cities the notebook picks from. Any city name is accepted; these are the client's sample data. */
export const SAMPLE_CITIES = [
  'Adelaide',
  'Brisbane',
  'Canberra',
  'Darwin',
  'Geelong',
  'Gold Coast',
  'Hobart',
  'Melbourne',
  'Perth',
  'Sydney',
  'Wollongong',
] as const;

export const QUANTITY_MIN = 1;
export const QUANTITY_MAX = 10;

/**
 * The order date as the notebook writes it (Python's `str(datetime.now())`, `2022-04-08 09:55:58.123456`), or
 * with a 'T' and an optional 'Z'. The fraction has up to 6 digits and may be left out.
 */
export const ORDER_DATE_PATTERN =
  '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])[ T]([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,6})?Z?$';
/** The longest form ORDER_DATE_PATTERN admits: 'T', six fraction digits and 'Z'. */
export const LONGEST_ORDER_DATE = '2022-04-08T09:55:58.123456Z';

/**
 * The execution name of an order (POST /order's mapping template builds the same; a test renders it) is an
 * injective encoding of the order's identity (account, vendor, order date), so two different orders never share
 * a name and the same order always gets the same one (a retried POST is idempotent):
 *
 *   <order date, only [0-9TZ] kept> '_' <account id length, 2 digits> <account id> <vendor id>
 *
 * It decodes: the date part holds no '_', the length says where the account id ends, the vendor id is the rest.
 * Keeping 'T' and 'Z' keeps `2022-04-08 09:55:58`, `2022-04-08T09:55:58` and `…58Z` apart. Nothing is ever cut:
 * the ids are bounded instead, so that the longest order still fits Step Functions' 80 characters
 * (MAX_EXECUTION_NAME_LENGTH, contracts/execution-names.ts).
 */
/** The characters of the order date the name drops (a regular expression in Java's and JavaScript's syntax). */
export const ORDER_DATE_DROPPED_IN_NAME = '[^0-9TZ]';
/** The account id's length is written with this many digits. */
export const ID_LENGTH_DIGITS = 2;

export function orderDateInName(orderdate: string): string {
  return orderdate.replace(new RegExp(ORDER_DATE_DROPPED_IN_NAME, 'g'), '');
}

/** 22: `20220408T095558123456Z`. */
export const ORDER_DATE_IN_NAME_MAX_LENGTH = orderDateInName(LONGEST_ORDER_DATE).length;

/**
 * Account and vendor ids: 1-27 ASCII letters, digits, '-' and '_' (the characters of an execution name). They are
 * parts of the invoice key and of the execution name, where '/' or spaces would collide or be refused; 27 is what
 * the name leaves for each: (80 - 22 date - 1 '_' - 2 length digits) / 2, rounded down.
 */
export const ID_MAX_LENGTH = Math.floor((MAX_EXECUTION_NAME_LENGTH - ORDER_DATE_IN_NAME_MAX_LENGTH - 1 - ID_LENGTH_DIGITS) / 2);
export const ID_PATTERN = `^[${EXECUTION_NAME_CHARACTERS}]{1,${ID_MAX_LENGTH}}$`;

/** `2022-04-08 09:55:58.123456`, a0, v0 → `20220408095558123456_02a0v0`. */
export function orderExecutionName(order: { readonly accountid: string; readonly vendorid: string; readonly orderdate: string }): string {
  const accountLength = String(order.accountid.length).padStart(ID_LENGTH_DIGITS, '0');
  return `${orderDateInName(order.orderdate)}_${accountLength}${order.accountid}${order.vendorid}`;
}

/** City names: free text (O'Connor, Gold Coast, Mañana) without control characters. */
export const CITY_MAX_LENGTH = 64;
export const CITY_PATTERN = '^[^\\u0000-\\u001F\\u007F]+$';

/** A price as text: whole units with up to two decimals (`4`, `4.0`, `4.50`). */
export const PRICE_TEXT_PATTERN = '^\\d{1,3}(\\.\\d{1,2})?$';
export const PRICE_MAX = 999;

/** The notebook's `eventtype` list (`["new_order"]`): accepted and bounded, not stored. */
export const EVENT_TYPE_MAX_ITEMS = 5;
export const EVENT_TYPE_MAX_LENGTH = 32;

/**
 * The length of a text as the order rules count it: in Unicode code points, so "😀" is 1 and "é" written as
 * e + U+0301 is 2. API Gateway validates the request model with JSON Schema draft 4, whose minLength and
 * maxLength count "characters as defined by RFC 4627", i.e. code points (its validator, the Java
 * json-schema-validator whose messages API Gateway returns, counts `codePointCount`). JavaScript's `length`
 * counts UTF-16 units (2 for "😀"), so put_item must not use it: an order the gateway accepted (202) would then
 * be refused inside the workflow.
 */
export function textLength(text: string): number {
  let count = 0;
  for (const _codePoint of text) count++;
  return count;
}

/**
 * The rule of one text field, in JSON Schema draft 4 keywords. The API's request model states it as it is and
 * put_item applies it with `textLength`, so the two refuse the same texts. Patterns use ASCII classes or a
 * negated class with `+`, which match the same strings whether a regex engine steps by code point or by UTF-16
 * unit.
 */
export interface TextRule {
  readonly minLength?: number;
  readonly maxLength?: number;
  /** An ECMA 262 regular expression. */
  readonly pattern?: string;
}

/** The rules of every text field of an order, by field. */
export const TEXT_RULES = {
  id: { pattern: ID_PATTERN },
  orderdate: { pattern: ORDER_DATE_PATTERN },
  city: { minLength: 1, maxLength: CITY_MAX_LENGTH, pattern: CITY_PATTERN },
  unitprice: { pattern: PRICE_TEXT_PATTERN },
  eventtype: { maxLength: EVENT_TYPE_MAX_LENGTH },
} as const satisfies Record<string, TextRule>;

/** What is wrong with `text` under `rule`: 'short', 'long', 'pattern', or undefined when it follows the rule. */
export function breaksTextRule(rule: TextRule, text: string): 'short' | 'long' | 'pattern' | undefined {
  const length = textLength(text);
  if (rule.minLength !== undefined && length < rule.minLength) return 'short';
  if (rule.maxLength !== undefined && length > rule.maxLength) return 'long';
  if (rule.pattern !== undefined && !new RegExp(rule.pattern, 'u').test(text)) return 'pattern';
  return undefined;
}
