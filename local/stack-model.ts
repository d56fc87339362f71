import * as fs from 'node:fs';
import * as path from 'node:path';
import { arns, DEFAULT_REGION, LOCAL_ACCOUNT_ID } from './aws-names';
import { LocalSetupError } from './errors';
import { blocksOf, readStackJson, type TerraformJson, type TfBlock } from './synthesized';
import { addressOf, nestedBlocks, ReferenceResolver, stringArg } from './terraform-json';

/** What the local runner stands up for one synthesized stack, read from its Terraform JSON. */
export interface StackModel {
  readonly stackId: string;
  readonly stackDir: string;
  readonly region: string;
  readonly tables: readonly TableModel[];
  readonly buckets: readonly BucketModel[];
  readonly topics: readonly TopicModel[];
  readonly functions: readonly FunctionModel[];
  readonly stateMachines: readonly StateMachineModel[];
  /** `aws_dynamodb_table_item` resources: items Terraform would write at deploy time. */
  readonly tableItems: readonly TableItemModel[];
  /** Resource types in the stack that are not emulated (API Gateway, say), for the user's information. */
  readonly notEmulated: readonly string[];
}

export type KeyType = 'S' | 'N' | 'B';
export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyType;
}
export interface IndexModel {
  readonly name: string;
  readonly hashKey: KeyAttribute;
  readonly rangeKey?: KeyAttribute;
}
export interface TableModel {
  readonly address: string;
  readonly name: string;
  readonly arn: string;
  readonly hashKey: KeyAttribute;
  readonly rangeKey?: KeyAttribute;
  readonly globalIndexes: readonly IndexModel[];
  readonly localIndexes: readonly IndexModel[];
}
export interface TableItemModel {
  readonly address: string;
  readonly tableName: string;
  /** DynamoDB JSON (`{"id": {"S": "x"}}`). */
  readonly item: Record<string, unknown>;
}
export interface BucketModel {
  readonly address: string;
  readonly name: string;
}
export interface TopicModel {
  readonly address: string;
  readonly name: string;
  readonly arn: string;
}
export interface FunctionModel {
  readonly address: string;
  readonly name: string;
  readonly arn: string;
  /** The execution role (`role` resolved): whose policies the function's own SDK calls are authorized with. */
  readonly roleArn: string;
  /** The folder holding the bundle (`index.js`), absolute. */
  readonly bundleDir: string;
  /** `file.export`, e.g. `index.handler`. */
  readonly handler: string;
  readonly runtime: string;
  readonly timeoutSeconds: number;
  readonly memorySize: number;
  /** The instruction set (`architectures`; x86_64 when not set, as on AWS). */
  readonly architecture: 'arm64' | 'x86_64';
  /** The function's own variables, references replaced by local names and ARNs. */
  readonly environment: Readonly<Record<string, string>>;
  readonly reservedConcurrency?: number;
  readonly logFormat?: string;
}
export interface StateMachineModel {
  readonly address: string;
  readonly name: string;
  readonly arn: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  /** The execution role (`role_arn` resolved): what `$$.Execution.RoleArn` reads on AWS. */
  readonly roleArn: string;
  /** The definition, references replaced. */
  readonly definition: Record<string, unknown>;
  /** `logging_configuration`, references replaced (DescribeStateMachine's loggingConfiguration). @default none */
  readonly logging?: StateMachineLogging;
}

export interface StateMachineLogging {
  readonly level: 'ALL' | 'ERROR' | 'FATAL' | 'OFF';
  readonly includeExecutionData: boolean;
  /** The log group ARN (ending in `:*`), as `log_destination` gives it. */
  readonly logDestination?: string;
}

/** Resource types that exist only for AWS (permissions, logs, tracing) and need no local stand-in. */
const NOT_NEEDED_LOCALLY = /^aws_(iam_|cloudwatch_log|lambda_permission|s3_bucket_|sns_topic_(policy|subscription)|xray_)/;

