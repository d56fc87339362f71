import { LOCAL_API_CREDENTIALS } from '../local/api-gateway/sigv4';
import { OrderApiClient, regionOfApiUrl, type ApiAuth } from './order-client/api-client';
import { followOrder } from './order-client/follow';
import { generateOrders } from './order-client/orders';

const HELP = `Usage: npm run orders -- --url <ApiUrl> [options]

Sends random coffee orders to the Skip the Line API (like the original notebook), waits until each is stored,
reads one back, and fetches each invoice's download link.

  --url <url>         The API base URL: the stack's ApiUrl output
                      (https://<id>.execute-api.<region>.amazonaws.com/prod), or the local API
                      (http://127.0.0.1:<port>/prod from \`npm run local -- skip-the-line --serve\`).
                      Environment: ORDER_API_URL.
  --count <n>         How many orders to send (1-1000). Default 5.
  --auth <mode>       iam (default): SigV4-signed with your AWS credentials (the default chain:
                        AWS_PROFILE, environment, SSO, instance role); against a local URL, with the
                        local runner's credentials.
                      api-key: an x-api-key header (for a stack deployed with apiAuthorization API_KEY).
                      none: no credentials (only for a local API with authorization off).
  --api-key <key>     The key for --auth api-key. Environment: ORDER_API_KEY.
  --region <region>   The region to sign for. Default: the one in the URL, else AWS_REGION, else us-east-1.
  --seed <n>          Makes the random orders repeatable.
  --id-prefix <text>  Put before the account and vendor ids (a0, v0), to keep runs apart.
  --wait <seconds>    How long to wait for each order and invoice. Default 30.
  --collect           At the end, collect (DELETE /order) the orders this run placed, so the same ids can
                      order again. An order whose customer already had another active order at the
                      vendor is not collected: that one is not this run's.
  --dry-run           Print the orders and send nothing.
  --help              Show this text.

Exit status: 0 when every order was placed and invoiced, 1 otherwise, 2 for a bad command line.`;

export interface CliOptions {
  readonly url: string;
  readonly count: number;
  readonly auth: 'iam' | 'api-key' | 'none';
  readonly apiKey?: string;
  readonly region: string;
  readonly seed?: number;
  readonly idPrefix: string;
  readonly waitSeconds: number;
  readonly collect: boolean;
  readonly dryRun: boolean;
}

export class UsageError extends Error {}

/** Parses the command line; 'help' for --help. Throws a UsageError that says what to fix. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions | 'help' {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--collect' || arg === '--dry-run') flags.add(arg);
    else if (['--url', '--count', '--auth', '--api-key', '--region', '--seed', '--id-prefix', '--wait'].includes(arg)) {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value.`);
      values[arg] = value;
    } else throw new UsageError(`Unknown argument '${arg}'.`);
  }
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} ${raw} must be a whole number from ${min} to ${max}.`);
    return n;
  };
  const dryRun = flags.has('--dry-run');
  const url = values['--url'] ?? env.ORDER_API_URL ?? '';
  if (url === '' && !dryRun) throw new UsageError('Give the API URL with --url (the stack output ApiUrl) or ORDER_API_URL.');
  const auth = (values['--auth'] ?? 'iam') as CliOptions['auth'];
  if (!['iam', 'api-key', 'none'].includes(auth)) throw new UsageError(`--auth ${auth} must be iam, api-key or none.`);
  const apiKey = values['--api-key'] ?? env.ORDER_API_KEY;
  if (auth === 'api-key' && !apiKey && !dryRun) {
    throw new UsageError('--auth api-key needs the key: --api-key <value> or ORDER_API_KEY (aws apigateway get-api-key --include-value --api-key <ApiKeyId>).');
  }
  const idPrefix = values['--id-prefix'] ?? '';
  if (!/^[A-Za-z0-9_-]{0,40}$/.test(idPrefix)) throw new UsageError(`--id-prefix '${idPrefix}' may hold up to 40 letters, digits, '-' and '_'.`);
  return {
    url,
    count: integer('--count', 5, 1, 1000),
    auth,
    ...(apiKey && { apiKey }),
    region: values['--region'] ?? regionOfApiUrl(url) ?? env.AWS_REGION ?? 'us-east-1',
    ...(values['--seed'] !== undefined && { seed: integer('--seed', 0, 0, 2 ** 32 - 1) }),
    idPrefix,
    waitSeconds: integer('--wait', 30, 1, 600),
    collect: flags.has('--collect'),
    dryRun,
  };
}

/** The client for the options: local URLs are signed with the local runner's credentials. */
export function clientFor(options: CliOptions): OrderApiClient {
  const local = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(options.url);
  const auth: ApiAuth =
    options.auth === 'api-key'
      ? { kind: 'api-key', apiKey: options.apiKey as string }
      : options.auth === 'none'
        ? { kind: 'none' }
        : { kind: 'iam', region: options.region, ...(local && { credentials: { ...LOCAL_API_CREDENTIALS } }) };
  return new OrderApiClient(options.url, auth);
}

export async function run(options: CliOptions, log: (line: string) => void = console.log): Promise<number> {
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
    // Only the orders this run placed: the active order of a refused or rejected one belongs to someone else.
    for (const [i, { order }] of orders.entries()) {
      if (!followed[i].own) {
        log(`  not collecting ${order.accountid}@${order.vendorid}: the active order there is not one this run placed.`);
        continue;
      }
      const answer = await client.collectOrder(order.accountid, order.vendorid);
      log(`  collect ${order.accountid}@${order.vendorid}: ${answer.status}`);
    }
  }
  const outcomes = followed.map((f) => f.outcome);
  const invoiced = outcomes.filter((o) => o === 'invoiced').length;
  log(`${invoiced} of ${orders.length} order(s) placed and invoiced.`);
  return invoiced === orders.length ? 0 : 1;
}

if (require.main === module) {
  let options: CliOptions | 'help';
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(HELP);
    process.exit(0);
  }
  run(options).then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(`The order client stopped: ${err.message}`);
      process.exit(1);
    },
  );
}
