import { LOCAL_API_CREDENTIALS } from '../local/api-gateway/sigv4';
import { runCli, UsageError } from './lib/cli';
import { OrderApiClient, type ApiAuth } from './order-client/api-client';
import { HELP, parseClientOptions, type ClientOptions } from './order-client/cli-args';
import { followOrder } from './order-client/follow';
import { generateOrders } from './order-client/orders';

export { parseClientOptions, UsageError, type ClientOptions };

/** The client for the options: local URLs are signed with the local runner's credentials. */
export function clientFor(options: ClientOptions): OrderApiClient {
  const local = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(options.url);
  const auth: ApiAuth =
    options.auth === 'api-key'
      ? { kind: 'api-key', apiKey: options.apiKey as string }
      : options.auth === 'none'
        ? { kind: 'none' }
        : { kind: 'iam', region: options.region, ...(local && { credentials: { ...LOCAL_API_CREDENTIALS } }) };
  return new OrderApiClient(options.url, auth);
}

export async function run(options: ClientOptions, log: (line: string) => void = console.log): Promise<number> {
  const orders = generateOrders({ count: options.count, seed: options.seed, idPrefix: options.idPrefix });
  if (options.dryRun) {
    for (const order of orders) log(JSON.stringify(order));
    return 0;
  }
  const client = clientFor(options);
  log(`Sending ${orders.length} order(s) to ${options.url} (auth: ${options.auth}):`);
  const followed = await Promise.all(orders.map((order) => followOrder(client, order, options.waitSeconds, log)));

  const first = orders[0].order;
  const readBack = await client.getOrder(first.accountid, first.vendorid);
  log(`GET /order?accountid=${first.accountid}&vendorid=${first.vendorid} → ${readBack.status}\n${JSON.stringify(readBack.body, null, 2)}`);

  if (options.collect) {
    // Only the orders this run placed: the active order of a refused or rejected one belongs to someone else. The
    // orderdate makes the delete conditional, so an order that replaced ours since the check is left alone too.
    for (const [i, { order }] of orders.entries()) {
      if (!followed[i].own) {
        log(`  not collecting ${order.accountid}@${order.vendorid}: the active order there is not one this run placed.`);
        continue;
      }
      const answer = await client.collectOrder(order.accountid, order.vendorid, order.orderdate);
      log(`  collect ${order.accountid}@${order.vendorid}: ${answer.status}`);
    }
  }
  const outcomes = followed.map((f) => f.outcome);
  const invoiced = outcomes.filter((o) => o === 'invoiced').length;
  log(`${invoiced} of ${orders.length} order(s) placed and invoiced.`);
  return invoiced === orders.length ? 0 : 1;
}

if (require.main === module) {
  runCli(
    async (argv) => {
      const options = parseClientOptions(argv);
      if (options === 'help') {
        console.log(HELP);
        return 0;
      }
      return run(options);
    },
    // A sentence, never a stack trace; exit at once, as open sockets may linger after the last answer.
    { command: 'npm run orders --', failureCode: 1, exitNow: true, describe: (err) => `The order client stopped: ${err.message}` },
  );
}
