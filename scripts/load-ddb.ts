import { useAslVerdictStore } from '../definitions/validate';
import { aslVerdictsOnDisk } from '../stacks/asl-verdicts';
import { loadConfig, type AppConfig } from '../stacks/config';
import { commandFailure, runCli, UsageError, type CliOptions } from './lib/cli';
import { checkList, describeLoaderError, describeWritten, listNotes, readList, writeList, type ListSource } from './list-loader/load';
import { parseOptions, type LoaderOptions } from './list-loader/options';
import type { ConnectionOptions } from './list-loader/targets';

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

/** Reads, checks, writes and reports the list (scripts/list-loader/load.ts); notes and refusals come before any write. */
async function load(o: LoaderOptions, config: AppConfig, io: LoaderIo): Promise<void> {
  const list = readList((o.csv !== undefined ? { csv: o.csv } : { json: o.json }) as ListSource);
  const connection: ConnectionOptions = { region: o.region ?? config.region, profile: o.profile, endpoint: o.endpoint };
  for (const note of listNotes(list)) io.err(`Note: ${note}`);
  const checked = checkList(list, config, { table: o.table, bucket: o.bucket });
  await writeList(checked, connection);
  for (const line of describeWritten(checked, connection.endpoint ? `at ${connection.endpoint}` : `(${connection.region})`)) io.out(line);
}

/**
 * How the loader ends on an error (scripts/lib/cli.ts): a usage error is exit code 2 with the pointer to --help;
 * a refused list, a bad config or a failed write is exit code 1, its message and "Nothing was written.".
 */
const LOADER_CLI: CliOptions = { command: 'npm run load-ddb --', failureCode: 1, describe: describeLoaderError };

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
