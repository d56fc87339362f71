/**
 * ItemReader (Developer Guide, "ItemReader (Map)"): the items of a Distributed Map read from S3 — a JSON array, a
 * JSON Lines or CSV file (`arn:aws:states:::s3:getObject`), an S3 inventory manifest (`InputType: MANIFEST`) or
 * the objects under a prefix (`arn:aws:states:::s3:listObjectsV2`). The core renders `Parameters`/`Arguments` and
 * resolves `MaxItemsPath` before calling; everything that goes wrong here is `States.ItemReaderFailed`, which
 * AWS records as the Map Run's failure (MapRunFailed) after MapRunStarted.
 */
import { gunzipSync } from 'node:zlib';
import { StatesError, STATES_ERRORS } from '../errors';
import { CSV_DELIMITERS, csvRecords, rowBuilder } from './csv';
import { type ObjectStore, type ObjectSummary, s3ErrorCause } from './object-store';

export type InputType = 'JSON' | 'JSONL' | 'CSV' | 'MANIFEST' | 'PARQUET';

export interface ReaderConfig {
  readonly InputType?: InputType | string;
  readonly CSVHeaderLocation?: 'FIRST_ROW' | 'GIVEN' | string;
  readonly CSVHeaders?: readonly string[];
  readonly CSVDelimiter?: string;
  /** MaxItems, or the value MaxItemsPath selected (the core resolves the path first, see map-run.ts). */
  readonly MaxItems?: number;
  /** JSON only: a JSON Pointer (RFC 6901) to the array inside a JSON object. */
  readonly ItemsPointer?: string;
  /** MANIFEST: `S3_INVENTORY` (default) or `ATHENA_DATA`. */
  readonly ManifestType?: 'S3_INVENTORY' | 'ATHENA_DATA' | string;
  /** listObjectsV2: `LOAD_AND_FLATTEN` reads every listed object as InputType and iterates over their items. */
  readonly Transformation?: 'NONE' | 'LOAD_AND_FLATTEN' | string;
}

export interface ItemReaderSpec {
  readonly Resource: string;
  readonly ReaderConfig?: ReaderConfig;
  /** `Parameters` (JSONPath) or `Arguments` (JSONata), already rendered: Bucket, Key, VersionId, Prefix. */
  readonly Parameters?: Readonly<Record<string, unknown>>;
  readonly Arguments?: Readonly<Record<string, unknown>>;
}

/** "The Distributed Map state stops reading items beyond 100,000,000" (ItemReader, ReaderConfig → MaxItems). */
export const MAX_ITEMS_LIMIT = 100_000_000;
/** "Currently, Step Functions supports CSV headers of up to 10 KiB" (ItemReader, CSVHeaderLocation). */
export const CSV_HEADER_LIMIT_BYTES = 10 * 1024;

const RESOURCE = /^arn:aws[a-z-]*:states:::s3:(getObject|listObjectsV2)$/;

export const itemReaderFailed = (cause: string) => new StatesError(STATES_ERRORS.ItemReaderFailed, cause);

/** Reads the items an ItemReader describes, in the order AWS hands them to child executions. */
export async function readItems(spec: ItemReaderSpec, store: ObjectStore): Promise<unknown[]> {
  const action = RESOURCE.exec(spec.Resource)?.[1];
  if (!action) {
    throw itemReaderFailed(`The ItemReader Resource '${spec.Resource}' is not supported: use arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2.`);
  }
  const config = spec.ReaderConfig ?? {};
  const limit = maxItemsOf(config.MaxItems);
  const params = spec.Arguments ?? spec.Parameters ?? {};
  const bucket = stringParam(params, 'Bucket');
  if (action === 'listObjectsV2') {
    const prefix = params.Prefix === undefined ? undefined : stringParam(params, 'Prefix');
    if (config.Transformation === 'LOAD_AND_FLATTEN') return loadAndFlatten(store, bucket, prefix, config, limit);
    const items: unknown[] = [];
    await listAll(store, bucket, prefix, limit, (object) => items.push(listedItem(object)));
    return items;
  }
  const key = stringParam(params, 'Key');
  const versionId = typeof params.VersionId === 'string' ? params.VersionId : undefined;
  const inputType = config.InputType;
  if (inputType === 'MANIFEST' || config.ManifestType !== undefined) return readManifest(store, bucket, key, versionId, config, limit);
  if (inputType === undefined) throw itemReaderFailed('ReaderConfig.InputType is required with arn:aws:states:::s3:getObject: set JSON, JSONL, CSV or MANIFEST.');
  return parseObject(await getText(store, bucket, key, versionId), inputType, config, limit);
}

/** MaxItems: 0 or absent reads everything; more than 100,000,000 reads 100,000,000; negative fails (recorded AWS). */
export function maxItemsOf(value: number | undefined): number {
  if (value === undefined || value === 0) return MAX_ITEMS_LIMIT;
  if (value < 0) throw itemReaderFailed('field MaxItems must be positive');
  return Math.min(value, MAX_ITEMS_LIMIT);
}

