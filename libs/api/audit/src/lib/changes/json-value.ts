import type { Prisma } from '@warbler/api/core';

/**
 * The JSON form of a record's field values as they are stored and hashed: dates as ISO
 * strings, bigints and decimals as strings, undefined fields left out. Normalising before
 * hashing is what makes the hash of a stored jsonb value recomputable after reading it.
 */
export function toJsonValue(value: unknown): Prisma.JsonValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'object') {
    const withToJson = value as { toJSON?: () => unknown };
    if (typeof withToJson.toJSON === 'function') return toJsonValue(withToJson.toJSON());
    const result: Record<string, Prisma.JsonValue> = {};
    for (const [key, field] of Object.entries(value)) {
      if (field !== undefined) result[key] = toJsonValue(field);
    }
    return result;
  }
  throw new TypeError(`An audit value cannot hold a ${typeof value}`);
}
