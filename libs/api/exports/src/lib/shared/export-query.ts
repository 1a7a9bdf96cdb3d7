/**
 * One export as SQL: the columns in file order and the FROM ... ORDER BY that feeds them. The
 * same query serves CSV (COPY of the columns) and JSON lines (one json_build_object per row).
 */
export interface ExportQuery {
  /** [column name, SQL expression]; `json` says how the value is typed in JSON lines. */
  columns: { name: string; sql: string; json: 'text' | 'number' }[];
  /** Everything after the select list: FROM, WHERE, GROUP BY and ORDER BY. */
  body: string;
  /** The same rows without their order, for counting. */
  unorderedBody: string;
}

export function csvStatement(query: ExportQuery): string {
  const select = query.columns.map((column) => `${column.sql} AS ${column.name}`).join(', ');
  return `COPY (SELECT ${select} ${query.body}) TO STDOUT WITH (FORMAT csv, HEADER)`;
}

export function jsonLinesStatement(query: ExportQuery): string {
  const pairs = query.columns
    .map(
      (column) =>
        `'${column.name}', ${column.json === 'number' ? `(${column.sql})::numeric` : `(${column.sql})::text`}`,
    )
    .join(', ');
  return `SELECT json_build_object(${pairs})::text AS line ${query.body}`;
}

export function countStatement(query: ExportQuery): string {
  return `SELECT count(*)::bigint AS rows FROM (SELECT 1 ${query.unorderedBody}) counted`;
}
