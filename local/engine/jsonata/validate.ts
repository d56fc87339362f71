/**
 * What AWS checks in a JSONata expression when a definition is created, for the definition validator (it does not
 * run at execution time; ./index.ts evaluates whatever it is given).
 *
 *   - The expression must parse: INVALID_JSONATA_EXPRESSION with JSONata's message, e.g. "Unexpected end of
 *     expression" (AWS drops the JSONata code here; floci-io/floci#2745).
 *   - It must not read the input document: the ASL specification ("JSONata") forbids "$", "$$" and unqualified field
 *     names at the top level of an expression; AWS refuses with UNSUPPORTED_JSONATA_EXPRESSION "Reference to 'phone'
 *     at the top level is not supported." (floci-io/floci#2670). Nested inside a predicate, a filter or a function
 *     body they name the current value and are allowed. The wording for `$` and `$$` is assumed to follow the same
 *     form.
 * The caller adds AWS's location, " at /States/<name>/Output/v".
 */
import jsonata from 'jsonata';
import { expressionText, isExpression } from './expression';

export interface JsonataProblem {
  readonly code: 'INVALID_JSONATA_EXPRESSION' | 'UNSUPPORTED_JSONATA_EXPRESSION';
  readonly message: string;
}

/** The problems AWS reports for one `{% … %}` string (none: an empty list). */
export function checkJsonataExpression(expression: string): JsonataProblem[] {
  let ast: jsonata.ExprNode;
  try {
    ast = jsonata(isExpression(expression) ? expressionText(expression) : expression).ast();
  } catch (error) {
    const message = (error as { message?: unknown }).message;
    return [{ code: 'INVALID_JSONATA_EXPRESSION', message: typeof message === 'string' ? message : String(error) }];
  }
  const names = new Set<string>();
  topLevelReferences(ast as Node, names);
  return [...names].map((name) => ({
    code: 'UNSUPPORTED_JSONATA_EXPRESSION',
    message: `Reference to '${name}' at the top level is not supported.`,
  }));
}

/** Every `{% … %}` string inside a field's value with its problems, located like AWS ('Output/v', 'Items[1]'). */
export function findJsonataProblems(value: unknown, location: string): Array<JsonataProblem & { location: string }> {
  const found: Array<JsonataProblem & { location: string }> = [];
  const walk = (node: unknown, at: string): void => {
    if (isExpression(node)) {
      for (const problem of checkJsonataExpression(node)) found.push({ ...problem, location: at });
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${at}[${i}]`));
    } else if (node !== null && typeof node === 'object') {
      for (const [key, member] of Object.entries(node)) walk(member, at ? `${at}/${key}` : key);
    }
  };
  walk(value, location);
  return found;
}

interface Node {
  type: string;
  value?: unknown;
  steps?: Node[];
  expressions?: Node[];
  arguments?: Node[];
  lhs?: Node | Node[][];
  rhs?: Node;
  expression?: Node;
  condition?: Node;
  then?: Node;
  else?: Node;
}

/** The names an expression reads from the (absent) input document at its top level. */
function topLevelReferences(node: Node | undefined, names: Set<string>): void {
  if (!node) return;
  switch (node.type) {
    case 'path':
      // Only the first step reads the input; later steps, stages and predicates read the current value.
      topLevelReferences(node.steps?.[0], names);
      return;
    case 'name':
      names.add(String(node.value));
      return;
    case 'variable':
      if (node.value === '') names.add('$');
      else if (node.value === '$') names.add('$$');
      return;
    case 'unary':
      if (node.value === '{' && Array.isArray(node.lhs)) {
        for (const pair of node.lhs as Node[][]) pair.forEach((part) => topLevelReferences(part, names));
      } else {
        topLevelReferences(node.expression, names);
        node.expressions?.forEach((item) => topLevelReferences(item, names));
      }
      return;
    case 'binary':
    case 'apply':
      topLevelReferences(node.lhs as Node, names);
      topLevelReferences(node.rhs, names);
      return;
    case 'bind':
      topLevelReferences(node.rhs, names);
      return;
    case 'condition':
      topLevelReferences(node.condition, names);
      topLevelReferences(node.then, names);
      topLevelReferences(node.else, names);
      return;
    case 'block':
      node.expressions?.forEach((item) => topLevelReferences(item, names));
      return;
    case 'function':
    case 'partial':
      node.arguments?.forEach((item) => topLevelReferences(item, names));
      return;
    default:
      // literals, lambdas (their body reads its own arguments), regular expressions, transforms
      return;
  }
}
