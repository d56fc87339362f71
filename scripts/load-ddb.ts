import { useAslVerdictStore } from '../definitions/validate';
import { aslVerdictsOnDisk } from '../stacks/asl-verdicts';
import { ConfigError, loadConfig, type AppConfig } from '../stacks/config';
import { commandFailure, runCli, UsageError, type CliOptions } from './lib/cli';
import { AWS_LIMITS } from './list-loader/aws-limits';
import { listItem } from './list-loader/dynamodb-item';
import { InvalidListError, ListTooLargeError, readCsvList, readJsonList, type ListFile } from './list-loader/list-file';
import { distributedRefusals, inlineFigures, inlineRefusals, synthesizedWorkflow } from './list-loader/map-limits';
import { parseOptions, type LoaderOptions } from './list-loader/options';
import { dynamoDbClient, putListItem, putListObject, s3Client, type ConnectionOptions } from './list-loader/targets';

export const HELP = `Usage: npm run load-ddb -- --json <file> [options]
       npm run load-ddb -- --json <file> | --csv <file>  --bucket <name> [options]

Loads the list that the parallel-map state machine processes, where its config says it reads it:
  stepfunc.mode INLINE (default): one DynamoDB item
      {"<ddb.partitionKeyName>": "<ddb.partitionKeyValueField>", "values": [ ...the list... ]}
    in table <namePrefix><ddb.tableName>, replacing the list there.
  stepfunc.mode DISTRIBUTED: the file as it is, uploaded to s3://<bucket>/<stepfunc.distributed.itemsKey>.
The file is checked first, against what the workflow synthesized from the same config meets on AWS (400 KB per
DynamoDB item, 256 KiB per state input or output, 25,000 history events; in DISTRIBUTED mode 256 KiB per child
execution input); a file it would refuse writes nothing, and the message says which limit and the way out.

Options:
  --json <file>      a JSON array, e.g. utils/simplelist.json or utils/listofdicts.json
  --csv <file>       a CSV file whose first row names the columns (DISTRIBUTED with inputType CSV)
  --bucket <name>    the items bucket (the stack output ItemsBucketName); DISTRIBUTED mode only
  --table <name>     the table (default: namePrefix + ddb.tableName from the config); INLINE mode only
  --config <file>    the configuration (default: $SFN_CONFIG, else config.json)
  --profile <name>   an AWS profile (default: the default credential chain: environment,
                     SSO, ~/.aws config, instance or container role)
  --region <name>    the region (default: AWS_REGION, else the config's region)
  --endpoint <url>   another endpoint, e.g. a local DynamoDB at http://127.0.0.1:8000
                     (on localhost the local emulators' credentials are used unless --profile)
  --help             show this text

Examples:
  npm run load-ddb -- --json utils/simplelist.json
  npm run load-ddb -- --json utils/listofdicts.json --profile dev --region eu-west-1
  npm run load-ddb -- --json utils/simplelist.json --endpoint http://127.0.0.1:8000`;

export interface LoaderIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

function checkOptions(o: LoaderOptions, config: AppConfig, configName: string): void {
  if ((o.json === undefined) === (o.csv === undefined)) throw new UsageError('Give the list file with --json <file> (or --csv <file>), exactly one of them.');
  const { mode, distributed } = config.stepfunc;
  if (mode === 'INLINE') {
    if (o.bucket !== undefined) throw new UsageError(`--bucket is for the Distributed Map, but stepfunc.mode in ${configName} is INLINE, which reads DynamoDB. Drop --bucket, or set stepfunc.mode to DISTRIBUTED.`);
    if (o.csv !== undefined) throw new UsageError('--csv works only with the Distributed Map (stepfunc.mode DISTRIBUTED, inputType CSV); DynamoDB takes a JSON array (--json).');
    return;
  }
  if (o.bucket === undefined) throw new UsageError(`stepfunc.mode in ${configName} is DISTRIBUTED, so the list goes to S3: give --bucket <name> (the parallel-map stack output ItemsBucketName).`);
  if (o.table !== undefined) throw new UsageError('--table applies to the INLINE mode only; the Distributed Map reads its list from S3 (--bucket).');
  const wanted = distributed.inputType === 'CSV' ? '--csv' : '--json';
  if ((distributed.inputType === 'CSV') !== (o.csv !== undefined)) {
    throw new UsageError(`stepfunc.distributed.inputType in ${configName} is ${distributed.inputType}, so give the file with ${wanted}.`);
  }
}

/** AWS refused or failed the write (the message says what to do); nothing was written. */
class WriteFailedError extends Error {
  override readonly name = 'WriteFailedError';
}

/** Turns an AWS error into a sentence that says what to do. */
function describeAwsError(err: Error, where: string, connection: ConnectionOptions): string {
  const place = connection.endpoint ? `at ${connection.endpoint}` : `in ${connection.region}`;
  switch (err.name) {
    case 'ResourceNotFoundException':
      return `Table ${where} does not exist ${place}. Deploy the stack first (cdktf deploy parallel-map), or check --table, --region and namePrefix.`;
    case 'NoSuchBucket':
      return `Bucket ${where} does not exist ${place}. Use the parallel-map stack output ItemsBucketName.`;
    case 'CredentialsProviderError':
    case 'ProviderError':
      return `No AWS credentials were found (${err.message}). Sign in (aws sso login, or set AWS_PROFILE / AWS_ACCESS_KEY_ID), or pass --profile <name>.`;
    case 'AccessDeniedException':
    case 'AccessDenied':
    case 'UnrecognizedClientException':
      return `AWS refused the write to ${where} (${err.name}: ${err.message}). Use credentials allowed to write there (--profile).`;
    default:
      if ((err as { code?: string }).code === 'ECONNREFUSED' || /ECONNREFUSED/.test(err.message)) {
        return `Nothing answers ${place}. Start the local server first, or check --endpoint.`;
      }
      return `Could not write to ${where} ${place}: ${err.name}: ${err.message}`;
  }
}

