/**
 * Conformance: JSONPath paths (Developer Guide "Paths"; ASL spec "Paths"; "Context object"; "Passing data between
 * states with variables"). AWS evaluates paths with Jayway JsonPath; expected values below follow it. Where a case
 * rests on a recorded execution rather than the guide, the comment says so.
 */
import { evaluatePath, pathExists } from '../../../../local/engine/jsonpath';
import { scope, statesErrorOf } from './support';

const store = {
  store: {
    book: [
      { category: 'reference', author: 'Nigel Rees', title: 'Sayings of the Century', price: 8.95 },
      { category: 'fiction', author: 'Evelyn Waugh', title: 'Sword of Honour', price: 12.99 },
      { category: 'fiction', author: 'Herman Melville', title: 'Moby Dick', isbn: '0-553-21311-3', price: 8.99 },
    ],
    bicycle: { color: 'red', price: 19.95 },
  },
  'a b': { 'c.d': 1 },
  empty: [],
  nothing: null,
};

describe('paths select values (Developer Guide "Paths": dot and bracket notation, $ is the input)', () => {
  test.each<[string, string, unknown]>([
    ['"Paths": $ is the whole input', '$', store],
    ['"Paths": dot notation', '$.store.bicycle.color', 'red'],
    ['"Paths": bracket notation with quotes', "$['store']['bicycle']['price']", 19.95],
    ['"Paths": bracket notation with double quotes', '$["store"]["bicycle"]["color"]', 'red'],
    ['"Paths": bracket notation reaches names with spaces and dots', "$['a b']['c.d']", 1],
    ['"Paths": array index', '$.store.book[1].title', 'Sword of Honour'],
    ['Jayway: a negative index counts from the end', '$.store.book[-1].author', 'Herman Melville'],
    ['Jayway (Jackson provider): an index past the end selects null, not a failure (assumed from Step Functions Local/floci #3199)', '$.store.book[7]', null],
    ['"Paths": a JSON null is a value', '$.nothing', null],
    ['ASL spec "Paths": `$.` followed by brackets', "$.['store'].bicycle.color", 'red'],
  ])('%s: %s', (_source, path, expected) => {
    expect(evaluatePath(path, scope(store))).toStrictEqual(expected);
  });
});

describe('indefinite paths answer arrays (ASL spec "Paths"; Jayway definite vs indefinite)', () => {
  test.each<[string, string, unknown, unknown]>([
    ['"Paths": wildcard over an array', '$.store.book[*].author', store, ['Nigel Rees', 'Evelyn Waugh', 'Herman Melville']],
    ['"Paths": wildcard over an object, in key order', '$.store.bicycle.*', store, ['red', 19.95]],
    ['"Paths": a wildcard skips items without the property', '$.store.book[*].isbn', store, ['0-553-21311-3']],
    ['ASL spec "Paths" example `$.vals[3:]` (slice from)', '$.vals[3:]', { vals: [0, 10, 20, 30, 40, 50] }, [30, 40, 50]],
    ['Jayway slice between', '$.vals[1:3]', { vals: [0, 10, 20, 30] }, [10, 20]],
    ['Jayway slice to', '$.vals[:2]', { vals: [0, 10, 20, 30] }, [0, 10]],
    ['Jayway slice: negative from counts from the end', '$.vals[-2:]', { vals: [0, 10, 20, 30] }, [20, 30]],
    ['Jayway several indexes', '$.vals[0,2]', { vals: [0, 10, 20, 30] }, [0, 20]],
    ['issue 14: a wildcard over a missing path is []', '$.missing[*]', {}, []],
    ['issue 14: a slice over a missing path is []', '$.missing[1:]', {}, []],
    ['issue 14: a wildcard over an empty array is []', '$.empty[*]', store, []],
    ['Jayway: a wildcard over a scalar selects nothing', '$.store.bicycle.color[*]', store, []],
    ['"Paths" deep scan `..`', '$..price', store, [8.95, 12.99, 8.99, 19.95]],
    ['Step Functions Local (floci #3260): `$.d..a` gives the arrays found', '$.d..a', { d: { x: { a: [1, 2] } } }, [[1, 2]]],
    ['Step Functions Local (floci #3260): `$.d..a[*]` flattens them', '$.d..a[*]', { d: { x: { a: [1, 2] } } }, [1, 2]],
    ['Step Functions Local (floci #3260): `[?(@.keep)]` tests existence, not truth', '$.list[?(@.keep)]', { list: [{ keep: true }, { keep: false }, { other: 1 }] }, [{ keep: true }, { keep: false }]],
    ['Step Functions Local (floci #3260): `[?(@.keep == true)]`', '$.list[?(@.keep == true)]', { list: [{ keep: true }, { keep: false }] }, [{ keep: true }]],
    ['Jayway filter with < and a string literal', "$.store.book[?(@.price < 10 && @.category == 'fiction')].title", store, ['Moby Dick']],
    ['Jayway filter with =~ (whole-string regex match)', '$.store.book[?(@.author =~ /.*Waugh/)].price', store, [12.99]],
    ['Jayway filter with in', "$.store.book[?(@.category in ['reference'])].price", store, [8.95]],
    ['Jayway filter with ! and ||', '$.l[?(!(@.n > 1) || @.n == 3)].n', { l: [{ n: 1 }, { n: 2 }, { n: 3 }] }, [1, 3]],
    ['Jayway filter over an empty result is []', '$.store.book[?(@.price > 100)]', store, []],
    ['Jayway: `$[\'a\',\'b\']` at the end merges the named properties into one object', "$.store.bicycle['color','price']", store, { color: 'red', price: 19.95 }],
  ])('%s: %s', (_source, path, input, expected) => {
    expect(evaluatePath(path, scope(input))).toStrictEqual(expected);
  });
});

