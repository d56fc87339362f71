/**
 * What a JSONata expression is in a Step Functions definition, and its compiled form.
 *
 * Developer Guide, "Transforming data with JSONata in Step Functions", section "Writing JSONata expressions in JSON
 * strings": a string is evaluated when it starts with `{%` (no leading spaces) and ends with `%}` (no trailing
 * spaces). Any other string is a plain string, even one that holds `{%` somewhere else: AWS's recorded output keeps
 * " {% states.input %} " as it is (LocalStack's AWS snapshot test_output base_literals).
 *
 * The expression's text in AWS's causes is what sits between the delimiters without the spaces around it:
 * "{% $doesNotExist %}" is reported as '$doesNotExist'.
 */
import jsonata from 'jsonata';
import { addedFunctions, type FunctionSources } from './functions';

export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 4 && value.startsWith('{%') && value.endsWith('%}');
}

/** The JSONata source inside `{% … %}`, trimmed. */
export function expressionText(expression: string): string {
  return expression.slice(2, -2).trim();
}

/** A compiled expression, or the syntax error compiling it raised (raised again at each evaluation). */
export type Compiled = { readonly expression: jsonata.Expression } | { readonly error: unknown };

/** The most compiled expressions kept; a definition has far fewer, this only bounds a pathological caller. */
const CACHE_LIMIT = 10_000;

/** Compiles each expression text once, with the functions Step Functions adds registered on it. */
export class ExpressionCache {
  private readonly compiled = new Map<string, Compiled>();

  constructor(private readonly sources: FunctionSources) {}

  get(text: string): Compiled {
    let entry = this.compiled.get(text);
    if (!entry) {
      entry = this.compile(text);
      if (this.compiled.size >= CACHE_LIMIT) this.compiled.clear();
      this.compiled.set(text, entry);
    }
    return entry;
  }

  private compile(text: string): Compiled {
    try {
      const expression = jsonata(text);
      for (const fn of addedFunctions(this.sources)) {
        expression.registerFunction(fn.name, fn.implementation as (...args: unknown[]) => unknown, fn.signature);
      }
      return { expression };
    } catch (error) {
      return { error };
    }
  }
}
