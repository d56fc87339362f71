import { STATES_ERRORS } from '../../../../local/engine/errors';
import { expressionText, unexpectedResultType } from '../../../../local/engine/jsonata';
import { binding, DOCS, failure } from './support';

// States.QueryEvaluationError and the cause texts AWS writes. The module writes the cause from "The JSONata
// expression …" on; the core prefixes "An error occurred while executing the state 'X' (entered at the event id #n). "
// (see the module header of local/engine/jsonata/index.ts).

const NOTHING = DOCS.recorded('assign/test_assign_base, scenarios/test_base_scenarios (base_undefined_*)');

describe('an expression that returns nothing fails the state, wherever it is', () => {
  const cases: Array<[string, unknown, string, string, string]> = [
    ['the whole Output', '{% $doesNotExist %}', 'Output', 'Output', NOTHING],
    ['a key of Output (the key is not dropped)', { result: '{% $doesNotExist %}' }, 'Output', 'Output/result', NOTHING],
    ['the whole Arguments', '{% $doesNotExist %}', 'Arguments', 'Arguments', NOTHING],
    ['a key of Arguments', { FunctionName: '{% $doesNotExist %}' }, 'Arguments', 'Arguments/FunctionName', NOTHING],
    ['a variable of Assign', { result: '{% $doesNotExist %}' }, 'Assign', 'Assign/result', NOTHING],
    // Assumed: an array element extends the location with [index] (floci-io/floci#2689); AWS's form is unpublished.
    ['an element of an array (assumed location form)', [1, '{% $doesNotExist %}'], 'Items', 'Items[1]', 'assumed: docs silent on array locations'],
    ['a nested key inside an array inside an object', { a: [{ b: '{% $doesNotExist %}' }] }, 'Output', 'Output/a[0]/b', 'assumed: docs silent on array locations'],
  ];
  for (const [name, template, field, location, source] of cases) {
    it(`${name} (${source})`, async () => {
      const error = await failure(template, binding({}), {}, field);
      expect(error.error).toBe(STATES_ERRORS.QueryEvaluationError);
      expect(error.location).toBe(location);
      expect(error.cause).toBe(
        `The JSONata expression '$doesNotExist' specified for the field '${location}' returned nothing (undefined).`,
      );
    });
  }

  it(`a Catcher's Output reading an unset variable (${DOCS.recorded('scenarios test_map_catch_error[MAP_CATCH_ERROR_OUTPUT_WITH_RETRY]')})`, async () => {
    const error = await failure({ error: '{% $stateError %}' }, binding({}, { errorOutput: { Error: 'Exception', Cause: 'x' } }));
    expect(error.cause).toBe("The JSONata expression '$stateError' specified for the field 'Output/error' returned nothing (undefined).");
  });

  it(`a missing field of the input ({% $data.thisFieldDoesNotExist %}) (${DOCS.errors}, "Failure to return a result"; ${DOCS.measured('floci-io/floci#2665')})`, async () => {
    const error = await failure({ v: '{% $states.input.missing %}' }, binding({ present: 1 }));
    expect(error.cause).toBe("The JSONata expression '$states.input.missing' specified for the field 'Output/v' returned nothing (undefined).");
  });

  it(`the expression text is the source without the delimiters and the spaces around it (${NOTHING})`, async () => {
    const error = await failure('{%   $doesNotExist\n %}');
    expect(error.expression).toBe('$doesNotExist');
    expect(error.cause).toContain("'$doesNotExist'");
  });

  it('the first failing expression in document order is the one reported (assumed: AWS evaluates a template in order)', async () => {
    const error = await failure({ a: 1, b: '{% $first %}', c: '{% $second %}' });
    expect(error.location).toBe('Output/b');
  });
});

describe('a value JSON cannot hold', () => {
  it(`a function fails with "returned an unsupported result type." (${DOCS.recorded('scenarios test_map_state_items_eval_jsonata_fail[function]')})`, async () => {
    const error = await failure('{% $fn := function($x){$x} %}', binding({}), {}, 'Items');
    expect(error.cause).toBe("The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an unsupported result type.");
  });
  const assumed: Array<[string, string]> = [
    ['a function inside an object', "{% {'f': function($x){$x}} %}"],
    ['a built-in function value', '{% $sum %}'],
    ['a regular expression', '{% /abc/ %}'],
    ['Infinity (1/0)', '{% 1/0 %}'],
    ['-Infinity', '{% -1/0 %}'],
  ];
  for (const [name, expression] of assumed) {
    it(`${name} fails the same way (assumed: JSON cannot write it; docs silent)`, async () => {
      expect((await failure(expression)).cause).toMatch(/ returned an unsupported result type\.$/);
    });
  }
});

