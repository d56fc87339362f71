import { parseArgs } from 'node:util';
import { regionProblem } from '../../stacks/regions';

/** A wrong command line; the message says which option to fix. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const OPTIONS = {
  json: { type: 'string' },
  csv: { type: 'string' },
  bucket: { type: 'string' },
  table: { type: 'string' },
  config: { type: 'string' },
  profile: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  help: { type: 'boolean' },
} as const;

export interface LoaderOptions {
  readonly json?: string;
  readonly csv?: string;
  readonly bucket?: string;
  readonly table?: string;
  readonly config?: string;
  readonly profile?: string;
  readonly region?: string;
  readonly endpoint?: string;
  readonly help?: boolean;
}

const HELP_HINT = 'Run npm run load-ddb -- --help for the options.';

/**
 * What each option's value must look like, as AWS names them (a sentence for a wrong one). Table names:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html (a table
 * ARN is accepted too); bucket names: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html.
 */
const CHECKS: Partial<Record<keyof LoaderOptions, (value: string) => string | undefined>> = {
  table: (v) =>
    /^[A-Za-z0-9_.-]{3,255}$/.test(v) || /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[A-Za-z0-9_.-]{3,255}$/.test(v)
      ? undefined
      : `--table '${v}' is not a DynamoDB table name: 3-255 letters, digits, '_', '.' or '-' (or a table ARN).`,
  bucket: (v) =>
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v) && !v.includes('..') && !/^\d+\.\d+\.\d+\.\d+$/.test(v)
      ? undefined
      : `--bucket '${v}' is not an S3 bucket name: 3-63 lowercase letters, digits, '.' or '-', starting and ending with a letter or digit (the stack output ItemsBucketName is one).`,
  region: (v) => {
    const problem = regionProblem(v);
    return problem && `--region ${problem}.`;
  },
  endpoint: (v) => {
    const problem = `--endpoint '${v}' is not an http(s) URL such as http://127.0.0.1:8000.`;
    try {
      const url = new URL(v);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? undefined : problem;
    } catch {
      return problem;
    }
  },
};

/** Parses and checks the command line; throws a UsageError that names the option and the fix. */
export function parseOptions(argv: readonly string[]): LoaderOptions {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; strict: true; allowPositionals: false; tokens: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false, tokens: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.replace(/\.$/, '')}. ${HELP_HINT}`);
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once; give it once. ${HELP_HINT}`);
    seen.add(token.name);
  }
  const options = parsed.values as LoaderOptions;
  for (const [name, value] of Object.entries(options)) {
    if (typeof value !== 'string') continue;
    if (value.trim() === '') throw new UsageError(`--${name} is empty; give it a value. ${HELP_HINT}`);
    const problem = CHECKS[name as keyof LoaderOptions]?.(value);
    if (problem) throw new UsageError(problem);
  }
  return options;
}
