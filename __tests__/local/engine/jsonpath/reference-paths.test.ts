/**
 * Conformance: Reference Paths (ASL spec "Reference Paths"; Developer Guide "Reference paths"): a path that can
 * identify only a single node, i.e. no wildcard, slice, filter or deep scan. ResultPath, a Choice Variable,
 * ItemsPath, Wait SecondsPath/TimestampPath, TimeoutSecondsPath/HeartbeatSecondsPath, ErrorPath/CausePath take
 * reference paths; InputPath, OutputPath and template `.$` values take any path.
 */
import { applyResultPath, isReferencePath, parsePath } from '../../../../local/engine/jsonpath';
import { statesErrorOf } from './support';

describe('isReferencePath', () => {
  test.each<[string, string, boolean]>([
    ['ASL spec "Reference Paths" example', '$.foo.bar', true],
    ['"Reference paths": bracket notation', "$['foo']['bar']", true],
    ['"Reference paths": single index', '$.foo[0].bar', true],
    ['"Reference paths": the context object', '$$.Execution.Input', true],
    ['"Passing data … with variables": a variable', '$myVar.x', true],
    ['"Reference paths": root', '$', true],
    ['"Reference paths" forbid wildcards', '$.foo[*]', false],
    ['"Reference paths" forbid slices', '$.foo[1:2]', false],
    ['"Reference paths" forbid filters', '$.foo[?(@.a)]', false],
    ['"Reference paths" forbid deep scan', '$..a', false],
    ['"Reference paths" forbid several indexes', '$.foo[0,1]', false],
    ['not a path at all', 'foo', false],
  ])('%s: %s → %s', (_source, path, expected) => {
    expect(isReferencePath(path)).toBe(expected);
  });

  test('ASL spec "Paths": parsePath says what kind of root a path has', () => {
    expect(parsePath('$$.Map.Item.Value').root).toStrictEqual({ kind: 'context' });
    expect(parsePath('$v.a').root).toStrictEqual({ kind: 'variable', name: 'v' });
    expect(parsePath('$states.input').root).toStrictEqual({ kind: 'states' });
  });

  test('ASL spec "Reference Paths": ResultPath refuses a non-reference path, naming it', () => {
    const err = statesErrorOf(() => applyResultPath({}, '$.a[*]', 1));
    expect(err.cause).toMatch(/The ResultPath '\$\.a\[\*\]' must be a Reference Path/);
    expect(statesErrorOf(() => applyResultPath({}, '$$.a', 1)).cause).toMatch(/must be a Reference Path into the state input/);
  });
});