describe('errors JSONata raises', () => {
  const cases: Array<[string, string, string, string]> = [
    [
      'a type error ($x + $y where $y is not a number)',
      '{% $x + $y %}',
      'T2002: The right side of the "+" operator must evaluate to a number',
      `${DOCS.errors}, "Type error"`,
    ],
    ['T0412 names the function and the type', '{% $sum(["a"]) %}', 'T0412: Argument 1 of function "sum" must be an array of "numbers"', DOCS.measured('floci-io/floci#2668')],
    [
      'D3086 from $formatNumber',
      '{% $formatNumber(1, "x") %}',
      'D3086: The sub-picture must not contain a passive character that is preceded by an active character and that is followed by another active character',
      DOCS.measured('floci-io/floci#2737'),
    ],
    ['a syntax error (AWS refuses it at creation; if it runs, JSONata\'s S0202)', '{% a[1,2) %}', 'S0202: Expected "]", got ","', DOCS.measured('floci-io/floci#2745')],
    ['a wrong argument type for an added function', '{% $partition([1], "x") %}', 'T0410: Argument 2 of function "partition" does not match function signature', 'JSONata signature check, as for the built-in functions (assumed for the added ones)'],
    ['a string for $hash\'s data', '{% $hash(1, "MD5") %}', 'T0410: Argument 1 of function "hash" does not match function signature', `${DOCS.functions}: "the source string to be hashed"`],
  ];
  for (const [name, expression, tail, source] of cases) {
    it(`${name} (${source})`, async () => {
      const error = await failure({ r: expression }, binding({}), { x: 1, y: 'two' });
      expect(error.cause).toBe(
        `The JSONata expression '${expressionText(expression)}' specified for the field 'Output/r' threw an error during evaluation. ${tail}`,
      );
    });
  }
});

describe('errors of the added functions (no JSONata code: "…during evaluation: <message>", AWS\'s form for uncoded errors, floci-io/floci#2737)', () => {
  // AWS's own messages for these are unpublished: ours say what is wrong.
  const cases: Array<[string, string, RegExp]> = [
    ['a chunk size of 0', '{% $partition([1,2], 0) %}', /: The chunk size must be a positive integer, but was 0$/],
    ['a negative chunk size (AWS raises, floci-io/floci#2676)', '{% $partition([1,2], -1) %}', /: The chunk size must be a positive integer, but was -1$/],
    ['a step of 0', '{% $range(1, 5, 0) %}', /: The step of \$range must not be 0$/],
    ['an unknown hash algorithm', "{% $hash('a', 'SHA-3') %}", /: The hash algorithm 'SHA-3' is not supported; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512$/],
    ['a string that is not JSON', "{% $parse('{') %}", /: The argument of \$parse is not a valid JSON string: "\{"$/],
  ];
  for (const [name, expression, tail] of cases) {
    it(`${name} (${DOCS.functions}; message assumed)`, async () => {
      const error = await failure(expression);
      expect(error.error).toBe(STATES_ERRORS.QueryEvaluationError);
      expect(error.cause).toMatch(new RegExp(`^The JSONata expression '.*' specified for the field 'Output' threw an error during evaluation${tail.source}`));
    });
  }
});

describe('unexpectedResultType, for the core\'s field checks', () => {
  const cases: Array<[string, unknown, string]> = [
    ['1', 1, "Expected 'array', but was 'number' for value: 1"],
    ["'string'", 'string', 'Expected \'array\', but was \'string\' for value: "string"'],
    ['true', true, "Expected 'array', but was 'boolean' for value: true"],
    ["{'foo': 'bar'}", { foo: 'bar' }, 'Expected \'array\', but was \'object\' for value: {"foo":"bar"}'],
    ['null', null, "Expected 'array', but was 'null' for value: null"],
  ];
  for (const [expression, value, tail] of cases) {
    it(`Items {% ${expression} %} (${DOCS.recorded('scenarios test_map_state_items_eval_jsonata_fail')})`, () => {
      const error = unexpectedResultType(expression, 'Items', 'array', value);
      expect(error.error).toBe(STATES_ERRORS.QueryEvaluationError);
      expect(error.location).toBe('Items');
      expect(error.cause).toBe(`The JSONata expression '${expression}' specified for the field 'Items' returned an unexpected result type. ${tail}`);
    });
  }
});
