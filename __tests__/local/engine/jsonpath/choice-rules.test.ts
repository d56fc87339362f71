/**
 * Conformance: Choice Rules (ASL spec "Choice Rules"; Developer Guide "Choice workflow state", comparison operators).
 * Rows marked "AWS snapshot" come from recorded AWS executions (LocalStack's AWS-validated choice_operators
 * snapshots). The spec says a type mismatch makes a comparison false, not an error.
 */
import { evaluateChoiceRule, parseTimestamp } from '../../../../local/engine/jsonpath';
import { scope, statesErrorOf } from './support';

const check = (rule: Record<string, unknown>, input: unknown, variables: Record<string, unknown> = {}) =>
  evaluateChoiceRule(rule, scope(input, variables));

type Row = [string, string, unknown, unknown, boolean];
const rows = (name: string, list: Row[]) =>
  describe(name, () => {
    test.each(list)('%s: %s(%j, %j) → %s', (_source, op, variable, value, expected) => {
      expect(check({ Variable: '$.v', [op]: value }, { v: variable })).toBe(expected);
    });
  });

const C = '"Choice workflow state"';

rows('string operators', [
  ['AWS snapshot string_equals', 'StringEquals', 'Hello', 'Hello', true],
  ['AWS snapshot string_equals: whitespace differs', 'StringEquals', ' ', '     ', false],
  ['AWS snapshot string_equals: a number is not a string', 'StringEquals', 1, 'HelloWorld', false],
  ['AWS snapshot string_equals: null', 'StringEquals', null, 'HelloWorld', false],
  ['AWS snapshot string_less_than', 'StringLessThan', 'A', 'AB', true],
  ['AWS snapshot string_less_than: equal strings', 'StringLessThan', '', '', false],
  ['AWS snapshot string_greater_than: a prefix is smaller', 'StringGreaterThan', 'AB', 'ABC', false],
  ['AWS snapshot string_greater_than: trailing space', 'StringGreaterThan', 'A', 'A ', false],
  ['AWS snapshot string_greater_than_equals', 'StringGreaterThanEquals', 'AB', 'A', true],
  ['AWS snapshot string_less_than_equals', 'StringLessThanEquals', '', '', true],
  [`${C}: StringMatches with *`, 'StringMatches', 'log-2024.txt', 'log-*.txt', true],
  [`${C}: StringMatches whole string`, 'StringMatches', 'xlog-1.txt', 'log-*', false],
  [`${C}: StringMatches \\* is a literal star`, 'StringMatches', 'a*b', 'a\\*b', true],
  [`${C}: StringMatches \\* does not match other text`, 'StringMatches', 'axb', 'a\\*b', false],
  [`${C}: StringMatches \\\\ is a literal backslash`, 'StringMatches', 'a\\b', 'a\\\\b', true],
  [`${C}: StringMatches regex characters are literal`, 'StringMatches', 'a.b', 'a?b', false],
  [`${C}: StringMatches on a number is false`, 'StringMatches', 5, '*', false],
]);

rows('numeric operators', [
  ['AWS snapshot numeric_equals: 0 and 0.0', 'NumericEquals', 0, 0.0, true],
  ['AWS snapshot numeric_equals: null', 'NumericEquals', null, 0, false],
  ['ASL spec "Choice Rules": a numeric string is not a number', 'NumericEquals', '1', 1, false],
  ['AWS snapshot numeric_greater_than', 'NumericGreaterThan', 1, 0, true],
  ['AWS snapshot numeric_greater_than: equal', 'NumericGreaterThan', 1, 1, false],
  ['AWS snapshot numeric_greater_than_equals', 'NumericGreaterThanEquals', 0, 0, true],
  ['AWS snapshot numeric_less_than', 'NumericLessThan', 0, 1, true],
  ['AWS snapshot numeric_less_than_equals', 'NumericLessThanEquals', 1, 0, false],
  [`${C}: decimals`, 'NumericLessThan', 1.5, 1.51, true],
]);