describe('roots other than the input ("Context object"; "Passing data between states with variables")', () => {
  const sc = scope({ a: 1 }, { order: { id: 'o-1', lines: [1, 2] }, count: 3 });
  test.each<[string, string, unknown]>([
    ['"Context object": $$ is the context object', '$$.Execution.Name', 'run-1'],
    ['"Context object": $$.Execution.Input', '$$.Execution.Input.from', 'execution'],
    ['"Context object": $$.State.Name', '$$.State.Name', 'S'],
    ['"Passing data … with variables": $name is a variable', '$count', 3],
    ['"Passing data … with variables": paths into a variable', '$order.lines[1]', 2],
    ['"Passing data … with variables": wildcard into a variable', '$order.lines[*]', [1, 2]],
  ])('%s: %s', (_source, path, expected) => {
    expect(evaluatePath(path, sc)).toStrictEqual(expected);
  });

  test('"Passing data … with variables": $states.input/result in JSONPath Assign', () => {
    const sc2 = scope({ a: 1 }, {}, { input: { a: 1 }, context: {}, result: { r: 2 } });
    expect(evaluatePath('$states.result.r', sc2)).toBe(2);
    expect(evaluatePath('$states.input.a', sc2)).toBe(1);
  });
});

describe('a definite path that selects nothing fails with States.Runtime (recorded AWS causes)', () => {
  test.each<[string, string, unknown, string]>([
    ['LocalStack AWS snapshot (InputPath): missing leaf', '$.NoSuchInputPath', { a: 1 }, "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']"],
    ['LocalStack AWS snapshot (OutputPath): missing parent', '$.no.such.result.path', { a: 1 }, "Invalid path '$.no.such.result.path' : Missing property in path $['no']"],
    ['Jayway: index into a non-array', '$.a[0]', { a: { b: 1 } }, "Invalid path '$.a[0]' : Filter: [0] can only be applied to arrays. Current context is: {\"b\":1}"],
    ['Jayway: index into null', '$.a[0]', { a: null }, "Invalid path '$.a[0]' : The path $['a'] is null"],
    [
      'Jayway: property of a scalar (class name as Jackson unwraps it: assumed)',
      '$.a.b',
      { a: 5 },
      "Invalid path '$.a.b' : Expected to find an object with property ['b'] in path $['a'] but found 'java.lang.Integer'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider'.",
    ],
  ])('%s', (_source, path, input, cause) => {
    const err = statesErrorOf(() => evaluatePath(path, scope(input)));
    expect([err.error, err.cause]).toStrictEqual(['States.Runtime', cause]);
  });

  test('LocalStack AWS snapshot (Fail ErrorPath): with a field name the cause quotes the input', () => {
    const err = statesErrorOf(() => evaluatePath('$.ErrorX', scope({ Error: 'E' }), 'ErrorPath'));
    expect(err.cause).toBe(`The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '{"Error":"E"}'`);
  });

  test('"Passing data … with variables": an unknown variable selects nothing', () => {
    expect(statesErrorOf(() => evaluatePath('$nope', scope({}))).error).toBe('States.Runtime');
  });

  test('ASL spec "Paths": a malformed path is a definition error naming the path', () => {
    expect(statesErrorOf(() => evaluatePath('$.a[', scope({}))).cause).toMatch(/'\$\.a\[' is not a valid JSONPath/);
    expect(statesErrorOf(() => evaluatePath('a.b', scope({}))).cause).toMatch(/starts with '\$'/);
  });
});

describe('pathExists (Choice IsPresent; Developer Guide "Choice workflow state")', () => {
  test.each<[string, unknown, boolean]>([
    ['$.a', { a: 1 }, true],
    ['$.a', { a: null }, true],
    ['$.b', { a: 1 }, false],
    ['$.a.b.c', { a: 1 }, false],
    ['$.a[*]', { a: [] }, false],
    ['$.a[*]', { a: [0] }, true],
  ])('%s in %j → %s', (path, input, expected) => {
    expect(pathExists(path, scope(input))).toBe(expected);
  });
});

describe('the JsonPathLanguage the core uses (local/engine/query-languages.ts)', () => {
  test('"Processing input and output": InputPath, Parameters, ResultPath and OutputPath through one object', async () => {
    const { jsonPath } = await import('../../../../local/engine/jsonpath');
    const raw = { lambda: { who: 'AWS Step Functions' }, data: { val1: 23 } };
    const effective = jsonPath.renderTemplate({ 'who.$': '$.who' }, scope(jsonPath.evaluatePath('$.lambda', scope(raw))));
    const output = jsonPath.evaluatePath('$.data', scope(jsonPath.applyResultPath(raw, '$.data.lambdaresult', effective)));
    expect(output).toStrictEqual({ val1: 23, lambdaresult: { who: 'AWS Step Functions' } });
    expect(jsonPath.evaluateChoiceRule({ Variable: '$.data.val1', NumericEquals: 23 }, scope(raw))).toBe(true);
    expect(jsonPath.pathExists('$.lambda.who', scope(raw))).toBe(true);
  });
});
