/**
 * Conformance: payload templates (ASL spec "Payload Template"; Developer Guide "Manipulate parameters in Step
 * Functions workflows" — Parameters, ResultSelector, ItemSelector — and "Passing data between states with
 * variables" for JSONPath Assign).
 */
import { renderTemplate, validateTemplate } from '../../../../local/engine/jsonpath';
import { scope, statesErrorOf } from './support';

describe('renderTemplate', () => {
  test('ASL spec "Payload Template" example: static values kept, `.$` keys take paths, nested objects rendered', () => {
    const template = { flagged: true, parts: { 'first.$': '$.vals[0]', 'last3.$': '$.vals[3:]' } };
    expect(renderTemplate(template, scope({ flagged: 7, vals: [0, 10, 20, 30, 40, 50] }))).toStrictEqual({
      flagged: true,
      parts: { first: 0, last3: [30, 40, 50] },
    });
  });

  test.each<[string, unknown, unknown, unknown]>([
    ['"Parameters": `$` passes the whole input', { 'all.$': '$' }, { a: 1 }, { all: { a: 1 } }],
    ['"Context object": `$$` paths in Parameters', { 'name.$': '$$.Execution.Name' }, {}, { name: 'run-1' }],
    ['"Passing data … with variables": `$var` in a template', { 'v.$': '$v' }, {}, { v: 42 }],
    ['"Intrinsic functions": a `.$` key takes an intrinsic call', { 'id.$': 'States.Array($.id)' }, { id: 123456 }, { id: [123456] }],
    ['"Payload Template": arrays are rendered item by item', { list: [{ 'x.$': '$.a' }, 'plain', 3] }, { a: 'A' }, { list: [{ x: 'A' }, 'plain', 3] }],
    ['"Payload Template": key order kept, the renamed key in its place', { z: 1, 'm.$': '$.a', a: 2 }, { a: 'A' }, { z: 1, m: 'A', a: 2 }],
    ['"Payload Template": a value that looks like a path but has no `.$` is kept', { p: '$.a' }, { a: 1 }, { p: '$.a' }],
    ['"Payload Template": a non-object template is returned as it is', 'just text', {}, 'just text'],
    ['"Paths": an indefinite path gives an array in a template', { 'xs.$': '$.l[*].x' }, { l: [{ x: 1 }, { x: 2 }] }, { xs: [1, 2] }],
    ['issue 14: a wildcard over a missing path gives []', { 'xs.$': '$.nope[*]' }, {}, { xs: [] }],
    ['"Paths": a JSON null is selected as null', { 'n.$': '$.n' }, { n: null }, { n: null }],
  ])('%s', (_source, template, input, expected) => {
    expect(renderTemplate(template, scope(input, { v: 42 }))).toStrictEqual(expected);
  });

  test('LocalStack AWS snapshot / issue text: a path that selects nothing fails with the field named', () => {
    const err = statesErrorOf(() => renderTemplate({ 'address.$': '$.application.address' }, scope({ flagged: false })));
    expect([err.error, err.cause]).toStrictEqual([
      'States.Runtime',
      "The JSONPath '$.application.address' specified for the field 'address.$' could not be found in the input '{\"flagged\":false}'",
    ]);
  });

  test('LocalStack AWS snapshot: a missing `$$` path quotes the state input (not the context)', () => {
    const err = statesErrorOf(() => renderTemplate({ 'value.$': '$$.Execution.Input.no_such_jsonpath' }, scope({ a: 1 })));
    expect(err.cause).toBe("The JSONPath '$$.Execution.Input.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"a\":1}'");
  });

  test('"Payload Template": nested templates name the inner key', () => {
    const err = statesErrorOf(() => renderTemplate({ outer: { 'inner.$': '$.x' } }, scope({})));
    expect(err.cause).toMatch(/specified for the field 'inner\.\$'/);
  });

  test.each<[string, unknown]>([
    ['a number', { 'a.$': 5 }],
    ['an object', { 'a.$': { b: 1 } }],
    ['a string that is neither path nor call', { 'a.$': 'hello' }],
  ])('"Payload Template": a `.$` value that is %s is a definition error', (_what, template) => {
    const err = statesErrorOf(() => renderTemplate(template, scope({})));
    expect(err.cause).toMatch(/The value for the field 'a\.\$' must be a valid JSONPath or a valid intrinsic function call/);
    expect(() => validateTemplate(template)).toThrow(/must be a valid JSONPath/);
  });

  test('assumed: a template holding both `k` and `k.$` is refused', () => {
    expect(() => validateTemplate({ k: 1, 'k.$': '$.a' })).toThrow(/both 'k' and 'k\.\$'/);
  });

  test('"Intrinsic functions": validateTemplate checks calls without evaluating them', () => {
    expect(() => validateTemplate({ 'a.$': 'States.Format($.a)', b: { 'c.$': '$.c[*]' } })).not.toThrow();
    expect(() => validateTemplate({ 'a.$': 'States.Nope($.a)' })).toThrow(/States\.Nope is not an intrinsic function/);
    expect(() => validateTemplate({ 'a.$': 'States.ArrayLength($.a, 1)' })).toThrow(/takes 1 argument, but was given 2/);
  });
});
