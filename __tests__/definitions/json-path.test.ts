import { Intrinsic, JsonPath, renderPayload } from '../../definitions';

describe('JsonPath', () => {
  test('renders a path as a .$ field of a payload', () => {
    // GIVEN a payload with a literal and a path
    const payload = { id: JsonPath.stringAt('$.id'), kind: 'order', nested: { n: JsonPath.numberAt('$.n') } };
    // WHEN rendered
    const rendered = renderPayload(payload, 'test');
    // THEN paths get the .$ suffix and literals stay
    expect(rendered).toStrictEqual({ 'id.$': '$.id', kind: 'order', nested: { 'n.$': '$.n' } });
  });

  test('accepts context-object paths', () => {
    expect(JsonPath.at('$$.Execution.Id').expression).toBe('$$.Execution.Id');
    expect(JsonPath.executionName.expression).toBe('$$.Execution.Name');
  });

  test.each(['id', '.id', '', 'Item.id'])('rejects %p, which is not a path', (path) => {
    expect(() => JsonPath.stringAt(path)).toThrow(/is not a JSONPath\. Paths start with '\$'/);
  });

  test('rejects a key written with the .$ suffix', () => {
    expect(() => renderPayload({ 'id.$': JsonPath.at('$.id') }, 'SendToDDB Parameters')).toThrow(/key 'id\.\$' ends in '\.\$'/);
  });

  test('rejects a path inside an array', () => {
    expect(() => renderPayload({ list: [JsonPath.at('$.a')] }, 'X')).toThrow(/Intrinsic\.array/);
  });
});

describe('Intrinsic', () => {
  test('format renders States.Format with the arguments', () => {
    expect(Intrinsic.format('Hello, my id is {}.', JsonPath.stringAt('$.id')).expression).toBe(
      "States.Format('Hello, my id is {}.', $.id)",
    );
  });

  test('format escapes quotes and braces of the literal text', () => {
    expect(Intrinsic.format("O'Connor {x} {}", 'a').expression).toBe("States.Format('O\\'Connor \\{x\\} {}', 'a')");
  });

  test('format refuses a placeholder count that does not match the arguments', () => {
    expect(() => Intrinsic.format('{} and {}', JsonPath.at('$.a'))).toThrow(/2 '\{\}' placeholder\(s\) but 1 argument/);
  });

  test('other intrinsics render their States.* call', () => {
    expect(Intrinsic.uuid().expression).toBe('States.UUID()');
    expect(Intrinsic.jsonToString(JsonPath.at('$.o')).expression).toBe('States.JsonToString($.o)');
    expect(Intrinsic.array(JsonPath.at('$.a'), 1, 'b').expression).toBe("States.Array($.a, 1, 'b')");
    expect(Intrinsic.hash(JsonPath.at('$.a'), 'SHA-256').expression).toBe("States.Hash($.a, 'SHA-256')");
    expect(Intrinsic.mathAdd(JsonPath.at('$.n'), 1).expression).toBe('States.MathAdd($.n, 1)');
  });
});
