/** Plain JSON values, as read from synthesized Terraform JSON and state machine definitions. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted, so that two values that differ only in key order compare equal. */
export function canonical(value: Json | undefined): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A string attribute that holds JSON (an IAM policy, a state machine definition), parsed; `undefined` when the
 * string is not a JSON object or array.
 */
export function parseEmbeddedJson(value: Json | undefined): Json | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(value) as Json;
  } catch {
    return undefined;
  }
}

/**
 * A value for one line of a report: compact JSON, cut at `max` characters. A JSONata value (`{% … %}`) is shown as
 * the expression it is, unquoted and on one line, so that a changed expression reads as code, not as a string.
 */
export function preview(value: Json | undefined, max = 160): string {
  const expression = typeof value === 'string' ? /^\s*\{%([\s\S]*)%\}\s*$/.exec(value) : null;
  const text = value === undefined ? '(none)' : expression ? `{% ${expression[1].trim().replace(/\s+/g, ' ')} %}` : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
