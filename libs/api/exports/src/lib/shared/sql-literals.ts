/**
 * COPY ... TO STDOUT takes no bind parameters, so an export's statement carries its filter as
 * literals. Only values already validated to a strict shape (instants, UUIDs) reach these
 * helpers, and each is quoted as well, so nothing a caller typed is ever spliced in raw.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string) => UUID.test(value);

export function instantLiteral(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new Error('An export instant is not a valid date');
  return `'${at.toISOString()}'::timestamptz`;
}

export function uuidArrayLiteral(ids: readonly string[]): string {
  for (const id of ids) if (!isUuid(id)) throw new Error(`"${id}" is not a UUID`);
  return `'{${ids.join(',')}}'::uuid[]`;
}

/** ISO 8601 in UTC with a Z, the same text in CSV and JSON lines whatever the session's settings. */
export const utcText = (expression: string) =>
  `to_char((${expression}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
