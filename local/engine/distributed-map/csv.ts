/**
 * Text-delimited files as Step Functions reads them (Developer Guide, "How Step Functions parses input CSV files"):
 * - the field delimiter is CSVDelimiter (COMMA by default, PIPE, SEMICOLON, SPACE, TAB); newlines separate records;
 * - every field is a string;
 * - a field that starts with a double quote may hold delimiters and newlines; `""` is one quote (inside such a
 *   field and, as the page's example `{""MyKey"":""MyValue""}` shows, outside one);
 * - a backslash escapes a backslash, a double quote or the delimiter, inside or outside quotes; a backslash
 *   followed by any other character is dropped (the character stays);
 * - a row with fewer fields than the header gets empty strings, a row with more has the extra fields skipped.
 *
 * csv-parse 7 was checked against these rules and differs: its `escape` applies only inside quoted fields, so
 * `a\,b` outside quotes stays two fields with a backslash kept (AWS: one field `a,b`). Hence this small tokenizer.
 *
 * Assumed where the page is silent: `\r\n` and a lone `\r` end a record like `\n`; an entirely empty line is no
 * record (a line of spaces is one: recorded AWS runs give `"   "` for the first column of such a line); a quote
 * that does not start a field is an ordinary character.
 */

export const CSV_DELIMITERS: Readonly<Record<string, string>> = { COMMA: ',', PIPE: '|', SEMICOLON: ';', SPACE: ' ', TAB: '\t' };

/** Splits CSV text into records of string fields, one record at a time (memory: one record). */
export function* csvRecords(text: string, delimiter = ','): Generator<string[]> {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const record: string[] = [];
    let field = '';
    let quoted = false;
    let fieldStart = true;
    let lineHasContent = false;
    for (; i < n; i++) {
      const c = text[i];
      if (c === '\\' && i + 1 < n) {
        // A backslash keeps the next character (itself dropped), whatever it is.
        field += text[++i];
        fieldStart = false;
        lineHasContent = true;
        continue;
      }
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else {
            quoted = false;
          }
        } else {
          field += c;
        }
        continue;
      }
      if (c === '"' && fieldStart) {
        quoted = true;
        fieldStart = false;
        lineHasContent = true;
        continue;
      }
      if (c === delimiter) {
        record.push(field);
        field = '';
        fieldStart = true;
        lineHasContent = true;
        continue;
      }
      if (c === '\n' || c === '\r') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        i++;
        break;
      }
      if (c === '\\') continue; // a trailing backslash at the end of the text
      // Outside quotes too, a doubled quote is one quote (the documented example: {""MyKey"":""MyValue""}).
      if (c === '"' && text[i + 1] === '"') i++;
      field += c;
      fieldStart = false;
      lineHasContent = true;
    }
    if (!lineHasContent) continue;
    record.push(field);
    yield record;
  }
}

/**
 * The Java `String.hashCode` of a header, as `HashMap` spreads it (`h ^ (h >>> 16)`).
 */
function spreadHash(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return h ^ (h >>> 16);
}

/**
 * The order in which AWS writes the keys of a CSV item. Recorded AWS executions give `{"0":…,"{}":…,"True":…}` for
 * the header row `0,True,{}` and `{"":…,"H1":…}` for `H1,`: neither the header order nor a sorted one, but exactly
 * the iteration order of a Java `HashMap` filled in header order (bucket by spread hash at the table size the map
 * has grown to, ties in insertion order). We reproduce that order; it is an inference from those recordings.
 */
export function hashMapOrder(keys: readonly string[]): string[] {
  const distinct = [...new Set(keys)];
  let capacity = 16;
  while (distinct.length > capacity * 0.75) capacity *= 2;
  return distinct
    .map((key, index) => ({ key, index, bucket: spreadHash(key) & (capacity - 1) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((entry) => entry.key);
}

/**
 * Builds items from records: each a new object with the header's keys in AWS's order and the row's fields (`""`
 * for a missing one; extra fields skipped). The key order is computed once for all rows.
 */
export function rowBuilder(headers: readonly string[]): (row: readonly string[]) => Record<string, string> {
  const order = hashMapOrder(headers);
  // The last column of a header name decides its value (a duplicate is refused before this is used).
  const columnOf = new Map(headers.map((h, i) => [h, i] as const));
  const columns = order.map((key) => [key, columnOf.get(key)!] as const);
  return (row) => {
    const item: Record<string, string> = {};
    for (const [key, column] of columns) item[key] = column < row.length ? row[column] : '';
    return item;
  };
}
