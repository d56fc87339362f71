/**
 * Splits CSV text into rows of fields (RFC 4180: quoted fields may hold commas, quotes as "" and line breaks).
 * Throws an Error whose message says what is wrong (the caller names the file).
 */
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
  if (quoted) throw new Error('a quoted field is not closed; every " that opens a field needs a closing ".');
  if (field !== '' || row.length > 0) endRow();
  // Blank lines (a trailing newline, say) are not rows.
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}