rows('boolean and type tests', [
  ['AWS snapshot boolean_equals', 'BooleanEquals', true, true, true],
  ['AWS snapshot boolean_equals: 0 is not false', 'BooleanEquals', 0, false, false],
  ['AWS snapshot boolean_equals: "" is not false', 'BooleanEquals', '', false, false],
  ['AWS snapshot is_null', 'IsNull', null, true, true],
  ['AWS snapshot is_null: false negates', 'IsNull', 0, false, true],
  ['AWS snapshot is_numeric: 1.1', 'IsNumeric', 1.1, true, true],
  ['AWS snapshot is_numeric: "" with false', 'IsNumeric', '', false, true],
  ['AWS snapshot is_string: ""', 'IsString', '', true, true],
  ['AWS snapshot is_string: null', 'IsString', null, true, false],
  ['AWS snapshot is_boolean: null with false', 'IsBoolean', null, false, true],
  [`${C}: IsBoolean`, 'IsBoolean', false, true, true],
  [`${C}: IsTimestamp`, 'IsTimestamp', '2016-08-18T17:33:00Z', true, true],
  ['AWS snapshot timestamp_equals input: a date without T is not a timestamp', 'IsTimestamp', '2023-02-24 12:15:56.832957', true, false],
  [`${C}: IsTimestamp of a number`, 'IsTimestamp', 5, false, true],
]);

rows('timestamp operators (ASL spec "Timestamps")', [
  [`${C}: TimestampEquals`, 'TimestampEquals', '2016-08-18T17:33:00Z', '2016-08-18T17:33:00Z', true],
  ['ASL spec "Timestamps": offsets compare as instants', 'TimestampEquals', '2016-08-18T19:33:00+02:00', '2016-08-18T17:33:00Z', true],
  ['ASL spec "Timestamps": fractions of a second count', 'TimestampLessThan', '2016-08-18T17:33:00.001Z', '2016-08-18T17:33:00.002Z', true],
  ['assumed: nanosecond precision', 'TimestampGreaterThan', '2016-08-18T17:33:00.000000002Z', '2016-08-18T17:33:00.000000001Z', true],
  [`${C}: TimestampGreaterThanEquals`, 'TimestampGreaterThanEquals', '2016-08-18T17:33:00Z', '2016-08-18T17:33:00Z', true],
  [`${C}: TimestampLessThanEquals`, 'TimestampLessThanEquals', '2017-01-01T00:00:00Z', '2016-12-31T23:59:59Z', false],
  ['ASL spec "Choice Rules": a non-timestamp variable is false', 'TimestampEquals', 'yesterday', '2016-08-18T17:33:00Z', false],
  ['ASL spec "Choice Rules": a number variable is false', 'TimestampLessThan', 0, '2016-08-18T17:33:00Z', false],
]);

describe('the …Path forms compare with a second path (ASL spec "Choice Rules")', () => {
  test.each<[string, string, unknown, unknown, boolean]>([
    ['AWS snapshot string_equals_path', 'StringEqualsPath', 'Hello', 'Hello', true],
    ['AWS snapshot numeric_equals_path', 'NumericEqualsPath', 1, 1.0, true],
    ['AWS snapshot numeric_less_than_path', 'NumericLessThanPath', 0, 1, true],
    ['AWS snapshot boolean_equals_path: type mismatch', 'BooleanEqualsPath', 1, true, false],
    ['AWS snapshot string_greater_than_equals_path', 'StringGreaterThanEqualsPath', 'AB', 'A', true],
    [`${C}: TimestampLessThanPath`, 'TimestampLessThanPath', '2016-01-01T00:00:00Z', '2016-01-02T00:00:00Z', true],
  ])('%s: %s', (_source, op, v, w, expected) => {
    expect(check({ Variable: '$.v', [op]: '$.w' }, { v, w })).toBe(expected);
  });

  test('"Choice workflow state": a …Path value that selects nothing fails with States.Runtime', () => {
    const err = statesErrorOf(() => check({ Variable: '$.v', NumericEqualsPath: '$.nope' }, { v: 1 }));
    expect([err.error, err.cause]).toStrictEqual(['States.Runtime', "Invalid path '$.nope': The choice state's condition path references an invalid value."]);
  });
});

