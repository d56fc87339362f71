import type { JsonValue } from './list-file';

/** DynamoDB's item size limit: 400 KB. */
export const MAX_ITEM_BYTES = 400 * 1024;
/** DynamoDB allows 32 levels of nested lists and maps. */
export const MAX_NESTING = 32;

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/** A number takes about one byte per two significant digits, plus one (leading and trailing zeros are trimmed). */
function numberSize(value: number): number {
  const digits = String(Math.abs(value))
    .replace(/e.*$/i, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

/**
 * The stored size of a value by DynamoDB's documented rules: strings by UTF-8 length, numbers by significant
 * digits, booleans and null 1 byte, lists and maps 3 bytes plus 1 per element plus their elements (and, for
 * maps, their key names). An upper estimate, so a list it accepts fits.
 */
export function valueSize(value: JsonValue): number {
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number') return numberSize(value);
  if (Array.isArray(value)) return 3 + value.reduce<number>((sum, v) => sum + 1 + valueSize(v), 0);
  return 3 + Object.entries(value).reduce<number>((sum, [k, v]) => sum + 1 + utf8(k) + valueSize(v), 0);
}

/** The size of an item: every attribute's name plus its value. */
export function dynamoItemSize(item: Record<string, JsonValue>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);
}

/** Step Functions refuses a state input or output over 256 KiB (States.DataLimitExceeded). */
export const MAX_STATE_PAYLOAD_BYTES = 256 * 1024;

/** A value as DynamoDB JSON (`{"S": …}`, `{"M": …}`, …): how GetItem hands it to the state machine. */
function typed(value: JsonValue): unknown {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(typed) };
  return { M: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typed(v)])) };
}

/** The bytes of the GetItem result `{"Item": …}` that ReadDDBTable passes on: the inline Map's input. */
export function getItemResultSize(item: Record<string, JsonValue>): number {
  const typedItem = Object.fromEntries(Object.entries(item).map(([k, v]) => [k, typed(v)]));
  return Buffer.byteLength(JSON.stringify({ Item: typedItem }), 'utf8');
}
