/**
 * ResultWriter (Developer Guide, "ResultWriter (Map)"): what a Distributed Map returns and what it exports to S3.
 * - Without ResultWriter the Map's result is the children's outputs in item order (Transformation COMPACT).
 * - `WriterConfig` alone ("preview") returns the results transformed: NONE (each child's execution record),
 *   COMPACT (outputs), FLATTEN (outputs, an array output spread into the result). A failed child is always given
 *   as its execution record ("equivalent to having set Transformation to NONE").
 * - With `Resource: arn:aws:states:::s3:putObject` and Bucket/Prefix the results are written, grouped by status, to
 *   `<Prefix>/<map run id>/SUCCEEDED_<n>.json`, `FAILED_<n>.json`, `PENDING_<n>.json`, then
 *   `<Prefix>/<map run id>/manifest.json`, and the Map's result is `{MapRunArn, ResultWriterDetails: {Bucket, Key}}`
 *   with the manifest's key. Without WriterConfig the files hold execution records (Transformation NONE).
 * A write that fails fails the state with `States.ResultWriterFailed`.
 */
import { StatesError, STATES_ERRORS } from '../errors';
import type { ChildExecutionType, ChildStatus, MapRunIdentity } from './map-run';
import { type ObjectStore, s3ErrorCause } from './object-store';

export type Transformation = 'NONE' | 'COMPACT' | 'FLATTEN';
export type OutputType = 'JSON' | 'JSONL';

export interface WriterConfig {
  readonly Transformation?: Transformation | string;
  readonly OutputType?: OutputType | string;
}

export interface ResultWriterSpec {
  readonly Resource?: string;
  /** `Parameters` (JSONPath) or `Arguments` (JSONata), rendered: Bucket, Prefix. */
  readonly Parameters?: Readonly<Record<string, unknown>>;
  readonly Arguments?: Readonly<Record<string, unknown>>;
  readonly WriterConfig?: WriterConfig;
}

/** What the run knows of one child execution (or of an item that never got one: PENDING). */
export interface ChildRecord {
  readonly index: number;
  readonly input: unknown;
  readonly status: ChildStatus | 'PENDING';
  readonly name?: string;
  readonly executionArn?: string;
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  readonly startDate?: Date;
  readonly stopDate?: Date;
}

/** The Map state's result when results are exported. */
export interface ResultWriterOutput {
  MapRunArn: string;
  ResultWriterDetails: { Bucket: string; Key: string };
}

/**
 * A child's execution record, as in the result files and in a NONE result: DescribeExecution's fields in
 * PascalCase and in alphabetical order (the order of the Developer Guide's examples), Input and Output as JSON
 * text, dates in ISO-8601 with milliseconds. Redrive fields: a SUCCEEDED child is NOT_REDRIVABLE with
 * DescribeExecution's reason; a failed STANDARD child REDRIVABLE, a failed EXPRESS child REDRIVABLE_BY_MAP_RUN.
 */
export function executionRecord(child: ChildRecord, identity: MapRunIdentity): Record<string, unknown> {
  if (child.status === 'PENDING') return { Input: JSON.stringify(child.input), InputDetails: { Included: true }, Status: 'PENDING' };
  const record: Record<string, unknown> = {};
  if (child.status !== 'SUCCEEDED') {
    if (child.cause !== undefined) record.Cause = child.cause;
    if (child.error !== undefined) record.Error = child.error;
  }
  record.ExecutionArn = child.executionArn;
  record.Input = JSON.stringify(child.input);
  record.InputDetails = { Included: true };
  record.Name = child.name;
  if (child.status === 'SUCCEEDED') {
    record.Output = JSON.stringify(child.output ?? null);
    record.OutputDetails = { Included: true };
  }
  record.RedriveCount = 0;
  Object.assign(record, redrive(child.status, identity.executionType));
  record.StartDate = child.startDate?.toISOString();
  record.StateMachineArn = identity.childStateMachineArn;
  record.Status = child.status;
  record.StopDate = child.stopDate?.toISOString();
  return record;
}

