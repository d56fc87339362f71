import { checkJsonataExpression, findJsonataProblems } from '../../../../local/engine/jsonata';
import { DOCS } from './support';

// What AWS refuses in an expression when a definition is created (for the definition validator).

const ASL_JSONATA = 'ASL specification, "JSONata" (MUST NOT reference "$", "$$" or unqualified field names at the top level)';

describe('top-level references to the input document', () => {
  const refused: Array<[string, string[], string]> = [
    ['{% phone %}', ['phone'], DOCS.measured('floci-io/floci#2670')],
    ['{% $.total %}', ['$'], ASL_JSONATA],
    ['{% $ %}', ['$'], ASL_JSONATA],
    ['{% $$ %}', ['$$'], ASL_JSONATA],
    ['{% total > 10 %}', ['total'], ASL_JSONATA],
    ['{% $uppercase(name) %}', ['name'], ASL_JSONATA + ' (a function argument is evaluated at the top level)'],
    ["{% {'k': v, 'n': [a, 1]} %}", ['v', 'a'], ASL_JSONATA],
    ['{% x ? 1 : y %}', ['x', 'y'], ASL_JSONATA],
    ['{% ($z := q; $z) %}', ['q'], ASL_JSONATA],
  ];
  for (const [expression, names, source] of refused) {
    it(`${expression} is refused for ${names.join(', ')} (${source})`, () => {
      expect(checkJsonataExpression(expression)).toEqual(
        names.map((name) => ({ code: 'UNSUPPORTED_JSONATA_EXPRESSION', message: `Reference to '${name}' at the top level is not supported.` })),
      );
    });
  }

  const allowed = [
    '{% $states.input.total %}',
    '{% $order[$.total > 10] %}',
    '{% $order[total > 10] %}',
    '{% $states.input.products[calories=0].name %}',
    '{% $map($states.input.items, function($v) { $v.price * qty }) %}',
    "{% 'literal' %}",
    '{% $sum($states.input.values) + $one %}',
  ];
  for (const expression of allowed) {
    it(`${expression} is accepted (${ASL_JSONATA}: MAY reference them nested inside an expression)`, () => {
      expect(checkJsonataExpression(expression)).toEqual([]);
    });
  }
});

describe('expressions that do not parse', () => {
  const cases: Array<[string, string]> = [
    ['{% 1 + %}', 'Unexpected end of expression'],
    ['{% a[1,2) %}', 'Expected "]", got ","'],
    ['{% "unterminated %}', 'String literal must be terminated by a matching quote'],
  ];
  for (const [expression, message] of cases) {
    it(`${expression} → INVALID_JSONATA_EXPRESSION: ${message} (${DOCS.measured('floci-io/floci#2745')})`, () => {
      expect(checkJsonataExpression(expression)).toEqual([{ code: 'INVALID_JSONATA_EXPRESSION', message }]);
    });
  }
});

it(`findJsonataProblems locates every problem in a field (${DOCS.measured('floci-io/floci#2670')}: "at /States/E/Output/v")`, () => {
  expect(findJsonataProblems({ v: '{% phone %}', ok: '{% $states.input %}', list: ['{% 1 + %}'] }, 'Output')).toEqual([
    { code: 'UNSUPPORTED_JSONATA_EXPRESSION', message: "Reference to 'phone' at the top level is not supported.", location: 'Output/v' },
    { code: 'INVALID_JSONATA_EXPRESSION', message: 'Unexpected end of expression', location: 'Output/list[0]' },
  ]);
});