const count = (n: number) => n.toLocaleString('en-US');

/** Throws a ListTooLargeError listing every limit the list breaks in this mode; nothing is written. */
function refuse(list: ListFile, mode: string, refusals: readonly string[]): void {
  if (refusals.length === 0) return;
  throw new ListTooLargeError(`${list.file} cannot be processed in stepfunc.mode ${mode} on AWS:\n${refusals.map((r) => `  - ${r}`).join('\n')}`);
}

async function load(o: LoaderOptions, config: AppConfig, io: LoaderIo): Promise<void> {
  const list: ListFile = o.csv !== undefined ? readCsvList(o.csv) : readJsonList(o.json as string);
  const connection: ConnectionOptions = { region: o.region ?? config.region, profile: o.profile, endpoint: o.endpoint };
  const workflow = synthesizedWorkflow(config);
  if (list.items.length === 0) io.err(`Note: ${list.file} holds an empty list; the Map will have nothing to process.`);
  for (const note of list.notes ?? []) io.err(`Note: ${note}`);

  if (config.stepfunc.mode === 'DISTRIBUTED') {
    refuse(list, 'DISTRIBUTED', distributedRefusals(workflow, list));
    const target = { bucket: o.bucket as string, key: config.stepfunc.distributed.itemsKey };
    const s3 = s3Client(connection);
    try {
      const { bytes } = await putListObject(s3, target, list).catch((err: Error) => {
        throw new WriteFailedError(describeAwsError(err, target.bucket, connection));
      });
      io.out(`Uploaded ${list.items.length} items (${bytes} bytes) from ${list.file} to s3://${target.bucket}/${target.key}.`);
    } finally {
      s3.destroy();
    }
  } else {
    const tableName = o.table ?? `${config.namePrefix}${config.ddb.tableName}`;
    const item = listItem(config.ddb.partitionKeyName, config.ddb.partitionKeyValueField, list.items, list.file);
    const figures = inlineFigures(workflow, item);
    refuse(list, 'INLINE', inlineRefusals(workflow, figures));
    const dynamodb = dynamoDbClient(connection);
    try {
      await putListItem(dynamodb, tableName, item).catch((err: Error) => {
        throw new WriteFailedError(describeAwsError(err, tableName, connection));
      });
      io.out(
        `Loaded ${list.items.length} items from ${list.file} into table ${tableName} ${connection.endpoint ? `at ${connection.endpoint}` : `(${connection.region})`}: ` +
          `item ${config.ddb.partitionKeyName} = "${config.ddb.partitionKeyValueField}", ${count(figures.itemBytes)} of ${count(AWS_LIMITS.dynamoDbItemBytes.value)} bytes; ` +
          `a run reads it as ${count(figures.getItemResultBytes)} of ${count(AWS_LIMITS.statePayloadBytes.value)} bytes ` +
          `and adds at least ${count(figures.historyEvents)} of ${count(AWS_LIMITS.historyEvents.value)} history events.`,
      );
    } finally {
      dynamodb.destroy();
    }
  }
  io.out(`Now start the state machine with the input {} (the stack output StateMachineArn names it).`);
}

/**
 * How the loader ends on an error (scripts/lib/cli.ts): a usage error is exit code 2 with the pointer to --help;
 * a refused list, a bad config or a failed write is exit code 1, its message and "Nothing was written.".
 */
const LOADER_CLI: CliOptions = {
  command: 'npm run load-ddb --',
  failureCode: 1,
  describe: (err) => {
    if (!(err instanceof InvalidListError || err instanceof ConfigError || err instanceof WriteFailedError)) return undefined;
    const label = err instanceof WriteFailedError ? '' : `${err.name}: `;
    return `${label}${err.message}\nNothing was written.`;
  },
};

/** Runs the loader; returns the exit code (0 written, 1 nothing written, 2 wrong command line). */
export async function main(argv: readonly string[], io: LoaderIo): Promise<number> {
  try {
    const options = parseOptions(argv);
    if (options.help) {
      io.out(HELP);
      return 0;
    }
    const configFile = options.config;
    const config = loadConfig({ file: configFile, env: io.env });
    checkOptions(options, config, configFile ?? io.env.SFN_CONFIG ?? 'config.json');
    await load(options, config, io);
    return 0;
  } catch (err) {
    const failure = commandFailure(err, LOADER_CLI);
    io.err(failure.message);
    return failure.code;
  }
}

if (require.main === module) {
  useAslVerdictStore(aslVerdictsOnDisk());
  runCli((argv) => main(argv, { out: (l) => console.log(l), err: (l) => console.error(l), env: process.env }), LOADER_CLI);
}
