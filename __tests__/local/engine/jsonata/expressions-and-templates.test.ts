import { jsonataLanguage } from '../../../../local/engine/jsonata';
import { binding, DOCS, render } from './support';

// What is an expression, and how a field's JSON value is rendered around the expressions it holds.

describe('what is a JSONata expression', () => {
  const cases: Array<[string, unknown, boolean, string]> = [
    ['a string wrapped in {% %}', '{% $states.input %}', true, DOCS.writing],
    ['no space needed inside the delimiters', '{%1%}', true, DOCS.writing],
    ['a leading space makes it a plain string', ' {% $states.input %}', false, `${DOCS.writing}; ${DOCS.recorded('outputdecl/test_output base_literals')}`],
    ['a trailing space makes it a plain string', '{% $states.input %} ', false, DOCS.writing],
    ['{% only at the start', '{% $states.input', false, DOCS.writing],
    ['%} only at the end', '$states.input %}', false, DOCS.writing],
    ['{% %} in the middle of a string', 'Hello {% $name %}!', false, DOCS.writing],
    ['a JSONPath string', '$.title', false, DOCS.converting],
    ['a number', 42, false, DOCS.writing],
    ['an object', { a: '{% 1 %}' }, false, DOCS.writing],
    ['null', null, false, DOCS.writing],
    // Assumed: "{%%}" is too short to hold the two delimiters apart; shorter strings are plain strings.
    ['"{%}" (the delimiters overlap)', '{%}', false, 'assumed: both delimiters must be present'],
  ];
  for (const [name, value, expected, source] of cases) {
    it(`${name} → ${expected} (${source})`, () => {
      expect(jsonataLanguage.isExpression(value)).toBe(expected);
    });
  }
});

