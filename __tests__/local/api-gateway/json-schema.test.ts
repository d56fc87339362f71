import AjvCore from 'ajv/dist/core';
import { compileModel, UnsupportedSchemaError, validateSchema } from '../../../local/api-gateway/json-schema';

// The local API Gateway checks request bodies against the method's model as API Gateway does: JSON Schema draft 4
// (ajv's draft-04 dialect), messages worded as in $context.error.validationErrorString.

const DRAFT_4 = 'http://json-schema.org/draft-04/schema#';

describe('messages as API Gateway words them', () => {
  const schema = {
    $schema: DRAFT_4,
    type: 'object',
    required: ['name', 'size', 'count'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 2, maxLength: 3, pattern: '^[a-z]+$' },
      size: { type: 'string', enum: ['S', 'M'] },
      count: { type: 'integer', minimum: 1, maximum: 10 },
      price: { type: 'number', minimum: 0, exclusiveMinimum: true },
      tags: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'string' } },
    },
  };

  test.each([
    [{ name: 'ab', size: 'S', count: 1 }, []],
    [[1], ['instance type (array) does not match any allowed primitive type (allowed: ["object"])']],
    [{}, ['object has missing required properties (["name","size","count"])']],
    [{ name: 'ab', size: 'S', count: 1, x: 1, y: 2 }, ['object instance has properties which are not allowed by the schema: ["x","y"]']],
    [{ name: 'a', size: 'S', count: 1 }, ['string "a" is too short (length: 1, required minimum: 2) (at /name)']],
    [{ name: 'abcd', size: 'S', count: 1 }, ['string "abcd" is too long (length: 4, maximum allowed: 3) (at /name)']],
    [{ name: 'AB', size: 'S', count: 1 }, ['ECMA 262 regex "^[a-z]+$" does not match input string "AB" (at /name)']],
    [{ name: 'ab', size: 'XL', count: 1 }, ['instance value ("XL") not found in enum (possible values: ["S","M"]) (at /size)']],
    [{ name: 'ab', size: 'S', count: 2.5 }, ['instance type (number) does not match any allowed primitive type (allowed: ["integer"]) (at /count)']],
    [{ name: 'ab', size: 'S', count: 0 }, ['numeric instance is lower than the required minimum (minimum: 1, found: 0) (at /count)']],
    [{ name: 'ab', size: 'S', count: 11 }, ['numeric instance is greater than the required maximum (maximum: 10, found: 11) (at /count)']],
    [{ name: 'ab', size: 'S', count: 1, price: 0 }, ['numeric instance is not strictly greater than the required minimum 0 (at /price)']],
    [{ name: 'ab', size: 'S', count: 1, tags: [] }, ['array is too short: must have at least 1 elements but instance has 0 elements (at /tags)']],
    [{ name: 'ab', size: 'S', count: 1, tags: ['a', 'b', 'c'] }, ['array is too long: must have at most 2 elements but instance has 3 elements (at /tags)']],
    [{ name: 'ab', size: 'S', count: 1, tags: ['a', 1] }, ['instance type (integer) does not match any allowed primitive type (allowed: ["string"]) (at /tags/1)']],
  ])('%j → %j', (body, expected) => {
    expect(validateSchema(schema, body)).toStrictEqual(expected);
  });
});

describe('what JSON Schema draft 4 says, where JavaScript would say otherwise', () => {
  test('lengths count code points: three emoji are three characters (six UTF-16 units)', () => {
    const schema = { $schema: DRAFT_4, type: 'string', maxLength: 3 };
    expect(validateSchema(schema, '😀😀😀')).toStrictEqual([]);
    expect(validateSchema(schema, '😀😀😀😀')).toStrictEqual(['string "😀😀😀😀" is too long (length: 4, maximum allowed: 3)']);
    // é as e + a combining accent is two code points.
    expect(validateSchema({ ...schema, maxLength: 1 }, 'e\u0301')).toHaveLength(1);
  });

  test.each(['__proto__', 'constructor', 'toString'])("a body's key %s is a key like any other: unknown where no other key is allowed", (key) => {
    const schema = { $schema: DRAFT_4, type: 'object', additionalProperties: false, properties: { a: { type: 'string' } } };
    // JSON.parse makes every key an own key, __proto__ included.
    const body = JSON.parse(`{"a": "x", ${JSON.stringify(key)}: {"a": 1}}`);
    expect(validateSchema(schema, body)).toStrictEqual([`object instance has properties which are not allowed by the schema: ["${key}"]`]);
  });

  test('a required name is present only as an own key, never as one every object inherits', () => {
    const schema = { $schema: DRAFT_4, type: 'object', required: ['toString', 'constructor'] };
    expect(validateSchema(schema, {})).toStrictEqual(['object has missing required properties (["toString","constructor"])']);
  });
});

describe('models the local gateway cannot check are refused when the API is loaded', () => {
  test.each([
    [{ type: 'string', format: 'date-time' }, /aws_api_gateway_model\.order cannot be checked by the local API Gateway: unknown format "date-time".*Formats are not checked locally/],
    [{ type: 'string', maxLenght: 3 }, /unknown keyword: "maxLenght".*check its spelling/],
    [{ $ref: 'https://apigateway.amazonaws.com/restapis/abc/models/Other' }, /can't resolve reference .*References to other models are not resolved locally/],
  ])('%j', (schema, message) => {
    const compile = () => compileModel({ $schema: DRAFT_4, ...schema }, 'aws_api_gateway_model.order');
    expect(compile).toThrow(UnsupportedSchemaError);
    expect(compile).toThrow(message);
  });
});

test('a model is compiled once, however many bodies it checks', () => {
  const compile = jest.spyOn(AjvCore.prototype, 'compile');
  try {
    const model = () => ({ $schema: DRAFT_4, type: 'object', title: 'compiled once', required: ['a'] });
    for (let i = 0; i < 5; i++) validateSchema(model(), { a: i });
    const validate = compileModel(model());
    for (let i = 0; i < 5; i++) validate({});
    expect(compile).toHaveBeenCalledTimes(2);
  } finally {
    compile.mockRestore();
  }
});
