/**
 * Conformance: intrinsic functions (Developer Guide "Intrinsic functions for JSONPath states in Step Functions",
 * by section; ASL spec "Intrinsic Functions"). Results marked "AWS snapshot" come from recorded AWS executions
 * (LocalStack's AWS-validated snapshots, tests/aws/services/stepfunctions/v2/intrinsic_functions). The texts of
 * Intrinsic failure causes are not published by AWS: those tests assert the error name and what the cause
 * must mention, not AWS's wording.
 */
import { evaluateIntrinsic, renderTemplate } from '../../../../local/engine/jsonpath';
import { scope, statesErrorOf } from './support';

const run = (expr: string, input: unknown = {}) => evaluateIntrinsic(expr, scope(input, { v: [1, 2] }), 'r.$');
const failure = (expr: string, input: unknown = {}) => statesErrorOf(() => run(expr, input));

type Ok = [string, string, unknown, unknown];
type Bad = [string, string, unknown, string, RegExp];

function table(name: string, ok: Ok[], bad: Bad[]): void {
  describe(name, () => {
    test.each(ok)('%s: %s', (_source, expr, input, expected) => {
      expect(run(expr, input)).toStrictEqual(expected);
    });
    if (bad.length) {
      test.each(bad)('%s: %s fails', (_source, expr, input, error, cause) => {
        const err = failure(expr, input);
        expect(err.error).toBe(error);
        expect(err.cause).toMatch(cause);
      });
    }
  });
}

const G = '"Intrinsics for generic operations"';
const A = '"Intrinsics for arrays"';
const E = '"Intrinsics for data encoding and decoding"';
const H = '"Intrinsic for hash calculation"';
const J = '"Intrinsics for JSON data manipulation"';
const M = '"Intrinsics for Math operations"';
const S = '"Intrinsic for String operation"';
// Recorded AWS executions report a failed intrinsic as States.Runtime (the spec's States.IntrinsicFailure is not used).
const IF = 'States.Runtime';

table('States.Format', [
  [`${G} example`, "States.Format('Hello, my name is {}.', $.name)", { name: 'Arnav' }, 'Hello, my name is Arnav.'],
  [`${G}: the template may come from a path`, 'States.Format($.template, $.name)', { name: 'Arnav', template: 'Hello, my name is {}.' }, 'Hello, my name is Arnav.'],
  ['AWS snapshot format_2: null and numbers', "States.Format('fst={} and snd={}.', $.a, $.b)", { a: null, b: 1.1 }, 'fst=null and snd=1.1.'],
  ['AWS snapshot format_2: an object renders as a Java Map', "States.Format('fst={}.', $.o)", { o: { Arg1: 1, Arg2: [] } }, 'fst={Arg1=1, Arg2=[]}.'],
  ['assumed (Java List toString): an array', "States.Format('{}', $.l)", { l: [1, 'a', null, true] }, '[1, a, null, true]'],
  ['AWS snapshot format_1: a string holding JSON is kept as it is', "States.Format('{}', $.s)", { s: '{"Arg1": 1}' }, '{"Arg1": 1}'],
  [`${G} "Reserved characters": \\{ \\} \\' \\\\ escapes`, "States.Format('\\{\\} \\'{}\\' \\\\', $.x)", { x: 'v' }, "{} 'v' \\"],
  [`${G}: no placeholders, no arguments`, "States.Format('plain')", {}, 'plain'],
  ['"Intrinsic functions": nested calls', "States.Format('{}-{}', States.ArrayLength($.l), States.MathAdd(1, 2))", { l: [1, 2] }, '2-3'],
  ['AWS snapshot context_json_path: $$ arguments', "States.Format('{}', $$.StateMachine.Name)", {}, 'sm'],
], [
  [`${G}: more placeholders than arguments`, "States.Format('{} {}', $.a)", { a: 1 }, IF, /placeholders/],
  [`${G}: more arguments than placeholders`, "States.Format('{}', $.a, $.a)", { a: 1 }, IF, /placeholders/],
  [`${G}: the template must be a string`, 'States.Format($.n)', { n: 1 }, IF, /template.*must be a string/],
  ['"Payload Template": a missing path argument', "States.Format('{}', $.missing)", {}, 'States.Runtime', /The JSONPath '\$\.missing' specified for the field 'r\.\$' could not be found/],
  [`${G} "Reserved characters": an open escape is refused`, "States.Format('a\\b')", {}, 'States.Runtime', /open escape/],
]);

