import type { ConformanceCase } from '../case';
import { match } from '../match';
import { chain, passParams } from './build';

const IF = 'DG "Intrinsic functions for JSONPath states in Step Functions"';
const REC = 'recorded AWS execution';
const FAILED_ASSUMPTION = 'assumed: AWS reports a failed intrinsic as States.Runtime, as it reports failed Parameters paths (recorded) instead of the spec\'s States.ParameterPathFailure; the docs name no error';

/** One Pass state evaluating `expr` into FunctionResult. */
function fn(id: string, source: string, expr: string, input: unknown, result: unknown): ConformanceCase {
  return { id, source, definition: passParams({ 'FunctionResult.$': expr }), input, expect: { status: 'SUCCEEDED', output: { FunctionResult: result } } };
}

function fnFails(id: string, source: string, expr: string, input: unknown): ConformanceCase {
  return { id, source: `${source}; ${FAILED_ASSUMPTION}`, definition: passParams({ 'FunctionResult.$': expr }), input, expect: { status: 'FAILED', error: 'States.Runtime', causeMatches: "^An error occurred while executing the state 'S'" } };
}

const UUID_V4 = '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';

export const intrinsics: readonly ConformanceCase[] = [
  // States.Format
  fn('format-literal-template', `${IF}: States.Format (example)`, "States.Format('Hello, my name is {}.', $.name)", { name: 'Arnav' }, 'Hello, my name is Arnav.'),
  fn('format-path-template', `${IF}: States.Format with the template from a path (example)`, 'States.Format($.template, $.name)', { name: 'Arnav', template: 'Hello, my name is {}.' }, 'Hello, my name is Arnav.'),
  fn('format-null-number', `${IF}: States.Format renders null and numbers (${REC})`, "States.Format('a={} b={} c={}', $.a, $.b, $.c)", { a: null, b: 1, c: 1.1 }, 'a=null b=1 c=1.1'),
  fn('format-empty-string-arg', `${IF}: States.Format with an empty string (${REC})`, "States.Format('Formatting argument {}.', $.v)", { v: '' }, 'Formatting argument .'),
  fn('format-object-arg', `${IF}: States.Format renders an object argument as key=value (${REC})`, "States.Format('fst={}', $.o)", { o: { Arg1: 1, Arg2: [] } }, 'fst={Arg1=1, Arg2=[]}'),
  fn('format-context-object-arg', `${IF}: States.Format with a $$ object argument (${REC})`, "States.Format('{}', $$.StateMachine)", {}, '{Id=arn:aws:states:us-east-1:123456789012:stateMachine:StateMachine, Name=StateMachine}'),
  fn('format-escaped-braces', `${IF}, "Reserved characters in intrinsic functions": \\{ and \\} are literal braces`, "States.Format('\\{{}\\}', $.v)", { v: 'x' }, '{x}'),
  fn('format-escaped-quote', `${IF}, "Reserved characters in intrinsic functions": \\' is a literal quote`, "States.Format('it\\'s {}', $.v)", { v: 'ok' }, "it's ok"),
  fn('format-boolean', `${IF}: States.Format renders booleans`, "States.Format('{}-{}', $.t, $.f)", { t: true, f: false }, 'true-false'),
  fnFails('format-too-few-args', `${IF}: "There must be as many remaining arguments … as there are occurrences of {}"`, "States.Format('{} and {}', $.a)", { a: 1 }),
  // States.StringToJson / JsonToString
  fn('string-to-json-object', `${IF}: States.StringToJson (example)`, 'States.StringToJson($.escapedJsonString)', { escapedJsonString: '{"foo": "bar"}' }, { foo: 'bar' }),
  fn('string-to-json-empty', `${IF}: States.StringToJson of "" is null (${REC}; issue 14)`, 'States.StringToJson($.s)', { s: '' }, null),
  fn('string-to-json-blank', `${IF}: States.StringToJson of " " is null (${REC})`, 'States.StringToJson($.s)', { s: ' ' }, null),
  fn('string-to-json-number', `${IF}: States.StringToJson of a number (${REC})`, 'States.StringToJson($.s)', { s: '1.1' }, 1.1),
  fn('string-to-json-array', `${IF}: States.StringToJson of an array (${REC})`, 'States.StringToJson($.s)', { s: '[1, 2, "HelloWorld"]' }, [1, 2, 'HelloWorld']),
  fn('string-to-json-string', `${IF}: States.StringToJson of a JSON string (${REC})`, 'States.StringToJson($.s)', { s: '"HelloWorld"' }, 'HelloWorld'),
  fnFails('string-to-json-invalid', `${IF}: States.StringToJson of text that is not JSON`, 'States.StringToJson($.s)', { s: '{not json' }),
  fn('json-to-string-object', `${IF}: States.JsonToString gives compact JSON text (${REC})`, 'States.JsonToString($.o)', { o: { Arg1: 1, Arg2: [] } }, '{"Arg1":1,"Arg2":[]}'),
  fn('json-to-string-string', `${IF}: States.JsonToString of a string quotes it (${REC})`, 'States.JsonToString($.s)', { s: 'HelloWorld' }, '"HelloWorld"'),
  fn('json-to-string-array', `${IF}: States.JsonToString of an array (${REC})`, 'States.JsonToString($.a)', { a: [1, 2, 'HelloWorld'] }, '[1,2,"HelloWorld"]'),
  fn('json-to-string-null', `${IF}: States.JsonToString of null (${REC})`, 'States.JsonToString($.n)', { n: null }, 'null'),
  // States.Array
  fn('array-example', `${IF}: States.Array (example)`, "States.Array('Foo', 2022, $.someJson, null)", { someJson: { random: 'abcdefg' }, zebra: 'stripe' }, ['Foo', 2022, { random: 'abcdefg' }, null]),
  fn('array-empty', `${IF}: States.Array takes zero or more arguments (${REC})`, 'States.Array()', {}, []),
  fn('array-of-path', `${IF}: States.Array($.Id) (example)`, 'States.Array($.Id)', { Id: 123456 }, [123456]),
  // States.ArrayPartition
  fn('array-partition-example', `${IF}: States.ArrayPartition (example)`, 'States.ArrayPartition($.inputArray, 4)', { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, [[1, 2, 3, 4], [5, 6, 7, 8], [9]]),
  fn('array-partition-empty', `${IF}: States.ArrayPartition of [] (${REC})`, 'States.ArrayPartition($.a, 2)', { a: [] }, []),
  fn('array-partition-larger-chunk', `${IF}: States.ArrayPartition with a chunk larger than the array (${REC})`, 'States.ArrayPartition($.a, 5)', { a: [0, 1, 2] }, [[0, 1, 2]]),
  fnFails('array-partition-zero-chunk', `${IF}: States.ArrayPartition needs a positive chunk size`, 'States.ArrayPartition($.a, 0)', { a: [1] }),
  // States.ArrayContains
  fn('array-contains-example', `${IF}: States.ArrayContains (example)`, 'States.ArrayContains($.inputArray, $.lookingFor)', { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9], lookingFor: 5 }, true),
  fn('array-contains-absent', `${IF}: States.ArrayContains of a missing value`, 'States.ArrayContains($.a, $.v)', { a: [1, 2], v: 3 }, false),
  fn('array-contains-array-value', `${IF}: States.ArrayContains compares JSON values (${REC})`, 'States.ArrayContains($.a, $.v)', { a: [[1, 2, 3], 2], v: [1, 2, 3] }, true),
  fn('array-contains-object-value', `${IF}: States.ArrayContains compares objects (${REC})`, 'States.ArrayContains($.a, $.v)', { a: [{ 1: 2, 2: [] }], v: { 1: 2, 2: [] } }, true),
  // States.ArrayRange
  fn('array-range-example', `${IF}: States.ArrayRange (example)`, 'States.ArrayRange(1, 9, 2)', {}, [1, 3, 5, 7, 9]),
  fn('array-range-stops-before-end', `${IF}: States.ArrayRange does not pass the end (${REC})`, 'States.ArrayRange(0, 10, 3)', {}, [0, 3, 6, 9]),
  fn('array-range-negative-step', `${IF}: States.ArrayRange counts down with a negative step`, 'States.ArrayRange(5, 1, -2)', {}, [5, 3, 1]),
  fnFails('array-range-over-1000', `${IF}: "The newly generated array can't contain more than 1000 items"`, 'States.ArrayRange(1, 1001, 1)', {}),
  fn('array-range-exactly-1000', `${IF}: 1000 items are allowed`, 'States.ArrayLength(States.ArrayRange(1, 1000, 1))', {}, 1000),
  // States.ArrayGetItem / ArrayLength / ArrayUnique
  fn('array-get-item-example', `${IF}: States.ArrayGetItem (example)`, 'States.ArrayGetItem($.inputArray, $.index)', { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9], index: 5 }, 6),
  fnFails('array-get-item-out-of-range', `${IF}: States.ArrayGetItem with an index past the end`, 'States.ArrayGetItem($.a, 5)', { a: [1, 2] }),
  fn('array-length-example', `${IF}: States.ArrayLength (example)`, 'States.ArrayLength($.inputArray)', { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, 9),
  fn('array-length-empty', `${IF}: States.ArrayLength of []`, 'States.ArrayLength($.a)', { a: [] }, 0),
  fn('array-unique-example', `${IF}: States.ArrayUnique (example)`, 'States.ArrayUnique($.inputArray)', { inputArray: [1, 2, 3, 3, 3, 3, 3, 3, 4] }, [1, 2, 3, 4]),
  fn('array-unique-objects', `${IF}: States.ArrayUnique compares JSON values, keeping first occurrences`, 'States.ArrayUnique($.a)', { a: [{ k: 1 }, 'x', { k: 1 }, 'x', null, null] }, [{ k: 1 }, 'x', null]),
  // Encoding, hashing
  fn('base64-encode-example', `${IF}: States.Base64Encode (example)`, 'States.Base64Encode($.input)', { input: 'Data to encode' }, 'RGF0YSB0byBlbmNvZGU='),
  fn('base64-decode-example', `${IF}: States.Base64Decode (example)`, 'States.Base64Decode($.base64)', { base64: 'RGF0YSB0byBlbmNvZGU=' }, 'Data to encode'),
  fn('base64-encode-empty', `${IF}: States.Base64Encode of "" (${REC})`, 'States.Base64Encode($.s)', { s: '' }, ''),
  fn('base64-encode-utf8', `${IF}: States.Base64Encode encodes the UTF-8 bytes`, 'States.Base64Encode($.s)', { s: 'é✓' }, 'w6ninJM='),
  fn('hash-sha1-example', `${IF}: States.Hash (example, SHA-1)`, 'States.Hash($.Data, $.Algorithm)', { Data: 'input data', Algorithm: 'SHA-1' }, 'aaff4a450a104cd177d28d18d74485e8cae074b7'),
  fn('hash-md5', `${IF}: States.Hash MD5 (${REC})`, "States.Hash($.Data, 'MD5')", { Data: 'input data' }, '812f45842bc6d66ee14572ce20db8e86'),
  fn('hash-sha256', `${IF}: States.Hash SHA-256 (${REC})`, "States.Hash($.Data, 'SHA-256')", { Data: 'input data' }, 'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3'),
  fn('hash-sha384', `${IF}: States.Hash SHA-384 (${REC})`, "States.Hash($.Data, 'SHA-384')", { Data: 'input data' }, 'd28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562'),
  fn('hash-sha512', `${IF}: States.Hash SHA-512 (${REC})`, "States.Hash($.Data, 'SHA-512')", { Data: 'input data' }, '6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4'),
  fnFails('hash-unknown-algorithm', `${IF}: States.Hash accepts only MD5, SHA-1, SHA-256, SHA-384, SHA-512`, "States.Hash($.Data, 'CRC32')", { Data: 'x' }),
  // JSON manipulation
  fn('json-merge-example', `${IF}: States.JsonMerge shallow (example)`, 'States.JsonMerge($.json1, $.json2, false)', { json1: { a: { a1: 1, a2: 2 }, b: 2 }, json2: { a: { a3: 1, a4: 2 }, c: 3 } }, { a: { a3: 1, a4: 2 }, b: 2, c: 3 }),
  fn('json-merge-overrides', `${IF}: States.JsonMerge: the second object's values win (${REC})`, 'States.JsonMerge($.x, $.y, false)', { x: { b: 2, d: 3 }, y: { c: 3, d: 4 } }, { b: 2, c: 3, d: 4 }),
  fnFails('json-merge-deep-refused', `${IF}: States.JsonMerge supports only shallow merging (deep true is an error)`, 'States.JsonMerge($.x, $.y, true)', { x: { a: 1 }, y: { b: 2 } }),
  // Math
  fn('math-add-example', `${IF}: States.MathAdd (example)`, 'States.MathAdd($.value1, 1)', { value1: 111 }, 112),
  fn('math-add-negative', `${IF}: States.MathAdd with a negative step (example)`, 'States.MathAdd($.value1, $.step)', { value1: 111, step: -1 }, 110),
  fn('math-add-rounds-half-up', `${IF}: States.MathAdd rounds non-integers first, half up (${REC}: 1.5 + 0 = 2)`, 'States.MathAdd($.a, $.b)', { a: 1.5, b: 0 }, 2),
  fn('math-add-rounds-149', `${IF}: States.MathAdd rounding (${REC}: 1.49 + 1.5 = 3)`, 'States.MathAdd($.a, $.b)', { a: 1.49, b: 1.5 }, 3),
  fn('math-add-rounds-negative-half', `${IF}: States.MathAdd rounding of -1.5 is -1 (${REC})`, 'States.MathAdd($.a, $.b)', { a: -1.5, b: 0 }, -1),
  fn('math-add-rounds-negative', `${IF}: States.MathAdd rounding (${REC}: -1.5 + -1.51 = -3)`, 'States.MathAdd($.a, $.b)', { a: -1.5, b: -1.51 }, -3),
  fn('math-add-rounds-2-5', `${IF}: States.MathAdd rounding of 2.5 is 3 (${REC})`, 'States.MathAdd($.a, $.b)', { a: 2.5, b: 0 }, 3),
  {
    id: 'math-random-in-range', source: `${IF}: States.MathRandom returns a number from start (inclusive) to end (exclusive)`,
    definition: chain({ R: { Type: 'Pass', Parameters: { 'n.$': 'States.MathRandom(1, 10)' } }, C: { Type: 'Choice', Choices: [{ And: [{ Variable: '$.n', NumericGreaterThanEquals: 1 }, { Variable: '$.n', NumericLessThan: 10 }], Next: 'Ok' }], Default: 'Bad' }, Ok: { Type: 'Pass', Result: 'in range', End: true }, Bad: { Type: 'Fail', Error: 'OutOfRange' } }),
    input: {}, expect: { status: 'SUCCEEDED', output: 'in range' },
  },
  {
    id: 'math-random-seeded-same', source: `${IF}: States.MathRandom with a seed: the same seed gives the same number`,
    definition: chain({ R: { Type: 'Pass', Parameters: { 'a.$': 'States.MathRandom(0, 1000, 7)', 'b.$': 'States.MathRandom(0, 1000, 7)' } }, C: { Type: 'Choice', Choices: [{ Variable: '$.a', NumericEqualsPath: '$.b', Next: 'Ok' }], Default: 'Bad' }, Ok: { Type: 'Pass', Result: 'same', End: true }, Bad: { Type: 'Fail', Error: 'Differ' } }),
    input: {}, expect: { status: 'SUCCEEDED', output: 'same' },
  },
  { id: 'math-random-non-integer-bounds', source: `${IF}: States.MathRandom accepts non-integer bounds (${REC}: 12.5, 44.51 succeeds; issue 14)`, definition: passParams({ 'n.$': 'States.MathRandom($.a, $.b)' }), input: { a: 12.5, b: 44.51 }, expect: { status: 'SUCCEEDED', output: { n: { $type: 'number' } } } },
  // Strings
  fn('string-split-example', `${IF}: States.StringSplit (example)`, 'States.StringSplit($.inputString, $.splitter)', { inputString: '1,2,3,4,5', splitter: ',' }, ['1', '2', '3', '4', '5']),
  fn('string-split-any-char', `${IF}: States.StringSplit splits on any character of the delimiter (example)`, 'States.StringSplit($.s, $.d)', { s: 'This.is+a,test=string', d: '.+,=' }, ['This', 'is', 'a', 'test', 'string']),
  fn('string-split-drops-empty', `${IF}: States.StringSplit drops empty pieces (${REC}: ",,,," → [])`, 'States.StringSplit($.s, $.d)', { s: ',,,,', d: ',' }, []),
  fn('string-split-keeps-blanks', `${IF}: States.StringSplit keeps pieces of spaces (${REC}: ", , ," → [" ", " "])`, 'States.StringSplit($.s, $.d)', { s: ', , ,', d: ',' }, [' ', ' ']),
  fn('string-split-newline', `${IF}: States.StringSplit on a newline literal (${REC})`, "States.StringSplit('Hello\nWorld', '\n')", {}, ['Hello', 'World']),
  fn('string-split-no-delimiter-found', `${IF}: States.StringSplit without the delimiter in the string (${REC})`, 'States.StringSplit($.s, $.d)', { s: ' ', d: ',' }, [' ']),
  // UUID, nesting
  fn('uuid-v4', `${IF}: States.UUID returns a version 4 UUID`, 'States.UUID()', {}, match(UUID_V4)),
  fn('nested-get-split', `${IF}: nested intrinsics (${REC})`, "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, 'M'), 0)", {}, 'State'),
  fn('nested-format-array-length', `${IF}: up to 10 nested intrinsics in a field`, "States.Format('{} items', States.ArrayLength(States.ArrayRange(1, 5, 1)))", {}, '5 items'),
  fn('json-merge-string-to-json-literal', `${IF}: a quoted JSON literal through StringToJson, merged (${REC})`, "States.JsonMerge(States.StringToJson('{\"a\": \"1\"}'), $.b, false)", { b: { c: 'v' } }, { a: '1', c: 'v' }),
];
