import { isObject, type Json, type JsonObject } from './json';

/**
 * What a state does with its data, in either query language, for people reading a diff or a diagram. A JSONata
 * value is a string `{% <expression> %}` (Developer Guide, "Transforming data with JSONata in Step Functions"); it is
 * shown as its expression, whitespace collapsed. JSONPath states say the same with their `…Path` fields.
 */

export type QueryLanguage = 'JSONPath' | 'JSONata';

const EXPRESSION = /^\s*\{%([\s\S]*)%\}\s*$/;

/** The expression of a JSONata value (`{% $states.input.id %}` → `$states.input.id`); `undefined` for anything else. */
export function jsonataText(value: Json | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = EXPRESSION.exec(value);
  return match ? match[1].trim().replace(/\s+/g, ' ') : undefined;
}

/** The language a state is evaluated in: its own QueryLanguage, else the state machine's. */
export function languageOf(state: JsonObject, machine: QueryLanguage): QueryLanguage {
  return state.QueryLanguage === 'JSONata' || state.QueryLanguage === 'JSONPath' ? state.QueryLanguage : machine;
}

/** The names a state's Assign sets, as they are read: `$total`, `$order` (a JSONPath key's `.$` dropped). */
export function assignedNames(holder: Json | undefined): string[] {
  return isObject(holder) && isObject(holder.Assign) ? Object.keys(holder.Assign).map((key) => `$${key.replace(/\.\$$/, '')}`) : [];
}

/** A value in a few characters: an expression as written, an object by its keys, anything else as JSON. */
export function shortValue(value: Json | undefined, max = 40): string {
  const expression = jsonataText(value);
  const text = expression ?? (isObject(value) ? `{${Object.keys(value).join(', ')}}` : JSON.stringify(value ?? null));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * One line per data field a state sets, in its language, for a diagram's node:
 * - JSONata: `Assign $a, $b` and `Output <expression or {keys}>`;
 * - JSONPath: `ResultPath $.x` (or `result discarded` for null), `OutputPath $.x` and `Assign $a, $b`.
 * Parameters and Arguments (the request) are left out: they are long, and the state's resource already says what it calls.
 */
export function dataFlowLines(state: JsonObject, language: QueryLanguage): string[] {
  const lines: string[] = [];
  if (language === 'JSONata') {
    if (state.Output !== undefined) lines.push(`Output ${shortValue(state.Output)}`);
  } else {
    if (state.ResultPath === null) lines.push('result discarded');
    else if (typeof state.ResultPath === 'string' && state.ResultPath !== '$') lines.push(`ResultPath ${state.ResultPath}`);
    if (typeof state.OutputPath === 'string' && state.OutputPath !== '$') lines.push(`OutputPath ${state.OutputPath}`);
  }
  const assigned = assignedNames(state);
  if (assigned.length > 0) lines.push(`Assign ${assigned.join(', ')}`);
  return lines;
}

/**
 * A diff path made readable: the keys under an `Assign` are the variables they set, so `Assign.total` reads
 * `Assign $total` and `Catch["Catch States.ALL"].Assign["error.$"]` reads `Catch["Catch States.ALL"].Assign $error`.
 */
export function readablePath(path: string): string {
  return path.replace(/(^|\.)Assign(?:\.([^.[\]]+)|\[("(?:[^"\\]|\\.)*")\])/, (_all, lead: string, plain: string | undefined, quoted: string | undefined) => {
    const name = plain ?? (JSON.parse(quoted as string) as string);
    return `${lead}Assign $${name.replace(/\.\$$/, '')}`;
  });
}
