import type { ErrorObject, ValidateFunction } from 'ajv';
import type Ajv from 'ajv-draft-04';
import { LocalSetupError } from '../errors';

/**
 * Request-body validation as API Gateway does it with a method's model: JSON Schema draft 4
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings-models.html), checked by ajv with
 * its draft-04 dialect. What the local gateway keeps of API Gateway besides the checks themselves:
 * - the messages, worded as API Gateway words them in `$context.error.validationErrorString` (the Java
 *   json-schema-validator's wording), one per problem, with the place in the body when it is not the top;
 * - lengths in Unicode code points (draft 4's minLength/maxLength; ajv's default `unicode: true`) and patterns
 *   as ECMA 262 with the `u` flag;
 * - only a body's own keys count: `__proto__`, `constructor` or `toString` in a body are keys like any other
 *   (`ownProperties`), refused where the schema allows no other keys.
 * A model that uses what the local gateway cannot check (a `format`, a `$ref` to another model, a keyword draft 4
 * does not define) is refused when the API is loaded, so a body is never checked less strictly here than on AWS.
 */

type Schema = Record<string, unknown>;

/** Checks a body against one model: API Gateway-style messages, empty when the body is valid. */
export type BodyValidator = (value: unknown) => string[];

/** A model the local gateway cannot check as API Gateway would; the stack cannot be served. */
export class UnsupportedSchemaError extends LocalSetupError {
  override readonly name = 'UnsupportedSchemaError';
}

// strictSchema refuses unknown keywords and formats (they would go unchecked); the other strict checks of ajv
// refuse valid draft-4 schemas (a `required` name without `properties`, say), which API Gateway accepts.
// Made at the first model (ajv takes ~35 ms to load, which a stack without a REST API does not pay).
let validator: Ajv | undefined;
function ajv(): Ajv {
  const { default: AjvDraft4 } = require('ajv-draft-04') as { default: typeof Ajv };
  return (validator ??= new AjvDraft4({ allErrors: true, verbose: true, ownProperties: true, strict: false, strictSchema: true }));
}

/** Compiles a model once (models are compiled when the API is loaded, not per request). */
export function compileModel(schema: unknown, where = 'model'): BodyValidator {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) throw new UnsupportedSchemaError(`${where}: a schema must be an object.`);
  let validate: ValidateFunction;
  try {
    validate = ajv().compile(schema as Schema);
  } catch (err) {
    throw new UnsupportedSchemaError(`${where} cannot be checked by the local API Gateway: ${(err as Error).message}. ${unsupportedHint((err as Error).message)}`);
  }
  return (value) => (validate(value) ? [] : messages(validate.errors ?? []));
}

function unsupportedHint(message: string): string {
  if (/unknown format/.test(message)) return 'Formats are not checked locally; leave `format` out of the model, or check the value in the function.';
  if (/unknown keyword/.test(message)) return 'JSON Schema draft 4 defines no such keyword: check its spelling.';
  if (/resolve reference/.test(message)) return 'References to other models are not resolved locally; write the schema inline.';
  return 'Fix the model (stacks/), then synthesize again.';
}

const compiled = new Map<string, BodyValidator>();

/** Validates `value` against `schema` (compiled once per distinct schema); API Gateway-style messages, empty when valid. */
export function validateSchema(schema: Schema, value: unknown): string[] {
  const key = JSON.stringify(schema);
  let validator = compiled.get(key);
  if (!validator) compiled.set(key, (validator = compileModel(schema)));
  return validator(value);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const json = (value: unknown) => JSON.stringify(value);
/** A text as a message quotes it: its first 50 characters. */
const quote = (text: unknown) => json(String(text).slice(0, 50));
const codePoints = (text: string) => [...text].length;

/**
 * ajv's errors as API Gateway's messages. The missing properties of one object make one message, as do its
 * unexpected ones; a keyword without a message of its own keeps ajv's.
 */
function messages(errors: readonly ErrorObject[]): string[] {
  type Group = { readonly keyword: 'required' | 'additionalProperties'; readonly at: string; readonly names: string[] };
  const out: (string | Group)[] = [];
  const groups = new Map<string, Group>();
  for (const error of errors) {
    const at = error.instancePath === '' ? '' : ` (at ${error.instancePath})`;
    if (error.keyword !== 'required' && error.keyword !== 'additionalProperties') {
      out.push(message(error) + at);
      continue;
    }
    const key = `${error.keyword} ${error.instancePath}`;
    let group = groups.get(key);
    if (!group) {
      group = { keyword: error.keyword, at, names: [] };
      groups.set(key, group);
      out.push(group);
    }
    group.names.push(String(error.keyword === 'required' ? error.params.missingProperty : error.params.additionalProperty));
  }
  return out.map((entry) => {
    if (typeof entry === 'string') return entry;
    return entry.keyword === 'required'
      ? `object has missing required properties (${json(entry.names)})${entry.at}`
      : `object instance has properties which are not allowed by the schema: ${json(entry.names)}${entry.at}`;
  });
}

function message(error: ErrorObject): string {
  const { data, schema, params } = error;
  switch (error.keyword) {
    case 'type':
      return `instance type (${typeOf(data)}) does not match any allowed primitive type (allowed: ${json(([] as unknown[]).concat(schema))})`;
    case 'enum':
      return `instance value (${json(data)}) not found in enum (possible values: ${json(schema)})`;
    case 'minLength':
      return `string ${quote(data)} is too short (length: ${codePoints(String(data))}, required minimum: ${json(schema)})`;
    case 'maxLength':
      return `string ${quote(data)} is too long (length: ${codePoints(String(data))}, maximum allowed: ${json(schema)})`;
    case 'pattern':
      return `ECMA 262 regex ${json(schema)} does not match input string ${quote(data)}`;
    case 'minimum':
      return params.comparison === '>'
        ? `numeric instance is not strictly greater than the required minimum ${json(schema)}`
        : `numeric instance is lower than the required minimum (minimum: ${json(schema)}, found: ${json(data)})`;
    case 'maximum':
      return params.comparison === '<'
        ? `numeric instance is not strictly lower than the required maximum ${json(schema)}`
        : `numeric instance is greater than the required maximum (maximum: ${json(schema)}, found: ${json(data)})`;
    case 'minItems':
      return `array is too short: must have at least ${json(schema)} elements but instance has ${(data as unknown[]).length} elements`;
    case 'maxItems':
      return `array is too long: must have at most ${json(schema)} elements but instance has ${(data as unknown[]).length} elements`;
    default:
      return `${error.keyword}: ${error.message ?? 'does not match the schema'}`;
  }
}
