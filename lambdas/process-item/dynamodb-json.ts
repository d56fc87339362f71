import { ValidationError } from '../shared/errors';

/** Plain JSON, as the function returns it. */
export type PlainValue = string | number | boolean | null | PlainValue[] | { [key: string]: PlainValue };

const TYPES = ['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS'] as const;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** A double keeps 15 significant decimal digits exactly. */
const SAFE_DIGITS = 15;

function fail(where: string, problem: string): never {
  throw new ValidationError(
    `${where} ${problem}. A DynamoDB-typed value is an object with one key among ${TYPES.join(', ')}, e.g. {"S": "Economics"}.`,
  );
}

/**
 * A DynamoDB number as a JS number, or as its string when a number would lose digits (more than 15 significant
 * digits, or beyond the safe integer range), so that nothing is silently rounded.
 */
function toNumber(text: unknown, where: string): number | string {
  if (typeof text !== 'string' || !NUMBER.test(text)) fail(where, `holds ${JSON.stringify(text)}, which is not a DynamoDB number string`);
  const significant = text.replace(/e.*$/i, '').replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '');
  const value = Number(text);
  if (!Number.isFinite(value) || significant.length > SAFE_DIGITS || (Number.isInteger(value) && !Number.isSafeInteger(value))) return text;
  return value;
}

function strings(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) fail(where, 'must be an array of strings');
  return value as string[];
}

/**
 * Converts a DynamoDB-typed value (as Step Functions returns it from GetItem: `{"S": "x"}`, `{"M": {…}}`, …)
 * to plain JSON. Sets become arrays; binary stays the base64 text it arrives as. Throws a ValidationError that
 * names the first bad place, e.g. `item.M.topic`.
 */
export function fromDynamoDbJson(value: unknown, where = 'item'): PlainValue {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(where, `is ${JSON.stringify(value)}, not a DynamoDB-typed value`);
  const keys = Object.keys(value);
  const type = keys[0] as (typeof TYPES)[number];
  if (keys.length !== 1 || !TYPES.includes(type)) fail(where, `has the key(s) ${JSON.stringify(keys)}`);
  const inner = (value as Record<string, unknown>)[type];
  const at = `${where}.${type}`;
  switch (type) {
    case 'S':
    case 'B':
      if (typeof inner !== 'string') fail(at, 'must be a string');
      return inner as string;
    case 'N':
      return toNumber(inner, at);
    case 'BOOL':
      if (typeof inner !== 'boolean') fail(at, 'must be true or false');
      return inner as boolean;
    case 'NULL':
      if (inner !== true) fail(at, 'must be true');
      return null;
    case 'L':
      if (!Array.isArray(inner)) fail(at, 'must be an array');
      return (inner as unknown[]).map((v, i) => fromDynamoDbJson(v, `${at}[${i}]`));
    case 'M':
      if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) fail(at, 'must be an object');
      return Object.fromEntries(Object.entries(inner as object).map(([k, v]) => [k, fromDynamoDbJson(v, `${at}.${k}`)]));
    case 'SS':
    case 'BS':
      return strings(inner, at);
    case 'NS':
      return strings(inner, at).map((n, i) => toNumber(n, `${at}[${i}]`));
  }
}
