import { Dynamic } from './json-path';
import { JsonataExpression } from './jsonata';

/**
 * A payload template (Parameters or Arguments, ItemSelector, ResultSelector, Output, Assign, Pass Result): plain
 * JSON values, with `Dynamic` values (JSONPath states) or `JsonataExpression` values (JSONata states) wherever a
 * value comes from the input, a variable, the context object or a function.
 */
export type PayloadValue = string | number | boolean | null | Dynamic | JsonataExpression | StateInput | PayloadValue[] | { [key: string]: PayloadValue };

/**
 * The whole state input, in whichever language the state is evaluated: `"key.$": "$"` in JSONPath, `"{% $states.input %}"`
 * in JSONata. For defaults of integrations that are written once for both languages (Lambda's Payload).
 */
export class StateInput {
  private constructor() {}
  static readonly value = new StateInput();
}
export type Payload = { [key: string]: PayloadValue };

/** Renders a payload template to ASL: a `Dynamic` under key `k` becomes `"k.$": "<expression>"`. */
export function renderPayload(payload: Payload, where: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (key.endsWith('.$')) {
      throw new Error(
        `${where}: key '${key}' ends in '.$'. Write the key without the suffix and give a JsonPath/Intrinsic value; the suffix is added when rendering.`,
      );
    }
    if (value instanceof Dynamic) {
      out[`${key}.$`] = value.expression;
    } else if (value instanceof StateInput) {
      out[`${key}.$`] = '$';
    } else if (value instanceof JsonataExpression) {
      throw jsonataInJsonPath(value, `${where}.${key}`);
    } else {
      out[key] = renderValue(value, `${where}.${key}`);
    }
  }
  return out;
}

function renderValue(value: PayloadValue, where: string): unknown {
  if (value === undefined) {
    throw new Error(`${where} is undefined; leave the key out or give it a value.`);
  }
  if (value instanceof Dynamic || value instanceof StateInput) {
    throw new Error(
      `${where}: an array cannot hold a JsonPath or intrinsic value in ASL; build the array with Intrinsic.array(...) instead.`,
    );
  }
  if (value instanceof JsonataExpression) throw jsonataInJsonPath(value, where);
  if (Array.isArray(value)) return value.map((v, i) => renderValue(v, `${where}[${i}]`));
  if (value !== null && typeof value === 'object') return renderPayload(value, where);
  return value;
}

function jsonataInJsonPath(value: JsonataExpression, where: string): Error {
  return new Error(
    `${where} holds the JSONata expression '${value.expression}', but the state is evaluated as JSONPath. ` +
      "Set queryLanguage: 'JSONata' on the state (or the state machine), or give a JsonPath value instead.",
  );
}
