import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { STACK_IDS } from '../contracts/stack-ids';
import { MAX_NAME_PREFIX, NAME_LIMITS, TIGHTEST_NAME } from './names';
import { ddbSection, stepfuncSection } from './parallel-map/config';
import { PROJECT_ROOT } from './project-root';
import { regionProblem } from './regions';
import { skipTheLineSection } from './skip-the-line/config';
import { tagsSchema } from './tags';
import { taskStatusSection } from './task-status/config';

/** Retention periods CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const retention = z
  .number()
  .refine((n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n), {
    message: `must be one of ${LOG_RETENTION_DAYS.join(', ')} (the periods CloudWatch Logs accepts)`,
  });

/** A Region the stacks deploy to (stacks/regions.ts). */
const region = z.string().superRefine((value, ctx) => {
  const problem = regionProblem(value);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
});

/**
 * Put before every resource name. Its longest allowed length follows from the longest name it goes before and
 * that resource's documented limit (stacks/names.ts); lowercase, because bucket names take it too.
 */
const namePrefix = z
  .string()
  .regex(/^([a-z0-9][a-z0-9-]*)?$/, 'must be empty, or lowercase letters, digits and dashes starting with a letter or digit (e.g. "dev-")')
  .superRefine((value, ctx) => {
    if (value.length <= MAX_NAME_PREFIX) return;
    const { kind, name } = TIGHTEST_NAME;
    const limit = NAME_LIMITS[kind];
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message:
        `'${value}' has ${value.length} characters; at most ${MAX_NAME_PREFIX} fit: the longest name it goes before is the ${limit.what} '${name}' ` +
        `(${name.length} characters; ${limit.service} allows ${limit.max}, ${limit.source})`,
    });
  });

/** The query languages of Step Functions (Developer Guide, "Query languages"), as config.json names them. */
export const QUERY_LANGUAGES = ['JSONPath', 'JSONata'] as const;

const queryLanguage = z.enum(QUERY_LANGUAGES, {
  errorMap: (_issue, ctx) => ({
    message:
      `${JSON.stringify(ctx.data)} is not a query language: give "JSONPath" (the originals' definitions) or "JSONata" ` +
      '(the same workflows written in JSONata expressions), spelled exactly so',
  }),
});

/** A query language per stack id, for the stacks that differ from `queryLanguage`. */
const queryLanguageByStack = z
  .object(Object.fromEntries(STACK_IDS.map((id) => [id, queryLanguage.optional()])) as Record<(typeof STACK_IDS)[number], z.ZodOptional<typeof queryLanguage>>)
  .strict();

const backend = z.discriminatedUnion('type', [
  z.object({ type: z.literal('local') }).strict(),
  z
    .object({
      type: z.literal('s3'),
      /** The bucket that holds the state files (create it once, versioned and encrypted). */
      bucket: z.string().min(3),
      /** Key prefix; each stack's state is `<keyPrefix>/<stack-id>.tfstate`. */
      keyPrefix: z.string().default('sfn-examples'),
      /** @default the app's region */
      region: region.optional(),
      /** Lock with a DynamoDB table instead of S3's native lock file. */
      dynamodbTable: z.string().optional(),
    })
    .strict(),
]);

