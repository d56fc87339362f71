import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, NumberValueImpl as NumberValue, type NativeAttributeValue } from '@aws-sdk/util-dynamodb';
import { isLosslessNumber } from 'lossless-json';
import { AWS_LIMITS } from './aws-limits';
import { toDynamoDbNumber } from './dynamodb-number';
import { InvalidListError, type ListValue } from './list-file';

/** The list as DynamoDB stores it: the item `{<keyName>: <keyValue>, values: [...]}` in DynamoDB JSON. */
export type DynamoDbItem = Record<string, AttributeValue>;

/**
 * A list value as `marshall` takes it, numbers as `NumberValue` with their exact text in DynamoDB's notation.
 * Throws an InvalidListError naming the item, the place in it and the rule for anything DynamoDB refuses.
 */
function toNative(value: ListValue, where: string, depth: number): NativeAttributeValue {
  if (depth > AWS_LIMITS.dynamoDbNesting.value) {
    throw new InvalidListError(`${where} is nested more than ${AWS_LIMITS.dynamoDbNesting.value} levels deep, DynamoDB's limit. Flatten the item.`);
  }
  if (isLosslessNumber(value) || typeof value === 'number') {
    const text = String(value);
    const number = toDynamoDbNumber(text);
    if ('problem' in number) {
      throw new InvalidListError(`${where} is the number ${text}, which ${number.problem} (${AWS_LIMITS.dynamoDbNumberDigits.source}). Write it as a string ("${text}") to keep it exactly.`);
    }
    return NumberValue.from(number.text);
  }
  if (Array.isArray(value)) return value.map((v, i) => toNative(v, `${where}[${i}]`, depth + 1));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => {
      if (k.length === 0) throw new InvalidListError(`${where} has an empty key; DynamoDB map keys must not be empty.`);
      return [k, toNative(v, `${where}.${k}`, depth + 1)] as const;
    });
    return Object.fromEntries(entries);
  }
  return value;
}

/** The DynamoDB item that holds the list, checked value by value (`item 3.price`, …) against DynamoDB's rules. */
export function listItem(keyName: string, keyValue: string, items: readonly ListValue[], file: string): DynamoDbItem {
  const values = items.map((item, i) => toNative(item, `${file}: item ${i}`, 1));
  return marshall({ [keyName]: keyValue, values }, { convertEmptyValues: false, removeUndefinedValues: false });
}

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * The stored size of a value by DynamoDB's documented rules: strings by UTF-8 length; numbers 1 byte per two
 * significant digits plus 1 (leading and trailing zeros trimmed); booleans and null 1 byte; lists and maps
 * 3 bytes plus 1 per element plus their elements (and, for maps, their key names).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 */
export function attributeSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return Math.ceil(value.N.replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '').length / 2) + 1;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.L !== undefined) return 3 + value.L.reduce((sum, v) => sum + 1 + attributeSize(v), 0);
  if (value.M !== undefined) return 3 + Object.entries(value.M).reduce((sum, [k, v]) => sum + 1 + utf8(k) + attributeSize(v), 0);
  throw new Error(`attributeSize: the loader writes only S, N, BOOL, NULL, L and M values, not ${Object.keys(value).join(', ')}`);
}

/** The size of an item: every attribute's name plus its value. */
export function itemSize(item: DynamoDbItem): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + attributeSize(value), 0);
}
