import {
  Chain,
  Choice,
  Condition,
  DynamoAttribute,
  DynamoDB,
  jsonata,
  MapState,
  Pass,
  StateMachineDefinition,
  states,
  Succeed,
  Variable,
  type TableRef,
} from '..';

/**
 * A small workflow written in JSONata with the builders (README, "Query languages: JSONPath or JSONata"): price each
 * line of an order, store the total, and flag large orders for review. The README shows this file; its test
 * (__tests__/definitions/readme-example.test.ts) renders it and runs it on the engine.
 */
export function orderTotalWorkflow(table: TableRef, region: string): StateMachineDefinition {
  // Variables: set by a state's assign when it ends, read as $name by any later state.
  const start = new Pass('Start', { assign: { orderId: states.input.at('orderId'), reviewFrom: 100 } });

  // A Map over an expression's array; each iteration's output is one priced line.
  const priceLines = new MapState('PriceLines', {
    items: states.input.at('lines'),
    maxConcurrency: jsonata('$count($states.input.lines) > 10 ? 10 : 0'),
    output: { lines: states.result, total: jsonata('$sum($states.result.amount)') },
    assign: { total: jsonata('$sum($states.result.amount)') },
  }).itemProcessor(new Pass('Price', { output: { sku: states.input.at('sku'), amount: jsonata('$states.input.price * $states.input.quantity') } }));

  // A service call: Arguments from expressions; IAM (dynamodb:PutItem on this table) is derived from it.
  const store = DynamoDB.putItem('StoreTotal', {
    table,
    item: { orderId: DynamoAttribute.string(Variable.ref('orderId')), total: DynamoAttribute.number(Variable.ref('total')) },
    output: { orderId: Variable.ref('orderId'), total: Variable.ref('total'), lines: states.input.at('lines') },
  });

  const review = new Choice('Large?')
    .when(Condition.jsonata(jsonata('$total >= $reviewFrom')), new Succeed('NeedsReview', { output: jsonata("$merge([$states.input, {'review': true}])") }))
    .otherwise(new Succeed('Accepted'));

  return new StateMachineDefinition({
    name: 'order-total',
    region,
    queryLanguage: 'JSONata',
    timeoutSeconds: 60,
    startWith: Chain.start(start).next(priceLines).next(store).next(review),
  });
}