describe('Boolean combinations and roots ("Choice workflow state"; "Passing data … with variables"; "Context object")', () => {
  const input = { type: 'Private', value: 35, flag: true };
  test.each<[string, Record<string, unknown>, boolean]>([
    [`${C} example: And`, { And: [{ Variable: '$.value', NumericGreaterThanEquals: 20 }, { Variable: '$.value', NumericLessThan: 30 }] }, false],
    [`${C} example: Not`, { Not: { Variable: '$.type', StringEquals: 'Private' } }, false],
    [`${C}: Or with one true`, { Or: [{ Variable: '$.value', NumericEquals: 1 }, { Variable: '$.flag', BooleanEquals: true }] }, true],
    [`${C}: nested And in Or`, { Or: [{ And: [{ Variable: '$.flag', BooleanEquals: true }, { Variable: '$.type', StringMatches: 'Pri*' }] }] }, true],
    ['assumed: And short-circuits (a missing path after a false rule is not evaluated)', { And: [{ Variable: '$.flag', BooleanEquals: false }, { Variable: '$.nope', IsNull: true }] }, false],
    ['"Context object": $$ in Variable', { Variable: '$$.State.Name', StringEquals: 'S' }, true],
    ['"Passing data … with variables": $var in Variable', { Variable: '$limit', NumericGreaterThan: 30 }, true],
    ['"Passing data … with variables": a path into a variable', { Variable: '$cfg.mode', StringEquals: 'fast' }, true],
  ])('%s', (_source, rule, expected) => {
    expect(check(rule, input, { limit: 31, cfg: { mode: 'fast' } })).toBe(expected);
  });
});

describe('missing Variable paths', () => {
  test.each<[string, unknown, boolean, boolean]>([
    ['AWS snapshot is_present: a null value is present', { v: null }, true, true],
    ['AWS snapshot is_present: IsPresent false on a present value', { v: 0 }, false, false],
    [`${C}: IsPresent true on a missing path`, {}, true, false],
    [`${C}: IsPresent false on a missing path`, {}, false, true],
  ])('%s', (_source, input, value, expected) => {
    expect(check({ Variable: '$.v', IsPresent: value }, input)).toBe(expected);
  });

  test.each<[string, Record<string, unknown>]>([
    ['StringEquals', { Variable: '$.missing', StringEquals: 'x' }],
    ['IsNull', { Variable: '$.missing', IsNull: true }],
    ['a missing parent', { Variable: '$.a.b', NumericEquals: 1 }],
  ])('"Choice workflow state": %s on a missing Variable fails with States.Runtime', (_case, rule) => {
    const err = statesErrorOf(() => check(rule, {}));
    expect(err.error).toBe('States.Runtime');
    expect(err.cause).toBe(`Invalid path '${rule.Variable}': The choice state's condition path references an invalid value.`);
  });
});

describe('definition errors in rules name the rule', () => {
  test.each<[string, Record<string, unknown>, RegExp]>([
    ['no operator', { Variable: '$.v' }, /has no comparison operator/],
    ['two operators', { Variable: '$.v', StringEquals: 'a', IsNull: true }, /has 2 comparison operators/],
    ['no Variable', { StringEquals: 'a' }, /needs a "Variable" path/],
    ['a …Path operator given a non-path', { Variable: '$.v', StringEqualsPath: 5 }, /takes a path/],
  ])('ASL spec "Choice Rules": %s', (_case, rule, cause) => {
    expect(statesErrorOf(() => check(rule, { v: 'a' })).cause).toMatch(cause);
  });
});

describe('parseTimestamp (ASL spec "Timestamps"; Java ISO_OFFSET_DATE_TIME as AWS parses them)', () => {
  test.each<[string, boolean]>([
    ['2016-08-18T17:33:00Z', true],
    ['2016-08-18T17:33:00.123456789Z', true],
    ['2016-08-18T17:33:00+05:30', true],
    ['2016-08-18T17:33Z', true],
    ['2016-02-29T00:00:00Z', true],
    ['2016-12-05T21:29:29', false],
    ['2016-12-05 21:29:29Z', false],
    ['2016-13-05T21:29:29Z', false],
    ['2016-12-05T25:29:29Z', false],
    ['05-12-2016T21:29:29Z', false],
    ['2015-02-29T00:00:00Z', false],
    ['2016-08-18T17:33:60Z', false],
  ])('%s → %s (LocalStack AWS snapshot Wait/TimestampPath cases where listed)', (text, valid) => {
    expect(parseTimestamp(text) !== undefined).toBe(valid);
  });
});
