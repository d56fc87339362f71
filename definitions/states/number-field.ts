import { assertPath, Dynamic } from '../json-path';
import { JsonataExpression } from '../jsonata';
import { renderJsonata } from '../jsonata-render';
import type { QueryLanguage } from './state';

/**
 * A number field of a state (TimeoutSeconds, MaxConcurrency, MaxItemsPerBatch…) in the form each language takes it
 * (Developer Guide, "Transforming data with JSONata in Step Functions": the `…Path` fields are JSONPath only; in a
 * JSONata state the field itself holds the expression). AWS's ASL schema (amazon-states-language-service) types each
 * of these fields "integer or JSONata expression":
 * - a number: the same in both languages;
 * - `JsonPath.numberAt('$.limit')` (JSONPath): rendered as the field's `…Path` twin, `"MaxConcurrencyPath": "$.limit"`;
 * - `jsonata('$states.input.limit')` (JSONata): rendered in the field, `"MaxConcurrency": "{% $states.input.limit %}"`.
 * The value is checked when the state runs, as AWS does (a number here is checked at synth).
 */
export type NumberField = number | Dynamic | JsonataExpression;

/** What a fixed number must be, with the words for the error. */
export interface NumberRule {
  readonly min: number;
  readonly max?: number;
  /** A whole number (every field but ToleratedFailurePercentage). @default true */
  readonly integer?: boolean;
}

/** Refuses a fixed number outside `rule`, naming `where`; leaves paths and expressions to run time. */
export function checkNumberField(value: NumberField | undefined, where: string, rule: NumberRule): void {
  if (typeof value !== 'number') {
    if (value !== undefined && !(value instanceof Dynamic) && !(value instanceof JsonataExpression)) {
      throw new Error(`${where}: '${String(value)}' is not a number; give a number, JsonPath.numberAt('$.x') (JSONPath) or jsonata('…') (JSONata).`);
    }
    return;
  }
  const integer = rule.integer ?? true;
  const inRange = value >= rule.min && (rule.max === undefined || value <= rule.max);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || !inRange) {
    const range = rule.max === undefined ? `of at least ${rule.min}` : `from ${rule.min} to ${rule.max}`;
    throw new Error(`${where}: ${value} must be ${integer ? 'a whole number' : 'a number'} ${range}.`);
  }
}

/**
 * `{ [field]: value }` in `language`: a number as it is, a JSONPath path under `<field>Path`, a JSONata expression as
 * `{% … %}` in the field. A value of the other language is refused with a sentence naming `where` and the fix.
 */
export function renderNumberField(value: NumberField | undefined, field: string, language: QueryLanguage, where: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value === 'number') return { [field]: value };
  if (language === 'JSONata') {
    if (value instanceof Dynamic) {
      throw new Error(
        `${where} ${field} reads the JSONPath '${value.expression}' (${field}Path), a JSONPath-only field, but the state is evaluated as JSONata: ` +
          `give a JSONata expression instead (e.g. jsonata('$states.input.limit') for '$.limit'), or set queryLanguage: 'JSONPath' on the state.`,
      );
    }
    return { [field]: renderJsonata(value, `${where} ${field}`, { inCatcher: false, resultHere: false }) };
  }
  if (value instanceof JsonataExpression) {
    throw new Error(
      `${where} ${field} holds the JSONata expression '${value.expression}', but the state is evaluated as JSONPath: ` +
        `give JsonPath.numberAt('$.x') (rendered as ${field}Path), or set queryLanguage: 'JSONata' on the state.`,
    );
  }
  if (!/^\$\$?(\.|\[|$)/.test(value.expression)) {
    throw new Error(`${where} ${field}Path: '${value.expression}' is not a reference path; ${field}Path takes a path such as '$.limit', not an intrinsic function.`);
  }
  return { [`${field}Path`]: assertPath(value.expression, `${where} ${field}Path`) };
}