table('States.StringToJson', [
  [`${J} example`, 'States.StringToJson($.s)', { s: '{"foo": "bar"}' }, { foo: 'bar' }],
  ['AWS snapshot string_to_json: "" is null', 'States.StringToJson($.s)', { s: '' }, null],
  ['AWS snapshot string_to_json: blank is null', 'States.StringToJson($.s)', { s: ' ' }, null],
  ['AWS snapshot string_to_json: "-0" is 0', 'States.StringToJson($.s)', { s: '-0' }, 0],
  ['AWS snapshot string_to_json: an array', 'States.StringToJson($.s)', { s: '[1, 2, "HelloWorld"]' }, [1, 2, 'HelloWorld']],
  ['AWS snapshot string_to_json: a quoted string', 'States.StringToJson($.s)', { s: '"HelloWorld"' }, 'HelloWorld'],
  ['AWS snapshot json_merge_escaped_argument: a literal argument', "States.StringToJson('{\"a\": \"false\"}')", {}, { a: 'false' }],
], [
  [`${J}: text that is not JSON`, 'States.StringToJson($.s)', { s: '{nope' }, IF, /must be a string holding JSON/],
  [`${J}: the argument must be a string`, 'States.StringToJson($.n)', { n: 1 }, IF, /must be a string/],
]);

table('States.JsonToString', [
  [`${J} example`, 'States.JsonToString($.o)', { o: { foo: 'bar' } }, '{"foo":"bar"}'],
  ['AWS snapshot json_to_string: null', 'States.JsonToString($.o)', { o: null }, 'null'],
  ['AWS snapshot json_to_string: a string is quoted', 'States.JsonToString($.o)', { o: 'HelloWorld' }, '"HelloWorld"'],
  ['AWS snapshot json_to_string: an array, compact', 'States.JsonToString($.o)', { o: [1, 2, 'HelloWorld'] }, '[1,2,"HelloWorld"]'],
  ['AWS snapshot json_to_string: numbers and booleans', 'States.Array(States.JsonToString($.a), States.JsonToString($.b))', { a: 1.1, b: true }, ['1.1', 'true']],
], [
  [`${J}: a missing path`, 'States.JsonToString($.o)', {}, 'States.Runtime', /could not be found in the input/],
]);

table('States.Array', [
  [`${A} example`, 'States.Array($.Id)', { Id: 123456 }, [123456]],
  ['AWS snapshot array_0: no arguments', 'States.Array()', {}, []],
  ['AWS snapshot array_2: objects and null', 'States.Array($.a, $.b)', { a: { Arg1: 1 }, b: null }, [{ Arg1: 1 }, null]],
  ['"Intrinsic functions": literal arguments', "States.Array('a', 1, -2.5, true, false, null)", {}, ['a', 1, -2.5, true, false, null]],
  ['"Passing data … with variables": a variable argument', 'States.Array($v)', {}, [[1, 2]]],
], []);

