import { ID_MAX_LENGTH } from '../../contracts/order-catalog';
import { parseCommandLine, UsageError } from '../lib/cli';
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

export interface ClientOptions {
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

const OPTIONS = {
  url: { type: 'string' },
  count: { type: 'string' },
  auth: { type: 'string' },
  'api-key': { type: 'string' },
  region: { type: 'string' },
  seed: { type: 'string' },
  'id-prefix': { type: 'string' },
  wait: { type: 'string' },
  collect: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const AUTH_MODES = ['iam', 'api-key', 'none'] as const;
/** An AWS region name: us-east-1, eu-central-2, us-gov-west-1, cn-north-1. */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** What an HTTP header value may hold (visible ASCII), so the key can be sent at all. */
const HEADER_VALUE = /^[\x21-\x7e]+$/;

/**
 * Parses and checks the command line (scripts/lib/cli.ts), with ORDER_API_URL and ORDER_API_KEY from `env`;
 * 'help' for --help. Throws a UsageError that says what to fix.
 */
export function parseClientOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ClientOptions | 'help' {
  const { values } = parseCommandLine(argv, { options: OPTIONS });
  if (values.help) return 'help';

  const integer = (name: string, raw: string | undefined, fallback: number, min: number, max: number): number => {
    if (raw === undefined) return fallback;
    const n = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
    if (!(n >= min && n <= max)) throw new UsageError(`--${name} ${shown(raw)} must be a whole number from ${min} to ${max}, written in digits.`);
    return n;
  };
  const dryRun = values['dry-run'] ?? false;
  const count = integer('count', values.count, 5, 1, 1000);

  const [url, urlSource] = values.url !== undefined ? [values.url, '--url'] : [env.ORDER_API_URL ?? '', 'ORDER_API_URL'];
  if (url === '' && !dryRun) throw new UsageError('Give the API URL with --url (the stack output ApiUrl) or ORDER_API_URL.');
  const urlProblem = url === '' ? undefined : apiBaseUrlProblem(url);
  if (urlProblem) throw new UsageError(`${urlSource} ${urlProblem}`);

  const auth = values.auth ?? 'iam';
  if (!(AUTH_MODES as readonly string[]).includes(auth)) throw new UsageError(`--auth ${shown(auth)} must be ${AUTH_MODES.join(', ')}.`);
  const [apiKey, keySource] = values['api-key'] !== undefined ? [values['api-key'], '--api-key'] : [env.ORDER_API_KEY, 'ORDER_API_KEY'];
  if (auth === 'api-key' && !apiKey && !dryRun) {
    throw new UsageError('--auth api-key needs the key: --api-key <value> or ORDER_API_KEY (aws apigateway get-api-key --include-value --api-key <ApiKeyId>).');
  }
  if (apiKey !== undefined && apiKey !== '' && !HEADER_VALUE.test(apiKey)) {
    throw new UsageError(`${keySource} must be visible ASCII characters without spaces, as API keys are; check that it was copied whole.`);
  }

  const urlRegion = regionOfApiUrl(url);
  const [region, regionSource] =
    values.region !== undefined
      ? [values.region, '--region']
      : urlRegion
        ? [urlRegion, 'the URL']
        : env.AWS_REGION
          ? [env.AWS_REGION, 'AWS_REGION']
          : ['us-east-1', 'the default region'];
  if (!REGION.test(region)) throw new UsageError(`${regionSource} ${shown(region)} is not an AWS region name such as us-east-1.`);

  const idPrefix = values['id-prefix'] ?? '';
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
    auth: auth as ClientOptions['auth'],
    ...(apiKey && { apiKey }),
    region,
    ...(values.seed !== undefined && { seed: integer('seed', values.seed, 0, 0, 2 ** 32 - 1) }),
    idPrefix,
    waitSeconds: integer('wait', values.wait, 30, 1, 600),
    collect: values.collect ?? false,
    dryRun,
  };
}

/** A value as a message shows it: as typed, or quoted when it is empty or holds spaces or other characters. */
function shown(value: string): string {
  return /^[\x21-\x7e]+$/.test(value) ? value : JSON.stringify(value);
}
