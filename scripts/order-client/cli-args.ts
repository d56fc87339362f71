import { ID_MAX_LENGTH } from '../../lambdas/orders/catalog';
import { apiBaseUrlProblem, regionOfApiUrl } from './api-client';

export const HELP = `Usage: npm run orders -- --url <ApiUrl> [options]

Sends random coffee orders to the Skip the Line API (like the original notebook), waits until each is stored,
reads one back, and fetches each invoice's download link.

  --url <url>         The API base URL: the stack's ApiUrl output
                      (https://<id>.execute-api.<region>.amazonaws.com/prod), or the local API
                      (http://127.0.0.1:<port>/prod from \`npm run local -- skip-the-line --serve\`).
                      Environment: ORDER_API_URL.
  --count <n>         How many orders to send (1-1000). Default 5.
  --auth <mode>       iam (default): SigV4-signed with your AWS credentials (the default chain:
                        AWS_PROFILE, environment, SSO, instance role); against a local URL, with the
                        local API's credentials (local / local).
                      api-key: an x-api-key header (for a stack deployed with apiAuthorization API_KEY).
                      none: no credentials (only for a local API with authorization off).
  --api-key <key>     The key for --auth api-key. Environment: ORDER_API_KEY.
  --region <region>   The region to sign for. Default: the one in the URL, else AWS_REGION, else us-east-1.
  --seed <n>          Makes the random orders repeatable (0-4294967295).
  --id-prefix <text>  Put before the account and vendor ids (a0, v0), to keep runs apart: letters,
                      digits, '-' and '_', short enough that the ids keep to ${ID_MAX_LENGTH} characters.
  --wait <seconds>    How long to wait for each order and invoice (1-600). Default 30.
  --collect           At the end, collect (DELETE /order) the orders this run placed, so the same ids can
                      order again. An order whose customer already had another active order at the
                      vendor is not collected: that one is not this run's.
  --dry-run           Print the orders and send nothing.
  --help              Show this text.

Options take their value after a space or an '=' (--count 3, --count=3).
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

/** A mistake on the command line: its message says what to change. The CLI prints it and exits with 2. */
export class UsageError extends Error {}

const VALUE_OPTIONS = ['--url', '--count', '--auth', '--api-key', '--region', '--seed', '--id-prefix', '--wait'] as const;
const FLAGS = ['--collect', '--dry-run'] as const;
const AUTH_MODES = ['iam', 'api-key', 'none'] as const;
/** An AWS region name: us-east-1, eu-central-2, us-gov-west-1, cn-north-1. */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** What an HTTP header value may hold (visible ASCII), so the key can be sent at all. */
const HEADER_VALUE = /^[\x21-\x7e]+$/;

/** Parses the command line; 'help' for --help. Throws a UsageError that says what to fix. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions | 'help' {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    const at = arg.indexOf('=');
    const name = arg.startsWith('--') && at > 0 ? arg.slice(0, at) : arg;
    if ((FLAGS as readonly string[]).includes(name)) {
      if (name !== arg) throw new UsageError(`${name} takes no value; leave out '${arg.slice(at)}'.`);
      flags.add(name);
    } else if ((VALUE_OPTIONS as readonly string[]).includes(name)) {
      const value = name !== arg ? arg.slice(at + 1) : argv[++i];
      if (value === undefined || (name === arg && value.startsWith('--'))) throw new UsageError(`${name} needs a value, e.g. ${name} ${example(name)}.`);
      if (values.has(name)) throw new UsageError(`${name} is given twice; give it once.`);
      values.set(name, value);
    } else {
      throw new UsageError(`Unknown argument '${arg}'. The options are ${[...VALUE_OPTIONS, ...FLAGS, '--help'].join(', ')}.`);
    }
  }

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = values.get(name);
    if (raw === undefined) return fallback;
    const n = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
    if (!(n >= min && n <= max)) throw new UsageError(`${name} ${shown(raw)} must be a whole number from ${min} to ${max}, written in digits.`);
    return n;
  };
  const dryRun = flags.has('--dry-run');
  const count = integer('--count', 5, 1, 1000);

  const [url, urlSource] = values.has('--url') ? [values.get('--url') as string, '--url'] : [env.ORDER_API_URL ?? '', 'ORDER_API_URL'];
  if (url === '' && !dryRun) throw new UsageError('Give the API URL with --url (the stack output ApiUrl) or ORDER_API_URL.');
  const urlProblem = url === '' ? undefined : apiBaseUrlProblem(url);
  if (urlProblem) throw new UsageError(`${urlSource} ${urlProblem}`);

  const auth = values.get('--auth') ?? 'iam';
  if (!(AUTH_MODES as readonly string[]).includes(auth)) throw new UsageError(`--auth ${shown(auth)} must be ${AUTH_MODES.join(', ')}.`);
  const [apiKey, keySource] = values.has('--api-key') ? [values.get('--api-key'), '--api-key'] : [env.ORDER_API_KEY, 'ORDER_API_KEY'];
  if (auth === 'api-key' && !apiKey && !dryRun) {
    throw new UsageError('--auth api-key needs the key: --api-key <value> or ORDER_API_KEY (aws apigateway get-api-key --include-value --api-key <ApiKeyId>).');
  }
  if (apiKey !== undefined && apiKey !== '' && !HEADER_VALUE.test(apiKey)) {
    throw new UsageError(`${keySource} must be visible ASCII characters without spaces, as API keys are; check that it was copied whole.`);
  }

  const urlRegion = regionOfApiUrl(url);
  const [region, regionSource] = values.has('--region')
    ? [values.get('--region') as string, '--region']
    : urlRegion
      ? [urlRegion, 'the URL']
      : env.AWS_REGION
        ? [env.AWS_REGION, 'AWS_REGION']
        : ['us-east-1', 'the default region'];
  if (!REGION.test(region)) throw new UsageError(`${regionSource} ${shown(region)} is not an AWS region name such as us-east-1.`);

  const idPrefix = values.get('--id-prefix') ?? '';
  const longestId = `a${count - 1}`.length;
  const prefixMax = ID_MAX_LENGTH - longestId;
  if (!/^[A-Za-z0-9_-]*$/.test(idPrefix) || idPrefix.length > prefixMax) {
    throw new UsageError(
      `--id-prefix ${shown(idPrefix)} may hold up to ${prefixMax} letters, digits, '-' and '_' with --count ${count}: ` +
        `the ids (prefix, 'a' or 'v', the order's number) must keep to ${ID_MAX_LENGTH} characters.`,
    );
  }
  return {
    url,
    count,
    auth: auth as CliOptions['auth'],
    ...(apiKey && { apiKey }),
    region,
    ...(values.has('--seed') && { seed: integer('--seed', 0, 0, 2 ** 32 - 1) }),
    idPrefix,
    waitSeconds: integer('--wait', 30, 1, 600),
    collect: flags.has('--collect'),
    dryRun,
  };
}

/** A value as a message shows it: as typed, or quoted when it is empty or holds spaces or other characters. */
function shown(value: string): string {
  return /^[\x21-\x7e]+$/.test(value) ? value : JSON.stringify(value);
}

function example(option: string): string {
  const examples: Record<string, string> = {
    '--url': 'http://127.0.0.1:4010/prod',
    '--count': '5',
    '--auth': 'api-key',
    '--api-key': '<key>',
    '--region': 'us-east-1',
    '--seed': '42',
    '--id-prefix': 'run2-',
    '--wait': '30',
  };
  return examples[option] ?? '<value>';
}
