/**
 * Choice Rules (ASL spec, "Choice Rules"; Developer Guide, "Choice workflow state"): `And`/`Or`/`Not` of rules, and
 * data-test expressions `{ "Variable": <reference path>, <operator>: <value> }`.
 * - Comparing values of different types is false, not an error (spec: "the type of the Variable's value must match
 *   the operator's type; if not, the expression evaluates to false"), e.g. NumericEquals against a string.
 * - `…Path` operators compare with the value at a second path; `Is…` operators with `false` test the negation.
 * - StringMatches: `*` matches any run of characters, `\*` a literal star and `\\` a backslash; the whole string
 *   must match.
 * - Timestamp operators compare instants (./timestamp); a value that is not a timestamp makes the rule false.
 * - A Variable (or `…Path` value) that selects nothing fails the state with States.Runtime, except under IsPresent,
 *   which answers whether it selects something. Cause: `Invalid path '$.x': The choice state's condition path
 *   references an invalid value.` (AWS's wording as we know it from executions; not in the docs.)
 */
import { StatesError, STATES_ERRORS } from '../errors';
import type { PathScope } from '../query-languages';
import { DefinitionError, PathNotFoundError } from './errors';
import { deepEqual } from './filter';
import { evaluatePath, pathExists } from './paths';
import { compareInstants, parseTimestamp } from './timestamp';

type Rule = Readonly<Record<string, unknown>>;
type Kind = 'String' | 'Numeric' | 'Boolean' | 'Timestamp';
type Relation = 'Equals' | 'LessThan' | 'GreaterThan' | 'LessThanEquals' | 'GreaterThanEquals';

const RELATIONS: Relation[] = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'];
const COMPARISONS = new Map<string, { kind: Kind; relation: Relation; path: boolean }>();
for (const kind of ['String', 'Numeric', 'Boolean', 'Timestamp'] as Kind[]) {
  for (const relation of kind === 'Boolean' ? (['Equals'] as Relation[]) : RELATIONS) {
    COMPARISONS.set(`${kind}${relation}`, { kind, relation, path: false });
    COMPARISONS.set(`${kind}${relation}Path`, { kind, relation, path: true });
  }
}
const TYPE_TESTS: Record<string, (v: unknown) => boolean> = {
  IsNull: (v) => v === null,
  IsNumeric: (v) => typeof v === 'number',
  IsString: (v) => typeof v === 'string',
  IsBoolean: (v) => typeof v === 'boolean',
  IsTimestamp: (v) => parseTimestamp(v) !== undefined,
};
export const CHOICE_OPERATORS = [...COMPARISONS.keys(), 'StringMatches', 'IsPresent', ...Object.keys(TYPE_TESTS)];

function conditionValue(path: string, scope: PathScope): unknown {
  try {
    return evaluatePath(path, scope);
  } catch (e) {
    if (!(e instanceof PathNotFoundError)) throw e;
    throw new StatesError(STATES_ERRORS.Runtime, `Invalid path '${path}': The choice state's condition path references an invalid value.`);
  }
}

function sameKind(kind: Kind, a: unknown, b: unknown): boolean {
  if (kind === 'String' || kind === 'Timestamp') return typeof a === 'string' && typeof b === 'string';
  return typeof a === (kind === 'Numeric' ? 'number' : 'boolean') && typeof b === typeof a;
}

function compare(kind: Kind, relation: Relation, a: unknown, b: unknown): boolean {
  if (!sameKind(kind, a, b)) return false;
  let order: number;
  if (kind === 'Timestamp') {
    const [ta, tb] = [parseTimestamp(a), parseTimestamp(b)];
    if (!ta || !tb) return false;
    order = compareInstants(ta, tb);
  } else if (kind === 'Boolean') {
    return deepEqual(a, b);
  } else {
    order = (a as number | string) < (b as number | string) ? -1 : (a as number | string) > (b as number | string) ? 1 : 0;
  }
  switch (relation) {
    case 'Equals':
      return order === 0;
    case 'LessThan':
      return order < 0;
    case 'GreaterThan':
      return order > 0;
    case 'LessThanEquals':
      return order <= 0;
    case 'GreaterThanEquals':
      return order >= 0;
  }
}

/** StringMatches: `*` is any run of characters; `\*` and `\\` are a literal star and backslash. */
export function wildcardMatches(text: string, pattern: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) source += `\\${pattern[++i]}`;
    else if (c === '*') source += '[\\s\\S]*';
    else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`).test(text);
}

function operatorOf(rule: Rule): string {
  const ops = Object.keys(rule).filter((k) => CHOICE_OPERATORS.includes(k));
  if (ops.length !== 1) {
    throw new DefinitionError(
      ops.length === 0
        ? `The Choice rule ${JSON.stringify(rule)} has no comparison operator; give one of ${CHOICE_OPERATORS.join(', ')}, or And/Or/Not.`
        : `The Choice rule ${JSON.stringify(rule)} has ${ops.length} comparison operators (${ops.join(', ')}); give exactly one.`,
    );
  }
  return ops[0];
}

export function evaluateChoiceRule(rule: Rule, scope: PathScope): boolean {
  if (Array.isArray(rule.And)) return rule.And.every((r) => evaluateChoiceRule(r as Rule, scope));
  if (Array.isArray(rule.Or)) return rule.Or.some((r) => evaluateChoiceRule(r as Rule, scope));
  if (rule.Not !== undefined) return !evaluateChoiceRule(rule.Not as Rule, scope);
  const variable = rule.Variable;
  if (typeof variable !== 'string') {
    throw new DefinitionError(`The Choice rule ${JSON.stringify(rule)} needs a "Variable" path (or And, Or, Not).`);
  }
  const op = operatorOf(rule);
  const expected = rule[op];
  if (op === 'IsPresent') return pathExists(variable, scope) === expected;
  const value = conditionValue(variable, scope);
  if (op in TYPE_TESTS) return TYPE_TESTS[op](value) === expected;
  if (op === 'StringMatches') return typeof value === 'string' && typeof expected === 'string' && wildcardMatches(value, expected);
  const { kind, relation, path } = COMPARISONS.get(op)!;
  if (path && typeof expected !== 'string') throw new DefinitionError(`The Choice operator ${op} takes a path, but was given ${JSON.stringify(expected)}.`);
  return compare(kind, relation, value, path ? conditionValue(expected as string, scope) : expected);
}
