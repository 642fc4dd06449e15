/** Formats rows the way psql prints a query result: a header, a rule, aligned columns, a row count. */
export function textTable(columns: string[], rows: Array<Array<string | number | null>>): string {
  const cells = rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell))));
  const widths = columns.map((column, i) =>
    Math.max(column.length, ...cells.map((row) => row[i].length)),
  );
  const line = (values: string[]) =>
    ` ${values.map((value, i) => value.padEnd(widths[i])).join(' | ')}`.trimEnd();
  return [
    line(columns),
    widths.map((width) => '-'.repeat(width + 2)).join('+'),
    ...cells.map(line),
    `(${rows.length} ${rows.length === 1 ? 'row' : 'rows'})`,
  ].join('\n');
}
