/**
 * Where a JSONata expression may read a name without `$states` or a variable. Developer Guide, "Transforming data
 * with JSONata in Step Functions": expressions get no context item (the input is `$states.input`), so AWS refuses
 * a top-level field reference, `$` and `$$` with UNSUPPORTED_JSONATA_EXPRESSION (measured: floci-io/floci#2670).
 * Inside a predicate, a sort, a later path step or a lambda, the expression made its own context, so names there
 * are fine (assumed where the docs are silent: they are in the jsonata-js test suite's forms AWS accepts).
 */
import { aslProblems } from '../../../definitions/validate';

const output = (expression: string) => ({ QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: `{% ${expression} %}`, End: true } } });
const codes = (expression: string) => aslProblems(output(expression)).map((e) => `${e['Error code']} ${e.Message.split(':')[0]}`);

test.each([
  ['$states.input.a.b', []],
  ['$states.input.items[price > 5].name', []],
  ['$states.input.items^(>price)', []],
  ['$map($states.input.items, function($v) { $v.name })', []],
  ['$states.input.numbers[$ > 2]', []],
  ['($x := $states.input.a; $x.b)', []],
  ['$states.context.Execution.Id', []],
  ['phone', ["UNSUPPORTED_JSONATA_EXPRESSION Reference to 'phone' at the top level is not supported"]],
  ['customer.name', ["UNSUPPORTED_JSONATA_EXPRESSION Reference to 'customer' at the top level is not supported"]],
  ['{"a": total}', ["UNSUPPORTED_JSONATA_EXPRESSION Reference to 'total' at the top level is not supported"]],
  ['$sum(prices)', ["UNSUPPORTED_JSONATA_EXPRESSION Reference to 'prices' at the top level is not supported"]],
  ['$states.input.a + b', ["UNSUPPORTED_JSONATA_EXPRESSION Reference to 'b' at the top level is not supported"]],
  ['$.a', ["UNSUPPORTED_JSONATA_EXPRESSION Reference to '$' at the top level is not supported"]],
  ['$$.a', ["UNSUPPORTED_JSONATA_EXPRESSION Reference to '$$' at the top level is not supported"]],
  ['1 +', ["INVALID_JSONATA_EXPRESSION The JSONata expression '1 +' does not parse"]],
])('{%% %s %%}', (expression, expected) => {
  expect(codes(expression)).toStrictEqual(expected);
});

// Developer Guide, "Passing data between states with variables" › "Reserved variable: $states": errorOutput is
// only available in a Catch (AWS: "Field '$states.errorOutput' does not exist", anomalyco/sst#6110).
test('$states.errorOutput is read in a catcher, not in a Choice rule', () => {
  const definition = {
    QueryLanguage: 'JSONata',
    StartAt: 'T',
    States: {
      T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput %}', Next: 'C' }], Next: 'C' },
      C: { Type: 'Choice', Choices: [{ Condition: '{% $exists($states.errorOutput) %}', Next: 'D' }], Default: 'D' },
      D: { Type: 'Succeed' },
    },
  };
  expect(aslProblems(definition).map((e) => [e['Error code'], e.path])).toStrictEqual([['UNSUPPORTED_JSONATA_EXPRESSION', '/States/C/Choices/0/Condition']]);
});

test('a {% %} string in a JSONPath state, or in a JSONata Comment, is not an expression', () => {
  expect(aslProblems({ StartAt: 'P', States: { P: { Type: 'Pass', Result: '{% 1 + %}', End: true } } })).toStrictEqual([]);
  expect(aslProblems({ QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Comment: '{% 1 + %}', End: true } } })).toStrictEqual([]);
});
