import { CONTEXT, binding, DOCS, failure, render } from './support';

// $states, the workflow variables, and what an expression can (not) reach.

describe('$states', () => {
  const input = { title: 'Doctor', items: [1, 2, 3], products: [{ calories: 0, name: 'P2' }, { calories: 5, name: 'P3' }] };
  const result = { Payload: { current_price: 12.5 }, StatusCode: 200 };
  const errorOutput = { Error: 'Exception', Cause: '{"errorMessage":"boom"}' };
  const cases: Array<[string, string, Parameters<typeof binding>[1], unknown, string]> = [
    ['$states.input is the state input', '{% $states.input %}', {}, input, DOCS.states],
    ['$states.input.title', '{% $states.input.title %}', {}, 'Doctor', DOCS.states],
    ['$states.context is the Context object', '{% $states.context %}', {}, CONTEXT, `${DOCS.states}; ${DOCS.recorded('outputdecl/test_output [BASE_EXPR]')}`],
    ['$states.context.Execution.Id', '{% $states.context.Execution.Id %}', {}, CONTEXT.Execution.Id, DOCS.states],
    ['$states.context.State.EnteredTime', '{% $states.context.State.EnteredTime %}', {}, CONTEXT.State.EnteredTime, DOCS.recorded('scenarios map_item_batcher_base_max_per_batch_jsonata')],
    ['$states.result is the task result', '{% $states.result %}', { result }, result, `${DOCS.states}; ${DOCS.recorded('outputdecl/test_output [BASE_LAMBDA]')}`],
    ['$states.result.Payload.current_price', '{% $states.result.Payload.current_price %}', { result }, 12.5, DOCS.variables],
    ['$states.errorOutput in a Catcher', '{% $states.errorOutput %}', { errorOutput }, errorOutput, `${DOCS.states}; ${DOCS.recorded('states_variables/test_error_output')}`],
    ['$states.errorOutput.Cause is the cause string', '{% $parse($states.errorOutput.Cause).errorMessage %}', { errorOutput }, 'boom', DOCS.states],
    ['$states.input and $states.result side by side', "{% {'in': $states.input.title, 'out': $states.result.StatusCode} %}", { result }, { in: 'Doctor', out: 200 }, DOCS.recorded('outputdecl/test_output [BASE_TASK_LAMBDA]')],
    ['a null result is a value (JSON null)', '{% $states.result %}', { result: null }, null, 'assumed: a task may return null; JSON null is a value'],
  ];
  for (const [name, expression, extra, expected, source] of cases) {
    it(`${name} (${source})`, async () => {
      expect(await render(expression, binding(input, extra))).toEqual(expected);
    });
  }

  it(`$states.result is absent where there is no result: returns nothing (${DOCS.states}; AWS refuses it at creation, assumed to fail if it runs)`, async () => {
    const error = await failure('{% $states.result %}', binding(input));
    expect(error.cause).toMatch(/returned nothing \(undefined\)\.$/);
  });

  it(`a variable named "states" cannot hide $states (${DOCS.variables}, "Reserved variable : $states")`, async () => {
    expect(await render('{% $states.input.title %}', binding(input), { states: { input: { title: 'shadow' } } })).toBe('Doctor');
  });
});

