import * as fs from 'node:fs';
import { dynamoItemSize, getItemResultSize, MAX_ITEM_BYTES, MAX_NESTING, MAX_STATE_PAYLOAD_BYTES } from './item-size';

/** The list file is unusable; nothing was written. The message says what to fix. */
export class InvalidListError extends Error {
  override readonly name: string = 'InvalidListError';
}

/** The list does not fit in one DynamoDB item (400 KB); nothing was written. */
export class ListTooLargeError extends InvalidListError {
  override readonly name = 'ListTooLargeError';
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A validated list, ready to be written. */
export interface ListFile {
  readonly file: string;
  readonly format: 'json' | 'csv';
  /** The file's text (what an S3 upload sends). */
  readonly text: string;
  /** Items: JSON values, or one object of strings per CSV row. */
  readonly items: JsonValue[];
}

function readText(file: string): string {
  if (!fs.existsSync(file)) throw new InvalidListError(`${file} does not exist. Give the path of a JSON array file, e.g. --json utils/simplelist.json.`);
  if (!fs.statSync(file).isFile()) throw new InvalidListError(`${file} is not a file. Give the path of a JSON array file, e.g. --json utils/simplelist.json.`);
  return fs.readFileSync(file, 'utf8');
}

function checkJsonValue(value: JsonValue, where: string, depth: number): void {
  if (depth > MAX_NESTING) {
    throw new InvalidListError(`${where} is nested more than ${MAX_NESTING} levels deep, DynamoDB's limit. Flatten the item.`);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new InvalidListError(`${where} is a number too large for DynamoDB (${value}). Write it as a string.`);
  }
  if (Array.isArray(value)) value.forEach((v, i) => checkJsonValue(v, `${where}[${i}]`, depth + 1));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.length === 0) throw new InvalidListError(`${where} has an empty key; DynamoDB map keys must not be empty.`);
      checkJsonValue(v, `${where}.${k}`, depth + 1);
    }
  }
}

/** Reads a JSON file that must hold one array; checks it can be stored in DynamoDB (values, nesting). */
export function readJsonList(file: string): ListFile {
  const text = readText(file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new InvalidListError(`${file} is not valid JSON (${(err as Error).message}). Fix the file; it must hold one JSON array.`);
  }
  if (!Array.isArray(parsed)) {
    const kind = parsed === null ? 'null' : typeof parsed === 'object' ? 'an object' : `a ${typeof parsed}`;
    throw new InvalidListError(`${file} holds ${kind}, but the list must be a JSON array, e.g. ["Computer Science", "Economics"].`);
  }
  const items = parsed as JsonValue[];
  items.forEach((item, i) => checkJsonValue(item, `${file}: item ${i}`, 1));
  return { file, format: 'json', text, items };
}

/** The DynamoDB item that holds the list: `{<keyName>: <keyValue>, values: [...]}`. */
export function listItem(keyName: string, keyValue: string, items: readonly JsonValue[]): Record<string, JsonValue> {
  return { [keyName]: keyValue, values: [...items] };
}

/** Throws ListTooLargeError unless the list item fits DynamoDB's 400 KB item limit; returns its size in bytes. */
export function assertFitsOneItem(list: ListFile, keyName: string, keyValue: string): number {
  const bytes = dynamoItemSize(listItem(keyName, keyValue, list.items));
  if (bytes > MAX_ITEM_BYTES) {
    throw new ListTooLargeError(
      `${list.file} needs about ${bytes} bytes as one DynamoDB item, over the ${MAX_ITEM_BYTES}-byte (400 KB) item limit. ` +
        'Split the list, or use the Distributed Map mode (stepfunc.mode = "DISTRIBUTED"), which reads the list from S3 without that limit.',
    );
  }
  return bytes;
}

/**
 * A sentence when the list fits DynamoDB but not a state machine payload: GetItem returns it as DynamoDB JSON,
 * and a state input over 256 KiB fails the execution with States.DataLimitExceeded. Otherwise undefined.
 */
export function payloadWarning(list: ListFile, keyName: string, keyValue: string): string | undefined {
  const bytes = getItemResultSize(listItem(keyName, keyValue, list.items));
  if (bytes <= MAX_STATE_PAYLOAD_BYTES) return undefined;
  return (
    `Warning: as DynamoDB JSON this list takes ${bytes} bytes, over Step Functions' ${MAX_STATE_PAYLOAD_BYTES}-byte (256 KiB) payload limit, ` +
    'so an inline-mode execution will fail with States.DataLimitExceeded. Use the Distributed Map mode (stepfunc.mode = "DISTRIBUTED") for a list this size.'
  );
}

/** Splits CSV text into rows of fields (RFC 4180: quoted fields may hold commas, quotes as "" and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n') endRow();
    else if (c === '\r') {
      if (text[i + 1] === '\n') i++;
      endRow();
    } else field += c;
  }
  if (quoted) throw new InvalidListError('a quoted field is not closed; every " that opens a field needs a closing ".');
  if (field !== '' || row.length > 0) endRow();
  // Blank lines (a trailing newline, say) are not rows.
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Reads a CSV file whose first row names the columns (what the Distributed Map's CSV reader expects). */
export function readCsvList(file: string): ListFile {
  const text = readText(file);
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (err) {
    throw new InvalidListError(`${file}: ${(err as Error).message}`);
  }
  const [header, ...body] = rows;
  if (!header) throw new InvalidListError(`${file} is empty. The first row must name the columns, e.g. topic,name.`);
  const blank = header.findIndex((h) => h.trim() === '');
  if (blank >= 0) throw new InvalidListError(`${file}: column ${blank + 1} of the header row has no name. Name every column.`);
  const duplicate = header.find((h, i) => header.indexOf(h) !== i);
  if (duplicate) throw new InvalidListError(`${file}: the header row names column '${duplicate}' twice. Column names must be unique.`);
  const items = body.map((fields, r) => {
    if (fields.length !== header.length) {
      throw new InvalidListError(`${file}: row ${r + 2} has ${fields.length} fields but the header has ${header.length}. Give every row one field per column.`);
    }
    return Object.fromEntries(header.map((h, c) => [h, fields[c]]));
  });
  return { file, format: 'csv', text, items };
}
