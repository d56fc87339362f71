import { COFFEE_SIZE_NAMES, COFFEE_TYPES, EVENT_TYPE_MAX_ITEMS, PRICE_MAX, QUANTITY_MAX, QUANTITY_MIN, TEXT_RULES } from '../../contracts/order-catalog';

/**
 * The request model of POST /order: JSON Schema draft 4, the dialect API Gateway validates bodies with. Built
 * from the same catalog as put_item's zod schema (lambdas/orders/order.ts), so the gateway refuses (400) what
 * put_item would refuse, before an execution starts: every text field takes its rule from TEXT_RULES, which
 * put_item applies too, counting lengths in code points as JSON Schema does. What a schema cannot say (the
 * price must be the size's price, the day must exist) put_item checks.
 */
export function orderRequestModel(): Record<string, unknown> {
  const id = { type: 'string', ...TEXT_RULES.id };
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
          orderdate: { type: 'string', ...TEXT_RULES.orderdate },
          city: { type: 'string', ...TEXT_RULES.city },
          details: {
            type: 'object',
            required: ['coffeetype', 'coffeesize', 'unitprice', 'quantity'],
            additionalProperties: false,
            properties: {
              coffeetype: { type: 'string', enum: [...COFFEE_TYPES] },
              coffeesize: { type: 'string', enum: [...COFFEE_SIZE_NAMES] },
              // "4.0" as the notebook sends it, or 4.0; the pattern applies to text, the bounds to numbers.
              unitprice: { type: ['string', 'number'], ...TEXT_RULES.unitprice, minimum: 0, maximum: PRICE_MAX },
              quantity: { type: 'integer', minimum: QUANTITY_MIN, maximum: QUANTITY_MAX },
            },
          },
          eventtype: { type: 'array', maxItems: EVENT_TYPE_MAX_ITEMS, items: { type: 'string', ...TEXT_RULES.eventtype } },
        },
      },
    },
  };
}
