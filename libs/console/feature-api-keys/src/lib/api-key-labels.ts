import type { ApiKeyScope, ApiKeyStatus } from '@warbler/console/data-access';

export const SCOPES: readonly { value: ApiKeyScope; label: string; hint: string }[] = [
  { value: 'USAGE_WRITE', label: 'Send usage', hint: 'POST usage events (usage:write)' },
  { value: 'QUOTA_READ', label: 'Read quotas', hint: 'Check remaining quota before acting (quota:read)' },
];

export const SCOPE_LABELS: Record<ApiKeyScope, string> = { USAGE_WRITE: 'usage:write', QUOTA_READ: 'quota:read' };

export const STATUS_LABELS: Record<ApiKeyStatus, string> = { ACTIVE: 'Active', EXPIRED: 'Expired', REVOKED: 'Revoked' };

/** How a key is recognised in lists and logs; the secret part is never shown again. */
export function maskedKey(prefix: string): string {
  return `wbk_${prefix}_…`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "3 hours ago", "yesterday", "just now": how long since a key was last used. */
export function relativeTime(iso: string, now: Date, locale?: string): string {
  const seconds = (new Date(iso).getTime() - now.getTime()) / 1000;
  if (Math.abs(seconds) < 60) return 'just now';
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const [unit, size] = UNITS.find(([, unitSeconds]) => Math.abs(seconds) >= unitSeconds) ?? UNITS[UNITS.length - 1];
  return format.format(Math.round(seconds / size), unit);
}