/** The whole configuration, as `config.json` holds it. Every key is optional; the defaults reproduce the originals. */
export const configSchema = z
  .object({
    $schema: z.string().optional(),
    /** The AWS region every stack deploys to (stacks/regions.ts lists them). Environment: AWS_REGION overrides. */
    region: region.default('us-east-1'),
    /** Put before every resource name so two deployments never collide; empty reproduces the originals' names. */
    namePrefix: namePrefix.default(''),
    /** Tags on every resource (the provider's default_tags), besides the Stack tag each stack adds. */
    tags: tagsSchema.default({ Project: 'sfn-examples-cdktf' }),
    /** Days every log group keeps its events. */
    logRetentionDays: retention.default(14),
    /** What state machines log: ALL, ERROR or FATAL (OFF is not offered: errors are always logged). */
    stateMachineLogLevel: z.enum(['ALL', 'ERROR', 'FATAL']).default('ERROR'),
    /**
     * What the functions log: their Powertools logger's level (POWERTOOLS_LOG_LEVEL) and Lambda's application
     * log level, kept equal (the levels both name).
     */
    lambdaLogLevel: z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
    /** DynamoDB billing for every table. */
    billingMode: z.enum(['PAY_PER_REQUEST', 'PROVISIONED']).default('PAY_PER_REQUEST'),
    /**
     * The language every workflow's definition is written in: JSONPath reproduces the originals' definitions,
     * JSONata renders the same workflows with JSONata expressions and (where it makes one simpler) fewer states.
     */
    queryLanguage: queryLanguage.default('JSONPath'),
    /** The stacks whose workflow uses another language than `queryLanguage`, by stack id, e.g. `{"skip-the-line": "JSONata"}`. */
    queryLanguageByStack: queryLanguageByStack.default({}),
    /** Where Terraform keeps state: local files next to the project (default), or S3 with locking. */
    backend: backend.default({ type: 'local' }),

    // ---- One section per system, each in its folder's config.ts. ----

    /** `task-status`: the starter Lambda and its put → wait → update workflow (see stacks/task-status/config.ts). */
    taskStatus: taskStatusSection,

    /** `skip-the-line`, the coffee pre-ordering system: notifications, API authorization, throttling, CORS (see stacks/skip-the-line/config.ts). */
    skipTheLine: skipTheLineSection,

    /** `parallel-map` (the Map over a DynamoDB list): the original example's `ddb` keys (see stacks/parallel-map/config.ts). */
    ddb: ddbSection,

    /** `parallel-map`: the original example's `stepfunc` keys plus the Map mode (see stacks/parallel-map/config.ts). */
    stepfunc: stepfuncSection.default({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    // The one name that comes from config: it must fit DynamoDB's limit with the prefix in front.
    const tableName = `${config.namePrefix}${config.ddb.tableName}`;
    const limit = NAME_LIMITS['aws_dynamodb_table.name'];
    if (tableName.length > limit.max) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['ddb', 'tableName'],
        message: `with namePrefix '${config.namePrefix}' the table name has ${tableName.length} characters; ${limit.service} allows ${limit.max} (${limit.source})`,
      });
    }
  });

export type AppConfig = z.infer<typeof configSchema>;

/** The project's folder (stacks/project-root.ts), where config.json is looked for. */
export { PROJECT_ROOT };

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface LoadConfigOptions {
  /** The config file. @default `$SFN_CONFIG`, else `config.json` in the project root */
  readonly file?: string;
  /** Environment for overrides. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Reads, validates and returns the configuration; throws a ConfigError that names each bad key. */
export function loadConfig(options: LoadConfigOptions = {}): AppConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env.SFN_CONFIG ?? path.join(PROJECT_ROOT, 'config.json');
  let raw: unknown = {};
  if (fs.existsSync(file)) {
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ConfigError(`${file} is not valid JSON (${(err as Error).message}). Fix the file or delete it to use the defaults.`);
    }
  } else if (options.file !== undefined || env.SFN_CONFIG !== undefined) {
    throw new ConfigError(`Config file ${file} does not exist. Point SFN_CONFIG at an existing file, or unset it to use config.json.`);
  }
  return parseConfig(raw, file, env);
}

/** Validates a parsed config object (the file's content) and applies environment overrides. */
export function parseConfig(raw: unknown, source = 'config.json', env: NodeJS.ProcessEnv = {}): AppConfig {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      return `  - ${key}: ${issue.message}`;
    });
    throw new ConfigError(`${source} has invalid settings:\n${problems.join('\n')}\nSee "Configuration" in README.md for every key and its allowed values.`);
  }
  const config = result.data;
  if (env.AWS_REGION) {
    return parseConfig({ ...(raw as object), region: env.AWS_REGION }, `${source} (with AWS_REGION=${env.AWS_REGION})`);
  }
  return config;
}
