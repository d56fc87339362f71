import { Dynamic } from './json-path';
import { JsonataExpression } from './jsonata';
import { StateInput, type PayloadValue } from './payload';
import { jsonataExpressionProblems, type ExpressionPlace } from './validation/jsonata-expressions';

export type { ExpressionPlace } from './validation/jsonata-expressions';

/**
 * Renders a value of a JSONata state (Arguments, Output, Assign, Items, ItemSelector, a Condition…): every
 * `JsonataExpression` becomes `{% … %}` after it is checked where it is evaluated, with the rules the validator
 * applies (definitions/validation/jsonata-expressions.ts: it parses, reads no top-level field, `$states.result`
 * and `$states.errorOutput` only where they exist). `where` names the state and field for the error.
 */
export function renderJsonata(value: PayloadValue, where: string, place: ExpressionPlace): unknown {
  if (value === undefined) throw new Error(`${where} is undefined; leave the key out or give it a value.`);
  if (value instanceof JsonataExpression) {
    const problems = jsonataExpressionProblems(value.expression, place);
    if (problems.length > 0) {
      throw new Error(`${where}: ${problems.map((p) => p.Message).join('; ')}. Fix the expression '${value.expression}' in the state's builder.`);
    }
    return value.render();
  }
  if (value instanceof StateInput) return '{% $states.input %}';
  if (value instanceof Dynamic) {
    throw new Error(
      `${where} holds the JSONPath value '${value.expression}', but the state is evaluated as JSONata. ` +
        `Give a JSONata expression instead (e.g. jsonata('$states.input.id') for '$.id'), or set queryLanguage: 'JSONPath' on the state.`,
    );
  }
  if (Array.isArray(value)) return value.map((v, i) => renderJsonata(v, `${where}[${i}]`, place));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key.endsWith('.$')) {
        throw new Error(`${where}: key '${key}' ends in '.$', which only JSONPath evaluates; in a JSONata state write the key as '${key.slice(0, -2)}' with a jsonata(...) value.`);
      }
      out[key] = renderJsonata(item, `${where}.${key}`, place);
    }
    return out;
  }
  return value;
}
