/** A table of figures, rendered as aligned text for the terminal or as GitHub Markdown for docs/BENCHMARKS.md. */

export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Per column: 'right' for figures. @default 'left' for every column */
  readonly align?: readonly ('left' | 'right')[];
  /** Sentences under the table: how the figures were measured, what they leave out. */
  readonly notes?: readonly string[];
}

function cell(row: readonly string[], index: number): string {
  return row[index] ?? '';
}

function assertShape(table: Table): void {
  for (const row of table.rows) {
    if (row.length > table.columns.length) {
      throw new Error(`Table '${table.title}': a row has ${row.length} cells for ${table.columns.length} columns.`);
    }
  }
}

/** Columns padded to their widest cell; a rule under the header; notes indented below. */
export function renderText(table: Table): string {
  assertShape(table);
  const widths = table.columns.map((c, i) => Math.max(c.length, ...table.rows.map((r) => cell(r, i).length)));
  const line = (row: readonly string[]) =>
    widths
      .map((w, i) => (table.align?.[i] === 'right' ? cell(row, i).padStart(w) : cell(row, i).padEnd(w)))
      .join('  ')
      .trimEnd();
  const out = [table.title, '', line(table.columns), widths.map((w) => '-'.repeat(w)).join('  '), ...table.rows.map(line)];
  for (const note of table.notes ?? []) out.push(`  * ${note}`);
  return out.join('\n');
}

/** A `|`-separated table; `|` in cells is escaped, so any text is safe. */
export function renderMarkdown(table: Table, headingLevel = 3): string {
  assertShape(table);
  const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const row = (cells: readonly string[]) => `| ${table.columns.map((_, i) => escape(cell(cells, i))).join(' | ')} |`;
  const rule = `| ${table.columns.map((_, i) => (table.align?.[i] === 'right' ? '---:' : '---')).join(' | ')} |`;
  const out = [`${'#'.repeat(headingLevel)} ${table.title}`, '', row(table.columns), rule, ...table.rows.map(row)];
  if (table.notes && table.notes.length > 0) out.push('', ...table.notes.map((n) => `- ${n}`));
  return out.join('\n');
}
