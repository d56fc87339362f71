import * as fs from 'node:fs';
import { constants } from 'node:buffer';
import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import { isLosslessNumber, parse, type LosslessNumber } from 'lossless-json';
import { AWS_LIMITS } from './aws-limits';

/** The list file is unusable; nothing was written. The message says what to fix. */
export class InvalidListError extends Error {
  override readonly name: string = 'InvalidListError';
}

/** The list is valid but more than the chosen Map mode can process; nothing was written. */
export class ListTooLargeError extends InvalidListError {
  override readonly name = 'ListTooLargeError';
}

/** A value of the list as the file holds it: numbers keep their exact text (`LosslessNumber`; plain numbers are accepted too). */
export type ListValue = string | boolean | null | LosslessNumber | number | ListValue[] | { [key: string]: ListValue };

/** A parsed list, ready to be checked against the Map mode and written. */
export interface ListFile {
  readonly file: string;
  readonly format: 'json' | 'csv';
  /** The file's text (what an S3 upload sends). */
  readonly text: string;
  /** Items: JSON values, or one object of strings per CSV row. */
  readonly items: ListValue[];
  /** CSV: the header row's column names. */
  readonly columns?: readonly string[];
  /** What the user should know about how Step Functions will read the file (printed as notes; nothing is refused). */
  readonly notes?: readonly string[];
}

export { isLosslessNumber };

/** The largest file the loader reads: it holds the file as one string to check it (Node's string limit). */
export const MAX_READABLE_BYTES = constants.MAX_STRING_LENGTH;

function readText(file: string, kind: string): string {
  if (!fs.existsSync(file)) throw new InvalidListError(`${file} does not exist. Give the path of ${kind}, e.g. --json utils/simplelist.json.`);
  const stat = fs.statSync(file);
  if (!stat.isFile()) throw new InvalidListError(`${file} is not a file. Give the path of ${kind}, e.g. --json utils/simplelist.json.`);
  if (stat.size > MAX_READABLE_BYTES) {
    throw new ListTooLargeError(
      `${file} has ${stat.size} bytes; this loader reads a list whole to check it and holds at most ${MAX_READABLE_BYTES}. ` +
        `For one DynamoDB item that is far too large anyway; for the Distributed Map (which reads up to ${AWS_LIMITS.itemReaderFileBytes.label}) ` +
        'upload it with `aws s3 cp <file> s3://<ItemsBucketName>/<stepfunc.distributed.itemsKey>`.',
    );
  }
  return fs.readFileSync(file, 'utf8');
}

/** Line and column (1-based) of a character position, for parse errors. */
function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/** Reads a JSON file that must hold one array, keeping every number's text exactly as written. */
export function readJsonList(file: string): ListFile {
  const text = readText(file, 'a JSON array file');
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const at = /at position (\d+)/.exec(message);
    const where = at ? ` at ${lineAndColumn(text, Number(at[1]))}` : '';
    throw new InvalidListError(`${file} is not valid JSON${where} (${message.replace(/ at position \d+$/, '')}). Fix the file; it must hold one JSON array.`);
  }
  if (!Array.isArray(parsed)) {
    const kind = parsed === null ? 'null' : isLosslessNumber(parsed) ? 'a number' : typeof parsed === 'object' ? 'an object' : `a ${typeof parsed}`;
    throw new InvalidListError(`${file} holds ${kind}, but the list must be a JSON array, e.g. ["Computer Science", "Economics"].`);
  }
  return { file, format: 'json', text, items: parsed as ListValue[] };
}

/**
 * How Step Functions reads a CSV row whose field count differs from the header's: missing fields are empty strings,
 * fields beyond the header are skipped. https://docs.aws.amazon.com/step-functions/latest/dg/example-csv-parse-dist-map.html
 */
const CSV_RULES = 'https://docs.aws.amazon.com/step-functions/latest/dg/example-csv-parse-dist-map.html';

/** Reads a CSV file whose first row names the columns (what the Distributed Map's CSV reader expects). */
export function readCsvList(file: string): ListFile {
  const text = readText(file, 'a CSV file');
  let rows: string[][];
  try {
    // RFC 4180 fields; a UTF-8 byte order mark is not part of the first column's name; blank lines are not rows;
    // a quote inside an unquoted field is kept as a character; rows may have fewer or more fields than the header.
    rows = parseCsv(text, { bom: true, skip_empty_lines: true, relax_quotes: true, relax_column_count: true });
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const problem =
      err.code === 'CSV_QUOTE_NOT_CLOSED'
        ? `a quoted field is not closed by the end of the file (it opens on or before line ${err.lines}); every " that opens a field needs a closing ".`
        : `${err.message.replace(/\.?$/, '')}. Fix the file.`;
    throw new InvalidListError(`${file}: ${problem}`);
  }
  const [header, ...body] = rows;
  if (!header) throw new InvalidListError(`${file} is empty. The first row must name the columns, e.g. topic,name.`);
  const blank = header.findIndex((h) => h.trim() === '');
  if (blank >= 0) throw new InvalidListError(`${file}: column ${blank + 1} of the header row has no name. Name every column.`);
  const duplicate = header.find((h, i) => header.indexOf(h) !== i);
  if (duplicate) throw new InvalidListError(`${file}: the header row names column '${duplicate}' twice. Column names must be unique.`);
  const short = body.flatMap((fields, r) => (fields.length < header.length ? [r + 2] : []));
  const long = body.flatMap((fields, r) => (fields.length > header.length ? [r + 2] : []));
  const items = body.map((fields) => Object.fromEntries(header.map((h, c) => [h, fields[c] ?? ''])));
  const rowsOf = (numbers: number[]) => `${numbers.length} row${numbers.length === 1 ? '' : 's'} (${numbers.length === 1 ? 'row' : 'first: row'} ${numbers[0]})`;
  const notes = [
    ...(short.length > 0 ? [`${file}: ${rowsOf(short)} ${short.length === 1 ? 'has' : 'have'} fewer fields than the header; Step Functions reads the missing ones as empty strings (${CSV_RULES}).`] : []),
    ...(long.length > 0 ? [`${file}: ${rowsOf(long)} ${long.length === 1 ? 'has' : 'have'} more fields than the header; Step Functions skips the extra ones (${CSV_RULES}).`] : []),
  ];
  return { file, format: 'csv', text, items, columns: header, ...(notes.length > 0 && { notes }) };
}