function redrive(status: ChildStatus, type: ChildExecutionType): Record<string, string> {
  if (status === 'SUCCEEDED') return { RedriveStatus: 'NOT_REDRIVABLE', RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven' };
  return { RedriveStatus: type === 'EXPRESS' ? 'REDRIVABLE_BY_MAP_RUN' : 'REDRIVABLE' };
}

/** The children's results under a Transformation, in item order (PENDING items carry no result). */
export function transformResults(children: readonly ChildRecord[], transformation: string, identity: MapRunIdentity): unknown[] {
  const results: unknown[] = [];
  for (const child of children) {
    if (child.status === 'PENDING') continue;
    if (transformation === 'NONE' || child.status !== 'SUCCEEDED') results.push(executionRecord(child, identity));
    else if (transformation === 'FLATTEN' && Array.isArray(child.output)) for (const value of child.output) results.push(value);
    else results.push(child.output);
  }
  return results;
}

const TRANSFORMATIONS = ['NONE', 'COMPACT', 'FLATTEN'];
const OUTPUT_TYPES = ['JSON', 'JSONL'];
const PUT_OBJECT = /^arn:aws[a-z-]*:states:::s3:putObject$/;

/** Whether a ResultWriter exports to S3 (it has a Resource) or only shapes the result (WriterConfig alone). */
export const exportsToS3 = (spec: ResultWriterSpec | undefined) => spec?.Resource !== undefined;

/** The Map's result without export: COMPACT by default, or WriterConfig's Transformation. */
export function resultWithoutExport(children: readonly ChildRecord[], spec: ResultWriterSpec | undefined, identity: MapRunIdentity): unknown[] {
  const transformation = spec?.WriterConfig?.Transformation ?? 'COMPACT';
  checkWriterConfig(spec?.WriterConfig);
  return transformResults(children, transformation, identity);
}

function checkWriterConfig(config: WriterConfig | undefined): void {
  if (config?.Transformation !== undefined && !TRANSFORMATIONS.includes(config.Transformation)) {
    throw new StatesError(STATES_ERRORS.ResultWriterFailed, `WriterConfig.Transformation '${config.Transformation}' is not one of NONE, COMPACT, FLATTEN.`);
  }
  if (config?.OutputType !== undefined && !OUTPUT_TYPES.includes(config.OutputType)) {
    throw new StatesError(STATES_ERRORS.ResultWriterFailed, `WriterConfig.OutputType '${config.OutputType}' is not one of JSON, JSONL.`);
  }
}

export interface WriteOptions {
  /**
   * Past this many bytes a result file is split (`SUCCEEDED_0.json`, `SUCCEEDED_1.json`, …). AWS documents no
   * size; we assume 5 GiB, S3's limit for one PUT.
   */
  readonly maxFileBytes?: number;
}

const fail = (cause: string) => new StatesError(STATES_ERRORS.ResultWriterFailed, cause);

/** Writes the result files and the manifest; returns the Map state's result. */
export async function writeResults(
  store: ObjectStore,
  spec: ResultWriterSpec,
  identity: MapRunIdentity,
  children: readonly ChildRecord[],
  options: WriteOptions = {},
): Promise<ResultWriterOutput> {
  if (!PUT_OBJECT.test(spec.Resource ?? '')) {
    throw fail(`The ResultWriter Resource '${spec.Resource}' is not supported: use arn:aws:states:::s3:putObject.`);
  }
  checkWriterConfig(spec.WriterConfig);
  const params = spec.Arguments ?? spec.Parameters ?? {};
  const bucket = params.Bucket;
  if (typeof bucket !== 'string' || bucket === '') throw fail('The ResultWriter needs a Bucket (a string) in its Parameters (JSONPath) or Arguments (JSONata).');
  const prefix = params.Prefix === undefined ? '' : params.Prefix;
  if (typeof prefix !== 'string') throw fail(`The ResultWriter Prefix must be a string; got ${JSON.stringify(prefix)}.`);
  const folder = `${prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`}${identity.mapRunId}/`;
  const transformation = spec.WriterConfig?.Transformation ?? 'NONE';
  const jsonLines = spec.WriterConfig?.OutputType === 'JSONL';
  const maxFileBytes = options.maxFileBytes ?? 5 * 1024 ** 3;

  const resultFiles: Record<'FAILED' | 'PENDING' | 'SUCCEEDED', Array<{ Key: string; Size: number }>> = { FAILED: [], PENDING: [], SUCCEEDED: [] };
  for (const status of ['SUCCEEDED', 'FAILED', 'PENDING'] as const) {
    const group = children.filter((c) => (status === 'FAILED' ? c.status !== 'SUCCEEDED' && c.status !== 'PENDING' : c.status === status));
    if (group.length === 0) continue;
    const values = status === 'PENDING' ? group.map((c) => executionRecord(c, identity)) : transformResults(group, transformation, identity);
    let part = 0;
    for (const body of serialize(values, jsonLines, maxFileBytes)) {
      const key = `${folder}${status}_${part++}.${jsonLines ? 'jsonl' : 'json'}`;
      await put(store, bucket, key, body);
      resultFiles[status].push({ Key: key, Size: Buffer.byteLength(body, 'utf8') });
    }
  }
  const manifestKey = `${folder}manifest.json`;
  const manifest = { DestinationBucket: bucket, MapRunArn: identity.mapRunArn, ResultFiles: resultFiles };
  await put(store, bucket, manifestKey, JSON.stringify(manifest));
  return { MapRunArn: identity.mapRunArn, ResultWriterDetails: { Bucket: bucket, Key: manifestKey } };
}

async function put(store: ObjectStore, bucket: string, key: string, body: string): Promise<void> {
  try {
    await store.putObject(bucket, key, body, 'application/json');
  } catch (err) {
    throw fail(s3ErrorCause(err));
  }
}

/** A JSON array (or JSON Lines) per file, starting a new file before one would pass `maxBytes`. */
function* serialize(values: readonly unknown[], jsonLines: boolean, maxBytes: number): Generator<string> {
  let parts: string[] = [];
  let bytes = 2;
  for (const value of values) {
    const text = JSON.stringify(value) ?? 'null';
    const size = Buffer.byteLength(text, 'utf8') + 1;
    if (parts.length > 0 && bytes + size > maxBytes) {
      yield jsonLines ? `${parts.join('\n')}\n` : `[${parts.join(',')}]`;
      parts = [];
      bytes = 2;
    }
    parts.push(text);
    bytes += size;
  }
  if (parts.length > 0) yield jsonLines ? `${parts.join('\n')}\n` : `[${parts.join(',')}]`;
}
