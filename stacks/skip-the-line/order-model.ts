import {
  CITY_MAX_LENGTH,
  CITY_PATTERN,
  COFFEE_SIZE_NAMES,
  COFFEE_TYPES,
  EVENT_TYPE_MAX_ITEMS,
  EVENT_TYPE_MAX_LENGTH,
  ID_PATTERN,
  ORDER_DATE_PATTERN,
  PRICE_MAX,
  PRICE_TEXT_PATTERN,
  QUANTITY_MAX,
  QUANTITY_MIN,
} from '../../lambdas/orders/catalog';

/**
 * The request model of POST /order: JSON Schema draft 4, the dialect API Gateway validates bodies with. Built
 * from the same catalog as put_item's zod schema (lambdas/orders/order.ts), so the gateway refuses (400) what
 * put_item would refuse, before an execution starts. What a schema cannot say (the price must be the size's
 * price, the day must exist) put_item checks.
 */
export function orderRequestModel(): Record<string, unknown> {
  const id = { type: 'string', pattern: ID_PATTERN };
  return {
    $schema: 'http://json-schema.org/draft-04/schema#',
    title: 'Order',
    type: 'object',
    required: ['order'],
    additionalProperties: false,
    properties: {
      order: {
        type: 'object',
        required: ['accountid', 'vendorid', 'orderdate', 'city', 'details'],
        additionalProperties: false,
        properties: {
          accountid: id,
          vendorid: id,
          orderdate: { type: 'string', pattern: ORDER_DATE_PATTERN },
          city: { type: 'string', minLength: 1, maxLength: CITY_MAX_LENGTH, pattern: CITY_PATTERN },
          details: {
            type: 'object',
            required: ['coffeetype', 'coffeesize', 'unitprice', 'quantity'],
            additionalProperties: false,
            properties: {
              coffeetype: { type: 'string', enum: [...COFFEE_TYPES] },
              coffeesize: { type: 'string', enum: [...COFFEE_SIZE_NAMES] },
              // "4.0" as the notebook sends it, or 4.0; the pattern applies to text, the bounds to numbers.
              unitprice: { type: ['string', 'number'], pattern: PRICE_TEXT_PATTERN, minimum: 0, maximum: PRICE_MAX },
              quantity: { type: 'integer', minimum: QUANTITY_MIN, maximum: QUANTITY_MAX },
            },
          },
          eventtype: { type: 'array', maxItems: EVENT_TYPE_MAX_ITEMS, items: { type: 'string', maxLength: EVENT_TYPE_MAX_LENGTH } },
        },
      },
    },
  };
}
