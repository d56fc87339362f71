import { createJsonataLanguage, javaRandomDouble } from '../../../../local/engine/jsonata';
import { binding, DOCS, failure, FIXED_NOW, FIXED_UUID, render } from './support';

// The functions Step Functions adds to JSONata, and the JSONata functions it changes ($eval, $now, $millis).

describe('values of the added functions', () => {
  const cases: Array<[string, string, unknown, unknown, string]> = [
    // $partition
    ['$partition of 9 items by 3', '{% $partition([1,2,3,4,5,6,7,8,9], 3) %}', {}, [[1, 2, 3], [4, 5, 6], [7, 8, 9]], DOCS.functions],
    ['$partition: the last chunk is shorter', '{% $partition([1,2,3,4], $states.input.chunkSize) %}', { chunkSize: 3 }, [[1, 2, 3], [4]], DOCS.functions],
    ['$partition([0], 1) stays a two-dimensional array', '{% $partition($states.input.a, 1) %}', { a: [0] }, [[0]], DOCS.recorded('intrinsic_functions/test_array_jsonata test_array_partition')],
    ['$partition([0,1,2], 2)', '{% $partition($states.input.a, 2) %}', { a: [0, 1, 2] }, [[0, 1], [2]], DOCS.recorded('intrinsic_functions/test_array_jsonata test_array_partition')],
    ['$partition([0,1,2,3], 5): one chunk', '{% $partition($states.input.a, 5) %}', { a: [0, 1, 2, 3] }, [[0, 1, 2, 3]], DOCS.recorded('intrinsic_functions/test_array_jsonata test_array_partition')],
    ['$partition truncates a non-integer size (2.9 → 2)', '{% $partition([1,2,3], 2.9) %}', {}, [[1, 2], [3]], DOCS.functions + ' (Note: non-integer numbers are rounded down)'],
    // Assumed: the docs are silent on an empty array; JSONata's array signature keeps an empty array an array.
    ['$partition([], 2) is [] (assumed)', '{% $partition([], 2) %}', {}, [], 'assumed: docs silent'],
    // $range
    ['$range(0, 10, 2) includes the end', '{% $range(0, 10, 2) %}', {}, [0, 2, 4, 6, 8, 10], DOCS.functions],
    ['$range(0, 9, 3)', '{% $range($states.input.a, $states.input.b, $states.input.c) %}', { a: 0, b: 9, c: 3 }, [0, 3, 6, 9], DOCS.recorded('intrinsic_functions/test_array_jsonata test_array_range')],
    ['$range(0, 10, 3) stops before passing the end', '{% $range(0, 10, 3) %}', {}, [0, 3, 6, 9], DOCS.recorded('intrinsic_functions/test_array_jsonata test_array_range')],
    ['$range(1, 9, 2)', '{% $range(1, 9, 2) %}', {}, [1, 3, 5, 7, 9], DOCS.recorded('intrinsic_functions/test_array_jsonata test_array_range')],
    ['$range(1, 9, 9) is the single element itself (a JSONata sequence of one)', '{% $range(1, 9, 9) %}', {}, 1, DOCS.recorded('intrinsic_functions/test_array_jsonata test_array_range')],
    ['$range with a negative delta counts down', '{% $range(10, 0, -3) %}', {}, [10, 7, 4, 1], DOCS.functions],
    ['$range truncates towards zero ($range(-1.7, 2, 1))', '{% $range(-1.7, 2, 1) %}', {}, [-1, 0, 1, 2], DOCS.measured('floci-io/floci#2676')],
    ['$range of 200000 elements (no 1000-element cap as for States.ArrayRange)', '{% $count($range(1, 200000, 1)) %}', {}, 200000, DOCS.measured('floci-io/floci#2676')],
    ['a one-element $range inside an array constructor is an array again', '{% [$range(1, 1, 1)] %}', {}, [1], 'JSONata sequence semantics (jsonata 2.0.6 spec, "Sequences")'],
    // $hash
    ['$hash SHA-1 (lower-case hex)', '{% $hash("input", "SHA-1") %}', {}, '140f86aae51ab9e1cda9b4254fe98a74eb54c1a1', DOCS.measured('floci-io/floci#2662')],
    ['$hash MD5', '{% $hash("", "MD5") %}', {}, 'd41d8cd98f00b204e9800998ecf8427e', DOCS.functions + ' (RFC 1321 test vector)'],
    ['$hash SHA-256', "{% $hash('abc', 'SHA-256') %}", {}, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', DOCS.functions + ' (FIPS 180-2 test vector)'],
    ['$hash SHA-384', "{% $hash('abc', 'SHA-384') %}", {}, 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7', DOCS.functions + ' (FIPS 180-2 test vector)'],
    ['$hash SHA-512', "{% $hash('abc', 'SHA-512') %}", {}, 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f', DOCS.functions + ' (FIPS 180-2 test vector)'],
    ['$hash of the input with the algorithm in a variable', '{% $hash($states.input.content, $hashAlgorithmName) %}', { content: 'input' }, '140f86aae51ab9e1cda9b4254fe98a74eb54c1a1', DOCS.functions],
    // $random
    ['$random(42) is java.util.Random(42).nextDouble()', '{% $random($states.input.seed) %}', { seed: 42 }, 0.7275636800328681, DOCS.measured('floci-io/floci#2662')],
    ['$random with the same seed twice gives the same number', '{% $random(7) = $random(7) %}', {}, true, DOCS.functions],
    ['$random seed 3.9 is seed 3 (rounded down)', '{% $random(3.9) = $random(3) %}', {}, true, DOCS.functions + ' (Note: non-integer numbers are rounded down)'],
    ['$random() without a seed uses the random source', '{% $random() %}', {}, 0.25, DOCS.functions],
    // $uuid
    ['$uuid() returns a v4 UUID from the uuid source', '{% $uuid() %}', {}, FIXED_UUID, DOCS.functions],
    // $parse
    ['$parse of an object', '{% $parse($states.input.json_string).a %}', { json_string: '{"a":1}' }, 1, DOCS.functions],
    ['$parse("-0") is 0', '{% $parse("-0") %}', {}, 0, DOCS.recorded('intrinsic_functions/test_json_manipulation_jsonata test_parse')],
    ['$parse("1.1")', '{% $parse("1.1") %}', {}, 1.1, DOCS.recorded('intrinsic_functions/test_json_manipulation_jsonata test_parse')],
    ['$parse("true")', '{% $parse("true") %}', {}, true, DOCS.recorded('intrinsic_functions/test_json_manipulation_jsonata test_parse')],
    ['$parse of a JSON string literal', '{% $parse($states.input.s) %}', { s: '"HelloWorld"' }, 'HelloWorld', DOCS.recorded('intrinsic_functions/test_json_manipulation_jsonata test_parse')],
    ['$parse of an array', '{% $parse($states.input.s) %}', { s: '[1, 2, "HelloWorld"]' }, [1, 2, 'HelloWorld'], DOCS.recorded('intrinsic_functions/test_json_manipulation_jsonata test_parse')],
    ['$parse of an object with an empty array', '{% $parse($states.input.s) %}', { s: '{"Arg1": 1, "Arg2": []}' }, { Arg1: 1, Arg2: [] }, DOCS.recorded('intrinsic_functions/test_json_manipulation_jsonata test_parse')],
    // the execution clock
    ['$now() is the execution clock in ISO 8601', '{% $now() %}', {}, new Date(FIXED_NOW).toISOString(), 'assumed: $now() answers the engine\'s (virtual) clock; JSONata 2.0.6 "Date/Time functions"'],
    ['$millis() is the execution clock in milliseconds', '{% $millis() %}', {}, FIXED_NOW, 'assumed: $millis() answers the engine\'s clock; JSONata 2.0.6 "Date/Time functions"'],
    ['$now(picture, timezone) formats the execution clock', "{% $now('[Y0001]-[M01]-[D01] [H01]', '+0100') %}", {}, '2024-11-30 13', 'JSONata 2.0.6 "$now()", on the engine\'s clock'],
    ['$now() and $millis() agree within one field', '{% $toMillis($now()) = $millis() %}', {}, true, 'JSONata 2.0.6: one clock reading per evaluation'],
  ];
  for (const [name, expression, input, expected, source] of cases) {
    it(`${name} (${source})`, async () => {
      expect(await render(expression, binding(input), { hashAlgorithmName: 'SHA-1' })).toEqual(expected);
    });
  }
});

describe('java.util.Random, for $random(seed)', () => {
  // Reference values of java.util.Random(seed).nextDouble() (Java SE API, "java.util.Random": a 48-bit LCG,
  // multiplier 0x5DEECE66D, addend 0xB; nextDouble takes 26 then 27 bits).
  const cases: Array<[number, number]> = [[42, 0.7275636800328681], [0, 0.730967787376657], [1, 0.7308781907032909]];
  for (const [seed, expected] of cases) {
    it(`seed ${seed} → ${expected} (${DOCS.functions}: same seed, identical number)`, () => {
      expect(javaRandomDouble(seed)).toBe(expected);
    });
  }
  it(`stays in [0, 1) for negative and large seeds (${DOCS.functions}: 0 ≤ n < 1)`, () => {
    for (const seed of [-1, -(2 ** 40), 2 ** 53, 123456789]) {
      const value = javaRandomDouble(seed);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});

describe('defaults of a language created without sources', () => {
  const wall = createJsonataLanguage();
  it(`$uuid() is a v4 UUID (${DOCS.functions})`, async () => {
    const uuid = await wall.render('{% $uuid() %}', binding({}), {});
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it(`$random() is in [0, 1) (${DOCS.functions})`, async () => {
    const value = (await wall.render('{% $random() %}', binding({}), {})) as number;
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThan(1);
  });
  it('$now() is the wall clock when no clock is given (assumed default for callers without a virtual clock)', async () => {
    const before = Date.now();
    const millis = (await wall.render('{% $millis() %}', binding({}), {})) as number;
    expect(millis).toBeGreaterThanOrEqual(before);
    expect(millis).toBeLessThanOrEqual(Date.now());
  });
  it('a render call\'s own clock wins over the language\'s (the core passes the execution clock per call)', async () => {
    expect(await wall.render('{% $millis() %}', binding({}), {}, { now: () => 5 })).toBe(5);
  });
});

describe('standard JSONata functions Step Functions changes', () => {
  it(`$eval is not available: T1006, as for a function that does not exist (${DOCS.version}; ${DOCS.measured('floci-io/floci#2737')})`, async () => {
    const error = await failure({ r: '{% $eval("1+1") %}' });
    expect(error.cause).toBe(
      "The JSONata expression '$eval(\"1+1\")' specified for the field 'Output/r' threw an error during evaluation. " +
        'T1006: Attempted to invoke a non-function',
    );
  });
  it(`a function Step Functions does not have ($randomSeeded) is T1006 (${DOCS.recorded('intrinsic_functions/test_math_operations_jsonata')})`, async () => {
    const error = await failure({ FunctionResult: '{% $randomSeeded($states.input.FunctionInput.fst) %}' }, binding({ FunctionInput: 'fst' }));
    expect(error.cause).toBe(
      "The JSONata expression '$randomSeeded($states.input.FunctionInput.fst)' specified for the field " +
        "'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke a non-function",
    );
  });
});