table('States.ArrayPartition', [
  [`${A} example`, 'States.ArrayPartition($.a, 4)', { a: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, [[1, 2, 3, 4], [5, 6, 7, 8], [9]]],
  ['AWS snapshot array_partition: empty array', 'States.ArrayPartition($.a, 2)', { a: [] }, []],
  ['AWS snapshot array_partition: chunk larger than the array', 'States.ArrayPartition($.a, 5)', { a: [0, 1, 2] }, [[0, 1, 2]]],
  ['AWS snapshot array_partition: chunk of 1', 'States.ArrayPartition($.a, 1)', { a: [0, 1] }, [[0], [1]]],
], [
  [`${A}: chunk size 0`, 'States.ArrayPartition($.a, 0)', { a: [1] }, IF, /positive integer/],
  [`${A}: negative chunk size`, 'States.ArrayPartition($.a, -1)', { a: [1] }, IF, /positive integer/],
  [`${A}: non-integer chunk size`, 'States.ArrayPartition($.a, 1.5)', { a: [1] }, IF, /must be an integer/],
  [`${A}: not an array`, 'States.ArrayPartition($.a, 1)', { a: 'x' }, IF, /must be an array/],
]);

table('States.ArrayContains', [
  [`${A} example`, 'States.ArrayContains($.a, $.v)', { a: [1, 2, 3, 4, 5, 6, 7, 8, 9], v: 5 }, true],
  ['AWS snapshot array_contains: an array element', 'States.ArrayContains($.a, $.v)', { a: [[1, 2, 3], 2], v: [1, 2, 3] }, true],
  ['AWS snapshot array_contains: an object element', 'States.ArrayContains($.a, $.v)', { a: [{ '1': 2, '2': [] }], v: { '1': 2, '2': [] } }, true],
  ['AWS snapshot array_contains: null not in the array', 'States.ArrayContains($.a, $.v)', { a: [[1, 2, 3], 2], v: null }, false],
  ['AWS snapshot array_contains: empty array', 'States.ArrayContains($.a, 1)', { a: [] }, false],
  ['AWS snapshot array_contains: false is found', 'States.ArrayContains($.a, false)', { a: [true, false] }, true],
], [
  [`${A}: not an array`, 'States.ArrayContains($.a, 1)', { a: { b: 1 } }, IF, /must be an array/],
]);

table('States.ArrayRange', [
  [`${A} example`, 'States.ArrayRange(1, 9, 2)', {}, [1, 3, 5, 7, 9]],
  ['AWS snapshot array_range: end not reached exactly', 'States.ArrayRange(0, 10, 3)', {}, [0, 3, 6, 9]],
  ['AWS snapshot array_range: step past the end', 'States.ArrayRange(1, 9, 9)', {}, [1]],
  ['assumed: a negative step counts down', 'States.ArrayRange(5, 1, -2)', {}, [5, 3, 1]],
  [`${A}: exactly 1000 items is allowed`, 'States.ArrayLength(States.ArrayRange(1, 1000, 1))', {}, 1000],
], [
  [`${A}: a step of 0`, 'States.ArrayRange(1, 9, 0)', {}, IF, /must not be 0/],
  [`${A}: more than 1000 items`, 'States.ArrayRange(0, 1000, 1)', {}, IF, /more than 1000 items/],
  [`${A}: non-integer arguments`, 'States.ArrayRange(0.5, 3, 1)', {}, IF, /must be an integer/],
]);

table('States.ArrayGetItem', [
  [`${A} example`, 'States.ArrayGetItem($.a, $.i)', { a: [1, 2, 3, 4, 5, 6, 7, 8, 9], i: 5 }, 6],
  [`${A}: first item`, 'States.ArrayGetItem($.a, 0)', { a: ['x', 'y'] }, 'x'],
  ['AWS snapshot nested_calls_1: nested in StringSplit', "States.ArrayGetItem(States.StringSplit($$.StateMachine.Id, ':'), 5)", {}, 'stateMachine'],
], [
  [`${A}: index past the end`, 'States.ArrayGetItem($.a, 2)', { a: [1, 2] }, IF, /out of bounds/],
  [`${A}: negative index`, 'States.ArrayGetItem($.a, -1)', { a: [1, 2] }, IF, /out of bounds/],
  [`${A}: non-integer index`, "States.ArrayGetItem($.a, '0')", { a: [1, 2] }, IF, /must be an integer/],
  [`${A}: not an array`, 'States.ArrayGetItem($.a, 0)', { a: 'ab' }, IF, /must be an array/],
]);

table('States.ArrayLength', [
  [`${A} example`, 'States.ArrayLength($.a)', { a: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, 9],
  [`${A}: empty array`, 'States.ArrayLength($.a)', { a: [] }, 0],
  ['"Paths": an indefinite path argument is an array', 'States.ArrayLength($.l[*].x)', { l: [{ x: 1 }, { y: 2 }, { x: 3 }] }, 2],
], [
  [`${A}: not an array`, 'States.ArrayLength($.a)', { a: 'abc' }, IF, /must be an array/],
  [`${A}: null`, 'States.ArrayLength($.a)', { a: null }, IF, /must be an array/],
]);

table('States.ArrayUnique', [
  [`${A} example`, 'States.ArrayUnique($.a)', { a: [1, 2, 3, 3, 3, 3, 3, 3, 4] }, [1, 2, 3, 4]],
  [
    'AWS snapshot array_unique input: mixed JSON values, deep equality',
    'States.ArrayUnique($.a)',
    { a: [null, null, true, true, 1, 1, 1.1, 'x', 'x', [], [], [null], [null], { a: 1, b: 2 }, { b: 2, a: 1 }, { a: 1, b: 1 }] },
    [null, true, 1, 1.1, 'x', [], [null], { a: 1, b: 2 }, { a: 1, b: 1 }],
  ],
  [`${A}: first occurrences keep their order`, 'States.ArrayUnique($.a)', { a: ['b', 'a', 'b'] }, ['b', 'a']],
], [
  [`${A}: not an array`, 'States.ArrayUnique($.a)', { a: {} }, IF, /must be an array/],
  ['"Intrinsic functions": wrong number of arguments', 'States.ArrayUnique($.a, $.a)', { a: [] }, 'States.Runtime', /takes 1 argument/],
]);

const long = 'x'.repeat(10001);
table('States.Base64Encode', [
  [`${E} example`, 'States.Base64Encode($.s)', { s: 'Data to encode' }, 'RGF0YSB0byBlbmNvZGU='],
  ['AWS snapshot base64encode: empty string', 'States.Base64Encode($.s)', { s: '' }, ''],
  [`${E}: UTF-8 text`, "States.Base64Encode('é€')", {}, 'w6nigqw='],
  [`${E}: 10,000 characters is allowed`, 'States.ArrayLength(States.StringSplit(States.Base64Encode($.s), \'=\'))', { s: 'x'.repeat(10000) }, 1],
], [
  [`${E}: more than 10,000 characters`, 'States.Base64Encode($.s)', { s: long }, IF, /at most 10000/],
  [`${E}: not a string`, 'States.Base64Encode($.s)', { s: 1 }, IF, /must be a string/],
]);

table('States.Base64Decode', [
  [`${E} example`, 'States.Base64Decode($.s)', { s: 'RGF0YSB0byBlbmNvZGU=' }, 'Data to encode'],
  ['AWS snapshot base64decode: empty string', 'States.Base64Decode($.s)', { s: '' }, ''],
  [`${E}: round trip`, "States.Base64Decode(States.Base64Encode('é€'))", {}, 'é€'],
], [
  [`${E}: not Base64`, 'States.Base64Decode($.s)', { s: 'not base64!' }, IF, /Base64-encoded/],
  [`${E}: more than 10,000 characters`, 'States.Base64Decode($.s)', { s: 'QUFB'.repeat(2501) }, IF, /at most 10000/],
  [`${E}: not a string`, 'States.Base64Decode($.s)', { s: null }, IF, /must be a string/],
]);

table('States.Hash', [
  ['AWS snapshot hash: MD5', "States.Hash($.d, 'MD5')", { d: 'input data' }, '812f45842bc6d66ee14572ce20db8e86'],
  ['AWS snapshot hash: SHA-1', "States.Hash($.d, 'SHA-1')", { d: 'input data' }, 'aaff4a450a104cd177d28d18d74485e8cae074b7'],
  ['AWS snapshot hash: SHA-256', "States.Hash($.d, 'SHA-256')", { d: 'input data' }, 'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3'],
  ['AWS snapshot hash: SHA-384', "States.Hash($.d, 'SHA-384')", { d: 'input data' }, 'd28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562'],
  ['AWS snapshot hash: SHA-512', "States.Hash($.d, $.alg)", { d: 'input data', alg: 'SHA-512' }, '6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4'],
], [
  [`${H}: an unknown algorithm`, "States.Hash($.d, 'SHA-3')", { d: 'x' }, IF, /must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512/],
  [`${H}: algorithm names are exact (case)`, "States.Hash($.d, 'md5')", { d: 'x' }, IF, /must be one of/],
  [`${H}: more than 10,000 characters`, "States.Hash($.d, 'MD5')", { d: long }, IF, /at most 10000/],
  [`${H}: null data`, "States.Hash($.d, 'MD5')", { d: null }, IF, /must not be null/],
]);

table('States.JsonMerge', [
  [`${J} example: shallow, the second wins`, 'States.JsonMerge($.a, $.b, false)', { a: { a: 1, b: { x: 1 } }, b: { b: { y: 2 }, c: 3 } }, { a: 1, b: { y: 2 }, c: 3 }],
  ['AWS snapshot json_merge', 'States.JsonMerge($.f, $.s, false)', { f: { a: { a1: 1, a2: 2 }, b: 2, d: 3 }, s: { a: { a3: 1, a4: 2 }, c: 3, d: 4 } }, { a: { a3: 1, a4: 2 }, b: 2, d: 4, c: 3 }],
  ['AWS snapshot json_merge_escaped_argument: with StringToJson and $$', "States.JsonMerge(States.StringToJson('{\"k\": \"false\"}'), $$.Execution.Input, false)", {}, { k: 'false', from: 'execution' }],
  [`${J}: empty objects`, 'States.JsonMerge($.a, $.a, false)', { a: {} }, {}],
], [
  [`${J}: deep merge (true) is refused`, 'States.JsonMerge($.a, $.a, true)', { a: {} }, IF, /must be false/],
  [`${J}: the first argument must be an object`, 'States.JsonMerge($.l, $.a, false)', { a: {}, l: [] }, IF, /first argument .* must be a JSON object/],
  [`${J}: the second argument must be an object`, "States.JsonMerge($.a, 'x', false)", { a: {} }, IF, /second argument .* must be a JSON object/],
]);

table('States.MathAdd', [
  [`${M} example`, 'States.MathAdd($.v, 1)', { v: 111 }, 112],
  ['AWS snapshot math_add: negative', 'States.MathAdd($.a, $.b)', { a: -9, b: 3 }, -6],
  ['AWS snapshot math_add: 1.49 + 1.5 rounds each first → 1 + 2', 'States.MathAdd($.a, $.b)', { a: 1.49, b: 1.5 }, 3],
  ['AWS snapshot math_add: -1.49 + -1.5 → -1 + -1 (half up)', 'States.MathAdd($.a, $.b)', { a: -1.49, b: -1.5 }, -2],
  ['AWS snapshot math_add: 2.5 + 0 → 3', 'States.MathAdd(2.5, 0)', {}, 3],
  ['AWS snapshot math_add: -2.5 + 0 → -2', 'States.MathAdd(-2.5, 0)', {}, -2],
  ['AWS snapshot math_add: -0.5 + 0.5 → 0 + 1', 'States.MathAdd(-0.5, 0.5)', {}, 1],
  ['AWS snapshot nested_calls_2: with ArrayLength', "States.MathAdd(States.ArrayLength($.l), -1)", { l: [1, 2, 3] }, 2],
], [
  [`${M}: a string argument`, "States.MathAdd('1', 1)", {}, IF, /must be a number/],
  [`${M}: beyond the 32-bit integer range`, 'States.MathAdd(2147483648, 1)', {}, IF, /between -2147483648 and 2147483647/],
]);

describe('States.MathRandom', () => {
  test(`${M}: start inclusive, end exclusive`, () => {
    for (let i = 0; i < 200; i++) {
      const n = run('States.MathRandom(1, 3)') as number;
      expect([1, 2]).toContain(n);
    }
  });
  test('AWS snapshot math_random: non-integer bounds are accepted (rounded: assumed)', () => {
    const n = run('States.MathRandom($.a, $.b)', { a: 12.5, b: 44.51 }) as number;
    expect(Number.isInteger(n) && n >= 13 && n < 45).toBe(true);
  });
  test(`${M}: the same seed gives the same number (java.util.Random: assumed)`, () => {
    expect(run('States.MathRandom(0, 999, 3)')).toBe(run('States.MathRandom(0, 999, 3)'));
    expect(run('States.MathRandom(0, 100, 42)')).toBe(30); // new java.util.Random(42).nextInt(100)
  });
  test(`${M}: negative ranges`, () => {
    const n = run('States.MathRandom(-99999, -9999)') as number;
    expect(n >= -99999 && n < -9999).toBe(true);
  });
  test.each<[string, string, RegExp]>([
    [`${M}: end not above start`, 'States.MathRandom(5, 5)', /must be greater than its start/],
    [`${M}: a string bound`, "States.MathRandom('1', 5)", /must be a number/],
    [`${M}: too many arguments`, 'States.MathRandom(1, 5, 1, 1)', /takes 2 to 3 arguments/],
  ])('%s', (_source, expr, cause) => {
    expect(failure(expr).cause).toMatch(cause);
  });
});

table('States.StringSplit', [
  [`${S} example`, "States.StringSplit($.s, ',')", { s: '1,2,3,4,5' }, ['1', '2', '3', '4', '5']],
  ['AWS snapshot string_split: each delimiter character splits', 'States.StringSplit($.s, $.d)', { s: 'This.is+a,test=string', d: '.+,=' }, ['This', 'is', 'a', 'test', 'string']],
  ['AWS snapshot string_split: empty pieces are dropped', "States.StringSplit($.s, ',')", { s: ', , ,' }, [' ', ' ']],
  ['AWS snapshot string_split: only delimiters gives []', "States.StringSplit($.s, ',')", { s: ',,,,' }, []],
  ['AWS snapshot string_split: newline delimiters', 'States.StringSplit($.s, $.d)', { s: 'split on T and \nnew line', d: 'T\n' }, ['split on ', ' and ', 'new line']],
  ['AWS snapshot escape_sequence: a literal holding a newline', "States.StringSplit('Hello\nWorld', '\n')", {}, ['Hello', 'World']],
], [
  [`${S}: the string must be a string`, "States.StringSplit($.s, ',')", { s: 12 }, IF, /must be a string/],
  [`${S}: the delimiter must be a string`, 'States.StringSplit($.s, 1)', { s: 'a' }, IF, /delimiter .* must be a string/],
]);

describe('States.UUID', () => {
  test('"Intrinsic for unique identifier generation": a version 4 UUID', () => {
    expect(run('States.UUID()')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  test('"Intrinsic for unique identifier generation": a new one each call', () => {
    expect(run('States.UUID()')).not.toBe(run('States.UUID()'));
  });
  test('"Intrinsic functions": nested in Format', () => {
    expect(run("States.Format('id-{}', States.UUID())")).toMatch(/^id-[0-9a-f-]{36}$/);
  });
  test('"Intrinsic functions": takes no arguments', () => {
    expect(failure("States.UUID('x')").cause).toMatch(/takes 0 arguments/);
  });
  test('"Payload Template": used from a template', () => {
    expect((renderTemplate({ 'id.$': 'States.UUID()' }, scope({})) as { id: string }).id).toHaveLength(36);
  });
});

describe('the call syntax ("Intrinsic functions"; ASL spec "Intrinsic Functions")', () => {
  test.each<[string, string, unknown]>([
    ['spaces around arguments', "States.Array( 1 ,  'a' )", [1, 'a']],
    ['a comma inside a string literal', "States.Array('a,b')", ['a,b']],
    ['a bracketed path with a comma and a parenthesis', "States.Array($['x,)'])", [5]],
    ['nine nested calls (guide example depth)', "States.ArrayLength(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(1)))))))))", 1],
  ])('%s', (_what, expr, expected) => {
    expect(run(expr, { 'x,)': 5 })).toStrictEqual(expected);
  });

  test.each<[string, string, RegExp]>([
    ['an unknown function', 'States.Nope(1)', /States\.Nope is not an intrinsic function/],
    ['a missing closing parenthesis', 'States.Array(1', /'\)' expected|',' or '\)' expected/],
    ['text after the call', 'States.Array(1) x', /unexpected/],
    ['an unterminated string', "States.Array('a)", /unterminated string literal/],
    ['a bare word argument', 'States.Array(abc)', /an argument must be/],
    ['more than 10 nested calls', `${'States.Array('.repeat(11)}1${')'.repeat(11)}`, /more than 10 nested/],
  ])('%s is a definition error', (_what, expr, cause) => {
    const err = failure(expr);
    expect(err.error).toBe('States.Runtime');
    expect(err.cause).toMatch(cause);
  });
});