/** The item AWS gives a child for one listed object (ItemReader, "S3 objects" example): LastModified in epoch seconds. */
export function listedItem(object: ObjectSummary): Record<string, unknown> {
  return {
    Etag: object.etag,
    Key: object.key,
    LastModified: Math.floor(object.lastModified.getTime() / 1000),
    Size: object.size,
    StorageClass: object.storageClass ?? 'STANDARD',
  };
}

function stringParam(params: Readonly<Record<string, unknown>>, name: string): string {
  const value = params[name];
  if (typeof value !== 'string') {
    throw itemReaderFailed(`The ItemReader ${name} must be a string; got ${value === undefined ? 'nothing' : JSON.stringify(value)}. Set ${name} in its Parameters (JSONPath) or Arguments (JSONata).`);
  }
  return value;
}

async function getText(store: ObjectStore, bucket: string, key: string, versionId?: string): Promise<string> {
  let body: Buffer | string;
  try {
    body = await store.getObject(bucket, key, versionId);
  } catch (err) {
    throw itemReaderFailed(s3ErrorCause(err));
  }
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const data = key.endsWith('.gz') ? gunzip(bytes, key) : bytes;
  const text = data.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function gunzip(bytes: Buffer, key: string): Buffer {
  try {
    return gunzipSync(bytes);
  } catch (err) {
    throw itemReaderFailed(`Could not decompress '${key}': ${(err as Error).message}`);
  }
}

async function listAll(store: ObjectStore, bucket: string, prefix: string | undefined, limit: number, each: (o: ObjectSummary) => void): Promise<void> {
  let token: string | undefined;
  let count = 0;
  do {
    let page;
    try {
      page = await store.listObjects(bucket, prefix, token);
    } catch (err) {
      throw itemReaderFailed(s3ErrorCause(err));
    }
    for (const object of page.objects) {
      if (count++ >= limit) return;
      each(object);
    }
    token = page.nextToken;
  } while (token !== undefined);
}

async function loadAndFlatten(store: ObjectStore, bucket: string, prefix: string | undefined, config: ReaderConfig, limit: number): Promise<unknown[]> {
  const inputType = config.InputType ?? 'JSON';
  const keys: string[] = [];
  await listAll(store, bucket, prefix, Number.MAX_SAFE_INTEGER, (o) => {
    if (!o.key.endsWith('/')) keys.push(o.key);
  });
  const items: unknown[] = [];
  for (const key of keys) {
    if (items.length >= limit) break;
    for (const item of parseObject(await getText(store, bucket, key), inputType, config, limit - items.length)) items.push(item);
  }
  return items;
}

/** Parses one object's text as JSON, JSONL or CSV. */
export function parseObject(text: string, inputType: string, config: ReaderConfig, limit = MAX_ITEMS_LIMIT): unknown[] {
  switch (inputType) {
    case 'JSON':
      return parseJsonArray(text, config.ItemsPointer, limit);
    case 'JSONL':
      return parseJsonLines(text, limit);
    case 'CSV':
      return parseCsv(text, config, limit);
    case 'PARQUET':
      throw itemReaderFailed('InputType PARQUET is not supported by the local engine; convert the file to CSV, JSON or JSON Lines to run it locally.');
    default:
      throw itemReaderFailed(`InputType '${inputType}' is not one of JSON, JSONL, CSV, MANIFEST.`);
  }
}

function parseJsonArray(text: string, pointer: string | undefined, limit: number): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    // Assumed wording: AWS's cause for a file that is not JSON is not documented.
    throw itemReaderFailed(`The JSON file could not be parsed: ${(err as Error).message}`);
  }
  if (pointer !== undefined) value = resolvePointer(value, pointer);
  // Recorded AWS: a JSON object (not an array) fails the Map Run with this cause.
  if (!Array.isArray(value)) throw itemReaderFailed('Attempting to map over non-iterable node.');
  return value.length > limit ? value.slice(0, limit) : value;
}

/** RFC 6901: `/a/0/b`, with `~1` for `/` and `~0` for `~`; `""` is the whole document. */
function resolvePointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  if (!pointer.startsWith('/')) throw itemReaderFailed(`ItemsPointer '${pointer}' is not a JSON Pointer: it must start with '/'.`);
  let node = document;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(token) && Number(token) < node.length) node = node[Number(token)];
    else if (node !== null && typeof node === 'object' && !Array.isArray(node) && Object.hasOwn(node, token)) node = (node as Record<string, unknown>)[token];
    else throw itemReaderFailed(`ItemsPointer '${pointer}' does not point to a value in the JSON file.`);
  }
  return node;
}

