import { binding, DOCS, failure, render } from './support';

// Numbers: JSONata computes with IEEE-754 doubles, as Step Functions' JSONata does; the value handed to the core is
// a JavaScript number whose JSON text (JSON.stringify) is what AWS prints for these cases. The core serializes.

const JSONATA_NUMBERS = 'JSONata 2.0.6 "Numeric operators" (double arithmetic)';

describe('number results and their JSON text', () => {
  const cases: Array<[string, string, unknown, unknown, string, string]> = [
    ['1/3', '{% 1/3 %}', {}, 0.3333333333333333, '0.3333333333333333', JSONATA_NUMBERS],
    ['2.0 is the whole number 2', '{% 2.0 %}', {}, 2, '2', JSONATA_NUMBERS],
    ['0.5 * 4 is 2, not 2.0', '{% 0.5 * 4 %}', {}, 2, '2', JSONATA_NUMBERS],
    ['0.1 + 0.2', '{% 0.1 + 0.2 %}', {}, 0.30000000000000004, '0.30000000000000004', JSONATA_NUMBERS],
    ['an input decimal passes unchanged (27.91)', '{% $states.input.order.total %}', { order: { total: 27.91 } }, 27.91, '27.91', DOCS.examples],
    ['$sum of input values plus a variable', '{% $sum($states.input.input_values) + $one %}', { input_values: [1, 2, 3] }, 7, '7', DOCS.recorded('outputdecl/test_output [BASE_DIRECT_EXPR]')],
    ['0.1 from an Output literal', '{% 0.1 %}', {}, 0.1, '0.1', DOCS.recorded('outputdecl/test_output [FLOAT]')],
    ['-0 is written 0', '{% -0 %}', {}, 0, '0', DOCS.recorded('intrinsic_functions/test_json_manipulation_jsonata test_parse ("-0" → 0)')],
    ['integer division remainder', '{% 7 % 3 %}', {}, 1, '1', JSONATA_NUMBERS],
    ['$round rounds half to even', '{% [$round(2.5), $round(3.5), $round(2.675, 2)] %}', {}, [2, 4, 2.68], '[2,4,2.68]', 'JSONata 2.0.6 "$round()"'],
    ['$floor and $ceil of negatives', '{% [$floor(-1.5), $ceil(-1.5)] %}', {}, [-2, -1], '[-2,-1]', 'JSONata 2.0.6 "Numeric functions"'],
    ['$number of an exponent string', '{% $number("1e2") %}', {}, 100, '100', 'JSONata 2.0.6 "$number()"'],
    ['$string(1e20) writes every digit', '{% $string(1e20) %}', {}, '100000000000000000000', '"100000000000000000000"', DOCS.measured('floci-io/floci#2669')],
    ['$string(1e21) switches to exponent notation', '{% $string(1e21) %}', {}, '1e+21', '"1e+21"', DOCS.measured('floci-io/floci#2683 (the 1e21 cut-off)')],
    ['$string(1/3) keeps 15 significant digits', '{% $string(1/3) %}', {}, '0.333333333333333', '"0.333333333333333"', 'JSONata 2.0.6 "$string()" (15 significant digits)'],
    ['$formatNumber with a picture', "{% $formatNumber(1234.5, '#,##0.00') %}", {}, '1,234.50', '"1,234.50"', 'JSONata 2.0.6 "$formatNumber()"'],
    ['an integer past 2^53 stays the nearest double', '{% $states.input.big %}', { big: 9007199254740993 }, 9007199254740992, '9007199254740992', 'assumed: JSON numbers are doubles in both engines'],
  ];
  for (const [name, expression, input, value, text, source] of cases) {
    it(`${name} → ${text} (${source})`, async () => {
      const out = await render(expression, binding(input), { one: 1 });
      expect(out).toEqual(value);
      expect(JSON.stringify(out)).toBe(text);
    });
  }
});

describe('numbers JSON cannot hold', () => {
  it(`a number literal out of range is JSONata's S0102 (${JSONATA_NUMBERS})`, async () => {
    expect((await failure('{% 1e400 %}')).cause).toBe(
      "The JSONata expression '1e400' specified for the field 'Output' threw an error during evaluation. S0102: Number out of range: \"1e400\"",
    );
  });
  it(`$power past the double range is JSONata's D3061 (${JSONATA_NUMBERS})`, async () => {
    expect((await failure('{% $power(10, 400) %}')).cause).toMatch(/threw an error during evaluation\. D3061: /);
  });
  it('a division by zero (Infinity) is an unsupported result type (assumed: JSON cannot write Infinity)', async () => {
    expect((await failure('{% 1/0 %}')).cause).toMatch(/returned an unsupported result type\.$/);
  });
});
