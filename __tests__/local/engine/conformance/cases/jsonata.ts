import type { ConformanceCase } from '../case';
import { RUN } from '../case';
import { match } from '../match';
import { chain, echo, fails, jsonataChain, jsonataOne, returns, runtimePrefix } from './build';

const JA = 'DG "Transforming data with JSONata in Step Functions"';
const FN = `${JA}, "JSONata functions provided by Step Functions"`;
const ERR = `${JA}, "Handling JSONata errors" (States.QueryEvaluationError)`;
const REC = 'recorded AWS execution';
const LAMBDA = 'arn:aws:states:::lambda:invoke';

const out = (expr: unknown, input: unknown, expected: unknown, id: string, source: string): ConformanceCase => ({
  id,
  source,
  needs: 'JSONata',
  definition: jsonataOne({ Type: 'Pass', Output: expr }),
  input,
  expect: { status: 'SUCCEEDED', output: expected },
});

export const jsonata: readonly ConformanceCase[] = [
  out('{% $states.input.a + 1 %}', { a: 1 }, 2, 'output-expression', `${JA}: Output with a {% %} expression over $states.input`),
  out({ sum: '{% $sum($states.input.n) %}', lit: 'plain', nested: { c: '{% $count($states.input.n) %}' } }, { n: [1, 2, 3] }, { sum: 6, lit: 'plain', nested: { c: 3 } }, 'output-object-template', `${JA}: expressions anywhere a value may be, nested`),
  out(' {% $states.input %} ', { a: 1 }, ' {% $states.input %} ', 'whitespace-outside-braces-literal', `${JA}: a string is an expression only if it starts with {% and ends with %} (${REC})`),
  out('$states.input', { a: 1 }, '$states.input', 'dollar-string-literal', `${JA}: a string without {% %} is a literal (${REC})`),
  { id: 'pass-no-output-passes-input', source: `${JA}: without Output, a Pass state's output is its input (${REC})`, needs: 'JSONata', definition: jsonataOne({ Type: 'Pass' }), input: { a: 1 }, expect: { status: 'SUCCEEDED', output: { a: 1 } } },
  out('{% $states.context.Execution.Name %}', {}, RUN.executionName, 'states-context', `${JA}: $states.context is the context object`),
  out('{% $states.context.State.Name %}', {}, 'S', 'states-context-state-name', `${JA}: $states.context.State.Name`),
  { id: 'task-arguments-result', source: `${JA}: Arguments is what the Task receives; Output defaults to $states.result`, needs: 'JSONata', definition: jsonataOne({ Type: 'Task', Resource: LAMBDA, Arguments: { FunctionName: 'fn', Payload: { 'v': '{% $states.input.v * 2 %}' } } }, 'T'), input: { v: 4 }, taskResults: { T: [echo] }, expect: { status: 'SUCCEEDED', output: { FunctionName: 'fn', Payload: { v: 8 } } } },
  { id: 'task-output-states-result', source: `${JA}: Output may combine $states.input and $states.result`, needs: 'JSONata', definition: jsonataOne({ Type: 'Task', Resource: LAMBDA, Arguments: { FunctionName: 'fn' }, Output: { in: '{% $states.input.k %}', res: '{% $states.result.r %}' } }, 'T'), input: { k: 'key' }, taskResults: { T: [returns({ r: 'result' })] }, expect: { status: 'SUCCEEDED', output: { in: 'key', res: 'result' } } },
  {
    id: 'choice-condition', source: `${JA}: Choice rules use Condition`, needs: 'JSONata',
    definition: jsonataChain({ C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n > 10 %}', Next: 'Big' }], Default: 'Small' }, Big: { Type: 'Pass', Output: 'big', End: true }, Small: { Type: 'Pass', Output: 'small', End: true } }),
    input: { n: 11 }, expect: { status: 'SUCCEEDED', output: 'big' },
  },
  {
    id: 'choice-condition-false-default', source: `${JA}: Condition false → Default`, needs: 'JSONata',
    definition: jsonataChain({ C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n > 10 %}', Next: 'Big' }], Default: 'Small' }, Big: { Type: 'Pass', Output: 'big', End: true }, Small: { Type: 'Pass', Output: 'small', End: true } }),
    input: { n: 1 }, expect: { status: 'SUCCEEDED', output: 'small' },
  },
  {
    id: 'map-items', source: `${JA}: Map Items (an expression) and ItemSelector with $states.context.Map.Item`, needs: 'JSONata',
    definition: jsonataOne({ Type: 'Map', Items: '{% $states.input.list %}', ItemSelector: { i: '{% $states.context.Map.Item.Index %}', v: '{% $states.context.Map.Item.Value %}' }, ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } }),
    input: { list: ['a', 'b'] }, expect: { status: 'SUCCEEDED', output: [{ i: 0, v: 'a' }, { i: 1, v: 'b' }] },
  },
  {
    id: 'map-items-literal-array', source: `${JA}: Items may be a literal array (${REC})`, needs: 'JSONata',
    definition: jsonataOne({ Type: 'Map', Items: [1, 2, 3], ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } }),
    input: {}, expect: { status: 'SUCCEEDED', output: [1, 2, 3] },
  },
  {
    id: 'map-items-not-array', source: `${ERR}: Items that is not an array (${REC} cause)`, needs: 'JSONata',
    definition: jsonataOne({ Type: 'Map', Items: '{% 1 %}', ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } }, 'MapIterateState'),
    input: {}, expect: { status: 'FAILED', error: 'States.QueryEvaluationError', cause: `${runtimePrefix('MapIterateState')}The JSONata expression '1' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'number' for value: 1` },
  },
  {
    id: 'output-undefined', source: `${ERR}: an Output expression that returns nothing (${REC} cause)`, needs: 'JSONata',
    definition: jsonataOne({ Type: 'Pass', Output: '{% $doesNotExist %}' }, 'State0'), input: {},
    expect: { status: 'FAILED', error: 'States.QueryEvaluationError', cause: `${runtimePrefix('State0')}The JSONata expression '$doesNotExist' specified for the field 'Output' returned nothing (undefined).` },
  },
  {
    id: 'output-field-undefined', source: `${ERR}: a nested Output field that returns nothing names its field path (${REC} cause)`, needs: 'JSONata',
    definition: jsonataOne({ Type: 'Pass', Output: { result: '{% $doesNotExist %}' } }, 'State0'), input: {},
    expect: { status: 'FAILED', error: 'States.QueryEvaluationError', cause: `${runtimePrefix('State0')}The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).` },
  },
  {
    id: 'arguments-field-undefined', source: `${ERR}: an Arguments field that returns nothing (${REC} cause)`, needs: 'JSONata',
    definition: jsonataOne({ Type: 'Task', Resource: LAMBDA, Arguments: { FunctionName: '{% $doesNotExist %}' } }, 'State0'), input: {}, taskResults: { State0: [returns(1)] },
    expect: { status: 'FAILED', error: 'States.QueryEvaluationError', cause: `${runtimePrefix('State0')}The JSONata expression '$doesNotExist' specified for the field 'Arguments/FunctionName' returned nothing (undefined).` },
  },
  {
    id: 'evaluation-error-message', source: `${ERR}: an expression that throws: the cause carries the JSONata error code (${REC}: T1006)`, needs: 'JSONata',
    definition: jsonataOne({ Type: 'Pass', Output: { FunctionResult: '{% $notAFunction($states.input) %}' } }, 'State_0'), input: {},
    expect: { status: 'FAILED', error: 'States.QueryEvaluationError', causeMatches: `^An error occurred while executing the state 'State_0' \\(entered at the event id #2\\)\\. The JSONata expression '\\$notAFunction\\(\\$states\\.input\\)' specified for the field 'Output/FunctionResult' threw an error during evaluation\\. T1006: Attempted to invoke a non-function` },
  },
  {
    id: 'query-error-caught', source: `${ERR}: States.QueryEvaluationError can be caught; $states.errorOutput in the catcher`, needs: 'JSONata',
    definition: jsonataChain({ T: { Type: 'Task', Resource: LAMBDA, Arguments: { FunctionName: 'fn' }, Output: '{% $states.result.missing.deeper %}', Catch: [{ ErrorEquals: ['States.QueryEvaluationError'], Next: 'Caught', Output: '{% $states.errorOutput.Error %}' }], End: true }, Caught: { Type: 'Pass', End: true } }),
    input: {}, taskResults: { T: [returns({})] }, expect: { status: 'SUCCEEDED', output: 'States.QueryEvaluationError' },
  },
  {
    id: 'catch-error-output', source: `${JA}: in a Catch, $states.errorOutput is {Error, Cause}`, needs: 'JSONata',
    definition: jsonataChain({ T: { Type: 'Task', Resource: LAMBDA, Arguments: { FunctionName: 'fn' }, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught', Output: { err: '{% $states.errorOutput %}', input: '{% $states.input %}' } }], End: true }, Caught: { Type: 'Pass', End: true } }),
    input: { x: 1 }, taskResults: { T: [fails('Boom', 'bad')] }, expect: { status: 'SUCCEEDED', output: { err: { Error: 'Boom', Cause: 'bad' }, input: { x: 1 } } },
  },
  { ...out('{% $partition($states.input.a, 2) %}', { a: [1, 2, 3, 4, 5] }, [[1, 2], [3, 4], [5]], 'fn-partition', `${FN}: $partition (${REC})`) },
  { ...out('{% $range(0, 9, 3) %}', {}, [0, 3, 6, 9], 'fn-range', `${FN}: $range(start, end, step), end included`) },
  { ...out("{% $hash('input data', 'SHA-256') %}", {}, 'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3', 'fn-hash', `${FN}: $hash(value, algorithm)`) },
  { ...out('{% $parse($states.input.s) %}', { s: '{"Arg1": 1, "Arg2": []}' }, { Arg1: 1, Arg2: [] }, 'fn-parse', `${FN}: $parse (${REC})`) },
  { ...out('{% $uuid() %}', {}, match('^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'), 'fn-uuid', `${FN}: $uuid() is a v4 UUID`) },
  { ...out('{% $random() >= 0 and $random() < 1 %}', {}, true, 'fn-random', `${FN}: $random() in [0, 1)`) },
  { ...out('{% $random(7) = $random(7) %}', {}, true, 'fn-random-seeded', `${FN}: $random(seed) is repeatable`) },
  {
    id: 'state-level-query-language', source: `${JA}: QueryLanguage may be set per state in a JSONPath machine`, needs: 'JSONata',
    definition: chain({ A: { Type: 'Pass', Parameters: { 'x.$': '$.v' } }, B: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input.x * 10 %}' } }),
    input: { v: 2 }, expect: { status: 'SUCCEEDED', output: 20 },
  },
  {
    id: 'wait-seconds-expression', source: `${JA}: Wait Seconds as an expression (virtual clock)`, needs: 'JSONata',
    definition: jsonataChain({ W: { Type: 'Wait', Seconds: '{% $states.input.s %}' }, P: { Type: 'Pass', Output: '{% $states.context.State.EnteredTime %}' } }),
    input: { s: 600 }, expect: { status: 'SUCCEEDED', output: match('^2024-01-01T00:10:00(\\.\\d+)?Z$') }, maxWallMs: 3000,
  },
  {
    id: 'wait-timestamp-invalid', source: `${ERR}: a Timestamp that is not ISO-8601 (${REC} cause)`, needs: 'JSONata',
    definition: jsonataOne({ Type: 'Wait', Timestamp: '{% $states.input.t %}' }, 'WaitState'), input: { t: '2016-12-05T21:29:29' },
    expect: { status: 'FAILED', error: 'States.QueryEvaluationError', cause: `${runtimePrefix('WaitState')}The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: 2016-12-05T21:29:29` },
  },
  {
    id: 'fail-error-cause-expressions', source: `${JA}: Fail Error and Cause may be expressions`, needs: 'JSONata',
    definition: jsonataOne({ Type: 'Fail', Error: '{% $states.input.e %}', Cause: "{% 'cause: ' & $states.input.c %}" }), input: { e: 'E1', c: 'x' },
    expect: { status: 'FAILED', error: 'E1', cause: 'cause: x' },
  },
  { ...out('{% $states.input.list[price > 10].name %}', { list: [{ name: 'a', price: 5 }, { name: 'b', price: 50 }] }, 'b', 'jsonata-filter-singleton', `${JA}: standard JSONata (a one-item sequence is a single value)`) },
  { ...out({ n: null, b: false, z: 0 }, {}, { n: null, b: false, z: 0 }, 'literals-kept', `${JA}: literal values in Output are kept (${REC})`) },
  { id: 'task-retry-jsonata', source: `${JA}; DG "Handling errors": Retry works the same in JSONata states`, needs: 'JSONata', definition: jsonataOne({ Type: 'Task', Resource: LAMBDA, Arguments: { FunctionName: 'fn' }, Retry: [{ ErrorEquals: ['Boom'] }] }, 'T'), input: {}, taskResults: { T: [fails('Boom'), returns('ok')] }, expect: { status: 'SUCCEEDED', output: 'ok' } },
  { id: 'parallel-jsonata-output', source: `${JA}: Parallel Output over $states.result`, needs: 'JSONata', definition: jsonataOne({ Type: 'Parallel', Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', Output: 1, End: true } } }, { StartAt: 'B', States: { B: { Type: 'Pass', Output: 2, End: true } } }], Output: '{% $sum($states.result) %}' }), input: {}, expect: { status: 'SUCCEEDED', output: 3 } },
];
