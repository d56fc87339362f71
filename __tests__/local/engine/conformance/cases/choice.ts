import type { ConformanceCase } from '../case';
import { chain } from './build';

const CH = 'DG "Choice workflow state", "Choice Rules"';
const ASL_SPEC = 'ASL spec "Choice Rules"';
const REC = 'recorded AWS execution';

/** A Choice with one rule going to Yes (output "yes"), Default No (output "no"). */
function choose(id: string, source: string, rule: Record<string, unknown>, input: unknown, yes: boolean): ConformanceCase {
  return {
    id,
    source,
    definition: chain({ C: { Type: 'Choice', Choices: [{ ...rule, Next: 'Yes' }], Default: 'No' }, Yes: { Type: 'Pass', Result: 'yes', End: true }, No: { Type: 'Pass', Result: 'no', End: true } }),
    input,
    expect: { status: 'SUCCEEDED', output: yes ? 'yes' : 'no' },
  };
}

const v = (value: unknown) => ({ v: value });

export const choice: readonly ConformanceCase[] = [
  choose('string-equals-true', `${CH}: StringEquals`, { Variable: '$.v', StringEquals: 'Hello' }, v('Hello'), true),
  choose('string-equals-whitespace-differs', `${CH}: StringEquals compares exactly (${REC})`, { Variable: '$.v', StringEquals: '     ' }, v(' '), false),
  choose('string-equals-wrong-type', `${ASL_SPEC}: a value of the wrong type does not match (${REC}: 1 vs "HelloWorld")`, { Variable: '$.v', StringEquals: '1' }, v(1), false),
  choose('string-equals-path', `${CH}: StringEqualsPath`, { Variable: '$.v', StringEqualsPath: '$.w' }, { v: 'a', w: 'a' }, true),
  choose('string-less-than', `${CH}: StringLessThan (${REC}: "A" < "AB")`, { Variable: '$.v', StringLessThan: 'AB' }, v('A'), true),
  choose('string-less-than-path', `${CH}: StringLessThanPath`, { Variable: '$.v', StringLessThanPath: '$.w' }, { v: 'AB', w: 'A' }, false),
  choose('string-greater-than', `${CH}: StringGreaterThan`, { Variable: '$.v', StringGreaterThan: 'a' }, v('b'), true),
  choose('string-greater-than-prefix', `${CH}: StringGreaterThan (${REC}: "AB" > "ABC" is false)`, { Variable: '$.v', StringGreaterThan: 'ABC' }, v('AB'), false),
  choose('string-greater-than-path', `${CH}: StringGreaterThanPath`, { Variable: '$.v', StringGreaterThanPath: '$.w' }, { v: 'b', w: 'a' }, true),
  choose('string-less-than-equals', `${CH}: StringLessThanEquals (${REC}: "" <= "")`, { Variable: '$.v', StringLessThanEquals: '' }, v(''), true),
  choose('string-less-than-equals-path', `${CH}: StringLessThanEqualsPath`, { Variable: '$.v', StringLessThanEqualsPath: '$.w' }, { v: 'AB', w: 'A' }, false),
  choose('string-greater-than-equals', `${CH}: StringGreaterThanEquals (${REC}: "AB" >= "A")`, { Variable: '$.v', StringGreaterThanEquals: 'A' }, v('AB'), true),
  choose('string-greater-than-equals-path', `${CH}: StringGreaterThanEqualsPath`, { Variable: '$.v', StringGreaterThanEqualsPath: '$.w' }, { v: 'A', w: 'AB' }, false),
  choose('string-matches-wildcard', `${CH}: StringMatches with * (example "log-*.txt")`, { Variable: '$.v', StringMatches: 'log-*.txt' }, v('log-2024-01.txt'), true),
  choose('string-matches-no', `${CH}: StringMatches`, { Variable: '$.v', StringMatches: 'log-*.txt' }, v('log-2024-01.csv'), false),
  choose('string-matches-escaped-star', `${CH}: StringMatches: \\* matches a literal *`, { Variable: '$.v', StringMatches: 'a\\*b' }, v('a*b'), true),
  choose('string-matches-escaped-star-no', `${CH}: StringMatches: \\* matches only a literal *`, { Variable: '$.v', StringMatches: 'a\\*b' }, v('axxb'), false),
  choose('numeric-equals-int-float', `${CH}: NumericEquals compares numbers (${REC}: 1 = 1.0)`, { Variable: '$.v', NumericEquals: 1.0 }, v(1), true),
  choose('numeric-equals-decimal', `${CH}: NumericEquals (${REC}: 2.22 = 2.22)`, { Variable: '$.v', NumericEquals: 2.22 }, v(2.22), true),
  choose('numeric-equals-string-is-false', `${ASL_SPEC}: wrong type does not match (${REC}: "" vs 0)`, { Variable: '$.v', NumericEquals: 0 }, v(''), false),
  choose('numeric-equals-path', `${CH}: NumericEqualsPath`, { Variable: '$.v', NumericEqualsPath: '$.w' }, { v: 3, w: 3 }, true),
  choose('numeric-less-than', `${CH}: NumericLessThan`, { Variable: '$.v', NumericLessThan: 1 }, v(0), true),
  choose('numeric-less-than-path', `${CH}: NumericLessThanPath`, { Variable: '$.v', NumericLessThanPath: '$.w' }, { v: 1, w: 1 }, false),
  choose('numeric-greater-than', `${CH}: NumericGreaterThan`, { Variable: '$.v', NumericGreaterThan: 0 }, v(1), true),
  choose('numeric-greater-than-path', `${CH}: NumericGreaterThanPath`, { Variable: '$.v', NumericGreaterThanPath: '$.w' }, { v: 0, w: 0 }, false),
  choose('numeric-less-than-equals', `${CH}: NumericLessThanEquals`, { Variable: '$.v', NumericLessThanEquals: 1 }, v(1), true),
  choose('numeric-less-than-equals-path', `${CH}: NumericLessThanEqualsPath`, { Variable: '$.v', NumericLessThanEqualsPath: '$.w' }, { v: 1, w: 0 }, false),
  choose('numeric-greater-than-equals', `${CH}: NumericGreaterThanEquals`, { Variable: '$.v', NumericGreaterThanEquals: 0 }, v(0.0), true),
  choose('numeric-greater-than-equals-path', `${CH}: NumericGreaterThanEqualsPath`, { Variable: '$.v', NumericGreaterThanEqualsPath: '$.w' }, { v: 0, w: 1 }, false),
  choose('boolean-equals', `${CH}: BooleanEquals`, { Variable: '$.v', BooleanEquals: false }, v(false), true),
  choose('boolean-equals-number-is-false', `${ASL_SPEC}: wrong type does not match (${REC}: 0 vs false)`, { Variable: '$.v', BooleanEquals: false }, v(0), false),
  choose('boolean-equals-path', `${CH}: BooleanEqualsPath`, { Variable: '$.v', BooleanEqualsPath: '$.w' }, { v: true, w: true }, true),
  choose('timestamp-equals', `${CH}: TimestampEquals`, { Variable: '$.v', TimestampEquals: '2016-03-14T01:59:00Z' }, v('2016-03-14T01:59:00Z'), true),
  choose('timestamp-equals-not-a-timestamp', `${ASL_SPEC}: a string that is not a timestamp does not match (${REC})`, { Variable: '$.v', TimestampEquals: '2016-03-14T01:59:00Z' }, v('2023-02-24 12:15:56.832957'), false),
  choose('timestamp-equals-path', `${CH}: TimestampEqualsPath`, { Variable: '$.v', TimestampEqualsPath: '$.w' }, { v: '2020-01-01T00:00:00Z', w: '2020-01-01T00:00:00Z' }, true),
  choose('timestamp-less-than', `${CH}: TimestampLessThan`, { Variable: '$.v', TimestampLessThan: '2020-01-01T00:00:00Z' }, v('2019-12-31T23:59:59Z'), true),
  choose('timestamp-less-than-path', `${CH}: TimestampLessThanPath`, { Variable: '$.v', TimestampLessThanPath: '$.w' }, { v: '2021-01-01T00:00:00Z', w: '2020-01-01T00:00:00Z' }, false),
  choose('timestamp-greater-than', `${CH}: TimestampGreaterThan`, { Variable: '$.v', TimestampGreaterThan: '2020-01-01T00:00:00Z' }, v('2020-01-01T00:00:01Z'), true),
  choose('timestamp-greater-than-path', `${CH}: TimestampGreaterThanPath`, { Variable: '$.v', TimestampGreaterThanPath: '$.w' }, { v: '2020-01-01T00:00:00Z', w: '2020-01-01T00:00:00Z' }, false),
  choose('timestamp-less-than-equals', `${CH}: TimestampLessThanEquals`, { Variable: '$.v', TimestampLessThanEquals: '2020-01-01T00:00:00Z' }, v('2020-01-01T00:00:00Z'), true),
  choose('timestamp-less-than-equals-path', `${CH}: TimestampLessThanEqualsPath`, { Variable: '$.v', TimestampLessThanEqualsPath: '$.w' }, { v: '2020-01-02T00:00:00Z', w: '2020-01-01T00:00:00Z' }, false),
  choose('timestamp-greater-than-equals', `${CH}: TimestampGreaterThanEquals`, { Variable: '$.v', TimestampGreaterThanEquals: '2020-01-01T00:00:00Z' }, v('2020-01-01T00:00:00Z'), true),
  choose('timestamp-greater-than-equals-path', `${CH}: TimestampGreaterThanEqualsPath`, { Variable: '$.v', TimestampGreaterThanEqualsPath: '$.w' }, { v: '2019-01-01T00:00:00Z', w: '2020-01-01T00:00:00Z' }, false),
  choose('timestamp-offsets-compare-as-instants', `${CH}: timestamps compare as instants (assumed: an offset is honoured)`, { Variable: '$.v', TimestampEquals: '2020-01-01T00:00:00Z' }, v('2020-01-01T01:00:00+01:00'), true),
  choose('is-null-true', `${CH}: IsNull (${REC})`, { Variable: '$.v', IsNull: true }, v(null), true),
  choose('is-null-false-on-zero', `${CH}: IsNull: false (${REC}: 0)`, { Variable: '$.v', IsNull: false }, v(0), true),
  choose('is-present-missing', `${CH}: IsPresent false on a missing field`, { Variable: '$.missing', IsPresent: false }, {}, true),
  choose('is-present-null', `${CH}: IsPresent true on a null field (${REC})`, { Variable: '$.v', IsPresent: true }, v(null), true),
  choose('is-numeric', `${CH}: IsNumeric (${REC}: 1.1)`, { Variable: '$.v', IsNumeric: true }, v(1.1), true),
  choose('is-numeric-string-number', `${CH}: IsNumeric is false for a string of digits`, { Variable: '$.v', IsNumeric: true }, v('1'), false),
  choose('is-string', `${CH}: IsString (${REC}: "")`, { Variable: '$.v', IsString: true }, v(''), true),
  choose('is-string-false-array', `${CH}: IsString false (${REC}: [""])`, { Variable: '$.v', IsString: false }, v(['']), true),
  choose('is-boolean', `${CH}: IsBoolean (${REC})`, { Variable: '$.v', IsBoolean: true }, v(false), true),
  choose('is-boolean-false-on-string', `${CH}: IsBoolean: "true" is a string (${REC})`, { Variable: '$.v', IsBoolean: true }, v('true'), false),
  choose('is-timestamp', `${CH}: IsTimestamp`, { Variable: '$.v', IsTimestamp: true }, v('2016-03-14T01:59:00Z'), true),
  choose('is-timestamp-date-only', `${CH}: IsTimestamp needs a full RFC 3339 timestamp`, { Variable: '$.v', IsTimestamp: true }, v('2023-02-24'), false),
  choose('and', `${CH}: And`, { And: [{ Variable: '$.v', NumericGreaterThanEquals: 20 }, { Variable: '$.v', NumericLessThan: 30 }] }, v(25), true),
  choose('and-one-false', `${CH}: And`, { And: [{ Variable: '$.v', NumericGreaterThanEquals: 20 }, { Variable: '$.v', NumericLessThan: 30 }] }, v(30), false),
  choose('or', `${CH}: Or`, { Or: [{ Variable: '$.v', StringEquals: 'a' }, { Variable: '$.v', StringEquals: 'b' }] }, v('b'), true),
  choose('not', `${CH}: Not (example: Not StringEquals)`, { Not: { Variable: '$.type', StringEquals: 'Private' } }, { type: 'Public' }, true),
  choose('nested-boolean', `${CH}: nested And/Or/Not`, { Or: [{ And: [{ Variable: '$.a', BooleanEquals: true }, { Not: { Variable: '$.b', IsPresent: true } }] }, { Variable: '$.c', NumericEquals: 1 }] }, { a: true, c: 0 }, true),
  {
    id: 'first-match-wins', source: `${CH}: rules are tried in order; the first match's Next is taken`,
    definition: chain({ C: { Type: 'Choice', Choices: [{ Variable: '$.v', NumericGreaterThan: 0, Next: 'First' }, { Variable: '$.v', NumericGreaterThan: 5, Next: 'Second' }], Default: 'No' }, First: { Type: 'Pass', Result: 'first', End: true }, Second: { Type: 'Pass', Result: 'second', End: true }, No: { Type: 'Pass', Result: 'no', End: true } }),
    input: { v: 10 }, expect: { status: 'SUCCEEDED', output: 'first' },
  },
  {
    id: 'no-match-no-default', source: `${CH}: no Default and no match: States.NoChoiceMatched`,
    definition: chain({ C: { Type: 'Choice', Choices: [{ Variable: '$.v', NumericEquals: 1, Next: 'Yes' }] }, Yes: { Type: 'Pass', End: true } }),
    input: { v: 2 }, expect: { status: 'FAILED', error: 'States.NoChoiceMatched' },
  },
  {
    id: 'choice-passes-input', source: `${CH}: Choice passes its (InputPath/OutputPath-filtered) input to the next state`,
    definition: chain({ C: { Type: 'Choice', Choices: [{ Variable: '$.v', IsPresent: true, Next: 'Done' }] }, Done: { Type: 'Succeed' } }),
    input: { v: 1, w: 2 }, expect: { status: 'SUCCEEDED', output: { v: 1, w: 2 } },
  },
  {
    id: 'choice-inputpath-outputpath', source: `${CH}: InputPath filters what the rules see; OutputPath the output`,
    definition: chain({ C: { Type: 'Choice', InputPath: '$.inner', OutputPath: '$.x', Choices: [{ Variable: '$.x', NumericEquals: 1, Next: 'Done' }], Default: 'Other' }, Done: { Type: 'Succeed' }, Other: { Type: 'Fail' } }),
    input: { inner: { x: 1 } }, expect: { status: 'SUCCEEDED', output: 1 },
  },
  {
    id: 'variable-missing-runtime', source: `${CH}: a Variable path that matches nothing is a run-time error (States.Runtime)`,
    definition: chain({ C: { Type: 'Choice', Choices: [{ Variable: '$.missing', StringEquals: 'x', Next: 'Done' }], Default: 'Done' }, Done: { Type: 'Succeed' } }),
    input: {}, expect: { status: 'FAILED', error: 'States.Runtime', causeMatches: "^An error occurred while executing the state 'C'" },
  },
  {
    id: 'variable-context-path', source: `${CH}: Variable may be a context path ($$)`,
    definition: chain({ C: { Type: 'Choice', Choices: [{ Variable: '$$.Execution.Name', StringEquals: 'conformance-run', Next: 'Yes' }], Default: 'No' }, Yes: { Type: 'Pass', Result: 'yes', End: true }, No: { Type: 'Pass', Result: 'no', End: true } }),
    input: {}, expect: { status: 'SUCCEEDED', output: 'yes' },
  },
  {
    id: 'history-choice', source: 'DG "Viewing execution history": ChoiceStateEntered/Exited',
    definition: chain({ C: { Type: 'Choice', Choices: [{ Variable: '$.v', IsPresent: true, Next: 'Done' }] }, Done: { Type: 'Succeed' } }),
    input: { v: 1 }, expect: { status: 'SUCCEEDED' }, history: { types: ['ExecutionStarted', 'ChoiceStateEntered', 'ChoiceStateExited', 'SucceedStateEntered', 'SucceedStateExited', 'ExecutionSucceeded'] },
  },
];
