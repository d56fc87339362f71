import * as fs from 'node:fs';
import * as path from 'node:path';
import { orderTotalWorkflow } from '../../definitions/examples/order-total';
import { validateAsl } from '../../definitions/validate';
import { runExecution, type TaskRequest } from '../../local/engine';

// The README's guide to writing a workflow in JSONata shows definitions/examples/order-total.ts. This test keeps
// the README's copy equal to the file, and the file rendering and running as the README says.

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = 'definitions/examples/order-total.ts';
const table = { tableName: 'Orders', tableArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/Orders' };

/** The ```ts block that follows the README's `<!-- example: <file> -->` marker. */
function readmeBlock(file: string): string | undefined {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const marker = readme.indexOf(`<!-- example: ${file} -->`);
  if (marker < 0) return undefined;
  return /```ts\n([\s\S]*?)```/.exec(readme.slice(marker))?.[1];
}

describe('the README example of a JSONata workflow', () => {
  test('the README shows the file as it is', () => {
    expect(readmeBlock(EXAMPLE)).toStrictEqual(fs.readFileSync(path.join(ROOT, EXAMPLE), 'utf8'));
  });

  test('it renders to this definition, valid as AWS would check it, with the IAM its Task needs', () => {
    const definition = orderTotalWorkflow(table, 'us-east-1');
    expect(validateAsl(definition.asl)).toStrictEqual([]);
    expect({ asl: definition.asl, policy: definition.policyStatements }).toStrictEqual({
      asl: {
        QueryLanguage: 'JSONata',
        StartAt: 'Start',
        States: {
          Start: { Type: 'Pass', Assign: { orderId: '{% $states.input.orderId %}', reviewFrom: 100 }, Next: 'PriceLines' },
          PriceLines: {
            Type: 'Map',
            Items: '{% $states.input.lines %}',
            ItemProcessor: {
              ProcessorConfig: { Mode: 'INLINE' },
              StartAt: 'Price',
              States: { Price: { Type: 'Pass', Output: { sku: '{% $states.input.sku %}', amount: '{% $states.input.price * $states.input.quantity %}' }, End: true } },
            },
            MaxConcurrency: '{% $count($states.input.lines) > 10 ? 10 : 0 %}',
            Output: { lines: '{% $states.result %}', total: '{% $sum($states.result.amount) %}' },
            Assign: { total: '{% $sum($states.result.amount) %}' },
            Next: 'StoreTotal',
          },
          StoreTotal: {
            Type: 'Task',
            Resource: 'arn:aws:states:::dynamodb:putItem',
            Arguments: { Item: { orderId: { S: '{% $orderId %}' }, total: { N: '{% $string($total) %}' } }, TableName: 'Orders' },
            Output: { orderId: '{% $orderId %}', total: '{% $total %}', lines: '{% $states.input.lines %}' },
            Retry: [
              {
                ErrorEquals: ['DynamoDB.ProvisionedThroughputExceededException', 'DynamoDB.RequestLimitExceeded', 'DynamoDB.ThrottlingException', 'DynamoDB.InternalServerErrorException'],
                IntervalSeconds: 1,
                MaxAttempts: 3,
                BackoffRate: 2,
                JitterStrategy: 'FULL',
              },
            ],
            Next: 'Large?',
          },
          'Large?': { Type: 'Choice', Choices: [{ Condition: '{% $total >= $reviewFrom %}', Next: 'NeedsReview' }], Default: 'Accepted' },
          NeedsReview: { Type: 'Succeed', Output: "{% $merge([$states.input, {'review': true}]) %}" },
          Accepted: { Type: 'Succeed' },
        },
        TimeoutSeconds: 60,
      },
      policy: [{ actions: ['dynamodb:PutItem'], resources: [table.tableArn] }],
    });
  });

  test('it runs on the engine: the total stored, a large order flagged for review', async () => {
    const asl = orderTotalWorkflow(table, 'us-east-1').asl;
    const stored: unknown[] = [];
    const taskHandlers = { StoreTotal: async (request: TaskRequest) => (stored.push(request.input), {}) };
    const small = await runExecution(asl, { input: { orderId: 'o-1', lines: [{ sku: 'a', price: 4, quantity: 3 }] }, taskHandlers });
    const large = await runExecution(asl, { input: { orderId: 'o-2', lines: [{ sku: 'a', price: 40, quantity: 2 }, { sku: 'b', price: 25, quantity: 1 }] }, taskHandlers });
    expect({ small: small.output, large: large.output, stored }).toStrictEqual({
      small: { orderId: 'o-1', total: 12, lines: [{ sku: 'a', amount: 12 }] },
      large: { orderId: 'o-2', total: 105, lines: [{ sku: 'a', amount: 80 }, { sku: 'b', amount: 25 }], review: true },
      stored: [
        { Item: { orderId: { S: 'o-1' }, total: { N: '12' } }, TableName: 'Orders' },
        { Item: { orderId: { S: 'o-2' }, total: { N: '105' } }, TableName: 'Orders' },
      ],
    });
  });
});