describe('workflow variables', () => {
  const vars = { customerName: 'María', order: { numItems: 3, lines: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }] }, count: 42, available: true, nothing: null };
  const cases: Array<[string, string, unknown, string]> = [
    ['$customerName', '{% $customerName %}', 'María', DOCS.writing],
    ['$order.numItems', '{% $order.numItems %}', 3, DOCS.variables],
    ['a path into an array of a variable', '{% $order.lines.sku %}', ['a', 'b'], DOCS.variables],
    ['a predicate on a variable', '{% $order.lines[qty > 1].sku %}', 'b', DOCS.variables],
    ['$count and $available', "{% $count & ' ' & $string($available) %}", '42 true', DOCS.variables],
    ['a variable holding null', '{% $nothing %}', null, 'assumed: null is a JSON value'],
    ['a variable name with non-ASCII letters (Unicode ID_Start/ID_Continue)', '{% $größe %}', 'XL', `${DOCS.variables}, "Variable name syntax"`],
  ];
  for (const [name, expression, expected, source] of cases) {
    it(`${name} (${source})`, async () => {
      expect(await render(expression, binding({}), { ...vars, größe: 'XL' })).toEqual(expected);
    });
  }

  it(`Assign: every expression sees the values on state entry ($x=3, $a=6 → x=6, nextX=3) (${DOCS.evaluationOrder})`, async () => {
    const assign = { x: '{% $a %}', nextX: '{% $x %}' };
    expect(await render(assign, binding({}), { x: 3, a: 6 }, 'Assign')).toEqual({ x: 6, nextX: 3 });
  });

  it(`Assign: an unassigned variable fails ("If $x had not been previously assigned, the example would fail") (${DOCS.evaluationOrder})`, async () => {
    const error = await failure({ x: '{% $a %}', nextX: '{% $x %}' }, binding({}), { a: 6 }, 'Assign');
    expect(error.cause).toBe("The JSONata expression '$x' specified for the field 'Assign/nextX' returned nothing (undefined).");
  });

  it(`an unknown variable is nothing, not an error of its own (${DOCS.recorded('assign base_undefined_output')})`, async () => {
    expect((await failure('{% $doesNotExist %}')).cause).toMatch(/returned nothing \(undefined\)\.$/);
  });

  it('rendering never changes the variables it is given (assumed: the core owns assignment)', async () => {
    const variables = { list: [1, 2] };
    await render('{% $append($list, 3) %}', binding({}), variables);
    expect(variables).toEqual({ list: [1, 2] });
  });
});

describe('no input document: $, $$ and bare names at the top level', () => {
  // ASL specification, "JSONata": a JSONata expression MUST NOT reference "$" or unqualified field names at the top
  // level, nor "$$"; AWS refuses such definitions (UNSUPPORTED_JSONATA_EXPRESSION, floci-io/floci#2670). Assumed: if
  // one runs anyway, there is no input document to read, so the value is nothing.
  const nothing: Array<[string, string]> = [
    ['$', '{% $ %}'],
    ['$.title', '{% $.title %}'],
    ['$$', '{% $$ %}'],
    ['a bare field name', '{% title %}'],
  ];
  for (const [name, expression] of nothing) {
    it(`${name} at the top level is nothing (ASL spec "JSONata"; assumed at run time)`, async () => {
      expect((await failure(expression, binding({ title: 'Doctor' }))).cause).toMatch(/returned nothing \(undefined\)\.$/);
    });
  }

  const nested: Array<[string, string, unknown]> = [
    ['$ inside a predicate is the current item', '{% $states.input.items[$ > 1] %}', [2, 3]],
    ['a bare name inside a predicate is a field of the current item', '{% $states.input.products[calories=0].name %}', 'P2'],
    ['$ inside a $map function', '{% $map($states.input.items, function($v) { $v * 2 }) %}', [2, 4, 6]],
  ];
  for (const [name, expression, expected] of nested) {
    it(`${name} (ASL specification "JSONata": MAY reference "$" nested inside an expression)`, async () => {
      const input = { items: [1, 2, 3], products: [{ calories: 0, name: 'P2' }, { calories: 5, name: 'P3' }] };
      expect(await render(expression, binding(input))).toEqual(expected);
    });
  }
});

describe('Choice Condition and other single-value fields', () => {
  const cases: Array<[string, string, unknown, unknown, string]> = [
    ['a Condition true', '{% $states.input.condition %}', { condition: true }, true, DOCS.recorded('outputdecl choice_condition_jsonata [CONDITION_TRUE]')],
    ['a Condition comparing strings', '{% $states.input.str_value = "string literal" %}', { str_value: 'string literal' }, true, DOCS.recorded('scenarios CHOICE_STATE_SINGLETON_COMPOSITE_LITERAL_JSONATA')],
    ['TimeoutSeconds from a variable', '{% $timeout %}', {}, 30, `${DOCS.writing} ("TimeoutSeconds" : "{% $timeout %}")`],
    ['Timestamp from the input', '{% $states.input.TimestampValue %}', { TimestampValue: '2016-03-14T01:59:00Z' }, '2016-03-14T01:59:00Z', DOCS.recorded('scenarios wait_timestamp_jsonata')],
  ];
  for (const [name, expression, input, expected, source] of cases) {
    it(`${name} (${source})`, async () => {
      expect(await render(expression, binding(input), { timeout: 30 }, 'Condition')).toEqual(expected);
    });
  }
});
