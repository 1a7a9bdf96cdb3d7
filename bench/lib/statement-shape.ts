/**
 * A statement as a reader of the timings wants it: Prisma's quoting and qualified names dropped,
 * select lists, VALUES lists and IN lists elided, so the same query with a different number of
 * rows or ids (Prisma writes one VALUES list per row) reads as one kind of statement.
 */
export function statementShape(sql: string): string {
  return sql
    .replace(/"public"\./g, '')
    .replace(/"/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\$\d+/g, '?')
    .replace(/\b[a-z_]+\.(?=[a-z_])/g, '')
    .replace(/ AND 1=1/g, '')
    .replace(/ (LIMIT \? )?OFFSET \?/g, '')
    .replace(/IN \([?,\s]+\)/g, 'IN (…)')
    .replace(/^SELECT .*? FROM /, 'SELECT … FROM ')
    .replace(
      /^INSERT INTO (\S+) \(.*?\) VALUES .*?( ON CONFLICT DO NOTHING)?( RETURNING .*)?$/,
      (_, table: string, conflict?: string, returning?: string) =>
        `INSERT INTO ${table} (…) VALUES (…)${conflict ?? ''}${returning ? ' RETURNING …' : ''}`,
    )
    .replace(
      /^UPDATE (\S+) SET .*? WHERE (.*?)( RETURNING .*)?$/,
      (_, table: string, where: string, returning?: string) =>
        `UPDATE ${table} SET … WHERE ${where}${returning ? ' RETURNING …' : ''}`,
    );
}