export function loadStackModel(stackDir: string): StackModel {
  const dir = path.resolve(stackDir);
  const tf = readStackJson(dir);
  const region = String(tf.provider?.aws?.[0]?.region ?? DEFAULT_REGION);
  const resolver = new ReferenceResolver();
  defineDataSources(tf, resolver, region);

  const tables = blocksOf(tf, 'aws_dynamodb_table').map(([name, block]) => readTable(name, block, region));
  for (const t of tables) resolver.define(t.address, { name: t.name, id: t.name, arn: t.arn, hash_key: t.hashKey.name });
  const buckets = blocksOf(tf, 'aws_s3_bucket').map(([name, block]) => readBucket(name, block));
  for (const b of buckets) {
    const domain = `${b.name}.s3.amazonaws.com`;
    resolver.define(b.address, { bucket: b.name, id: b.name, arn: arns.bucket(b.name), bucket_domain_name: domain, bucket_regional_domain_name: domain });
  }
  const topics = blocksOf(tf, 'aws_sns_topic').map(([name, block]) => {
    const address = addressOf('aws_sns_topic', name);
    const topicName = namedOrPrefixed(block, 'name', address);
    return { address, name: topicName, arn: arns.topic(region, topicName) };
  });
  for (const t of topics) resolver.define(t.address, { name: t.name, id: t.arn, arn: t.arn });
  const functionBlocks = blocksOf(tf, 'aws_lambda_function');
  for (const [name, block] of functionBlocks) {
    const fnName = stringArg(block, 'function_name', addressOf('aws_lambda_function', name));
    const arn = arns.function(region, fnName);
    resolver.define(addressOf('aws_lambda_function', name), {
      function_name: fnName,
      id: fnName,
      arn,
      qualified_arn: `${arn}:$LATEST`,
      version: '$LATEST',
      invoke_arn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`,
    });
  }
  const machineBlocks = blocksOf(tf, 'aws_sfn_state_machine');
  for (const [name, block] of machineBlocks) {
    const smName = namedOrPrefixed(block, 'name', addressOf('aws_sfn_state_machine', name));
    const arn = arns.stateMachine(region, smName);
    resolver.define(addressOf('aws_sfn_state_machine', name), { name: smName, id: arn, arn });
  }
  for (const [name, block] of blocksOf(tf, 'aws_iam_role')) {
    const roleName = namedOrPrefixed(block, 'name', addressOf('aws_iam_role', name));
    resolver.define(addressOf('aws_iam_role', name), { name: roleName, id: roleName, arn: arns.role(roleName) });
  }
  for (const [name, block] of blocksOf(tf, 'aws_cloudwatch_log_group')) {
    const groupName = namedOrPrefixed(block, 'name', addressOf('aws_cloudwatch_log_group', name));
    resolver.define(addressOf('aws_cloudwatch_log_group', name), { name: groupName, id: groupName, arn: arns.logGroup(region, groupName) });
  }

  const functions = functionBlocks.map(([name, block]) => readFunction(tf, dir, name, block, region, resolver));
  const stateMachines = machineBlocks.map(([name, block]): StateMachineModel => {
    const address = addressOf('aws_sfn_state_machine', name);
    const smName = namedOrPrefixed(block, 'name', address);
    const text = stringArg(block, 'definition', address);
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch (err) {
      throw new LocalSetupError(`${address}.definition is not valid JSON (${(err as Error).message}).`);
    }
    const type = block.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
    const roleArn = resolver.resolveDeep(stringArg(block, 'role_arn', address), `${address}.role_arn`);
    const logging = readLogging(nestedBlocks(block, 'logging_configuration')[0], address, resolver);
    return { address, name: smName, arn: arns.stateMachine(region, smName), type, roleArn, definition: resolver.resolveDeep(parsed, `${address}.definition`), ...(logging && { logging }) };
  });

  const tableItems = blocksOf(tf, 'aws_dynamodb_table_item').map(([name, block]): TableItemModel => {
    const address = addressOf('aws_dynamodb_table_item', name);
    const item = resolver.resolveString(stringArg(block, 'item', address), `${address}.item`);
    try {
      return { address, tableName: resolver.resolveString(stringArg(block, 'table_name', address), `${address}.table_name`), item: JSON.parse(item) };
    } catch (err) {
      throw new LocalSetupError(`${address}.item is not valid DynamoDB JSON (${(err as Error).message}).`);
    }
  });

  const emulated = new Set(['aws_dynamodb_table', 'aws_dynamodb_table_item', 'aws_s3_bucket', 'aws_sns_topic', 'aws_lambda_function', 'aws_sfn_state_machine']);
  const notEmulated = Object.keys(tf.resource ?? {})
    .filter((type) => !emulated.has(type) && !NOT_NEEDED_LOCALLY.test(type))
    .sort();
  return { stackId: path.basename(dir), stackDir: dir, region, tables, buckets, topics, functions, stateMachines, tableItems, notEmulated };
}

/** `name`, or a deterministic `<name_prefix>local` when only a prefix is given (AWS would add a random suffix). */
export function namedOrPrefixed(block: TfBlock, key: string, address: string): string {
  const value = block[key] ?? (typeof block[`${key}_prefix`] === 'string' ? `${block[`${key}_prefix`]}local` : undefined);
  if (typeof value !== 'string' || value === '') throw new LocalSetupError(`${address}: has neither "${key}" nor "${key}_prefix"; give it a ${key}.`);
  if (value.includes('${')) throw new LocalSetupError(`${address}.${key} is computed (${value}); the local runner needs a literal ${key}.`);
  return value;
}

export function defineDataSources(tf: TerraformJson, resolver: ReferenceResolver, region: string): void {
  for (const [name] of blocksOf(tf, 'data.aws_region')) resolver.define(`data.aws_region.${name}`, { name: region, id: region, region });
  for (const [name] of blocksOf(tf, 'data.aws_caller_identity')) {
    resolver.define(`data.aws_caller_identity.${name}`, { account_id: LOCAL_ACCOUNT_ID, id: LOCAL_ACCOUNT_ID });
  }
  for (const [name] of blocksOf(tf, 'data.aws_partition')) resolver.define(`data.aws_partition.${name}`, { partition: 'aws', id: 'aws', dns_suffix: 'amazonaws.com' });
}

function readTable(name: string, block: TfBlock, region: string): TableModel {
  const address = addressOf('aws_dynamodb_table', name);
  const tableName = namedOrPrefixed(block, 'name', address);
  const types = new Map(nestedBlocks(block, 'attribute').map((a) => [String(a.name), String(a.type) as KeyType]));
  const key = (attr: unknown, where: string): KeyAttribute => {
    const type = types.get(String(attr));
    if (!type) throw new LocalSetupError(`${address}: ${where} "${String(attr)}" has no matching attribute block with its type.`);
    return { name: String(attr), type };
  };
  const index = (ix: TfBlock, kind: string): IndexModel => ({
    name: String(ix.name),
    hashKey: key(ix.hash_key ?? block.hash_key, `${kind} ${String(ix.name)} hash key`),
    ...(ix.range_key !== undefined && { rangeKey: key(ix.range_key, `${kind} ${String(ix.name)} range key`) }),
  });
  return {
    address,
    name: tableName,
    arn: arns.table(region, tableName),
    hashKey: key(block.hash_key, 'hash_key'),
    ...(block.range_key !== undefined && { rangeKey: key(block.range_key, 'range_key') }),
    globalIndexes: nestedBlocks(block, 'global_secondary_index').map((ix) => index(ix, 'global index')),
    localIndexes: nestedBlocks(block, 'local_secondary_index').map((ix) => index({ ...ix, hash_key: block.hash_key }, 'local index')),
  };
}

function readBucket(name: string, block: TfBlock): BucketModel {
  const address = addressOf('aws_s3_bucket', name);
  const bucket = namedOrPrefixed(block, 'bucket', address);
  // AWS appends 26 random characters to a prefix; locally the name only has to be valid and stable.
  return { address, name: bucket.toLowerCase().slice(0, 63) };
}

function readFunction(tf: TerraformJson, stackDir: string, name: string, block: TfBlock, region: string, resolver: ReferenceResolver): FunctionModel {
  const address = addressOf('aws_lambda_function', name);
  const fnName = stringArg(block, 'function_name', address);
  const runtime = String(block.runtime ?? '');
  if (!runtime.startsWith('nodejs')) {
    throw new LocalSetupError(`${address}: runtime "${runtime}" cannot run locally; the local runner runs Node.js functions only.`);
  }
  const filename = stringArg(block, 'filename', address);
  const archive = /^\$\{data\.archive_file\.([^.}]+)\.output_path\}$/.exec(filename);
  if (!archive) {
    throw new LocalSetupError(`${address}.filename is "${filename}"; the local runner needs a bundle zipped by a data.archive_file (source_dir) to run it.`);
  }
  const zip = blocksOf(tf, 'data.archive_file').find(([n]) => n === archive[1])?.[1];
  const sourceDir = zip && typeof zip.source_dir === 'string' ? zip.source_dir : undefined;
  if (!sourceDir) throw new LocalSetupError(`${address}: data.archive_file.${archive[1]} has no source_dir with the bundle.`);
  const bundleDir = path.resolve(stackDir, sourceDir);
  if (!fs.existsSync(bundleDir)) {
    throw new LocalSetupError(`${address}: the bundle folder ${bundleDir} does not exist. Run \`npm run synth\` again to rebuild the assets.`);
  }
  const variables = (nestedBlocks(block, 'environment')[0]?.variables ?? {}) as Record<string, unknown>;
  const environment = Object.fromEntries(
    Object.entries(variables).map(([k, v]) => [k, resolver.resolveString(String(v), `${address}.environment.variables.${k}`)]),
  );
  const logging = nestedBlocks(block, 'logging_config')[0];
  const reserved = typeof block.reserved_concurrent_executions === 'number' && block.reserved_concurrent_executions >= 0 ? block.reserved_concurrent_executions : undefined;
  return {
    address,
    name: fnName,
    arn: arns.function(region, fnName),
    roleArn: resolver.resolveString(stringArg(block, 'role', address), `${address}.role`),
    bundleDir,
    handler: String(block.handler ?? 'index.handler'),
    runtime,
    timeoutSeconds: typeof block.timeout === 'number' ? block.timeout : 3,
    memorySize: typeof block.memory_size === 'number' ? block.memory_size : 128,
    architecture: Array.isArray(block.architectures) && block.architectures[0] === 'arm64' ? 'arm64' : 'x86_64',
    environment,
    ...(reserved !== undefined && { reservedConcurrency: reserved }),
    ...(typeof logging?.log_format === 'string' && { logFormat: logging.log_format }),
  };
}

function readLogging(block: TfBlock | undefined, address: string, resolver: ReferenceResolver): StateMachineLogging | undefined {
  if (!block) return undefined;
  const level = String(block.level ?? 'OFF');
  if (!['ALL', 'ERROR', 'FATAL', 'OFF'].includes(level)) throw new LocalSetupError(`${address}.logging_configuration.level is ${level}; AWS takes ALL, ERROR, FATAL or OFF.`);
  const destination = typeof block.log_destination === 'string' ? resolver.resolveString(block.log_destination, `${address}.logging_configuration.log_destination`) : undefined;
  return { level: level as StateMachineLogging['level'], includeExecutionData: block.include_execution_data === true, ...(destination && { logDestination: destination }) };
}
