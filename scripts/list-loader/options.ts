import { regionProblem } from '../../stacks/regions';
import { parseCommandLine, UsageError } from '../lib/cli';

const OPTIONS = {
  json: { type: 'string' },
  csv: { type: 'string' },
  bucket: { type: 'string' },
  table: { type: 'string' },
  config: { type: 'string' },
  profile: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
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

/** Parses and checks the command line (scripts/lib/cli.ts); throws a UsageError that names the option and the fix. */
export function parseOptions(argv: readonly string[]): LoaderOptions {
  const options: LoaderOptions = parseCommandLine(argv, { options: OPTIONS }).values;
  for (const [name, value] of Object.entries(options)) {
    const problem = typeof value === 'string' ? CHECKS[name as keyof LoaderOptions]?.(value) : undefined;
    if (problem) throw new UsageError(problem);
  }
  return options;
}
