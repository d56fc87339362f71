/**
 * Conformance: ResultPath (Developer Guide "Specifying state output using ResultPath in Step Functions"; ASL spec
 * "Using ResultPath"; "Errors": States.ResultPathMatchFailure).
 */
import { applyResultPath } from '../../../../local/engine/jsonpath';
import { statesErrorOf } from './support';

const input = { comment: 'This is a test', details: 'Default example', who: 'Step Functions' };

describe('applyResultPath', () => {
  test.each<[string, unknown, string | null | undefined, unknown, unknown]>([
    ['"ResultPath": `$` replaces the input with the result', input, '$', 'Hello, Step Functions!', 'Hello, Step Functions!'],
    ['"ResultPath": no ResultPath behaves as `$`', input, undefined, { r: 1 }, { r: 1 }],
    ['issue 14: `$` replaces even a non-object input', 'text', '$', [1, 2], [1, 2]],
    ['"ResultPath": null discards the result and keeps the input', input, null, 'ignored', input],
    ['"ResultPath": `$.taskresult` adds the result to the input', input, '$.taskresult', 'Hello!', { ...input, taskresult: 'Hello!' }],
    ['"ResultPath": a nested path creates the missing objects', { a: 1 }, '$.strings.lambdaresult', 'x', { a: 1, strings: { lambdaresult: 'x' } }],
    ['"ResultPath": an existing field is replaced in place (key order kept)', { a: 1, b: 2, c: 3 }, '$.b', 9, { a: 1, b: 9, c: 3 }],
    ['"ResultPath": into an existing nested object', { a: { x: 1 } }, '$.a.y', 2, { a: { x: 1, y: 2 } }],
    ['ASL spec "Reference Paths": bracket notation', { a: {} }, "$['a']['b c']", 1, { a: { 'b c': 1 } }],
    ['assumed: an existing array element may be replaced by index', { a: [1, 2] }, '$.a[1]', 'x', { a: [1, 'x'] }],
    ['"ResultPath": a null result is still placed', { a: 1 }, '$.r', null, { a: 1, r: null }],
  ])('%s', (_source, raw, resultPath, result, expected) => {
    expect(applyResultPath(raw, resultPath, result)).toStrictEqual(expected);
  });

  test('"ResultPath": the raw input is not changed in place', () => {
    const raw = { a: { b: 1 } };
    applyResultPath(raw, '$.a.c', 2);
    expect(raw).toStrictEqual({ a: { b: 1 } });
  });

  test.each<[string, unknown, string, string]>([
    ['into a string input', 'hello', '$.a', 'Unable to apply step "a" to input "hello"'],
    ['through a number on the way', { a: 5 }, '$.a.b', 'Unable to apply step "b" to input 5'],
    ['into an array by name', { a: [1] }, '$.a.b', 'Unable to apply step "b" to input [1]'],
    ['past the end of an array', { a: [1] }, '$.a[3]', 'Unable to apply step "[3]" to input [1]'],
  ])('"Errors": States.ResultPathMatchFailure %s (cause text assumed)', (_case, raw, resultPath, cause) => {
    const err = statesErrorOf(() => applyResultPath(raw, resultPath, 'r'));
    expect([err.error, err.cause]).toStrictEqual(['States.ResultPathMatchFailure', cause]);
  });
});