function parseJsonLines(text: string, limit: number): unknown[] {
  const items: unknown[] = [];
  let start = 0;
  let line = 0;
  while (start < text.length && items.length < limit) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const raw = text.slice(start, end).trim();
    start = end + 1;
    if (raw === '') continue; // assumed: blank lines carry no item
    try {
      items.push(JSON.parse(raw));
    } catch (err) {
      throw itemReaderFailed(`Line ${line} of the JSON Lines file is not valid JSON: ${(err as Error).message}`);
    }
  }
  return items;
}

function parseCsv(text: string, config: ReaderConfig, limit: number, givenHeaders?: readonly string[]): unknown[] {
  const delimiter = CSV_DELIMITERS[config.CSVDelimiter ?? 'COMMA'];
  if (delimiter === undefined) throw itemReaderFailed(`CSVDelimiter '${config.CSVDelimiter}' is not one of COMMA, PIPE, SEMICOLON, SPACE, TAB.`);
  const records = csvRecords(text, delimiter);
  let headers = givenHeaders;
  if (!headers) {
    if ((config.CSVHeaderLocation ?? 'FIRST_ROW') === 'GIVEN') {
      if (!config.CSVHeaders?.length) throw itemReaderFailed('CSVHeaderLocation GIVEN needs CSVHeaders: list the column names in ReaderConfig.CSVHeaders.');
      headers = config.CSVHeaders;
    } else {
      const first = records.next();
      if (first.done) return [];
      headers = first.value;
    }
  }
  checkHeaders(headers);
  const build = rowBuilder(headers);
  const items: unknown[] = [];
  for (const record of records) {
    if (items.length >= limit) break;
    items.push(build(record));
  }
  return items;
}

function checkHeaders(headers: readonly string[]): void {
  // Recorded AWS cause, for CSVHeaders [H1, H1, H3].
  if (new Set(headers).size !== headers.length) throw itemReaderFailed('CSV headers cannot contain duplicates.');
  const bytes = Buffer.byteLength(headers.join(','), 'utf8');
  if (bytes > CSV_HEADER_LIMIT_BYTES) throw itemReaderFailed(`The CSV header is ${bytes} bytes; Step Functions supports CSV headers of up to 10 KiB.`);
}

/**
 * `InputType: MANIFEST`. S3_INVENTORY: the inventory's manifest.json names CSV data files (gzip-compressed) in its
 * destination bucket; their rows have no header row, the columns are the manifest's `fileSchema`. ATHENA_DATA: a
 * manifest of `s3://bucket/key` lines, each file read as ReaderConfig.InputType (CSV with CSVHeaders, JSONL).
 */
async function readManifest(store: ObjectStore, bucket: string, key: string, versionId: string | undefined, config: ReaderConfig, limit: number): Promise<unknown[]> {
  const text = await getText(store, bucket, key, versionId);
  if (config.ManifestType === 'ATHENA_DATA') return readAthenaManifest(store, text, config, limit);
  let manifest: { destinationBucket?: unknown; fileFormat?: unknown; fileSchema?: unknown; files?: unknown };
  try {
    manifest = JSON.parse(text);
  } catch (err) {
    throw itemReaderFailed(`The S3 inventory manifest '${key}' is not valid JSON: ${(err as Error).message}`);
  }
  if (manifest.fileFormat !== 'CSV') {
    throw itemReaderFailed(`The S3 inventory manifest '${key}' has fileFormat ${JSON.stringify(manifest.fileFormat)}; Step Functions reads CSV inventories only.`);
  }
  if (typeof manifest.fileSchema !== 'string' || !Array.isArray(manifest.files) || typeof manifest.destinationBucket !== 'string') {
    throw itemReaderFailed(`The S3 inventory manifest '${key}' lacks destinationBucket, fileSchema or files.`);
  }
  const headers = manifest.fileSchema.split(',').map((h) => h.trim());
  const dataBucket = manifest.destinationBucket.replace(/^arn:aws[a-z-]*:s3:::/, '');
  const items: unknown[] = [];
  for (const file of manifest.files as Array<{ key?: unknown }>) {
    if (items.length >= limit) break;
    if (typeof file?.key !== 'string') throw itemReaderFailed(`The S3 inventory manifest '${key}' lists a file without a key.`);
    const rows = parseCsv(await getText(store, dataBucket, file.key), { CSVDelimiter: 'COMMA' }, limit - items.length, headers);
    for (const row of rows) items.push(row);
  }
  return items;
}

async function readAthenaManifest(store: ObjectStore, text: string, config: ReaderConfig, limit: number): Promise<unknown[]> {
  const items: unknown[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (items.length >= limit) break;
    if (line.trim() === '') continue;
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(line.trim());
    if (!match) throw itemReaderFailed(`The Athena manifest line '${line}' is not an s3://bucket/key URI.`);
    for (const item of parseObject(await getText(store, match[1], match[2]), config.InputType === undefined || config.InputType === 'MANIFEST' ? 'CSV' : config.InputType, { ...config, CSVHeaderLocation: config.CSVHeaders ? 'GIVEN' : config.CSVHeaderLocation }, limit - items.length)) {
      items.push(item);
    }
  }
  return items;
}