describe('rendering a field', () => {
  const input = { title: 'Doctor', customer: { lastName: 'Rivera' }, order: { items: 7, total: 27.91 } };
  const cases: Array<[string, unknown, Record<string, unknown>, unknown, string]> = [
    [
      'JSONPath-to-JSONata conversion sample: static, expression, variable, not-evaluated',
      { static: 'Hello', title: '{% $states.input.title %}', name: '{% $customerName %}', 'not-evaluated': '$customerName' },
      { customerName: 'María' },
      { static: 'Hello', title: 'Doctor', name: 'María', 'not-evaluated': '$customerName' },
      DOCS.writing,
    ],
    [
      'Example: Input and Output',
      { lastName: "{% 'Last=>' & $states.input.customer.lastName %}", orderValue: '{% $states.input.order.total %}' },
      {},
      { lastName: 'Last=>Rivera', orderValue: 27.91 },
      DOCS.examples,
    ],
    ['a whole field as one expression', '{% $states.input.order %}', {}, { items: 7, total: 27.91 }, DOCS.converting],
    ['an expression inside an array, the other elements kept ("Items": [1, "{% $two %}", 3])', [1, '{% $two %}', 3], { two: 2 }, [1, 2, 3], DOCS.writing],
    ['expressions nested in arrays inside objects', { a: [{ b: ['{% 1 + 1 %}'] }] }, {}, { a: [{ b: [2] }] }, DOCS.converting],
    ['Output true (any JSON value)', true, {}, true, DOCS.converting],
    ['Output 42', 42, {}, 42, DOCS.converting],
    ['Output null', null, {}, null, DOCS.recorded('outputdecl/test_output base_output_any_non_dict[NULL]')],
    ['Output "string literal"', 'string literal', {}, 'string literal', DOCS.recorded('outputdecl/test_output [STR_LIT]')],
    ['Output {} (empty object)', {}, {}, {}, DOCS.recorded('outputdecl/test_output [BASE_EMPTY]')],
    ['Output [] (empty array)', [], {}, [], DOCS.recorded('outputdecl/test_output [LIST_EMPY]')],
    [
      'literals that look like paths or intrinsics stay literals',
      { jp: '$', jpInput: '$.input_value', ctx: '$$', intrinsic: "States.Format('Format:{}', 101)", dotted: '$states.input', 'key.$': '$' },
      {},
      { jp: '$', jpInput: '$.input_value', ctx: '$$', intrinsic: "States.Format('Format:{}', 101)", dotted: '$states.input', 'key.$': '$' },
      DOCS.recorded('outputdecl/test_output base_literals'),
    ],
    [
      'a quote character as a whole Output is a string, and compares equal to \'"\'',
      ['"', '{% \'"\' = \'"\' %}'],
      {},
      ['"', true],
      DOCS.recorded('scenarios/test_base_scenarios escape_sequences_jsonata_comparison_output'),
    ],
    ['double-quoted JSONata strings inside an expression', '{% $number("2") %}', {}, 2, DOCS.recorded('evaluate_jsonata ITEMS_DOUBLE_QUOTES')],
    ['regular expressions', '{% $contains("hello$world", /^hello\\$/) %}', {}, true, DOCS.recorded('evaluate_jsonata test_base_jsonata_regular_expressions[BASE]')],
    ['a variable binding as the expression is its value ({% $variable := 1 %})', '{% $variable := 1 %}', {}, 1, DOCS.recorded('evaluate_jsonata TIMEOUT_SECONDS')],
    [
      'filtering with a path predicate',
      { dietProducts: '{% $states.input.products[calories=0] %}' },
      {},
      { dietProducts: [{ calories: 0, name: 'P2' }, { calories: 0, name: 'P5' }] },
      DOCS.examples,
    ],
    ['$merge of two input objects', '{% $merge([$states.input.part1, $states.input.part2]) %}', {}, { hello: 'world', foo: 'bar' }, DOCS.recorded('evaluate_jsonata test_merge_with_dynamic_args')],
    ['a JSONata array constructor [0] stays an array', '{% [0] %}', {}, [0], DOCS.recorded('scenarios test_map_state_items_eval_jsonata[singleton]')],
    ['a JSONata empty array constructor [] is an empty array', '{% [] %}', {}, [], DOCS.recorded('scenarios test_map_state_items_eval_jsonata[empty]')],
  ];
  const data = {
    ...input,
    products: [
      { calories: 140, name: 'P1' },
      { calories: 0, name: 'P2' },
      { calories: 160, name: 'P3' },
      { calories: 0, name: 'P5' },
    ],
    part1: { hello: 'world' },
    part2: { foo: 'bar' },
  };
  for (const [name, template, variables, expected, source] of cases) {
    it(`${name} (${source})`, async () => {
      expect(await render(template, binding(data), variables)).toEqual(expected);
    });
  }

  it('keeps the key order of the template, with expression values in place (' + DOCS.writing + ')', async () => {
    const out = (await render({ z: 1, a: '{% 2 %}', m: { y: '{% 3 %}', b: 4 } })) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['z', 'a', 'm']);
    expect(Object.keys(out.m as object)).toEqual(['y', 'b']);
  });

  it('keeps the key order a JSONata object constructor writes (' + DOCS.writing + ')', async () => {
    expect(Object.keys((await render("{% {'z': 1, 'a': 2, 'm': 3} %}")) as object)).toEqual(['z', 'a', 'm']);
  });

  it('returns copies: changing the result leaves $states.input and the template alone (assumed: state data is JSON, not shared)', async () => {
    const state = binding({ list: [1, 2] });
    const template = { list: '{% $states.input.list %}', fixed: [1] };
    const out = (await render(template, state)) as { list: number[]; fixed: number[] };
    out.list.push(3);
    out.fixed.push(2);
    expect(state.input).toEqual({ list: [1, 2] });
    expect(template.fixed).toEqual([1]);
  });

  it('treats a key named __proto__ as an ordinary key (assumed: JSON keys are data)', async () => {
    const template = JSON.parse('{"__proto__": {"polluted": "{% true %}"}}');
    const out = (await render(template)) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
