export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

type Fields = Record<string, unknown>;

/**
 * The changed fields of an audit event as before/after pairs. Accepts the shapes a domain
 * may record: `{ before: {...}, after: {...} }`, `{ field: { before, after } }` (or
 * `{ from, to }`), and plain `{ field: value }` for values that were set from nothing.
 */
export function fieldChanges(changes: unknown): FieldChange[] {
  if (!isFields(changes)) return [];
  if (isFields(changes['before']) || isFields(changes['after'])) {
    const before = isFields(changes['before']) ? changes['before'] : {};
    const after = isFields(changes['after']) ? changes['after'] : {};
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return fields.map((field) => ({
      field,
      before: before[field],
      after: after[field],
    }));
  }
  return Object.entries(changes).map(([field, value]) => {
    if (isFields(value) && ('before' in value || 'after' in value))
      return { field, before: value['before'], after: value['after'] };
    if (isFields(value) && ('from' in value || 'to' in value))
      return { field, before: value['from'], after: value['to'] };
    return { field, before: undefined, after: value };
  });
}

/** A value as a person reads it in the details table. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
