/**
 * Compares an actual JSON value with an expected one, where the expected value may hold matchers:
 * `{ "$match": "<regex>" }` (a string matching it) and `{ "$type": "<JSON type>" }` (any value of that type).
 * Returns the differences as readable lines, empty when the values agree.
 */

type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

function jsonType(value: unknown): JsonType | 'undefined' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  if (t === 'string' || t === 'number' || t === 'boolean') return t;
  if (t === 'object') return 'object';
  return 'undefined';
}

function isMatcher(value: unknown): value is { $match: string } | { $type: JsonType } {
  if (jsonType(value) !== 'object') return false;
  const keys = Object.keys(value as object);
  return keys.length === 1 && (keys[0] === '$match' || keys[0] === '$type');
}

const show = (value: unknown): string => (value === undefined ? 'undefined' : JSON.stringify(value)).slice(0, 300);

export function compareJson(expected: unknown, actual: unknown, keyOrder = false, path = '$'): string[] {
  if (isMatcher(expected)) {
    if ('$match' in expected) {
      return typeof actual === 'string' && new RegExp(expected.$match).test(actual) ? [] : [`${path}: expected a string matching /${expected.$match}/, got ${show(actual)}`];
    }
    return jsonType(actual) === expected.$type ? [] : [`${path}: expected any ${expected.$type}, got ${show(actual)}`];
  }
  const te = jsonType(expected);
  const ta = jsonType(actual);
  if (te !== ta) return [`${path}: expected ${show(expected)}, got ${show(actual)}`];
  if (te === 'array') {
    const e = expected as unknown[];
    const a = actual as unknown[];
    if (e.length !== a.length) return [`${path}: expected an array of ${e.length}, got ${a.length}: ${show(actual)}`];
    return e.flatMap((item, i) => compareJson(item, a[i], keyOrder, `${path}[${i}]`));
  }
  if (te === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const ek = Object.keys(e);
    const ak = Object.keys(a);
    const missing = ek.filter((k) => !(k in a));
    const extra = ak.filter((k) => !(k in e));
    if (missing.length > 0 || extra.length > 0) {
      return [`${path}: keys differ (missing ${JSON.stringify(missing)}, unexpected ${JSON.stringify(extra)}): got ${show(actual)}`];
    }
    const order = keyOrder && ek.join('\u0000') !== ak.join('\u0000') ? [`${path}: key order ${JSON.stringify(ak)}, expected ${JSON.stringify(ek)}`] : [];
    return [...order, ...ek.flatMap((k) => compareJson(e[k], a[k], keyOrder, `${path}.${k}`))];
  }
  return Object.is(expected, actual) || expected === actual ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
}

/** Deep equality of two JSON values (for choosing a Task step by its input). */
export function jsonEquals(a: unknown, b: unknown): boolean {
  return compareJson(a, b).length === 0;
}

/** Helpers for writing expectations. */
export const match = (pattern: string): { $match: string } => ({ $match: pattern });
export const anyOf = (type: JsonType): { $type: JsonType } => ({ $type: type });
