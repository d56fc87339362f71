/**
 * Request-body validation as API Gateway does it with a method's model: JSON Schema draft 4. The keywords a
 * model here uses are implemented; any other keyword is refused when the model is loaded, so a model can never
 * be checked less strictly locally than it is on AWS. Messages follow the wording API Gateway returns in
 * `$context.error.validationErrorString`.
 */

type Schema = Record<string, unknown>;

const SUPPORTED = new Set([
  '$schema',
  'title',
  'description',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'enum',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'items',
  'minItems',
  'maxItems',
]);

export class UnsupportedSchemaError extends Error {}

/** Throws when the schema uses a keyword this validator does not implement. */
export function assertSupportedSchema(schema: unknown, where = 'model'): void {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) throw new UnsupportedSchemaError(`${where}: a schema must be an object.`);
  for (const [key, value] of Object.entries(schema)) {
    if (!SUPPORTED.has(key)) {
      throw new UnsupportedSchemaError(`${where} uses the keyword '${key}', which the local API Gateway does not check; add it to local/api-gateway/json-schema.ts.`);
    }
    if (key === 'properties') for (const [name, sub] of Object.entries(value as Schema)) assertSupportedSchema(sub, `${where}.properties.${name}`);
    if (key === 'items') assertSupportedSchema(value, `${where}.items`);
    if (key === 'additionalProperties' && typeof value !== 'boolean') assertSupportedSchema(value, `${where}.additionalProperties`);
  }
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

const codePoints = (text: string) => [...text].length;

/** Validates `value` against `schema`; returns API Gateway-style messages, empty when valid. */
export function validateSchema(schema: Schema, value: unknown, pointer = ''): string[] {
  const at = pointer === '' ? '' : ` (at ${pointer})`;
  const types = schema.type === undefined ? undefined : ([] as string[]).concat(schema.type as string | string[]);
  if (types && !types.some((t) => matchesType(value, t))) {
    return [`instance type (${typeOf(value)}) does not match any allowed primitive type (allowed: ${JSON.stringify(types)})${at}`];
  }
  const problems: string[] = [];
  if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))) {
    problems.push(`instance value (${JSON.stringify(value)}) not found in enum (possible values: ${JSON.stringify(schema.enum)})${at}`);
  }
  if (typeof value === 'string') {
    const length = codePoints(value);
    if (typeof schema.minLength === 'number' && length < schema.minLength) {
      problems.push(`string ${JSON.stringify(value.slice(0, 50))} is too short (length: ${length}, required minimum: ${schema.minLength})${at}`);
    }
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
      problems.push(`string ${JSON.stringify(value.slice(0, 50))} is too long (length: ${length}, maximum allowed: ${schema.maxLength})${at}`);
    }
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
      problems.push(`ECMA 262 regex ${JSON.stringify(schema.pattern)} does not match input string ${JSON.stringify(value.slice(0, 50))}${at}`);
    }
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) {
      problems.push(`numeric instance is lower than the required minimum (minimum: ${schema.minimum}, found: ${value})${at}`);
    }
    if (typeof schema.maximum === 'number' && value > schema.maximum) {
      problems.push(`numeric instance is greater than the required maximum (maximum: ${schema.maximum}, found: ${value})${at}`);
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
      problems.push(`array is too short: must have at least ${schema.minItems} elements but instance has ${value.length} elements${at}`);
    }
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
      problems.push(`array is too long: must have at most ${schema.maxItems} elements but instance has ${value.length} elements${at}`);
    }
    if (schema.items && typeof schema.items === 'object') value.forEach((item, i) => problems.push(...validateSchema(schema.items as Schema, item, `${pointer}/${i}`)));
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    // Own keys only: `name in object` would also find what every object inherits (`__proto__`, `constructor`,
    // `toString`), so a body with such a key passed as if the schema allowed it. JSON.parse makes them own keys.
    const missing = ((schema.required ?? []) as string[]).filter((name) => !Object.hasOwn(object, name));
    if (missing.length > 0) problems.push(`object has missing required properties (${JSON.stringify(missing)})${at}`);
    const extra = Object.keys(object).filter((name) => !Object.hasOwn(properties, name));
    if (schema.additionalProperties === false && extra.length > 0) {
      problems.push(`object instance has properties which are not allowed by the schema: ${JSON.stringify(extra)}${at}`);
    }
    for (const [name, sub] of Object.entries(properties)) {
      if (Object.hasOwn(object, name)) problems.push(...validateSchema(sub, object[name], `${pointer}/${name}`));
    }
  }
  return problems;
}
