import { jsonataText } from './expressions';
import { isObject, type Json, type JsonObject } from './json';

/** Comparison operators of a JSONPath Choice rule, by their suffix, as a reader would write them. */
const COMPARISONS: readonly [suffix: string, symbol: string][] = [
  ['GreaterThanEquals', '>='],
  ['LessThanEquals', '<='],
  ['GreaterThan', '>'],
  ['LessThan', '<'],
  ['Equals', '=='],
  ['Matches', 'matches'],
];

/** Type tests (`IsPresent`, `IsString`, ...) and how they read when true. */
const TYPE_TESTS: Record<string, string> = {
  IsPresent: 'present',
  IsNull: 'null',
  IsString: 'a string',
  IsNumeric: 'numeric',
  IsBoolean: 'a boolean',
  IsTimestamp: 'a timestamp',
};

/**
 * A Choice rule's condition as one readable line: `$.id is not present`, `$.count >= 3`,
 * `not ($.a == "x") and $.b is a string`. A JSONata rule is its Condition's expression, without `{% %}`:
 * `$states.input.total > $limit`.
 */
export function describeCondition(rule: JsonObject): string {
  if ('Condition' in rule) return jsonataText(rule.Condition) ?? JSON.stringify(rule.Condition);
  if (isObject(rule.Not)) return `not (${describeCondition(rule.Not)})`;
  for (const [key, joiner] of [['And', ' and '], ['Or', ' or ']] as const) {
    const operands = rule[key];
    if (Array.isArray(operands)) return operands.map((operand) => compound(operand)).join(joiner);
  }
  const variable = typeof rule.Variable === 'string' ? rule.Variable : '$';
  for (const [key, value] of Object.entries(rule)) {
    if (key in TYPE_TESTS) return `${variable} is ${value === false ? 'not ' : ''}${TYPE_TESTS[key]}`;
    const operator = comparison(key);
    if (operator) return `${variable} ${operator} ${key.endsWith('Path') ? String(value) : JSON.stringify(value)}`;
  }
  return JSON.stringify(withoutNext(rule));
}

function compound(operand: Json): string {
  if (!isObject(operand)) return JSON.stringify(operand);
  const text = describeCondition(operand);
  return Array.isArray(operand.And) || Array.isArray(operand.Or) ? `(${text})` : text;
}

function comparison(key: string): string | undefined {
  const name = key.endsWith('Path') ? key.slice(0, -'Path'.length) : key;
  if (!/^(String|Numeric|Boolean|Timestamp)/.test(name)) return undefined;
  return COMPARISONS.find(([suffix]) => name.endsWith(suffix))?.[1];
}

/** The rule without what is not its condition: its target, and what it does when taken (Assign, Output, Comment). */
function withoutNext(rule: JsonObject): JsonObject {
  const { Next: _next, Assign: _assign, Output: _output, Comment: _comment, ...rest } = rule;
  return rest;
}
