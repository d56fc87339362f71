/**
 * A JSONata result made into plain JSON. JSONata hands back JavaScript values that JSON cannot hold (functions,
 * lambdas, regular expressions, NaN and ±Infinity) and arrays that carry its own bookkeeping (`sequence`,
 * `keepSingleton`); a state's data is JSON, so this copies the value into fresh plain objects and arrays (it never
 * shares structure with `$states.input` or a variable) and reports anything that is not JSON.
 *
 * AWS: a function result fails with "returned an unsupported result type." (LocalStack's AWS snapshot
 * test_map_state_items_eval_jsonata_fail[function]). Assumed, the docs being silent: NaN and ±Infinity (JSONata's
 * `1/0`) fail the same way, since JSON cannot write them; an undefined member inside an object or array (only
 * reachable through a JavaScript-valued binding) is left out, as JSON.stringify leaves it out.
 */
export const NOT_JSON = Symbol('not JSON');

export function toJson(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) return NOT_JSON;
      return value === 0 ? 0 : value; // -0 is written 0, as AWS writes $parse("-0")
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const items: unknown[] = [];
        for (const item of value) {
          if (item === undefined) continue;
          const json = toJson(item);
          if (json === NOT_JSON) return NOT_JSON;
          items.push(json);
        }
        return items;
      }
      if (value instanceof RegExp || isJsonataFunction(value)) return NOT_JSON;
      const object: Record<string, unknown> = {};
      for (const [key, member] of Object.entries(value)) {
        if (member === undefined) continue;
        const json = toJson(member);
        if (json === NOT_JSON) return NOT_JSON;
        if (key === '__proto__') {
          Object.defineProperty(object, key, { value: json, enumerable: true, writable: true, configurable: true });
        } else {
          object[key] = json;
        }
      }
      return object;
    }
    default:
      // functions, symbols, bigints
      return NOT_JSON;
  }
}

/** A JSONata lambda (`function($x){…}`) or a partially applied function: an object, not a JavaScript function. */
function isJsonataFunction(value: object): boolean {
  const marks = value as { _jsonata_lambda?: unknown; _jsonata_function?: unknown };
  return marks._jsonata_lambda === true || marks._jsonata_function === true;
}
